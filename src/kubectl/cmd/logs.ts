// kubectl logs (pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go) and the answers of the
// apiserver's pod log REST and the kubelet: an unscheduled pod has no log location (empty output),
// a container that has not started is `waiting to start`, no previous instance is `not found`.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagInt, flagString } from '../args.js'
import { KUBECTL, KubectlError, formatStatusError, type KubectlCommand, type KubectlContext } from '../context.js'
import { goSort } from '../describe/sort.js'
import { containerLogs } from '../objects/logs.js'
import { resolveType } from '../resolve.js'
import { HELP_TEXTS } from '../help-texts.js'

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'

const usageError = (message: string): KubectlError => new KubectlError(`error: ${message}\nSee 'kubectl logs -h' for help and examples`)

const logs: KubectlCommand = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  help: HELP_TEXTS.logs,
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'duration' },
    { name: 'all-containers', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-running-timeout', type: 'duration' },
  ],
  run(ctx, args) {
    const [resource, inlineContainer, ...extra] = args.positionals
    const selector = flagString(args, 'selector')
    if (resource === undefined && selector === '') throw usageError(`expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`)
    if (extra.length > 0) throw usageError(`expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`)
    if (resource !== undefined && inlineContainer === undefined && selector !== '') throw usageError('only a selector (-l) or a POD name is allowed')
    // With POD and CONTAINER, the builder gets pods/POD and the selector, and refuses both.
    if (inlineContainer !== undefined && extra.length === 0 && selector !== '') throw new KubectlError('error: selectors and the all flag cannot be used when passing resource/name arguments')
    if (inlineContainer !== undefined && args.flags['container'] !== undefined) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed')
    let tail = flagInt(args, 'tail', -1)
    if (tail < -1) throw new KubectlError('error: --tail must be greater than or equal to -1')
    const previous = flagBool(args, 'previous')
    const container = inlineContainer ?? flagString(args, 'container')
    if (resource !== undefined) return printPodLogs(ctx, podFor(ctx, resource), container, previous, tail)
    // A selector: every matching pod, the last 10 lines of each unless --tail says otherwise. Upstream
    // reads them from a Go map (random order); here in list order.
    const listed = ctx.api.list(KUBECTL, 'pods', { namespace: ctx.namespace, labelSelector: selector })
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.error))
    if (listed.value.items.length === 0) {
      ctx.err(`No resources found in ${ctx.namespace} namespace.\n`)
      return 0
    }
    if (tail === -1) tail = 10
    for (const pod of listed.value.items) printPodLogs(ctx, pod, container, previous, tail)
    return 0
  },
}

/** One container's logs (the default one unless named), as the kubelet answers for it. */
function printPodLogs(ctx: KubectlContext, pod: StoredObject, named: string, previous: boolean, tail: number): number {
  const spec = (pod as Pod).spec
  let container = named
  if (container === '') {
    container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? spec?.containers[0]?.name ?? ''
    if ((spec?.containers.length ?? 0) > 1 || (spec?.initContainers?.length ?? 0) > 0)
      ctx.err(`Defaulted container "${container}" out of: ${allContainerNames(pod as Pod)}\n`)
  }
  const names = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.name)
  if (!names.includes(container)) throw new KubectlError(`error: container ${container} is not valid for pod ${pod.metadata.name}`)
  // LogLocation: a pod without a node has no log location, and the answer is empty.
  if (!spec?.nodeName) return 0
  const lines = containerLogs(ctx.cluster, pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, previous)
  if (lines === undefined) throw new KubectlError(`Error from server (BadRequest): ${kubeletRefusal(pod as Pod, container, previous)}`)
  ctx.out(lines.slice(tail >= 0 ? Math.max(0, lines.length - tail) : 0).map((l) => `${l}\n`).join(''))
  return 0
}

