import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const ready = (c: Cluster, node: string) =>
  (c.get('node', node)!.status as { conditions: { type: string; status: string; reason: string; lastTransitionTime: string }[] }).conditions.find((x) => x.type === 'Ready')!

describe('a kubelet coming back after its node was marked NotReady', () => {
  it('posts Ready as soon as it starts, with a new transition time, and says NodeReady', () => {
    const c = Cluster.create({ seed: 1 })
    c.sim.stop('kubelet/node-2')
    c.advance('2m')
    expect(ready(c, 'node-2')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' })
    c.sim.start('kubelet/node-2')
    c.advance('1s') // started again, it renews its lease and posts its status at once
    expect(ready(c, 'node-2')).toMatchObject({ status: 'True', reason: 'KubeletReady', lastTransitionTime: '2026-01-01T00:02:00Z' })
    expect(c.kubectl('get node node-2').stdout).toMatch(/^node-2\s+Ready\s/m)
    const nodeReady = c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=node-2,reason=NodeReady' })
    // A new Event: the restarted kubelet's recorder does not know the one it wrote before.
    expect(nodeReady.map((e) => e.count)).toEqual([1, 1])
    expect(nodeReady[1].lastTimestamp).toBe('2026-01-01T00:02:00Z')
  })
})

describe('what a restarted kubelet says about its node', () => {
  it('records Starting, NodeAllocatableEnforced and a NodeHas…/NodeReady event for each condition it brings back', () => {
    const c = Cluster.create({ seed: 1 })
    c.sim.stop('kubelet/node-2')
    c.advance('2m')
    c.sim.start('kubelet/node-2')
    c.advance('1s')
    const recent = c
      .list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=node-2,source=kubelet' })
      .filter((e) => e.lastTimestamp === '2026-01-01T00:02:00Z')
      .map((e) => `${e.reason}: ${e.message} (x${e.count})`)
    // A restarted kubelet's recorder starts with an empty cache: new Event objects, not counted up.
    expect(recent.sort()).toEqual([
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods (x1)',
      'NodeHasNoDiskPressure: Node node-2 status is now: NodeHasNoDiskPressure (x1)',
      'NodeHasSufficientMemory: Node node-2 status is now: NodeHasSufficientMemory (x1)',
      'NodeHasSufficientPID: Node node-2 status is now: NodeHasSufficientPID (x1)',
      'NodeReady: Node node-2 status is now: NodeReady (x1)',
      'Starting: Starting kubelet. (x1)',
    ])
  })
})
