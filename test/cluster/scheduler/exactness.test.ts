// The scheduler keeps per-node state incrementally (spreading counts, the nodes with pods with
// affinity, default constraints per owner, score buffers) instead of recomputing it every cycle.
// These tests run it side by side with the scheduler as it was before (`reference/`, a copy of
// main at 7ca43a9) on twin inputs: random nodes (zones, racks, taints, images, cordons) and random
// pods (default and own spreading, node and pod affinity, tolerations, ports, requests), with pods
// bound, updated, finishing and removed and nodes changed, added and deleted between cycles. Every
// outcome (result, next start index, the whole diagnosis) and every random draw must be the same.
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { Prng } from '../../../src/cluster/prng.js'
import { podInfo, podInfoAfter } from '../../../src/cluster/scheduler/node-info.js'
import { schedulePod, Snapshot, type ScheduleOptions } from '../../../src/cluster/scheduler/schedule.js'
import { nodeObject } from '../../../src/cluster/topology.js'
import { schedulePod as referenceSchedulePod, Snapshot as ReferenceSnapshot } from './reference/schedule.js'

/** A small deterministic generator for the inputs (not the PRNG under test). */
class Gen {
  constructor(private s: number) {}
  int(n: number): number {
    this.s = (Math.imul(this.s, 1103515245) + 12345) >>> 0
    return Math.floor(((this.s >>> 8) / 2 ** 24) * n)
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]
  }
  chance(p: number): boolean {
    return this.int(1000) < p * 1000
  }
}

const IMAGES = ['nginx:1.27', 'redis:8', 'httpd:2.4', 'busybox']
const BASE_APPS = ['web', 'api', 'cache', 'db']
/** The apps pods belong to (each its own spreading selector); more than the snapshot tracks at once in one test. */
let APPS = BASE_APPS

function makeNode(g: Gen, i: number, rng: Prng, version = 0): Node {
  const n = nodeObject({ name: `node-${String(i).padStart(3, '0')}`, ip: `10.0.${i >> 8}.${i & 255}`, podCIDR: '', controlPlane: i === 0 }, version, rng) as Node
  const labels = { ...n.metadata!.labels }
  if (g.chance(0.6)) labels['topology.kubernetes.io/zone'] = g.pick(['a', 'b', 'c'])
  if (g.chance(0.4)) labels.rack = g.pick(['r1', 'r2', 'r3', 'r4'])
  if (g.chance(0.3)) labels.disk = g.pick(['ssd', 'hdd'])
  const spec = { ...n.spec }
  if (g.chance(0.1)) spec.taints = [...(spec.taints ?? []), { key: 'dedicated', value: 'gpu', effect: g.pick(['NoSchedule', 'PreferNoSchedule'] as const) }]
  if (g.chance(0.15)) spec.taints = [...(spec.taints ?? []), { key: 'soft', effect: 'PreferNoSchedule' }]
  if (g.chance(0.05)) spec.unschedulable = true
  const images = IMAGES.filter(() => g.chance(0.4)).map((name, k) => ({ names: [`docker.io/library/${name}`, name], sizeBytes: (30 + 70 * k + g.int(200)) * 1024 * 1024 }))
  const cpu = g.pick(['2', '4', '1'])
  return { ...n, metadata: { ...n.metadata, labels }, spec, status: { ...n.status, images, allocatable: { ...n.status!.allocatable, cpu, pods: g.pick(['110', '110', '8']) } } }
}

let uid = 0

