// events.k8s.io/v1 Events: the same objects as core/v1 Events, in the same storage
// (/registry/events/<ns>/<name>, stored as core/v1), served in the new API's shape. Reads convert
// the stored Event to events.k8s.io/v1, writes convert back (pkg/apis/events/v1/conversion.go). The
// strategy is core's (pkg/registry/core/event/strategy.go), whose validation depends on the
// request's group version: through events.k8s.io/v1 it is strict (ValidateEventCreate,
// ValidateEventUpdate in pkg/apis/core/validation/events.go).
import type { Event } from 'kubernetes-types/core/v1.js'
import { isPlainObject, type KubeObject, type StoredObject } from '../object.js'
import { validateEvent } from '../validation/event.js'
import { type FieldError, GoLiteral, invalidValue, required } from '../validation/field.js'
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.js'
import type { ResourceType } from '../resources.js'
import type { Strategy } from './strategy.js'

type Obj = Record<string, unknown>

/** A string field of an object, '' when unset (a Go string's zero value). */
const str = (o: Obj, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '')

/**
 * The stored core/v1 Event as events.k8s.io/v1 (Convert_core_Event_To_v1_Event), its fields in the
 * order of the Go type (k8s.io/api/events/v1 types.go) and left out when the encoder omits them
 * (omitempty strings and numbers, a nil series or related); eventTime and the deprecated times are
 * struct values the encoder writes `null` when zero, and regarding and deprecatedSource structs that
 * it always writes.
 */
export function coreEventToV1(o: StoredObject | KubeObject): KubeObject {
  const e = o as Obj
  const out: Obj = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: e.metadata }
  out.eventTime = e.eventTime ?? null
  if (isPlainObject(e.series)) out.series = e.series
  for (const [to, from] of [
    ['reportingController', 'reportingComponent'],
    ['reportingInstance', 'reportingInstance'],
    ['action', 'action'],
    ['reason', 'reason'],
  ] as const)
    if (str(e, from)) out[to] = e[from]
  out.regarding = isPlainObject(e.involvedObject) ? e.involvedObject : {}
  if (isPlainObject(e.related)) out.related = e.related
  if (str(e, 'message')) out.note = e.message
  if (str(e, 'type')) out.type = e.type
  out.deprecatedSource = isPlainObject(e.source) ? e.source : {}
  out.deprecatedFirstTimestamp = e.firstTimestamp ?? null
  out.deprecatedLastTimestamp = e.lastTimestamp ?? null
  if (typeof e.count === 'number' && e.count !== 0) out.deprecatedCount = e.count
  return out as KubeObject
}

/**
 * A decoded events.k8s.io/v1 Event as the core/v1 Event that storage holds
 * (Convert_v1_Event_To_core_Event), in the order of the core Go type (k8s.io/api core/v1 types.go):
 * involvedObject and source always, the times `null` when zero, reportingComponent and
 * reportingInstance always (they have no omitempty there), the rest when set.
 */
export function v1EventToCore(o: KubeObject): KubeObject {
  const e = o as Obj
  const out: Obj = { apiVersion: 'v1', kind: 'Event' }
  if (e.metadata !== undefined) out.metadata = e.metadata
  out.involvedObject = isPlainObject(e.regarding) ? e.regarding : {}
  if (str(e, 'reason')) out.reason = e.reason
  if (str(e, 'note')) out.message = e.note
  out.source = isPlainObject(e.deprecatedSource) ? e.deprecatedSource : {}
  out.firstTimestamp = e.deprecatedFirstTimestamp ?? null
  out.lastTimestamp = e.deprecatedLastTimestamp ?? null
  if (typeof e.deprecatedCount === 'number' && e.deprecatedCount !== 0) out.count = e.deprecatedCount
  if (str(e, 'type')) out.type = e.type
  out.eventTime = e.eventTime ?? null
  if (isPlainObject(e.series)) out.series = e.series
  if (str(e, 'action')) out.action = e.action
  if (isPlainObject(e.related)) out.related = e.related
  out.reportingComponent = str(e, 'reportingController')
  out.reportingInstance = str(e, 'reportingInstance')
  return out as KubeObject
}

/** The events.k8s.io/v1 form of an answer or a watch event's object (storage holds core/v1). */
export function servedAs<T extends StoredObject | KubeObject>(t: ResourceType, o: T): T {
  return t.group === 'events.k8s.io' ? (coreEventToV1(o) as T) : o
}

/** The core/v1 form of what a client sent through `t`, for storage. */
export function storedAs(t: ResourceType, o: KubeObject): KubeObject {
  return t.group === 'events.k8s.io' ? v1EventToCore(o) : o
}

const isZero = (v: unknown): boolean => v === undefined || v === null || v === '' || v === 0

/** validateV1EventSeries: a series counts at least 2 and has a lastObservedTime. */
function seriesErrors(e: Obj): FieldError[] {
  const errs: FieldError[] = []
  if (!isPlainObject(e.series)) return errs
  const count = typeof e.series.count === 'number' ? e.series.count : 0
  if (count < 2) errs.push(invalidValue('series.count', '', 'should be at least 2'))
  if (isZero(e.series.lastObservedTime)) errs.push(required('series.lastObservedTime'))
  return errs
}

/**
 * ValidateEventCreate for events.k8s.io/v1: legacy validation, then ObjectMeta (names are DNS
 * subdomains here), the series, and what the new API requires or forbids. Field paths are the
 * internal (core) type's, as upstream validates the converted object.
 */
