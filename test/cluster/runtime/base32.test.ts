import { describe, expect, it } from 'vitest'
import { base32, sha256Bytes } from '../../../src/cluster/runtime/base32.js'

const bytes = (s: string): number[] => [...new TextEncoder().encode(s)]

describe('base32 (RFC 4648, padding left out)', () => {
  it('encodes the RFC test vectors', () => {
    // RFC 4648 section 10, without the `=` padding.
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base32(bytes(s)))).toEqual(['', 'MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI'])
  })

  it('takes the SHA-256 as bytes', () => {
    const digest = sha256Bytes('abc')
    expect(digest).toHaveLength(32)
    expect(digest.map((b) => b.toString(16).padStart(2, '0')).join('')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
