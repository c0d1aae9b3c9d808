// Events as client-go's classic recorder writes them (used by kubelet and controllers): name
// `<object>.<hex nanoseconds>`; an identical event bumps `count` and `lastTimestamp` of the one
// already there instead of creating another; similar ones are combined, and a flood is dropped
// (tools/record/event.go recordToSink, events_cache.go EventCorrelator).
import { unixNanosHex, type ApiServer } from './apiserver.js'
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

/** Messages and field paths repeat across the events of a workload's pods: one copy each. */
const texts = new Interner()

// The recorder's EventCorrelator (client-go tools/record/events_cache.go), one per event
// broadcaster, i.e. per source (component and host): each component process has its own.
/** Similar events (same object, type and reason) with this many different messages are combined. */
const AGGREGATE_MAX_EVENTS = 10
/** ... when each came within this long of the one before. */
const AGGREGATE_INTERVAL: Millis = 600_000
/** Events a source may send about one object (and type) at once; then one per 300 s. */
const SPAM_BURST = 25
/** The refill rate of that token bucket, per second (a float32 in client-go). */
const SPAM_QPS = Math.fround(1 / 300)
/** Each of the correlator's three caches is an LRU of this many entries. */
const LRU_ENTRIES = 4096
const COMBINED = '(combined from similar events): '

/** eventLog: an event as last sent, to count it up the next time instead of creating another. */
interface Observation {
  count: number
  firstTimestamp: string
  name: string
}

/**
 * aggregateRecord: the different messages of similar events, and when the last one came. Most
 * objects have one message per reason (a pod's Pulling, Created, ...): that one is kept as it is,
 * a list only from the second on (a list of one cost more than the rest of the entry).
 */
interface Aggregate {
  messages: string | string[]
  last: Millis
}

/** The spam filter's token bucket of one object (and event type). */
interface Bucket {
  tokens: number
  last: Millis
}

/** groupcache's LRU: a read or a write makes an entry the newest; the oldest goes beyond the size. */
class Lru<V> {
  readonly map = new Map<number, V>()

  get(key: number): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  /** The entry without making it the newest: for a caller that sets the same key next anyway. */
  peek(key: number): V | undefined {
    return this.map.get(key)
  }

  set(key: number, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > LRU_ENTRIES) this.map.delete(this.map.keys().next().value as number)
  }
}

class EventCorrelator {
  readonly logs = new Lru<Observation>()
  readonly aggregates = new Lru<Aggregate>()
  readonly spam = new Lru<Bucket>()
}

/** A correlator's caches as data: keys are hashes (see `hashFrom`), entries in LRU order, oldest first. */
export interface EventCorrelatorState {
  logs: [number, number, string, string][]
  aggregates: [number, Millis, string[]][]
  spam: [number, number, Millis][]
}

/** Every source's correlator state, by `component` or `component/host`. */
export type EventRecordersState = Record<string, EventCorrelatorState>

const correlators = new WeakMap<ApiServer, Map<string, EventCorrelator>>()

function correlatorOf(api: ApiServer, who: string): EventCorrelator {
  let bySource = correlators.get(api)
  if (!bySource) correlators.set(api, (bySource = new Map()))
  let c = bySource.get(who)
  if (!c) bySource.set(who, (c = new EventCorrelator()))
  return c
}

/**
 * The event recorders' caches, for a snapshot: of the sources named (a component's), or of every
 * source but those in `except` (the ones no component owns); undefined when there are none.
 */
export function eventRecordersState(api: ApiServer, which: { sources: readonly string[] } | { except: ReadonlySet<string> }): EventRecordersState | undefined {
  const bySource = correlators.get(api)
  if (!bySource) return undefined
  let out: EventRecordersState | undefined
  const add = (who: string, c: EventCorrelator) => {
    ;(out ??= {})[who] = {
      logs: [...c.logs.map].map(([k, o]) => [k, o.count, o.firstTimestamp, o.name]),
      aggregates: [...c.aggregates.map].map(([k, a]) => [k, a.last, typeof a.messages === 'string' ? [a.messages] : [...a.messages]]),
      spam: [...c.spam.map].map(([k, b]) => [k, b.tokens, b.last]),
    }
  }
  if ('sources' in which) {
    for (const who of which.sources) {
      const c = bySource.get(who)
      if (c) add(who, c)
    }
  } else for (const [who, c] of bySource) if (!which.except.has(who)) add(who, c)
  return out
}

