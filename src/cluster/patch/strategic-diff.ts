// Computing strategic merge patches (apimachinery pkg/util/strategicpatch: diffMaps,
// CreateTwoWayMergePatch, CreateThreeWayMergePatch): what kubectl apply sends.
import { copyJson, deduplicateScalars, deepEqual, done, failed, goString, isObject, sortScalars, type Json, type JsonObject, type PatchResult } from './json.js'
import { lookupPatchMeta, patchSchemaFor, splitStrategies, type PatchSchema } from './schema.js'
import { DELETE_FROM_PRIMITIVE_LIST, mergeMap, RETAIN_KEYS, SET_ELEMENT_ORDER } from './strategic.js'
import { badArgType, byGoString, DIRECTIVE, elementKind, noMergeKey, normalizeSliceOrder } from './strategic-order.js'

interface DiffOptions {
  /** Add `$setElementOrder/<list>` beside merged lists. */
  readonly setElementOrder: boolean
  readonly ignoreChangesAndAdditions: boolean
  readonly ignoreDeletions: boolean
  /** The map is a field with patchStrategy retainKeys: name the keys to keep. */
  readonly buildRetainKeysDirective: boolean
}

const NO_OPTIONS: DiffOptions = { setElementOrder: false, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeysDirective: false }

/** CreateTwoWayMergePatch: the patch that turns `original` into `modified`. */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, schema: PatchSchema): PatchResult<JsonObject> {
  return diffMaps(copyJson(original), copyJson(modified), schema, { ...NO_OPTIONS, setElementOrder: true })
}

/**
 * createTwoWayMergePatch without copying its inputs first: diffMaps never changes them (a frozen
 * `original` is fine), and the patch it answers may hold parts of `modified` itself. For a caller
 * that neither changes the patch nor `modified` afterwards, and hands the patch to the apiserver,
 * which merges a copy: the kubelet's status patch of every pod status change.
 */
export function createTwoWayMergePatchSharing(original: JsonObject, modified: JsonObject, schema: PatchSchema): PatchResult<JsonObject> {
  return diffMaps(original, modified, schema, { ...NO_OPTIONS, setElementOrder: true })
}

/**
 * The body PatchPodStatus sends (the kubelet's and kube-scheduler's): the two-way merge patch from
 * a Pod with status `old` to one with `status`; undefined should the diff fail. It may share parts
 * of `status`, which must not change afterwards (the apiserver merges a copy).
 */
export function podStatusPatch(old: unknown, status: unknown): JsonObject | undefined {
  const schema = patchSchemaFor('v1', 'Pod')
  const diff = schema ? createTwoWayMergePatchSharing({ status: (old ?? {}) as JsonObject }, { status: status as JsonObject }, schema) : undefined
  return diff?.ok ? diff.value : undefined
}

/**
 * CreateThreeWayMergePatch (with overwrite, as kubectl apply calls it): the changes and additions
 * from `current` to `modified`, plus the deletions from `original` to `modified`. Fields that only
 * `current` has (set by the server or by other clients) are left alone.
 */
export function createThreeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject, schema: PatchSchema): PatchResult<JsonObject> {
  const delta = diffMaps(copyJson(current), copyJson(modified), schema, { ...NO_OPTIONS, setElementOrder: true, ignoreDeletions: true })
  if (!delta.ok) return delta
  const deletions = diffMaps(copyJson(original), copyJson(modified), schema, { ...NO_OPTIONS, setElementOrder: true, ignoreChangesAndAdditions: true })
  if (!deletions.ok) return deletions
  return mergeMap(deletions.value, delta.value, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false })
}

/**
 * diffMaps: a patch that yields `modified` from `original`. Changed and added fields are set, removed
 * fields set to null, merged lists diffed item by item (deletions as `$patch: delete` items, or a
 * `$deleteFromPrimitiveList/<list>` for scalars), retainKeys maps get `$retainKeys`.
 */
