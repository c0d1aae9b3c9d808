// Strict decoding of objects against the Kubernetes schema: unknown fields and wrong types, as the
// 1.32 apiserver's JSON decoder (sigs.k8s.io/json, a fork of Go's encoding/json) reports them.
// The schema is extracted from kubernetes-types at build time (scripts/build-schema.mjs).
import schemaFile from '../generated/schema.json' with { type: 'json' }
import { goTypeOverride } from './go-types.js'
import { copyData, isPlainObject, type KubeObject } from './object.js'
import { unmarshalQuantity } from './quantity.js'
import type { ResourceType } from './resources.js'

export interface DecodingProblems {
  /** Paths of unknown fields, as the apiserver names them: `spec.containers[0].foo`. */
  unknownFields: string[]
  /** Type errors in json's words: `json: cannot unmarshal string into Go struct field ...`. */
  typeErrors: string[]
}

/** One API type: its fields' type strings (see scripts/build-schema.mjs) and the required ones. */
export interface Definition {
  readonly properties: Readonly<Record<string, string>>
  readonly required?: readonly string[]
}

export const DEFINITIONS: Readonly<Record<string, Definition>> = (schemaFile as { definitions: Record<string, Definition> }).definitions

/** `core.v1.Pod`, `apps.v1.Deployment`: the definition of a kind in a group and version. */
export function definitionName(group: string, version: string, kind: string): string {
  return `${group === '' ? 'core' : group.split('.')[0]}.${version}.${kind}`
}

/** What json reports for a wrong type: the JSON value's kind, the Go struct and its field path. */
interface ErrorContext {
  readonly struct: string
  readonly fields: readonly string[]
}

interface DecodeState {
  unknown: string[]
  /** The first type error; decoding goes on after it (encoding/json `saveError`). */
  saved?: string
  /** An error from a custom UnmarshalJSON (IntOrString, Quantity, Time): decoding stops at once. */
  aborted?: string
}

/**
 * What the apiserver's strict decoder finds wrong with `obj` for type `t`. Keys are visited in
 * byte order, because kubectl sends objects as JSON encoded from a map (keys sorted), and the
 * decoder reports in the order it reads. Unknown fields are all listed (at most 100); of type
 * errors only the first, and it wins over unknown fields (the apiserver then ignores them).
 */
export function strictDecodingErrors(t: ResourceType, obj: KubeObject): DecodingProblems {
  const name = definitionName(t.group, t.version, t.kind)
  // Nearly every body is clean: a quick walk that allocates nothing says so; only a body with a
  // problem is decoded again the slow way, which names the problems in the decoder's order.
  if (DEFINITIONS[name] && isClean(obj, name, goTypeOf(name))) return { unknownFields: [], typeErrors: [] }
  return fullDecodingErrors(t, obj)
}

/** strictDecodingErrors without the quick check: the full decoder walk (what tests compare the quick check with). */
export function fullDecodingErrors(t: ResourceType, obj: KubeObject): DecodingProblems {
  const state: DecodeState = { unknown: [] }
  const name = definitionName(t.group, t.version, t.kind)
  if (DEFINITIONS[name]) decode(state, obj, name, '', { struct: '', fields: [] })
  const error = state.aborted ?? state.saved
  return { unknownFields: error ? [] : state.unknown, typeErrors: error ? [error] : [] }
}

const jsonKind = (v: unknown): string =>
  typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object'

