// Virtual time: a discrete-event queue ordered by (at, seq), after SimPy's Environment. Time jumps
// from one due task to the next; nothing sleeps. Tasks are plain data (not closures) so that a
// snapshot of the cluster carries its pending timers and restores them exactly.

/** Milliseconds since the Unix epoch, on the cluster's virtual clock. */
export type Millis = number

/** A due piece of work, addressed to a component by name. `data` must be JSON. */
export interface Task {
  readonly owner: string
  readonly type: string
  readonly data?: unknown
}

export interface Timer {
  readonly id: number
  readonly at: Millis
  readonly seq: number
  readonly task: Task
}

export interface ClockSnapshot {
  now: Millis
  seq: number
  timers: Timer[]
}

export class MinHeap<T> {
  readonly #items: T[] = []
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.#items.length
  }
  peek(): T | undefined {
    return this.#items[0]
  }
  push(item: T): void {
    const a = this.#items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(a[i], a[parent])) break
      ;[a[i], a[parent]] = [a[parent], a[i]]
      i = parent
    }
  }
  pop(): T | undefined {
    const a = this.#items
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && this.less(a[l], a[m])) m = l
        if (r < a.length && this.less(a[r], a[m])) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m], a[i]]
        i = m
      }
    }
    return top
  }
  toArray(): T[] {
    return [...this.#items]
  }
}

/**
 * The timers due at one moment, in the order they were set (which is seq order: seq only grows).
 * Many fall due at once (every kubelet's heartbeat, every 10 s), so the queue is kept by moment:
 * setting or taking a timer is an append or a step along its moment's list, and the heap orders
 * only the distinct moments, not every timer.
 */
interface Moment {
  readonly timers: Timer[]
  head: number
}

const sooner = (a: Millis, b: Millis): boolean => a < b

export class VirtualClock {
  #now: Millis
  #seq = 0
  readonly #moments = new Map<Millis, Moment>()
  readonly #times = new MinHeap<Millis>(sooner)
  readonly #cancelled = new Set<number>()

  constructor(start: Millis) {
    if (!Number.isFinite(start)) throw new RangeError(`clock start must be a finite time, got ${start}`)
    this.#now = start
  }

  now(): Millis {
    return this.#now
  }

  /** Schedule `task` to run `delay` ms from now. Returns the timer id, for cancel(). */
  after(delay: Millis, task: Task): number {
    if (!(delay >= 0)) throw new RangeError(`delay must be >= 0, got ${delay}`)
    const seq = this.#seq++
    this.#push({ id: seq, at: this.#now + delay, seq, task })
    return seq
  }

  cancel(id: number): void {
    this.#cancelled.add(id)
  }

  /** When the next live task is due (Infinity if none). */
  peek(): Millis {
    this.#dropCancelled()
    return this.#first()?.at ?? Infinity
  }

  /**
   * Run every task due up to `until` in (at, seq) order, handing each to `run`, then stand at
   * `until`. Tasks scheduled while running are honoured if they fall due before `until`.
   */
  runUntil(until: Millis, run: (task: Task) => void): void {
    if (until < this.#now) throw new RangeError(`cannot move the clock back from ${this.#now} to ${until}`)
    for (;;) {
      this.#dropCancelled()
      const next = this.#first()
      if (!next || next.at > until) break
      this.#shift()
      this.#now = next.at
      run(next.task)
    }
    this.#now = until
  }

  pending(): readonly Timer[] {
    this.#dropCancelled()
    const out: Timer[] = []
    for (const m of this.#moments.values()) for (let i = m.head; i < m.timers.length; i++) if (!this.#cancelled.has(m.timers[i].id)) out.push(m.timers[i])
    return out.sort((a, b) => a.at - b.at || a.seq - b.seq)
  }

  snapshot(): ClockSnapshot {
    return { now: this.#now, seq: this.#seq, timers: this.pending().map((t) => ({ ...t })) }
  }

  static restore(s: ClockSnapshot): VirtualClock {
    const clock = new VirtualClock(s.now)
    clock.#seq = s.seq
    // In (at, seq) order, so that each moment's list is in seq order.
    for (const t of [...s.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)) clock.#push({ ...t })
    return clock
  }

  #push(timer: Timer): void {
    let m = this.#moments.get(timer.at)
    if (!m) {
      this.#moments.set(timer.at, (m = { timers: [], head: 0 }))
      this.#times.push(timer.at)
    }
    m.timers.push(timer)
  }

  /** The earliest timer, cancelled or not. */
  #first(): Timer | undefined {
    const at = this.#times.peek()
    if (at === undefined) return undefined
    const m = this.#moments.get(at)!
    return m.timers[m.head]
  }

  /** Take the earliest timer off the queue. */
  #shift(): Timer | undefined {
    const at = this.#times.peek()
    if (at === undefined) return undefined
    const m = this.#moments.get(at)!
    const timer = m.timers[m.head++]
    if (m.head === m.timers.length) {
      this.#moments.delete(at)
      this.#times.pop()
    }
    return timer
  }

