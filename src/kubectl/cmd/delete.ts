// kubectl delete (pkg/cmd/delete/delete.go): by TYPE NAME, TYPE/NAME, -f, -l or --all; prints
// `pod "web" deleted` per object as the delete is accepted, then waits (virtual time) until every
// deleted object is gone, as `--wait=true` does.
import { fileTargets } from '../objects/builder-targets.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagInt, flagString, hasFlag, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, NO_RESOURCES_ERROR, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions } from '../manifest.js'
import { aggregate, formatKubectlErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix } from '../objects/output.js'
import { resolveTargets, type Target } from '../objects/targets.js'
import { qualifiedName } from '../../cluster/resources.js'
import { HELP_TEXTS } from '../help-texts.js'

/**
 * kubectl waits up to a week (`--timeout=0`); a simulated object that nothing will ever finalize
 * (a pod on a node whose kubelet is not simulated) stops the wait after this much virtual time.
 */
export const DELETE_WAIT_BOUND_MS = 5 * 60 * 1000

export const CASCADE: Record<string, 'Background' | 'Foreground' | 'Orphan'> = { background: 'Background', true: 'Background', foreground: 'Foreground', orphan: 'Orphan', false: 'Orphan' }

const del: KubectlCommand = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  help: HELP_TEXTS.delete,
  flags: [
    ...FILENAME_FLAGS,
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'cascade', type: 'string', noOptDefault: 'background' },
    DRY_RUN_FLAG,
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'now', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'timeout', type: 'duration' },
    { name: 'wait', type: 'bool' },
  ],
  run(ctx, args) {
    const cascadeRaw = flagString(args, 'cascade', 'background')
    const propagationPolicy = CASCADE[cascadeRaw]
    if (!propagationPolicy) throw new KubectlError(`error: invalid cascade value (${cascadeRaw}). Must be "background", "foreground", or "orphan"`)
    const all = flagBool(args, 'all')
    const selector = flagString(args, 'selector')
    const ignoreNotFound = hasFlag(args, 'ignore-not-found') ? flagBool(args, 'ignore-not-found') : all || selector !== ''
    const force = flagBool(args, 'force')
    let grace = flagInt(args, 'grace-period', -1)
    if (flagBool(args, 'now')) {
      if (grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together')
      grace = 1
    }
    if (grace === 0 && !force) grace = 1
    if (force && grace < 0) grace = 0
    const dryRun = dryRunOf(args)

    const { targets, errors } = collectTargets(ctx, args, all, selector)
    const output = flagString(args, 'output')
    if (output !== '' && output !== 'name') throw new KubectlError(`error: unexpected -o output mode: ${output}. We only support '-o name'`)
    if (all && selector) throw new KubectlError('error: cannot set --all and --selector at the same time')
    if (force && grace === 0)
      ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n')
    if (force && grace > 0) throw new KubectlError('error: --force and --grace-period greater than 0 cannot be specified together')

    const deleted: { target: Target; uid: string }[] = []
    let found = 0
    for (const target of targets) {
      found++
      const kind = kindString(target)
      const line = (): void => ctx.out(output === 'name' ? `${kind}/${target.name}\n` : `${kind} "${target.name}" ${grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun)}\n`)
      if (dryRun === 'client') {
        line()
        continue
      }
      const result = ctx.api.delete(KUBECTL, qualifiedName(target.type), target.namespace, target.name, {
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        propagationPolicy,
        dryRun: dryRun === 'server',
      })
      if (!result.ok) {
        if (!(ignoreNotFound && result.error.reason === 'NotFound')) errors.push(statusErr(result.error, 'deleting', target.source))
        continue
      }
      line()
      deleted.push({ target, uid: result.value.object.metadata.uid })
    }
    if (errors.length > 0) {
      ctx.err(formatKubectlErr(aggregate(errors)!))
      return 1
    }
    if (found === 0) {
      ctx.out('No resources found\n')
      return 0
    }
    if (!flagBool(args, 'wait', true) || dryRun !== 'none') return 0
    return waitForDeletion(ctx, deleted, durationMs(flagString(args, 'timeout', '0s')))
  },
}

function collectTargets(ctx: KubectlContext, args: ParsedArgs, all: boolean, selector: string): { targets: Target[]; errors: KubectlErr[] } {
  const files = filenameOptions(args)
  if (files.filenames.length > 0) {
    if (args.positionals.length > 0) throw new KubectlError(`error: Unexpected args: [${args.positionals.join(' ')}]`)
    return fileTargets(ctx, files)
  }
  if (args.positionals.length === 0) {
    if (selector) throw new KubectlError('error: at least one resource must be specified to use a selector')
    throw new KubectlError(
      NO_RESOURCES_ERROR,
    )
  }
  const resolved = resolveTargets(ctx, args.positionals, { selector, all, allNamespaces: flagBool(args, 'all-namespaces') })
  if (args.positionals.length === 1 && !args.positionals[0].includes('/') && !selector && !all)
    throw new KubectlError('error: resource(s) were provided, but no name was specified')
  return resolved
}

/** `pod`, `deployment.apps`: lower-case kind and group, as delete prints it. */
export const kindString = (t: Pick<Target, 'type'>): string => (t.type.group ? `${t.type.kind.toLowerCase()}.${t.type.group}` : t.type.kind.toLowerCase())

/** cmd/wait IsDeleted: the object deleted (its uid) is gone, or replaced by one of another UID. */
export function isDeleted(ctx: KubectlContext, target: Pick<Target, 'type' | 'namespace' | 'name'>, uid: string): boolean {
  const now = ctx.cluster.object(qualifiedName(target.type), target.namespace, target.name) as StoredObject | undefined
  return !now || now.metadata.uid !== uid
}

function waitForDeletion(ctx: KubectlContext, deleted: readonly { target: Target; uid: string }[], timeoutMs: number): number {
  const bound = timeoutMs > 0 ? timeoutMs : DELETE_WAIT_BOUND_MS
  for (const d of deleted) {
    if (ctx.cluster.waitFor(() => isDeleted(ctx, d.target, d.uid), bound)) continue
    ctx.err(`error: timed out waiting for the condition on ${d.target.type.resource}/${d.target.name}\n`)
    return 1
  }
  return 0
}

export default del

/** A Go duration as `--timeout` takes it (`30s`, `1m30s`, `500ms`); a bare number is seconds. */
export function durationMs(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw) * 1000
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  let total = 0
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy
  let m: RegExpExecArray | null
  let seen = 0
  while ((m = re.exec(raw))) {
    total += Number(m[1]) * units[m[2]]
    seen = re.lastIndex
  }
  if (seen !== raw.length) throw new KubectlError(`error: invalid argument "${raw}" for "--timeout" flag: time: invalid duration "${raw}"`)
  return total
}
