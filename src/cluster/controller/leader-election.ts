// Leader election with a Lease lock, as kube-controller-manager and kube-scheduler run it
// (client-go tools/leaderelection, v1.32: leaderelection.go and resourcelock/leaselock.go). Only the
// process that holds the Lease kube-system/<name> acts; it renews it every RetryPeriod; a new process
// waits until the lease has not changed for LeaseDuration (as it sees it) before taking it over.
//
// - acquire: tryAcquireOrRenew at once, then every RetryPeriod jittered by JitterFactor 1.2 (2 s to
//   4.4 s apart: wait.JitterUntil), until it succeeds; then the Normal `LeaderElection` event
//   `<identity> became leader` on the Lease, and the component starts its work.
// - renew: tryAcquireOrRenew every RetryPeriod (wait.Until, sliding); the leader first tries the
//   lease it last wrote as it is (the optimistic fast path, one update), then reads it. When no
//   attempt has succeeded for RenewDeadline, leadership is lost and the process exits; the kubelet
//   starts its container again, a new process with a new identity (CHOSEN: at once).
// - A lease held by another is valid until LeaseDuration after this process last saw it change
//   (observedTime), not after its renewTime: a process that starts while an old holder's lease is
//   there waits at least 15 s, however stale the lease already is.
// - kube-scheduler releases its lease when it stops (ReleaseOnCancel: holderIdentity "",
//   leaseDurationSeconds 1), so the next one takes it at once; kube-controller-manager does not in
//   1.32 (ControllerManagerReleaseLeaderElectionLockOnExit came later), so after a restart it waits.
//
// The identity is `<hostname>_<uuid>` (the control-plane node's name, a new UUID per process). CHOSEN:
// the UUID is derived from the component, its count of starts and the PRNG's state without drawing
// from it; only the acquire's jitter draws.
import type { Millis, Task } from '../clock.js'
import { rfc3339Micro } from '../clock.js'
import { recordEvent } from '../events.js'
import type { KubeObject, StoredObject } from '../object.js'
import { uuidFromText } from '../prng.js'
import type { ComponentHost } from './component.js'

/** The componentconfig defaults of both components (LeaderElectionConfiguration). */
export const LEASE_DURATION: Millis = 15_000
export const RENEW_DEADLINE: Millis = 10_000
export const RETRY_PERIOD: Millis = 2_000
/** leaderelection.JitterFactor: the acquire loop waits RetryPeriod × (1 + 1.2 × rand). */
export const JITTER_FACTOR = 1.2
export const LEASE_NAMESPACE = 'kube-system'
export const LEADER_ELECTION_TASK = 'leader-election'
const ACQUIRE = `${LEADER_ELECTION_TASK}/acquire`
const RENEW = `${LEADER_ELECTION_TASK}/renew`

/** What a leader election record holds, as the Lease's spec holds it (LeaderElectionRecordToLeaseSpec). */
export interface LeaseRecord {
  holderIdentity: string
  leaseDurationSeconds: number
  acquireTime: string
  renewTime: string
  leaseTransitions: number
}

export interface LeaderElectionConfig {
  /** The component's name: the owner of its clock tasks and the writer in the trace. */
  readonly owner: string
  /** The Lease's name in kube-system (`kube-controller-manager`, `kube-scheduler`). */
  readonly lease: string
  /** Its event recorder's source component (`kube-controller-manager`, `default-scheduler`). */
  readonly eventSource: string
  /** The host part of the identity: the node the static pod runs on. */
  readonly hostname: string
  readonly releaseOnCancel: boolean
  /** OnStartedLeading: the component's work begins (its informers list, its loops run). */
  readonly startedLeading: () => void
  /** The process exits after losing the lease: its work stops. */
  readonly stoppedLeading: () => void
}

export interface LeaderElectionState {
  identity: string
  leading: boolean
  /** The lease as this process last read or wrote it (LeaseLock.lease): the fast path updates it. */
  lease?: StoredObject
  /** The record last observed (observedRecord), and when it was observed to change (observedTime). */
  observed?: LeaseRecord
  observedTime: Millis
  /** When the first of the renew attempts that all failed since was made. */
  failingSince?: Millis
  /** The live task's number: a task of an earlier loop or process is dropped. */
  seq: number
}