function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, options: DiffOptions): PatchResult<JsonObject> {
  const patch: JsonObject = {}
  const retainKeys: Json[] = []
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key)
    if (!(key in original)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue
      continue
    }
    const originalValue = original[key]
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') return failed(500, `invalid value for special key: ${DIRECTIVE}`)
      if (originalValue !== modifiedValue) patch[key] = modifiedValue
      continue
    }
    if (isObject(originalValue) && isObject(modifiedValue)) {
      const diffed = diffMapField(key, originalValue, modifiedValue, patch, schema, options)
      if (!diffed.ok) return diffed
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      const diffed = diffListField(key, originalValue, modifiedValue, patch, schema, options)
      if (!diffed.ok) return diffed
    } else {
      // Scalars, or a change of type: the new value replaces the old.
      replaceIfNotEqual(key, originalValue, modifiedValue, patch, options)
    }
  }
  if (!options.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null
  // $retainKeys goes out when something changes, or when the live map has a field to clear.
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) patch[RETAIN_KEYS] = sortScalars(retainKeys)
  return done(patch)
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !(k in modified))
}

function replaceIfNotEqual(key: string, original: Json, modified: Json, patch: JsonObject, options: DiffOptions): void {
  if (options.ignoreChangesAndAdditions || deepEqual(original, modified)) return
  patch[key] = modified
}

/** handleMapDiff */
function diffMapField(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, schema: PatchSchema, options: DiffOptions): PatchResult<void> {
  const meta = lookupPatchMeta(schema, key)
  const { retainKeys, strategy } = splitStrategies(meta.strategies)
  if (strategy === 'replace') {
    if (!options.ignoreChangesAndAdditions) patch[key] = modified
    return done(undefined)
  }
  const diffed = diffMaps(original, modified, meta.schema, { ...options, buildRetainKeysDirective: retainKeys })
  if (!diffed.ok) return diffed
  if (Object.keys(diffed.value).length > 0) patch[key] = diffed.value
  return done(undefined)
}

/** handleSliceDiff: merged lists are diffed, with their parallel lists; other lists replaced whole. */
function diffListField(key: string, original: Json[], modified: Json[], patch: JsonObject, schema: PatchSchema, options: DiffOptions): PatchResult<void> {
  const meta = lookupPatchMeta(schema, key)
  const { retainKeys, strategy } = splitStrategies(meta.strategies)
  if (strategy !== 'merge') {
    replaceIfNotEqual(key, original, modified, patch, options)
    return done(undefined)
  }
  const diffed = diffLists(original, modified, meta.schema, meta.mergeKey, { ...options, buildRetainKeysDirective: retainKeys })
  if (!diffed.ok) return diffed
  const { items, deleteFromPrimitiveList, setElementOrder } = diffed.value
  if (items.length > 0) patch[key] = items
  if (deleteFromPrimitiveList.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = deleteFromPrimitiveList
  if (setElementOrder.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = setElementOrder
  return done(undefined)
}

interface ListDiff {
  items: Json[]
  deleteFromPrimitiveList: Json[]
  setElementOrder: Json[]
}

function diffLists(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, options: DiffOptions): PatchResult<ListDiff> {
  if (original.length === 0) {
    const add = modified.length === 0 || options.ignoreChangesAndAdditions ? [] : modified
    return done({ items: add, deleteFromPrimitiveList: [], setElementOrder: [] })
  }
  const kind = elementKind(original, modified)
  if (!kind.ok) return kind
  if (kind.value === 'map') {
    const diffed = diffListsOfMaps(original, modified, schema, mergeKey, options)
    if (!diffed.ok) return diffed
    const sorted = normalizeSliceOrder(diffed.value.patch, modified, mergeKey, 'map')
    if (!sorted.ok) return sorted
    const orderSame = isOrderSame(original, modified, mergeKey)
    if (!orderSame.ok) return orderSame
    // Deletions ride in the same list, after the changes.
    const items = [...sorted.value, ...diffed.value.deletions]
    const wantOrder =
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (items.length > 0 || !orderSame.value)) || (!options.ignoreDeletions && items.length > 0))
    const setElementOrder = wantOrder ? modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] })) : []
    return done({ items, deleteFromPrimitiveList: [], setElementOrder })
  }
  const { add, deletions, originalSorted } = diffListsOfScalars(original, modified, options)
  const sorted = normalizeSliceOrder(add, modified, mergeKey, 'scalar')
  if (!sorted.ok) return sorted
  // Upstream sorts `original` in place before this comparison, so a list of scalars that is not in
  // sorted order always gets a $setElementOrder, even when unchanged (kept here as it behaves).
  const wantOrder =
    options.setElementOrder &&
    ((!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !deepEqual(originalSorted, modified)))
  return done({ items: sorted.value, deleteFromPrimitiveList: deletions, setElementOrder: wantOrder ? modified : [] })
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): PatchResult<boolean> {
  if (original.length !== modified.length) return done(false)
  for (let i = 0; i < modified.length; i++) {
    const a = original[i]
    const b = modified[i]
    if (!isObject(a)) return failed(500, badArgType('map', a))
    if (!isObject(b)) return failed(500, badArgType('map', b))
    if (!(mergeKey in a)) return failed(500, noMergeKey(a, mergeKey))
    if (!(mergeKey in b)) return failed(500, noMergeKey(b, mergeKey))
    if (a[mergeKey] !== b[mergeKey]) return done(false)
  }
  return done(true)
}

