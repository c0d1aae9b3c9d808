// A seeded PRNG (sfc32) whose whole state is four 32-bit words, so a snapshot carries it and a
// seed replays a run exactly. Used only where Kubernetes itself draws at random.
import { sha256Hex } from './runtime/sha256.js'
import { flat } from './flat-string.js'

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
    // In place: every uid and generated name draws from here, and a new state array each time is garbage.
    const s = this.#s
    const a = s[0]
    const b = s[1]
    const c = s[2]
    const d = s[3]
    const t = (((a + b) >>> 0) + d) >>> 0
    s[0] = (b ^ (b >>> 9)) >>> 0
    s[1] = (c + (c << 3)) >>> 0
    s[2] = ((((c << 21) | (c >>> 11)) >>> 0) + t) >>> 0
    s[3] = (d + 1) >>> 0
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
    return flat(s)
  }

  /** A random (version 4) UUID, as the apiserver gives every object. */
  uuid(): string {
    // The hex of four words, `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx`: the version nibble replaces
    // the 13th digit, the variant (8, 9, a or b) is made from the 17th. Written as character codes
    // and made into a string at once: joined piece by piece, it made a dozen strings on the way.
    const w0 = this.uint32()
    const w1 = this.uint32()
    const w2 = this.uint32()
    const w3 = this.uint32()
    const c = UUID_CODES
    hexCodes(w0, 8, c, 0)
    hexCodes(w1 >>> 16, 4, c, 9)
    c[15] = HEX_CODES[(w1 >>> 8) & 0xf]
    c[16] = HEX_CODES[(w1 >>> 4) & 0xf]
    c[17] = HEX_CODES[w1 & 0xf]
    c[19] = HEX_CODES[((w2 >>> 28) & 0x3) | 0x8]
    c[20] = HEX_CODES[(w2 >>> 24) & 0xf]
    c[21] = HEX_CODES[(w2 >>> 20) & 0xf]
    c[22] = HEX_CODES[(w2 >>> 16) & 0xf]
    hexCodes(w2 & 0xffff, 4, c, 24)
    hexCodes(w3, 8, c, 28)
    return String.fromCharCode.apply(null, c)
  }

  state(): PrngState {
    return [...this.#s]
  }
}

const HEX_NIBBLE = '0123456789abcdef'
const HEX_CODES = Array.from(HEX_NIBBLE, (ch) => ch.charCodeAt(0))
/** uuid's characters, the dashes and the version digit in place (one list for every call). */
const UUID_CODES = Array.from('00000000-0000-4000-8000-000000000000', (ch) => ch.charCodeAt(0))

/** The `digits` low hex digits of `word` as character codes into `codes` from `at`. */
function hexCodes(word: number, digits: number, codes: number[], at: number): void {
  for (let i = at + digits - 1; i >= at; i--) {
    codes[i] = HEX_CODES[word & 0xf]
    word >>>= 4
  }
}
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const hex4 = (n: number): string => HEX_BYTE[n >>> 8] + HEX_BYTE[n & 0xff]
/** A 32-bit unsigned number as eight lower-case hex digits (`toString(16).padStart(8, '0')`), from a table. */
export const hex8 = (n: number): string => hex4(n >>> 16) + hex4(n & 0xffff)

/** A version-4-shaped UUID derived from a text (its SHA-256), for uids that must not draw from the PRNG. */
export function uuidFromText(text: string): string {
  const s = sha256Hex(text)
  const variant = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`
}

/** The alphabet of apimachinery's rand.String: no vowels, no confusable characters. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
