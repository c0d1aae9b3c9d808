import { describe, expect, it } from 'vitest'
import type { StoreEvent } from '../../src/cluster/etcd.js'
import { WatchHistory } from '../../src/cluster/watch-history.js'

const event = (revision: number): StoreEvent => ({
  type: revision % 3 === 0 ? 'DELETED' : 'MODIFIED',
  key: `/registry/${revision % 2 ? 'pods' : 'events'}/default/x${revision}`,
  revision,
  value: { n: revision },
  prevValue: revision % 5 === 0 ? undefined : { n: revision - 1 },
})

describe('WatchHistory', () => {
  it('replays the events after a revision under a prefix, oldest first, across its growth and once full', () => {
    const h = new WatchHistory(3_000)
    const compacted: number[] = []
    // Revisions 1 .. 4,000: past its first size (512) several times, then 1,000 past its limit.
    for (let r = 1; r <= 4_000; r++) {
      const dropped = h.push(event(r))
      if (dropped !== undefined) compacted.push(dropped)
    }
    // Each event past the limit drops the oldest, whose revision is then compacted.
    expect(compacted).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1))
    expect(h.after(0, '').map((e) => e.revision)).toEqual(Array.from({ length: 3_000 }, (_, i) => i + 1_001))
    const pods = h.after(3_990, '/registry/pods/')
    expect(pods.map((e) => e.revision)).toEqual([3_991, 3_993, 3_995, 3_997, 3_999])
    expect(pods[2]).toEqual(event(3_995))
    expect(Object.keys(pods[2])).toEqual(['type', 'key', 'revision', 'value', 'prevValue'])
    expect(h.after(4_000, '')).toEqual([])
  })
})
