// Every apiserver call, recorded: who, verb, resource/name, the etcd revision it produced, and the
// virtual time. This record is learning goal 1 made visible (`kubelings cluster trace`).
import type { Millis } from './clock.js'
import { unrolled, unrolledList } from './ring.js'

export type Verb = 'create' | 'get' | 'list' | 'update' | 'patch' | 'delete' | 'watch'

export interface TraceEntry {
  readonly time: Millis
  /** The component that made the call: `kubectl`, `kube-scheduler`, `kubelet/node-1`, ... */
  readonly who: string
  readonly verb: Verb
  readonly resource: string
  readonly subresource?: string
  readonly namespace?: string
  readonly name?: string
  /** The etcd revision a write produced (reads: the revision they saw). */
  readonly revision: number
  /** HTTP-like status code of the answer: 200, 201, 404, 409, 422 ... */
  readonly code: number
}

/** How many entries are kept; older ones fall off the front. */
export const TRACE_LIMIT = 20_000

/** The ring's first size: a lesson's cluster makes a few thousand calls. */
const FIRST_CAPACITY = 1024

/**
 * The last TRACE_LIMIT calls, field by field in a ring of columns: a call costs no object of its
 * own (a cluster of 50,000 pods makes half a million calls, and each entry object outlived the
 * young generation only to be dropped later, a large part of what piled up between full
 * collections). `entries()` makes the objects when they are read.
 */
export class Trace {
  #time = new Float64Array(FIRST_CAPACITY)
  #revision = new Float64Array(FIRST_CAPACITY)
  #code = new Uint16Array(FIRST_CAPACITY)
  #who: string[] = new Array<string>(FIRST_CAPACITY)
  #verb: Verb[] = new Array<Verb>(FIRST_CAPACITY)
  #resource: string[] = new Array<string>(FIRST_CAPACITY)
  #subresource: (string | undefined)[] = new Array<string | undefined>(FIRST_CAPACITY)
  #namespace: (string | undefined)[] = new Array<string | undefined>(FIRST_CAPACITY)
  #name: (string | undefined)[] = new Array<string | undefined>(FIRST_CAPACITY)
  /** Where the oldest kept entry is, and how many are kept. */
  #first = 0
  #count = 0
  #dropped = 0

  record(entry: TraceEntry): void {
    this.add(entry.time, entry.who, entry.verb, entry.resource, entry.subresource, entry.namespace, entry.name, entry.revision, entry.code)
  }

  /** record, from the fields: what the apiserver calls for every call. */
  add(time: Millis, who: string, verb: Verb, resource: string, subresource: string | undefined, namespace: string | undefined, name: string | undefined, revision: number, code: number): void {
    const capacity = this.#time.length
    if (this.#count === capacity && capacity < TRACE_LIMIT) this.#grow(Math.min(TRACE_LIMIT, capacity * 2))
    let at: number
    if (this.#count < this.#time.length) at = (this.#first + this.#count++) % this.#time.length
    else {
      // Full: the newest takes the oldest's place.
      at = this.#first
      this.#first = (this.#first + 1) % this.#time.length
      this.#dropped++
    }
    this.#time[at] = time
    this.#who[at] = who
    this.#verb[at] = verb
    this.#resource[at] = resource
    this.#subresource[at] = subresource
    this.#namespace[at] = namespace
    this.#name[at] = name
    this.#revision[at] = revision
    this.#code[at] = code
  }

  /** The columns at `capacity`, the kept entries in order from the first place. */
  #grow(capacity: number): void {
    const first = this.#first
    this.#time = unrolled(this.#time, new Float64Array(capacity), first)
    this.#revision = unrolled(this.#revision, new Float64Array(capacity), first)
    this.#code = unrolled(this.#code, new Uint16Array(capacity), first)
    this.#who = unrolledList(this.#who, capacity, first)
    this.#verb = unrolledList(this.#verb, capacity, first)
    this.#resource = unrolledList(this.#resource, capacity, first)
    this.#subresource = unrolledList(this.#subresource, capacity, first)
    this.#namespace = unrolledList(this.#namespace, capacity, first)
    this.#name = unrolledList(this.#name, capacity, first)
    this.#first = 0
  }

  /** The kept entries, oldest first, each a new object with the fields in their order (optional ones when set). */
  entries(): readonly TraceEntry[] {
    const out = new Array<TraceEntry>(this.#count)
    for (let n = 0; n < this.#count; n++) {
      const at = (this.#first + n) % this.#time.length
      const e: { -readonly [K in keyof TraceEntry]?: TraceEntry[K] } = { time: this.#time[at], who: this.#who[at], verb: this.#verb[at], resource: this.#resource[at] }
      if (this.#subresource[at] !== undefined) e.subresource = this.#subresource[at]
      if (this.#namespace[at] !== undefined) e.namespace = this.#namespace[at]
      if (this.#name[at] !== undefined) e.name = this.#name[at]
      e.revision = this.#revision[at]
      e.code = this.#code[at]
      out[n] = e as TraceEntry
    }
    return out
  }

  /** How many entries were ever recorded: those shown plus those dropped. */
  get recorded(): number {
    return this.#count + this.#dropped
  }

  /** How many entries have fallen off the front so far. */
  get dropped(): number {
    return this.#dropped
  }

  snapshot(): { entries: TraceEntry[]; dropped: number } {
    return { entries: [...this.entries()], dropped: this.dropped }
  }

  static restore(s: { entries: TraceEntry[]; dropped: number }): Trace {
    const t = new Trace()
    for (const e of s.entries) t.record(e)
    // Entries beyond the limit (a snapshot written by hand) fall off as they would have.
    t.#dropped += s.dropped
    return t
  }
}