  #dropCancelled(): void {
    if (this.#cancelled.size === 0) return
    for (let t = this.#first(); t !== undefined && this.#cancelled.has(t.id); t = this.#first()) {
      this.#cancelled.delete(t.id)
      this.#shift()
    }
  }
}

export const seconds = (n: number): Millis => n * 1000
export const minutes = (n: number): Millis => n * 60_000
export const hours = (n: number): Millis => n * 3_600_000

/**
 * Parse `30s`, `5m`, `1h30m`, `250ms`, `2d` (as Go's time.ParseDuration, plus days). As in Go, a
 * bare `0` is a duration and numbers may be written `1.5`, `.5` or `1.`; negative ones are refused.
 */
export function parseDuration(text: string): Millis | undefined {
  const s = text.trim()
  if (s === '0') return 0
  if (!/^((\d+\.?\d*|\.\d+)(ms|s|m|h|d))+$/.test(s)) return undefined
  let total = 0
  for (const m of s.matchAll(/(\d+\.?\d*|\.\d+)(ms|s|m|h|d)/g)) {
    const n = Number(m[1])
    const unit = m[2]
    total += unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : unit === 'h' ? n * 3_600_000 : n * 86_400_000
  }
  return Math.round(total)
}

/** RFC 3339 at second precision, as metav1.Time serialises: `2026-11-25T02:25:14Z`. */
export function rfc3339(t: Millis): string {
  // Components stamp many objects in one virtual moment: the last second formatted is kept, and
  // the text of its minute, which the next seconds take on (leases are renewed every few seconds).
  const second = Math.floor(t / 1000)
  if (second !== lastSecond) {
    const minute = Math.floor(second / 60)
    if (minute !== lastMinute) {
      lastMinuteText = new Date(minute * 60_000).toISOString().slice(0, 17) // 2026-11-25T02:25:
      lastMinute = minute
    }
    lastSecondText = `${lastMinuteText}${TWO_DIGITS[second - minute * 60]}Z`
    lastSecond = second
  }
  return lastSecondText
}

let lastSecond = NaN
let lastSecondText = ''
let lastMinute = NaN
let lastMinuteText = ''
/** `00` to `59`. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))

/** RFC 3339 with microseconds, as metav1.MicroTime serialises: `2026-11-25T02:25:14.123456Z`. */
export function rfc3339Micro(t: Millis): string {
  // Every kubelet renews its lease at the same virtual moment: the last one formatted is kept.
  const ms = Math.floor(t)
  if (ms !== lastMicroMs) {
    // The second's text (rfc3339 keeps the last one), then the milliseconds and three zeros.
    const second = rfc3339(ms)
    lastMicroText = `${second.slice(0, -1)}.${MILLIS_TEXT[ms - Math.floor(ms / 1000) * 1000]}000Z`
    lastMicroMs = ms
  }
  return lastMicroText
}

/** `000` to `999`. */
const MILLIS_TEXT = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))

let lastMicroMs = NaN
let lastMicroText = ''

export function parseTime(text: string | undefined): Millis | undefined {
  if (!text) return undefined
  const t = Date.parse(text)
  return Number.isNaN(t) ? undefined : t
}
