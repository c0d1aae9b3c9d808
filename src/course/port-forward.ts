// `kubelings kubectl port-forward ...`: real listeners on 127.0.0.1 and [::1] (as kubectl's default
// --address localhost) that answer every connection with what the simulated pod answers, so a
// browser or curl on this machine reaches the pod. Each connection opens the playground, brings its
// clock to now, and asks the pod (src/cluster/kubelet/serve.ts); the pod is chosen once, as kubectl
// chooses it, and when it is gone the session ends with kubectl's `error: lost connection to pod`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SimulatedCluster } from '../cluster/cluster.js'
import { answerInPod, runningPod } from '../cluster/kubelet/serve.js'
import type { HttpAnswer } from '../cluster/runtime/http.js'
import { parseArgs } from '../kubectl/args.js'
import portForward, { planPortForward, type ForwardedPort, type PortForwardPlan } from '../kubectl/cmd/port-forward.js'
import { KubectlError, type KubectlContext } from '../kubectl/context.js'
import type { KubectlIO } from '../kubectl/io.js'
import { defaultNamespace } from '../kubectl/kubeconfig.js'
import { reportFailure } from './failure.js'
import type { Lang } from './i18n.js'
import { Playground, playgroundIO, withPlaygroundLock } from './playground.js'
import type { Workspace } from './workspace.js'

/** What one connection to the forwarded pod gets: an answer, or the end of the session. */
export type ForwardAnswer = HttpAnswer | { kind: 'lost' }

export interface ForwardSession {
  /** The ports as bound (a local 0 replaced by the port the system gave). */
  readonly ports: readonly ForwardedPort[]
  /** Resolves when the session ends: 0 after close(), 1 after the pod was lost. */
  readonly done: Promise<number>
  close(): void
}

export interface ForwardIO {
  out(text: string): void
  err(text: string): void
}

/** The answer of the pod of `plan` to one request, read from `cluster` as it is now. */
export function answerForward(cluster: SimulatedCluster, plan: PortForwardPlan, remote: number, req: { method: string; path: string; userAgent?: string }): ForwardAnswer {
  const pod = cluster.object('pods', plan.namespace, plan.pod)
  if (!pod || pod.metadata.uid !== plan.uid || pod.metadata.deletionTimestamp) return { kind: 'lost' }
  const running = runningPod(cluster, pod)
  if (!running || !cluster.isRunning(running.kubelet.name)) return { kind: 'lost' }
  // The kubelet's port-forward dials localhost inside the pod's network namespace.
  return answerInPod(running, remote, { method: req.method, path: req.path, clientIP: '127.0.0.1', userAgent: req.userAgent }, cluster.now())
}

/** kubectl's per-connection error when nothing listens on the remote port (portforward.go; klog header left out). */
const refusedError = (plan: PortForwardPlan, p: ForwardedPort): string =>
  `an error occurred forwarding ${p.local} -> ${p.remote}: error forwarding port ${p.remote} to pod ${plan.uid}, uid : failed to connect to localhost:${p.remote} inside namespace of pod ${plan.pod}, IPv4: dial tcp4 127.0.0.1:${p.remote}: connect: connection refused IPv6 dial tcp6 [::1]:${p.remote}: connect: connection refused\n`

function reply(answer: Exclude<ForwardAnswer, { kind: 'lost' | 'refused' }>, res: ServerResponse): void {
  if (answer.kind === 'not-http') {
    res.socket?.end(answer.raw)
    return
  }
  res.writeHead(answer.status, answer.reason, answer.headers.map(([k, v]) => [k, v]).flat())
  res.end(answer.body)
}