const recordOf = (lease: StoredObject): LeaseRecord => {
  const spec = (lease.spec ?? {}) as Partial<LeaseRecord>
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ?? '',
    renewTime: spec.renewTime ?? '',
    leaseTransitions: spec.leaseTransitions ?? 0,
  }
}

const sameRecord = (a: LeaseRecord | undefined, b: LeaseRecord): boolean =>
  !!a &&
  a.holderIdentity === b.holderIdentity &&
  a.leaseDurationSeconds === b.leaseDurationSeconds &&
  a.acquireTime === b.acquireTime &&
  a.renewTime === b.renewTime &&
  a.leaseTransitions === b.leaseTransitions

export class LeaderElector {
  #state: LeaderElectionState

  constructor(
    private readonly host: ComponentHost,
    private readonly config: LeaderElectionConfig,
  ) {
    this.#state = { identity: '', leading: false, observedTime: 0, seq: 0 }
  }

  get leading(): boolean {
    return this.#state.leading
  }

  get identity(): string {
    return this.#state.identity
  }

  /** A new process: a new identity, and the acquire loop's first attempt at once. */
  start(): void {
    // Not from the time: a boot image moved to another start time (time-shift.ts) keeps its identities.
    const uuid = uuidFromText(`${this.config.owner}\0${this.#state.seq}\0${this.host.rng.state().join(',')}`)
    this.#state = { identity: `${this.config.hostname}_${uuid}`, leading: false, observedTime: 0, seq: this.#state.seq + 1 }
    this.#acquire()
  }

