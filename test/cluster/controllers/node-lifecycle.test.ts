// Node failure end to end: the node lifecycle, taint eviction and pod GC controllers run in
// kube-controller-manager here (registered by this test), with the scheduler and the ReplicaSet
// controller. Kubelets are played by hand: leases renewed every 10 s for the nodes that live.
import { describe, expect, it, vi } from 'vitest'
import type { ComponentHost } from '../../../src/cluster/controller/component.js'
import { ControllerManager } from '../../../src/cluster/controller/controller-manager.js'
import { rfc3339Micro } from '../../../src/cluster/clock.js'
import { Cluster } from '../../../src/index.js'
import { markReady } from './helpers.js'

vi.mock('../../../src/cluster/components/index.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../src/cluster/components/index.js')>()
  const { KubeScheduler } = await import('../../../src/cluster/components/kube-scheduler.js')
  const { nodeLifecycleController } = await import('../../../src/cluster/controllers/node-lifecycle.js')
  const { taintEvictionController } = await import('../../../src/cluster/controllers/taint-eviction.js')
  const { podGCController } = await import('../../../src/cluster/controllers/podgc.js')
  const controllers = [...orig.CONTROLLERS, nodeLifecycleController, taintEvictionController, podGCController]
  return { ...orig, controlPlaneComponents: (host: ComponentHost) => [new KubeScheduler(host), new ControllerManager(host, controllers)] }
})

const T0 = Date.UTC(2026, 0, 1)
const at = (c: Cluster): number => (c.sim.now() - T0) / 1000

function cluster(): Cluster {
  const c = Cluster.create({ seed: 1, systemPods: false })
  // Whatever kubelets exist are stopped: this test plays them.
  for (const name of c.sim.componentNames()) if (name.startsWith('kubelet/')) c.sim.stop(name)
  return c
}

/** Let `seconds` pass, renewing the leases of `alive` every 10 s as their kubelets would. */
function live(c: Cluster, seconds: number, alive: readonly string[]): void {
  const end = c.sim.now() + seconds * 1000
  while (c.sim.now() < end) {
    const next = Math.min(end, T0 + (Math.floor((c.sim.now() - T0) / 10_000) + 1) * 10_000)
    c.sim.advanceTo(next)
    if ((c.sim.now() - T0) % 10_000 === 0)
      for (const node of alive) {
        const lease = c.sim.object('leases', 'kube-node-lease', node)!
        const r = c.sim.api.update(`kubelet/${node}`, { ...lease, spec: { ...(lease.spec as object), renewTime: rfc3339Micro(c.sim.now()) } })
        if (!r.ok) throw new Error(r.error.message)
      }
  }
}

const node = (c: Cluster, name: string) => c.get('nodes', name)! as unknown as { spec: { taints?: { key: string; effect: string; timeAdded?: string }[] }; status: { conditions: { type: string; status: string; reason: string; message: string; lastTransitionTime: string }[] } }