async function listen(server: Server, host: string, port: number): Promise<number | Error> {
  return new Promise((resolve) => {
    const onError = (e: Error): void => resolve(e)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/**
 * Listen on every local port of `plan` and answer with `answer`. Rejects with kubectl's error when
 * no port could be bound on either address.
 */
export async function startForwarding(plan: PortForwardPlan, answer: (remote: number, req: { method: string; path: string; userAgent?: string }) => ForwardAnswer, io: ForwardIO): Promise<ForwardSession> {
  const servers: Server[] = []
  const bound: ForwardedPort[] = []
  let finish: (code: number) => void = () => {}
  const done = new Promise<number>((resolve) => { finish = resolve })
  const close = (code: number): void => {
    for (const s of servers) s.close()
    for (const s of servers) s.closeAllConnections()
    finish(code)
  }
  for (const p of plan.ports) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      io.out(`Handling connection for ${local}\n`)
      const a = answer(p.remote, { method: req.method ?? 'GET', path: req.url ?? '/', userAgent: req.headers['user-agent'] })
      if (a.kind === 'lost') {
        res.socket?.destroy()
        io.err('error: lost connection to pod\n')
        close(1)
        return
      }
      if (a.kind === 'refused') {
        io.err(refusedError(plan, { local, remote: p.remote }))
        res.socket?.destroy()
        return
      }
      reply(a, res)
    }
    const v4 = createServer(handler)
    const first = await listen(v4, '127.0.0.1', p.local)
    let local = typeof first === 'number' ? first : p.local
    const v6 = createServer(handler)
    const second = await listen(v6, '::1', local)
    const errors = [first, second].filter((x): x is Error => x instanceof Error)
    if (typeof first === 'number') servers.push(v4)
    if (typeof second === 'number') servers.push(v6)
    if (errors.length === 2) {
      close(1)
      const why = errors.map((e, i) => `unable to create listener: Error listen ${i === 0 ? 'tcp4 127.0.0.1' : 'tcp6 [::1]'}:${p.local}: bind: address already in use`).join(' ')
      io.err(`Unable to listen on port ${p.local}: Listeners failed to create with the following errors: [${why}]\n`)
      throw new KubectlError(`error: unable to listen on any of the requested ports: [{${p.local} ${p.remote}}]`)
    }
    if (typeof second !== 'number') local = first as number
    bound.push({ local, remote: p.remote })
    // As kubectl: one line per address it could bind.
    if (typeof first === 'number') io.out(`Forwarding from 127.0.0.1:${local} -> ${p.remote}\n`)
    if (typeof second === 'number') io.out(`Forwarding from [::1]:${local} -> ${p.remote}\n`)
  }
  return { ports: bound, done, close: () => close(0) }
}

/** The `kubectl` context for the playground's cluster (as runKubectl builds it). */
function contextFor(cluster: SimulatedCluster, namespace: string, io: ForwardIO, files: KubectlIO): KubectlContext {
  return { cluster, api: cluster.api, io: files, namespace: namespace || defaultNamespace(cluster, files), namespaceGiven: namespace !== '', now: () => cluster.now(), out: io.out, err: io.err }
}

/** `kubelings kubectl [global flags] port-forward ...` from the command line; resolves to the exit code. */
export async function portForwardMain(ws: Workspace, argv: readonly string[], cwd: string, lang: Lang): Promise<number> {
  const io: ForwardIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }
  try {
    const at = argv.indexOf('port-forward')
    const parsed = parseArgs([...argv.slice(0, at), ...argv.slice(at + 1)], portForward.flags)
    if (!parsed.ok) {
      io.err(`Error: ${parsed.error}\nSee 'kubectl port-forward --help' for usage.\n`)
      return 1
    }
    const namespace = typeof parsed.value.flags['namespace'] === 'string' ? (parsed.value.flags['namespace'] as string) : ''
    const plan = withPlaygroundLock(ws, lang, () => {
      const p = Playground.open(ws, lang)
      p.cluster.settle()
      const planned = planPortForward(contextFor(p.cluster, namespace, io, playgroundIO(ws, cwd)), parsed.value)
      p.save()
      return planned
    })
    const answer = (remote: number, req: { method: string; path: string; userAgent?: string }): ForwardAnswer =>
      withPlaygroundLock(ws, lang, () => {
        const p = Playground.open(ws, lang)
        const a = answerForward(p.cluster, plan, remote, req)
        p.save()
        return a
      })
    const session = await startForwarding(plan, answer, io)
    const stop = (): void => session.close()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const code = await session.done
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    return code
  } catch (e) {
    if (e instanceof KubectlError) {
      io.err(e.message.endsWith('\n') ? e.message : `${e.message}\n`)
      return e.exitCode
    }
    return reportFailure(e, lang)
  }
}

