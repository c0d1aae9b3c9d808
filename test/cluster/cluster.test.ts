import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)

describe('a new cluster', () => {
  it('has a control-plane node and two workers, in name order', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const nodes = c.api.list('test', 'nodes')
    expect(nodes.ok && nodes.value.items.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2'])
  })

  it('restores from its snapshot to the same state', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 3 })
    const s = JSON.parse(JSON.stringify(c.snapshot()))
    const r = SimulatedCluster.restore(s)
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()))
  })
})

describe('waiting on the cluster', () => {
  it('lets the timeout pass when the condition never holds: kube-apiserver renews its lease forever', () => {
    // Without components, nothing is due but the expiry of the registration's events (their 1 h
    // TTL) and the apiserver's identity lease, renewed every 10 s: time goes on to the timeout.
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false })
    c.advance(2 * 3_600_000)
    expect(c.etcd.count('/registry/events/')).toBe(0)
    expect(c.waitFor(() => false, 300_000)).toBe(false)
    expect(c.now()).toBe(T0 + 2 * 3_600_000 + 300_000)
  })

  it('holds at once when the condition is already true', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    expect(c.waitFor(() => true, 1_000)).toBe(true)
  })
})