export function validateEventCreateV1(obj: KubeObject, t: ResourceType): FieldError[] {
  const e = obj as Obj
  const errs = validateEvent(obj as unknown as Event)
  errs.push(...validateObjectMeta(obj, t, 'subdomain'))
  errs.push(...seriesErrors(e))
  if (isZero(e.eventTime)) errs.push(required('eventTime'))
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalidValue('type', '', `has invalid value: ${str(e, 'type')}`))
  if (!isZero(e.firstTimestamp)) errs.push(invalidValue('firstTimestamp', '', 'needs to be unset'))
  if (!isZero(e.lastTimestamp)) errs.push(invalidValue('lastTimestamp', '', 'needs to be unset'))
  if (!isZero(e.count)) errs.push(invalidValue('count', '', 'needs to be unset'))
  const source = isPlainObject(e.source) ? e.source : {}
  if (!isZero(source.component) || !isZero(source.host)) errs.push(invalidValue('source', '', 'needs to be unset'))
  return errs
}

/**
 * ValidateEventUpdate for events.k8s.io/v1 after its legacy validation (the strategy's `validate`):
 * ObjectMeta's update rules (again, after the generic ones), the series when it changed, and every
 * other field of the event immutable (in upstream's order, `reason` twice: the aggregate message
 * shows it once).
 */
export function validateEventUpdateV1(obj: KubeObject, old: StoredObject): FieldError[] {
  const e = obj as Obj
  const was = old as unknown as Obj
  const errs = validateObjectMetaUpdate(obj, old)
  if (JSON.stringify(e.series ?? null) !== JSON.stringify(was.series ?? null)) errs.push(...seriesErrors(e))
  for (const field of IMMUTABLE) {
    const now = e[field]
    if (!sameValue(now, was[field], field)) errs.push(invalidValue(field, immutableValue(field, now), FIELD_IMMUTABLE))
  }
  return errs
}

const IMMUTABLE = [
  'involvedObject',
  'reason',
  'message',
  'source',
  'firstTimestamp',
  'lastTimestamp',
  'count',
  'reason',
  'type',
  'eventTime',
  'action',
  'related',
  'reportingComponent',
  'reportingInstance',
] as const

const REFERENCE_FIELDS = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const

/** apiequality.Semantic.DeepEqual over the Go values: an unset field equals its zero value. */
function sameValue(a: unknown, b: unknown, field: string): boolean {
  if (field === 'involvedObject' || field === 'source' || field === 'related') {
    if (field === 'related' && (a === undefined || a === null) !== (b === undefined || b === null)) return false
    const x = (isPlainObject(a) ? a : {}) as Obj
    const y = (isPlainObject(b) ? b : {}) as Obj
    const keys = field === 'source' ? ['component', 'host'] : REFERENCE_FIELDS
    return keys.every((k) => str(x, k) === str(y, k))
  }
  if (isZero(a) && isZero(b)) return true
  return a === b
}

/** The value as field.Error prints it: strings quoted, numbers bare, times by String(), structs by %#v. */
function immutableValue(field: string, v: unknown): unknown {
  if (field === 'involvedObject' || field === 'related') {
    if (field === 'related' && !isPlainObject(v)) return new GoLiteral('"null"')
    const r = (isPlainObject(v) ? v : {}) as Obj
    const names = ['Kind', 'Namespace', 'Name', 'UID', 'APIVersion', 'ResourceVersion', 'FieldPath']
    return new GoLiteral(`core.ObjectReference{${REFERENCE_FIELDS.map((k, i) => `${names[i]}:${JSON.stringify(str(r, k))}`).join(', ')}}`)
  }
  if (field === 'source') {
    const s = (isPlainObject(v) ? v : {}) as Obj
    return new GoLiteral(`core.EventSource{Component:${JSON.stringify(str(s, 'component'))}, Host:${JSON.stringify(str(s, 'host'))}}`)
  }
  if (field === 'firstTimestamp' || field === 'lastTimestamp' || field === 'eventTime') return new GoLiteral(goTimeString(typeof v === 'string' ? v : ''))
  if (field === 'count') return typeof v === 'number' ? v : 0
  return typeof v === 'string' ? v : ''
}

/** time.Time's String() of an RFC 3339 UTC time: `2026-11-25 18:00:00.123 +0000 UTC`; the zero time when unset. */
function goTimeString(rfc3339: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(rfc3339)
  if (!m) return '0001-01-01 00:00:00 +0000 UTC'
  const fraction = (m[3] ?? '').replace(/0+$/, '')
  return `${m[1]} ${m[2]}${fraction ? `.${fraction}` : ''} +0000 UTC`
}

/**
 * Core's event strategy on a request through events.k8s.io/v1 (requestGroupVersion): strict
 * validation on create and update. Names are path segments at the generic check, which upstream
 * runs only once the strategy's validation passed (rest.BeforeCreate), and DNS subdomains within
 * ValidateEventCreate.
 */
export const eventV1Strategy: Strategy = {
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'path',
  default: () => {},
  validate: (obj) => validateEvent(obj as unknown as Event),
  validateCreate: (obj, ctx) => validateEventCreateV1(obj, ctx.type),
  validateUpdate: (obj, old) => validateEventUpdateV1(obj, old),
}
