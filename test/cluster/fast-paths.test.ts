// The simulator's fast paths must answer exactly as the slow code they stand for: jsonEqual as
// comparing stableJson texts, copyData as structuredClone. Checked on edge cases and on many
// generated values (a seeded generator, so every run checks the same values).
import { describe, expect, it } from 'vitest'
import { jsonEqual, jsonEqualWithoutNulls, stableJson } from '../../src/cluster/apiserver.js'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { Etcd } from '../../src/cluster/etcd.js'
import { recordEvent } from '../../src/cluster/events.js'
import { copyData } from '../../src/cluster/object.js'
import { Prng } from '../../src/cluster/prng.js'
import { resourceByName } from '../../src/cluster/resources.js'
import { fullDecodingErrors, strictDecodingErrors } from '../../src/cluster/schema.js'

/** A JSON-like value: objects and arrays a few levels deep, with undefined, null, NaN and -0 among the scalars. */
function value(rng: Prng, depth: number): unknown {
  const scalars = [undefined, null, 0, -0, 1, 1.5, NaN, Infinity, '', 'a', 'b', '1', true, false]
  const pick = rng.int(depth > 2 ? 1 : 3)
  if (pick === 0) return scalars[rng.int(scalars.length)]
  if (pick === 1) return Array.from({ length: rng.int(3) }, () => value(rng, depth + 1))
  const o: Record<string, unknown> = {}
  for (const k of ['b', 'a', 'c'].slice(0, rng.int(4))) o[k] = value(rng, depth + 1)
  return o
}

describe('jsonEqual', () => {
  it('ignores key order and keys whose value is undefined', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true)
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false)
    expect(jsonEqual([1, 2], [2, 1])).toBe(false)
  })

  it('treats scalars as JSON writes them', () => {
    expect(jsonEqual([undefined], [null])).toBe(true)
    expect(jsonEqual(NaN, null)).toBe(true)
    expect(jsonEqual(0, -0)).toBe(true)
    expect(jsonEqual('1', 1)).toBe(false)
    expect(jsonEqual({}, [])).toBe(false)
  })

  it('leaves the skipped top-level keys out', () => {
    const skip = new Set(['metadata', 'status'])
    expect(jsonEqual({ spec: 1, metadata: { a: 1 } }, { spec: 1, status: {} }, skip)).toBe(true)
    expect(jsonEqual({ spec: 1 }, { spec: 2, status: {} }, skip)).toBe(false)
  })

  it('agrees with comparing stableJson texts on 20,000 generated pairs', () => {
    const rng = Prng.fromSeed(42)
    let equal = 0
    for (let i = 0; i < 20_000; i++) {
      const a = value(rng, 0)
      // Half the pairs are a value and a reordered copy of it, so that both answers are tried.
      const b = i % 2 ? value(rng, 0) : reorder(structuredClone(a))
      const expected = stableJson(a) === stableJson(b)
      if (expected) equal++
      expect(jsonEqual(a, b), `${stableJson(a)} vs ${stableJson(b)}`).toBe(expected)
    }
    expect(equal).toBeGreaterThan(9_000)
  })
})

function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]))
  return v
}

describe('copyData', () => {
  it('copies as structuredClone does, sharing nothing, frozen or not', () => {
    const rng = Prng.fromSeed(7)
    for (let i = 0; i < 2_000; i++) {
      const v = Object.freeze({ v: value(rng, 0), list: [1, { a: undefined }] })
      const copy = copyData(v)
      expect(copy).toStrictEqual(structuredClone(v))
      expect(Object.isFrozen(copy)).toBe(false)
      expect(copy).not.toBe(v)
      expect(copy.list).not.toBe(v.list)
    }
  })

  it('keeps the holes of a sparse array and hands other objects to structuredClone', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3]
    const copy = copyData(sparse)
    expect(1 in copy).toBe(false)
    expect(copy).toHaveLength(3)
    const m = new Map([['a', 1]])
    expect(copyData({ m }).m).toStrictEqual(m)
  })
})

describe('strict decoding: the quick check', () => {
  const podType = resourceByName('pods')!
  const base = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m' } } }],
      tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 30 }],
    },
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
  }
  const wrong = [undefined, null, 'x', '1', 1, 1.5, 2 ** 40, -1, true, [], ['x'], {}, { x: 1 }, '100Mi', 'bad quantity']
  /** Every path to a leaf or a container of the body. */
  function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (v === null || typeof v !== 'object') return [at]
    const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v)
    return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))]
  }

  it('says clean exactly when the full decoder finds nothing, for every field set to every wrong value', () => {
    let problems = 0
    for (const path of paths(base)) {
      if (path.length === 0) continue
      for (const w of wrong) {
        for (const extra of [undefined, 'unknownField']) {
          const body = structuredClone(base) as Record<string, unknown>
          let cur = body as Record<string | number, unknown>
          for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>
          if (extra) cur[extra] = w
          else cur[path[path.length - 1]] = w
          const full = fullDecodingErrors(podType, body)
          if (full.typeErrors.length || full.unknownFields.length) problems++
          expect(strictDecodingErrors(podType, body), JSON.stringify(body)).toStrictEqual(full)
        }
      }
    }
    expect(problems).toBeGreaterThan(100)
  })
})

