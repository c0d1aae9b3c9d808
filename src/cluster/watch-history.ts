// The events a watch from a past revision is owed: the last few thousand writes, kept field by field
// in a ring of columns. Every write makes an event for its watchers, which then dies young; kept as
// an object for the next 10,000 writes, each outlived the young generation only to be dropped, a
// large part of what piled up between full collections on a large cluster. A replay makes the
// objects again.
import type { JsonObject, StoreEvent, WatchEventType } from './etcd.js'
import { unrolled, unrolledList } from './ring.js'

/** The ring's first size: a lesson's cluster writes a few thousand times. */
const FIRST_CAPACITY = 512

export class WatchHistory {
  #types: WatchEventType[] = new Array<WatchEventType>(FIRST_CAPACITY)
  #keys: string[] = new Array<string>(FIRST_CAPACITY)
  #revisions = new Float64Array(FIRST_CAPACITY)
  #values: Readonly<JsonObject>[] = new Array<Readonly<JsonObject>>(FIRST_CAPACITY)
  #prevValues: (Readonly<JsonObject> | undefined)[] = new Array<Readonly<JsonObject> | undefined>(FIRST_CAPACITY)
  /** Where the oldest kept event is, and how many are kept. */
  #first = 0
  #count = 0

  /** `limit`: how many events are kept; older ones are dropped. */
  constructor(readonly limit: number) {}

  /** Keep `e`; when that drops the oldest event, its revision (the revision compacted). */
  push(e: StoreEvent): number | undefined {
    const capacity = this.#revisions.length
    if (this.#count === capacity && capacity < this.limit) this.#grow(Math.min(this.limit, capacity * 2))
    let at: number
    let dropped: number | undefined
    if (this.#count < this.#revisions.length) at = (this.#first + this.#count++) % this.#revisions.length
    else {
      at = this.#first
      dropped = this.#revisions[at]
      this.#first = (this.#first + 1) % this.#revisions.length
    }
    this.#types[at] = e.type
    this.#keys[at] = e.key
    this.#revisions[at] = e.revision
    this.#values[at] = e.value
    this.#prevValues[at] = e.prevValue
    return dropped
  }

  /** The kept events after `revision` with a key under `prefix`, oldest first. */
  after(revision: number, prefix: string): StoreEvent[] {
    const out: StoreEvent[] = []
    for (let n = this.#firstAfter(revision); n < this.#count; n++) {
      const at = this.#place(n)
      const key = this.#keys[at]
      if (key.startsWith(prefix)) out.push({ type: this.#types[at], key, revision: this.#revisions[at], value: this.#values[at], prevValue: this.#prevValues[at] })
    }
    return out
  }

  #place(n: number): number {
    return (this.#first + n) % this.#revisions.length
  }

  /** The position (0 for the oldest kept) of the first event with a revision after `revision`. */
  #firstAfter(revision: number): number {
    let lo = 0
    let hi = this.#count
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.#revisions[this.#place(mid)] <= revision) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  #grow(capacity: number): void {
    const first = this.#first
    this.#types = unrolledList(this.#types, capacity, first)
    this.#keys = unrolledList(this.#keys, capacity, first)
    this.#values = unrolledList(this.#values, capacity, first)
    this.#prevValues = unrolledList(this.#prevValues, capacity, first)
    this.#revisions = unrolled(this.#revisions, new Float64Array(capacity), first)
    this.#first = 0
  }
}
