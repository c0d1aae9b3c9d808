import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { Informer, keyOf, mergedByName, sortedWithoutTies } from '../../../src/cluster/controller/informer.js'
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

describe('index order kept lazily', () => {
  /** Puts (by labelling) the named pods in turn, then gives byIndex's keys. */
  function afterPuts(names: string[], informer: (c: SimulatedCluster) => Informer) {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    for (const n of ['a', 'b', 'c', 'd']) c.api.create('test', pod(n, n === 'd' ? 'node-2' : 'node-1'))
    const pods = informer(c)
    pods.start()
    let i = 0
    for (const n of names) {
      if (n.startsWith('-')) c.api.delete('test', 'pods', 'default', n.slice(1), { gracePeriodSeconds: 0 })
      else if (n.startsWith('+')) c.api.create('test', pod(n.slice(1), 'node-1'))
      else c.api.patch('test', 'pods', 'default', n, { metadata: { labels: { x: `v${i++}` } } }, 'merge')
    }
    return pods
  }

  it('answers in the order of the last puts, as moving each updated entry to the end did', () => {
    const pods = afterPuts(['b', 'a', 'b', '+e', 'c', '-a', 'e', 'b'], (c) => new Informer(c.api, 'test', 'pods').addIndex('node', byNode))
    expect(pods.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/c', 'default/e', 'default/b'])
    expect(pods.byIndex('node', 'node-2').map(keyOf)).toEqual(['default/d'])
    // Asked again (now in order) and after one more put of the last one (still in order).
    expect(pods.byIndex('node', 'node-1').map(keyOf)).toEqual(['default/c', 'default/e', 'default/b'])
    expect(new Set(pods.byIndexAnyOrder('node', 'node-1').map(keyOf))).toEqual(new Set(['default/c', 'default/e', 'default/b']))
  })

  it('moves an object whose index values change to the end of its new buckets, and keeps objects with several values in each', () => {
    const byLabel = (p: StoredObject) => [((p.spec as { nodeName?: string }).nodeName ?? ''), p.metadata.labels?.x ?? 'none']
    const pods = afterPuts(['a', 'c', 'b'], (c) => new Informer(c.api, 'test', 'pods').addIndex('both', byLabel))
    expect(pods.byIndex('both', 'node-1').map(keyOf)).toEqual(['default/a', 'default/c', 'default/b'])
    expect(pods.byIndex('both', 'none').map(keyOf).filter((k) => k.startsWith('default/'))).toEqual(['default/d'])
    expect(pods.byIndex('both', 'v1').map(keyOf)).toEqual(['default/c'])
  })

  it('answers as taking entries out and putting them back did, through a long run of puts, label changes and deletes', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    const byTwo = (p: StoredObject) => [((p.spec as { nodeName?: string }).nodeName ?? ''), p.metadata.labels?.g ?? 'none']
    const pods = new Informer(c.api, 'test', 'pods').addIndex('two', byTwo)
    // The reference: ordered sets where every put takes its key out and puts it back at the end.
    const ref = new Map<string, Set<string>>()
    const refPut = (p: StoredObject, old?: StoredObject) => {
      if (old) for (const v of byTwo(old)) ref.get(v)?.delete(keyOf(old))
      for (const v of byTwo(p)) {
        if (!ref.has(v)) ref.set(v, new Set())
        ref.get(v)!.add(keyOf(p))
      }
    }
    pods.on({ add: (p) => refPut(p), update: (p, old) => refPut(p, old), delete: (p) => { for (const v of byTwo(p)) ref.get(v)?.delete(keyOf(p)) } })
    pods.start()
    let x = 7
    const next = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n)
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    const live = new Set<string>()
    for (let step = 0; step < 400; step++) {
      const n = names[next(names.length)]
      const op = next(10)
      if (!live.has(n)) {
        c.api.create('test', pod(n, `node-${next(3)}`))
        live.add(n)
      } else if (op === 0) {
        c.api.delete('test', 'pods', 'default', n, { gracePeriodSeconds: 0 })
        live.delete(n)
      } else c.api.patch('test', 'pods', 'default', n, { metadata: { labels: op < 3 ? { g: `g${next(2)}` } : { n: `${step}` } } }, 'merge')
      if (next(4) === 0) {
        for (const [v, keys] of ref) expect(pods.byIndex('two', v).map(keyOf)).toEqual([...keys])
      }
    }
    for (const [v, keys] of ref) expect(pods.byIndex('two', v).map(keyOf)).toEqual([...keys])
  })

  it('sortedWithoutTies sorts, and refuses a list with two equal items', () => {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    expect(sortedWithoutTies(['c', 'a', 'b'], cmp)).toEqual(['a', 'b', 'c'])
    expect(sortedWithoutTies(['c', 'a', 'c'], cmp)).toBeUndefined()
    expect(sortedWithoutTies(['c', 'a', 'c'], (a, b) => (a < b ? -1 : 1))).toBeUndefined()
  })

  it('byIndexByName answers by name, sorted again only after a key came or went, and not across namespaces', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    const pods = new Informer(c.api, 'test', 'pods').addIndex('node', byNode)
    pods.start()
    for (const n of ['m', 'b', 'x', 'a']) c.api.create('test', pod(n, 'node-1'))
    const names = () => pods.byIndexByName('node', 'node-1', 'default')?.map((p) => p.metadata.name)
    expect(names()).toEqual(['a', 'b', 'm', 'x'])
    // An update keeps the order by name and answers the new object.
    c.api.patch('test', 'pods', 'default', 'a', { metadata: { labels: { x: 'y' } } }, 'merge')
    expect(pods.byIndexByName('node', 'node-1', 'default')?.[0].metadata.labels).toEqual({ x: 'y' })
    c.api.create('test', pod('c', 'node-1'))
    c.api.delete('test', 'pods', 'default', 'm', { gracePeriodSeconds: 0 })
    expect(names()).toEqual(['a', 'b', 'c', 'x'])
    expect(pods.byIndexByName('node', 'node-9', 'default')).toEqual([])
    // A bucket with an object of another namespace has no order by name alone.
    c.api.create('test', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } })
    c.api.create('test', { ...pod('b', 'node-1'), metadata: { name: 'b', namespace: 'other' } })
    expect(pods.byIndexByName('node', 'node-1', 'default')).toBeUndefined()
    expect(pods.byIndexByName('node', 'node-1', 'other')).toBeUndefined()
  })

  it('mergedByName merges two lists sorted by name', () => {
    const o = (name: string) => ({ metadata: { name } }) as StoredObject
    expect(mergedByName([o('a'), o('d'), o('e')], [o('b'), o('c'), o('f')]).map((p) => p.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(mergedByName([], [o('b')]).map((p) => p.metadata.name)).toEqual(['b'])
    expect(mergedByName([o('a')], []).map((p) => p.metadata.name)).toEqual(['a'])
  })

  it('refuses an index added after start (entries keep their buckets per index)', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    const pods = new Informer(c.api, 'test', 'pods')
    pods.start()
    expect(() => pods.addIndex('node', byNode)).toThrow('addIndex node after start')
  })
})