describe('jsonEqualWithoutNulls', () => {
  const roundTrip = (v: unknown): string => stableJson(JSON.parse(JSON.stringify(v ?? {}, (_k, x: unknown) => (x === null ? undefined : x))) as unknown)

  it('drops nulls from objects, not from lists', () => {
    expect(jsonEqualWithoutNulls({ a: null, b: 1 }, { b: 1 })).toBe(true)
    expect(jsonEqualWithoutNulls([null], [undefined])).toBe(true)
    expect(jsonEqualWithoutNulls([null], [])).toBe(false)
    expect(jsonEqualWithoutNulls(undefined, {})).toBe(true)
    expect(jsonEqualWithoutNulls({ a: NaN }, {})).toBe(false)
  })

  it('agrees with comparing the round-tripped texts on 20,000 generated pairs', () => {
    const rng = Prng.fromSeed(43)
    let equal = 0
    for (let i = 0; i < 20_000; i++) {
      const a = { top: value(rng, 0) }
      const b = i % 2 ? { top: value(rng, 0) } : reorder(structuredClone(a))
      const expected = roundTrip(a) === roundTrip(b)
      if (expected) equal++
      expect(jsonEqualWithoutNulls(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(expected)
    }
    expect(equal).toBeGreaterThan(9_000)
  })
})

describe('events: the identical event found in the recorder\'s own cache', () => {
  it('counts up the same event, with no call but the create or the patch', () => {
    const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 0, 1), seed: 1, components: false })
    const pod = c.api.create('test', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })
    if (!pod.ok) throw new Error(pod.error.message)
    const source = { component: 'kubelet', host: 'node-1' }
    for (const [reason, message, fieldPath] of [
      ['Pulling', 'Pulling image "nginx"', 'spec.containers{c}'],
      ['Pulling', 'Pulling image "nginx"', undefined],
      ['Pulling', 'Pulling image "nginx"', 'spec.containers{c}'],
      ['Created', 'Created container: c', 'spec.containers{c}'],
      ['Pulling', 'Pulling image "nginx"', 'spec.containers{c}'],
    ] as const) {
      c.advance(1000)
      recordEvent(c.api, c.now(), { involvedObject: pod.value, type: 'Normal', reason, message, fieldPath, source })
    }
    const events = c.etcd
      .range('/registry/events/default/web.')
      .map((kv) => kv.value as Record<string, unknown>)
    expect(events.map((e) => [e.reason, (e.involvedObject as { fieldPath?: string }).fieldPath ?? '', e.count])).toStrictEqual([
      ['Pulling', 'spec.containers{c}', 3],
      ['Pulling', '', 1],
      ['Created', 'spec.containers{c}', 1],
    ])
    // The recorder remembers what it sent (client-go's eventLogger): it lists nothing.
    expect(c.trace.entries().filter((e) => e.resource === 'events' && e.who === 'kubelet/node-1' && e.time > Date.UTC(2026, 0, 1)).map((e) => `${e.verb} ${e.code}`)).toStrictEqual([
      'create 201', 'create 201', 'patch 200', 'create 201', 'patch 200',
    ])
  })
})

describe('etcd watchers grouped by prefix', () => {
  it('hear an event in the order their watches started, across prefixes and index hints', () => {
    const etcd = new Etcd()
    etcd.addIndex('pods:node', '/registry/pods/', (v) => String((v.spec as { nodeName?: string } | undefined)?.nodeName ?? ''))
    const heard: string[] = []
    const watch = (name: string, prefix: string, hint?: { index: string; value: string }) =>
      etcd.watch(prefix, etcd.revision, (e) => heard.push(`${name}:${e.type}:${e.key}`), hint)!
    watch('all', '/registry/')
    watch('node-1', '/registry/pods/', { index: 'pods:node', value: 'n1' })
    const pods = watch('pods', '/registry/pods/')
    watch('default', '/registry/pods/default/')
    watch('pods-again', '/registry/pods/')
    watch('outside', '/registry/pods/default/', { index: 'no-such-index', value: 'x' })
    watch('leases', '/registry/leases/')
    etcd.put('/registry/pods/default/a', { spec: { nodeName: 'n1' } })
    pods()
    etcd.put('/registry/pods/other/b', { spec: { nodeName: 'n2' } })
    etcd.put('/registry/leases/x/n1', {})
    expect(heard).toStrictEqual([
      'all:ADDED:/registry/pods/default/a',
      'node-1:ADDED:/registry/pods/default/a',
      'pods:ADDED:/registry/pods/default/a',
      'default:ADDED:/registry/pods/default/a',
      'pods-again:ADDED:/registry/pods/default/a',
      'outside:ADDED:/registry/pods/default/a',
      'all:ADDED:/registry/pods/other/b',
      'pods-again:ADDED:/registry/pods/other/b',
      'all:ADDED:/registry/leases/x/n1',
      'leases:ADDED:/registry/leases/x/n1',
    ])
  })
})
