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

export class Informer<T extends StoredObject = StoredObject> {
  readonly #items = new Map<string, T>()
  readonly #indexes = new Map<string, { fn: IndexFunc<T>; map: Map<string, Set<string>> }>()
  readonly #handlers: InformerHandlers<T>[] = []
  #cancel: (() => void) | undefined

  constructor(
    private readonly api: ApiServer,
    private readonly who: string,
    readonly resource: string,
    private readonly options: { fieldSelector?: string; labelSelector?: string } = {},
  ) {}

  addIndex(name: string, fn: IndexFunc<T>): this {
    const map = new Map<string, Set<string>>()
    for (const [key, obj] of this.#items) for (const v of fn(obj)) add(map, v, key)
    this.#indexes.set(name, { fn, map })
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

  byIndex(index: string, value: string): T[] {
    const idx = this.#indexes.get(index)
    if (!idx) throw new Error(`no index ${index} on ${this.resource}`)
    const keys = idx.map.get(value)
    if (!keys) return []
    const out: T[] = []
    for (const k of keys) out.push(this.#items.get(k)!)
    return out
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
    const old = this.#items.get(key)
    this.#items.set(key, obj)
    for (const idx of this.#indexes.values()) {
      const values = idx.fn(obj)
      if (old) {
        // Most updates (status writes) leave an object's index values as they were: then each
        // entry is moved to the end of its set (where taking it out and putting it back leaves
        // it, which is the order byIndex answers in) without looking the sets up twice.
        const before = idx.fn(old)
        if (sameValues(before, values)) {
          for (const v of values) {
            const set = idx.map.get(v)!
            set.delete(key)
            set.add(key)
          }
          continue
        }
        unindexOne(idx.map, key, before)
      }
      for (const v of values) add(idx.map, v, key)
    }
    if (silent) return
    for (const h of this.#handlers) {
      if (old) h.update?.(obj, old)
      else h.add?.(obj)
    }
  }

  #remove(key: string, old: T): void {
    this.#unindex(key, old)
    this.#items.delete(key)
  }

  #unindex(key: string, old: T): void {
    for (const idx of this.#indexes.values()) unindexOne(idx.map, key, idx.fn(old))
  }
}

function unindexOne(map: Map<string, Set<string>>, key: string, values: readonly string[]): void {
  for (const v of values) {
    const set = map.get(v)
    set?.delete(key)
    if (set?.size === 0) map.delete(v)
  }
}

/** The same index values in the same order. */
function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function add(map: Map<string, Set<string>>, value: string, key: string): void {
  let set = map.get(value)
  if (!set) map.set(value, (set = new Set()))
  set.add(key)
}
