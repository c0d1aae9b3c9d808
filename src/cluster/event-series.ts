// Events as client-go's new events API (tools/events) writes them, used by kube-scheduler: an
// `eventTime`, a reporting controller and instance, an `action`, and no first/last timestamps. A
// repeat of an isomorphic event within 6 minutes becomes a series: the first repeat is written at
// once with `count: 2`, later ones only bump the count in memory, written every 30 minutes.
import type { ApiServer } from './apiserver.js'
import { rfc3339Micro, type Millis } from './clock.js'
import type { StoredObject } from './object.js'

const ISOMORPHIC_WINDOW = 6 * 60_000
const SERIES_HEARTBEAT = 30 * 60_000

export interface SeriesEventSpec {
  regarding: StoredObject
  type: 'Normal' | 'Warning'
  reason: string
  action: string
  note: string
}

interface CachedSeries {
  name: string
  namespace: string
  count: number
  firstSeen: Millis
  lastObserved: Millis
  lastWritten: Millis
}

export type SeriesRecorderState = [string, CachedSeries][]

export class SeriesEventRecorder {
  readonly #cache = new Map<string, CachedSeries>()

  constructor(
    private readonly api: ApiServer,
    /** Who makes the calls, in the trace: `kube-scheduler`. */
    private readonly who: string,
    /** `default-scheduler` */
    readonly reportingController: string,
    /** `default-scheduler-control-plane` */
    readonly reportingInstance: string,
  ) {}

  record(now: Millis, spec: SeriesEventSpec): void {
    const o = spec.regarding
    const namespace = o.metadata.namespace || 'default'
    const key = [o.kind, namespace, o.metadata.name, o.metadata.uid, spec.type, spec.reason, spec.action, spec.note].join('\u0000')
    const cached = this.#cache.get(key)
    if (cached && now - cached.lastObserved <= ISOMORPHIC_WINDOW) {
      cached.count += 1
      cached.lastObserved = now
      if (cached.count === 2 || now - cached.lastWritten >= SERIES_HEARTBEAT) {
        this.api.patch(this.who, 'events', namespace, cached.name, { series: { count: cached.count, lastObservedTime: rfc3339Micro(now) } }, 'merge')
        cached.lastWritten = now
      }
      return
    }
    for (let nanos = this.api.unixNanos(now); ; nanos++) {
      const name = `${o.metadata.name}.${nanos.toString(16)}`
      const created = this.api.createEvent(this.who, seriesEvent(name, namespace, spec, now, this.reportingController, this.reportingInstance))
      if (created.ok) {
        this.#cache.set(key, { name, namespace, count: 1, firstSeen: now, lastObserved: now, lastWritten: now })
        return
      }
      if (created.error.reason !== 'AlreadyExists') return
    }
  }

  snapshot(): SeriesRecorderState {
    return [...this.#cache].map(([k, v]) => [k, { ...v }])
  }

  restore(state: SeriesRecorderState | undefined): void {
    this.#cache.clear()
    for (const [k, v] of state ?? []) this.#cache.set(k, { ...v })
  }
}

/**
 * The Event the new events API sends, built as decoding leaves it (ApiServer.createEvent stores it
 * without decoding): fields in this order, a field the object lacks left out, and the zero
 * `firstTimestamp` and `lastTimestamp` null at the end, where decoding puts them.
 */
export function seriesEvent(name: string, namespace: string, spec: SeriesEventSpec, now: Millis, reportingController: string, reportingInstance: string): Record<string, unknown> {
  const o = spec.regarding
  const ref: Record<string, string> = {}
  for (const [k, v] of [
    ['apiVersion', o.apiVersion],
    ['kind', o.kind],
    ['name', o.metadata.name],
    ['namespace', o.metadata.namespace],
    ['resourceVersion', o.metadata.resourceVersion],
    ['uid', o.metadata.uid],
  ] as const)
    if (v !== undefined && v !== null) ref[k] = v
  const event: Record<string, unknown> = { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace }, involvedObject: ref, action: spec.action, reason: spec.reason }
  // note is omitempty: an event without one has no message at all.
  if (spec.note) event.message = spec.note
  event.type = spec.type
  event.eventTime = rfc3339Micro(now)
  event.reportingComponent = reportingController
  event.reportingInstance = reportingInstance
  event.source = {}
  event.firstTimestamp = null
  event.lastTimestamp = null
  return event
}
