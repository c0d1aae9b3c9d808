import { describe, expect, it } from 'vitest'
import { hours, minutes, parseDuration, parseTime, rfc3339, rfc3339Micro, seconds, VirtualClock, type Task } from '../../src/cluster/clock.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)

/** Run the clock until `until`, returning `type@offset` for each task, offsets from T0 in ms. */
function runLog(clock: VirtualClock, until: number, onTask?: (task: Task) => void): string[] {
  const log: string[] = []
  clock.runUntil(until, (task) => {
    log.push(`${task.type}@${clock.now() - T0}`)
    onTask?.(task)
  })
  return log
}

const task = (type: string, data?: unknown): Task => ({ owner: 'test', type, ...(data === undefined ? {} : { data }) })

describe('the virtual clock', () => {
  it('runs tasks in order of their due time, whatever order they were scheduled in', () => {
    const clock = new VirtualClock(T0)
    clock.after(seconds(3), task('c'))
    clock.after(seconds(1), task('a'))
    clock.after(seconds(2), task('b'))
    expect(runLog(clock, T0 + seconds(10))).toEqual(['a@1000', 'b@2000', 'c@3000'])
    expect(clock.now()).toBe(T0 + seconds(10))
  })

  it('runs tasks due at the same time in the order they were scheduled', () => {
    const clock = new VirtualClock(T0)
    for (const name of ['first', 'second', 'third', 'fourth', 'fifth']) clock.after(seconds(5), task(name))
    expect(runLog(clock, T0 + seconds(5))).toEqual(['first@5000', 'second@5000', 'third@5000', 'fourth@5000', 'fifth@5000'])
  })

  it('leaves tasks due after the end of the run pending, and stands at the end', () => {
    const clock = new VirtualClock(T0)
    clock.after(seconds(1), task('early'))
    clock.after(seconds(60), task('late'))
    expect(runLog(clock, T0 + seconds(30))).toEqual(['early@1000'])
    expect(clock.now()).toBe(T0 + seconds(30))
    expect(clock.peek()).toBe(T0 + seconds(60))
    expect(clock.pending().map((t) => t.task.type)).toEqual(['late'])
  })

  it('does not run a cancelled task, and peek skips it', () => {
    const clock = new VirtualClock(T0)
    const a = clock.after(seconds(1), task('a'))
    clock.after(seconds(2), task('b'))
    clock.cancel(a)
    expect(clock.peek()).toBe(T0 + seconds(2))
    expect(runLog(clock, T0 + seconds(5))).toEqual(['b@2000'])
  })

  it('honours tasks scheduled while running when they fall due before the end, including at the same instant', () => {
    const clock = new VirtualClock(T0)
    clock.after(seconds(1), task('a'))
    clock.after(seconds(1), task('b'))
    const log = runLog(clock, T0 + seconds(10), (t) => {
      if (t.type === 'a') {
        clock.after(0, task('a-now')) // same instant, after b (scheduled later)
        clock.after(seconds(2), task('a-later'))
        clock.after(seconds(20), task('a-too-late'))
      }
    })
    expect(log).toEqual(['a@1000', 'b@1000', 'a-now@1000', 'a-later@3000'])
    expect(clock.pending().map((t) => [t.task.type, t.at - T0])).toEqual([['a-too-late', 21_000]])
  })

  it('refuses to move back in time', () => {
    const clock = new VirtualClock(T0)
    clock.runUntil(T0 + seconds(10), () => {})
    expect(() => clock.runUntil(T0 + seconds(9), () => {})).toThrow(RangeError)
    expect(() => clock.after(-1, task('x'))).toThrow('delay must be >= 0, got -1')
    expect(clock.now()).toBe(T0 + seconds(10))
  })

  it('reports Infinity as the next due time when nothing is pending', () => {
    expect(new VirtualClock(T0).peek()).toBe(Infinity)
  })

  it('keeps its pending timers (without cancelled ones) through snapshot and restore', () => {
    const clock = new VirtualClock(T0)
    clock.after(seconds(5), task('probe', { pod: 'web' }))
    const gone = clock.after(seconds(6), task('cancelled'))
    clock.after(seconds(5), task('heartbeat'))
    clock.cancel(gone)
    clock.runUntil(T0 + seconds(1), () => {})
    const snapshot = JSON.parse(JSON.stringify(clock.snapshot()))
    expect(snapshot).toEqual({
      now: T0 + seconds(1),
      seq: 3,
      timers: [
        { id: 0, at: T0 + seconds(5), seq: 0, task: { owner: 'test', type: 'probe', data: { pod: 'web' } } },
        { id: 2, at: T0 + seconds(5), seq: 2, task: { owner: 'test', type: 'heartbeat' } },
      ],
    })
    const restored = VirtualClock.restore(snapshot)
    restored.after(seconds(4), task('after-restore')) // due at +5s too, scheduled last
    const data: unknown[] = []
    expect(runLog(restored, T0 + seconds(10), (t) => data.push(t.data))).toEqual(['probe@5000', 'heartbeat@5000', 'after-restore@5000'])
    expect(data[0]).toEqual({ pod: 'web' })
  })

  it('gives ids that stay unique after a restore, so cancel hits only the timer meant', () => {
    const clock = new VirtualClock(T0)
    clock.after(seconds(1), task('old'))
    const restored = VirtualClock.restore(JSON.parse(JSON.stringify(clock.snapshot())))
    const fresh = restored.after(seconds(1), task('new'))
    expect(fresh).toBe(1)
    restored.cancel(fresh)
    expect(runLog(restored, T0 + seconds(2))).toEqual(['old@1000'])
  })
})

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1.s', 1_000],
    ['1m30ms', 60_030],
    ['0', 0],
    ['0s', 0],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', '5', 'abc', '5x', '-5s', '1h 30m', 's', '.s', 'h1'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })

  it('has helpers for seconds, minutes and hours', () => {
    expect([seconds(30), minutes(5), hours(2)]).toEqual([30_000, 300_000, 7_200_000])
  })
})

