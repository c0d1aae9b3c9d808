import { describe, expect, it } from 'vitest'
import { unrolled, unrolledList } from '../../src/cluster/ring.js'

describe('rings of columns', () => {
  it('copy a full ring oldest first, from its first place round to the place before it', () => {
    // A ring of 5 whose oldest entry (10) is at place 2.
    expect([...unrolled(new Float64Array([13, 14, 10, 11, 12]), new Float64Array(8), 2)]).toEqual([10, 11, 12, 13, 14, 0, 0, 0])
    expect([...unrolled(new Uint16Array([1, 2, 3]), new Uint16Array(4), 0)]).toEqual([1, 2, 3, 0])
    const list = unrolledList(['d', 'e', 'a', 'b', 'c'], 8, 2)
    expect(list.slice(0, 5)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(list).toHaveLength(8)
  })
})
