// Deferred ranges of a restored store (a playground's file parses a range only when it is needed):
// the store must behave exactly as one restored with every entry, and know which ranges no write
// touched since, so that their stored form can be written back as it was read.
import { describe, expect, it } from 'vitest'
import { Etcd, rangeGroup, type DeferredRange, type KeyValue } from '../../src/cluster/etcd.js'

const v = (name: string, extra: Record<string, string> = {}) => ({ metadata: { name }, ...extra })

/** A store with pods, events and a node, and its snapshot as JSON text. */
function source(): { etcd: Etcd; text: string } {
  const etcd = new Etcd()
  etcd.put('/registry/pods/default/b', v('b', { node: 'n1' }))
  etcd.put('/registry/events/default/e1', v('e1', { about: 'b' }))
  etcd.put('/registry/minions/n1', v('n1'))
  etcd.put('/registry/pods/default/a', v('a', { node: 'n2' }))
  etcd.put('/registry/events/default/e2', v('e2', { about: 'a' }))
  etcd.put('/registry/pods/default/a', v('a', { node: 'n1' }))
  return { etcd, text: JSON.stringify(etcd.snapshot()) }
}

/** The same snapshot restored with its pods and events deferred; `loads` lists the ranges as they load. */
function deferredRestore(text: string): { etcd: Etcd; loads: string[] } {
  const s = JSON.parse(text) as { revision: number; compactRevision: number; entries: KeyValue[] }
  const loads: string[] = []
  const ranges = ['/registry/pods/', '/registry/events/']
  const deferred: DeferredRange[] = ranges.map((prefix) => ({
    prefix,
    load: () => {
      loads.push(prefix)
      return s.entries.filter((kv) => rangeGroup(kv.key) === prefix)
    },
  }))
  const eager = { ...s, entries: s.entries.filter((kv) => !ranges.includes(rangeGroup(kv.key))) }
  return { etcd: Etcd.restore(eager, true, deferred), loads }
}

describe('etcd deferred ranges', () => {
  it('groups keys by resource', () => {
    expect(rangeGroup('/registry/pods/default/web')).toBe('/registry/pods/')
    expect(rangeGroup('/registry/services/specs/default/web')).toBe('/registry/services/')
    expect(rangeGroup('/registry/minions/node-1')).toBe('/registry/minions/')
    expect(rangeGroup('/registry/pods')).toBe('')
    expect(rangeGroup('/other/key')).toBe('')
  })

  it('loads a range only when one of its keys is read, and then reads as a full restore does', () => {
    const { etcd, text } = source()
    const { etcd: lazy, loads } = deferredRestore(text)
    expect(lazy.range('/registry/minions/').map((kv) => kv.key)).toEqual(['/registry/minions/n1'])
    expect(loads).toEqual([])
    expect(lazy.get('/registry/pods/default/a')).toEqual(etcd.get('/registry/pods/default/a'))
    expect(loads).toEqual(['/registry/pods/'])
    expect(Object.isFrozen(lazy.get('/registry/pods/default/a')?.value)).toBe(true)
    expect(lazy.range('/registry/').map((kv) => kv.key)).toEqual(etcd.range('/registry/').map((kv) => kv.key))
    expect(loads).toEqual(['/registry/pods/', '/registry/events/'])
    expect(JSON.stringify(lazy.snapshot())).toBe(text)
  })

  it('builds an index on first use, from the entries then stored, as if kept up to date all along', () => {
    const { text } = source()
    const node = (value: Readonly<Record<string, unknown>>) => String(value.node)
    const eager = Etcd.restore(JSON.parse(text))
    eager.addIndex('pods:node', '/registry/pods/', node)
    const { etcd: lazy, loads } = deferredRestore(text)
    lazy.addIndex('pods:node', '/registry/pods/', node)
    expect(loads).toEqual([])
    for (const store of [eager, lazy]) {
      store.put('/registry/pods/default/c', v('c', { node: 'n2' }))
      store.put('/registry/pods/default/a', v('a', { node: 'n2' }))
      store.delete('/registry/pods/default/b')
    }
    for (const value of ['n1', 'n2']) expect(lazy.rangeByIndex('pods:node', value, '/registry/pods/')).toEqual(eager.rangeByIndex('pods:node', value, '/registry/pods/'))
    expect(JSON.stringify(lazy.snapshot())).toBe(JSON.stringify(eager.snapshot()))
  })

  it('a write loads its range first: preconditions, revisions and versions are those of a full restore', () => {
    const { text } = source()
    const eager = Etcd.restore(JSON.parse(text))
    const { etcd: lazy } = deferredRestore(text)
    for (const store of [eager, lazy]) {
      expect(store.put('/registry/pods/default/a', v('a', { x: '1' }), 7)).toMatchObject({ createRevision: 5, modRevision: 8, version: 3 })
      expect(store.put('/registry/events/default/e1', v('e1'), 0)).toBeUndefined()
    }
    expect(JSON.stringify(lazy.snapshot())).toBe(JSON.stringify(eager.snapshot()))
  })

  it('tells which deferred ranges no write touched since the restore, and gives every other entry', () => {
    const { text } = source()
    const { etcd: lazy, loads } = deferredRestore(text)
    lazy.get('/registry/events/default/e1') // read, not written: still as restored
    lazy.put('/registry/pods/default/c', v('c'))
    const changes = lazy.snapshotChanges()
    expect(changes.untouched).toEqual(['/registry/events/'])
    expect(changes.entries.map((kv) => kv.key)).toEqual(['/registry/minions/n1', '/registry/pods/default/a', '/registry/pods/default/b', '/registry/pods/default/c'])
    expect(loads).toEqual(['/registry/events/', '/registry/pods/'])
  })

  it('refuses an entry outside the range it was loaded for', () => {
    const { text } = source()
    const s = JSON.parse(text) as { revision: number; compactRevision: number; entries: KeyValue[] }
    const etcd = Etcd.restore({ ...s, entries: [] }, true, [{ prefix: '/registry/pods/', load: () => s.entries }])
    expect(() => etcd.get('/registry/pods/default/a')).toThrow(/does not belong/)
  })
})
