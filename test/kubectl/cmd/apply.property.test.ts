// Bad input never hurts: random and mutated manifests pushed through `kubectl apply`.
import fc from 'fast-check'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
const STACK = /^\s+at .*\.(js|ts|mjs|cjs):\d+/m

const VALID: Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
]

// Every path of an object, to pick one to mutate.
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))]
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))]
  return [prefix]
}

function mutate(obj: Record<string, unknown>, path: (string | number)[], op: 'delete' | 'set', replacement: unknown): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>
  if (path.length === 0) return op === 'delete' ? {} : replacement
  let cur: Record<string | number, unknown> = copy
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (op === 'delete') {
    if (Array.isArray(cur)) cur.splice(last as number, 1)
    else delete cur[last]
  } else cur[last] = replacement
  return copy
}

const jsonValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('Always', 'Never', 'NodePort', '80', '', 'Web_1', 'a'.repeat(300), '10.96.0.1', '99999'),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 3 }),
)

const mutatedManifest = fc
  .tuple(fc.constantFrom(...VALID), fc.nat(), fc.constantFrom('delete', 'set') as fc.Arbitrary<'delete' | 'set'>, jsonValue)
  .map(([obj, pick, op, replacement]) => {
    const all = paths(obj)
    return mutate(obj, all[pick % all.length], op, replacement)
  })

/** Apply `text` to a fresh cluster; check the promises every apply keeps. */
function applyAndCheck(text: string): void {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
  c.advance(0) // the controllers' first work (every namespace's ServiceAccount and kube-root-ca.crt) is done
  const before = c.etcd.revision
  const out = runKubectl(c, ['apply', '-f', 'm.yaml'], memoryIO({ 'm.yaml': text }))
  expect(out.stdout + out.stderr).not.toMatch(STACK)
  expect([0, 1]).toContain(out.exitCode)
  if (out.exitCode !== 0) {
    // A rejection is a clear message, and a single failed document leaves nothing behind.
    expect(out.stderr.trim()).not.toBe('')
    expect(out.stderr).not.toMatch(/undefined|\[object Object\]|NaN/)
    expect(c.etcd.revision).toBe(before)
  } else {
    expect(out.stdout).toMatch(/^(pod|service|deployment\.apps|namespace|\S+)\/\S+ (created|configured|unchanged)\n$/)
  }
}

describe('kubectl apply with bad input', () => {
  it('never crashes on a valid manifest with one field deleted or replaced', () => {
    fc.assert(
      fc.property(mutatedManifest, (obj) => applyAndCheck(stringify(obj))),
      { numRuns: 300, seed: 42 },
    )
  })

  it('never crashes on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
        const out = runKubectl(c, ['apply', '-f', 'm.yaml'], memoryIO({ 'm.yaml': text }))
        expect(out.stdout + out.stderr).not.toMatch(STACK)
        expect([0, 1]).toContain(out.exitCode)
        if (out.exitCode !== 0) expect(out.stderr.trim()).not.toBe('')
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('never crashes on a valid manifest with its text cut or spliced', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.string({ maxLength: 4 }), (obj, a, b, insert) => {
        const text = stringify(obj)
        const i = a % (text.length + 1)
        const j = Math.min(text.length, i + (b % 5))
        applyAndCheck(text.slice(0, i) + insert + text.slice(j))
      }),
      { numRuns: 300, seed: 11 },
    )
  })
})
