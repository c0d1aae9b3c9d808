// Applying a strategic merge patch (apimachinery pkg/util/strategicpatch, mergeMap and its helpers),
// as the apiserver does for `application/strategic-merge-patch+json`. The same merge, with other
// options, folds kubectl apply's two half-patches together (see strategic-diff.ts).
//
// Like upstream, the functions below mutate the maps they are given; the entry points copy first.
import { copyJson, deduplicateScalars, deepEqual, done, failed, goString, isObject, type Json, type JsonObject, type PatchResult } from './json.js'
import { lookupPatchMeta, splitStrategies, type PatchSchema } from './schema.js'
import {
  badArgType,
  DIRECTIVE,
  elementKind,
  findByKey,
  noMergeKey,
  normalizeElementOrder,
  partitionByPresence,
} from './strategic-order.js'

export const RETAIN_KEYS = '$retainKeys'
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList'
export const SET_ELEMENT_ORDER = '$setElementOrder'

/** Upstream's error values (mergepatch/errors.go) that the apiserver answers with 400. */
export const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list'
export const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys'
export const ERR_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list'

export interface MergeOptions {
  /** Apply `$deleteFromPrimitiveList` and `$retainKeys` (server side) rather than carry them (client side). */
  readonly mergeParallelList: boolean
  /** Drop a null that matches nothing, rather than keep it to send on. */
  readonly ignoreUnmatchedNulls: boolean
}

/** StrategicMergeMapPatch: the options the apiserver applies a patch with. */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, schema: PatchSchema): PatchResult<JsonObject> {
  return mergeMap(copyJson(original), copyJson(patch), schema, { mergeParallelList: true, ignoreUnmatchedNulls: true })
}

/**
 * strategicMergePatch into `original` itself, not a copy of it: for a caller whose `original` is
 * its own, at least wherever the patch reaches (see applyStatusPatchSharing).
 */
export function strategicMergePatchInPlace(original: JsonObject, patch: JsonObject, schema: PatchSchema): PatchResult<JsonObject> {
  return mergeMap(original, copyJson(patch), schema, { mergeParallelList: true, ignoreUnmatchedNulls: true })
}

export function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchSchema, options: MergeOptions): PatchResult<JsonObject> {
  if (DIRECTIVE in patch) return directiveOnMap(patch[DIRECTIVE], patch)
  const out = original ?? {}
  const retained = applyRetainKeysDirective(out, patch, options)
  if (!retained.ok) return retained
  const ordered = mergeOrderedLists(out, patch, schema, options)
  if (!ordered.ok) return ordered

  for (let [k, patchV] of Object.entries(patch)) {
    let isDeleteList = false
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!options.mergeParallelList) {
        out[k] = patchV
        continue
      }
      const key = extractKey(k, DELETE_FROM_PRIMITIVE_LIST, ERR_PRIMITIVE_LIST)
      if (!key.ok) return key
      k = key.value
      isDeleteList = true
    }
    // A null deletes the field; the client side keeps it, to send the deletion on.
    if (patchV === null) {
      delete out[k]
      if (options.ignoreUnmatchedNulls) continue
    }
    const replaceWithPatch = (): void => {
      if (isDeleteList) return
      if (options.ignoreUnmatchedNulls) discardNullValues(patchV)
      const [v, keep] = removeDirectives(patchV)
      if (keep) out[k] = v
      else delete out[k]
    }
    if (!(k in out) || typeOf(out[k]) !== typeOf(patchV)) {
      replaceWithPatch()
      continue
    }
    const meta = lookupPatchMeta(schema, k)
    const { strategy } = splitStrategies(meta.strategies)
    const cur = out[k]
    if (isObject(cur) && isObject(patchV)) {
      const merged = strategy === 'replace' ? done(patchV) : mergeMap(cur, patchV, meta.schema, options)
      if (!merged.ok) return merged
      out[k] = merged.value
    } else if (Array.isArray(cur) && Array.isArray(patchV)) {
      const merged = strategy === 'merge' || isDeleteList ? mergeSlice(cur, patchV, meta.schema, meta.mergeKey, options, isDeleteList) : done(patchV)
      if (!merged.ok) return merged
      out[k] = merged.value
    } else {
      // Two scalars of one type (a delete list included, as upstream does).
      const [v, keep] = removeDirectives(patchV)
      if (keep) out[k] = v
      else delete out[k]
    }
  }
  return done(out)
}

