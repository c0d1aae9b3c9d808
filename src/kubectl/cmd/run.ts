// kubectl run (pkg/cmd/run/run.go): create one pod from an image, as the BasicPod generator builds
// it (labels `run: NAME`, container NAME, args after NAME or `--`, `--command` for the command),
// and with --expose a ClusterIP service in front of it. Attaching (-i, -t, --attach, --rm) needs a
// running container, which the playground does not offer yet: it is refused before anything is sent.
import { resourceByName } from '../../cluster/resources.js'
import { flagArray, flagBool, flagString, hasFlag } from '../args.js'
import { KUBECTL, KubectlError, requiredFlagError, type KubectlCommand, type KubectlContext } from '../context.js'
import { aggregate, formatKubectlErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject, type DryRun, type OutputFormat } from '../objects/output.js'
import { isImageReference, runPodObject, runServiceObject, type RunPodSpec } from '../objects/run-pod.js'
import type { KubeObject } from '../../cluster/object.js'
import { copyJson, type JsonObject } from '../../cluster/patch/json.js'
import { mergePatchInto } from '../../cluster/patch/merge-patch.js'
import { HELP_TEXTS } from '../help-texts.js'

const USAGE_HINT = "\nSee 'kubectl run -h' for help and examples"
const usageError = (message: string): KubectlError => new KubectlError(`error: ${message}${USAGE_HINT}`)

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']
const PULL_POLICIES = ['', 'Always', 'IfNotPresent', 'Never']

const run: KubectlCommand = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  help: HELP_TEXTS.run,
  flags: [
    { name: 'image', type: 'string' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'restart', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration' },
    { name: 'field-manager', type: 'string' },
    { name: 'overrides', type: 'string' },
    { name: 'override-type', type: 'string' },
    { name: 'save-config', type: 'bool' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx, args) {
    // cobra's MarkFlagRequired is checked before the command runs.
    if (!hasFlag(args, 'image')) throw requiredFlagError('image', ctx.now())
    const dryRun = dryRunOf(args)
    const output = outputOf(args)
    // `kubectl run -- web` puts NAME after the dash: NAME is then missing (cmd.ArgsLenAtDash() == 0).
    const [name, ...extra] = args.positionals
    if (name === undefined) throw usageError('NAME is required for run')
    const image = flagString(args, 'image')
    if (image === '') throw new KubectlError('error: --image is required')
    if (!isImageReference(image)) throw new KubectlError(`error: Invalid image name ${JSON.stringify(image)}: invalid reference format`)
    const interactive = flagBool(args, 'stdin')
    if (flagBool(args, 'tty') && !interactive) throw usageError('-i/--stdin is required for containers with -t/--tty=true')
    const expose = flagBool(args, 'expose')
    const port = flagString(args, 'port')
    if (expose && port === '') throw usageError('--port must be set when exposing a service')
    const restart = flagString(args, 'restart', 'Always')
    if (restart !== '' && !RESTART_POLICIES.includes(restart)) throw usageError(`invalid restart policy: ${restart}`)
    const attach = hasFlag(args, 'attach') ? flagBool(args, 'attach') : interactive
    if (!attach && flagBool(args, 'rm')) throw usageError('--rm should only be used for attached containers')
    if (attach && dryRun !== 'none') throw usageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)")
    const pullPolicy = flagString(args, 'image-pull-policy')
    if (!PULL_POLICIES.includes(pullPolicy)) throw usageError(`invalid image pull policy: ${pullPolicy}`)

    const spec: RunPodSpec = {
      name,
      // A client dry run shows the namespace only when -n was given (EnforceNamespace).
      namespace: dryRun === 'client' && ctx.namespaceGiven ? ctx.namespace : undefined,
      image,
      labels: flagString(args, 'labels'),
      env: flagArray(args, 'env'),
      port,
      // An explicitly empty --restart means OnFailure for an interactive pod (getRestartPolicy).
      restartPolicy: restart || (interactive ? 'OnFailure' : 'Always'),
      imagePullPolicy: pullPolicy,
      args: [...extra, ...args.rest],
      command: flagBool(args, 'command'),
      privileged: flagBool(args, 'privileged'),
    }
    const pod = overridden(runPodObject(spec), flagString(args, 'overrides'), flagString(args, 'override-type', 'merge'))
    if (attach)
      throw new KubectlError(
        "error: attaching to a container (-i, -t, --attach, --rm) is not available in the playground yet; run the pod without them and read its output with 'kubectl logs'",
      )
    const created = send(ctx, pod, dryRun)
    if ('error' in created) throw new KubectlError(formatKubectlErr(created.error))
    const errors: KubectlErr[] = []
    let printed = 0
    if (expose) {
      // generateService runs after the pod is created but prints first, then a `---` under -o yaml.
      const service = send(ctx, runServiceObject(spec), dryRun)
      if ('error' in service) errors.push(service.error)
      else {
        print(ctx, 'services', service.object, output, dryRun, printed++)
        if (output === 'yaml') ctx.out('---\n')
      }
    }
    print(ctx, 'pods', created.object, output, dryRun, printed)
    const failed = aggregate(errors)
    if (!failed) return 0
    ctx.err(formatKubectlErr(failed))
    return 1
  },
}

/**
 * --overrides (cmdutil.Overrider.Apply): the generated object, encoded to JSON, with the fragment
 * applied as --override-type says. `merge` (the default) is a JSON merge patch (jsonpatch.MergePatch:
 * objects merge, lists and other values replace, null removes), whose error for a fragment that is
 * not a JSON object is `Invalid JSON Patch` (a JSON list gets past it upstream and fails to decode
 * instead; here it gets the same sentence).
 */
function overridden(pod: KubeObject, fragment: string, type: string): KubeObject {
  if (fragment === '') return pod
  if (type === 'json' || type === 'strategic')
    throw new KubectlError(`error: --override-type=${type} is not available in the playground yet; use --override-type=merge (the default): a JSON merge patch of the generated object`)
  if (type !== 'merge') throw new KubectlError(`error: invalid override type: ${type}`)
  let patch: unknown
  try {
    patch = JSON.parse(fragment)
  } catch {
    throw new KubectlError('error: Invalid JSON Patch')
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new KubectlError('error: Invalid JSON Patch')
  return mergePatchInto(copyJson(pod as JsonObject), patch as JsonObject) as KubeObject
}

function send(ctx: KubectlContext, object: KubeObject, dryRun: DryRun): { object: KubeObject } | { error: KubectlErr } {
  if (dryRun === 'client') return { object }
  const created = ctx.api.create(KUBECTL, object, ctx.namespace, { dryRun: dryRun === 'server' })
  return created.ok ? { object: created.value } : { error: statusErr(created.error) }
}

/** The YAML printer separates every object after the first with `---`. */
function print(ctx: KubectlContext, resource: string, object: KubeObject, output: OutputFormat, dryRun: DryRun, index: number): void {
  if (output === 'yaml' && index > 0) ctx.out('---\n')
  printObject(ctx, resourceByName(resource)!, object, 'created', output, dryRun, dryRun === 'client')
}

export default run