/** `json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32` */
function typeError(value: string, ctx: ErrorContext, goType: string): string {
  if (ctx.struct === '' && ctx.fields.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${goType}`
  return `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${goType}`
}

const goTypes = new Map<string, string>()

/** The Go type of a schema type string, as reflect prints it (`[]v1.Container`, `map[string]string`). */
function goTypeOf(type: string): string {
  let go = goTypes.get(type)
  if (go === undefined) goTypes.set(type, (go = computeGoTypeOf(type)))
  return go
}

function computeGoTypeOf(type: string): string {
  if (type.startsWith('[]')) return `[]${goTypeOf(type.slice(2))}`
  if (type.startsWith('map[string]')) return `map[string]${goTypeOf(type.slice(11))}`
  switch (type) {
    case 'string':
      return 'string'
    case 'integer':
      return 'int32'
    case 'number':
      return 'float64'
    case 'boolean':
      return 'bool'
    case 'IntOrString':
      return 'intstr.IntOrString'
    case 'Quantity':
      return 'resource.Quantity'
    case 'Time':
    case 'MicroTime':
      return `v1.${type}`
    default:
      return `v1.${type.slice(type.lastIndexOf('.') + 1)}`
  }
}

const INT_RANGE: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [-(2 ** 63), 2 ** 63 - 1] }

/**
 * Decode `value` into a field of schema type `type` whose Go type is `goType`. `path` is the strict
 * decoder's path (`spec.containers[0]`), `ctx` the type-error context (struct fields only).
 */
function decode(state: DecodeState, value: unknown, type: string, path: string, ctx: ErrorContext, goType = goTypeOf(type)): void {
  if (state.aborted || value === null || value === undefined) return
  const save = (kind: string): void => {
    state.saved ??= typeError(kind, ctx, goType)
  }
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return save(jsonKind(value))
    value.forEach((item, i) => decode(state, item, type.slice(2), `${path}[${i}]`, ctx, goType.slice(2)))
    return
  }
  if (type.startsWith('map[string]')) {
    if (!isPlainObject(value)) return save(jsonKind(value))
    const elem = goType.startsWith('map[string]') ? goType.slice(11) : goTypeOf(type.slice(11))
    for (const key of sortedKeys(value)) decode(state, value[key], type.slice(11), join(path, key), ctx, elem)
    return
  }
  switch (type) {
    case 'string':
      if (typeof value !== 'string') save(jsonKind(value))
      return
    case 'boolean':
      if (typeof value !== 'boolean') save(jsonKind(value))
      return
    case 'integer':
    case 'number':
      if (typeof value !== 'number') return save(jsonKind(value))
      if (type === 'integer') {
        const [min, max] = INT_RANGE[goType.replace('[]', '')] ?? INT_RANGE.int32
        if (!Number.isInteger(value) || value < min || value > max) save(`number ${String(value)}`)
      }
      return
    case 'IntOrString':
      // intstr.IntOrString.UnmarshalJSON: a JSON string is the string; anything else must be an int32.
      if (typeof value === 'string') return
      if (typeof value !== 'number') state.aborted = typeError(jsonKind(value), ctx, 'int32')
      else if (!Number.isInteger(value) || value < INT_RANGE.int32[0] || value > INT_RANGE.int32[1]) state.aborted = typeError(`number ${String(value)}`, ctx, 'int32')
      return
    case 'Quantity': {
      // resource.Quantity.UnmarshalJSON parses the raw JSON text (unquoted), so 0.5 and "500m" both work.
      const parsed = unmarshalQuantity(value)
      if (!parsed.ok) state.aborted = parsed.error
      return
    }
    case 'Time':
    case 'MicroTime':
      // metav1.Time.UnmarshalJSON unmarshals a Go string first. (The RFC 3339 parse error that
      // follows for a malformed string is not reproduced.)
      if (typeof value !== 'string') state.aborted = typeError(jsonKind(value), ctx, 'string')
      return
  }
  if (type === RAW_EXTENSION) return
  const def = DEFINITIONS[type]
  if (!def) throw new Error(`schema: no definition ${type}`) // a bug in the generated schema
  if (!isPlainObject(value)) return save(jsonKind(value))
  const struct = type.slice(type.lastIndexOf('.') + 1)
  for (const key of sortedKeys(value)) {
    const fieldType = def.properties[key]
    if (fieldType === undefined) {
      state.unknown.push(join(path, key)) // case-sensitive: `Spec` is unknown too
      if (state.unknown.length >= 100) state.unknown.length = 100
      continue
    }
    const fieldCtx = { struct, fields: [...ctx.fields, key] }
    decode(state, value[key], fieldType, join(path, key), fieldCtx, goTypeOverride(struct, key) ?? goTypeOf(fieldType))
    if (state.aborted) return
  }
}

/** runtime.RawExtension.UnmarshalJSON keeps the raw bytes: any JSON goes (ControllerRevision.data). */
const RAW_EXTENSION = 'runtime.RawExtension'

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key)

/** A struct's fields: schema type, and the Go type `decode` gives each (its override, if any). */
interface FieldInfo {
  readonly type: string
  readonly goType: string
}

const structFields = new Map<string, Map<string, FieldInfo>>()

function fieldsOf(type: string, def: Definition): Map<string, FieldInfo> {
  let fields = structFields.get(type)
  if (!fields) {
    const struct = type.slice(type.lastIndexOf('.') + 1)
    fields = new Map()
    for (const [key, fieldType] of Object.entries(def.properties)) fields.set(key, { type: fieldType, goType: goTypeOverride(struct, key) ?? goTypeOf(fieldType) })
    structFields.set(type, fields)
  }
  return fields
}

/**
 * What isClean checks a value of one (schema type, Go type) against, worked out once: the type
 * strings are taken apart once per pair instead of at every value (a pod has hundreds of them).
 */
type CleanShape =
  | { readonly k: 'list' | 'map'; readonly elem: CleanShape }
  | { readonly k: 'string' | 'boolean' | 'number' | 'IntOrString' | 'Quantity' | 'raw' | 'none' }
  | { readonly k: 'integer'; readonly min: number; readonly max: number }
  | { readonly k: 'struct'; readonly fields: ReadonlyMap<string, CleanShape> }

const cleanShapes = new Map<string, Map<string, CleanShape>>()

function cleanShape(type: string, goType: string): CleanShape {
  let byGo = cleanShapes.get(type)
  if (!byGo) cleanShapes.set(type, (byGo = new Map()))
  let shape = byGo.get(goType)
  if (!shape) {
    // Set before its fields are made: a recursive type (JSONSchemaProps) refers to itself.
    shape = makeCleanShape(type, goType, (made) => byGo.set(goType, made))
  }
  return shape
}

function makeCleanShape(type: string, goType: string, remember: (shape: CleanShape) => void): CleanShape {
  let shape: CleanShape
  if (type.startsWith('[]')) {
    const list = { k: 'list' as const, elem: undefined as unknown as CleanShape }
    remember(list)
    list.elem = cleanShape(type.slice(2), goType.slice(2))
    return list
  }
  if (type.startsWith('map[string]')) {
    const elem = type.slice(11)
    const map = { k: 'map' as const, elem: undefined as unknown as CleanShape }
    remember(map)
    map.elem = cleanShape(elem, goType.startsWith('map[string]') ? goType.slice(11) : goTypeOf(elem))
    return map
  }
  switch (type) {
    case 'string':
    case 'Time':
    case 'MicroTime':
      shape = { k: 'string' }
      break
    case 'boolean':
    case 'number':
    case 'IntOrString':
    case 'Quantity':
      shape = { k: type }
      break
    case 'integer': {
      const [min, max] = INT_RANGE[goType.replace('[]', '')] ?? INT_RANGE.int32
      shape = { k: 'integer', min, max }
      break
    }
    default: {
      if (type === RAW_EXTENSION) shape = { k: 'raw' }
      else {
        const def = DEFINITIONS[type]
        if (!def) shape = { k: 'none' }
        else {
          const fields = new Map<string, CleanShape>()
          const struct = { k: 'struct' as const, fields }
          remember(struct)
          for (const [key, field] of fieldsOf(type, def)) fields.set(key, cleanShape(field.type, field.goType))
          return struct
        }
      }
    }
  }
  remember(shape)
  return shape
}

/** Quantities already parsed, by text (the same few requests and capacities come back all the time). */
const cleanQuantities = new Map<string, boolean>()

function quantityClean(value: unknown): boolean {
  if (typeof value !== 'string') return unmarshalQuantity(value).ok
  let ok = cleanQuantities.get(value)
  if (ok === undefined) {
    if (cleanQuantities.size >= 4096) cleanQuantities.clear()
    cleanQuantities.set(value, (ok = unmarshalQuantity(value).ok))
  }
  return ok
}

/**
 * Whether `decode` would find nothing wrong with `value` (no unknown field, no type error): the
 * same checks, without sorting keys, building paths or error texts. False sends the caller to
 * `decode`, which says what is wrong (or throws for a schema without a definition, as it does).
 */
function isClean(value: unknown, type: string, goType: string): boolean {
  return isCleanAs(value, cleanShape(type, goType))
}

function isCleanAs(value: unknown, shape: CleanShape): boolean {
  if (value === null || value === undefined) return true
  switch (shape.k) {
    case 'list': {
      if (!Array.isArray(value)) return false
      for (let i = 0; i < value.length; i++) if (!isCleanAs(value[i], shape.elem)) return false
      return true
    }
    case 'map': {
      if (!isPlainObject(value)) return false
      // for-in: no key list per object (a plain object has no inherited enumerable properties).
      for (const key in value) if (!isCleanAs(value[key], shape.elem)) return false
      return true
    }
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'number':
      return typeof value === 'number'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= shape.min && value <= shape.max
    case 'IntOrString':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value) && value >= INT_RANGE.int32[0] && value <= INT_RANGE.int32[1])
    case 'Quantity':
      return quantityClean(value)
    case 'raw':
      return true
    case 'none':
      return false
    case 'struct': {
      if (!isPlainObject(value)) return false
      for (const key in value) {
        const v = value[key]
        if (v === undefined) continue // left out, as sortedKeys leaves it out
        const field = shape.fields.get(key)
        if (!field || !isCleanAs(v, field)) return false
      }
      return true
    }
  }
}

/** Go's json.Marshal of a map sorts keys by bytes; so does kubectl's request body. */
function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * The object as the apiserver holds it after decoding into its Go types: unknown fields are gone
 * (fieldValidation Warn/Ignore drops them), a JSON null leaves a field unset, and a null element of
 * a list or map becomes its type's zero value (`containers: [null]` is one empty container).
 * Call only on objects `strictDecodingErrors` found no type error in.
 */
export function normalizeDecoded(t: ResourceType, obj: KubeObject): KubeObject {
  const name = definitionName(t.group, t.version, t.kind)
  if (!DEFINITIONS[name]) return obj
  return normalize(obj, name) as KubeObject
}

/**
 * normalizeDecoded into a new object that shares nothing mutable with `obj` (which may be frozen,
 * or the caller's): what the apiserver decodes a request body into.
 */
export function decodedCopy(t: ResourceType, obj: KubeObject): KubeObject {
  const name = definitionName(t.group, t.version, t.kind)
  if (!DEFINITIONS[name]) return copyData(obj)
  return normalize(obj, name) as KubeObject
}

/**
 * Time fields that are pointers in the Go types (`*metav1.Time`): left out when unset. Every other
 * Time or MicroTime field is a struct value, which Go's JSON encoder writes as `null` when zero —
 * hence `lastProbeTime: null` on pod conditions and `firstTimestamp: null` on scheduler events.
 * (k8s.io/api core/v1, apps/v1, coordination/v1 and apimachinery meta/v1 types.go)
 */
const POINTER_TIMES = new Set([
  'coordination.v1.LeaseSpec.acquireTime',
  'coordination.v1.LeaseSpec.renewTime',
  'core.v1.PodStatus.startTime',
  'core.v1.Taint.timeAdded',
  'meta.v1.ObjectMeta.deletionTimestamp',
  'meta.v1.ManagedFieldsEntry.time',
])

/**
 * List fields declared without `omitempty`: Go writes them `null` when unset and `[]` when empty.
 * Every other list or map field (nearly all of them have `omitempty`) is left out when empty.
 */
const NO_OMITEMPTY = new Set([
  'discovery.v1.EndpointSlice.endpoints',
  'discovery.v1.EndpointSlice.ports',
  'discovery.v1.Endpoint.addresses',
  'core.v1.PodSpec.containers',
])

function zeroOf(type: string): unknown {
  if (type.startsWith('[]') || type.startsWith('map[string]')) return undefined
  switch (type) {
    case 'string':
    case 'Time':
    case 'MicroTime':
      return ''
    case 'integer':
    case 'number':
    case 'IntOrString':
      return 0
    case 'boolean':
      return false
    case 'Quantity':
      return '0'
    default:
      return {}
  }
}

const isEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && !hasOwnKey(v))

function hasOwnKey(o: Record<string, unknown>): boolean {
  for (const _ in o) return true
  return false
}

/**
 * How `normalize` treats a value of one schema type, worked out once per type (the type string is
 * taken apart once, not at every value): a list or map of `elem` (whose zero value stands for a
 * null element), a struct with its fields, or anything else (kept, copied).
 */
type NormalShape =
  | { readonly k: 'list' | 'map'; readonly elemType: string; readonly elem: NormalShape }
  | { readonly k: 'struct'; readonly fields: ReadonlyMap<string, NormalField>; readonly nullWhenUnset: readonly string[] }
  | { readonly k: 'other' }

/** A struct's field: its shape, whether it is a list or map, and whether it is kept when empty. */
interface NormalField {
  readonly shape: NormalShape
  readonly collection: boolean
  readonly keepEmpty: boolean
}

const OTHER: NormalShape = { k: 'other' }
const normalShapes = new Map<string, NormalShape>()

function normalShape(type: string): NormalShape {
  const known = normalShapes.get(type)
  if (known) return known
  if (type.startsWith('[]') || type.startsWith('map[string]')) {
    const list = type.startsWith('[]')
    const elemType = type.slice(list ? 2 : 11)
    // Remembered before its element is made: a recursive type refers to itself.
    const shape = { k: list ? ('list' as const) : ('map' as const), elemType, elem: OTHER }
    normalShapes.set(type, shape)
    shape.elem = normalShape(elemType)
    return shape
  }
  const def = type === RAW_EXTENSION ? undefined : DEFINITIONS[type]
  if (!def) {
    normalShapes.set(type, OTHER)
    return OTHER
  }
  const fields = new Map<string, NormalField>()
  const nullWhenUnset: string[] = []
  const shape = { k: 'struct' as const, fields, nullWhenUnset }
  normalShapes.set(type, shape)
  for (const [k, fieldType] of Object.entries(def.properties)) {
    const keepEmpty = NO_OMITEMPTY.has(`${type}.${k}`)
    fields.set(k, { shape: normalShape(fieldType), collection: fieldType.startsWith('[]') || fieldType.startsWith('map[string]'), keepEmpty })
    if (((fieldType === 'Time' || fieldType === 'MicroTime') && !POINTER_TIMES.has(`${type}.${k}`)) || keepEmpty) nullWhenUnset.push(k)
  }
  return shape
}

function normalize(value: unknown, type: string): unknown {
  return normalizeAs(value, normalShape(type))
}

function normalizeAs(value: unknown, shape: NormalShape): unknown {
  if (value === null || value === undefined) return undefined
  switch (shape.k) {
    case 'list': {
      const items = value as unknown[]
      // Made at its size: a list grown by push keeps room for 16 more items (a stored pod has dozens of lists).
      const out = new Array<unknown>(items.length)
      let j = 0
      for (let i = 0; i < items.length; i++) {
        const v = items[i]
        const n = v === null ? zeroOf(shape.elemType) : normalizeAs(v, shape.elem)
        if (n !== undefined) out[j++] = n
      }
      if (j < out.length) out.length = j
      return out
    }
    case 'map': {
      const out: Record<string, unknown> = {}
      const map = value as Record<string, unknown>
      for (const k in map) {
        const v = map[k]
        const n = v === null ? zeroOf(shape.elemType) : normalizeAs(v, shape.elem)
        if (n !== undefined) out[k] = n
      }
      return out
    }
    case 'other':
      // What the schema does not describe is kept as it is, copied (the result shares nothing mutable).
      return typeof value === 'object' ? copyData(value) : value
    case 'struct': {
      if (!isPlainObject(value)) return typeof value === 'object' ? copyData(value) : value
      const out: Record<string, unknown> = {}
      for (const k in value) {
        const v = value[k]
        const field = shape.fields.get(k)
        if (field === undefined || v === null || v === undefined) continue
        const n = normalizeAs(v, field.shape)
        if (field.collection && isEmpty(n) && !field.keepEmpty) continue
        out[k] = n
      }
      for (const k of shape.nullWhenUnset) if (out[k] === undefined) out[k] = null
      return out
    }
  }
}
