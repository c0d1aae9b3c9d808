// What the apiserver makes of a kubelet's status patch, without making the patch: the strategic merge
// (strategic.ts, as the apiserver applies it) of the two-way diff (strategic-diff.ts,
// CreateTwoWayMergePatch with $setElementOrder) of `original` → `modified`, applied to `original`.
// The kubelet sends exactly that patch for every pod status change, against the pod it last saw; when
// that is still the stored pod, the round trip has a result that can be written down directly:
//
// - a map keeps `original`'s keys in their order (a key `modified` lacks, or sets to null, is
//   deleted), each with its merged value, then `modified`'s new keys in `modified`'s order (the
//   diff lists additions in that order and the merge appends them);
// - a value both have: unchanged (deep-equal, or a map or merged list whose diff is empty) is
//   `original`'s; a map is merged key by key as above; a list merged by key (conditions, hostIPs,
//   podIPs) comes out in `modified`'s order (its $setElementOrder names every item the merge leaves:
//   additions appended, deletions removed, the rest merged item by item); any other list, a scalar, or
//   a change of type is `modified`'s value.
//
// Nulls: the merge drops null fields of what it copies from `modified` (discardNullValues, and the
// apiserver's dropNulls); decoding then treats a null struct field as an absent one, so where
// `original`'s (decoded, stored) parts keep theirs makes no difference to the decoded result. The
// caller decodes the result (schema.ts decodedCopy), as the apiserver decodes the merged object.
//
// Anything outside what this covers answers undefined, and the caller takes the real diff and merge:
// keys starting with `$` where the merge reads directives (and `$patch` anywhere in what is taken from
// `modified`, which removeDirectives would act on), a `__proto__` key (which an assignment would not
// keep as a key), undefined values, retainKeys or replace strategies, lists merged as sets of scalars,
// empty merged lists, items without a string merge key of printable ASCII (whose byte order and
// JavaScript order agree, so the diff pairs items by equal keys), two items with one key, and a list
// in a list (which the apiserver's dropNulls does not reach into).
import { deepEqual, isObject, type Json, type JsonObject } from './json.js'
import { lookupPatchMeta, splitStrategies, type PatchSchema } from './schema.js'

/** The merged map, and whether the diff of the two would say anything (a patch is sent at all). */
export interface RoundTrip {
  readonly value: JsonObject
  readonly changed: boolean
}

/** Not covered: the caller takes the real diff and merge. */
const OUT = Symbol('not covered')
/** The field goes (the diff says null, or leaves it out). */
const GONE = Symbol('gone')

type Merged = Json | typeof GONE

/** Whether the last mergeValue changed its field (a module variable rather than a result object per field). */
let changedValue = false

/**
 * mergeMap(copy of `original`, CreateTwoWayMergePatch(original, modified)) as the apiserver's strategic
 * merge applies it, for a map of type `schema` (see the file comment); undefined when not covered.
 */
export function mergedTwoWayDiff(original: JsonObject, modified: JsonObject, schema: PatchSchema): RoundTrip | undefined {
  const value = mergeMaps(original, modified, schema)
  if (value === OUT) return undefined
  return { value: value ?? original, changed: value !== undefined }
}

/** The merged map, undefined when the diff of the two is empty (the original stays), or OUT. */
function mergeMaps(o: JsonObject, m: JsonObject, schema: PatchSchema): JsonObject | undefined | typeof OUT {
  const out: JsonObject = {}
  let changed = false
  for (const k in o) {
    if (k.charCodeAt(0) === 36 /* $ */) return OUT
    if (!Object.hasOwn(m, k)) {
      changed = true // the diff sets it to null: deleted
      continue
    }
    const v = mergeValue(k, o[k], m[k], schema)
    if (v === OUT) return OUT
    if (changedValue) changed = true
    if (v !== GONE) out[k] = v
  }
  for (const k in m) {
    if (Object.hasOwn(o, k)) continue
    const mv = m[k]
    if (k.charCodeAt(0) === 36 || k === '__proto__' || mv === undefined) return OUT
    changed = true // an addition, even of null (which the merge then drops)
    if (mv === null) continue
    const v = takeCopy(mv)
    if (v === OUT) return OUT
    out[k] = v
  }
  return changed ? out : undefined
}