/** diffListsOfScalars: walk both lists sorted by their `%v` text. */
function diffListsOfScalars(original: Json[], modified: Json[], options: DiffOptions): { add: Json[]; deletions: Json[]; originalSorted: Json[] } {
  const o = sortScalars(original)
  const m = sortScalars(modified)
  const add: Json[] = []
  const deletions: Json[] = []
  let i = 0
  let j = 0
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goString(o[i]) : undefined
    const ms = j < m.length ? goString(m[j]) : undefined
    if (os !== undefined && ms !== undefined && os === ms) {
      i++
      j++
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!options.ignoreChangesAndAdditions) add.push(m[j])
      j++
    } else {
      if (!options.ignoreDeletions) deletions.push(o[i])
      i++
    }
  }
  return { add, deletions: deduplicateScalars(deletions), originalSorted: o }
}

/** diffListsOfMaps: walk both lists sorted by merge key; equal keys are diffed, the rest added or deleted. */
function diffListsOfMaps(
  original: Json[],
  modified: Json[],
  schema: PatchSchema,
  mergeKey: string,
  options: DiffOptions,
): PatchResult<{ patch: Json[]; deletions: Json[] }> {
  const o = sortByMergeKey(original, mergeKey)
  const m = sortByMergeKey(modified, mergeKey)
  const patch: Json[] = []
  const deletions: Json[] = []
  let i = 0
  let j = 0
  while (i < o.length || j < m.length) {
    const oe = i < o.length ? itemAt(o, i, mergeKey) : undefined
    if (oe && !oe.ok) return oe
    const me = j < m.length ? itemAt(m, j, mergeKey) : undefined
    if (me && !me.ok) return me
    const os = oe ? goString(oe.value[mergeKey]) : undefined
    const ms = me ? goString(me.value[mergeKey]) : undefined
    if (oe && me && os === ms) {
      const diffed = diffMaps(oe.value, me.value, schema, options)
      if (!diffed.ok) return diffed
      if (Object.keys(diffed.value).length > 0) patch.push({ ...diffed.value, [mergeKey]: me.value[mergeKey] })
      i++
      j++
    } else if (me && (!oe || (os !== undefined && ms !== undefined && os > ms))) {
      if (!options.ignoreChangesAndAdditions) patch.push(me.value)
      j++
    } else if (oe) {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: oe.value[mergeKey], [DIRECTIVE]: 'delete' })
      i++
    }
  }
  return done({ patch, deletions })
}

function itemAt(list: readonly Json[], i: number, mergeKey: string): PatchResult<JsonObject> {
  const v = list[i]
  if (!isObject(v)) return failed(500, badArgType('map', v))
  if (!(mergeKey in v)) return failed(500, noMergeKey(v, mergeKey))
  return done(v)
}

function sortByMergeKey(list: readonly Json[], mergeKey: string): Json[] {
  return [...list].sort((a, b) => byGoString(isObject(a) ? a[mergeKey] : undefined, isObject(b) ? b[mergeKey] : undefined))
}
