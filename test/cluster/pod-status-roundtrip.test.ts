// ApiServer.patchPodStatus: the kubelet's status write without the patch, while the pod it last saw
// is the stored one. Twin clusters: one writes each status that way, the other sends the patch the
// kubelet would send (the two-way diff, with the pod's uid); answers, stored text, revisions and
// trace entries must be the same, and the short way must have been taken where it applies.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { StoredObject } from '../../src/cluster/object.js'
import type { Json, JsonObject } from '../../src/cluster/patch/json.js'
import { patchSchemaFor } from '../../src/cluster/patch/schema.js'
import { createTwoWayMergePatch } from '../../src/cluster/patch/strategic-diff.js'

const START = Date.UTC(2026, 0, 1)
const WHO = 'kubelet/node-1'

function make(): SimulatedCluster {
  const c = SimulatedCluster.create({ seed: 4, workers: 1, startTime: START })
  for (const name of c.componentNames()) c.stop(name)
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
  }
  expect(c.api.create('test', pod).ok).toBe(true)
  expect(c.api.bind('test', 'default', 'web', 'node-1').ok).toBe(true)
  return c
}

function stored(c: SimulatedCluster): StoredObject {
  return c.etcd.get('/registry/pods/default/web')!.value as unknown as StoredObject
}

/** The kubelet's patch of `status` against `base`, sent in full (or, should the diff fail, its update of the whole status). */
function sendPatch(c: SimulatedCluster, base: StoredObject, status: JsonObject) {
  const diff = createTwoWayMergePatch({ status: (base.status ?? {}) as JsonObject }, { status }, patchSchemaFor('v1', 'Pod')!)
  if (!diff.ok) return c.api.update(WHO, { ...base, status }, { subresource: 'status' })
  return c.api.patch(WHO, 'pods', 'default', 'web', { metadata: { uid: base.metadata.uid }, ...diff.value }, 'strategic', { subresource: 'status' })
}

const T = (s: number) => new Date(START + s * 1000).toISOString().replace('.000Z', 'Z')
const cond = (type: string, status: string, s: number, extra: JsonObject = {}): JsonObject => ({ type, status, lastProbeTime: null, lastTransitionTime: T(s), ...extra })
const notReady = { reason: 'ContainersNotReady', message: 'containers with unready status: [main]' }

const creating: JsonObject = {
  phase: 'Pending',
  conditions: [cond('PodReadyToStartContainers', 'False', 1), cond('Initialized', 'True', 1), cond('Ready', 'False', 1, notReady), cond('ContainersReady', 'False', 1, notReady), cond('PodScheduled', 'True', 0)],
  hostIP: '172.18.0.3',
  hostIPs: [{ ip: '172.18.0.3' }],
  startTime: T(1),
  containerStatuses: [{ name: 'main', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false }],
  qosClass: 'BestEffort',
}

