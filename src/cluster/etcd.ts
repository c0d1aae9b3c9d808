// An etcd-like MVCC key-value store: one global revision, keys as real clusters use them
// (`/registry/pods/default/web`), range reads in key order, and watch from a revision that delivers
// ADDED/MODIFIED/DELETED in commit order. Values are JSON objects, stored frozen: readers get the
// stored object itself and must copy before changing it (client-go's "never modify the cache").

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export interface KeyValue {
  readonly key: string
  readonly value: Readonly<JsonObject>
  readonly createRevision: number
  readonly modRevision: number
  readonly version: number
  /** The lease the key is attached to (events: the apiserver's --event-ttl); gone with it. */
  readonly lease?: number
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface StoreEvent {
  readonly type: WatchEventType
  readonly key: string
  readonly revision: number
  /** For DELETED, the last value before deletion. */
  readonly value: Readonly<JsonObject>
  readonly prevValue?: Readonly<JsonObject>
}

export interface EtcdSnapshot {
  revision: number
  compactRevision: number
  entries: KeyValue[]
  /** Leases granted and not revoked yet: id and expiry. None in snapshots from before leases. */
  leases?: [number, Millis][]
  /** The id the next lease gets. */
  nextLease?: number
  /** The ranges (see rangeGroup) that hold keys attached to a lease, to load before a revocation. */
  leasedRanges?: string[]
}

/** A lease: when it expires, and the keys attached to it (deleted when it is revoked). */
interface Lease {
  readonly expiry: Millis
  readonly keys: Set<string>
}

/**
 * Entries of a restored store that are loaded only when something first needs a key in their
 * range: a playground's state file keeps each range apart, and a command that reads deployments
 * need not parse 50 MiB of events. `prefix` is a range group (see rangeGroup).
 */
export interface DeferredRange {
  readonly prefix: string
  load(): KeyValue[]
}

/**
 * The range a key belongs to for deferred loading and for writing a snapshot range by range: its
 * resource, `/registry/pods/` for `/registry/pods/default/web`; '' for a key outside `/registry/`.
 */
export function rangeGroup(key: string): string {
  if (!key.startsWith('/registry/')) return ''
  const end = key.indexOf('/', 10)
  return end < 0 ? '' : key.slice(0, end + 1)
}

import type { Millis } from './clock.js'
import { copyData } from './object.js'
import { SharedSubtrees } from './shared-subtrees.js'
import { SortedKeys } from './sorted-keys.js'
import { WatchHistory } from './watch-history.js'

/** How many past events a watch can resume from before it gets "too old resource version". */
const HISTORY = 10_000

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    // Indexes and for-in rather than Object.values: no array of values per object (every write
    // freezes its new parts). JSON data has no inherited enumerable properties.
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i])
    else for (const k in value) deepFreeze((value as Record<string, unknown>)[k])
  }
  return value
}

export class Etcd {
  #revision = 1
  #compactRevision = 0
  readonly #data = new Map<string, KeyValue>()
  #sortedKeys = new SortedKeys()
  /** The last HISTORY events, for watches from a past revision. */
  readonly #history = new WatchHistory(HISTORY)
  readonly #watchers = new Set<Watcher>()
  /**
   * Watchers without an index hint, by prefix, each set in the order they started: an event is
   * tested against the few prefixes there are, not against every watcher (a kube-proxy per node
   * watches Services and EndpointSlices, so there are thousands of watchers on large clusters).
   */
  readonly #plain = new Map<string, Set<Watcher>>()
  /**
   * The groups of #plain that may hear of a key, by the key's range group (see rangeGroup): those
   * whose prefix is inside the range or holds it, in #plain's order. Every write tested every
   * prefix (a few dozen, all starting `/registry/`); now it tests the one or two that can match.
   * Made when first needed, and forgotten whenever a prefix comes into #plain or leaves it.
   */
  readonly #plainByGroup = new Map<string, [string, Set<Watcher>][]>()
  /** The range group #plainFor found last, and its list ('' and none: look it up). */
  #lastRange = ''
  #lastPlain: [string, Set<Watcher>][] = []
  /** Watchers with one, by index (whose keys lie under `prefix`), then by the value they wait for. */
  readonly #indexed = new Map<string, { prefix: string; fn: WatchIndexFunc; byValue: Map<string, Set<Watcher>> }>()
  readonly #indexFuncs = new Map<string, WatchIndexFunc>()
  /**
   * Secondary indexes of keys: by name, the keys under `prefix` by what `fn` gives for their value.
   * An index is built on first use (`byValue` undefined until then), from the entries stored then:
   * the same sets as if kept up to date all along, without reading every value at restore.
   */
  readonly #keyIndexes = new Map<string, KeyIndex>()
  /** Ranges of a restored store not loaded yet, by prefix (see DeferredRange). */
  readonly #deferred = new Map<string, DeferredRange>()
  /** Ranges restored deferred that no write has touched since: their entries are as restored. */
  readonly #untouched = new Set<string>()
  /** Equal small parts of stored values, one object each (see SharedSubtrees). */
  readonly #shared = new SharedSubtrees()
  /** Leases by id, in the order they were granted. */
  readonly #leases = new Map<number, Lease>()
  #nextLease = 1
  /** Range groups that hold leased keys (see EtcdSnapshot.leasedRanges). */
  readonly #leasedRanges = new Set<string>()
  /** Called once, before the next write, watch or new index (see beforeNextChange). */
  #beforeChange: (() => void) | undefined
  #watcherSeq = 0
  #delivering = false
  /**
   * Deliveries not made yet, as two lists side by side (event, watcher) from #outboxHead to
   * #outboxEnd: the lists keep their room from one write to the next instead of a list and an object
   * per delivery made anew for every write.
   */
  readonly #outEvents: (StoreEvent | undefined)[] = []
  readonly #outWatchers: (Watcher | undefined)[] = []
  #outboxHead = 0
  #outboxEnd = 0

