// What `kubectl label` and `kubectl annotate` share (pkg/cmd/label, pkg/cmd/annotate): split the
// arguments into resources and `key=value`/`key-` pairs, fetch each object (the builder's
// Latest()), change its map, send the difference as a JSON merge patch, print one line per object.
import { fileTargets } from './builder-targets.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions } from '../manifest.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from './errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from './output.js'
import { resolveTargets, type Target } from './targets.js'
import { qualifiedName } from '../../cluster/resources.js'

export const METADATA_EDIT_FLAGS: readonly FlagSpec[] = [
  ...FILENAME_FLAGS,
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'resource-version', type: 'string' },
  { name: 'field-manager', type: 'string' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
]

export interface MetadataEdit {
  /** `label` or `annotation`, as the errors name it. */
  readonly pairType: string
  readonly field: 'labels' | 'annotations'
  /** Refuse the change for this object (overwrites without --overwrite); the message of the error. */
  readonly check: (current: Readonly<Record<string, string>>, set: ReadonlyMap<string, string>) => string | undefined
  /** The verb printed after the object: `labeled`, `not labeled`, `annotated`. */
  readonly message: (before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, overwrite: boolean) => string
  /** `label "x" not found.` for a removal of a key the object does not have (label only). */
  readonly notFound?: (key: string) => string
}

/** cmdutil.GetResourcesAndPairs: resources first, then pairs (`k=v` or `k-`). */
export function resourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = []
  const pairs: string[] = []
  for (const s of args) {
    const isPair = (s.includes('=') && !s.startsWith('=')) || (s.endsWith('-') && s !== '-')
    if (isPair) pairs.push(s)
    else if (pairs.length > 0) throw new KubectlError(`error: all resources must be specified before ${pairType} changes: ${s}`)
    else resources.push(s)
  }
  return { resources, pairs }
}

export function runMetadataEdit(ctx: KubectlContext, args: ParsedArgs, edit: MetadataEdit, set: ReadonlyMap<string, string>, remove: readonly string[], resources: readonly string[]): number {
  const dryRun = dryRunOf(args)
  const output = outputOf(args)
  const overwrite = flagBool(args, 'overwrite')
  const selector = flagString(args, 'selector')
  const all = flagBool(args, 'all')
  const { targets, errors } = collect(ctx, args, resources, selector, all)
  for (const target of targets) {
    const fetched = target.object ? { ok: true as const, value: target.object } : ctx.api.get(KUBECTL, qualifiedName(target.type), target.namespace, target.name)
    if (!fetched.ok) {
      errors.push(statusErr(fetched.error))
      continue
    }
    const obj: StoredObject = structuredClone(fetched.value)
    const before: Record<string, string> = { ...(obj.metadata[edit.field] ?? {}) }
    if (!overwrite) {
      const refused = edit.check(before, set)
      if (refused) {
        errors.push(messageErr(refused))
        continue
      }
    }
    if (edit.notFound && dryRun !== 'client') for (const key of remove) if (!(key in before)) ctx.out(edit.notFound(key))
    const after: Record<string, string> = { ...before, ...Object.fromEntries(set) }
    for (const key of remove) delete after[key]
    let result = obj
    if (dryRun === 'client') result.metadata[edit.field] = after
    else {
      const patch = mapPatch(before, after)
      // An empty patch changes nothing: kubectl sends `{}`, we leave the request out.
      if (Object.keys(patch).length > 0) {
        const patched = ctx.api.patch(KUBECTL, qualifiedName(target.type), target.namespace, target.name, { metadata: { [edit.field]: patch } }, 'merge', { dryRun: dryRun === 'server' })
        if (!patched.ok) {
          errors.push(statusErr(patched.error))
          continue
        }
        result = patched.value
      }
    }
    printObject(ctx, target.type, result, edit.message(before, after, overwrite), output, dryRun)
  }
  if (errors.length === 0) return 0
  ctx.err(formatKubectlErr(aggregate(errors)!))
  return 1
}

/** CreateMergePatch of the map alone: new and changed keys, and null for removed ones. */
function mapPatch(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> {
  const patch: Record<string, string | null> = {}
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) patch[k] = v
  for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null
  return patch
}

function collect(ctx: KubectlContext, args: ParsedArgs, resources: readonly string[], selector: string, all: boolean): { targets: Target[]; errors: KubectlErr[] } {
  const files = filenameOptions(args)
  if (files.filenames.length === 0) return resolveTargets(ctx, resources, { selector: selector || undefined, all, allNamespaces: flagBool(args, 'all-namespaces') })
  return fileTargets(ctx, files)
}
