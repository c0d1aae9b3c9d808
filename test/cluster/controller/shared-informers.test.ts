import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { Informer, keyOf } from '../../../src/cluster/controller/informer.js'
import { SharedInformerFactory } from '../../../src/cluster/controller/shared-informers.js'
import type { StoredObject } from '../../../src/cluster/object.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
const byNode = (p: StoredObject) => [((p.spec as { nodeName?: string }).nodeName ?? '')]
const pod = (name: string, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx:1.27' }] },
})
const READS = new Set(['get', 'list', 'watch'])

describe("kube-controller-manager's shared informers", () => {
  it('list and watch each resource once for all controllers, as `shared-informers`', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const calls = c.trace
      .entries()
      .filter((e) => e.verb === 'list' || e.verb === 'watch')
      .filter((e) => e.who === 'shared-informers')
      .map((e) => `${e.verb} ${e.resource}`)
    // Pods are read by a dozen controllers, through one list and one watch.
    expect(calls.filter((x) => x.endsWith(' pods'))).toEqual(['list pods', 'watch pods'])
    expect(calls.filter((x) => x.startsWith('list')).length).toBe(new Set(calls).size / 2)
    // No controller of kube-controller-manager lists or watches on its own any more (its own name
    // is for its writes and gets); cloud-controller-manager's service controller is another process.
    const byControllers = c.trace
      .entries()
      .filter((e) => (e.verb === 'list' || e.verb === 'watch') && /-controller$|garbage-collector|root-ca-cert-publisher/.test(e.who))
      .map((e) => `${e.who} ${e.verb} ${e.resource}`)
    expect(byControllers).toEqual(['service-controller list services', 'service-controller watch services'])
  })

  it('starts the informers in discovery order: namespaces and nodes before pods', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const listed = c.trace
      .entries()
      .filter((e) => e.who === 'shared-informers' && e.verb === 'list')
      .map((e) => e.resource)
    expect(listed.indexOf('namespaces')).toBeLessThan(listed.indexOf('pods'))
    expect(listed.indexOf('nodes')).toBeLessThan(listed.indexOf('pods'))
    expect(listed.indexOf('pods')).toBeLessThan(listed.indexOf('replicasets.apps'))
  })

  it('gives every controller that asks the same informer, and tells each its handlers', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false, components: [] })
    const f = new SharedInformerFactory(c.api, 'test-informers')
    const seen: string[] = []
    const a = f.informer('pods').addIndex('node', byNode)
    const b = f.informer('pods').addIndex('node', byNode)
    expect(a).toBe(b)
    a.on({ add: (p) => seen.push(`a ${keyOf(p)}`) })
    b.on({ add: (p) => seen.push(`b ${keyOf(p)}`) })
    f.start(false)
    c.api.create('test', pod('x', 'node-1'))
    expect(seen.filter((s) => s.endsWith(' default/x'))).toEqual(['a default/x', 'b default/x'])
    expect(a.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/x'])
    expect(c.trace.entries().filter((e) => e.who === 'test-informers' && READS.has(e.verb)).map((e) => `${e.verb} ${e.resource}`)).toEqual(['list pods', 'watch pods'])
  })

  it('stops watching and empties its caches, and lists again on the next start', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false, components: [] })
    const f = new SharedInformerFactory(c.api, 'test-informers')
    const pods = f.informer('pods')
    let adds = 0
    pods.on({ add: (p) => p.metadata.namespace === 'default' && adds++ })
    f.start(false)
    c.api.create('test', pod('x', 'node-1'))
    f.stop()
    expect(pods.size).toBe(0)
    c.api.create('test', pod('y', 'node-1'))
    expect(adds).toBe(1)
    f.start(false)
    expect([...pods.list()].map(keyOf).filter((k) => k.startsWith('default/')).sort()).toEqual(['default/x', 'default/y'])
    expect(adds).toBe(3)
  })
})

describe('an informer shared by controllers', () => {
  it('refuses a second index function under a name taken (an indexer conflict)', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false, components: [] })
    const pods = new Informer(c.api, 'test', 'pods').addIndex('node', byNode)
    expect(() => pods.addIndex('node', (p) => [p.metadata.name])).toThrow('informer pods: indexer conflict: node')
  })

  it('refuses handlers once it runs (they would miss what it listed)', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false, components: [] })
    const pods = new Informer(c.api, 'test', 'pods')
    pods.start()
    expect(() => pods.on({ add: () => {} })).toThrow('informer pods: handlers added after start')
  })
})

describe('kube-controller-manager restarted', () => {
  it('lists once more through its shared informers, and its controllers act once per change', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    expect(c.stop('kube-controller-manager')).toBe(true)
    c.api.create('kubectl', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    })
    c.advanceTo(T0 + 10_000)
    expect(c.api.list('test', 'replicasets', { namespace: 'default', silent: true })).toMatchObject({ ok: true, value: { items: [] } })
    const mark = c.trace.entries().length
    expect(c.start('kube-controller-manager')).toBe(true)
    // The new process waits for its predecessor's lease (15 s after first reading it, and a retry
    // of at most 4.4 s) before its controllers start (leader-election.ts).
    c.advanceTo(T0 + 10_000 + 19_400)
    const after = c.trace.entries().slice(mark)
    expect(after.filter((e) => e.who === 'shared-informers' && e.resource === 'pods').map((e) => e.verb)).toEqual(['list', 'watch'])
    // One ReplicaSet, two pods: the handlers were not added a second time by the restart.
    // (The kubelet makes the controller-manager's mirror pod again: its static pod is back.)
    const created = after.filter((e) => e.verb === 'create' && e.who.endsWith('-controller') && (e.resource === 'replicasets.apps' || e.resource === 'pods'))
    expect(created.map((e) => `${e.who} ${e.resource}`)).toEqual([
      'deployment-controller replicasets.apps',
      'replicaset-controller pods',
      'replicaset-controller pods',
    ])
  })
})
