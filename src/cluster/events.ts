// Events as client-go's classic recorder writes them (used by kubelet and controllers): name
// `<object>.<hex nanoseconds>`, and an identical event bumps `count` and `lastTimestamp` of the
// one already there instead of creating another (tools/record/events_cache.go).
import type { ApiServer } from './apiserver.js'
import { rfc3339, type Millis } from './clock.js'
import { Interner } from './intern.js'
import type { StoredObject } from './object.js'

export interface EventSource {
  component: string
  host?: string
}

export interface EventSpec {
  involvedObject: StoredObject
  /** e.g. `spec.containers{nginx}` for a container's events. */
  fieldPath?: string
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  source: EventSource
}

/**
 * Involved-object reference of an event. Kubelet node events use the node name as uid. A field
 * the object lacks is left out (as decoding leaves it), so that the reference is what decoding
 * the event gives (see ApiServer.createEvent).
 */
function reference(o: StoredObject, fieldPath: string | undefined, source: EventSource): Record<string, string> {
  const ref: Record<string, string> = {}
  put(ref, 'apiVersion', o.apiVersion)
  put(ref, 'kind', o.kind)
  put(ref, 'name', o.metadata.name)
  put(ref, 'uid', o.kind === 'Node' && source.component === 'kubelet' ? o.metadata.name : o.metadata.uid)
  if (o.metadata.namespace) ref.namespace = o.metadata.namespace
  if (o.kind !== 'Node') put(ref, 'resourceVersion', o.metadata.resourceVersion)
  if (fieldPath) ref.fieldPath = fieldPath
  return ref
}

function put(ref: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined && value !== null) ref[key] = value
}

const SAME_EVENT_INDEX = 'recorder.sameEvent'
/** The apiservers that have the index already (adding it is idempotent, but not free). */
const indexed = new WeakSet<ApiServer>()

/** Messages and field paths repeat across the events of a workload's pods: one copy each. */
const texts = new Interner()

/**
 * What an event must share with the one being recorded to be counted up instead (namespace, the
 * involved object's name, kind and uid, fieldPath, type, reason, message, source), as one string.
 * Each part is its length, a colon and itself, or `-` when it is not a string, so a key only
 * equals the recorded event's when each of those is the same string (or missing in both); a
 * missing fieldPath or host counts as empty, as in the recorder's comparison.
 */
function sameEventKey(
  namespace: unknown,
  name: unknown,
  kind: unknown,
  uid: unknown,
  fieldPath: unknown,
  type: unknown,
  reason: unknown,
  message: unknown,
  component: unknown,
  host: unknown,
): string {
  return (
    part(namespace) + part(name) + part(kind) + part(uid) + part(fieldPath ?? '') + part(type) + part(reason) + part(message) + part(component) + part(host ?? '')
  )
}

const part = (p: unknown): string => (typeof p === 'string' ? `${p.length}:${p}` : '-')

function sameEventKeyOf(e: StoredObject): string {
  const io = e.involvedObject as Record<string, unknown> | undefined
  const src = e.source as Record<string, unknown> | undefined
  return sameEventKey(e.metadata.namespace, io?.name, io?.kind, io?.uid, io?.fieldPath, e.type, e.reason, e.message, src?.component, src?.host)
}

export function recordEvent(api: ApiServer, now: Millis, spec: EventSpec): void {
  const who = spec.source.host ? `${spec.source.component}/${spec.source.host}` : spec.source.component
  const ref = reference(spec.involvedObject, spec.fieldPath === undefined ? undefined : texts.intern(spec.fieldPath), spec.source)
  const message = texts.intern(spec.message)
  // Node events live in the default namespace (the recorder's metav1.NamespaceDefault fallback).
  const namespace = spec.involvedObject.metadata.namespace || 'default'
  // The recorder lists the object's events and counts up the first identical one; an index by
  // everything that makes two events identical finds that one without going through the others.
  if (!indexed.has(api)) {
    api.addIndex('events', SAME_EVENT_INDEX, sameEventKeyOf, { hashed: true })
    indexed.add(api)
  }
  const key = sameEventKey(namespace, ref.name, ref.kind, ref.uid, ref.fieldPath, spec.type, spec.reason, message, spec.source.component, spec.source.host)
  const existing = api.listFirst(who, 'events', { namespace, fieldSelector: `involvedObject.name=${ref.name}` }, SAME_EVENT_INDEX, key)
  if (existing.ok) {
    const same = existing.value
    if (same) {
      api.patch(who, 'events', namespace, same.metadata.name, { count: ((same.count as number | undefined) ?? 1) + 1, lastTimestamp: rfc3339(now) }, 'merge')
      return
    }
  }
  // Several events in the same virtual millisecond get consecutive nanoseconds.
  for (let nanos = api.unixNanos(now); ; nanos++) {
    const created = api.createEvent(who, recorderEvent(`${ref.name}.${nanos.toString(16)}`, namespace, ref, spec, now))
    if (created.ok || created.error.reason !== 'AlreadyExists') return
  }
}

/**
 * The Event the recorder sends, built as decoding leaves it (ApiServer.createEvent stores it
 * without decoding): fields in this order, none null but `eventTime` (a zero MicroTime, which
 * decoding puts last). It is stored, and frozen, as it is: `ref` becomes part of it.
 */
export function recorderEvent(name: string, namespace: string, ref: Record<string, string>, spec: EventSpec, now: Millis): Record<string, unknown> {
  const at = rfc3339(now)
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: ref,
    reason: spec.reason,
    message: texts.intern(spec.message),
    source: spec.source.host ? { component: spec.source.component, host: spec.source.host } : { component: spec.source.component },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: spec.type,
    reportingComponent: spec.source.component,
    reportingInstance: spec.source.host ?? '',
    eventTime: null,
  }
}