/** Give the recorders of `api` the caches of a snapshot, source by source (a source not given keeps its own). */
export function restoreEventRecorders(api: ApiServer, state: EventRecordersState | undefined): void {
  let bySource = correlators.get(api)
  if (!bySource) correlators.set(api, (bySource = new Map()))
  for (const [who, s] of Object.entries(state ?? {})) {
    const c = new EventCorrelator()
    for (const [k, count, firstTimestamp, name] of s.logs) c.logs.map.set(k, { count, firstTimestamp, name })
    for (const [k, last, messages] of s.aggregates) c.aggregates.map.set(k, { last, messages: messages.length === 1 ? texts.intern(messages[0]) : messages.map((m) => texts.intern(m)) })
    for (const [k, tokens, last] of s.spam) c.spam.map.set(k, { tokens, last })
    bySource.set(who, c)
  }
}

/** A restarted component's recorder (source `component` or `component/host`) starts empty. */
export function forgetEventRecorder(api: ApiServer, who: string): void {
  correlators.get(api)?.delete(who)
}

/**
 * The caches key their entries by a 53-bit hash of the key text (two 32-bit FNV-1a hashes) rather
 * than the text, which would be most of their memory; two different keys with one hash are
 * vanishingly unlikely among a cache's 4,096 entries.
 */
const FNV_A = 0x811c9dc5
const FNV_B = 0x2f2c1a6b
/** The two hashes after the last hashFrom: FNV-1a goes character by character, so a key that extends another goes on from its state. */
let hashA = 0
let hashB = 0

function hashFrom(a: number, b: number, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  hashA = a
  hashB = b
}

/** hashFrom on from the last hashes: a NUL (which leaves `x ^ 0` as it is), then `text`. */
function hashOn(text: string): void {
  hashFrom(Math.imul(hashA, 0x01000193), Math.imul(hashB, 0x5bd1e995), text)
}

/** The hashes of an object's key (`a`, `b`) on with `\0fieldPath\0reason\0message`: an event's own key. */
function hashFieldReasonMessage(a: number, b: number, fieldPath: string | undefined, reason: string, message: string): void {
  hashFrom(a, b, '')
  hashOn(fieldPath ?? '')
  hashOn(reason)
  hashOn(message)
}

function hashValue(): number {
  return (hashA >>> 0) * 0x200000 + ((hashB >>> 11) & 0x1fffff)
}

/** The 53-bit hash of a key text, as these caches take it, for another recorder's cache (event-series.ts). */
export function keyHashOf(text: string): number {
  hashFrom(FNV_A, FNV_B, text)
  return hashValue()
}

/**
 * The token bucket of `key` (burst 25, one token per 300 s, full at first): whether an event may
 * be sent now. A denied event leaves the bucket as it was; either way the entry becomes the newest.
 */
function spamAllows(c: EventCorrelator, key: number, now: Millis): boolean {
  // Read without making it the newest: both ways set it (b is undefined only with a full bucket).
  const b = c.spam.peek(key)
  const tokens = b === undefined ? SPAM_BURST : Math.min(SPAM_BURST, b.tokens + ((now - b.last) / 1000) * SPAM_QPS)
  if (tokens >= 1) {
    c.spam.set(key, { tokens: tokens - 1, last: now })
    return true
  }
  if (b !== undefined) c.spam.set(key, b)
  return false
}

/**
 * Record an event as client-go's classic recorder does (recordToSink): the correlator first
 * aggregates it (the 10th different message of similar events within 10 minutes, and every one
 * after it, goes into one event whose message starts `(combined from similar events): `), then
 * counts it (an identical one already sent is patched: `count` + 1, `lastTimestamp`, `message`),
 * then the spam filter may drop it (25 events per object and type, then one per 5 minutes; a
 * dropped event still counts, so the next one sent carries the count of all of them).
 */
