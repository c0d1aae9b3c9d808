import { describe, expect, it } from 'vitest'
import { SimulatedCluster, BOOT } from '../../../src/cluster/cluster.js'
import { rfc3339Micro } from '../../../src/cluster/clock.js'
import { LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD, JITTER_FACTOR } from '../../../src/cluster/controller/leader-election.js'
import type { StoredObject } from '../../../src/cluster/object.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
const IDENTITY = /^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

interface LeaseSpec {
  holderIdentity?: string
  leaseDurationSeconds?: number
  acquireTime?: string
  renewTime?: string
  leaseTransitions?: number
}

function lease(c: SimulatedCluster, name: string): StoredObject & { spec: LeaseSpec } {
  const got = c.api.get('test', 'leases', 'kube-system', name)
  if (!got.ok) throw new Error(got.error.message)
  return got.value as StoredObject & { spec: LeaseSpec }
}

/** The LeaderElection events of kube-system, oldest first: `source: message`. */
function leaderEvents(c: SimulatedCluster, name: string): string[] {
  return c.etcd
    .range('/registry/events/kube-system/')
    .map((kv) => kv.value as Record<string, any>)
    .filter((e) => e.reason === 'LeaderElection' && e.involvedObject.name === name)
    .sort((a, b) => String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)))
    .map((e) => `${e.source.component} ${e.involvedObject.kind} ${e.type}: ${e.message}`)
}

/** When `who` wrote its lease, from the trace. */
function leaseWrites(c: SimulatedCluster, who: string): number[] {
  return c.trace
    .entries()
    .filter((e) => e.who === who && e.resource === 'leases.coordination.k8s.io' && e.namespace === 'kube-system' && e.verb !== 'get')
    .map((e) => e.time)
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
}

const replicaSets = (c: SimulatedCluster): number => c.etcd.range('/registry/replicasets/default/').length