function makePod(g: Gen, namespace = g.pick(['default', 'default', 'other'])): Pod {
  const app = g.pick(APPS)
  const labels: Record<string, string> = { app, tier: g.pick(['front', 'back']) }
  const requests: Record<string, string> = {}
  if (g.chance(0.5)) requests.cpu = g.pick(['100m', '250m', '500m', '1'])
  if (g.chance(0.5)) requests.memory = g.pick(['64Mi', '256Mi', '1Gi'])
  const containers = [{ name: 'main', image: g.pick(IMAGES), ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}), ...(g.chance(0.08) ? { ports: [{ containerPort: 80, hostPort: g.pick([8080, 9090]) }] } : {}) }]
  if (g.chance(0.2)) containers.push({ name: 'side', image: g.pick(IMAGES) })
  const spec: Pod['spec'] = { containers }
  if (g.chance(0.3)) spec.tolerations = [{ key: g.pick(['dedicated', 'soft', 'node-role.kubernetes.io/control-plane']), operator: 'Exists' }]
  if (g.chance(0.25)) {
    const own: TopologySpreadConstraint[] = []
    for (let k = 0; k < 1 + g.int(2); k++)
      own.push({
        maxSkew: 1 + g.int(3),
        topologyKey: g.pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'rack']),
        whenUnsatisfiable: g.pick(['DoNotSchedule', 'ScheduleAnyway']),
        labelSelector: g.chance(0.9) ? { matchLabels: { app } } : undefined,
        ...(g.chance(0.3) ? { matchLabelKeys: ['tier'] } : {}),
        ...(g.chance(0.2) ? { minDomains: 2 + g.int(3) } : {}),
        ...(g.chance(0.2) ? { nodeAffinityPolicy: 'Ignore' } : {}),
        ...(g.chance(0.2) ? { nodeTaintsPolicy: 'Honor' } : {}),
      })
    spec.topologySpreadConstraints = own
  }
  const affinity: NonNullable<Pod['spec']>['affinity'] = {}
  if (g.chance(0.15)) affinity.nodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 + g.int(50), preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] }
  if (g.chance(0.08)) affinity.nodeAffinity = { ...affinity.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [g.pick(['a', 'b'])] }] }] } }
  if (g.chance(0.1)) affinity.podAntiAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10 + g.int(90), podAffinityTerm: { topologyKey: g.pick(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']), labelSelector: { matchLabels: { app } } } }] }
  if (g.chance(0.05)) affinity.podAntiAffinity = { ...affinity.podAntiAffinity, requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } }] }
  if (g.chance(0.06)) affinity.podAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: { topologyKey: 'rack', labelSelector: { matchLabels: { app: g.pick(APPS) } } } }] }
  if (g.chance(0.03)) affinity.podAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: g.pick(APPS) } } }] }
  if (Object.keys(affinity).length > 0) spec.affinity = affinity
  if (g.chance(0.1)) spec.priority = g.pick([0, 100, 1000])
  const owner = g.chance(0.8) ? { kind: g.pick(['ReplicaSet', 'ReplicaSet', 'StatefulSet', 'ReplicationController']), name: `${app}-rs` } : undefined
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-${++uid}`,
      namespace,
      uid: `uid-${uid}`,
      labels,
      ...(owner ? { ownerReferences: [{ apiVersion: owner.kind === 'ReplicationController' ? 'v1' : 'apps/v1', kind: owner.kind, name: owner.name, uid: `owner-${owner.name}`, controller: true }] } : {}),
    },
    spec,
  }
}

/** Services, ReplicaSets and StatefulSets the default spreading reads; changed now and then as the cluster would. */
function makeLookups(g: Gen): { lookups: ScheduleOptions; change(): void } {
  let services = APPS.filter(() => g.chance(0.5)).map((app) => ({ metadata: { name: app, namespace: 'default' }, spec: { selector: { app } } }))
  let sets = new Map(APPS.map((app) => [`${app}-rs`, { metadata: { name: `${app}-rs` }, spec: { selector: { matchLabels: { app } }, template: {} } }]))
  const lookups: ScheduleOptions = {
    services: (ns) => (ns === 'default' ? services : []),
    replicaSet: (_ns, name) => sets.get(name) as never,
    statefulSet: (_ns, name) => sets.get(name) as never,
    replicationController: (_ns, name) => (sets.has(name) ? ({ spec: { selector: { app: name.split('-')[0] } } } as never) : undefined),
    namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns }),
    namespaces: () => ['default', 'other'].map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name } })),
  }
  return {
    lookups,
    change() {
      // New objects, as an informer hands out after an update.
      if (g.chance(0.5)) services = APPS.filter(() => g.chance(0.5)).map((app) => ({ metadata: { name: app, namespace: 'default' }, spec: { selector: g.chance(0.8) ? { app } : { app, tier: 'front' } } }))
      else sets = new Map([...sets].map(([k, v]) => [k, g.chance(0.3) ? { ...v, spec: { ...v.spec, selector: { matchLabels: { ...v.spec.selector.matchLabels, tier: 'back' } } } } : v]))
    },
  }
}

function run(seed: number, nodeCount: number, steps: number, options: { component?: boolean; percentage?: number; apps?: number } = {}): void {
  APPS = options.apps ? Array.from({ length: options.apps }, (_, i) => `app${i}`) : BASE_APPS
  const g = new Gen(seed)
  const nodeRng = Prng.fromSeed(seed)
  const nodes = Array.from({ length: nodeCount }, (_, i) => makeNode(g, i, nodeRng))
  const initial = nodes.map((node) => ({ node, pods: [] as Pod[] }))
  const cur = new Snapshot(initial)
  const ref = new ReferenceSnapshot(initial)
  const rngCur = Prng.fromSeed(seed + 1)
  const rngRef = Prng.fromSeed(seed + 1)
  const { lookups, change } = makeLookups(g)
  const bound: Pod[] = []
  let next = nodeCount
  let start = 0
  const late: { cur: unknown; ref: unknown }[] = []
  for (let step = 0; step < steps; step++) {
    const action = g.int(100)
    if (action < 60) {
      const p = makePod(g)
      const opts: ScheduleOptions = { ...lookups, startIndex: start, percentageOfNodesToScore: options.percentage }
      const a = schedulePod(p, cur, rngCur, options.component ? { ...opts, diagnose: false } : opts)
      const b = referenceSchedulePod(p, ref, rngRef, opts)
      expect(a.result).toEqual(b.result)
      expect(a.nextStartIndex).toBe(b.nextStartIndex)
      if (!options.component) {
        // Read at once, or after the snapshot has moved on (the diagnosis is built when read).
        if (g.chance(0.5)) expect(JSON.parse(JSON.stringify(a.diagnosis))).toEqual(JSON.parse(JSON.stringify(b.diagnosis)))
        else late.push({ cur: a.diagnosis, ref: b.diagnosis })
      }
      start = a.nextStartIndex
      if (a.result.kind === 'scheduled') {
        const placed = { ...p, spec: { ...p.spec!, nodeName: a.result.node } }
        // The bound version, told (or not) of the version the cycle parsed (as the component tells it).
        cur.addPod(placed, undefined, g.chance(0.7) ? p : undefined)
        ref.addPod(placed)
        bound.push(placed)
      }
    } else if (action < 70 && bound.length > 0) {
      // A status write: the same spec and labels, a new object.
      const i = g.int(bound.length)
      const old = bound[i]
      const updated = { ...old, status: { phase: 'Running', podIP: `10.1.0.${step & 255}` } }
      cur.updatePod(old, updated)
      ref.updatePod(old, updated)
      bound[i] = updated
    } else if (action < 75 && bound.length > 0) {
      // Deleted gracefully (still counted by resources, no longer by spreading), or relabelled.
      const i = g.int(bound.length)
      const old = bound[i]
      const updated = g.chance(0.5) ? { ...old, metadata: { ...old.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } } : { ...old, metadata: { ...old.metadata, labels: { ...old.metadata!.labels, app: g.pick(APPS) } } }
      cur.updatePod(old, updated)
      ref.updatePod(old, updated)
      bound[i] = updated
    } else if (action < 83 && bound.length > 0) {
      const [gone] = bound.splice(g.int(bound.length), 1)
      cur.removePod(gone)
      ref.removePod(gone)
    } else if (action < 90) {
      // A node's new version: a heartbeat (same labels), or changed labels, taints or images.
      const i = g.int(cur.nodes.length)
      const old = cur.nodes[i].node
      const node = g.chance(0.5) ? { ...old, status: { ...old.status } } : { ...makeNode(g, Number(old.metadata!.name!.slice(5)), nodeRng, step), metadata: { ...makeNode(g, 0, nodeRng).metadata, name: old.metadata!.name } }
      cur.setNode(node)
      ref.setNode(node)
    } else if (action < 93) {
      const node = makeNode(g, next++, nodeRng)
      cur.setNode(node)
      ref.setNode(node)
    } else if (action < 95 && cur.nodes.length > 2) {
      const name = cur.nodes[g.int(cur.nodes.length)].name
      for (let k = bound.length - 1; k >= 0; k--) if (bound[k].spec?.nodeName === name) bound.splice(k, 1)
      cur.deleteNode(name)
      ref.deleteNode(name)
    } else change()
  }
  for (const d of late) expect(JSON.parse(JSON.stringify(d.cur))).toEqual(JSON.parse(JSON.stringify(d.ref)))
  expect(rngCur.uint32()).toBe(rngRef.uint32())
}

describe('the scheduler against the one before incremental state', () => {
  it.each([1, 2, 3, 4, 5, 6])('small clusters (every node searched), seed %i', (seed) => run(seed, 12 + seed * 3, 400))
  it.each([11, 12, 13])('150 nodes (a window of the nodes per cycle), seed %i', (seed) => run(seed, 150, 300))
  it('150 nodes, percentageOfNodesToScore 20', () => run(21, 150, 300, { percentage: 20 }))
  it.each([31, 32])('as the component schedules (no diagnosis), seed %i', (seed) => run(seed, 140, 300, { component: true }))
  it('more spreading selectors at once than the snapshot tracks (300 apps)', () => run(41, 40, 1500, { apps: 300 }))
})

describe('podInfoAfter (a pod just bound keeps what was parsed of it)', () => {
  const g = new Gen(99)
  it('shares the previous PodInfo when the spec differs in nodeName alone, and parses anew otherwise', () => {
    const p = makePod(g)
    const before = podInfo(p)
    const bound = { ...p, spec: { ...p.spec!, nodeName: 'node-001' } }
    const info = podInfoAfter(bound, p)
    expect(info.pod).toBe(bound)
    expect(info.requests).toBe(before.requests)
    // Another request, another spec part, another namespace, an added key: parsed again, as podInfo would.
    const more = { ...p, spec: { ...p.spec!, nodeName: 'node-001', containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '3' } } }] } }
    expect(podInfoAfter(more, p).requests.milliCPU).toBe(3000)
    const elsewhere = { ...p, metadata: { ...p.metadata, namespace: 'other' }, spec: { ...p.spec!, nodeName: 'node-001' } }
    expect(podInfoAfter(elsewhere, p).requests).not.toBe(before.requests)
    const added = { ...p, spec: { ...p.spec!, nodeName: 'node-001', hostNetwork: true } }
    expect(podInfoAfter(added, p).requests).not.toBe(before.requests)
    const unknown = { ...p, spec: { ...p.spec!, nodeName: 'node-001' } }
    expect(podInfoAfter(unknown, { ...p }).requests).not.toBe(before.requests)
  })
})
