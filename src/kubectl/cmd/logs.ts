// kubectl logs (pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go) and the answers of the
// apiserver's pod log REST and the kubelet: an unscheduled pod has no log location (empty output),
// a container that has not started is `waiting to start`, no previous instance is `not found`.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagInt, flagString } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { containerLogs } from '../objects/logs.js'
import { resolveType } from '../resolve.js'

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'

const HELP = `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

  # Return snapshot logs from first container of a deployment named nginx
  kubectl logs deployment/nginx

Options:
    -c, --container='': Print the logs of this container
    -f, --follow=false: Specify if the logs should be streamed.
    -p, --previous=false: If true, print the logs for the previous instance of the container in a pod if it exists.
    --tail=-1: Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines.
    --timestamps=false: Include timestamps on each line in the log output

Usage:
  kubectl ${USAGE} [options]
`

const usageError = (message: string): KubectlError => new KubectlError(`error: ${message}\nSee 'kubectl logs -h' for help and examples`)

const logs: KubectlCommand = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  help: HELP,
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
    if (resource === undefined || extra.length > 0) throw usageError(`expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`)
    if (inlineContainer !== undefined && args.flags['container'] !== undefined) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed')
    const tail = flagInt(args, 'tail', -1)
    if (tail < -1) throw new KubectlError('error: --tail must be greater than or equal to -1')
    const pod = podFor(ctx, resource)
    const spec = (pod as Pod).spec
    let container = inlineContainer ?? flagString(args, 'container')
    if (container === '') {
      container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? spec?.containers[0]?.name ?? ''
      if ((spec?.containers.length ?? 0) > 1 || (spec?.initContainers?.length ?? 0) > 0)
        ctx.err(`Defaulted container "${container}" out of: ${allContainerNames(pod as Pod)}\n`)
    }
    const names = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.name)
    if (!names.includes(container)) throw new KubectlError(`error: container ${container} is not valid for pod ${pod.metadata.name}`)
    // LogLocation: a pod without a node has no log location, and the answer is empty.
    if (!spec?.nodeName) return 0
    const previous = flagBool(args, 'previous')
    const lines = containerLogs(ctx.cluster, pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, previous)
    if (lines === undefined) throw new KubectlError(`Error from server (BadRequest): ${kubeletRefusal(pod as Pod, container, previous)}`)
    ctx.out(lines.slice(tail >= 0 ? Math.max(0, lines.length - tail) : 0).map((l) => `${l}\n`).join(''))
    return 0
  },
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
  const pods = list()
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`)
  return pods[0]
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
