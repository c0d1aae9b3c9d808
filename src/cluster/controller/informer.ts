// A shared-informer-like cache of one resource: list, then watch, kept in a map with indexes (by
// namespace, node, owner ...), telling its handlers what changed. Components read the cache, never
// etcd, and never scan every object per event: they look objects up by key or by index.
import type { ApiServer, WatchEvent } from '../apiserver.js'
import { flat } from '../flat-string.js'
import type { StoredObject } from '../object.js'

export type IndexFunc<T> = (obj: T) => readonly string[]

export interface InformerHandlers<T> {
  add?(obj: T): void
  update?(obj: T, old: T): void
  delete?(obj: T): void
}

/** `namespace/name`, or `name` for cluster-scoped objects: client-go's MetaNamespaceKeyFunc. */
export function keyOf(o: StoredObject): string {
  // A write reaches a dozen informers one after another with the same object: they share one key
  // text (each informer keeps the key of an object for as long as it caches the object).
  if (o === lastKeyed) return lastKey
  const key = o.metadata.namespace ? flat(`${o.metadata.namespace}/${o.metadata.name}`) : o.metadata.name
  // Only a frozen object keeps its key (a stored one: the apiserver's answers and watch events).
  if (Object.isFrozen(o) && Object.isFrozen(o.metadata)) {
    lastKeyed = o
    lastKey = key
  }
  return key
}

let lastKeyed: StoredObject | undefined
let lastKey = ''

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/')
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) }
}

/**
 * The keys of the objects one index value names. byIndex answers in the order in which the objects
 * were last put (added or updated): every put moves its object to the end of each of its buckets.
 * Moving an entry in a big Set is a hash lookup and an append per informer per write (ten pod
 * informers, buckets of thousands of pods), so a put that keeps its index values only marks the
 * bucket out of order (unless the object is its last already); byIndex puts it back in order, by
 * the sequence number of each object's last put, when it is asked.
 */
interface Bucket {
  /** The index value. */
  readonly value: string
  keys: Set<string>
  /** The key put last into this bucket (or one taken out since): while it is put again, the order holds. */
  last: string
  /** `keys` is not in the order of the objects' last puts. */
  dirty: boolean
}

/** A cached object, with what its last put did: its sequence number and the buckets it is in, per index. */
interface Entry<T> {
  obj: T
  seq: number
  /** Per index (in the order they were added): the bucket of its one value, or the buckets of its values. */
  buckets: (Bucket | Bucket[])[]
}

interface Index<T> {
  fn: IndexFunc<T>
  map: Map<string, Bucket>
}

export class Informer<T extends StoredObject = StoredObject> {
  readonly #items = new Map<string, Entry<T>>()
  readonly #indexes = new Map<string, Index<T>>()
  /** The indexes in the order of Entry.buckets. */
  readonly #indexList: Index<T>[] = []
  readonly #handlers: InformerHandlers<T>[] = []
  #cancel: (() => void) | undefined
  /** Counts puts: Entry.seq. */
  #seq = 0

  constructor(
    private readonly api: ApiServer,
    private readonly who: string,
    readonly resource: string,
    private readonly options: { fieldSelector?: string; labelSelector?: string } = {},
  ) {}