export function recordEvent(api: ApiServer, now: Millis, spec: EventSpec): void {
  const who = spec.source.host ? `${spec.source.component}/${spec.source.host}` : spec.source.component
  const c = correlatorOf(api, who)
  const ref = reference(spec.involvedObject, spec.fieldPath === undefined ? undefined : texts.intern(spec.fieldPath), spec.source)
  const message = texts.intern(spec.message)
  // Node events live in the default namespace (the recorder's metav1.NamespaceDefault fallback).
  const namespace = spec.involvedObject.metadata.namespace || 'default'
  // Every key starts with the object's (kind, namespace, name, uid, apiVersion, type, each after a
  // NUL but the first): its hashes are worked out once, and each key goes on from them. The keys
  // are hashed part by part, as their texts put together would be, without making the texts.
  hashFrom(FNV_A, FNV_B, ref.kind)
  hashOn(ref.namespace ?? '')
  hashOn(ref.name)
  hashOn(ref.uid ?? '')
  hashOn(ref.apiVersion ?? '')
  hashOn(spec.type)
  const objectA = hashA
  const objectB = hashB
  const objectKey = hashValue()

  // EventAggregate: the source (and so the reporting controller and instance) is the correlator's.
  hashFrom(objectA, objectB, '')
  hashOn(spec.reason)
  const aggregateKey = hashValue()
  // Read without making it the newest: it is set (and so made the newest) below in any case.
  let aggregate = c.aggregates.peek(aggregateKey)
  if (aggregate === undefined || now - aggregate.last > AGGREGATE_INTERVAL) aggregate = { messages: message, last: now }
  else if (typeof aggregate.messages === 'string') {
    if (aggregate.messages !== message) aggregate.messages = [aggregate.messages, message]
  } else if (!aggregate.messages.includes(message)) aggregate.messages.push(message)
  aggregate.last = now
  c.aggregates.set(aggregateKey, aggregate)
  const combined = typeof aggregate.messages !== 'string' && aggregate.messages.length >= AGGREGATE_MAX_EVENTS
  // PopAny: Go takes one at random; here the oldest, which only matters if that message comes again.
  if (combined) (aggregate.messages as string[]).shift()

  // eventObserve, under the event's own key or, combined, the aggregate's.
  const at = rfc3339(now)
  const eventMessage = combined ? texts.intern(COMBINED + message) : message
  if (!combined) hashFieldReasonMessage(objectA, objectB, ref.fieldPath, spec.reason, message)
  const key = combined ? aggregateKey : hashValue()
  const seen = c.logs.peek(key) // set below in any case
  const observed: Observation = seen
    ? { count: seen.count + 1, firstTimestamp: seen.firstTimestamp, name: seen.name }
    : { count: 1, firstTimestamp: at, name: `${ref.name}.${unixNanosHex(api.unixNanos(now))}` }
  c.logs.set(key, observed)

  if (!spamAllows(c, objectKey, now)) return

  const fields: RecordedFields = {
    reason: spec.reason,
    message: eventMessage,
    type: spec.type,
    source: spec.source,
    firstTimestamp: observed.firstTimestamp,
    lastTimestamp: at,
    count: observed.count,
    // The combined event is a new Event with only these fields: no reporting controller or instance.
    reporting: !combined,
  }
  let sent: StoredObject | undefined
  if (observed.count > 1) {
    const patched = api.patch(who, 'events', namespace, observed.name, { count: observed.count, lastTimestamp: at, message: eventMessage }, 'strategic')
    // The event may be gone (deleted, or never sent for the spam filter): then it is created as it is.
    if (patched.ok) sent = patched.value
    else if (patched.error.reason === 'NotFound') sent = create(api, who, observed.name, namespace, ref, fields, now, false)
  } else sent = create(api, who, observed.name, namespace, ref, fields, now, true)
  if (sent === undefined) return
  // UpdateState: the server's event under its own key (for a combined one, a second entry).
  const state: Observation = { count: (sent.count as number | undefined) ?? observed.count, firstTimestamp: observed.firstTimestamp, name: sent.metadata.name }
  c.logs.set(key, state)
  if (combined) {
    hashFieldReasonMessage(objectA, objectB, ref.fieldPath, spec.reason, eventMessage)
    c.logs.set(hashValue(), { ...state })
  }
}

/** What an event carries besides its name and object. */
export interface RecordedFields {
  reason: string
  message: string
  type: 'Normal' | 'Warning'
  source: EventSource
  firstTimestamp: string
  lastTimestamp: string
  count: number
  reporting: boolean
}

/**
 * Create the event. Virtual time counts milliseconds, so two events of one millisecond could get
 * one name: a new one (`fresh`) then takes the next nanosecond, as it would on a real clock.
 */
function create(api: ApiServer, who: string, name: string, namespace: string, ref: Record<string, string>, fields: RecordedFields, now: Millis, fresh: boolean): StoredObject | undefined {
  const at = api.unixNanos(now)
  for (let later = 1; ; later++) {
    const created = api.createEvent(who, recorderEvent(name, namespace, ref, fields))
    if (created.ok) return created.value
    if (!fresh || created.error.reason !== 'AlreadyExists') return undefined
    name = `${ref.name}.${unixNanosHex(at, later)}`
  }
}

/**
 * The Event the recorder sends, built as decoding leaves it (ApiServer.createEvent stores it
 * without decoding): fields in this order, none null but `eventTime` (a zero MicroTime, which
 * decoding puts last). It is stored, and frozen, as it is: `ref` becomes part of it.
 */
export function recorderEvent(name: string, namespace: string, ref: Record<string, string>, fields: RecordedFields): Record<string, unknown> {
  const { source } = fields
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: ref,
    reason: fields.reason,
    message: fields.message,
    source: source.host ? { component: source.component, host: source.host } : { component: source.component },
    firstTimestamp: fields.firstTimestamp,
    lastTimestamp: fields.lastTimestamp,
    count: fields.count,
    type: fields.type,
    reportingComponent: fields.reporting ? source.component : '',
    reportingInstance: fields.reporting ? (source.host ?? '') : '',
    eventTime: null,
  }
}
