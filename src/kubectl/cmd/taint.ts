// kubectl taint (pkg/cmd/taint/taint.go, utils.go): `key=value:effect` and `key:effect` add a taint,
// `key:effect-` removes that one and `key-` every taint of the key. The node's taints are sent
// whole (spec.taints has no merge key, so the strategic patch replaces the list). Prints
// `node/node-1 tainted`, `untainted`, or `modified` (with --overwrite, or adding and removing).
import type { Taint } from 'kubernetes-types/core/v1.js'
import { labelValueErrors, qualifiedNameErrors } from '../../cluster/labels.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagBool, flagString, type FlagSpec } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { HELP_TEXTS } from '../help-texts.js'
import { resolveType } from '../resolve.js'
import { formatKubectlErr, messageErr, oneOrAggregate, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'

const FLAGS: readonly FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-manager', type: 'string' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
]

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

const usage = (message: string): KubectlError => new KubectlError(`error: ${message}\nSee 'kubectl taint -h' for help and examples`)

/** parseTaint: `key`, `key:effect` or `key=value:effect`, the key a qualified name, the value a label value. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':')
  let key: string
  let value = ''
  let effect = ''
  if (parts.length === 1) key = parts[0]
  else if (parts.length === 2) {
    effect = parts[1]
    if (!EFFECTS.includes(effect)) throw usage(`invalid taint effect: ${effect}, unsupported taint effect`)
    const kv = parts[0].split('=')
    if (kv.length > 2) throw usage(`invalid taint spec: ${spec}`)
    key = kv[0]
    if (kv.length === 2) {
      value = kv[1]
      const errs = labelValueErrors(value)
      if (errs.length > 0) throw usage(`invalid taint spec: ${spec}, ${errs.join('; ')}`)
    }
  } else throw usage(`invalid taint spec: ${spec}`)
  const errs = qualifiedNameErrors(key)
  if (errs.length > 0) throw usage(`invalid taint spec: ${spec}, ${errs.join('; ')}`)
  return { key, value, effect }
}

/** Go's %v of a Taint struct: `{key value effect <nil>}`. */
const goTaint = (t: Taint): string => `{${t.key} ${t.value ?? ''} ${t.effect} <nil>}`

/** Taint.ToString of a taint to remove (it has no value): `key` or `key:effect`. */
const removalText = (t: Taint): string => (t.effect ? `${t.key}:${t.effect}` : t.key)

/** parseTaints: the taints to add (each with an effect, no key and effect twice) and to remove. */
function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = []
  const remove: Taint[] = []
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1))
      remove.push({ key: t.key, effect: t.effect })
      continue
    }
    const t = parseTaint(spec)
    if (!t.effect) throw usage(`invalid taint spec: ${spec}`)
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw usage(`duplicated taints with the same key and effect: ${goTaint(t)}`)
    add.push(t)
  }
  return { add, remove }
}

/** Taint.MatchTaint: the same key and effect (a stored taint keeps its value and timeAdded). */
const sameKeyAndEffect = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect

/** reorganizeTaints: the new list (the added taints first, then the others kept), and the word for what happened. */
function reorganize(old: readonly Taint[], add: readonly Taint[], remove: readonly Taint[], overwrite: boolean): { taints: Taint[]; operation: string; errors: string[] } {
  let taints = add.map((t) => (t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect }))
  for (const o of old) if (!taints.some((t) => sameKeyAndEffect(t, o))) taints.push(o)
  const added = old.length !== taints.length
  const errors: string[] = []
  let removed = false
  for (const r of remove) {
    const before = taints.length
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)))
    removed = taints.length !== before
    if (!removed) errors.push(`taint ${JSON.stringify(removalText(r))} not found`)
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted'
  return { taints, operation, errors }
}