  addIndex(name: string, fn: IndexFunc<T>): this {
    // Entries know their buckets per index; indexes are added before the informer starts.
    if (this.#items.size > 0) throw new Error(`informer ${this.resource}: addIndex ${name} after start`)
    const idx = { fn, map: new Map<string, Bucket>() }
    this.#indexes.set(name, idx)
    this.#indexList.push(idx)
    return this
  }

  on(handlers: InformerHandlers<T>): this {
    this.#handlers.push(handlers)
    return this
  }

  /**
   * List and watch. A fresh start tells the handlers about every object (as ADDED); a restore
   * (`silent`) fills the cache quietly, leaves no trace entries, and watches from now on.
   */
  start(silent = false): void {
    if (this.#cancel) return
    const listed = this.api.list(this.who, this.resource, { ...this.options, silent })
    if (!listed.ok) throw new Error(`informer ${this.resource}: ${listed.error.message}`)
    for (const o of listed.value.items) this.#put(o as T, silent)
    const watched = this.api.watch(this.who, this.resource, { ...this.options, silent, resourceVersion: listed.value.metadata.resourceVersion }, (e) => this.#onEvent(e))
    if (!watched.ok) throw new Error(`informer ${this.resource}: ${watched.error.message}`)
    this.#cancel = watched.value
  }

  stop(): void {
    this.#cancel?.()
    this.#cancel = undefined
    this.#items.clear()
    for (const idx of this.#indexList) idx.map.clear()
  }

  get(key: string): T | undefined {
    return this.#items.get(key)?.obj
  }

  *list(): IterableIterator<T> {
    for (const e of this.#items.values()) yield e.obj
  }

  get size(): number {
    return this.#items.size
  }

  /** The objects whose index `index` gives `value`, in the order they were last put. */
  byIndex(index: string, value: string): T[] {
    const bucket = this.#bucket(index, value)
    if (!bucket) return []
    if (bucket.dirty) this.#reorder(bucket)
    return this.#objects(bucket)
  }

  /**
   * Like byIndex, in an order of the cache's own (a function of its history, so still
   * deterministic, but not the order of the last puts): only for callers whose result cannot depend
   * on the order, e.g. that sort the objects by their names at once.
   */
  byIndexAnyOrder(index: string, value: string): T[] {
    const bucket = this.#bucket(index, value)
    return bucket ? this.#objects(bucket) : []
  }

  #bucket(index: string, value: string): Bucket | undefined {
    const idx = this.#indexes.get(index)
    if (!idx) throw new Error(`no index ${index} on ${this.resource}`)
    return idx.map.get(value)
  }

  #objects(bucket: Bucket): T[] {
    const out: T[] = []
    for (const k of bucket.keys) out.push(this.#items.get(k)!.obj)
    return out
  }

  /** Puts a bucket's keys in the order of their objects' last puts (what moving them did before). */
  #reorder(bucket: Bucket): void {
    const entries: { key: string; seq: number }[] = []
    for (const key of bucket.keys) entries.push({ key, seq: this.#items.get(key)!.seq })
    entries.sort((a, b) => a.seq - b.seq)
    const keys = new Set<string>()
    for (const e of entries) keys.add(e.key)
    bucket.keys = keys
    bucket.last = entries[entries.length - 1].key
    bucket.dirty = false
  }

  #onEvent(e: WatchEvent): void {
    const obj = e.object as T
    if (e.type === 'DELETED') {
      const key = keyOf(obj)
      const old = this.#items.get(key)
      if (!old) return
      this.#remove(key, old)
      for (const h of this.#handlers) h.delete?.(obj)
    } else this.#put(obj, false)
  }

  #put(obj: T, silent: boolean): void {
    const key = keyOf(obj)
    const entry = this.#items.get(key)
    const seq = ++this.#seq
    const indexes = this.#indexList
    if (!entry) {
      const buckets: (Bucket | Bucket[])[] = []
      for (let i = 0; i < indexes.length; i++) buckets.push(addAll(indexes[i].map, indexes[i].fn(obj), key))
      this.#items.set(key, { obj, seq, buckets })
      if (silent) return
      for (const h of this.#handlers) h.add?.(obj)
      return
    }
    const old = entry.obj
    for (let i = 0; i < indexes.length; i++) {
      const values = indexes[i].fn(obj)
      const before = entry.buckets[i]
      // Most updates (status writes) keep an object's index values: its entries stay where they
      // are and their buckets learn that they may be out of order (see Bucket).
      if (sameValues(before, values)) touchAll(before, key)
      else {
        removeAll(indexes[i].map, before, key)
        entry.buckets[i] = addAll(indexes[i].map, values, key)
      }
    }
    entry.obj = obj
    entry.seq = seq
    if (silent) return
    for (const h of this.#handlers) h.update?.(obj, old)
  }

  #remove(key: string, entry: Entry<T>): void {
    for (let i = 0; i < this.#indexList.length; i++) removeAll(this.#indexList[i].map, entry.buckets[i], key)
    this.#items.delete(key)
  }
}

/** Puts `key` at the end of the bucket of each of `values`; gives the buckets as Entry.buckets keeps them. */
function addAll(map: Map<string, Bucket>, values: readonly string[], key: string): Bucket | Bucket[] {
  if (values.length === 1) return addOne(map, values[0], key)
  const buckets: Bucket[] = []
  for (const v of values) buckets.push(addOne(map, v, key))
  return buckets
}

function addOne(map: Map<string, Bucket>, value: string, key: string): Bucket {
  let bucket = map.get(value)
  if (!bucket) map.set(value, (bucket = { value, keys: new Set(), last: key, dirty: false }))
  // The key cannot be in the bucket already but through a value listed twice, just now: it is last.
  bucket.keys.add(key)
  bucket.last = key
  return bucket
}

/** `key`, already in these buckets, was put again: it belongs at their end. */
function touchAll(buckets: Bucket | Bucket[], key: string): void {
  if (!Array.isArray(buckets)) touch(buckets, key)
  else for (const b of buckets) touch(b, key)
}

function touch(bucket: Bucket, key: string): void {
  if (bucket.last === key) return
  bucket.dirty = true
  bucket.last = key
}

function removeAll(map: Map<string, Bucket>, buckets: Bucket | Bucket[], key: string): void {
  if (!Array.isArray(buckets)) removeOne(map, buckets, key)
  else for (const b of buckets) removeOne(map, b, key)
}

function removeOne(map: Map<string, Bucket>, bucket: Bucket, key: string): void {
  bucket.keys.delete(key)
  if (bucket.keys.size === 0) map.delete(bucket.value)
}

/** The buckets hold the same index values in the same order. */
function sameValues(buckets: Bucket | Bucket[], values: readonly string[]): boolean {
  if (!Array.isArray(buckets)) return values.length === 1 && buckets.value === values[0]
  if (buckets.length !== values.length) return false
  for (let i = 0; i < values.length; i++) if (buckets[i].value !== values[i]) return false
  return true
}

/**
 * `items` sorted by `compare`, or undefined if two of them compare equal. Without equal items the
 * sorted order is the same whatever order `items` came in, which is what lets a caller that sorts
 * take byIndexAnyOrder's answer; with them (e.g. pods of the same name in two namespaces naming one
 * owner), it must sort byIndex's instead.
 */
export function sortedWithoutTies<T>(items: T[], compare: (a: T, b: T) => number): T[] | undefined {
  items.sort(compare)
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1], items[i]) >= 0) return undefined
  return items
}
