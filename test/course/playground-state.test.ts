// A state file member made piece by piece (a large range) is one gzip member of the pieces' text:
// gunzip gives the text back (checksum and size checked), and the file reader takes it as any member.
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeRange, decodeState, encodeState, isStateV2, member, memberOfPieces } from '../../src/course/playground-state.js'

describe('memberOfPieces', () => {
  it('is one gzip member of the pieces put together, carrying its own length', () => {
    const pieces = ['{"a":[', '1,2,3', '', ',"mid"', ',"中文 and ü"', ']}']
    const m = memberOfPieces(pieces)
    expect(isStateV2(m)).toBe(true)
    expect(m.readUInt32LE(16)).toBe(m.length)
    expect(gunzipSync(m).toString('utf8')).toBe(pieces.join(''))
  })

  it('holds large texts of many pieces exactly, as one text in one member does', () => {
    const pieces = Array.from({ length: 300 }, (_, i) => JSON.stringify({ i, name: `pod-${i}`, pad: 'x'.repeat(i * 37) }))
    const m = memberOfPieces(pieces)
    expect(gunzipSync(m).toString('utf8')).toBe(pieces.join(''))
    expect(gunzipSync(member(pieces.join(''))).toString('utf8')).toBe(pieces.join(''))
  })

  it('is refused when damaged (the checksum covers every piece)', () => {
    const m = Buffer.from(memberOfPieces(['{"x":', '"', 'y'.repeat(5000), '"}']))
    m[m.length - 9] ^= 0x01 // the last byte of the deflate data
    expect(() => gunzipSync(m)).toThrow()
  })

  it('of no pieces is the empty text', () => {
    expect(gunzipSync(memberOfPieces([])).toString('utf8')).toBe('')
  })

  it('round-trips a range of more rows than one piece holds, through the state file', () => {
    const entries = Array.from({ length: 2500 }, (_, i) => ({ key: `/registry/pods/default/p${String(i).padStart(4, '0')}`, createRevision: i + 2, modRevision: i + 2, version: 1, value: { metadata: { name: `p${i}`, note: i % 7 === 0 ? 'ü' : 'a' } } }))
    const head = { manualClock: true, wallClock: 0, clockOffset: 0, cluster: { kind: 'KubelingsCluster', version: 1 } } as unknown as Parameters<typeof encodeState>[0]
    const { bytes } = encodeState(head, {}, { untouched: [], entries })
    const read = decodeState(bytes)
    expect(read.head.ranges).toEqual(['/registry/pods/'])
    expect(decodeRange('/registry/pods/', read.ranges.get('/registry/pods/')!)).toEqual(entries)
  })
})
