// The Deployment controller (pkg/controller/deployment/deployment_controller.go): owns ReplicaSets
// through the controller reference (adopting and releasing by selector) and, per sync, in upstream's
// order: paused → sync; a scaling event → sync; else a rollout by strategy (Recreate, RollingUpdate).
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf, sortedWithoutTies } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { fromLabelSelector, labelSelectorAsSelector, type Selector } from '../labels.js'
import { clone, controllerRefOf, type OwnerReference } from '../object.js'
import type { Status } from '../status.js'
import { adoptPatch, byControllerUid, byName, byNamespace, releasePatch, type PodObject } from './controller-ref.js'
import type { DeploymentObject, RS } from './deployment-util.js'
import { rolloutRecreate, rolloutRolling } from './deployment-rolling.js'
import { checkPausedConditions, DEPLOYMENT_CONTROLLER, event, getAllReplicaSetsAndSyncRevision, isScalingEvent, sync, syncDeploymentStatus, updateStatus, type SyncContext } from './deployment-sync.js'

export { DEPLOYMENT_CONTROLLER }

export class DeploymentController implements Controller {
  readonly name = 'deployment'
  readonly #deployments: Informer<DeploymentObject>
  readonly #rss: Informer<RS>
  readonly #pods: Informer<PodObject>
  readonly #queue: WorkQueue

