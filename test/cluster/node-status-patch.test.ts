// A kubelet's node status post (`{status: {conditions}}` on nodes/status, every node every 5 minutes)
// takes the short way through the apiserver that merges and decodes only the status. The answer,
// the stored node (key order included), the revision and the trace entry must be exactly those of
// the full path, which a body with `metadata.name` (which changes nothing) still takes.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { StoredObject } from '../../src/cluster/object.js'

const START = Date.UTC(2026, 0, 1)

/** Two identical clusters, their components stopped, so only the calls below write. */
function twins(): [SimulatedCluster, SimulatedCluster] {
  const make = () => {
    const c = SimulatedCluster.create({ seed: 4, workers: 1, startTime: START })
    for (const name of c.componentNames()) c.stop(name)
    return c
  }
  return [make(), make()]
}

function node(c: SimulatedCluster): StoredObject {
  const got = c.api.get('test', 'nodes', undefined, 'node-1', { silent: true })
  if (!got.ok) throw new Error(got.error.message)
  return got.value
}

/** The same patch on both: the short way on `fast`, the full path (a name in metadata) on `slow`. */
function patchBoth(slow: SimulatedCluster, fast: SimulatedCluster, status: unknown) {
  const a = slow.api.patch('kubelet/node-1', 'nodes', undefined, 'node-1', { metadata: { name: 'node-1' }, status }, 'strategic', { subresource: 'status' })
  const b = fast.api.patch('kubelet/node-1', 'nodes', undefined, 'node-1', { status }, 'strategic', { subresource: 'status' })
  return { a, b }
}

function expectSame(slow: SimulatedCluster, fast: SimulatedCluster, a: unknown, b: unknown): void {
  expect(b).toEqual(a)
  expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  expect(JSON.stringify(node(fast))).toBe(JSON.stringify(node(slow)))
  expect(fast.api.revision).toBe(slow.api.revision)
  expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
}

/** What the kubelet posts (heartbeat.ts postNodeStatus), at a later heartbeat. */
const heartbeat = (at: string) => ({
  conditions: [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: at, lastTransitionTime: '2026-01-01T00:00:00Z' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: at, lastTransitionTime: '2026-01-01T00:00:00Z' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: at, lastTransitionTime: '2026-01-01T00:00:00Z' },
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: at, lastTransitionTime: '2026-01-01T00:00:00Z' },
  ],
})

describe('a kubelet node status post on the short way', () => {
  it('stores, answers and traces what the full path does', () => {
    const [slow, fast] = twins()
    const before = node(fast)
    const { a, b } = patchBoth(slow, fast, heartbeat('2026-01-01T00:05:00Z'))
    expect(b.ok).toBe(true)
    expectSame(slow, fast, a, b)
    const after = node(fast)
    expect(after.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion)
    // Only the status is new: the rest is the stored node's.
    expect(after.spec).toBe(before.spec)
    expect(after.metadata.labels).toBe(before.metadata.labels)
    // Another post, and one that drops allocatable (defaulted from capacity, as the full path does).
    const next = patchBoth(slow, fast, heartbeat('2026-01-01T00:10:00Z'))
    expectSame(slow, fast, next.a, next.b)
    const dropped = patchBoth(slow, fast, { allocatable: null })
    expect(dropped.b.ok).toBe(true)
    expectSame(slow, fast, dropped.a, dropped.b)
  })

  it('writes nothing for a post that changes nothing, and still answers and traces it', () => {
    const [slow, fast] = twins()
    patchBoth(slow, fast, heartbeat('2026-01-01T00:05:00Z'))
    const revision = fast.api.revision
    const { a, b } = patchBoth(slow, fast, heartbeat('2026-01-01T00:05:00Z'))
    expect(fast.api.revision).toBe(revision)
    expectSame(slow, fast, a, b)
  })

  it('answers a badly typed status, an unknown field, an invalid value and a malformed patch as the full path does', () => {
    for (const [status, code] of [
      [{ conditions: 'oops' }, 400],
      [{ conditions: [{ type: 'Ready', status: 'True', unknownField: 1 }] }, 200],
      [{ capacity: { cpu: 'lots' } }, 400],
      [{ $setElementOrder: { conditions: [] } }, 500],
    ] as const) {
      const [slow, fast] = twins()
      const { a, b } = patchBoth(slow, fast, status)
      expect(a.ok ? 200 : a.error.code).toBe(code)
      expectSame(slow, fast, a, b)
    }
  })
})