  get revision(): number {
    return this.#revision
  }

  /** The newest revision whose event is no longer kept: a watch must start at or after it. */
  get compactRevision(): number {
    return this.#compactRevision
  }

  get(key: string): KeyValue | undefined {
    if (this.#deferred.size > 0) this.#loadRange(rangeGroup(key))
    return this.#data.get(key)
  }

  /** All entries whose key starts with `prefix`, in byte order of keys. */
  range(prefix: string): KeyValue[] {
    if (this.#deferred.size > 0) this.#loadOverlapping(prefix)
    const out: KeyValue[] = []
    for (const key of this.#sortedKeys.withPrefix(prefix)) out.push(this.#data.get(key)!)
    return out
  }

  count(prefix: string): number {
    return this.range(prefix).length
  }

  /**
   * Write `value` at `key`, optionally only if the key's modRevision is `expectRevision` (0 = must
   * not exist). Returns the new entry, or undefined when the precondition failed. `stamp` may set
   * fields that depend on the new revision (resourceVersion) before the value is frozen.
   */
  put(key: string, value: JsonObject, expectRevision?: number, stamp?: (value: JsonObject, revision: number) => void, lease?: number): KeyValue | undefined {
    if (this.#beforeChange) this.#changing()
    if (this.#untouched.size > 0) this.#touch(key)
    const prev = this.#data.get(key)
    if (expectRevision !== undefined && (prev?.modRevision ?? 0) !== expectRevision) return undefined
    const revision = ++this.#revision
    stamp?.(value, revision)
    this.#shared.freeze(value)
    const kv: KeyValue =
      lease === undefined
        ? { key, value, createRevision: prev?.createRevision ?? revision, modRevision: revision, version: (prev?.version ?? 0) + 1 }
        : { key, value, createRevision: prev?.createRevision ?? revision, modRevision: revision, version: (prev?.version ?? 0) + 1, lease }
    // A put attaches the key to its lease, or to none: the lease it had lets go of it.
    if (prev?.lease !== undefined && prev.lease !== lease) this.#leases.get(prev.lease)?.keys.delete(key)
    if (lease !== undefined && prev?.lease !== lease) this.#attach(lease, key)
    if (!prev) this.#sortedKeys.insert(key)
    this.#data.set(key, kv)
    this.#reindex(key, value, prev?.value)
    this.#emit({ type: prev ? 'MODIFIED' : 'ADDED', key, revision, value, prevValue: prev?.value })
    return kv
  }

  delete(key: string, expectRevision?: number): KeyValue | undefined {
    if (this.#beforeChange) this.#changing()
    if (this.#untouched.size > 0) this.#touch(key)
    const prev = this.#data.get(key)
    if (!prev) return undefined
    if (expectRevision !== undefined && prev.modRevision !== expectRevision) return undefined
    const revision = ++this.#revision
    this.#remove(prev, revision)
    return prev
  }
  #remove(prev: KeyValue, revision: number): void {
    const key = prev.key
    if (prev.lease !== undefined) this.#leases.get(prev.lease)?.keys.delete(key)
    this.#data.delete(key)
    this.#sortedKeys.delete(key)
    this.#reindex(key, undefined, prev.value)
    this.#emit({ type: 'DELETED', key, revision, value: prev.value, prevValue: prev.value })
  }

  /** Grant a lease that expires at `expiry` (etcd's LeaseGrant); its id. */
  grantLease(expiry: Millis): number {
    const id = this.#nextLease++
    this.#leases.set(id, { expiry, keys: new Set() })
    return id
  }

  #attach(lease: number, key: string): void {
    const l = this.#leases.get(lease)
    if (!l) throw new Error(`lease ${lease} not found`)
    l.keys.add(key)
    this.#leasedRanges.add(rangeGroup(key))
  }

  /**
   * Revoke every lease expired by `now`, oldest first (etcd's lessor): the keys attached to one go
   * in one transaction, so they are deleted at one revision, in key order.
   */
  revokeExpired(now: Millis): void {
    const expired = [...this.#leases].filter(([, lease]) => lease.expiry <= now)
    if (expired.length === 0) return
    // The keys of a range not loaded yet are attached to their leases as it loads.
    if (this.#deferred.size > 0) for (const group of this.#leasedRanges) this.#loadRange(group)
    for (const [id, lease] of expired) {
      this.#leases.delete(id)
      if (lease.keys.size === 0) continue
      if (this.#beforeChange) this.#changing()
      if (this.#untouched.size > 0) for (const group of this.#leasedRanges) this.#touchGroup(group)
      const revision = ++this.#revision
      for (const key of [...lease.keys].sort(byteOrder)) this.#remove(this.#data.get(key)!, revision)
    }
  }

  /** Attach a stored key to a lease without writing it (no revision): a store from before leases. */
  attachLease(key: string, lease: number): void {
    if (this.#untouched.size > 0) this.#touch(key)
    const kv = this.#data.get(key)
    if (!kv || kv.lease !== undefined) return
    this.#data.set(key, { ...kv, lease })
    this.#attach(lease, key)
  }


  /**
   * Watch keys under `prefix` for changes after `fromRevision` (events with a revision greater than
   * it). Past events still in history are replayed first. Returns undefined when `fromRevision` is
   * older than the history kept (etcd's "required revision has been compacted").
   */
  watch(prefix: string, fromRevision: number, onEvent: (event: StoreEvent) => void, hint?: WatchHint): (() => void) | undefined {
    if (this.#beforeChange) this.#changing()
    if (fromRevision < this.#compactRevision) return undefined
    const watcher: Watcher = { prefix, onEvent, seq: this.#watcherSeq++ }
    const backlog = this.#history.after(fromRevision, prefix)
    this.#watchers.add(watcher)
    const fn = hint && this.#indexFuncs.get(hint.index)
    const indexPrefix = hint && this.#keyIndexes.get(hint.index)?.prefix
    // A hint only serves a watch inside the index's keys; any other watch hears everything under its prefix.
    const hinted = hint && fn && indexPrefix !== undefined && prefix.startsWith(indexPrefix)
    let map: Map<string, Set<Watcher>>
    let mapKey: string
    if (hinted) {
      let idx = this.#indexed.get(hint.index)
      if (!idx) this.#indexed.set(hint.index, (idx = { prefix: indexPrefix, fn, byValue: new Map() }))
      map = idx.byValue
      mapKey = hint.value
    } else {
      map = this.#plain
      mapKey = prefix
    }
    let set = map.get(mapKey)
    if (!set) {
      map.set(mapKey, (set = new Set()))
      if (map === this.#plain) this.#forgetPlainGroups()
    }
    set.add(watcher)
    for (const e of backlog) this.#post(e, watcher)
    this.#flush()
    return () => {
      this.#watchers.delete(watcher)
      const current = map.get(mapKey)
      if (current?.delete(watcher) && current.size === 0) {
        map.delete(mapKey)
        if (map === this.#plain) this.#forgetPlainGroups()
      }
    }
  }

  /**
   * Index the keys under `prefix` by a function of their values, as the apiserver's watch cache
   * indexes pods by spec.nodeName: rangeByIndex reads one value's entries, and a watch may give the
   * index as a hint (`watch(..., { index, value })`) to hear only of events whose value, or value
   * before, gives that value. A hint only saves work: a watcher still filters what it hears.
   */
  addIndex(name: string, prefix: string, fn: WatchIndexFunc): void {
    if (this.#indexFuncs.has(name)) return
    // A new index changes how later watches with its hint are grouped (and so delivery order).
    if (this.#beforeChange) this.#changing()
    this.#indexFuncs.set(name, fn)
    this.#keyIndexes.set(name, { prefix, fn, byValue: undefined })
  }

  /**
   * Run `fn` once, right before the next write, watch or new index: whatever it does sees the store
   * exactly as it is now (reads do not call it). A restored cluster starts its components then
   * (cluster.ts), so a command that only reads never starts them. Undefined: forget it.
   */
  beforeNextChange(fn: (() => void) | undefined): void {
    this.#beforeChange = fn
  }

  #changing(): void {
    const fn = this.#beforeChange
    this.#beforeChange = undefined
    fn?.()
  }

  /** An index's slots, built from the stored entries when first needed. */
  #indexSlots(idx: KeyIndex): Map<string, string | Set<string>> {
    if (idx.byValue) return idx.byValue
    if (this.#deferred.size > 0) this.#loadOverlapping(idx.prefix)
    const byValue = new Map<string, string | Set<string>>()
    for (const key of this.#sortedKeys.withPrefix(idx.prefix)) addTo(byValue, idx.fn(this.#data.get(key)!.value), key)
    return (idx.byValue = byValue)
  }

  /** Like range(prefix), but only the entries whose value gives `value` in index `name` (see addIndex). */
  rangeByIndex(name: string, value: string, prefix: string): KeyValue[] {
    const idx = this.#keyIndexes.get(name)
    if (!idx) throw new Error(`no index ${name}`)
    const slot = this.#indexSlots(idx).get(value)
    const keys: string[] = []
    if (typeof slot === 'string') {
      if (slot.startsWith(prefix)) keys.push(slot)
    } else if (slot) for (const key of slot) if (key.startsWith(prefix)) keys.push(key)
    keys.sort(byteOrder)
    const out: KeyValue[] = []
    for (const k of keys) out.push(this.#data.get(k)!)
    return out
  }

  #reindex(key: string, value: Readonly<JsonObject> | undefined, prev: Readonly<JsonObject> | undefined): void {
    for (const idx of this.#keyIndexes.values()) {
      // An index not built yet is built from the entries as they are when first used.
      if (!idx.byValue || !key.startsWith(idx.prefix)) continue
      const before = prev && idx.fn(prev)
      const after = value && idx.fn(value)
      if (before === after) continue
      if (before !== undefined) removeFrom(idx.byValue, before, key)
      if (after !== undefined) addTo(idx.byValue, after, key)
    }
  }

  snapshot(): EtcdSnapshot {
    if (this.#deferred.size > 0) this.#loadOverlapping('')
    return { revision: this.#revision, compactRevision: this.#revision, entries: this.#sortedKeys.toArray().map((k) => this.#data.get(k)!), ...this.leasesSnapshot() }
  }

  /** The lease part of a snapshot (none when no lease was ever granted, as before leases). */
  leasesSnapshot(): Pick<EtcdSnapshot, 'leases' | 'nextLease' | 'leasedRanges'> {
    if (this.#nextLease === 1) return {}
    return { leases: [...this.#leases].map(([id, l]) => [id, l.expiry]), nextLease: this.#nextLease, leasedRanges: [...this.#leasedRanges] }
  }

  /**
   * For a snapshot written range by range (the playground's file): the deferred ranges that no
   * write has touched since the restore, whose entries are still those restored (loaded or not),
   * and every other entry, in key order. Together they are `snapshot().entries`.
   */
  snapshotChanges(): { untouched: string[]; entries: KeyValue[] } {
    const entries: KeyValue[] = []
    for (const key of this.#sortedKeys.toArray()) if (this.#untouched.size === 0 || !this.#untouched.has(rangeGroup(key))) entries.push(this.#data.get(key)!)
    return { untouched: [...this.#untouched], entries }
  }

  /**
   * A store holding a snapshot's entries. `adopt`: the snapshot is handed over (freshly parsed from
   * a file, say) and nothing else holds its values, so they are frozen and kept as they are instead
   * of copied first.
   */
  static restore(s: EtcdSnapshot, adopt = false, deferred: readonly DeferredRange[] = []): Etcd {
    const etcd = new Etcd()
    etcd.#revision = s.revision
    // History is not part of a snapshot: a watch from before it must re-list, as after compaction.
    etcd.#compactRevision = s.compactRevision
    for (const [id, expiry] of s.leases ?? []) etcd.#leases.set(id, { expiry, keys: new Set() })
    etcd.#nextLease = s.nextLease ?? 1
    for (const group of s.leasedRanges ?? []) etcd.#leasedRanges.add(group)
    for (const kv of s.entries) etcd.#restoreEntry({ ...kv, value: deepFreeze(adopt ? kv.value : copyData(kv.value)) })
    etcd.#sortedKeys = SortedKeys.from([...etcd.#data.keys()].sort(byteOrder))
    for (const range of deferred) {
      if (range.prefix === '' || etcd.#deferred.has(range.prefix)) throw new Error(`bad deferred range ${JSON.stringify(range.prefix)}`)
      etcd.#deferred.set(range.prefix, range)
      etcd.#untouched.add(range.prefix)
    }
    return etcd
  }

  /** A restored entry, attached again to its lease (an entry whose lease is gone has none). */
  #restoreEntry(kv: KeyValue): void {
    if (kv.lease !== undefined) {
      const lease = this.#leases.get(kv.lease)
      if (lease) lease.keys.add(kv.key)
      else delete (kv as { lease?: number }).lease
    }
    this.#data.set(kv.key, kv)
  }

  /** Load the deferred range `prefix`, if it is one not loaded yet. Its values are handed over: frozen, not copied. */
  #loadRange(prefix: string): void {
    const range = this.#deferred.get(prefix)
    if (!range) return
    const loaded = range.load()
    this.#deferred.delete(prefix)
    const keys: string[] = []
    for (const kv of loaded) {
      if (rangeGroup(kv.key) !== prefix || this.#data.has(kv.key)) throw new Error(`entry ${kv.key} does not belong to the range ${prefix}`)
      this.#restoreEntry({ ...kv, value: deepFreeze(kv.value) })
      keys.push(kv.key)
    }
    // The range's keys are contiguous in key order and none is stored yet: merge the two sorted lists.
    keys.sort(byteOrder)
    const stored = this.#sortedKeys.toArray()
    const merged: string[] = []
    let i = 0
    for (const key of stored) {
      while (i < keys.length && keys[i] < key) merged.push(keys[i++])
      merged.push(key)
    }
    while (i < keys.length) merged.push(keys[i++])
    this.#sortedKeys = SortedKeys.from(merged)
  }

  /** Load every deferred range that may hold keys starting with `prefix`. */
  #loadOverlapping(prefix: string): void {
    for (const p of [...this.#deferred.keys()]) if (p.startsWith(prefix) || prefix.startsWith(p)) this.#loadRange(p)
  }

  /** A write under a deferred range: load it first (the write sees what is stored), and it is no longer as restored. */
  #touch(key: string): void {
    this.#touchGroup(rangeGroup(key))
  }

  #touchGroup(group: string): void {
    if (!this.#untouched.has(group)) return
    this.#loadRange(group)
    this.#untouched.delete(group)
  }

  #emit(event: StoreEvent): void {
    const compacted = this.#history.push(event)
    if (compacted !== undefined) this.#compactRevision = compacted
    // Every watcher whose prefix holds the key hears of it, in the order the watches started;
    // a watcher with an index hint only when the value (or the value before) has its value.
    let hearing: Watcher[] | undefined
    for (const idx of this.#indexed.values()) {
      if (!event.key.startsWith(idx.prefix)) continue
      const now = idx.byValue.get(idx.fn(event.value))
      const before = event.prevValue ? idx.byValue.get(idx.fn(event.prevValue)) : undefined
      if (now) for (const w of now) if (event.key.startsWith(w.prefix)) (hearing ??= []).push(w)
      if (before && before !== now) for (const w of before) if (event.key.startsWith(w.prefix)) (hearing ??= []).push(w)
    }
    // Most keys have one group of plain watchers (their resource's): no list is made for it.
    let group: Set<Watcher> | undefined
    let groups: Set<Watcher>[] | undefined
    const candidates = this.#plainFor(event.key)
    for (let i = 0; i < candidates.length; i++)
      if (event.key.startsWith(candidates[i][0])) {
        const set = candidates[i][1]
        if (group === undefined) group = set
        else (groups ??= [group]).push(set)
      }
    if (!hearing && group !== undefined && groups === undefined) {
      // One group: already in the order its watches started.
      for (const w of group) this.#post(event, w)
    } else if (hearing && group !== undefined && groups === undefined) {
      // A few watchers with an index hint (a kubelet's pods) and one group: merged by the order
      // the watches started, as sorting them all together would (no two watchers share a seq).
      hearing.sort(bySeq)
      let i = 0
      for (const w of group) {
        while (i < hearing.length && hearing[i].seq < w.seq) this.#post(event, hearing[i++])
        this.#post(event, w)
      }
      while (i < hearing.length) this.#post(event, hearing[i++])
    } else if (hearing || group) {
      if (group !== undefined) groups ??= [group]
      hearing ??= []
      for (const set of groups ?? []) for (const w of set) hearing.push(w)
      hearing.sort(bySeq)
      for (const w of hearing) this.#post(event, w)
    }
    this.#flush()
  }

  /** The prefixes of #plain, with their groups, that a key may start with (see #plainByGroup). */
  #plainFor(key: string): [string, Set<Watcher>][] {
    // The last key's range again (a run of lease renewals, a pod's writes): no range text to make
    // and look up.
    const last = this.#lastRange
    if (last !== '' && key.startsWith(last) && key.indexOf('/', 10) === last.length - 1) return this.#lastPlain
    const range = rangeGroup(key)
    let list = this.#plainByGroup.get(range)
    if (list === undefined) {
      list = []
      // A key outside every range ('') is tested against every prefix.
      for (const entry of this.#plain) if (range === '' || entry[0].startsWith(range) || range.startsWith(entry[0])) list.push(entry)
      this.#plainByGroup.set(range, list)
    }
    this.#lastRange = range
    this.#lastPlain = list
    return list
  }

  #forgetPlainGroups(): void {
    this.#plainByGroup.clear()
    this.#lastRange = ''
    this.#lastPlain = []
  }

  /** Deliver in commit order; a write made by a watcher is delivered after the current event. */
  #flush(): void {
    if (this.#delivering) return
    this.#delivering = true
    try {
      while (this.#outboxHead < this.#outboxEnd) {
        const at = this.#outboxHead++
        const event = this.#outEvents[at]!
        const watcher = this.#outWatchers[at]!
        // Cleared as delivered: the lists hold no event longer than its delivery.
        this.#outEvents[at] = undefined
        this.#outWatchers[at] = undefined
        if (!this.#watchers.has(watcher)) continue
        watcher.onEvent(event)
      }
    } finally {
      // Delivered all (the usual end): the lists serve again from their start. After a watcher
      // threw, what is left moves to the start.
      const left = this.#outboxEnd - this.#outboxHead
      for (let i = 0; i < left; i++) {
        this.#outEvents[i] = this.#outEvents[this.#outboxHead + i]
        this.#outWatchers[i] = this.#outWatchers[this.#outboxHead + i]
      }
      for (let i = left; i < this.#outboxEnd; i++) {
        this.#outEvents[i] = undefined
        this.#outWatchers[i] = undefined
      }
      this.#outboxHead = 0
      this.#outboxEnd = left
      this.#delivering = false
    }
  }

  /** Queues the delivery of `event` to `watcher` (see #flush). */
  #post(event: StoreEvent, watcher: Watcher): void {
    this.#outEvents[this.#outboxEnd] = event
    this.#outWatchers[this.#outboxEnd] = watcher
    this.#outboxEnd++
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A secondary index of keys (see addIndex). `byValue` holds, per value, the one key that has it as
 * a string, or a set when there are several: most values of a large index have one key, and a set
 * per key would cost several times the key itself.
 */
interface KeyIndex {
  readonly prefix: string
  readonly fn: WatchIndexFunc
  byValue: Map<string, string | Set<string>> | undefined
}

function addTo(map: Map<string, string | Set<string>>, slot: string, key: string): void {
  const there = map.get(slot)
  if (there === undefined) map.set(slot, key)
  else if (typeof there === 'string') {
    if (there !== key) map.set(slot, new Set([there, key]))
  } else there.add(key)
}

function removeFrom(map: Map<string, string | Set<string>>, slot: string, key: string): void {
  const there = map.get(slot)
  if (there === key) map.delete(slot)
  else if (typeof there === 'object') {
    there.delete(key)
    if (there.size === 0) map.delete(slot)
  }
}

interface Watcher {
  readonly prefix: string
  readonly onEvent: (event: StoreEvent) => void
  /** Which watch started first: watchers hear of an event in this order. */
  readonly seq: number
}

const bySeq = (a: Watcher, b: Watcher): number => a.seq - b.seq

/** A function of stored values that lists and watches can name (see addIndex). */
export type WatchIndexFunc = (value: Readonly<JsonObject>) => string

export interface WatchHint {
  readonly index: string
  readonly value: string
}