const typeOf = (v: Json | undefined): string => (v === null || v === undefined ? 'nil' : Array.isArray(v) ? 'slice' : typeof v)

/** handleDirectiveInMergeMap: `$patch: replace` takes the patch as it is, `$patch: delete` empties the map. */
function directiveOnMap(directive: Json, patch: JsonObject): PatchResult<JsonObject> {
  if (directive === 'replace') {
    delete patch[DIRECTIVE]
    return done(patch)
  }
  if (directive === 'delete') return done({})
  return failed(500, `unknown patch type: ${goString(directive)} in map: ${goString(patch)}`)
}

/** `$deleteFromPrimitiveList/finalizers` → `finalizers`. */
export function extractKey(s: string, prefix: string, error: string): PatchResult<string> {
  const slash = s.indexOf('/')
  if (slash < 0 || s.slice(0, slash) !== prefix) return failed(400, error)
  return done(s.slice(slash + 1))
}

/**
 * applyRetainKeysDirective: clear the fields of `original` not named in `$retainKeys`, after checking
 * that the patch sets nothing outside the list. Client side, the directive is only carried over.
 */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, options: MergeOptions): PatchResult<void> {
  if (!(RETAIN_KEYS in patch)) return done(undefined)
  const retain = patch[RETAIN_KEYS]
  delete patch[RETAIN_KEYS]
  if (!options.mergeParallelList) {
    if (!(RETAIN_KEYS in original)) original[RETAIN_KEYS] = retain
    else if (!deepEqual(original[RETAIN_KEYS], retain))
      return failed(500, `${goString(original[RETAIN_KEYS])} and ${goString(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`)
    return done(undefined)
  }
  if (!Array.isArray(retain)) return failed(400, ERR_RETAIN_KEYS)
  const keep = new Set<Json>(retain)
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue
    if (!keep.has(k)) return failed(400, ERR_RETAIN_KEYS)
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k]
  return done(undefined)
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<list>` with its list, merged and put in the order
 * it names (then the patch's, then the live object's). Both are removed from the patch.
 */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, schema: PatchSchema, options: MergeOptions): PatchResult<void> {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue
    const order = patch[key]
    if (!options.mergeParallelList) {
      if (!(key in original)) original[key] = order
      else if (!deepEqual(original[key], order)) return failed(400, ERR_SET_ELEMENT_ORDER)
    }
    delete patch[key]
    if (!Array.isArray(order)) return failed(500, badArgType('slice', order))
    const listKey = extractKey(key, SET_ELEMENT_ORDER, ERR_SET_ELEMENT_ORDER)
    if (!listKey.ok) return listKey
    const k = listKey.value
    const foundOriginal = k in original
    const foundPatch = k in patch
    const originalList = original[k]
    const patchList = patch[k]
    if (foundOriginal && !Array.isArray(originalList)) return failed(500, badArgType('slice', originalList))
    if (foundPatch && !Array.isArray(patchList)) return failed(500, badArgType('slice', patchList))
    const originalItems = foundOriginal ? (originalList as Json[]) : []
    const patchItems = foundPatch ? (patchList as Json[]) : []
    const meta = lookupPatchMeta(schema, k)
    const { strategy } = splitStrategies(meta.strategies)
    const valid = validatePatchWithSetOrderList(patchItems, order, meta.mergeKey)
    if (!valid.ok) return valid

    let merged: Json[]
    let serverOrder = originalItems
    if (foundOriginal && !foundPatch) merged = originalItems
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchItems)[0] as Json[]
    else if (foundOriginal && foundPatch) {
      const m = strategy === 'merge' ? mergeSlice(originalItems, patchItems, meta.schema, meta.mergeKey, options, false) : done(patchItems)
      if (!m.ok) return m
      merged = m.value
      if (strategy === 'merge' && meta.mergeKey !== '') serverOrder = sharedBackingArray(originalItems, patchItems, meta.mergeKey)
    } else continue

    const parts = partitionByPresence(merged, order, meta.mergeKey)
    if (!parts.ok) return parts
    const kind = elementKind(originalItems, patchItems)
    if (!kind.ok) return kind
    const both = normalizeElementOrder(parts.value.inPatch, parts.value.serverOnly, order, serverOrder, meta.mergeKey, kind.value)
    if (!both.ok) return both
    original[k] = both.value
    delete patch[k]
  }
  return done(undefined)
}

/**
 * The live list as upstream's mergePatchIntoOriginal still sees it after mergeSlice: Go's deletions
 * (`append(s[:k], s[k+1:]...)`) shift items left in the same backing array, and appended patch items
 * land in the slots freed, so the "live order" used to place server-only items is that array, not
 * the list as it was. Upstream's own test "add map and delete map from merging list" depends on it.
 */
function sharedBackingArray(original: readonly Json[], patch: readonly Json[], mergeKey: string): Json[] {
  const view = [...original] // the first original.length slots of the backing array
  let live = [...original] // the slice mergeSlice works on
  const matches = (item: JsonObject) => (x: Json) => isObject(x) && mergeKey in x && x[mergeKey] === item[mergeKey]
  let replace = false
  for (const v of patch) {
    const item = v as JsonObject
    if (item[DIRECTIVE] === 'replace') replace = true
    if (item[DIRECTIVE] !== 'delete') continue
    for (let k = live.findIndex(matches(item)); k >= 0; k = live.findIndex(matches(item))) {
      view.copyWithin(k, k + 1, live.length) // the last slot keeps its old item
      live = [...live.slice(0, k), ...live.slice(k + 1)]
    }
  }
  if (replace) return view
  for (const v of patch) {
    const item = v as JsonObject
    if (DIRECTIVE in item || live.some(matches(item))) continue
    if (live.length < view.length) view[live.length] = v
    live.push(v)
  }
  return view
}

/** The items of the patch list (deletions aside) must appear in `$setElementOrder`, in its order. */
function validatePatchWithSetOrderList(patchList: readonly Json[], order: readonly Json[], mergeKey: string): PatchResult<void> {
  if (order.length === 0 || patchList.length === 0) return done(undefined)
  const items = mergeKey ? patchList.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')) : patchList
  let p = 0
  let o = 0
  while (p < items.length && o < order.length) {
    const item = items[p]
    if (isObject(item) && DIRECTIVE in item) {
      p++
      continue
    }
    const equal = mergeKeyValueEqual(item, order[o], mergeKey)
    if (!equal.ok) return equal
    if (equal.value) p++
    o++
  }
  if (p < items.length && o >= order.length)
    return failed(500, `The order in patch list:\n${goString(patchList as Json[])}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goString(order as Json[])}\n`)
  return done(undefined)
}

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): PatchResult<boolean> {
  if (mergeKey === '') return done(left === right)
  if (!isObject(left)) return failed(500, badArgType('map', left))
  if (!isObject(right)) return failed(500, badArgType('map', right))
  if (!(mergeKey in left)) return failed(500, noMergeKey(left, mergeKey))
  if (!(mergeKey in right)) return failed(500, noMergeKey(right, mergeKey))
  return done(left[mergeKey] === right[mergeKey])
}

/** removeDirectives: drop every map that carries `$patch` (and list items that do); false if `v` itself does. */
export function removeDirectives(v: Json): [Json, boolean] {
  if (Array.isArray(v)) {
    const out: Json[] = []
    for (const item of v) {
      const [x, keep] = removeDirectives(item)
      if (keep) out.push(x)
    }
    return [out, true]
  }
  if (isObject(v)) {
    if (DIRECTIVE in v) return [null, false]
    for (const [k, child] of Object.entries(v)) {
      const [x, keep] = removeDirectives(child)
      if (keep) v[k] = x
      else delete v[k]
    }
  }
  return [v, true]
}

function discardNullValues(v: Json): void {
  if (Array.isArray(v)) v.forEach(discardNullValues)
  else if (isObject(v))
    for (const [k, child] of Object.entries(v)) {
      if (child === null) delete v[k]
      else discardNullValues(child)
    }
}

/** mergeSlice: a list with patchStrategy merge — scalars as a set, maps by their merge key. */
function mergeSlice(original: Json[], patch: Json[], schema: PatchSchema, mergeKey: string, options: MergeOptions, isDeleteList: boolean): PatchResult<Json[]> {
  if (original.length === 0 && patch.length === 0) return done(original)
  const kind = elementKind(original, patch)
  if (!kind.ok) return kind
  let merged: Json[]
  let serverOrder = original
  let patchItems = patch
  if (kind.value === 'scalar') {
    if (options.mergeParallelList && isDeleteList) return done(original.filter((v) => !patch.includes(v)))
    merged = deduplicateScalars([...original, ...patch])
  } else {
    if (mergeKey === '') return failed(500, 'cannot merge lists without merge key for struct')
    const special = applyListDirectives(original, patch, mergeKey)
    if (!special.ok) return special
    serverOrder = special.value.original
    patchItems = special.value.patch
    const m = mergeByKey(serverOrder, patchItems, mergeKey, schema, options)
    if (!m.ok) return m
    merged = m.value
  }
  const parts = partitionByPresence(merged, patchItems, kind.value === 'map' ? mergeKey : '')
  if (!parts.ok) return parts
  return normalizeElementOrder(parts.value.inPatch, parts.value.serverOnly, patchItems, serverOrder, mergeKey, kind.value)
}

/** mergeSliceWithSpecialElements: items with `$patch: delete` remove their match; `$patch: replace` replaces the list. */
function applyListDirectives(original: Json[], patch: Json[], mergeKey: string): PatchResult<{ original: Json[]; patch: Json[] }> {
  const plain: Json[] = []
  let replace = false
  let out = original
  for (const v of patch) {
    const item = v as JsonObject
    if (!(DIRECTIVE in item)) {
      plain.push(v)
      continue
    }
    switch (item[DIRECTIVE]) {
      case 'delete': {
        if (!(mergeKey in item)) return failed(500, noMergeKey(item, mergeKey))
        out = out.filter((x) => (x as JsonObject)[mergeKey] !== item[mergeKey])
        break
      }
      case 'replace':
        replace = true // keep going: the other directive items are dropped too
        break
      case 'merge':
        return failed(500, 'merging lists cannot yet be specified in the patch')
      default:
        return failed(500, `unknown patch type: ${goString(item[DIRECTIVE])} in map: ${goString(item)}`)
    }
  }
  return done(replace ? { original: plain, patch: [] } : { original: out, patch: plain })
}

/** mergeSliceWithoutSpecialElements: merge each patch item into the item with its key, or append it. */
function mergeByKey(original: Json[], patch: Json[], mergeKey: string, schema: PatchSchema, options: MergeOptions): PatchResult<Json[]> {
  const out = [...original]
  for (const v of patch) {
    const item = v as JsonObject
    if (!(mergeKey in item)) return failed(500, noMergeKey(item, mergeKey))
    const at = findByKey(out, mergeKey, item[mergeKey])
    if (!at.ok) return at
    if (at.value < 0) {
      out.push(v)
      continue
    }
    const merged = mergeMap(out[at.value] as JsonObject, item, schema, options)
    if (!merged.ok) return merged
    out[at.value] = merged.value
  }
  return done(out)
}
