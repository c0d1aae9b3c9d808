// kubectl wait (pkg/cmd/wait): let virtual time pass until each object meets --for (a status
// condition, a JSONPath value, creation or deletion), or --timeout (30s) runs out. Prints
// `pod/web condition met` per object; errors of single objects are collected and printed at the end.
import { fileTargets } from '../objects/builder-targets.js'
import type { Millis } from '../../cluster/clock.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagString, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, NO_RESOURCES_ERROR, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions } from '../manifest.js'
import { parseGoDuration } from '../objects/duration.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { OUTPUT_FLAG, outputOf, printObject, type OutputFormat } from '../objects/output.js'
import { resolveTargets, type Target } from '../objects/targets.js'
import { conditionMet, parseWaitCondition, type WaitCondition } from '../objects/wait-condition.js'
import { qualifiedName } from '../../cluster/resources.js'
import { HELP_TEXTS } from '../help-texts.js'

const WEEK_MS = 168 * 3_600_000

const wait: KubectlCommand = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  help: HELP_TEXTS.wait,
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
    return fileTargets(ctx, files)
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
