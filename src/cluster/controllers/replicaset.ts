// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, replica_set_utils.go): keeps
// spec.replicas active pods of each ReplicaSet, adopting and releasing by selector, and reports
// replicas, fullyLabeledReplicas, readyReplicas and availableReplicas in its status.
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.js'
import { rfc3339, type Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf, ownedAndOrphansByName, splitKey } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { fromLabelSelector, labelSelectorAsSelector } from '../labels.js'
import { controllerRefOf, type OwnerReference } from '../object.js'
import type { Status } from '../status.js'
import { byControllerUid, byName, byNamespace, isPodActive, isPodAvailable, isPodReady, orphansByNamespace, type PodObject } from './controller-ref.js'
import { Expectations, type Expectation } from './expectations.js'
import { claimPods, manageReplicas, REPLICASET_CONTROLLER, type ReplicaSetObject } from './replicaset-manage.js'

export { REPLICASET_CONTROLLER }

interface ReplicaSetControllerState {
  queue: WorkQueueSnapshot
  expectations: [string, Expectation][]
}

// The same object is the same text (a status write shares both with the version before).
const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)
const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean =>
  a === b ||
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort())

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset'
  readonly #rss: Informer<ReplicaSetObject>
  readonly #pods: Informer<PodObject>
  readonly #queue: WorkQueue
  readonly #expectations = new Expectations()

  constructor(private readonly host: ControllerHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, this.name)
    this.#rss = host.informers.informer<ReplicaSetObject>('replicasets').addIndex('namespace', byNamespace).addIndex('controller', byControllerUid)
    this.#pods = host.informers.informer<PodObject>('pods').addIndex('controller', byControllerUid).addIndex('orphans', orphansByNamespace)
    this.#rss.on({
      add: (rs) => this.#queue.add(keyOf(rs)),
      update: (rs) => this.#queue.add(keyOf(rs)),
      delete: (rs) => {
        this.#expectations.delete(keyOf(rs))
        this.#queue.add(keyOf(rs))
      },
    })
    this.#pods.on({ add: (p) => this.#addPod(p), update: (p, old) => this.#updatePod(p, old), delete: (p) => this.#deletePod(p) })
  }

  handle(task: Task): void {
    this.#queue.handle(task, (key) => {
      const failed = this.#sync(key)
      if (failed) this.#queue.addRateLimited(key)
      else this.#queue.forget(key)
    })
  }

  snapshot(): ReplicaSetControllerState {
    return { queue: this.#queue.snapshot(), expectations: this.#expectations.snapshot() }
  }

  restore(state: unknown): void {
    const s = state as ReplicaSetControllerState | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#expectations.restore(s.expectations)
  }

  // ------------------------------------------------------------ event handlers: objects to keys

  /** resolveControllerRef: the ReplicaSet a controller reference names, if it is that one. */
  #resolve(namespace: string | undefined, ref: OwnerReference): ReplicaSetObject | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined
    const rs = this.#rss.get(`${namespace}/${ref.name}`)
    return rs?.metadata.uid === ref.uid ? rs : undefined
  }

  /** getPodReplicaSets: the ReplicaSets whose selector selects an orphan (candidates to adopt it). */
  #selecting(pod: PodObject): ReplicaSetObject[] {
    return this.#rss.byIndex('namespace', pod.metadata.namespace ?? '').filter((rs) => {
      const sel = fromLabelSelector(rs.spec?.selector)
      return !sel.empty() && sel.matches(pod.metadata.labels)
    })
  }

  #addPod(pod: PodObject): void {
    if (pod.metadata.deletionTimestamp) return this.#deletePod(pod)
    const ref = controllerRefOf(pod)
    if (ref) {
      const rs = this.#resolve(pod.metadata.namespace, ref)
      if (!rs) return
      this.#expectations.creationObserved(keyOf(rs))
      this.#queue.add(keyOf(rs))
      return
    }
    for (const rs of this.#selecting(pod)) this.#queue.add(keyOf(rs))
  }

  #updatePod(cur: PodObject, old: PodObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return
    const labelChanged = !sameLabels(cur.metadata.labels, old.metadata.labels)
    if (cur.metadata.deletionTimestamp) {
      // A graceful deletion: replace the pod now, not when the kubelet is done with it.
      this.#deletePod(cur)
      if (labelChanged) this.#deletePod(old)
      return
    }
    const curRef = controllerRefOf(cur)
    const oldRef = controllerRefOf(old)
    const refChanged = !sameRef(curRef, oldRef)
    if (refChanged && oldRef) {
      const rs = this.#resolve(old.metadata.namespace, oldRef)
      if (rs) this.#queue.add(keyOf(rs))
    }
    if (curRef) {
      const rs = this.#resolve(cur.metadata.namespace, curRef)
      if (!rs) return
      this.#queue.add(keyOf(rs))
      // Becoming available takes minReadySeconds more: look again then (plus a second of skew).
      const minReady = rs.spec?.minReadySeconds ?? 0
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.#queue.addAfter(keyOf(rs), minReady * 1000 + 1000)
      return
    }
    if (labelChanged || refChanged) for (const rs of this.#selecting(cur)) this.#queue.add(keyOf(rs))
  }

  #deletePod(pod: PodObject): void {
    const ref = controllerRefOf(pod)
    if (!ref) return
    const rs = this.#resolve(pod.metadata.namespace, ref)
    if (!rs) return
    this.#expectations.deletionObserved(keyOf(rs), `${pod.metadata.namespace}/${pod.metadata.name}`)
    this.#queue.add(keyOf(rs))
  }

  // ------------------------------------------------------------ the sync

  /** syncReplicaSet; returns the error that sends the key back with a back-off. */
  #sync(key: string): Status | undefined {
    const rs = this.#rss.get(key)
    if (!rs) {
      this.#expectations.delete(key)
      return undefined
    }
    const now = this.host.now()
    const needsSync = this.#expectations.satisfied(key, now)
    const selector = labelSelectorAsSelector(rs.spec?.selector)
    if (!selector.ok) return undefined
    const { namespace = '' } = splitKey(key)
    // Only pods it owns or that nobody owns can be claimed: two indexes instead of the namespace.
    // By name, the order the indexes answer in does not matter.
    const candidates = ownedAndOrphansByName(this.#pods, rs.metadata.uid, namespace, byName).filter(isPodActive)
    const deps = { api: this.host.api, now, expectations: this.#expectations }
    const claimed = claimPods(deps, rs, selector.value, candidates)
    if (!claimed.ok) return claimed.error
    const pods = claimed.value
    let manageError: Status | undefined
    if (needsSync && !rs.metadata.deletionTimestamp) manageError = manageReplicas(deps, rs, pods, () => this.#relatedPods(rs))
    const status = calculateStatus(rs, pods, manageError, now)
    const updated = this.#updateStatus(rs, status)
    if (!updated.ok) return updated.error
    const spec = updated.value.spec
    const st = updated.value.status
    const minReady = spec?.minReadySeconds ?? 0
    // Resync after minReadySeconds as a last line of defence against clock skew.
    if (!manageError && minReady > 0 && (st?.readyReplicas ?? 0) === (spec?.replicas ?? 1) && (st?.availableReplicas ?? 0) !== (spec?.replicas ?? 1))
      this.#queue.addAfter(key, minReady * 1000)
    return manageError
  }

  /** getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (none without one). */
  #relatedPods(rs: ReplicaSetObject): PodObject[] {
    const ref = controllerRefOf(rs)
    if (!ref) return []
    const seen = new Set<string>()
    const out: PodObject[] = []
    for (const other of this.#rss.byIndex('controller', ref.uid))
      for (const p of this.#pods.byIndex('controller', other.metadata.uid))
        if (!seen.has(p.metadata.uid)) {
          seen.add(p.metadata.uid)
          out.push(p)
        }
    return out
  }

  /** updateReplicaSetStatus: write only when something changed; on a conflict, re-read and retry once. */
  #updateStatus(rs: ReplicaSetObject, status: ReplicaSetStatus): { ok: true; value: ReplicaSetObject } | { ok: false; error: Status } {
    const cur = rs.status
    if (
      (cur?.replicas ?? 0) === status.replicas &&
      (cur?.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
      (cur?.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (cur?.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      (rs.metadata.generation ?? 0) === (cur?.observedGeneration ?? 0) &&
      JSON.stringify(cur?.conditions ?? []) === JSON.stringify(status.conditions ?? [])
    )
      return { ok: true, value: rs }
    let target = rs
    for (let attempt = 0; ; attempt++) {
      const next = withoutZeros({ ...status, observedGeneration: target.metadata.generation })
      const written = this.host.api.update(REPLICASET_CONTROLLER, { ...target, status: next }, { subresource: 'status' })
      if (written.ok || attempt >= 1) return written as { ok: true; value: ReplicaSetObject } | { ok: false; error: Status }
      const fresh = this.host.api.get(REPLICASET_CONTROLLER, 'replicasets', rs.metadata.namespace, rs.metadata.name)
      if (!fresh.ok) return fresh
      target = fresh.value as ReplicaSetObject
    }
  }
}

/** calculateStatus: counts over the claimed active pods, and the ReplicaFailure condition. */
export function calculateStatus(rs: ReplicaSetObject, pods: readonly PodObject[], manageError: Status | undefined, now: number): ReplicaSetStatus {
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {})
  const minReady = rs.spec?.minReadySeconds ?? 0
  let fullyLabeled = 0
  let ready = 0
  let available = 0
  for (const p of pods) {
    const labels = p.metadata.labels ?? {}
    if (templateLabels.every(([k, v]) => labels[k] === v)) fullyLabeled++
    if (isPodReady(p)) {
      ready++
      if (isPodAvailable(p, minReady, now)) available++
    }
  }
  let conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])]
  const failure = conditions.find((c) => c.type === 'ReplicaFailure')
  if (manageError && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1)
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : ''
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError.message })
  } else if (!manageError && failure) conditions = conditions.filter((c) => c.type !== 'ReplicaFailure')
  return {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.status?.observedGeneration,
    ...(conditions.length > 0 ? { conditions } : {}),
  }
}

/** ReplicaSetStatus as Go serialises it: `replicas` always, the other counts omitted when 0. */
function withoutZeros(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas }
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration
  if (s.conditions?.length) out.conditions = s.conditions
  return out
}

export const replicaSetController = (host: ControllerHost): Controller => new ReplicaSetController(host)