  /** The process stops (SIGTERM): its loops end; a ReleaseOnCancel leader gives the lease up. */
  stop(): void {
    this.#state.seq++
    if (this.#state.leading && this.config.releaseOnCancel) this.#release()
    this.#state.leading = false
  }

  handle(task: Task): void {
    if (task.data !== this.#state.seq) return
    if (task.type === ACQUIRE) this.#acquire()
    else if (task.type === RENEW) this.#renew()
  }

  snapshot(): LeaderElectionState {
    return { ...this.#state }
  }

  /**
   * The state a snapshot saved. A snapshot from before leader election was modelled has none: its
   * process leads without a lease, and takes one when it next starts. (A restore sets no timers and
   * reads no clock: see SimulatedCluster's #wake.)
   */
  restore(state: LeaderElectionState | undefined): void {
    this.#state = state ? { ...state } : { identity: '', leading: true, observedTime: 0, seq: 0 }
  }

  #arm(kind: 'acquire' | 'renew', delay: Millis): void {
    this.host.clock.after(delay, { owner: this.config.owner, type: kind === 'acquire' ? ACQUIRE : RENEW, data: this.#state.seq })
  }

  #acquire(): void {
    if (!this.#tryAcquireOrRenew()) {
      this.#arm('acquire', Math.floor(RETRY_PERIOD * (1 + JITTER_FACTOR * this.host.rng.next())))
      return
    }
    this.#state.leading = true
    this.#recordEvent('became leader')
    this.#arm('renew', RETRY_PERIOD)
    this.config.startedLeading()
  }

  #renew(): void {
    const now = this.host.now()
    if (this.#tryAcquireOrRenew()) {
      delete this.#state.failingSince
      this.#arm('renew', RETRY_PERIOD)
      return
    }
    const since = (this.#state.failingSince ??= now)
    // PollUntilContextTimeout(RetryPeriod, RenewDeadline): the next try, unless the deadline comes first.
    if (now + RETRY_PERIOD < since + RENEW_DEADLINE) {
      this.#arm('renew', RETRY_PERIOD)
      return
    }
    // Leadership lost: the renew loop ends (releasing only a lease it still holds), the process exits
    // (OnStoppedLeading), and its container is started again: a new process.
    if (this.config.releaseOnCancel && this.#isLeader()) this.#release()
    this.#state.leading = false
    this.config.stoppedLeading()
    this.start()
  }

  #isLeader(): boolean {
    return this.#state.observed?.holderIdentity === this.#state.identity
  }

  #isLeaseValid(now: Millis): boolean {
    return this.#state.observedTime + LEASE_DURATION > now
  }

  #observe(record: LeaseRecord, now: Millis): void {
    this.#state.observed = record
    this.#state.observedTime = now
  }

  #tryAcquireOrRenew(): boolean {
    const now = this.host.now()
    const time = rfc3339Micro(now)
    const record: LeaseRecord = { holderIdentity: this.#state.identity, leaseDurationSeconds: LEASE_DURATION / 1000, acquireTime: time, renewTime: time, leaseTransitions: 0 }
    const api = this.host.api
    // 1. The leader updates the lease it last wrote, as it is.
    const observed = this.#state.observed
    const lease = this.#state.lease
    if (this.#isLeader() && this.#isLeaseValid(now) && lease && observed) {
      const next = { ...record, acquireTime: observed.acquireTime, leaseTransitions: observed.leaseTransitions }
      // Most often the lease it wrote last, with only renewTime new: the apiserver's short way for
      // that update (as the kubelet's node lease takes), else the update as it is.
      const updated = sameRecord(recordOf(lease), { ...next, renewTime: observed.renewTime })
        ? api.renewLease(this.config.owner, lease, time)
        : api.update(this.config.owner, { ...lease, spec: next } as KubeObject)
      if (updated.ok) {
        this.#state.lease = updated.value
        this.#observe(next, now)
        return true
      }
    }
    // 2. Read it, or create it.
    const got = api.get(this.config.owner, 'leases', LEASE_NAMESPACE, this.config.lease)
    if (!got.ok) {
      if (got.error.reason !== 'NotFound') return false
      const created = api.create(this.config.owner, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.config.lease, namespace: LEASE_NAMESPACE }, spec: { ...record } })
      if (!created.ok) return false
      this.#state.lease = created.value
      this.#observe(record, now)
      return true
    }
    this.#state.lease = got.value
    const old = recordOf(got.value)
    // 3. A record that changed since last seen is observed now.
    if (!sameRecord(this.#state.observed, old)) this.#observe(old, now)
    if (old.holderIdentity.length > 0 && this.#isLeaseValid(now) && !this.#isLeader()) return false
    // 4. Take it over, or renew it.
    const next = this.#isLeader() ? { ...record, acquireTime: old.acquireTime, leaseTransitions: old.leaseTransitions } : { ...record, leaseTransitions: old.leaseTransitions + 1 }
    const updated = api.update(this.config.owner, { ...got.value, spec: next } as KubeObject)
    if (!updated.ok) return false
    this.#state.lease = updated.value
    this.#observe(next, now)
    return true
  }

  /** release: the lease with no holder and a duration of 1 s. */
  #release(): void {
    const lease = this.#state.lease
    if (!lease || !this.#isLeader()) return
    const time = rfc3339Micro(this.host.now())
    const next: LeaseRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: time, renewTime: time, leaseTransitions: this.#state.observed?.leaseTransitions ?? 0 }
    const updated = this.host.api.update(this.config.owner, { ...lease, spec: next } as KubeObject)
    if (!updated.ok) return
    this.#state.lease = updated.value
    this.#observe(next, this.host.now())
  }

  /** LeaseLock.RecordEvent: `<identity> <what>` on the Lease, by the component's own recorder. */
  #recordEvent(what: string): void {
    const lease = this.#state.lease
    if (!lease) return
    recordEvent(this.host.api, this.host.now(), {
      involvedObject: lease,
      type: 'Normal',
      reason: 'LeaderElection',
      message: `${this.#state.identity} ${what}`,
      source: { component: this.config.eventSource },
    })
  }
}

/** A component that runs a leader election (kube-scheduler, kube-controller-manager). */
export interface LeaderElected {
  readonly leaderElection: { identity: string; leading: boolean }
}

/**
 * Whether a running component is still waiting for its lease: from the component, or, while the
 * cluster's components are dormant (not restored yet), from its saved state, whose `leaderElection`
 * both components keep.
 */
export function leaderElectionWaiting(component: object | undefined, saved: unknown): boolean {
  if (saved !== undefined) {
    const state = (saved as { leaderElection?: LeaderElectionState } | null)?.leaderElection
    return state !== undefined && !state.leading
  }
  return component !== undefined && 'leaderElection' in component && !(component as LeaderElected).leaderElection.leading
}
