// What differs per kind at the apiserver: defaulting, admission, validation, which fields a write
// may touch, and how a delete proceeds. One Strategy per kind, as upstream's pkg/registry/<kind>.
import type { Millis } from '../clock.js'
import type { Prng } from '../prng.js'
import type { Status } from '../status.js'
import type { FieldError } from '../validation/field.js'
import type { KubeObject, StoredObject } from '../object.js'
import type { ResourceType } from '../resources.js'

/** What a strategy may read of the cluster while it admits or validates a write. */
export interface StrategyContext {
  readonly now: Millis
  readonly rng: Prng
  readonly type: ResourceType
  /** Read another object (e.g. the namespace, a service for allocation). */
  get(resource: string, namespace: string | undefined, name: string): StoredObject | undefined
  list(resource: string, namespace?: string): readonly StoredObject[]
  /** Service IP and NodePort allocators, shared across requests. */
  readonly allocators: Allocators
}

export interface Allocators {
  /** Allocate a specific ClusterIP, or a free one when `ip` is undefined. */
  allocateClusterIP(ip: string | undefined): { ok: true; ip: string } | { ok: false; reason: 'allocated' | 'range' | 'full'; range: string }
  releaseClusterIP(ip: string): void
  allocateNodePort(port: number | undefined): { ok: true; port: number } | { ok: false; reason: 'allocated' | 'range' | 'full'; range: string }
  releaseNodePort(port: number): void
  /** What is allocated now, to roll back to when a write is not stored (dry run, no-op, failure). */
  checkpoint(): AllocatorCheckpoint
  rollback(to: AllocatorCheckpoint): void
}

export interface AllocatorCheckpoint {
  readonly ips: readonly number[]
  readonly ports: readonly number[]
}

export interface DeleteOptions {
  gracePeriodSeconds?: number
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'
  preconditions?: { uid?: string; resourceVersion?: string }
  dryRun?: boolean
}

export interface Strategy {
  /** Has a `status` that only the status subresource writes. */
  readonly hasStatus: boolean
  /** Tracks metadata.generation (bumped on spec changes). */
  readonly tracksGeneration: boolean
  /**
   * Whether this object's uid is derived from its etcd key and revision instead of drawn from the
   * PRNG: true for the objects controllers make in every namespace in the background (its
   * ServiceAccount `default`, its ConfigMap `kube-root-ca.crt`), so that they leave the seeded names
   * of everything else as they were. Still unique and stable.
   */
  readonly uidFromKey?: (obj: KubeObject) => boolean
  /**
   * As uidFromKey, from this text instead of the key, for objects whose key holds a time (an event's
   * name ends in its UnixNano): a boot image moved to another start time (time-shift.ts) keeps them.
   */
  readonly uidText?: (obj: KubeObject) => string | undefined
  /** The name rule for metadata.name. */
  readonly nameRule: 'subdomain' | 'label' | 'dns1035' | 'path'

  /** Versioned defaulting (pkg/apis/<group>/v1/defaults.go); runs on create and update. */
  default(obj: KubeObject): void
  /** Reset what a client may not set on create (status, usually), before admission. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void
  /** Carry over what a spec update may not change (status) and what a status update may not. */
  prepareForUpdate?(obj: KubeObject, old: StoredObject, ctx: StrategyContext, subresource?: 'status'): void
  /**
   * A status update writes status only, unless the kind's status strategy lets more through:
   * `kept` is the stored object with the new status, `sent` what the client sent.
   */
  prepareForStatusUpdate?(kept: KubeObject, sent: KubeObject): void
  /** Mutating admission (ServiceAccount, DefaultTolerationSeconds, allocation). May refuse. */
  admit?(obj: KubeObject, ctx: StrategyContext, old?: StoredObject): Status | undefined
  validate(obj: KubeObject, ctx: StrategyContext): FieldError[]
  /**
   * Validation on create when it differs from `validate` (events through events.k8s.io). Its errors
   * come alone; only when there are none does the generic ObjectMeta check run (rest.BeforeCreate).
   */
  validateCreate?(obj: KubeObject, ctx: StrategyContext): FieldError[]
  /** Storage-level work after validation, before the write: service IP and NodePort allocation. */
  beforeStore?(obj: KubeObject, ctx: StrategyContext, old?: StoredObject): Status | undefined
  /** Changes made when a graceful delete starts (namespaces turn Terminating). */
  beforeGracefulDelete?(obj: StoredObject, ctx: StrategyContext): void
  validateUpdate?(obj: KubeObject, old: StoredObject, ctx: StrategyContext): FieldError[]
  /**
   * The grace period this delete gets, or undefined for "no graceful deletion" (delete now).
   * Pods: the requested period, else spec.terminationGracePeriodSeconds; 0 when unscheduled.
   */
  gracePeriod?(obj: StoredObject, options: DeleteOptions): number | undefined
  /** Release what the object held (service IPs and ports) once it is gone. */
  afterDelete?(obj: StoredObject, ctx: StrategyContext): void
}
