// The new events API's recorder (client-go tools/events, used by kube-scheduler and kube-proxy): an
// event isomorphic to one it sent within 6 minutes makes that one a series. getKey is the event's
// type, action, reason, reporting controller and instance and the object's reference as
// GetReference makes it (resourceVersion included); the note is not part of it.
import type { Event } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { SeriesEventRecorder } from '../../src/cluster/event-series.js'
import type { StoredObject } from '../../src/cluster/object.js'

const START = Date.UTC(2026, 0, 1)

/** A recorder started at START on a cluster without components; its timers are kept, to run by hand. */
function recorder() {
  const c = SimulatedCluster.create({ startTime: START, seed: 1, systemPods: false, components: [] })
  const timers: [number, string][] = []
  const events = new SeriesEventRecorder(c.api, 'kube-scheduler', 'default-scheduler', 'default-scheduler-control-plane', (delay, type) => {
    timers.push([c.now() + delay, type])
  })
  events.start(START)
  const list = () => {
    const listed = c.api.list('test', 'events', { namespace: 'default', fieldSelector: 'involvedObject.name=p', silent: true })
    return (listed.ok ? listed.value.items : []) as unknown as Event[]
  }
  /** Run the timers due by `until` in time order, moving the clock to each. */
  const runUntil = (until: number) => {
    for (;;) {
      timers.sort((a, b) => a[0] - b[0])
      if (!timers.length || timers[0][0] > until) break
      const [at, type] = timers.shift()!
      c.advance(at - c.now())
      events.handle(type, at)
    }
    c.advance(until - c.now())
  }
  return { c, events, list, timers, runUntil }
}

const pod = (resourceVersion: string) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u-1', resourceVersion } }) as unknown as StoredObject

describe('SeriesEventRecorder', () => {
  it('counts a repeat with another note into the series of the first, whose note stays', () => {
    const { events, list } = recorder()
    events.record(START, { regarding: pod('10'), type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: '0/3 nodes are available: 3 Insufficient cpu.' })
    events.record(START + 60_000, { regarding: pod('10'), type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: '0/4 nodes are available: 4 Insufficient cpu.' })
    const [event, ...others] = list()
    expect(others).toEqual([])
    expect(event.message).toBe('0/3 nodes are available: 3 Insufficient cpu.')
    expect(event.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:01:00.000000Z' })
  })

  it('makes a new event for a newer version of the object', () => {
    const { events, list } = recorder()
    const failed = (rv: string, at: number) => events.record(START + at, { regarding: pod(rv), type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: 'no' })
    failed('10', 0)
    failed('11', 1_000)
    failed('11', 2_000)
    expect(list().map((e) => [e.involvedObject.resourceVersion, e.series?.count ?? null])).toEqual([
      ['10', null],
      ['11', 2],
    ])
  })

  it('forgets a single event at the first 6-minute run after it is 6 minutes old: a repeat then is a new event', () => {
    const { c, events, list, timers, runUntil } = recorder()
    const failed = () => events.record(c.now(), { regarding: pod('10'), type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: 'no' })
    runUntil(START + 60_000)
    failed()
    expect(timers).toEqual([[START + 6 * 60_000, 'events/finish']])
    // At 6:00 it is 5 minutes old: kept. A repeat at 7:30 still counts into it.
    runUntil(START + 7.5 * 60_000)
    failed()
    expect(list().map((e) => e.series?.count ?? null)).toEqual([2])
    // A series leaves at the first run after 6 minutes without a repeat (at 18:00), its last count written.
    failed()
    runUntil(START + 17 * 60_000)
    expect(list().map((e) => e.series?.count ?? null)).toEqual([2])
    runUntil(START + 18 * 60_000)
    expect(list().map((e) => e.series)).toEqual([{ count: 3, lastObservedTime: '2026-01-01T00:07:30.000000Z' }])
    expect(timers).toEqual([[START + 30 * 60_000, 'events/refresh']])
    failed()
    expect(list().map((e) => e.series?.count ?? null)).toEqual([3, null])
  })

  it('writes each series\' count every 30 minutes from its start while it goes on', () => {
    const { c, events, list, runUntil } = recorder()
    const failed = () => events.record(c.now(), { regarding: pod('10'), type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: 'no' })
    for (const minute of [20, 24, 28, 32]) {
      runUntil(START + minute * 60_000)
      failed()
    }
    // Seen at 20, 24 (written: count 2), 28 (in memory, written by the run at 30:00), 32 (in memory).
    expect(list().map((e) => e.series)).toEqual([{ count: 3, lastObservedTime: '2026-01-01T00:28:00.000000Z' }])
  })

  it('creates a series\' event again, with its series, when the event is gone', () => {
    const { c, events, list } = recorder()
    const failed = () => events.record(c.now(), { regarding: pod('10'), type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: 'no' })
    failed()
    const [first] = list()
    expect(c.api.delete('test', 'events', 'default', first.metadata!.name!).ok).toBe(true)
    c.advance(1_000)
    failed()
    const [again, ...others] = list()
    expect(others).toEqual([])
    expect([again.metadata?.name, again.message, again.eventTime, again.series]).toEqual([first.metadata?.name, 'no', first.eventTime, { count: 2, lastObservedTime: '2026-01-01T00:00:01.000000Z' }])
  })
})
