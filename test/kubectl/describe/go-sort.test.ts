// goSort is Go's sort.Sort as go1.23 (kubectl 1.32's toolchain) has it. Ties come out in the order
// its pattern breaker leaves them, whose xorshift is (13, 17, 5): the case below is the default
// namespace's 83 events of a busy cluster (their sort keys as ranks, in list order), and the
// expected order is the one real kubectl 1.32 printed for `kubectl events` on them.
import { describe, expect, it } from 'vitest'
import { goSort } from '../../../src/kubectl/describe/sort.js'

const KEYS = [6, 7, 11, 11, 11, 0, 0, 0, 0, 0, 0, 1, 2, 6, 7, 10, 15, 15, 15, 17, 19, 20, 7, 7, 7, 7, 14, 14, 6, 7, 8, 8, 8, 6, 7, 9, 9, 9, 6, 7, 13, 13, 13, 13, 13, 13, 3, 3, 3, 3, 3, 3, 4, 5, 14, 14, 3, 3, 3, 3, 3, 3, 4, 5, 6, 12, 6, 16, 16, 16, 18, 18, 6, 7, 10, 10, 10, 6, 7, 11, 11, 11, 19]
const REAL_KUBECTL = [
  7, 10, 9, 8, 5, 6, 11, 12, 50, 48, 60, 46, 56, 47, 59, 57, 51, 61, 58, 49, 62, 52, 63, 53, 33, 64, 66, 72, 28, 0, 38, 77, 13, 29, 34, 14, 78, 1, 22, 39, 25, 73, 23, 24, 30, 31, 32, 37, 36, 35,
  76, 74, 75, 15, 79, 80, 81, 4, 3, 2, 65, 40, 45, 44, 43, 42, 41, 27, 54, 55, 26, 16, 17, 18, 67, 69, 68, 19, 71, 70, 20, 82, 21,
]

describe('goSort', () => {
  it("leaves ties where go1.23's pdqsort does, pattern breaker included", () => {
    expect(goSort([...KEYS.keys()], (a, b) => KEYS[a] < KEYS[b])).toEqual(REAL_KUBECTL)
  })
})
