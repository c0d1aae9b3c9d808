import { describe, expect, it } from 'vitest'
import { hex8, NAME_SUFFIX_ALPHABET, Prng } from '../../src/cluster/prng.js'

const draw = (p: Prng, n: number): number[] => Array.from({ length: n }, () => p.uint32())

describe('the seeded PRNG', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(Prng.fromSeed(42), 20)).toEqual(draw(Prng.fromSeed(42), 20))
  })

  it('gives different sequences for different seeds', () => {
    expect(draw(Prng.fromSeed(1), 4)).not.toEqual(draw(Prng.fromSeed(2), 4))
  })

  it('continues identically from its saved state, through JSON', () => {
    const p = Prng.fromSeed(7)
    draw(p, 13)
    const resumed = new Prng(JSON.parse(JSON.stringify(p.state())))
    expect(draw(resumed, 50)).toEqual(draw(p, 50))
  })

  it('keeps its state as four unsigned 32-bit words', () => {
    const state = Prng.fromSeed(3).state()
    expect(state).toHaveLength(4)
    for (const w of state) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true)
  })

  it('draws integers in [0, n) and covers the whole range', () => {
    const p = Prng.fromSeed(5)
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i++) {
      const n = p.int(6)
      expect(Number.isInteger(n) && n >= 0 && n < 6).toBe(true)
      seen.add(n)
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5])
    expect(() => p.int(0)).toThrow('int(n) needs n > 0, got 0')
  })

  it('draws floats in [0, 1)', () => {
    const p = Prng.fromSeed(9)
    for (let i = 0; i < 1000; i++) {
      const x = p.next()
      expect(x >= 0 && x < 1).toBe(true)
    }
  })

  it('gives version 4 UUIDs of the RFC 4122 variant, all different', () => {
    const p = Prng.fromSeed(11)
    const ids = Array.from({ length: 200 }, () => p.uuid())
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(200)
  })

  it('makes each UUID of its four words: 8 hex digits, 4, 4 with the version, 4 with the variant, 12', () => {
    const words = Prng.fromSeed(5)
    const ids = Prng.fromSeed(5)
    const hex = (n: number, digits: number) => (n >>> 0).toString(16).padStart(8, '0').slice(8 - digits)
    for (let i = 0; i < 500; i++) {
      const [w0, w1, w2, w3] = [words.uint32(), words.uint32(), words.uint32(), words.uint32()]
      const variant = (((w2 >>> 28) & 0x3) | 0x8).toString(16)
      expect(ids.uuid()).toBe(`${hex(w0, 8)}-${hex(w1 >>> 16, 4)}-4${hex(w1, 3)}-${variant}${hex(w2 >>> 16, 3)}-${hex(w2, 4)}${hex(w3, 8)}`)
    }
  })

  it('builds name suffixes from apimachinery rand alphabet, without vowels', () => {
    expect(NAME_SUFFIX_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789')
    const s = Prng.fromSeed(13).string(NAME_SUFFIX_ALPHABET, 500)
    expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{500}$/)
  })

  it('picks an element of the list', () => {
    const p = Prng.fromSeed(17)
    const picked = new Set(Array.from({ length: 100 }, () => p.pick(['node-1', 'node-2', 'node-3'])))
    expect([...picked].sort()).toEqual(['node-1', 'node-2', 'node-3'])
  })

  it('writes 32-bit words as eight hex digits as toString(16) and padStart do', () => {
    const p = Prng.fromSeed(3)
    for (const n of [0, 1, 0xff, 0x80000000, 0xffffffff, ...draw(p, 1000)]) expect(hex8(n)).toBe(n.toString(16).padStart(8, '0'))
  })
})
