// kubectl wait (pkg/cmd/wait): let virtual time pass until each object meets --for (a status
// condition, a JSONPath value, creation or deletion), or --timeout (30s) runs out. Prints
// `pod/web condition met` per object; errors of single objects are collected and printed at the end.
import type { Millis } from '../../cluster/clock.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagString, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, NO_RESOURCES_ERROR, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions, loadManifests } from '../manifest.js'
import { parseGoDuration } from '../objects/duration.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { OUTPUT_FLAG, outputOf, printObject, type OutputFormat } from '../objects/output.js'
import { resolveTargets, type Target } from '../objects/targets.js'
import { conditionMet, parseWaitCondition, type WaitCondition } from '../objects/wait-condition.js'
import { qualifiedName } from '../../cluster/resources.js'

const HELP = `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.

Examples:
  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1

  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
  kubectl wait --for=condition=Ready=false pod/busybox1

  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

  # Wait for pod "busybox1" to be Ready
  kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s

Options:
    --all=false: Select all resources in the namespace of the specified resource types
    -A, --all-namespaces=false: If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.
    -f, --filename=[]: identifying the resource.
    --for='': The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.
    -o, --output='': Output format. One of: (json, yaml, name).
    -R, --recursive=true: Process the directory used in -f, --filename recursively.
    -l, --selector='': Selector (label query) to filter on.
    --timeout=30s: The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.

Usage:
  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]
`

const WEEK_MS = 168 * 3_600_000

const wait: KubectlCommand = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  help: HELP,
  flags: [
    ...FILENAME_FLAGS,
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'duration' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    OUTPUT_FLAG,
  ],
  run(ctx, args) {
    const output = outputOf(args)
    const rawTimeout = flagString(args, 'timeout', '30s')
    const parsed = parseGoDuration(rawTimeout)
    if (!parsed.ok) throw new KubectlError(`error: invalid argument "${rawTimeout}" for "--timeout" flag: ${parsed.error}\nSee 'kubectl wait --help' for usage.`)
    const timeout = parsed.value < 0 ? WEEK_MS : parsed.value
    const condition = parseWaitCondition(flagString(args, 'for'))
    if (!condition.ok) throw new KubectlError(`error: ${condition.error}`)
    const { targets, errors } = collectTargets(ctx, args)
    const waiter = new Waiter(ctx, condition.value, timeout, output)
    if (condition.value.kind === 'create' && !waiter.untilCreated(targets)) throw new KubectlError('error: timed out waiting for the condition')
    let visited = 0
    for (const target of targets) {
      // The builder fetches every named object first (Latest); --for=delete ignores NotFound.
      const got = target.object ? { ok: true as const, value: target.object } : ctx.api.get(KUBECTL, qualifiedName(target.type), target.namespace, target.name)
      if (!got.ok) {
        if (!(condition.value.kind === 'delete' && got.error.reason === 'NotFound')) errors.push(statusErr(got.error))
        continue
      }
      visited++
      const problem = waiter.visit(target, got.value)
      if (problem) errors.push(problem)
    }
    const failed = aggregate(errors)
    if (failed) {
      ctx.err(formatKubectlErr(failed))
      return 1
    }
    if (visited === 0 && condition.value.kind !== 'delete') throw new KubectlError('error: no matching resources found')
    return 0
  },
}

function collectTargets(ctx: KubectlContext, args: ParsedArgs): { targets: Target[]; errors: KubectlErr[] } {
  const files = filenameOptions(args)
  if (files.filenames.length > 0) {
    const loaded = loadManifests(ctx.io, files, { namespace: ctx.namespace, enforce: ctx.namespaceGiven })
    if (!loaded.ok) throw new KubectlError(formatKubectlErr(loaded.error))
    const targets: Target[] = []
    const errors: KubectlErr[] = []
    for (const v of loaded.visits) {
      if ('error' in v) errors.push(v.error)
      else targets.push({ type: v.object.type, name: v.object.name, namespace: v.object.namespace, source: v.object.source })
    }
    return { targets, errors }
  }
  const selector = flagString(args, 'selector')
  const all = flagBool(args, 'all')
  if (args.positionals.length === 0)
    throw new KubectlError(
      NO_RESOURCES_ERROR,
    )
  if (args.positionals.length === 1 && !args.positionals[0].includes('/') && !selector && !all)
    throw new KubectlError('error: resource(s) were provided, but no name was specified')
  return resolveTargets(ctx, args.positionals, { selector: selector || undefined, all, allNamespaces: flagBool(args, 'all-namespaces') })
}

