// kubectl port-forward (staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go): pick the pod
// (pod/NAME, or the first pod of a Deployment, ReplicaSet or Service), turn Service ports into the
// container ports they target and named ports into numbers, refuse a pod that is not running, and
// print `Forwarding from 127.0.0.1:L -> R` and `Forwarding from [::1]:L -> R` per port. Listening is
// I/O: `kubelings kubectl port-forward` hands the plan to src/course/port-forward.ts, which opens the
// real listeners and answers each connection from the simulated pod. Run through the programmatic
// API, the command checks and prints the same, and ends as if interrupted at once.
import type { Pod, Service } from 'kubernetes-types/core/v1.js'
import type { StoredObject } from '../../cluster/object.js'
import type { ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { podFor } from './exec.js'
import { HELP_TEXTS } from '../help-texts.js'

/** One forwarded port: local 0 means a random free port. */
export interface ForwardedPort {
  readonly local: number
  readonly remote: number
}

export interface PortForwardPlan {
  readonly namespace: string
  readonly pod: string
  readonly uid: string
  readonly ports: readonly ForwardedPort[]
}

const usageError = (message: string): KubectlError => new KubectlError(`error: ${message}\nSee 'kubectl port-forward -h' for help and examples`)

/** `Forwarding from ...` for every port and both loopback addresses, as kubectl prints them once listening. */
export const forwardingLines = (ports: readonly ForwardedPort[]): string =>
  ports.map((p) => `Forwarding from 127.0.0.1:${p.local} -> ${p.remote}\nForwarding from [::1]:${p.local} -> ${p.remote}\n`).join('')

/** Check everything kubectl checks before it listens, and say what to forward where. */
export function planPortForward(ctx: KubectlContext, args: ParsedArgs): PortForwardPlan {
  const [resource, ...specs] = [...args.positionals, ...args.rest]
  if (resource === undefined || specs.length === 0) throw usageError('TYPE/NAME and list of ports are required for port-forward')
  const pod = podFor(ctx, resource) as StoredObject & Pod
  const svcName = /^(?:svc|service|services)\/(.+)$/.exec(resource)?.[1]
  const got = svcName ? ctx.api.get(KUBECTL, 'services', ctx.namespace, svcName) : undefined
  const svc = got?.ok ? (got.value as StoredObject & Service) : undefined
  const ports = specs.map((spec) => translatePort(spec, pod, svc))
  const phase = pod.status?.phase
  if (phase !== 'Running') throw new KubectlError(`error: unable to forward port because pod is not running. Current status=${phase ?? 'Pending'}`)
  return { namespace: pod.metadata.namespace ?? ctx.namespace, pod: pod.metadata.name, uid: pod.metadata.uid, ports }
}

function parsePort(text: string, which: 'local' | 'remote'): number {
  if (!/^\d+$/.test(text)) throw new KubectlError(`error: Error parsing ${which} port '${text}': strconv.ParseUint: parsing "${text}": invalid syntax`)
  const n = Number(text)
  if (n > 65535) throw new KubectlError(`error: Error parsing ${which} port '${text}': strconv.ParseUint: parsing "${text}": value out of range`)
  if (which === 'remote' && n === 0) throw new KubectlError(`error: Remote port must be > 0`)
  return n
}

/** `[LOCAL:]REMOTE`, REMOTE a Service port (→ its target container port) or a pod port by number or name. */
function translatePort(spec: string, pod: Pod, svc: Service | undefined): ForwardedPort {
  const colon = spec.indexOf(':')
  const localText = colon < 0 ? spec : spec.slice(0, colon)
  const remoteText = colon < 0 ? spec : spec.slice(colon + 1)
  let remote: number
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p) => String(p.port) === remoteText || p.name === remoteText)
    if (!sp) throw new KubectlError(/^\d+$/.test(remoteText) ? `error: Service ${svc.metadata?.name} does not have a service port ${remoteText}` : `error: Service '${svc.metadata?.name}' does not have a named port '${remoteText}'`)
    const target = sp.targetPort ?? sp.port
    remote = typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : namedPort(pod, target)
  } else remote = /^\d+$/.test(remoteText) ? parsePort(remoteText, 'remote') : namedPort(pod, remoteText)
  const local = colon < 0 ? (svc || !/^\d+$/.test(remoteText) ? Number(remoteText) || remote : remote) : localText === '' ? 0 : parsePort(localText, 'local')
  return { local, remote }
}

function namedPort(pod: Pod, name: string): number {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort
  throw new KubectlError(`error: Pod '${pod.metadata?.name}' does not have a named port '${name}'`)
}

const portForward: KubectlCommand = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  help: HELP_TEXTS['port-forward'],
  flags: [
    { name: 'address', type: 'stringArray' },
    { name: 'pod-running-timeout', type: 'duration' },
  ],
  run(ctx, args) {
    const plan = planPortForward(ctx, args)
    ctx.out(forwardingLines(plan.ports))
    return 0
  },
}

export default portForward