/** POD, pod/NAME, or a workload whose first pod is chosen (AttachablePodForObject). */
function podFor(ctx: KubectlContext, resource: string): StoredObject {
  const slash = resource.indexOf('/')
  const type = slash < 0 ? resolveType('pods')! : resolveType(resource.slice(0, slash))
  const name = slash < 0 ? resource : resource.slice(slash + 1)
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${resource.slice(0, slash)}"`)
  const got = ctx.api.get(KUBECTL, type.resource, type.namespaced ? ctx.namespace : undefined, name)
  if (!got.ok) {
    if (got.error.reason === 'NotFound') throw new KubectlError(`error: error from server (NotFound): ${got.error.message} in namespace "${ctx.namespace}"`)
    throw new KubectlError(`Error from server (${got.error.reason}): ${got.error.message}`)
  }
  if (type.resource === 'pods') return got.value
  const selector = (got.value.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels
  if (!selector) throw new KubectlError(`error: cannot get the logs from ${type.group ? `${type.kind}.${type.group}` : type.kind}`)
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')
  const list = (): StoredObject[] => {
    const r = ctx.api.list(KUBECTL, 'pods', { namespace: ctx.namespace, labelSelector })
    return r.ok ? r.value.items : []
  }
  // GetFirstPod waits --pod-running-timeout (20s) for a pod to appear.
  if (list().length === 0 && !ctx.cluster.waitFor(() => list().length > 0, 20_000)) throw new KubectlError('error: timed out waiting for the condition')
  // GetPodList sorts them with podutils.ByLogging under sort.Sort and takes the first.
  const pods = goSort(list(), byLogging)
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`)
  return pods[0]
}

/**
 * podutils.ByLogging: the pod best to read logs from first. Assigned before unassigned; Running,
 * then Unknown, then Pending; ready before not; ready longer before ready shorter; more restarts
 * (regular, then restartable init containers) before fewer; older before newer.
 */
function byLogging(a: StoredObject, b: StoredObject): boolean {
  const pi = a as Pod
  const pj = b as Pod
  const ni = pi.spec?.nodeName ?? ''
  const nj = pj.spec?.nodeName ?? ''
  if (ni !== nj && (ni === '' || nj === '')) return ni !== ''
  // Go's map lookup: any other phase counts as 0, as Running does.
  const rank = (p: Pod): number => ({ Unknown: 1, Pending: 2 })[p.status?.phase ?? ''] ?? 0
  if (rank(pi) !== rank(pj)) return rank(pi) < rank(pj)
  const ri = readySince(pi)
  const rj = readySince(pj)
  if ((ri !== undefined) !== (rj !== undefined)) return ri !== undefined
  if (ri !== undefined && rj !== undefined && ri !== rj) return afterOrZero(rj, ri)
  const [regI, sideI] = maxRestarts(pi)
  const [regJ, sideJ] = maxRestarts(pj)
  if (regI !== regJ) return regI > regJ
  if (sideI !== sideJ) return sideI > sideJ
  const ci = Date.parse(pi.metadata?.creationTimestamp ?? '') || 0
  const cj = Date.parse(pj.metadata?.creationTimestamp ?? '') || 0
  if (ci !== cj) return afterOrZero(cj, ci)
  return false
}

/** When the pod's Ready condition became True (0 for a zero time), or undefined when it is not ready. */
function readySince(p: Pod): number | undefined {
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')
  return ready ? Date.parse(ready.lastTransitionTime ?? '') || 0 : undefined
}

/** afterOrZero: a zero time is "after" everything. */
const afterOrZero = (t1: number, t2: number): boolean => (t1 === 0 || t2 === 0 ? t1 === 0 : t1 > t2)

function maxRestarts(p: Pod): [number, number] {
  const regular = Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount))
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name))
  const sidecar = Math.max(0, ...(p.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name)).map((c) => c.restartCount))
  return [regular, sidecar]
}

function allContainerNames(pod: Pod): string {
  return [...(pod.spec?.containers ?? []).map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ')
}

/** The kubelet's validateContainerLogStatus, for a container with nothing to show. */
export function kubeletRefusal(pod: Pod, container: string, previous: boolean): string {
  const name = pod.metadata?.name ?? ''
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container)
  if (previous) return `previous terminated container "${container}" in pod "${name}" not found`
  const reason = status?.state?.waiting?.reason ?? 'ContainerCreating'
  const why = reason === 'ErrImagePull' ? 'image can\'t be pulled' : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason
  return `container "${container}" in pod "${name}" is waiting to start: ${why}`
}

export default logs
