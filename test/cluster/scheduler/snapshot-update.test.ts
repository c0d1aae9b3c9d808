// Snapshot.updatePod keeps a pod counted where it is when a new version changes nothing the cache
// reads (a status write: the same spec and labels objects). It must leave the snapshot as
// removePod + addPod does: the same pods in the same order, the same sums, and the same choices.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { Prng } from '../../../src/cluster/prng.js'
import { schedulePod, Snapshot } from '../../../src/cluster/scheduler/schedule.js'
import { clusterNodes, infos, pod } from './fixtures.js'

/** What a scheduling cycle can see of a node. */
const view = (s: Snapshot) =>
  s.nodes.map((n) => ({
    name: n.name,
    pods: n.pods.map((p) => p.pod),
    affinity: n.podsWithAffinity.map((p) => p.pod.metadata?.name),
    requested: n.requested,
    nonZero: n.nonZeroRequested,
    ports: [...n.usedPorts].map(([ip, m]) => [ip, [...m]]),
  }))

/** A new version of `p` with another status: what the apiserver's status path stores. */
const withStatus = (p: Pod, phase: string): Pod => ({ ...p, metadata: { ...p.metadata }, status: { phase } })

describe('Snapshot.updatePod', () => {
  it('leaves the snapshot as removePod + addPod does, and schedules the next pods alike', () => {
    const existing = [
      pod('a', { node: 'node-1', cpu: '500m', labels: { app: 'web' }, hostPort: 8080 }),
      pod('b', { node: 'node-1', memory: '1Gi', labels: { app: 'web' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } } } }),
      pod('c', { node: 'node-2', cpu: '250m', labels: { app: 'web' } }),
    ]
    const slow = new Snapshot(infos(clusterNodes(), existing))
    const fast = new Snapshot(infos(clusterNodes(), existing))
    const updates = [withStatus(existing[1], 'Running'), withStatus(existing[0], 'Running')]
    const olds = [existing[1], existing[0]]
    updates.forEach((p, i) => {
      slow.removePod(olds[i])
      slow.addPod(p)
      fast.updatePod(olds[i], p)
    })
    expect(view(fast)).toEqual(view(slow))
    // Each updated pod moved to the end, as removePod + addPod moves it: b' then a'.
    expect(fast.get('node-1')!.pods.map((p) => p.pod)).toEqual([updates[0], updates[1]])
    // A changed spec (or labels) is counted again, as removePod + addPod does.
    const relabelled = { ...existing[2], metadata: { ...existing[2].metadata, labels: { app: 'db' } } }
    slow.removePod(existing[2])
    slow.addPod(relabelled)
    fast.updatePod(existing[2], relabelled)
    expect(view(fast)).toEqual(view(slow))
    for (let i = 0; i < 4; i++) {
      const next = pod(`web-${i}`, { labels: { app: 'web' }, cpu: '100m', owner: { kind: 'ReplicaSet', name: 'web' } })
      const a = schedulePod(next, slow, Prng.fromSeed(i))
      const b = schedulePod(next, fast, Prng.fromSeed(i))
      expect(b.result).toEqual(a.result)
      if (a.result.kind === 'scheduled') {
        slow.addPod(next, a.result.node)
        fast.addPod(next, a.result.node)
      }
    }
    expect(view(fast)).toEqual(view(slow))
  })
})
