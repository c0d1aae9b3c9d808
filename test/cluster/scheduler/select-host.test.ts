import { describe, expect, it } from 'vitest'
import { Prng } from '../../../src/cluster/prng.js'
import { selectHost } from '../../../src/cluster/scheduler/schedule.js'

/**
 * selectHost as it was written before the typed-array heap (and as upstream's selectHost reads):
 * pop every node off a max-heap of indexes until `count` are listed and the ties are all seen,
 * then swap the drawn pick to the front and keep the first `count`. The reference for exactness.
 */
function referenceSelectHost(scores: readonly { name: string; total: number }[], count: number, rng: Prng): string[] {
  const totals = scores.map((s) => s.total)
  const h: number[] = totals.map((_, i) => i)
  const down = (i0: number, n: number): void => {
    let i = i0
    for (;;) {
      const j1 = 2 * i + 1
      if (j1 >= n) break
      let j = j1
      const j2 = j1 + 1
      if (j2 < n && totals[h[j2]] > totals[h[j1]]) j = j2
      if (!(totals[h[j]] > totals[h[i]])) break
      ;[h[i], h[j]] = [h[j], h[i]]
      i = j
    }
  }
  for (let i = Math.trunc(h.length / 2) - 1; i >= 0; i--) down(i, h.length)
  const pop = (): number => {
    const n = h.length - 1
    ;[h[0], h[n]] = [h[n], h[0]]
    down(0, n)
    return h.pop()!
  }
  const sorted = [pop()]
  let cnt = 1
  let selected = 0
  while (h.length > 0) {
    const ns = pop()
    if (totals[ns] !== totals[sorted[0]] && sorted.length === count) break
    if (totals[ns] === totals[sorted[0]]) {
      cnt++
      if (rng.int(cnt) === 0) selected = cnt - 1
    }
    sorted.push(ns)
  }
  if (selected !== 0) [sorted[0], sorted[selected]] = [sorted[selected], sorted[0]]
  return sorted.slice(0, count).map((i) => scores[i].name)
}

describe('selectHost', () => {
  it('answers and draws as the list heap did, for few and many ties, few and many nodes, any count', () => {
    const gen = Prng.fromSeed(42)
    for (let round = 0; round < 600; round++) {
      const n = 1 + gen.int(round % 3 === 0 ? 450 : 12)
      const levels = 1 + gen.int(round % 4 === 0 ? 1 : 6) // one level: every node ties
      const scores = Array.from({ length: n }, (_, i) => ({ name: `node-${i}`, total: 100 * gen.int(levels) + (round % 5 === 0 ? 0.5 : 0) }))
      const count = 1 + gen.int(4)
      const seed = gen.int(1_000_000)
      const a = Prng.fromSeed(seed)
      const b = Prng.fromSeed(seed)
      expect(selectHost(scores, count, a)).toEqual(referenceSelectHost(scores, count, b))
      expect(a.state()).toEqual(b.state())
    }
  })
})
