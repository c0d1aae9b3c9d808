// A server that cannot bind its port because another process of the same network namespace holds it
// (two containers of one pod listening on one port: they share the pod's IP and localhost). Each
// server gives up in its own words, with exit status 1:
// - nginx (ngx_open_listening_sockets): every listen socket is tried 5 times, 500 ms apart, each
//   failure logged as `[emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)` (musl's
//   strerror says `Address in use`) to the error log and as `nginx: [emerg] ...` on stderr, then
//   `still could not bind()`. The official image listens on [::]:80 too.
// - httpd: `(98)Address already in use: AH00072: make_sock: could not bind to address [::]:80`, then
//   `no listening sockets available, shutting down`.
// - redis: `Warning: Could not create server TCP listening socket *:6379: bind: Address already in use`.
import type { Millis } from '../clock.js'
import type { Userland } from './images.js'
import type { LogLine, ProcessPlan } from './shell.js'

const NGINX_TRIES = 5
const NGINX_RETRY: Millis = 500

/** The plan of `plan`'s server when `port` is taken: its logs up to the failure, exit 1, no ports. */
export function bindFailurePlan(plan: ProcessPlan, port: number, userland: Userland): ProcessPlan {
  const start = plan.logs.filter((l) => l.stamp === undefined && l.stream === 'stdout') // entrypoint lines before the server runs
  const at = start.length ? start[start.length - 1].at : 0
  const logs: LogLine[] = [...start]
  let end = at
  switch (plan.server) {
    case 'nginx':
    case 'nginx-hello': {
      const why = userland === 'debian' ? 'Address already in use' : 'Address in use'
      const addresses = plan.server === 'nginx' ? [`0.0.0.0:${port}`, `[::]:${port}`] : [`0.0.0.0:${port}`]
      for (let i = 0; i < NGINX_TRIES; i++) {
        const t = at + i * NGINX_RETRY
        for (const a of addresses) {
          logs.push({ at: t, stream: 'stderr', stamp: 'nginx', text: `[emerg] 1#1: bind() to ${a} failed (98: ${why})` })
          logs.push({ at: t, stream: 'stderr', text: `nginx: [emerg] bind() to ${a} failed (98: ${why})` })
        }
        logs.push({ at: t, stream: 'stderr', stamp: 'nginx', text: '[notice] 1#1: try again to bind() after 500ms' })
      }
      end = at + NGINX_TRIES * NGINX_RETRY
      logs.push({ at: end, stream: 'stderr', stamp: 'nginx', text: '[emerg] 1#1: still could not bind()' })
      logs.push({ at: end, stream: 'stderr', text: 'nginx: [emerg] still could not bind()' })
      break
    }
    case 'httpd':
      logs.push({ at, stream: 'stderr', text: `(98)Address already in use: AH00072: make_sock: could not bind to address [::]:${port}` })
      logs.push({ at, stream: 'stderr', text: `(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:${port}` })
      logs.push({ at, stream: 'stderr', text: 'no listening sockets available, shutting down' })
      logs.push({ at, stream: 'stderr', text: 'AH00015: Unable to open logs' })
      break
    case 'redis':
      logs.push(...plan.logs.filter((l) => l.stamp === 'redis-C'))
      logs.push({ at, stream: 'stdout', stamp: 'redis-M', text: `# Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use` })
      logs.push({ at, stream: 'stdout', stamp: 'redis-M', text: `# Failed listening on port ${port} (tcp), aborting.` })
      break
    default:
      logs.push({ at, stream: 'stderr', text: `bind: Address already in use` })
  }
  return { ...plan, logs, cycle: undefined, exit: { at: end, code: 1 }, ports: [], onStop: { kind: 'ignored' } }
}
