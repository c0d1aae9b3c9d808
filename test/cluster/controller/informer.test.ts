import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { Informer, keyOf } from '../../../src/cluster/controller/informer.js'
import type { StoredObject } from '../../../src/cluster/object.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
const pod = (name: string, nodeName?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx:1.27' }] },
})
const byNode = (p: StoredObject) => [((p.spec as { nodeName?: string }).nodeName ?? '')]

describe('an informer', () => {
  it('lists, then follows changes, keeping an index by node', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    c.api.create('test', pod('a', 'node-1'))
    const seen: string[] = []
    const pods = new Informer(c.api, 'test-controller', 'pods').addIndex('node', byNode)
    pods.on({ add: (p) => seen.push(`add ${keyOf(p)}`), update: (p) => seen.push(`update ${keyOf(p)}`), delete: (p) => seen.push(`delete ${keyOf(p)}`) })
    pods.start()
    c.api.create('test', pod('b', 'node-1'))
    c.api.patch('test', 'pods', 'default', 'b', { metadata: { labels: { x: 'y' } } }, 'merge')
    c.api.delete('test', 'pods', 'default', 'a', { gracePeriodSeconds: 0 })
    expect(seen.filter((s) => s.includes('default/a') || s.includes('default/b'))).toEqual(['add default/a', 'add default/b', 'update default/b', 'delete default/a'])
    expect(pods.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/b'])
  })

  it('lists and watches once, as the trace shows', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    new Informer(c.api, 'test-controller', 'pods').start()
    expect(c.trace.entries().filter((e) => e.who === 'test-controller').map((e) => `${e.verb} ${e.resource}`)).toEqual(['list pods', 'watch pods'])
  })

  it('restoring fills the cache quietly, leaving no trace and telling no handler', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    const before = c.trace.entries().length
    let told = 0
    const pods = new Informer(c.api, 'test-controller', 'pods').on({ add: () => told++ })
    pods.start(true)
    expect(pods.size).toBe(4) // the control-plane static pods
    expect(told).toBe(0)
    expect(c.trace.entries().length).toBe(before)
  })
})

describe('index order and keys', () => {
  it('an update that keeps its index values moves the object to the end of its index, as taking it out and putting it back does', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    for (const n of ['a', 'b', 'c']) c.api.create('test', pod(n, 'node-1'))
    const pods = new Informer(c.api, 'test-controller', 'pods').addIndex('node', byNode)
    pods.start()
    expect(pods.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/a', 'default/b', 'default/c'])
    c.api.patch('test', 'pods', 'default', 'a', { metadata: { labels: { x: 'y' } } }, 'merge')
    expect(pods.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/b', 'default/c', 'default/a'])
    c.api.patch('test', 'pods', 'default', 'b', { metadata: { labels: { x: 'y' } } }, 'merge')
    expect(pods.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/c', 'default/a', 'default/b'])
  })

  it('keyOf answers for the object asked, frozen or not, also after it was changed', () => {
    const frozen = Object.freeze({ apiVersion: 'v1', kind: 'Pod', metadata: Object.freeze({ name: 'p', namespace: 'ns' }) }) as unknown as StoredObject
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } as unknown as StoredObject
    expect(keyOf(frozen)).toBe('ns/p')
    expect(keyOf(frozen)).toBe('ns/p')
    expect(keyOf(node)).toBe('n1')
    node.metadata.name = 'n2'
    expect(keyOf(node)).toBe('n2')
    expect(keyOf(frozen)).toBe('ns/p')
  })
})
