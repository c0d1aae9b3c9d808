// A lease holder's renewal takes a short way through the apiserver (ApiServer.renewLease) while the
// stored lease is the one it last wrote: the stored object, the answer, the revision and the trace
// entry must be exactly those of the full update it stands for, and anything else takes that update.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { StoredObject } from '../../src/cluster/object.js'

const START = Date.UTC(2026, 0, 1)

/** Two identical clusters, with their components stopped, so that only the calls below write. */
function twins(): [SimulatedCluster, SimulatedCluster] {
  const make = () => {
    const c = SimulatedCluster.create({ seed: 4, workers: 1, startTime: START })
    for (const name of c.componentNames()) c.stop(name)
    return c
  }
  return [make(), make()]
}

function lease(c: SimulatedCluster): StoredObject & { spec: Record<string, unknown> } {
  const got = c.api.get('test', 'leases', 'kube-node-lease', 'node-1', { silent: true })
  if (!got.ok) throw new Error(got.error.message)
  return got.value as StoredObject & { spec: Record<string, unknown> }
}
const renewTime = '2026-01-01T00:00:10.000000Z'

describe('ApiServer.renewLease', () => {
  it('stores, answers and traces what the full update does', () => {
    const [slow, fast] = twins()
    const a = slow.api.update('kubelet/node-1', { ...lease(slow), spec: { ...lease(slow).spec, renewTime } })
    const b = fast.api.renewLease('kubelet/node-1', lease(fast), renewTime)
    expect(b).toEqual(a)
    expect(JSON.stringify(b.ok && b.value)).toBe(JSON.stringify(a.ok && a.value))
    expect(JSON.stringify(lease(fast))).toBe(JSON.stringify(lease(slow)))
    expect(fast.api.revision).toBe(slow.api.revision)
    expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
    expect(fast.trace.entries().at(-1)).toMatchObject({ verb: 'update', resource: 'leases.coordination.k8s.io', name: 'node-1', code: 200 })
  })

  it('writes nothing for the same renewTime (a no-op update), and still answers and traces it', () => {
    const [slow, fast] = twins()
    const written = fast.api.renewLease('kubelet/node-1', lease(fast), renewTime)
    slow.api.update('kubelet/node-1', { ...lease(slow), spec: { ...lease(slow).spec, renewTime } })
    const revision = fast.api.revision
    const again = fast.api.renewLease('kubelet/node-1', written.ok ? written.value : lease(fast), renewTime)
    const slowAgain = slow.api.update('kubelet/node-1', { ...lease(slow), spec: { ...lease(slow).spec, renewTime } })
    expect(fast.api.revision).toBe(revision)
    expect(again).toEqual(slowAgain)
    expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
  })

  it('answers a stale lease with the Conflict of the full update', () => {
    const [slow, fast] = twins()
    const stale = lease(fast)
    fast.api.renewLease('kubelet/node-1', stale, renewTime)
    const staleSlow = lease(slow)
    slow.api.update('kubelet/node-1', { ...staleSlow, spec: { ...staleSlow.spec, renewTime } })
    const b = fast.api.renewLease('kubelet/node-1', stale, '2026-01-01T00:00:20.000000Z')
    const a = slow.api.update('kubelet/node-1', { ...staleSlow, spec: { ...staleSlow.spec, renewTime: '2026-01-01T00:00:20.000000Z' } })
    expect(b.ok).toBe(false)
    expect(b).toEqual(a)
    expect(!b.ok && b.error.reason).toBe('Conflict')
    expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
  })

  it('leaves a renewTime not written as rfc3339Micro writes it to the full update', () => {
    const [slow, fast] = twins()
    const b = fast.api.renewLease('kubelet/node-1', lease(fast), 'yesterday')
    const a = slow.api.update('kubelet/node-1', { ...lease(slow), spec: { ...lease(slow).spec, renewTime: 'yesterday' } })
    expect(b).toEqual(a)
    expect(JSON.stringify(lease(fast))).toBe(JSON.stringify(lease(slow)))
    expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
  })
})
