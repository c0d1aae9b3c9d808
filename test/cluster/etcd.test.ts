import { describe, expect, it } from 'vitest'
import { Etcd, type StoreEvent } from '../../src/cluster/etcd.js'

const v = (name: string, extra: Record<string, string> = {}) => ({ metadata: { name }, ...extra })
const brief = (e: StoreEvent): string => `${e.type} ${e.key} @${e.revision}`

describe('etcd', () => {
  it('keeps one global revision that every write, to any key, moves by one', () => {
    const etcd = new Etcd()
    expect(etcd.revision).toBe(1)
    etcd.put('/registry/pods/default/a', v('a'))
    etcd.put('/registry/services/specs/default/a', v('a'))
    etcd.put('/registry/pods/default/a', v('a', { x: '1' }))
    etcd.delete('/registry/services/specs/default/a')
    expect(etcd.revision).toBe(5)
  })

  it('tracks createRevision, modRevision and version of each key', () => {
    const etcd = new Etcd()
    etcd.put('/k/a', v('a'))
    etcd.put('/k/b', v('b'))
    const updated = etcd.put('/k/a', v('a', { x: '1' }))
    expect(updated && { create: updated.createRevision, mod: updated.modRevision, version: updated.version }).toEqual({ create: 2, mod: 4, version: 2 })
    etcd.delete('/k/a')
    const recreated = etcd.put('/k/a', v('a'))
    expect(recreated && { create: recreated.createRevision, mod: recreated.modRevision, version: recreated.version }).toEqual({ create: 6, mod: 6, version: 1 })
  })

  it('reads a range under a prefix in byte order of keys, and nothing outside it', () => {
    const etcd = new Etcd()
    for (const key of ['/registry/pods/kube-system/z', '/registry/pods/default/web-2', '/registry/pods/default/Web', '/registry/pods/default/web-10', '/registry/pods/default-x/a', '/registry/podtemplates/default/a'])
      etcd.put(key, v(key))
    expect(etcd.range('/registry/pods/default/').map((kv) => kv.key)).toEqual(['/registry/pods/default/Web', '/registry/pods/default/web-10', '/registry/pods/default/web-2'])
    expect(etcd.range('/registry/pods/').map((kv) => kv.key)).toEqual([
      '/registry/pods/default-x/a',
      '/registry/pods/default/Web',
      '/registry/pods/default/web-10',
      '/registry/pods/default/web-2',
      '/registry/pods/kube-system/z',
    ])
    expect(etcd.count('/registry/pods/default/')).toBe(3)
    expect(etcd.range('/registry/nodes/')).toEqual([])
  })

  it('does not list a deleted key', () => {
    const etcd = new Etcd()
    etcd.put('/k/a', v('a'))
    etcd.put('/k/b', v('b'))
    etcd.delete('/k/a')
    expect(etcd.range('/k/').map((kv) => kv.key)).toEqual(['/k/b'])
    expect(etcd.get('/k/a')).toBeUndefined()
  })

  it('creates only when the expected revision is 0 and the key does not exist', () => {
    const etcd = new Etcd()
    expect(etcd.put('/k/a', v('a'), 0)?.modRevision).toBe(2)
    expect(etcd.put('/k/a', v('a', { again: 'yes' }), 0)).toBeUndefined()
    expect(etcd.revision).toBe(2)
    expect(etcd.get('/k/a')?.value).toEqual(v('a'))
  })

  it('updates only when the expected revision is the key modRevision', () => {
    const etcd = new Etcd()
    etcd.put('/k/a', v('a'))
    etcd.put('/k/a', v('a', { x: '1' }))
    expect(etcd.put('/k/a', v('a', { x: 'stale' }), 2)).toBeUndefined()
    expect(etcd.put('/k/a', v('a', { x: '2' }), 3)?.modRevision).toBe(4)
    expect(etcd.put('/k/missing', v('missing'), 3)).toBeUndefined()
    expect(etcd.delete('/k/a', 3)).toBeUndefined()
    expect(etcd.delete('/k/a', 4)?.value).toEqual(v('a', { x: '2' }))
    expect(etcd.delete('/k/a')).toBeUndefined()
    expect(etcd.revision).toBe(5)
  })

  it('lets the stamp write the new revision into the value, and freezes what it stores', () => {
    const etcd = new Etcd()
    const kv = etcd.put('/k/a', { metadata: { name: 'a' } }, undefined, (value, revision) => {
      ;(value.metadata as Record<string, string>).resourceVersion = String(revision)
    })
    expect(kv?.value).toEqual({ metadata: { name: 'a', resourceVersion: '2' } })
    expect(Object.isFrozen(kv?.value.metadata)).toBe(true)
  })

  it('replays history after a revision, then streams new writes, under the prefix only', () => {
    const etcd = new Etcd()
    etcd.put('/registry/pods/default/a', v('a')) // 2
    etcd.put('/registry/pods/default/b', v('b')) // 3
    etcd.put('/registry/services/specs/default/s', v('s')) // 4
    etcd.put('/registry/pods/default/a', v('a', { x: '1' })) // 5
    const seen: string[] = []
    const cancel = etcd.watch('/registry/pods/', 2, (e) => seen.push(brief(e)))
    expect(seen).toEqual(['ADDED /registry/pods/default/b @3', 'MODIFIED /registry/pods/default/a @5'])
    etcd.delete('/registry/pods/default/b') // 6
    etcd.put('/registry/services/specs/default/t', v('t')) // 7
    expect(seen.slice(2)).toEqual(['DELETED /registry/pods/default/b @6'])
    cancel!()
    etcd.put('/registry/pods/default/c', v('c'))
    expect(seen).toHaveLength(3)
  })

  it('gives DELETED the last value and MODIFIED the previous one', () => {
    const etcd = new Etcd()
    const events: StoreEvent[] = []
    etcd.watch('/k/', etcd.revision, (e) => events.push(e))
    etcd.put('/k/a', v('a', { x: '1' }))
    etcd.put('/k/a', v('a', { x: '2' }))
    etcd.delete('/k/a')
    expect(events.map((e) => [e.type, e.value, e.prevValue])).toEqual([
      ['ADDED', v('a', { x: '1' }), undefined],
      ['MODIFIED', v('a', { x: '2' }), v('a', { x: '1' })],
      ['DELETED', v('a', { x: '2' }), v('a', { x: '2' })],
    ])
  })

  it('delivers in commit order: a write made by a watcher reaches every watcher after the current event', () => {
    const etcd = new Etcd()
    const log: string[] = []
    etcd.watch('/k/', 1, (e) => {
      log.push(`first saw ${brief(e)}`)
      if (e.key === '/k/a' && e.type === 'ADDED') etcd.put('/k/b', v('b'))
    })
    etcd.watch('/k/', 1, (e) => log.push(`second saw ${brief(e)}`))
    etcd.put('/k/a', v('a'))
    expect(log).toEqual(['first saw ADDED /k/a @2', 'second saw ADDED /k/a @2', 'first saw ADDED /k/b @3', 'second saw ADDED /k/b @3'])
  })

  it('refuses a watch from a revision older than the history kept, as etcd does after compaction', () => {
    const etcd = new Etcd()
    for (let i = 0; i < 10_001; i++) etcd.put('/k/a', v('a', { i: String(i) })) // revisions 2 .. 10002
    // History keeps the last 10,000 events (revisions 3 .. 10002): revision 2 is compacted away.
    expect(etcd.compactRevision).toBe(2)
    expect(etcd.watch('/k/', 1, () => {})).toBeUndefined()
    const seen: number[] = []
    expect(etcd.watch('/k/', 2, (e) => seen.push(e.revision))).toBeTypeOf('function')
    expect(seen).toHaveLength(10_000)
    expect([seen[0], seen[seen.length - 1]]).toEqual([3, 10_002])
  })

  it('restores from a JSON snapshot with the same keys, values, revisions and counters', () => {
    const etcd = new Etcd()
    etcd.put('/k/b', v('b'))
    etcd.put('/k/a', v('a'))
    etcd.put('/k/a', v('a', { x: '1' }))
    const restored = Etcd.restore(JSON.parse(JSON.stringify(etcd.snapshot())))
    expect(restored.revision).toBe(4)
    expect(restored.range('/k/')).toEqual(etcd.range('/k/'))
    expect(restored.put('/k/a', v('a', { x: '2' }), 4)).toMatchObject({ createRevision: 3, modRevision: 5, version: 3 })
    expect(Object.isFrozen(restored.get('/k/b')?.value)).toBe(true)
  })

  it('after a restore, a watch from before the snapshot must re-list; one from its revision streams', () => {
    const etcd = new Etcd()
    etcd.put('/k/a', v('a'))
    etcd.put('/k/b', v('b'))
    const restored = Etcd.restore(JSON.parse(JSON.stringify(etcd.snapshot())))
    expect(restored.watch('/k/', 2, () => {})).toBeUndefined()
    const seen: string[] = []
    restored.watch('/k/', 3, (e) => seen.push(brief(e)))
    restored.put('/k/c', v('c'))
    expect(seen).toEqual(['ADDED /k/c @4'])
  })
})

