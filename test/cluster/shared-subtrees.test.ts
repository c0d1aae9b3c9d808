import { describe, expect, it } from 'vitest'
import { SharedSubtrees } from '../../src/cluster/shared-subtrees.js'
import { Etcd } from '../../src/cluster/etcd.js'

type Obj = Record<string, any>

const pod = (name: string, port: number): Obj => ({
  metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'main', ports: [{ containerPort: port, protocol: 'TCP' }], resources: {} }], tolerations: [{ key: 'k', operator: 'Exists' }] },
})

describe('SharedSubtrees', () => {
  it('stores equal parts of values as one object, and keeps every value as it was', () => {
    const shared = new SharedSubtrees()
    const a = pod('a', 80)
    const b = pod('b', 80)
    const c = pod('c', 8080)
    const texts = [a, b, c].map((v) => JSON.stringify(v))
    for (const v of [a, b, c]) shared.freeze(v)
    expect([a, b, c].map((v) => JSON.stringify(v))).toEqual(texts)
    expect(b.metadata.labels).toBe(a.metadata.labels)
    expect(b.spec).toBe(a.spec)
    expect(b.metadata).not.toBe(a.metadata)
    // A part that differs somewhere is its own; its equal members are still shared.
    expect(c.spec).not.toBe(a.spec)
    expect(c.spec.tolerations).toBe(a.spec.tolerations)
    expect(c.spec.containers[0].resources).toBe(a.spec.containers[0].resources)
    expect(c.spec.containers[0].ports).not.toBe(a.spec.containers[0].ports)
    for (const v of [a, b, c]) expect(Object.isFrozen(v) && Object.isFrozen(v.spec.containers[0].ports[0])).toBe(true)
  })

  it('does not share parts that equality would not tell apart, nor parts in another order', () => {
    const shared = new SharedSubtrees()
    const values: Obj[] = [
      { x: { n: 0 } },
      { x: { n: -0 } },
      { x: { u: undefined } },
      { x: { u: undefined } },
      { x: { p: 1, q: 2 } },
      { x: { q: 2, p: 1 } },
      { x: [1, , 2] },
      { x: [1, 2] },
      { x: { n: '1' } },
      { x: { n: 1 } },
      { x: [] },
      { x: {} },
    ]
    for (const v of values) shared.freeze(v)
    expect(Object.is(values[1].x.n, -0)).toBe(true)
    expect(values[1].x).not.toBe(values[0].x)
    expect(values[3].x).not.toBe(values[2].x)
    expect('u' in values[3].x).toBe(true)
    expect(values[5].x).not.toBe(values[4].x)
    expect(Object.keys(values[5].x)).toEqual(['q', 'p'])
    expect(values[7].x).not.toBe(values[6].x)
    expect(1 in values[6].x).toBe(false)
    expect(values[9].x).not.toBe(values[8].x)
    expect(values[9].x.n).toBe(1)
    expect(values[11].x).not.toBe(values[10].x)
    expect(Array.isArray(values[10].x)).toBe(true)
  })

  it('compares a remembered part with many others by its keys listed once: more, fewer, other or integer-like keys', () => {
    const shared = new SharedSubtrees()
    const first = { x: { '2': 'a', '1': 'b', c: 'd' } }
    shared.freeze(first)
    const same = Array.from({ length: 3 }, () => ({ x: { '2': 'a', '1': 'b', c: 'd' } }))
    for (const v of same) shared.freeze(v)
    for (const v of same) expect(v.x).toBe(first.x)
    expect(Object.keys(first.x)).toEqual(['1', '2', 'c'])
    // A list after an equal one with a hole, and one with a hole after an equal one without.
    const holes: Obj[] = [{ y: [1, 2] }, { y: [1, , 2] }, { y: [1, 2] }]
    for (const v of holes) shared.freeze(v)
    expect(holes[2].y).toBe(holes[0].y)
    expect(holes[1].y).not.toBe(holes[0].y)
    expect(1 in holes[1].y).toBe(false)
  })

  it('keeps sharing the parts remembered before its table grew', () => {
    const shared = new SharedSubtrees()
    const early = { spec: { tolerations: [{ key: 'early', operator: 'Exists' }] } }
    shared.freeze(early)
    // Enough different parts to make the table grow twice (it starts at 4,096 places, a quarter taken).
    for (let i = 0; i < 5_000; i++) shared.freeze({ part: { n: i, text: `part-${i}` } })
    const later = { spec: { tolerations: [{ key: 'early', operator: 'Exists' }] } }
    shared.freeze(later)
    expect(later.spec).toBe(early.spec)
    const again = { part: { n: 4_999, text: 'part-4999' } }
    shared.freeze(again)
    expect(JSON.stringify(again)).toBe('{"part":{"n":4999,"text":"part-4999"}}')
  })

  it('leaves frozen parts and the value itself as they are', () => {
    const shared = new SharedSubtrees()
    const first = { a: { b: 1 } }
    shared.freeze(first)
    const kept = Object.freeze({ b: 1 })
    const second = { a: kept }
    shared.freeze(second)
    expect(second.a).toBe(kept)
    const third = { a: { b: 1 } }
    shared.freeze(third)
    expect(third.a).toBe(first.a)
  })

  it('in etcd: what is read back is what was written, for the very object put and an equal one', () => {
    const etcd = new Etcd()
    etcd.put('/registry/pods/default/a', pod('a', 80))
    etcd.put('/registry/pods/default/b', pod('b', 80))
    const a = etcd.get('/registry/pods/default/a')!.value as Obj
    const b = etcd.get('/registry/pods/default/b')!.value as Obj
    expect(b).toEqual(pod('b', 80))
    expect(b.spec).toBe(a.spec)
  })
})