/** The merged value of field `k` that both maps have; sets changedValue (after any nested call). */
function mergeValue(k: string, ov: Json, mv: Json | undefined, schema: PatchSchema): Merged | typeof OUT {
  if (mv === undefined) return OUT
  let v: Merged | undefined | typeof OUT
  if (mv === null) v = ov === null ? undefined : GONE
  else if (isObject(ov) && isObject(mv)) {
    const meta = lookupPatchMeta(schema, k)
    const { retainKeys, strategy } = splitStrategies(meta.strategies)
    if (retainKeys || strategy === 'replace') return OUT
    v = mergeMaps(ov, mv, meta.schema)
  } else if (Array.isArray(ov) && Array.isArray(mv)) {
    const meta = lookupPatchMeta(schema, k)
    const { retainKeys, strategy } = splitStrategies(meta.strategies)
    if (strategy === 'merge') {
      if (retainKeys || meta.mergeKey === '') return OUT
      v = mergeKeyedLists(ov, mv, meta.mergeKey, meta.schema)
    } else v = deepEqual(ov, mv) ? undefined : takeCopy(mv) // replaced whole when it differs (containerStatuses)
  } else v = deepEqual(ov, mv) ? undefined : takeCopy(mv) // a scalar, or a change of type: the patch's value
  if (v === OUT) return OUT
  changedValue = v !== undefined
  return v === undefined ? ov : v
}

/**
 * A list merged by `key`: `modified`'s items in its order, each merged with `original`'s item of
 * its key (or taken as it is); undefined when the diff has nothing to say about the list.
 */
function mergeKeyedLists(o: Json[], m: Json[], key: string, schema: PatchSchema): Json[] | undefined | typeof OUT {
  if (o.length === 0 || m.length === 0) return OUT
  if (!distinctKeys(o, key) || !distinctKeys(m, key)) return OUT
  let changed = o.length !== m.length
  const out = new Array<Json>(m.length)
  for (let i = 0; i < m.length; i++) {
    const item = m[i] as JsonObject
    const k = item[key]
    if (!changed && (o[i] as JsonObject)[key] !== k) changed = true // another order: $setElementOrder
    const before = itemWithKey(o, key, k)
    if (before === undefined) {
      changed = true
      const v = takeCopy(item)
      if (v === OUT) return OUT
      out[i] = v
      continue
    }
    const v = mergeMaps(before, item, schema)
    if (v === OUT) return OUT
    if (v === undefined) out[i] = before
    else {
      changed = true
      out[i] = v
    }
  }
  // An item `modified` lacks is deleted: the lengths differ, or some key of `modified` is not in `original`.
  return changed ? out : undefined
}

/** Every item a map whose `key` is a printable ASCII string, no two with the same one. */
function distinctKeys(list: Json[], key: string): boolean {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!isObject(item)) return false
    const k = item[key]
    if (typeof k !== 'string' || !PRINTABLE_ASCII.test(k)) return false
    for (let j = 0; j < i; j++) if ((list[j] as JsonObject)[key] === k) return false
  }
  return true
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

function itemWithKey(list: Json[], key: string, k: Json): JsonObject | undefined {
  for (let i = 0; i < list.length; i++) if ((list[i] as JsonObject)[key] === k) return list[i] as JsonObject
  return undefined
}

/**
 * A copy of a value taken from `modified`, as the merge leaves it: null fields dropped (null list
 * items kept). OUT for an undefined value, a `$patch` key (which the merge would act on), or a list
 * in a list.
 */
function takeCopy(v: Json): Json | typeof OUT {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    const out = new Array<Json>(v.length)
    for (let i = 0; i < v.length; i++) {
      const item = v[i]
      // The apiserver's dropNulls does not reach into a list of lists: not covered.
      if (item === undefined || Array.isArray(item)) return OUT
      const c = takeCopy(item)
      if (c === OUT) return OUT
      out[i] = c
    }
    return out
  }
  const out: JsonObject = {}
  for (const k in v) {
    const child = v[k]
    if (child === undefined || k === '$patch' || k === '__proto__') return OUT
    if (child === null) continue
    const c = takeCopy(child)
    if (c === OUT) return OUT
    out[k] = c
  }
  return out
}
