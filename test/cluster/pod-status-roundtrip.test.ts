// ApiServer.patchPodStatus: the kubelet's status write without the patch, while the pod it last saw
// is the stored one. Twin clusters: one writes each status that way, the other sends the patch the
// kubelet would send (the two-way diff, with the pod's uid); answers, stored text, revisions and
// trace entries must be the same, and the short way must have been taken where it applies.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { StoredObject } from '../../src/cluster/object.js'
import type { JsonObject } from '../../src/cluster/patch/json.js'
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

/** The kubelet's patch of `status` against `base`, sent in full. */
function sendPatch(c: SimulatedCluster, base: StoredObject, status: JsonObject) {
  const diff = createTwoWayMergePatch({ status: (base.status ?? {}) as JsonObject }, { status }, patchSchemaFor('v1', 'Pod')!)
  if (!diff.ok) throw new Error(diff.error.message)
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
})
