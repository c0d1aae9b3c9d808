// Events as client-go's new events API (tools/events) writes them, used by kube-scheduler and
// kube-proxy: through events.k8s.io/v1 (creates and patches of `events.events.k8s.io`), with an
// `eventTime`, a reporting controller and instance, an `action`, and no deprecated first/last
// timestamps; a repeat of an isomorphic event becomes a series (see SeriesEventRecorder).
import { unixNanosHex, type ApiServer } from './apiserver.js'
import { rfc3339Micro, type Millis } from './clock.js'
import { keyHashOf } from './events.js'
import type { StoredObject } from './object.js'

/** finishSeries runs every 6 minutes: a series or single event older than that leaves the cache. */
const FINISH_PERIOD = 6 * 60_000
/** refreshExistingEventSeries runs every 30 minutes: each series' count is written then. */
const REFRESH_PERIOD = 30 * 60_000

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
  /** 1 for a single event; from 2 on, a series. */
  count: number
  /** The event's eventTime. */
  firstSeen: Millis
  lastObserved: Millis
  /** What it was created from: a series whose event is gone is created again from it. */
  regarding: Record<string, string>
  type: SeriesEventSpec['type']
  reason: string
  action: string
  note: string
}

/** The recorder's cache, and when its broadcaster started (its periodic runs count from then). */
export interface SeriesRecorderState {
  cache: [number, CachedSeries][]
  started: Millis
  armed: { finish: boolean; refresh: boolean }
}

/** The recorder's periodic runs, as clock tasks of its component (`events/finish`, `events/refresh`). */
export type SeriesTimers = (delay: Millis, type: 'events/finish' | 'events/refresh') => void

/**
 * The new events API's broadcaster and recorder (client-go tools/events): an event isomorphic to
 * one still in its cache (getKey: type, action, reason, reporting controller and instance, and the
 * object's reference with its resourceVersion; not the note) counts into that one's series: the
 * first repeat is written at once (count 2), later ones only in the cache. Every 30 minutes from
 * the start (refreshExistingEventSeries) each series' count is written; every 6 minutes
 * (finishSeries) a series not observed for 6 minutes gets its last count written and leaves the
 * cache, and so does a single event older than that. Those runs are timed only while the cache
 * has something for them.
 */
export class SeriesEventRecorder {
  /** By the 53-bit hash of the event's key (as the classic recorder's caches, see events.ts). */
  readonly #cache = new Map<number, CachedSeries>()
  #started: Millis = 0
  #armed = { finish: false, refresh: false }

  constructor(
    private readonly api: ApiServer,
    /** Who makes the calls, in the trace: `kube-scheduler`. */
    private readonly who: string,
    /** `default-scheduler` */
    readonly reportingController: string,
    /** `default-scheduler-control-plane` */
    readonly reportingInstance: string,
    private readonly timers: SeriesTimers,
  ) {}

  /** A new broadcaster (its process started): an empty cache, its runs counted from now. */
  start(now: Millis): void {
    this.#cache.clear()
    this.#started = now
    this.#armed = { finish: false, refresh: false }
  }

