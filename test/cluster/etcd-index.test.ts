import { describe, expect, it } from 'vitest'
import { Etcd } from '../../src/cluster/etcd.js'

const obj = (name: string, group: string) => ({ metadata: { name }, group })
const byGroup = (v: Readonly<Record<string, unknown>>): string => v.group as string
const names = (kvs: { key: string }[]): string[] => kvs.map((kv) => kv.key)

describe('etcd key indexes', () => {
  it('give the keys of one value in key order, kept up to date by puts and deletes', () => {
    const etcd = new Etcd()
    etcd.addIndex('g', '/registry/things/', byGroup)
    etcd.put('/registry/things/c', obj('c', 'x'))
    etcd.put('/registry/things/a', obj('a', 'x'))
    etcd.put('/registry/things/b', obj('b', 'y'))
    expect(names(etcd.rangeByIndex('g', 'x', '/registry/things/'))).toEqual(['/registry/things/a', '/registry/things/c'])
    expect(names(etcd.rangeByIndex('g', 'y', '/registry/things/'))).toEqual(['/registry/things/b'])
    // One key left in a value, then none; a key that moves to another value.
    etcd.delete('/registry/things/a')
    expect(names(etcd.rangeByIndex('g', 'x', '/registry/things/'))).toEqual(['/registry/things/c'])
    etcd.put('/registry/things/c', obj('c', 'y'))
    expect(names(etcd.rangeByIndex('g', 'x', '/registry/things/'))).toEqual([])
    expect(names(etcd.rangeByIndex('g', 'y', '/registry/things/'))).toEqual(['/registry/things/b', '/registry/things/c'])
    // A rewrite with the same value keeps the key once.
    etcd.put('/registry/things/b', obj('b', 'y'))
    etcd.delete('/registry/things/c')
    expect(names(etcd.rangeByIndex('g', 'y', '/registry/things/'))).toEqual(['/registry/things/b'])
    expect(names(etcd.rangeByIndex('g', 'y', '/registry/things/other/'))).toEqual([])
  })

  it('an index added after the writes is built from what is stored', () => {
    const etcd = new Etcd()
    etcd.put('/registry/things/a', obj('a', 'x'))
    etcd.put('/registry/things/b', obj('b', 'x'))
    etcd.addIndex('g', '/registry/things/', byGroup)
    expect(names(etcd.rangeByIndex('g', 'x', '/registry/things/'))).toEqual(['/registry/things/a', '/registry/things/b'])
  })

  it('stores strings made of pieces with the same text', () => {
    const etcd = new Etcd()
    const parts = ['0123456789', 'abcdef', '-', 'long enough to be made of pieces']
    let text = ''
    for (const p of parts) text += p
    etcd.put('/registry/things/a', { metadata: { name: 'a' }, text, list: [text] })
    expect(etcd.get('/registry/things/a')!.value).toEqual({ metadata: { name: 'a' }, text: parts.join(''), list: [parts.join('')] })
    expect(Object.isFrozen(etcd.get('/registry/things/a')!.value.list)).toBe(true)
  })
})
