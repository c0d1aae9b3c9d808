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
 * bucket out of order (unless the object is its last already); byIndex puts it back in order when
 * it is asked. The order of the last puts needs no bookkeeping: a watch delivers in the order of
 * revisions, so an object last put by the watch sorts by its resourceVersion, after every object
 * last put by the list (in the list's order), see #order.
 */
interface Bucket {
  /** The index value. */
  readonly value: string
  keys: Set<string>
  /**
   * The order (see #order) of the last put into this bucket: while the object of that put is put
   * again, the bucket stays in order. A number rather than the key: a bucket lives long and the
   * key is new, and storing a new object into an old one costs the collector a remembered slot.
   * (After that object left the bucket, no other object's put has this order: a put after it only
   * marks the bucket out of order, which is always safe.)
   */
  last: number
  /** `keys` is not in the order of the objects' last puts. */
  dirty: boolean
  /** `keys` sorted, kept while no key comes or goes (see byIndexByName). */
  sorted?: string[]
}

interface Index<T> {
  fn: IndexFunc<T>
  map: Map<string, Bucket>
}

export class Informer<T extends StoredObject = StoredObject> {
  readonly #items = new Map<string, T>()
  readonly #indexes = new Map<string, Index<T>>()
  readonly #handlers: InformerHandlers<T>[] = []
  #cancel: (() => void) | undefined
  /**
   * The objects last put by the list (not updated since), by their place in it minus the list's
   * length: before every revision. Only while some bucket may be out of order is it needed, but
   * it is small after the first updates and empty for informers started on an empty cluster.
   */
  readonly #listed = new Map<string, number>()

  constructor(
    private readonly api: ApiServer,
    private readonly who: string,
    readonly resource: string,
    private readonly options: { fieldSelector?: string; labelSelector?: string } = {},
  ) {}

  /**
   * Index the cache by `fn` under `name`. Controllers sharing an informer may each ask for the same
   * index (the same function under the same name: one index); another function under a name taken
   * is a mistake (client-go: "indexer conflict").
   */
  addIndex(name: string, fn: IndexFunc<T>): this {
    const taken = this.#indexes.get(name)
    if (taken?.fn === fn) return this
    if (taken) throw new Error(`informer ${this.resource}: indexer conflict: ${name}`)
    // Buckets are kept in the order of the objects' last puts (see Bucket), which an index made from
    // the cache could not know: indexes are added before the informer starts.
    if (this.#cancel || this.#items.size > 0) throw new Error(`informer ${this.resource}: addIndex ${name} after start`)
    this.#indexes.set(name, { fn, map: new Map<string, Bucket>() })
    return this
  }

  /**
   * Add handlers, before the informer starts: a running one would owe them an ADD for each object
   * it has (client-go replays its cache to a late handler), which no caller here needs.
   */
  on(handlers: InformerHandlers<T>): this {
    if (this.#cancel) throw new Error(`informer ${this.resource}: handlers added after start`)
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
    const items = listed.value.items
    for (let i = 0; i < items.length; i++) {
      this.#listed.set(keyOf(items[i]), i - items.length)
      this.#put(items[i] as T, silent, i - items.length)
    }
    const watched = this.api.watch(this.who, this.resource, { ...this.options, silent, resourceVersion: listed.value.metadata.resourceVersion }, (e) => this.#onEvent(e))
    if (!watched.ok) throw new Error(`informer ${this.resource}: ${watched.error.message}`)
    this.#cancel = watched.value
  }

  stop(): void {
    this.#cancel?.()
    this.#cancel = undefined
    this.#items.clear()
    this.#listed.clear()
    for (const idx of this.#indexes.values()) idx.map.clear()
  }

  get(key: string): T | undefined {
    return this.#items.get(key)
  }

  list(): IterableIterator<T> {
    return this.#items.values()
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

  /**
   * The objects of a bucket by name, when every one is in `namespace` (else undefined): the keys
   * (`namespace/name`) are sorted once and again only after one came or went, not at every call (a
   * ReplicaSet of 10,000 pods sorted them all at each of its syncs). The same order as sorting the
   * objects by name.
   */
  byIndexByName(index: string, value: string, namespace: string): T[] | undefined {
    const bucket = this.#bucket(index, value)
    if (!bucket) return []
    if (bucket.sorted === undefined) {
      const prefix = `${namespace}/`
      for (const key of bucket.keys) if (!key.startsWith(prefix)) return undefined
      bucket.sorted = [...bucket.keys].sort()
    } else if (bucket.sorted.length > 0 && !bucket.sorted[0].startsWith(`${namespace}/`)) return undefined
    const out = new Array<T>(bucket.sorted.length)
    for (let i = 0; i < out.length; i++) out[i] = this.#items.get(bucket.sorted[i])!
    return out
  }

  #bucket(index: string, value: string): Bucket | undefined {
    const idx = this.#indexes.get(index)
    if (!idx) throw new Error(`no index ${index} on ${this.resource}`)
    return idx.map.get(value)
  }

  #objects(bucket: Bucket): T[] {
    const out: T[] = []
    for (const k of bucket.keys) out.push(this.#items.get(k)!)
    return out
  }

  /** Puts a bucket's keys in the order of their objects' last puts (what moving them did before). */
  #reorder(bucket: Bucket): void {
    const entries: { key: string; order: number }[] = []
    for (const key of bucket.keys) entries.push({ key, order: this.#order(key) })
    entries.sort((a, b) => a.order - b.order)
    const keys = new Set<string>()
    for (const e of entries) keys.add(e.key)
    bucket.keys = keys
    bucket.last = entries[entries.length - 1].order
    bucket.dirty = false
  }

  /**
   * Where the last put of `key` comes among all puts: its place in the list (negative), or the
   * revision of the watch event that put it, which is the object's resourceVersion.
   */
  #order(key: string): number {
    const listed = this.#listed.get(key)
    if (listed !== undefined) return listed
    return this.#revision(this.#items.get(key)!)
  }

  #revision(obj: T): number {
    const revision = revisionOf(obj)
    if (!Number.isInteger(revision)) throw new Error(`informer ${this.resource}: ${keyOf(obj)} has no resourceVersion`)
    return revision
  }

  #onEvent(e: WatchEvent): void {
    const obj = e.object as T
    if (e.type === 'DELETED') {
      const key = keyOf(obj)
      const old = this.#items.get(key)
      if (!old) return
      this.#remove(key, old)
      for (const h of this.#handlers) h.delete?.(obj)
    } else {
      if (this.#listed.size > 0) this.#listed.delete(keyOf(obj))
      this.#put(obj, false, revisionOf(obj))
    }
  }

  /** `order`: the list position (negative) or the revision of this put (see #order). */
  #put(obj: T, silent: boolean, order: number): void {
    const key = keyOf(obj)
    const old = this.#items.get(key)
    this.#items.set(key, obj)
    // The order of old's put, if it came by the watch: a listed old object's revision is not the
    // order its put had, which only makes touch mark its buckets out of order (see Bucket.last).
    const oldOrder = old && this.#indexes.size > 0 ? revisionOf(old) : NaN
    for (const idx of this.#indexes.values()) {
      const values = idx.fn(obj)
      if (old) {
        // Most updates (status writes) keep an object's index values: its entries stay where they
        // are and their buckets learn that they may be out of order (see Bucket).
        const before = idx.fn(old)
        if (sameValues(before, values)) {
          for (const v of values) touch(idx.map.get(v)!, oldOrder, order)
          continue
        }
        removeAll(idx.map, before, key)
      }
      for (const v of values) addOne(idx.map, v, key, order)
    }
    if (silent) return
    for (const h of this.#handlers) {
      if (old) h.update?.(obj, old)
      else h.add?.(obj)
    }
  }

  #remove(key: string, old: T): void {
    for (const idx of this.#indexes.values()) removeAll(idx.map, idx.fn(old), key)
    this.#items.delete(key)
    this.#listed.delete(key)
  }
}

/** Puts `key` at the end of the bucket of `value`. */
function addOne(map: Map<string, Bucket>, value: string, key: string, order: number): Bucket {
  let bucket = map.get(value)
  if (!bucket) map.set(value, (bucket = { value, keys: new Set(), last: order, dirty: false }))
  // The key cannot be in the bucket already but through a value listed twice, just now: it is last.
  bucket.keys.add(key)
  bucket.sorted = undefined
  bucket.last = order
  return bucket
}

/** An object already in the bucket, last put with `oldOrder`, was put again (`order`): it belongs at its end. */
function touch(bucket: Bucket, oldOrder: number, order: number): void {
  if (bucket.last !== oldOrder) bucket.dirty = true
  bucket.last = order
}

/**
 * The revision of a stored object's last write (its resourceVersion as a number; NaN without one),
 * remembered for the last two frozen objects asked: a write reaches a dozen informers one after
 * another, each asking for the new object and the one it had before.
 */
function revisionOf(o: StoredObject): number {
  if (o === revisioned[0]) return revisions[0]
  if (o === revisioned[1]) return revisions[1]
  const rv = o.metadata.resourceVersion
  const revision = rv ? Number(rv) : NaN
  if (Object.isFrozen(o)) {
    revisioned[1] = revisioned[0]
    revisions[1] = revisions[0]
    revisioned[0] = o
    revisions[0] = revision
  }
  return revision
}

const revisioned: (StoredObject | undefined)[] = [undefined, undefined]
const revisions = [NaN, NaN]

function removeAll(map: Map<string, Bucket>, values: readonly string[], key: string): void {
  for (const v of values) {
    const bucket = map.get(v)
    if (!bucket) continue
    bucket.keys.delete(key)
    bucket.sorted = undefined
    if (bucket.keys.size === 0) map.delete(v)
  }
}

/** The same index values in the same order. */
function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * What a controller with this uid may claim: the objects it owns (index `controller`) and those
 * nobody owns in its namespace (index `orphans`), by name. From the buckets' kept order when all are
 * in the namespace; else sorted now; else (two equal names: an owned object in another namespace)
 * the indexes' order of last puts, sorted stably by `compare`.
 */
export function ownedAndOrphansByName<T extends StoredObject>(informer: Informer<T>, uid: string, namespace: string, compare: (a: T, b: T) => number): T[] {
  const owned = informer.byIndexByName('controller', uid, namespace)
  const orphans = informer.byIndexByName('orphans', namespace, namespace)
  if (owned && orphans) return mergedByName(owned, orphans)
  return (
    sortedWithoutTies([...informer.byIndexAnyOrder('controller', uid), ...informer.byIndexAnyOrder('orphans', namespace)], compare) ??
    [...informer.byIndex('controller', uid), ...informer.byIndex('orphans', namespace)].sort(compare)
  )
}

/** Two lists sorted by name, merged into one (the objects of one namespace: no two names are equal). */
export function mergedByName<T extends StoredObject>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return [...a]
  if (a.length === 0) return [...b]
  const out = new Array<T>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = a[i].metadata.name < b[j].metadata.name ? a[i++] : b[j++]
  while (i < a.length) out[k++] = a[i++]
  while (j < b.length) out[k++] = b[j++]
  return out
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