describe('timestamps', () => {
  const t = Date.UTC(2026, 10, 25, 2, 25, 14, 999)

  it('writes metav1.Time at second precision, truncating the fraction', () => {
    expect(rfc3339(t)).toBe('2026-11-25T02:25:14Z')
    // Second after second across a minute, an hour, a day, a year; back and forth.
    for (let s = Date.UTC(2026, 11, 31, 23, 58, 30); s < Date.UTC(2027, 0, 1, 0, 1, 30); s += 7_000) expect(rfc3339(s + 999)).toBe(new Date(s).toISOString().replace('.000Z', 'Z'))
    expect(rfc3339(Date.UTC(2020, 1, 29, 12, 0, 59))).toBe('2020-02-29T12:00:59Z')
    expect(rfc3339(Date.UTC(2020, 1, 29, 12, 1, 0))).toBe('2020-02-29T12:01:00Z')
    expect(rfc3339(Date.UTC(2020, 1, 29, 12, 0, 1))).toBe('2020-02-29T12:00:01Z')
  })

  it('writes metav1.MicroTime with six fractional digits', () => {
    expect(rfc3339Micro(t)).toBe('2026-11-25T02:25:14.999000Z')
    expect(rfc3339Micro(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000000Z')
    // Milliseconds below 100, a fraction of a millisecond (dropped), and the second before and
    // after another second's text was made.
    expect(rfc3339Micro(Date.UTC(2026, 0, 1, 0, 0, 0, 7))).toBe('2026-01-01T00:00:00.007000Z')
    expect(rfc3339Micro(Date.UTC(2026, 0, 1, 0, 0, 0, 42) + 0.9)).toBe('2026-01-01T00:00:00.042000Z')
    expect(rfc3339(Date.UTC(2027, 5, 30, 23, 59, 59))).toBe('2027-06-30T23:59:59Z')
    expect(rfc3339Micro(Date.UTC(2027, 5, 30, 23, 59, 59, 120))).toBe('2027-06-30T23:59:59.120000Z')
    expect(rfc3339Micro(Date.UTC(2027, 6, 1, 0, 0, 0, 1))).toBe('2027-07-01T00:00:00.001000Z')
    for (let ms = Date.UTC(2026, 1, 28, 23, 59, 58); ms < Date.UTC(2026, 2, 1, 0, 0, 2); ms += 37) {
      expect(rfc3339Micro(ms)).toBe(new Date(ms).toISOString().replace(/Z$/, '000Z'))
    }
  })

  it('reads both forms back, and nothing from text that is not a time', () => {
    expect(parseTime('2026-11-25T02:25:14Z')).toBe(Date.UTC(2026, 10, 25, 2, 25, 14))
    expect(parseTime('2026-11-25T02:25:14.999000Z')).toBe(t)
    expect(parseTime('yesterday')).toBeUndefined()
    expect(parseTime(undefined)).toBeUndefined()
  })
})
