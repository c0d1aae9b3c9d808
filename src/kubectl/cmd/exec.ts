// kubectl exec (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): find the pod (or the first pod of a
// workload), default the container with `Defaulted container ...`, refuse a completed pod, then run
// the command through the kubelet (src/cluster/kubelet/exec.ts). A command that fails ends with
// kubectl's `command terminated with exit code N`, and kubectl exits with N. There is no terminal:
// `-t` prints kubectl's warning and runs without one, and stdin is empty.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { execInPod } from '../../cluster/kubelet/exec.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagArray, flagBool, flagString } from '../args.js'
import { KUBECTL, KubectlError, formatStatusError, type KubectlCommand, type KubectlContext } from '../context.js'
import { resolveType } from '../resolve.js'
import { HELP_TEXTS } from '../help-texts.js'

/** exec's argument errors are plain ones (fmt.Errorf), without cobra's usage line. */
const usageError = (message: string): KubectlError => new KubectlError(`error: ${message}`)

const exec: KubectlCommand = {
  name: 'exec',
  short: 'Execute a command in a container',
  help: HELP_TEXTS.exec,
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'pod-running-timeout', type: 'duration' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
  ],
  run(ctx, args) {
    const quiet = flagBool(args, 'quiet')
    let resource: string | undefined = args.positionals[0]
    let command = args.rest
    // kubectl 1.32 no longer takes the command without `--` (cmdutil.UsageErrorf).
    if (!args.sawDashDash && args.positionals.length > 1)
      throw new KubectlError("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples")
    if (args.sawDashDash && args.positionals.length === 0) resource = undefined
    const files = flagArray(args, 'filename')
    if (files.length > 0) {
      // The builder reads the file first; a pod named by a file is not modelled yet.
      const missing = files.find((f) => f !== '-' && ctx.io.stat(f) === undefined)
      if (missing) throw new KubectlError(`error: the path "${missing}" does not exist`)
      throw new KubectlError('error: exec -f is not available in the kubelings playground yet; name the pod instead')
    }
    if (!resource) throw usageError('pod, type/name or --filename must be specified')
    if (command.length === 0) throw usageError('you must specify at least one command for the container')
    const pod = podFor(ctx, resource)
    const phase = (pod as Pod).status?.phase
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`)
    let container = flagString(args, 'container')
    if (container === '') container = defaultContainer(ctx, pod as Pod, quiet)
    // SetupTTY: a TTY needs stdin, and stdin a terminal; kubelings has none to give.
    if (flagBool(args, 'stdin') && flagBool(args, 'tty') && !quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n')
    // A shell given stdin (-i) and no -c reads its commands from it: piped input is its script.
    if (flagBool(args, 'stdin') && isShell(command[0]) && !command.includes('-c')) command = [command[0], '-c', ctx.io.readStdin()]
    const r = execInPod(ctx.cluster, pod, container, command)
    if (!r.ok) throw new KubectlError(r.error)
    ctx.out(r.output.stdout)
    ctx.err(r.output.stderr)
    if (r.output.exitCode !== 0) {
      ctx.err(`command terminated with exit code ${r.output.exitCode}\n`)
      return r.output.exitCode
    }
    return 0
  },
}

const isShell = (argv0: string): boolean => ['sh', 'ash', 'bash', 'dash'].includes(argv0.split('/').pop() ?? '')

/** podcmd.FindOrDefaultContainerByName: the default-container annotation, else the first container. */
function defaultContainer(ctx: KubectlContext, pod: Pod, quiet: boolean): string {
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']
  const containers = pod.spec?.containers ?? []
  if (annotated && containers.some((c) => c.name === annotated)) return annotated
  const first = containers[0]?.name ?? ''
  if (!quiet && (containers.length > 1 || (pod.spec?.initContainers?.length ?? 0) > 0 || (pod.spec?.ephemeralContainers?.length ?? 0) > 0)) {
    const names = [...containers.map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)]
    ctx.err(`Defaulted container "${first}" out of: ${names.join(', ')}\n`)
  }
  return first
}

/** POD, pod/NAME, or a workload or Service whose first pod is chosen (AttachablePodForObject). */
export function podFor(ctx: KubectlContext, resource: string): StoredObject {
  const slash = resource.indexOf('/')
  const type = slash < 0 ? resolveType('pods')! : resolveType(resource.slice(0, slash))
  const name = slash < 0 ? resource : resource.slice(slash + 1)
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${resource.slice(0, slash)}"`)
  const got = ctx.api.get(KUBECTL, type.resource, type.namespaced ? ctx.namespace : undefined, name)
  if (!got.ok) throw new KubectlError(formatStatusError(got.error))
  if (type.resource === 'pods') return got.value
  const spec = got.value.spec as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> } | undefined
  const selector = type.resource === 'services' ? (spec?.selector as Record<string, string> | undefined) : (spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels
  if (!selector || Object.keys(selector).length === 0) throw new KubectlError(`error: cannot attach to ${type.group ? `${type.kind}.${type.group}` : type.kind}: selector for ${type.resource}/${name} not implemented`)
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')
  const list = (): StoredObject[] => {
    const r = ctx.api.list(KUBECTL, 'pods', { namespace: ctx.namespace, labelSelector })
    return r.ok ? r.value.items : []
  }
  // GetFirstPod waits --pod-running-timeout (1m for exec) for a pod to appear; the running ones come first.
  if (list().length === 0 && !ctx.cluster.waitFor(() => list().length > 0, 60_000)) throw new KubectlError('error: timed out waiting for the condition')
  const pods = list().sort((a, b) => Number((b as Pod).status?.phase === 'Running') - Number((a as Pod).status?.phase === 'Running'))
  return pods[0]
}

export default exec
