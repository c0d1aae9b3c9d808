// Stored values are frozen, so equal parts of them can be one object. The pods of a Deployment repeat
// most of their parts: the projected service-account volume, the default tolerations, the owner
// reference, `resources: {}`, the container's ports, often the conditions; an event repeats its
// source and involved object. Two thirds of a pod's objects are such repeats. When a value is
// stored, each of its new parts (objects and lists) is looked up by a hash of its content among the
// parts stored recently, and replaced by the one found if it is equal, before the value is frozen. A
// value reads the same either way (same keys in the same order, same values); only identity differs,
// and stored values are never compared by identity across keys.

import { flat } from './flat-string.js'

/**
 * Where parts are remembered: a table with one place per hash's low bits, each holding the first
 * part whose hash falls there (see #walk). A Map of thousands of parts cost a probe of its own per
 * part, which was most of storing a value. It starts small (a lesson's cluster remembers a few
 * hundred parts, and making 65,536 places cost most of a millisecond per cluster) and grows
 * fourfold whenever a quarter of it is taken, up to this size.
 */
const MAX_SLOTS = 1 << 16
const FIRST_SLOTS = 1 << 12
/**
 * After this many parts remembered, the table starts again (as the Map it replaces did when full):
 * it would otherwise keep parts of long-gone versions alive, one per place.
 */
const LIMIT = 8_000
/** `#walk`'s answer for a part that cannot be shared. */
const UNSHARED = -1

export class SharedSubtrees {
  /** Remembered parts by the low bits of the hash of their content: the hash, the part, its keys once listed. */
  #hashes = new Int32Array(FIRST_SLOTS).fill(UNSHARED)
  #parts: (object | undefined)[] = new Array<object | undefined>(FIRST_SLOTS).fill(undefined)
  #keys: (string[] | undefined)[] = new Array<string[] | undefined>(FIRST_SLOTS).fill(undefined)
  /** The table's size less one: a hash's place is `hash & #mask`. */
  #mask = FIRST_SLOTS - 1
  /** Parts remembered since the table last started again. */
  #remembered = 0

  /**
   * Freeze `value` (and everything in it) for storing, sharing its new parts with equal ones
   * stored before. `value` itself is never replaced; parts already frozen are left as they are.
   */
  freeze(value: object): void {
    if (Object.isFrozen(value)) return
    this.#walk(value as Record<string, unknown>)
  }

  /**
   * Shares the parts of `obj` (a new object or list), freezes it, and gives the hash of its content
   * if it may be shared itself: made only of JSON values that equality tells apart (no undefined,
   * no -0 or NaN, no other kinds of objects, no frozen part, which was not looked up). Its parts are
   * shared first, so two equal parts have identical members: comparing members with === suffices.
   */
  #walk(obj: Record<string, unknown>): number {
    const list = Array.isArray(obj)
    let h = list ? 0x1b873593 : 0x3c6ef372
    let count = 0
    // for-in makes no key list (JSON data has no inherited enumerable properties) and visits the
    // keys in Object.keys' order: a list's indexes, then an object's keys in their order.
    for (const k in obj) {
      count++
      const v = obj[k]
      let part = UNSHARED
      if (typeof v === 'string') {
        // Strings shorter than 13 characters are never made of pieces (see flat).
        if (v.length > 12) flat(v)
        part = hashString(v)
      } else if (typeof v === 'number') {
        if (Number.isInteger(v) && v >= -0x40000000 && v < 0x40000000 && !Object.is(v, -0)) part = mix(0x68e31da4, v & 0x3fffffff)
        else if (Number.isFinite(v) && !Object.is(v, -0)) part = hashText(String(v), 0x68e31da4)
      }
      else if (typeof v === 'boolean') part = v ? 0x2f : 0x3f
      else if (v === null) part = 0x4f
      else if (typeof v === 'object' && !Object.isFrozen(v)) {
        const proto = Object.getPrototypeOf(v)
        if (proto === Object.prototype || proto === Array.prototype) {
          part = this.#walk(v as Record<string, unknown>)
          if (part !== UNSHARED) {
            const slot = part & this.#mask
            const held = this.#hashes[slot]
            // A place already taken keeps its part (the first one seen, as the Map it replaces
            // kept one part per hash until full): a part seen often stays shared.
            if (held === UNSHARED) this.#remember(slot, part, v)
            else if (held === part) {
              const same = this.#parts[slot]!
              if (same !== v && this.#equal(slot, same, v as Record<string, unknown>)) obj[k] = same
            }
          }
        } else deepFreeze(v)
      }
      if (h !== UNSHARED) h = part === UNSHARED ? UNSHARED : mix(list ? h : hashText(k, h), part)
    }
    // A list with holes is not the same list without them.
    if (list && count !== (obj as unknown as unknown[]).length) h = UNSHARED
    Object.freeze(obj)
    return h
  }

