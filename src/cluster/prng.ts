// A seeded PRNG (sfc32) whose whole state is four 32-bit words, so a snapshot carries it and a
// seed replays a run exactly. Used only where Kubernetes itself draws at random.
import { sha256Hex } from './runtime/sha256.js'

export type PrngState = [number, number, number, number]

export class Prng {
  #s: PrngState

  constructor(state: PrngState) {
    this.#s = [state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0]
  }

  static fromSeed(seed: number): Prng {
    // splitmix32 spreads a small integer seed over the four words.
    let x = seed >>> 0
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    const p = new Prng([next(), next(), next(), next()])
    for (let i = 0; i < 12; i++) p.uint32()
    return p
  }

  uint32(): number {
    let [a, b, c, d] = this.#s
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    this.#s = [a >>> 0, b, c, d]
    return t
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    if (!(n > 0)) throw new RangeError(`int(n) needs n > 0, got ${n}`)
    return Math.floor(this.next() * n)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  string(alphabet: string, length: number): string {
    let s = ''
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)]
    return s
  }

  /** A random (version 4) UUID, as the apiserver gives every object. */
  uuid(): string {
    const hex = (n: number): string => n.toString(16).padStart(8, '0')
    const w = [this.uint32(), this.uint32(), this.uint32(), this.uint32()]
    const s = hex(w[0]) + hex(w[1]) + hex(w[2]) + hex(w[3])
    const variant = ((parseInt(s[16], 16) & 0x3) | 0x8).toString(16)
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`
  }

  state(): PrngState {
    return [...this.#s]
  }
}

/** A version-4-shaped UUID derived from a text (its SHA-256), for uids that must not draw from the PRNG. */
export function uuidFromText(text: string): string {
  const s = sha256Hex(text)
  const variant = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`
}

/** The alphabet of apimachinery's rand.String: no vowels, no confusable characters. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