describe('leader election of kube-controller-manager and kube-scheduler (client-go leaderelection, Lease lock)', () => {
  it('each takes its Lease in kube-system as it starts, says so in an event, and renews it every 2 s', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const started = T0 - BOOT.init
    for (const [name, source] of [
      ['kube-controller-manager', 'kube-controller-manager'],
      ['kube-scheduler', 'default-scheduler'],
    ]) {
      const l = lease(c, name)
      expect(l.spec.holderIdentity).toMatch(IDENTITY)
      expect(l.spec.leaseDurationSeconds).toBe(15)
      expect(l.spec.leaseTransitions).toBe(0)
      expect(l.spec.acquireTime).toBe(rfc3339Micro(started))
      // The boot lasts 90 s: the last renewal was at the start time, 45 renewals after the first.
      expect(l.spec.renewTime).toBe(rfc3339Micro(T0))
      expect(leaderEvents(c, name)).toEqual([`${source} Lease Normal: ${l.spec.holderIdentity} became leader`])
    }
    expect(lease(c, 'kube-controller-manager').spec.holderIdentity).not.toBe(lease(c, 'kube-scheduler').spec.holderIdentity)
    c.advance(10_000)
    const writes = leaseWrites(c, 'kube-scheduler').filter((t) => t > T0)
    expect(writes).toEqual([2, 4, 6, 8, 10].map((s) => T0 + s * 1000))
    expect(lease(c, 'kube-scheduler').spec.renewTime).toBe(rfc3339Micro(T0 + 10_000))
    // Renewals keep the acquire time; no new event.
    expect(lease(c, 'kube-scheduler').spec.acquireTime).toBe(rfc3339Micro(started))
    expect(leaderEvents(c, 'kube-scheduler')).toHaveLength(1)
  })

  it('kube-scheduler gives its lease up when it stops, and a new one takes it at once', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const before = lease(c, 'kube-scheduler').spec.holderIdentity
    c.advance(3_000)
    c.stop('kube-scheduler')
    expect(lease(c, 'kube-scheduler').spec).toEqual({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: rfc3339Micro(T0 + 3_000),
      renewTime: rfc3339Micro(T0 + 3_000),
      leaseTransitions: 0,
    })
    c.advance(5_000)
    // A pod made while it is away is scheduled as soon as the new process starts.
    c.api.create('kubectl', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } })
    c.start('kube-scheduler')
    c.settle()
    const now = lease(c, 'kube-scheduler').spec
    expect(now.holderIdentity).toMatch(IDENTITY)
    expect(now.holderIdentity).not.toBe(before)
    expect(now.leaseTransitions).toBe(1)
    expect(now.acquireTime).toBe(rfc3339Micro(T0 + 8_000))
    const pod = c.api.get('test', 'pods', 'default', 'p')
    expect(pod.ok && (pod.value.spec as { nodeName?: string }).nodeName).toMatch(/^node-/)
    expect(leaderEvents(c, 'kube-scheduler').at(-1)).toBe(`default-scheduler Lease Normal: ${now.holderIdentity} became leader`)
  })

  it('kube-controller-manager keeps its lease when it stops: a new one waits 15 s after it first sees it before acting', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const old = lease(c, 'kube-controller-manager').spec
    c.stop('kube-controller-manager')
    // Stopping does not touch the lease: its holder stays, its renewTime goes stale.
    expect(lease(c, 'kube-controller-manager').spec).toEqual(old)
    c.advance(20_000)
    // Stale for 20 s already, but the new process counts from when it first reads the lease.
    const startedAt = c.now()
    c.start('kube-controller-manager')
    c.api.create('kubectl', deployment)
    let acquiredAt: number | undefined
    while (acquiredAt === undefined && c.now() < startedAt + 30_000) {
      c.advance(100)
      if (lease(c, 'kube-controller-manager').spec.holderIdentity !== old.holderIdentity) acquiredAt = c.now()
      else expect(replicaSets(c)).toBe(0)
    }
    expect(acquiredAt).toBeDefined()
    const now = lease(c, 'kube-controller-manager').spec
    const at = Date.parse(now.acquireTime!)
    expect(acquiredAt! - at).toBeLessThan(100)
    // Tries 2 s to 4.4 s apart (RetryPeriod, JitterFactor 1.2): the first one after the 15 s wins.
    expect(at - startedAt).toBeGreaterThan(LEASE_DURATION)
    expect(at - startedAt).toBeLessThanOrEqual(LEASE_DURATION + RETRY_PERIOD * (1 + JITTER_FACTOR))
    expect(now.holderIdentity).toMatch(IDENTITY)
    expect(now.leaseTransitions).toBe(1)
    // Its controllers start with the lease: the Deployment gets its ReplicaSet at once.
    expect(replicaSets(c)).toBe(1)
    expect(leaderEvents(c, 'kube-controller-manager')).toEqual([
      `kube-controller-manager Lease Normal: ${old.holderIdentity} became leader`,
      `kube-controller-manager Lease Normal: ${now.holderIdentity} became leader`,
    ])
  })

  it('a deleted lease is made again at the next renewal, by the same leader, without a new event', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const holder = lease(c, 'kube-scheduler').spec.holderIdentity
    expect(c.api.delete('kubectl', 'leases', 'kube-system', 'kube-scheduler').ok).toBe(true)
    c.advance(RETRY_PERIOD)
    const again = lease(c, 'kube-scheduler').spec
    expect(again.holderIdentity).toBe(holder)
    expect(again.leaseTransitions).toBe(0)
    expect(again.acquireTime).toBe(rfc3339Micro(c.now()))
    expect(leaderEvents(c, 'kube-scheduler')).toHaveLength(1)
  })

  it('a leader that finds another holder stops after RenewDeadline, and its next process waits the lease out', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    c.advance(1_000)
    const l = lease(c, 'kube-controller-manager')
    expect(c.api.update('kubectl', { ...l, spec: { ...l.spec, holderIdentity: 'someone-else' } } as never).ok).toBe(true)
    const takenAt = c.now()
    // Tries at 1, 3, 5, 7 and 9 s after the takeover fail (the other's lease is valid); the
    // 10 s deadline comes before the next one.
    c.advance(RENEW_DEADLINE - 1_000)
    c.settle()
    expect(lease(c, 'kube-controller-manager').spec.holderIdentity).toBe('someone-else')
    c.api.create('kubectl', deployment)
    let acquiredAt: number | undefined
    while (acquiredAt === undefined && c.now() < takenAt + 60_000) {
      c.advance(100)
      if (lease(c, 'kube-controller-manager').spec.holderIdentity !== 'someone-else') acquiredAt = c.now()
    }
    expect(acquiredAt).toBeDefined()
    // The new process started when the old one gave up (about RenewDeadline after the takeover),
    // and waits LeaseDuration from its first read.
    expect(acquiredAt! - takenAt).toBeGreaterThan(RENEW_DEADLINE - RETRY_PERIOD + LEASE_DURATION)
    expect(acquiredAt! - takenAt).toBeLessThanOrEqual(RENEW_DEADLINE + LEASE_DURATION + RETRY_PERIOD * (1 + JITTER_FACTOR))
    expect(lease(c, 'kube-controller-manager').spec.leaseTransitions).toBe(1)
    expect(replicaSets(c)).toBe(1)
    expect(leaderEvents(c, 'kube-controller-manager')).toHaveLength(2)
  })

  it('a restored cluster renews on the same beat, and a waiting process keeps waiting', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    c.stop('kube-controller-manager')
    c.advance(1_000)
    c.start('kube-controller-manager')
    c.advance(5_000)
    const savedAt = c.now()
    const copy = SimulatedCluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    for (const x of [c, copy]) x.advance(30_000)
    for (const name of ['kube-controller-manager', 'kube-scheduler']) expect(lease(copy, name)).toEqual(lease(c, name))
    const after = (x: SimulatedCluster) => leaseWrites(x, 'kube-controller-manager').filter((t) => t > savedAt)
    expect(after(copy)).toEqual(after(c))
    expect(after(c).length).toBeGreaterThan(5)
    expect(lease(c, 'kube-controller-manager').spec.leaseTransitions).toBe(1)
  })
})