/** The nodes to taint: named, or all of them (--all), or those selected (-l). */
function nodesFor(ctx: KubectlContext, names: readonly string[], all: boolean, selector: string): { nodes: StoredObject[]; errors: KubectlErr[] } {
  if (all || selector !== '') {
    const listed = ctx.api.list(KUBECTL, 'nodes', { labelSelector: selector })
    if (!listed.ok) throw new KubectlError(`Error from server (${listed.error.reason}): ${listed.error.message}`)
    return { nodes: listed.value.items, errors: [] }
  }
  const nodes: StoredObject[] = []
  const errors: KubectlErr[] = []
  for (const name of names) {
    const got = ctx.api.get(KUBECTL, 'nodes', undefined, name)
    if (got.ok) nodes.push(got.value)
    else errors.push(statusErr(got.error))
  }
  return { nodes, errors }
}

function run(ctx: KubectlContext, args: Parameters<KubectlCommand['run']>[1]): number {
  // Complete: the dry-run strategy first; then the resources, which come before the taint changes.
  const dryRun = dryRunOf(args)
  const resources: string[] = []
  const specs: string[] = []
  for (const a of args.positionals) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-')
    if (isTaint) specs.push(a)
    else if (specs.length > 0) throw new KubectlError(`error: all resources must be specified before taint changes: ${a}`)
    else resources.push(a)
  }
  if (resources.length < 1) throw new KubectlError('error: one or more resources must be specified as <resource> <name>')
  if (specs.length < 1) throw new KubectlError('error: at least one taint update is required')
  const { add, remove } = parseTaints(specs)
  const output = outputOf(args)
  const all = flagBool(args, 'all')
  const selector = flagString(args, 'selector')
  const overwrite = flagBool(args, 'overwrite')
  // Validate: nodes only, nothing both added and removed, names unless --all or -l.
  const type = resolveType(resources[0])
  if (!type) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(resources[0])}`)
  if (type.kind !== 'Node') throw new KubectlError(`error: invalid resource type ${resources[0]}, only node types are supported`)
  const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))).map((r) => `${r.key}=${r.effect ?? ''}`)
  if (conflicts.length > 0) throw new KubectlError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`)
  if (all && selector !== '') throw new KubectlError("error: setting 'all' parameter with a non empty selector is prohibited")
  if (!all && selector === '' && resources.length < 2) throw new KubectlError("error: at least one resource name must be specified since 'all' parameter is not set")

  const { nodes, errors } = nodesFor(ctx, resources.slice(1), all, selector)
  for (const node of nodes) {
    const name = node.metadata.name
    const old = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[]
    if (!overwrite) {
      const taken = add.filter((a) => old.some((o) => sameKeyAndEffect(a, o))).map((a) => a.key)
      if (taken.length > 0) {
        errors.push(messageErr(`node ${name} already has ${taken.join(',')} taint(s) with same effect(s) and --overwrite is false`))
        continue
      }
    }
    const { taints, operation, errors: notFound } = reorganize(old, add, remove, overwrite)
    if (notFound.length > 0) {
      errors.push(oneOrAggregate(notFound.map(messageErr))!)
      continue
    }
    if (dryRun === 'client') {
      // The printer is not told of the dry run: no `(dry run)` after the word.
      printObject(ctx, type, { ...node, spec: { ...(node.spec as object), taints } }, operation, output, 'none')
      continue
    }
    // CreateTwoWayMergePatch: spec.taints replaced whole, or removed when empty.
    const patched = ctx.api.patch(KUBECTL, 'nodes', undefined, name, { spec: { taints: taints.length > 0 ? taints : null } }, 'strategic', { dryRun: dryRun === 'server' })
    if (!patched.ok) {
      errors.push(statusErr(patched.error))
      continue
    }
    printObject(ctx, type, patched.value, operation, output, 'none')
  }
  const failed = oneOrAggregate(errors)
  if (failed) {
    ctx.err(formatKubectlErr(failed))
    return 1
  }
  return 0
}

const taint: KubectlCommand = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  help: HELP_TEXTS.taint,
  flags: FLAGS,
  run,
}

export default taint