  record(now: Millis, spec: SeriesEventSpec): void {
    const o = spec.regarding
    const namespace = o.metadata.namespace || 'default'
    // (The uid stands for the kind, name and namespace: no two objects share one.)
    const object = o.metadata.uid ?? `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
    const key = keyHashOf(`${object}\u0000${o.metadata.resourceVersion ?? ''}\u0000${spec.type}\u0000${spec.reason}\u0000${spec.action}`)
    const cached = this.#cache.get(key)
    if (cached) {
      cached.count += 1
      cached.lastObserved = now
      if (cached.count === 2) {
        this.#writeSeries(cached)
        this.#arm('refresh', now)
      }
      return
    }
    const regarding = reference(o)
    const at = this.api.unixNanos(now)
    for (let later = 0; ; later++) {
      const name = `${o.metadata.name}.${unixNanosHex(at, later)}`
      const created = this.api.createEvent(this.who, seriesEventOf(name, namespace, regarding, spec, now, this.reportingController, this.reportingInstance))
      if (created.ok) {
        const { type, reason, action, note } = spec
        this.#cache.set(key, { name, namespace, count: 1, firstSeen: now, lastObserved: now, regarding, type, reason, action, note })
        this.#arm('finish', now)
        return
      }
      if (created.error.reason !== 'AlreadyExists') return
    }
  }

  /** A periodic run that came due (`events/finish` or `events/refresh`). */
  handle(type: string, now: Millis): void {
    if (type === 'events/finish') {
      this.#armed.finish = false
      for (const [key, e] of this.#cache) {
        if (e.count >= 2) {
          if (e.lastObserved < now - FINISH_PERIOD) {
            this.#writeSeries(e)
            this.#cache.delete(key)
          }
        } else if (e.firstSeen < now - FINISH_PERIOD) this.#cache.delete(key)
      }
      this.#arm('finish', now)
    } else if (type === 'events/refresh') {
      this.#armed.refresh = false
      for (const e of this.#cache.values()) if (e.count >= 2) this.#writeSeries(e)
      this.#arm('refresh', now)
    }
  }

  snapshot(): SeriesRecorderState {
    return { cache: [...this.#cache].map(([k, v]) => [k, { ...v }]), started: this.#started, armed: { ...this.#armed } }
  }

  restore(state: SeriesRecorderState | [string, unknown][] | undefined): void {
    this.#cache.clear()
    // Before the periodic runs (a list of entries): those entries had other keys and no runs to end them.
    if (state === undefined || Array.isArray(state)) return
    this.#started = state.started
    this.#armed = { ...state.armed }
    for (const [k, v] of state.cache) this.#cache.set(k, { ...v })
  }

  /** Time the next run of this kind after now, on its grid from the start, if it has work. */
  #arm(kind: 'finish' | 'refresh', now: Millis): void {
    if (this.#armed[kind]) return
    if (kind === 'finish' ? this.#cache.size === 0 : !this.#hasSeries()) return
    const period = kind === 'finish' ? FINISH_PERIOD : REFRESH_PERIOD
    const next = this.#started + (Math.floor((now - this.#started) / period) + 1) * period
    this.#armed[kind] = true
    this.timers(next - now, `events/${kind}`)
  }

  #hasSeries(): boolean {
    for (const e of this.#cache.values()) if (e.count >= 2) return true
    return false
  }

  /**
   * recordEvent for a series: a strategic patch of `series` (createPatchBytesForSeries), or, the
   * event gone, the event created again with its series.
   */
  #writeSeries(e: CachedSeries): void {
    const series = { count: e.count, lastObservedTime: rfc3339Micro(e.lastObserved) }
    const patched = this.api.patch(this.who, EVENTS_V1, e.namespace, e.name, { series }, 'strategic')
    if (!patched.ok && patched.error.reason === 'NotFound')
      this.api.create(this.who, { ...seriesEventOf(e.name, e.namespace, e.regarding, e, e.firstSeen, this.reportingController, this.reportingInstance), series })
  }
}

/** The resource the new events API writes: events.k8s.io/v1 Events. */
const EVENTS_V1 = 'events.events.k8s.io'

/**
 * The events.k8s.io/v1 Event the new events API sends (makeEvent), built as decoding leaves it
 * (ApiServer.createEvent converts it for storage without decoding): the Go type's fields in its
 * order, the empty ones left out (omitempty), the empty `deprecatedSource` struct and the zero
 * deprecated timestamps (`null`) last, as its encoder writes them.
 */
export function seriesEvent(name: string, namespace: string, spec: SeriesEventSpec, now: Millis, reportingController: string, reportingInstance: string): Record<string, unknown> {
  return seriesEventOf(name, namespace, reference(spec.regarding), spec, now, reportingController, reportingInstance)
}

/** GetReference: the object's apiVersion, kind, name, namespace, resourceVersion and uid, those it has. */
function reference(o: StoredObject): Record<string, string> {
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
  return ref
}

function seriesEventOf(
  name: string,
  namespace: string,
  ref: Record<string, string>,
  spec: Omit<SeriesEventSpec, 'regarding'>,
  now: Millis,
  reportingController: string,
  reportingInstance: string,
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name, namespace },
    eventTime: rfc3339Micro(now),
    reportingController,
    reportingInstance,
    action: spec.action,
    reason: spec.reason,
    regarding: ref,
  }
  // note is omitempty: an event without one has no note at all.
  if (spec.note) event.note = spec.note
  event.type = spec.type
  event.deprecatedSource = {}
  event.deprecatedFirstTimestamp = null
  event.deprecatedLastTimestamp = null
  return event
}