function eventsOf(c: Cluster, from: string): string[] {
  return c
    .list('events', { namespace: 'default' })
    .filter((e) => (e.source as { component: string }).component === from)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${(e.lastTimestamp as string).slice(11, 19)} ${(e.involvedObject as { name: string }).name} ${e.type as string} ${e.reason as string}: ${e.message as string}`)
}

const rs = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
}

describe('a node whose kubelet stops renewing its lease', () => {
  it('goes NotReady after more than 50 s, is tainted, and its pods are evicted 300 s later and replaced elsewhere', () => {
    const c = cluster()
    c.apply(rs)
    c.advance('1s')
    const pods = c.list('pods', { namespace: 'default' })
    for (const p of pods) markReady(c, p.metadata.name)
    const onNode1 = pods.filter((p) => (p.spec as { nodeName: string }).nodeName === 'node-1').map((p) => p.metadata.name)
    expect(onNode1.length).toBeGreaterThan(0)

    // node-1's lease was last renewed at 0 s. The pass at 55 s is the first more than 50 s after.
    live(c, 53, ['control-plane', 'node-2'])
    expect(node(c, 'node-1').status.conditions.find((x) => x.type === 'Ready')!.status).toBe('True')
    live(c, 1, ['control-plane', 'node-2'])
    expect(at(c)).toBe(55)
    expect(node(c, 'node-1').status.conditions.map((x) => [x.type, x.status, x.reason, x.message, x.lastTransitionTime])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) => [t, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:00:55Z']),
    )
    expect(node(c, 'node-2').status.conditions.find((x) => x.type === 'Ready')!.status).toBe('True')
    expect(c.kubectl('get nodes').stdout).toContain('node-1          NotReady')
    expect(node(c, 'node-1').spec.taints).toEqual([{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:55Z' }])
    for (const name of onNode1) expect((c.get('pods', name)!.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'Ready')!.status).toBe('False')

    // The next pass observes it not ready; the NoExecute taint follows at the next tainting tick.
    live(c, 6, ['control-plane', 'node-2'])
    expect(node(c, 'node-1').spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:55Z' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:01:00Z' },
    ])
    expect(eventsOf(c, 'node-controller')).toEqual([
      // Written once, at the cluster's creation, not again by the controller's first pass.
      ...['control-plane', 'node-1', 'node-2'].map((n) => `00:00:00 ${n} Normal RegisteredNode: Node ${n} event: Registered Node ${n} in Controller`),
      '00:00:55 node-1 Normal NodeNotReady: Node node-1 status is now: NodeNotReady',
      ...onNode1.map((p) => `00:00:55 ${p} Warning NodeNotReady: Node is not ready`),
    ])

    // 300 s of the default not-ready/unreachable tolerations after the taint: evicted.
    live(c, 299, ['control-plane', 'node-2'])
    for (const name of onNode1) expect(c.get('pods', name)!.metadata.deletionTimestamp).toBeUndefined()
    live(c, 1, ['control-plane', 'node-2'])
    expect(eventsOf(c, 'taint-eviction-controller')).toEqual(onNode1.map((p) => `00:06:00 ${p} Normal TaintManagerEviction: Marking for deletion Pod default/${p}`))
    for (const name of onNode1) {
      const p = c.get('pods', name)!
      expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:06:30Z')
      expect((p.status as { conditions: object[] }).conditions).toContainEqual({
        type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:06:00Z', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
      })
    }
    // No kubelet confirms: they stay Terminating, and the ReplicaSet's replacements go to node-2.
    live(c, 60, ['control-plane', 'node-2'])
    const now = c.list('pods', { namespace: 'default' })
    expect(now.filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort()).toEqual([...onNode1].sort())
    const fresh = now.filter((p) => !p.metadata.deletionTimestamp)
    expect(fresh).toHaveLength(2)
    for (const p of fresh) expect((p.spec as { nodeName: string }).nodeName).toBe('node-2')
    expect(c.kubectl('get pods').stdout).toContain('Terminating')
  })

  it('recovers when the lease is renewed again: conditions come back from the kubelet, the taints go, pending evictions are cancelled', () => {
    const c = cluster()
    c.apply(rs)
    c.advance('1s')
    live(c, 70, ['control-plane', 'node-2'])
    const onNode1 = c.list('pods', { namespace: 'default' }).filter((p) => (p.spec as { nodeName: string }).nodeName === 'node-1').map((p) => p.metadata.name)
    expect(node(c, 'node-1').spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'])
    // The kubelet is back: it posts Ready=True and renews its lease.
    const n = c.get('nodes', 'node-1')!
    const conditions = (n.status as { conditions: Record<string, string>[] }).conditions.map((x) => ({ ...x, status: x.type === 'Ready' ? 'True' : 'False', reason: 'KubeletReady', lastHeartbeatTime: '2026-01-01T00:01:11Z' }))
    c.sim.api.update('kubelet/node-1', { ...n, status: { ...(n.status as object), conditions } }, { subresource: 'status' })
    live(c, 10, ['control-plane', 'node-1', 'node-2'])
    expect(node(c, 'node-1').spec.taints).toBeUndefined()
    expect(eventsOf(c, 'taint-eviction-controller')).toEqual(onNode1.map((p) => `00:01:15 ${p} Normal TaintManagerEviction: Cancelling deletion of Pod default/${p}`))
    live(c, 600, ['control-plane', 'node-1', 'node-2'])
    for (const name of onNode1) expect(c.get('pods', name)!.metadata.deletionTimestamp).toBeUndefined()
  })
})

describe('PodGC', () => {
  it('force-deletes the pods of a deleted Node after the 40 s quarantine, on its 20 s grid', () => {
    const c = cluster()
    c.apply(rs)
    c.advance('1s')
    const onNode1 = c.list('pods', { namespace: 'default' }).filter((p) => (p.spec as { nodeName: string }).nodeName === 'node-1').map((p) => p.metadata.name)
    c.kubectl('delete node node-1')
    // Quarantined at the pass at 20 s, confirmed gone at the pass at 60 s.
    live(c, 58, ['control-plane', 'node-2'])
    for (const name of onNode1) expect(c.get('pods', name)).toBeDefined()
    live(c, 2, ['control-plane', 'node-2'])
    for (const name of onNode1) expect(c.get('pods', name)).toBeUndefined()
    const gc = c.sim.trace.entries().filter((e) => e.who === 'pod-garbage-collector' && e.verb !== 'list' && e.verb !== 'watch')
    expect(gc.map((e) => `${(e.time - T0) / 1000} ${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''} ${e.name}`)).toEqual([
      '60 get nodes node-1',
      ...onNode1.flatMap((p) => [`60 patch pods/status ${p}`, `60 delete pods ${p}`]),
    ])
  })

  it('takes its next pass on the grid after a pass at the very start that left pods of deleted nodes (it once looped there)', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.kubectl('delete node control-plane node-1 node-2')
    // The pass at the start quarantines the static pods' node; the pass at 40 s finds it gone.
    c.advance('1s')
    const passes = () => c.sim.trace.entries().filter((e) => e.who === 'pod-garbage-collector' && e.verb === 'get').map((e) => (e.time - T0) / 1000)
    c.advance('59s')
    expect(passes()).toEqual([40])
    expect(c.list('pods', { namespace: 'kube-system' })).toEqual([])
  })
})