/** One wait: a shared deadline (the command's context), the condition, and what it printed. */
class Waiter {
  readonly #deadline: Millis
  #printed = 0

  constructor(
    private readonly ctx: KubectlContext,
    private readonly condition: WaitCondition,
    private readonly timeout: Millis,
    private readonly output: OutputFormat,
  ) {
    this.#deadline = ctx.now() + timeout
  }

  /** --for=create polls (every 500ms upstream) until every named object exists. */
  untilCreated(targets: readonly Target[]): boolean {
    const exists = (t: Target): boolean => t.object !== undefined || this.#live(t) !== undefined
    return this.ctx.cluster.waitFor(() => targets.every(exists), this.#remaining())
  }

  /** Wait for one object; undefined when its condition was met (and printed). */
  visit(target: Target, initial: StoredObject): KubectlErr | undefined {
    const objectName = `${target.type.resource}/${target.name}`
    const timedOut = messageErr(`timed out waiting for the condition on ${objectName}`)
    const notMet = messageErr(`condition not met for ${objectName}`)
    if (this.condition.kind === 'create') return this.#print(target, initial)
    if (this.condition.kind === 'delete') {
      // IsDeleted: gone, or replaced by an object of another UID.
      const gone = (): boolean => this.#live(target)?.metadata.uid !== initial.metadata.uid
      if (gone()) return this.#print(target, initial)
      if (this.timeout === 0) return notMet
      if (this.#remaining() <= 0) return timedOut
      return this.ctx.cluster.waitFor(gone, this.#remaining()) ? this.#print(target, initial) : timedOut
    }
    if (this.timeout === 0) {
      const checked = conditionMet(this.condition, initial)
      if (!checked.ok) return messageErr(checked.error)
      return checked.value ? this.#print(target, initial) : notMet
    }
    if (this.#remaining() < 0) return timedOut
    // UntilWithSync: checked on the current object, then on every change; an object that
    // disappears meanwhile ends the wait with NotFound, an error of the check ends it at once.
    let outcome: { met: StoredObject } | { error: KubectlErr } | undefined
    const check = (): boolean => {
      const live = this.#live(target)
      if (!live) {
        const missing = this.ctx.api.get(KUBECTL, qualifiedName(target.type), target.namespace, target.name)
        if (!missing.ok) outcome = { error: statusErr(missing.error) }
        return outcome !== undefined
      }
      const checked = conditionMet(this.condition, live)
      if (!checked.ok) outcome = { error: messageErr(checked.error) }
      else if (checked.value) outcome = { met: live }
      return outcome !== undefined
    }
    this.ctx.cluster.waitFor(check, Math.max(0, this.#remaining()))
    if (!outcome) return timedOut
    return 'met' in outcome ? this.#print(target, outcome.met) : outcome.error
  }

  #remaining(): Millis {
    return this.#deadline - this.ctx.now()
  }

  #live(t: Target): StoredObject | undefined {
    return this.ctx.cluster.object(qualifiedName(t.type), t.namespace, t.name)
  }

  #print(target: Target, object: StoredObject): undefined {
    // The YAML printer separates every object after the first with `---`.
    if (this.output === 'yaml' && this.#printed > 0) this.ctx.out('---\n')
    this.#printed++
    printObject(this.ctx, target.type, object, 'condition met', this.output, 'none')
    return undefined
  }
}

export default wait