  #remember(slot: number, hash: number, part: object): void {
    if (++this.#remembered > LIMIT) {
      this.#remembered = 1
      this.#hashes.fill(UNSHARED)
      this.#parts.fill(undefined)
      this.#keys.fill(undefined)
    } else if (this.#remembered * 4 > this.#hashes.length && this.#hashes.length < MAX_SLOTS) {
      this.#grow()
      slot = hash & this.#mask
      // In the larger table the new part's place may be another remembered part's, which stays.
      if (this.#hashes[slot] !== UNSHARED) return
    }
    this.#hashes[slot] = hash
    this.#parts[slot] = part
    this.#keys[slot] = undefined
  }

  /** A table four times as large, with every remembered part moved to its place there (the first one in wins). */
  #grow(): void {
    const size = this.#hashes.length * 4
    const hashes = new Int32Array(size).fill(UNSHARED)
    const parts = new Array<object | undefined>(size).fill(undefined)
    const keys = new Array<string[] | undefined>(size).fill(undefined)
    let remembered = 0
    for (let i = 0; i < this.#hashes.length; i++) {
      const hash = this.#hashes[i]
      if (hash === UNSHARED) continue
      const slot = hash & (size - 1)
      if (hashes[slot] !== UNSHARED) continue
      hashes[slot] = hash
      parts[slot] = this.#parts[i]
      keys[slot] = this.#keys[i]
      remembered++
    }
    this.#hashes = hashes
    this.#parts = parts
    this.#keys = keys
    this.#mask = size - 1
    // The part being remembered is counted by the caller.
    this.#remembered = remembered + 1
  }

  /**
   * The remembered part `a` (in `slot`) and `b` have the same keys in the same order with identical
   * values (members already shared, see #walk). Both come from #walk with a hash, so neither is a
   * list with holes. An object's keys are listed once per remembered part, when it is first
   * compared: popular parts are compared thousands of times.
   */
  #equal(slot: number, a: object, b: Record<string, unknown>): boolean {
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
      return true
    }
    if (Array.isArray(b)) return false
    const keys = (this.#keys[slot] ??= Object.keys(a))
    let i = 0
    for (const k in b) {
      if (i >= keys.length || keys[i] !== k || (a as Record<string, unknown>)[k] !== b[k]) return false
      i++
    }
    return i === keys.length
  }
}

/**
 * A hash of a string's length and of at most its first and last 12 characters: cheap for long texts
 * (messages, image digests), and two strings that differ only in the middle share a hash, which only
 * means that the second one's part is not shared (a hash holds one part).
 */
function hashString(text: string): number {
  const n = text.length
  if (n <= 24) return hashText(text, 0x5bd1e995)
  let h = mix(0x5bd1e995, n)
  for (let i = 0; i < 12; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  for (let i = n - 12; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 2) & 0x3fffffff
}

/** FNV-1a of the UTF-16 code units, from `seed`, in 30 bits (never UNSHARED). */
function hashText(text: string, seed: number): number {
  let h = seed
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 2) & 0x3fffffff
}

/** The hash of a sequence extended by one more member, in 30 bits. */
function mix(h: number, part: number): number {
  return (Math.imul(h ^ part, 0x01000193) + 0x9e3779b9) >>> 2 & 0x3fffffff
}

function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
}