describe('etcd watch delivery order', () => {
  it('delivers to watchers with and without an index hint in the order their watches started', () => {
    const etcd = new Etcd()
    etcd.addIndex('node', '/registry/pods/', (value) => String((value as { node?: string }).node ?? ''))
    const heard: string[] = []
    const watch = (name: string, hint?: { index: string; value: string }) => etcd.watch('/registry/pods/', etcd.revision + 1, (e) => heard.push(`${name} ${e.key}`), hint)
    watch('plain-1')
    watch('node-a-1', { index: 'node', value: 'a' })
    watch('plain-2')
    watch('node-b', { index: 'node', value: 'b' })
    watch('node-a-2', { index: 'node', value: 'a' })
    watch('plain-3')
    etcd.put('/registry/pods/x', { metadata: { name: 'x' }, node: 'a' })
    // Moved from a to b: the watchers of both hear of it.
    etcd.put('/registry/pods/x', { metadata: { name: 'x' }, node: 'b' })
    expect(heard).toEqual([
      ...['plain-1', 'node-a-1', 'plain-2', 'node-a-2', 'plain-3'].map((w) => `${w} /registry/pods/x`),
      ...['plain-1', 'node-a-1', 'plain-2', 'node-b', 'node-a-2', 'plain-3'].map((w) => `${w} /registry/pods/x`),
    ])
  })

  it('delivers what a watcher writes after the event it is hearing, and the rest after a watcher threw', () => {
    const etcd = new Etcd()
    const heard: string[] = []
    let threw = false
    etcd.watch('/k/', etcd.revision + 1, (e) => {
      heard.push(`first ${e.key}`)
      if (e.key === '/k/a') etcd.put('/k/b', { metadata: { name: 'b' } })
    })
    etcd.watch('/k/', etcd.revision + 1, (e) => {
      heard.push(`second ${e.key}`)
      if (!threw) {
        threw = true
        throw new Error('boom')
      }
    })
    expect(() => etcd.put('/k/a', { metadata: { name: 'a' } })).toThrow('boom')
    expect(heard).toEqual(['first /k/a', 'second /k/a'])
    // The delivery of /k/b left undelivered comes with the next write, before it.
    etcd.put('/k/c', { metadata: { name: 'c' } })
    expect(heard).toEqual(['first /k/a', 'second /k/a', 'first /k/b', 'second /k/b', 'first /k/c', 'second /k/c'])
  })
})