  constructor(private readonly host: ControllerHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, this.name)
    this.#deployments = host.informers.informer<DeploymentObject>('deployments').addIndex('namespace', byNamespace)
    this.#rss = host.informers.informer<RS>('replicasets').addIndex('namespace', byNamespace)
    this.#pods = host.informers.informer<PodObject>('pods').addIndex('controller', byControllerUid)
    const enqueue = (d: DeploymentObject): void => this.#queue.add(keyOf(d))
    this.#deployments.on({ add: enqueue, update: enqueue, delete: enqueue })
    this.#rss.on({ add: (rs) => this.#addReplicaSet(rs), update: (rs, old) => this.#updateReplicaSet(rs, old), delete: (rs) => this.#deleteReplicaSet(rs) })
    this.#pods.on({ delete: (p) => this.#deletePod(p) })
  }

  handle(task: Task): void {
    this.#queue.handle(task, (key) => {
      const failed = this.#sync(key)
      // An error from a terminating namespace is final: nothing there can be created any more.
      if (failed && !(failed.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')) this.#queue.addRateLimited(key)
      else this.#queue.forget(key)
    })
  }

  snapshot(): { queue: WorkQueueSnapshot } {
    return { queue: this.#queue.snapshot() }
  }

  restore(state: unknown): void {
    const s = state as { queue: WorkQueueSnapshot } | undefined
    if (s) this.#queue.restore(s.queue)
  }

  // ------------------------------------------------------------ event handlers: objects to keys

  #resolve(namespace: string | undefined, ref: OwnerReference): DeploymentObject | undefined {
    if (ref.kind !== 'Deployment') return undefined
    const d = this.#deployments.get(`${namespace}/${ref.name}`)
    return d?.metadata.uid === ref.uid ? d : undefined
  }

  /** getDeploymentsForReplicaSet: Deployments whose (non-empty) selector selects an orphan ReplicaSet. */
  #selecting(rs: RS): DeploymentObject[] {
    if (Object.keys(rs.metadata.labels ?? {}).length === 0) return []
    return this.#deployments.byIndex('namespace', rs.metadata.namespace ?? '').filter((d) => {
      const sel = fromLabelSelector(d.spec?.selector)
      return !sel.empty() && sel.matches(rs.metadata.labels)
    })
  }

  #addReplicaSet(rs: RS): void {
    if (rs.metadata.deletionTimestamp) return this.#deleteReplicaSet(rs)
    const ref = controllerRefOf(rs)
    if (ref) {
      const d = this.#resolve(rs.metadata.namespace, ref)
      if (d) this.#queue.add(keyOf(d))
      return
    }
    for (const d of this.#selecting(rs)) this.#queue.add(keyOf(d))
  }

  #updateReplicaSet(cur: RS, old: RS): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return
    const curRef = controllerRefOf(cur)
    const oldRef = controllerRefOf(old)
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef)
    if (refChanged && oldRef) {
      const d = this.#resolve(old.metadata.namespace, oldRef)
      if (d) this.#queue.add(keyOf(d))
    }
    if (curRef) {
      const d = this.#resolve(cur.metadata.namespace, curRef)
      if (d) this.#queue.add(keyOf(d))
      return
    }
    const labelChanged = JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {})
    if (labelChanged || refChanged) for (const d of this.#selecting(cur)) this.#queue.add(keyOf(d))
  }

  #deleteReplicaSet(rs: RS): void {
    const ref = controllerRefOf(rs)
    const d = ref && this.#resolve(rs.metadata.namespace, ref)
    if (d) this.#queue.add(keyOf(d))
  }

  /** deletePod: a Recreate Deployment waits for its old pods to be gone; wake it when none is left. */
  #deletePod(pod: PodObject): void {
    const ref = controllerRefOf(pod)
    if (ref?.kind !== 'ReplicaSet') return
    const rs = this.#rss.get(`${pod.metadata.namespace}/${ref.name}`)
    if (!rs || rs.metadata.uid !== ref.uid) return
    const dref = controllerRefOf(rs)
    const d = dref && this.#resolve(rs.metadata.namespace, dref)
    if (!d || d.spec?.strategy?.type !== 'Recreate') return
    // Upstream lists the ReplicaSets from the apiserver here (util.RsListFromClient), not the cache.
    const selector = labelSelectorAsSelector(d.spec?.selector)
    if (!selector.ok) return
    const listed = this.host.api.list(DEPLOYMENT_CONTROLLER, 'replicasets', { namespace: d.metadata.namespace, labelSelector: selector.value.toString() })
    if (!listed.ok) return
    const owned = (listed.value.items as RS[]).filter((x) => controllerRefOf(x)?.uid === d.metadata.uid)
    let pods = 0
    for (const list of this.#podMap(d, owned).values()) pods += list.length
    if (pods === 0) this.#queue.add(keyOf(d))
  }

  // ------------------------------------------------------------ the sync

  #context(): SyncContext {
    return {
      api: this.host.api,
      now: this.host.now(),
      getReplicaSet: (namespace, name) => this.#rss.get(`${namespace}/${name}`),
      enqueueAfter: (d, delay) => this.#queue.addAfter(keyOf(d), delay),
      enqueueRateLimited: (d) => this.#queue.addRateLimited(keyOf(d)),
    }
  }

  /** syncDeployment; returns the error that sends the key back with a back-off. */
  #sync(key: string): Status | undefined {
    const cached = this.#deployments.get(key)
    if (!cached) return undefined
    const d = clone(cached) as DeploymentObject
    const ctx = this.#context()
    const sel = d.spec?.selector
    if (sel && Object.keys(sel).length === 0) {
      event(ctx, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.')
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation }
        updateStatus(ctx, d)
      }
      return undefined
    }
    const selector = labelSelectorAsSelector(sel)
    if (!selector.ok) return undefined
    const claimed = this.#claimReplicaSets(d, selector.value)
    if (!claimed.ok) return claimed.error
    const rsList = claimed.value
    const podMap = this.#podMap(d, rsList)
    if (d.metadata.deletionTimestamp) {
      const all = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false)
      if (!all.ok) return all.error
      return syncDeploymentStatus(ctx, [...all.value.oldRSs, all.value.newRS], all.value.newRS, d)
    }
    const paused = checkPausedConditions(ctx, d)
    if (paused) return paused
    if (d.spec?.paused) return sync(ctx, d, rsList)
    const scaling = isScalingEvent(ctx, d, rsList)
    if (!scaling.ok) return scaling.error
    if (scaling.value) return sync(ctx, d, rsList)
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(ctx, d, rsList, podMap)
    return rolloutRolling(ctx, d, rsList)
  }

  /** ClaimReplicaSets: keep, release and adopt as for pods, with a fresh read of the Deployment before adopting. */
  #claimReplicaSets(d: DeploymentObject, selector: Selector): { ok: true; value: RS[] } | { ok: false; error: Status } {
    const claimed: RS[] = []
    let firstError: Status | undefined
    let canAdopt: Status | null | undefined
    for (const rs of this.#rss.byIndex('namespace', d.metadata.namespace ?? '').sort(byName)) {
      const ref = controllerRefOf(rs)
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue
        if (selector.matches(rs.metadata.labels)) claimed.push(rs)
        else if (!d.metadata.deletionTimestamp) {
          const r = this.host.api.patch(DEPLOYMENT_CONTROLLER, 'replicasets', rs.metadata.namespace, rs.metadata.name, releasePatch(d, rs), 'strategic')
          if (!r.ok && r.error.code !== 404 && r.error.code !== 422) firstError ??= r.error
        }
        continue
      }
      if (d.metadata.deletionTimestamp || !selector.matches(rs.metadata.labels) || rs.metadata.deletionTimestamp) continue
      if (canAdopt === undefined) {
        const fresh = this.host.api.get(DEPLOYMENT_CONTROLLER, 'deployments', d.metadata.namespace, d.metadata.name)
        canAdopt = !fresh.ok ? fresh.error : fresh.value.metadata.uid !== d.metadata.uid || fresh.value.metadata.deletionTimestamp ? gone(d) : null
      }
      if (canAdopt) {
        firstError ??= canAdopt
        continue
      }
      const r = this.host.api.patch(DEPLOYMENT_CONTROLLER, 'replicasets', rs.metadata.namespace, rs.metadata.name, adoptPatch(d, rs), 'strategic')
      if (r.ok) claimed.push(rs)
      else if (r.error.code !== 404) firstError ??= r.error
    }
    return firstError ? { ok: false, error: firstError } : { ok: true, value: claimed }
  }

  /** getPodMapForDeployment: the Deployment's pods (inactive ones too) by ReplicaSet uid. */
  #podMap(d: DeploymentObject, rsList: readonly RS[]): Map<string, PodObject[]> {
    const selector = fromLabelSelector(d.spec?.selector)
    const map = new Map<string, PodObject[]>()
    for (const rs of rsList) {
      const matching = (p: PodObject): boolean => selector.matches(p.metadata.labels)
      // Sorted by name, the order the index answers in does not matter (unless two names are equal).
      const pods = this.#pods.byIndexByName('controller', rs.metadata.uid, d.metadata.namespace ?? '')?.filter(matching) ?? sortedWithoutTies(this.#pods.byIndexAnyOrder('controller', rs.metadata.uid).filter(matching), byName)
      map.set(rs.metadata.uid, pods ?? this.#pods.byIndex('controller', rs.metadata.uid).filter(matching).sort(byName))
    }
    return map
  }
}

function gone(d: DeploymentObject): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'InternalError', code: 500, message: `original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone` }
}

export const deploymentController = (host: ControllerHost): Controller => new DeploymentController(host)
