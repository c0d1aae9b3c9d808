import { describe, expect, it } from 'vitest'
import { SimulatedCluster, BOOT } from '../../src/cluster/cluster.js'
import { rfc3339Micro } from '../../src/cluster/clock.js'
import { apiserverId, IDENTITY_LEASE_RENEW } from '../../src/cluster/apiserver-identity.js'
import type { StoredObject } from '../../src/cluster/object.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
const ID = 'apiserver-6vzvajxlkf7lcarzgdc4jnyaru'

function identityLease(c: SimulatedCluster): StoredObject & { spec: Record<string, unknown> } {
  const got = c.api.get('test', 'leases', 'kube-system', ID)
  if (!got.ok) throw new Error(got.error.message)
  return got.value as StoredObject & { spec: Record<string, unknown> }
}

const writes = (c: SimulatedCluster, after: number): number[] =>
  c.trace
    .entries()
    .filter((e) => e.who === 'kube-apiserver' && e.resource === 'leases.coordination.k8s.io' && e.name === ID && e.verb !== 'get' && e.time > after)
    .map((e) => e.time)

describe("kube-apiserver's identity lease (APIServerIdentity)", () => {
  it('is named from a hash of the host name, as k8s.io/apiserver NewConfig names it', () => {
    // Worked out apart: Python's hashlib.sha256 over b'\x00\x0d' b'control-plane' b'\x00\x0e'
    // b'kube-apiserver', the first 16 bytes in base32, lower case, no padding.
    expect(apiserverId('control-plane')).toBe(ID)
    expect(apiserverId('kind-control-plane')).toBe('apiserver-c7uylvfxlbqccnk6myfkwetzze')
    expect(apiserverId('minikube')).toBe('apiserver-eqt674mfxb4j56mrjjkoe7b7ii')
  })

  it('is held from the start in kube-system, labelled, for 3600 s, and renewed every 10 s', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const l = identityLease(c)
    expect(l.metadata.labels).toEqual({ 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': 'control-plane' })
    expect(l.metadata.creationTimestamp).toBe(new Date(T0 - BOOT.init).toISOString().replace('.000Z', 'Z'))
    expect(l.spec.holderIdentity).toMatch(new RegExp(`^${ID}_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))
    expect(l.spec.leaseDurationSeconds).toBe(3600)
    expect(l.spec.renewTime).toBe(rfc3339Micro(T0))
    // No acquireTime or transitions: it is no leader election.
    expect(Object.keys(l.spec).sort()).toEqual(['holderIdentity', 'leaseDurationSeconds', 'renewTime'])
    c.advance(30_000)
    expect(writes(c, T0)).toEqual([1, 2, 3].map((n) => T0 + n * IDENTITY_LEASE_RENEW))
    expect(identityLease(c).spec.holderIdentity).toBe(l.spec.holderIdentity)
  })

  it('comes back at the next sync when deleted, and keeps its beat across a snapshot', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, systemPods: false })
    expect(identityLease(c).spec.renewTime).toBe(rfc3339Micro(T0))
    expect(c.api.delete('kubectl', 'leases', 'kube-system', ID).ok).toBe(true)
    c.advance(IDENTITY_LEASE_RENEW)
    expect(identityLease(c).spec.renewTime).toBe(rfc3339Micro(T0 + IDENTITY_LEASE_RENEW))
    const copy = SimulatedCluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    for (const x of [c, copy]) x.advance(25_000)
    expect(identityLease(copy)).toEqual(identityLease(c))
    expect(writes(copy, T0 + IDENTITY_LEASE_RENEW)).toEqual([T0 + 20_000, T0 + 30_000])
  })
})
