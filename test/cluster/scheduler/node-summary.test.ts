// A NodeSummary keeps the numbers the filter and score plugins read for every node of every cycle
// on itself as well (allocatable, requested and non-zero requested cpu and memory, pods, taints):
// they must be what its allocatable and sums say after every change.
import type { Node } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { NodeSummary, topologyValue } from '../../../src/cluster/scheduler/node-info.js'
import { clusterNodes, pod } from './fixtures.js'

function expectFlatFieldsAgree(n: NodeSummary): void {
  expect([n.allocMilliCPU, n.allocMemory, n.allocPods]).toEqual([n.allocatable.milliCPU, n.allocatable.memory, n.allocatable.pods])
  expect([n.requestedMilliCPU, n.requestedMemory]).toEqual([n.requested.milliCPU, n.requested.memory])
  expect([n.nonZeroMilliCPU, n.nonZeroMemory]).toEqual([n.nonZeroRequested.milliCPU, n.nonZeroRequested.memory])
  expect(n.unschedulable).toBe(!!n.node.spec?.unschedulable)
  expect(n.taints).toBe(n.node.spec?.taints ?? undefined)
}

describe('NodeSummary', () => {
  it('keeps its plain numbers equal to its allocatable and sums as pods come, change and go', () => {
    const [control, worker] = clusterNodes(1)
    const a = pod('a', { cpu: '250m', memory: '64Mi' })
    const b = pod('b')
    const n = new NodeSummary(worker, [a])
    expectFlatFieldsAgree(n)
    expect([n.requestedMilliCPU, n.nonZeroMilliCPU]).toEqual([250, 250])
    n.addPod(b)
    expectFlatFieldsAgree(n)
    expect(n.nonZeroMilliCPU).toBe(350) // b counts 100m when scoring
    n.replacePod(b, { ...b })
    expectFlatFieldsAgree(n)
    n.removePod(a)
    expectFlatFieldsAgree(n)
    expect([n.requestedMilliCPU, n.requestedMemory, n.nonZeroMilliCPU]).toEqual([0, 0, 100])
    const tainted = new NodeSummary(control)
    expectFlatFieldsAgree(tainted)
    expect(tainted.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }])
    const cordoned = new NodeSummary({ ...worker, spec: { ...worker.spec, unschedulable: true } } as Node)
    expectFlatFieldsAgree(cordoned)
    expect(cordoned.unschedulable).toBe(true)
  })

  it('answers topology values as the node\'s labels do, the hostname and zone from the summary itself', () => {
    const [, worker] = clusterNodes(1)
    const zoned = { ...worker, metadata: { ...worker.metadata, labels: { ...worker.metadata!.labels, 'topology.kubernetes.io/zone': 'a', rack: '' } } } as Node
    for (const node of [worker, zoned]) {
      const n = new NodeSummary(node)
      for (const key of ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'rack', 'kubernetes.io/os', 'nowhere'])
        expect(topologyValue(n, key)).toBe(key in n.labels ? n.labels[key] : undefined)
    }
    expect(topologyValue(new NodeSummary(zoned), 'topology.kubernetes.io/zone')).toBe('a')
    expect(topologyValue(new NodeSummary(worker), 'topology.kubernetes.io/zone')).toBe(undefined)
  })

  it('takes a new node object with its pods and sums as adding the pods up again does', () => {
    const [, worker] = clusterNodes(1)
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } }
    const pods = [
      pod('a', { cpu: '250m', memory: '64Mi', hostPort: 8080 }),
      pod('b', { spec: { affinity: anti } }),
      pod('c', { hostPort: 9090, hostIP: '10.0.0.1' }),
      pod('d', { containers: [{ name: 'gpu', image: 'cuda', resources: { requests: { 'example.com/gpu': '2', cpu: '1' } } }] }),
      pod('e', { spec: { affinity: anti } }),
    ]
    const s = new NodeSummary(worker, pods)
    s.removePod(pods[2])
    s.removePod(pods[3])
    s.replacePod(pods[1], { ...pods[1] })
    const next = { ...worker, status: { ...worker.status, images: [] } } as Node
    const kept = NodeSummary.withPodsOf(next, s)
    const added = new NodeSummary(next, s.pods.map((p) => p.pod))
    expect(kept.node).toBe(next)
    for (const list of ['pods', 'podsWithAffinity', 'podsWithRequiredAntiAffinity'] as const) {
      expect(kept[list]).toHaveLength(added[list].length)
      kept[list].forEach((info, i) => expect(info).toBe(added[list][i]))
    }
    expect([kept.requested.milliCPU, kept.requested.memory, kept.requested.ephemeralStorage]).toEqual([added.requested.milliCPU, added.requested.memory, added.requested.ephemeralStorage])
    expect(kept.nonZeroRequested).toEqual(added.nonZeroRequested)
    expectFlatFieldsAgree(kept)
    // Resources and ports no pod holds any more may stay at zero or empty: read as absent.
    const present = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0))
    expect(present(kept.requested.scalar)).toEqual(present(added.requested.scalar))
    const inUse = (n: NodeSummary) => [...n.usedPorts].filter(([, m]) => m.size > 0).map(([ip, m]) => [ip, [...m]])
    expect(inUse(kept)).toEqual(inUse(added))
    expect(inUse(kept)).toEqual([['0.0.0.0', [['TCP/8080', 1]]]])
  })
})