const running: JsonObject = {
  ...creating,
  phase: 'Running',
  conditions: [cond('PodReadyToStartContainers', 'True', 2), cond('Initialized', 'True', 1), cond('Ready', 'True', 3), cond('ContainersReady', 'True', 3), cond('PodScheduled', 'True', 0)],
  podIP: '10.244.1.5',
  podIPs: [{ ip: '10.244.1.5' }],
  containerStatuses: [
    {
      name: 'main',
      state: { running: { startedAt: T(3) } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:1.27',
      imageID: 'docker.io/library/nginx@sha256:0a1b',
      containerID: 'containerd://abc',
      started: true,
    },
  ],
}

const crashed: JsonObject = {
  ...running,
  conditions: [cond('PodReadyToStartContainers', 'True', 2), cond('Initialized', 'True', 1), cond('Ready', 'False', 9, notReady), cond('ContainersReady', 'False', 9, notReady), cond('PodScheduled', 'True', 0)],
  containerStatuses: [
    {
      name: 'main',
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=main' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: T(3), finishedAt: T(9), containerID: 'containerd://abc' } },
      ready: false,
      restartCount: 1,
      image: 'docker.io/library/nginx:1.27',
      imageID: 'docker.io/library/nginx@sha256:0a1b',
      containerID: 'containerd://abc',
      started: false,
    },
  ],
}

describe('a kubelet status write without the patch', () => {
  it('answers, stores and traces what the patch does, step after step', () => {
    const slow = make()
    const fast = make()
    const steps: [JsonObject, boolean][] = [
      [creating, true],
      [running, true],
      [running, false], // no change: the diff sends no status, so the patch itself goes (a no-op)
      [crashed, true],
      [{ ...crashed, podIP: 'not-an-ip', podIPs: [{ ip: 'not-an-ip' }] }, true], // refused by validation, alike
      [{ ...running, reason: 'Evicted', conditions: [...(running.conditions as JsonObject[])].reverse() }, true],
      [{ ...running, unknownField: 'x' } as JsonObject, false], // decoding has something to say: the patch goes
    ]
    for (const [status, short] of steps) {
      const a = sendPatch(slow, stored(slow), status)
      const base = stored(fast)
      const taken = fast.api.patchPodStatus(WHO, base, status)
      expect(taken !== undefined).toBe(short)
      const b = taken ?? sendPatch(fast, base, status)
      expect(JSON.stringify(b)).toBe(JSON.stringify(a))
      expect(JSON.stringify(stored(fast))).toBe(JSON.stringify(stored(slow)))
      expect(fast.api.revision).toBe(slow.api.revision)
      expect(fast.trace.entries()).toEqual(slow.trace.entries())
    }
    expect(fast.trace.entries().at(-1)).toMatchObject({ who: WHO, verb: 'patch', resource: 'pods', subresource: 'status', name: 'web', code: 200 })
  })

  it('leaves a pod it did not last see to the patch', () => {
    const c = make()
    const before = stored(c)
    expect(sendPatch(c, before, creating).ok).toBe(true)
    const entries = c.trace.entries().length
    const revision = c.api.revision
    expect(c.api.patchPodStatus(WHO, before, running)).toBeUndefined()
    // Nothing was written or traced.
    expect(c.trace.entries().length).toBe(entries)
    expect(c.api.revision).toBe(revision)
  })
  it('answers, stores and traces what the patch does through 400 random statuses in a row', () => {
    // Statuses near the kubelet's (and some it never writes: nulls, lists in odd orders, duplicate
    // condition types, null list items, unknown fields, values of the wrong type), each written on
    // top of the one before: many go the short way.
    const text = fc.constantFrom('a', 'True', 'False', T(1), T(2), '10.0.0.1')
    const scalar: fc.Arbitrary<Json> = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constant(null) })
    const condition = fc
      .record({ type: fc.constantFrom('PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'), status: fc.constantFrom('True', 'False') }, { requiredKeys: ['type', 'status'] })
      .chain((c) => fc.record({ lastProbeTime: fc.constant(null), lastTransitionTime: text, reason: text, message: scalar }, { requiredKeys: [] }).map((extra) => ({ ...c, ...extra }) as JsonObject))
    const item = (x: fc.Arbitrary<JsonObject>) => fc.oneof({ weight: 12, arbitrary: x }, { weight: 1, arbitrary: fc.constant(null) }) as fc.Arbitrary<Json>
    const containerStatus = fc.record({
      name: fc.constantFrom('main', 'side'),
      ready: fc.boolean(),
      restartCount: fc.integer({ min: 0, max: 2 }),
      state: fc.constantFrom<Json>({ running: { startedAt: T(3) } }, { waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1, reason: 'Error', startedAt: T(3), finishedAt: T(9) } }),
      lastState: fc.constantFrom<Json>({}, { terminated: { exitCode: 1, reason: 'Error', startedAt: T(3), finishedAt: T(9) } }),
    }) as fc.Arbitrary<JsonObject>
    const ips = fc.uniqueArray(fc.constantFrom('10.244.1.5', '10.244.1.6', 'fd00::5'), { minLength: 1, maxLength: 2 }).map((l) => l.map((ip) => ({ ip }) as Json))
    const status = fc.record(
      {
        phase: fc.constantFrom<Json>('Pending', 'Running', 'Failed'),
        conditions: fc.oneof(
          { weight: 10, arbitrary: fc.uniqueArray(condition, { selector: (c) => c.type, minLength: 1, maxLength: 5 }) as fc.Arbitrary<Json> },
          { weight: 1, arbitrary: fc.array(item(condition), { minLength: 1, maxLength: 6 }) as fc.Arbitrary<Json> },
        ),
        hostIP: fc.constant('172.18.0.3'),
        hostIPs: fc.constant([{ ip: '172.18.0.3' }] as Json),
        podIP: fc.constantFrom<Json>('10.244.1.5', '10.244.1.6', null),
        podIPs: ips,
        startTime: fc.constantFrom(T(1), T(2)),
        containerStatuses: fc.oneof(
          { weight: 10, arbitrary: fc.uniqueArray(containerStatus, { selector: (c) => c.name, maxLength: 2 }) as fc.Arbitrary<Json> },
          { weight: 1, arbitrary: fc.array(item(containerStatus), { maxLength: 2 }) as fc.Arbitrary<Json> },
        ),
        qosClass: fc.constantFrom('BestEffort', 'Burstable'),
        message: scalar,
      },
      { requiredKeys: ['phase', 'conditions', 'hostIP', 'startTime', 'qosClass'] },
    ) as fc.Arbitrary<JsonObject>
    // One status in twenty has a field Pod has not.
    const odd = fc.tuple(status, fc.nat(19)).map(([st, n]) => (n === 0 ? { ...st, unknownField: 'x' } : st))
    const statuses = fc.sample(odd, { numRuns: 400, seed: 11 })
    const slow = make()
    const fast = make()
    let short = 0
    for (const s of statuses) {
      const a = sendPatch(slow, stored(slow), s)
      const base = stored(fast)
      const taken = fast.api.patchPodStatus(WHO, base, s)
      if (taken) short++
      const b = taken ?? sendPatch(fast, base, s)
      expect(JSON.stringify(b)).toBe(JSON.stringify(a))
      expect(JSON.stringify(stored(fast))).toBe(JSON.stringify(stored(slow)))
      expect(fast.api.revision).toBe(slow.api.revision)
    }
    expect(fast.trace.entries()).toEqual(slow.trace.entries())
    expect(short).toBeGreaterThan(150)
  })
})
