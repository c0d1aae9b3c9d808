// A kubelet's status patch (`{metadata: {uid}, status}` on pods/status) takes a short way through
// the apiserver that merges and decodes only the status. The answer, the stored object (key order
// included), the revision and the trace entry must be exactly those of the full path, which a body
// with one more metadata field (the name, which changes nothing) still takes.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { StoredObject } from '../../src/cluster/object.js'

const START = Date.UTC(2026, 0, 1)

/** Two identical clusters with a bound pod `web`, their components stopped, so only the calls below write. */
function twins(): [SimulatedCluster, SimulatedCluster] {
  const make = () => {
    const c = SimulatedCluster.create({ seed: 4, workers: 1, startTime: START })
    for (const name of c.componentNames()) c.stop(name)
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    }
    expect(c.api.create('test', pod).ok).toBe(true)
    expect(c.api.bind('test', 'default', 'web', 'node-1').ok).toBe(true)
    return c
  }
  return [make(), make()]
}

function pod(c: SimulatedCluster): StoredObject {
  const got = c.api.get('test', 'pods', 'default', 'web', { silent: true })
  if (!got.ok) throw new Error(got.error.message)
  return got.value
}

/** The same patch on both: the short way on `fast`, the full path (a name in metadata) on `slow`. */
function patchBoth(slow: SimulatedCluster, fast: SimulatedCluster, status: unknown, uid?: string) {
  const a = slow.api.patch('kubelet/node-1', 'pods', 'default', 'web', { metadata: { uid: uid ?? pod(slow).metadata.uid, name: 'web' }, status }, 'strategic', { subresource: 'status' })
  const b = fast.api.patch('kubelet/node-1', 'pods', 'default', 'web', { metadata: { uid: uid ?? pod(fast).metadata.uid }, status }, 'strategic', { subresource: 'status' })
  return { a, b }
}

function expectSame(slow: SimulatedCluster, fast: SimulatedCluster, a: unknown, b: unknown): void {
  expect(b).toEqual(a)
  expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  expect(JSON.stringify(pod(fast))).toBe(JSON.stringify(pod(slow)))
  expect(fast.api.revision).toBe(slow.api.revision)
  expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
}

const running = {
  '$setElementOrder/conditions': [{ type: 'PodReadyToStartContainers' }, { type: 'Initialized' }, { type: 'Ready' }, { type: 'ContainersReady' }, { type: 'PodScheduled' }],
  conditions: [
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:02Z' },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' },
    { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:03Z' },
    { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:03Z' },
  ],
  containerStatuses: [
    {
      name: 'main',
      image: 'docker.io/library/nginx:1.27',
      imageID: 'docker.io/library/nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000',
      containerID: 'containerd://abc',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: '2026-01-01T00:00:03Z' } },
      lastState: {},
    },
  ],
  phase: 'Running',
  hostIP: '172.18.0.3',
  hostIPs: [{ ip: '172.18.0.3' }],
  podIP: '10.244.1.5',
  podIPs: [{ ip: '10.244.1.5' }],
  startTime: '2026-01-01T00:00:01Z',
}

describe('a kubelet status patch on the short way', () => {
  it('stores, answers and traces what the full path does', () => {
    const [slow, fast] = twins()
    const { a, b } = patchBoth(slow, fast, running)
    expect(b.ok).toBe(true)
    expectSame(slow, fast, a, b)
    expect(pod(fast).status).toMatchObject({ phase: 'Running', podIP: '10.244.1.5' })
    // A second patch on top of the first (a list merged by its key, a field removed).
    const next = patchBoth(slow, fast, { conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }], podIP: null })
    expectSame(slow, fast, next.a, next.b)
  })

  it('writes nothing for a patch that changes nothing, and still answers and traces it', () => {
    const [slow, fast] = twins()
    patchBoth(slow, fast, running)
    const revision = fast.api.revision
    const { a, b } = patchBoth(slow, fast, { phase: 'Running' })
    expect(fast.api.revision).toBe(revision)
    expectSame(slow, fast, a, b)
  })

  it('answers a wrong uid, a badly typed status, an unknown field and a malformed patch as the full path does', () => {
    for (const [status, uid, code] of [
      [{ phase: 'Running' }, 'not-the-uid', 409],
      [{ containerStatuses: 'oops' }, undefined, 400],
      [{ conditions: [{ type: 'Ready', status: 'True', unknownField: 1 }] }, undefined, 200],
      [{ $setElementOrder: { conditions: [] } }, undefined, 500],
    ] as const) {
      const [slow, fast] = twins()
      const { a, b } = patchBoth(slow, fast, status, uid)
      expect(a.ok ? 200 : a.error.code).toBe(code)
      expectSame(slow, fast, a, b)
    }
  })

  it('merges into copies of the named status fields only, and still stores what the full path does', () => {
    // Each patch names some fields of a stored status whose other fields (conditions with null
    // lastProbeTime, lists of IPs) are shared with the stored pod until decoding copies them.
    const patches: unknown[] = [
      { containerStatuses: [{ name: 'main', ready: false, started: false, state: { terminated: { exitCode: 1, reason: 'Error' } } }] },
      { '$setElementOrder/conditions': [{ type: 'PodScheduled' }, { type: 'Ready' }, { type: 'Initialized' }, { type: 'ContainersReady' }, { type: 'PodReadyToStartContainers' }] },
      { podIPs: [{ ip: '10.244.1.6' }], podIP: '10.244.1.6', hostIPs: null },
      { $retainKeys: ['phase', 'conditions'], phase: 'Failed' },
      { conditions: [{ type: 'Ready', $patch: 'delete' }] },
      { conditions: [{ type: 'Extra', status: 'True', lastProbeTime: null, lastTransitionTime: null }], '$deleteFromPrimitiveList/nothing': ['x'] },
      { containerStatuses: { $patch: 'replace' } },
      { qosClass: 'Guaranteed', $patch: 'replace' },
    ]
    for (const status of patches) {
      const [slow, fast] = twins()
      patchBoth(slow, fast, running)
      const stored = pod(fast)
      const { a, b } = patchBoth(slow, fast, status)
      expectSame(slow, fast, a, b)
      // The stored pod the merge started from is as it was (frozen, shared parts untouched).
      expect(Object.isFrozen(stored.status)).toBe(true)
    }
  })
})
