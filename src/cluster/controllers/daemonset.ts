// The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go): one pod per
// eligible node, pinned there by node affinity for the scheduler to bind; pods of nodes that no
// longer qualify are deleted, failed ones replaced (with a back-off), and a new pod template rolls
// out node by node (RollingUpdate, maxUnavailable) or when the learner deletes the old pods
// (OnDelete). The status counts what is scheduled, ready, available and up to date.
//
// Not modelled: maxSurge > 0 (a new pod before the old one goes); adoption of orphaned
// ControllerRevisions.
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1.js'
import type { Node } from 'kubernetes-types/core/v1.js'
import type { Millis, Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf, ownedAndOrphansByName } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { recordEvent } from '../events.js'
import { jsonEqual } from '../json-equal.js'
import { fromLabelSelector, labelSelectorAsSelector, type Selector } from '../labels.js'
import { controllerRefOf, type KubeObject, type OwnerReference, type StoredObject } from '../object.js'
import { templateGeneration } from '../registry/daemonset.js'
import type { Status } from '../status.js'
import { adoptPatch, byControllerUid, byNamespace, isPodAvailable, isPodReady, newControllerRef, orphansByNamespace, releasePatch, type PodObject } from './controller-ref.js'
import {
  byCreationAndPhase,
  CONTROLLER_REVISION_HASH,
  daemonPodTemplate,
  type DaemonSetObject,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  pinToNode,
  scaledValue,
  targetNodeName,
} from './daemonset-util.js'
import { Expectations, type Expectation } from './expectations.js'
import { cleanupHistory, constructHistory, type RevisionObject } from './daemonset-history.js'
import { slowStartBatch } from './replicaset-manage.js'

/** The controller's name as a client and as an event source. */
export const DAEMONSET_CONTROLLER = 'daemonset-controller'
/** BurstReplicas of the DaemonSet controller. */
const BURST_REPLICAS = 250
/** failedPodsBackoff: flowcontrol.NewBackOff(1s, 15min). */
const FAILED_BACKOFF_INITIAL: Millis = 1000
const FAILED_BACKOFF_MAX: Millis = 15 * 60_000

interface Backoff {
  backoff: Millis
  lastUpdate: Millis
}

interface DaemonSetControllerState {
  queue: WorkQueueSnapshot
  expectations: [string, Expectation][]
  backoff: [string, Backoff][]
}

type NodePods = Map<string, PodObject[]>

const podKey = (p: StoredObject): string => `${p.metadata.namespace}/${p.metadata.name}`

export class DaemonSetController implements Controller {
  readonly name = 'daemonset'
  readonly #dss: Informer<DaemonSetObject>
  readonly #pods: Informer<PodObject>
  readonly #nodes: Informer<StoredObject & Node>
  readonly #revisions: Informer<RevisionObject>
  readonly #queue: WorkQueue
  readonly #expectations = new Expectations()
  readonly #backoff = new Map<string, Backoff>()

  constructor(private readonly host: ControllerHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, this.name)
    this.#dss = host.informers.informer<DaemonSetObject>('daemonsets').addIndex('namespace', byNamespace)
    this.#pods = host.informers.informer<PodObject>('pods').addIndex('controller', byControllerUid).addIndex('orphans', orphansByNamespace)
    this.#nodes = host.informers.informer<StoredObject & Node>('nodes')
    this.#revisions = host.informers.informer<RevisionObject>('controllerrevisions').addIndex('controller', byControllerUid)
    this.#dss.on({
      add: (ds) => this.#queue.add(keyOf(ds)),
      update: (ds) => this.#queue.add(keyOf(ds)),
      delete: (ds) => {
        this.#expectations.delete(keyOf(ds))
        this.#queue.add(keyOf(ds))
      },
    })
    this.#pods.on({ add: (p) => this.#addPod(p), update: (p, old) => this.#updatePod(p, old), delete: (p) => this.#deletePod(p) })
    this.#nodes.on({ add: (n) => this.#addNode(n), update: (n, old) => this.#updateNode(n, old), delete: () => {} })
  }

  handle(task: Task): void {
    this.#queue.handle(task, (key) => {
      const failed = this.#sync(key)
      if (failed) this.#queue.addRateLimited(key)
      else this.#queue.forget(key)
    })
  }

  snapshot(): DaemonSetControllerState {
    return { queue: this.#queue.snapshot(), expectations: this.#expectations.snapshot(), backoff: [...this.#backoff].map(([k, b]) => [k, { ...b }]) }
  }

  restore(state: unknown): void {
    const s = state as DaemonSetControllerState | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#expectations.restore(s.expectations)
    this.#backoff.clear()
    for (const [k, b] of s.backoff ?? []) this.#backoff.set(k, { ...b })
  }

  // ------------------------------------------------------------ event handlers: objects to keys

  #resolve(namespace: string | undefined, ref: OwnerReference): DaemonSetObject | undefined {
    if (ref.kind !== 'DaemonSet') return undefined
    const ds = this.#dss.get(`${namespace}/${ref.name}`)
    return ds?.metadata.uid === ref.uid ? ds : undefined
  }

  /** getDaemonSetsForPod: the DaemonSets whose selector selects an orphan. */
  #selecting(pod: PodObject): DaemonSetObject[] {
    return this.#dss.byIndex('namespace', pod.metadata.namespace ?? '').filter((ds) => {
      const sel = fromLabelSelector(ds.spec?.selector)
      return !sel.empty() && sel.matches(pod.metadata.labels)
    })
  }

  #addPod(pod: PodObject): void {
    if (pod.metadata.deletionTimestamp) return this.#deletePod(pod)
    const ref = controllerRefOf(pod)
    if (ref) {
      const ds = this.#resolve(pod.metadata.namespace, ref)
      if (!ds) return
      this.#expectations.creationObserved(keyOf(ds))
      this.#queue.add(keyOf(ds))
      return
    }
    for (const ds of this.#selecting(pod)) this.#queue.add(keyOf(ds))
  }

  #updatePod(cur: PodObject, old: PodObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return
    if (cur.metadata.deletionTimestamp) return this.#deletePod(cur)
    const curRef = controllerRefOf(cur)
    const oldRef = controllerRefOf(old)
    // The same object is the same text (a status write shares the references with the version before).
    if (oldRef && oldRef !== curRef && JSON.stringify(oldRef) !== JSON.stringify(curRef)) {
      const ds = this.#resolve(old.metadata.namespace, oldRef)
      if (ds) this.#queue.add(keyOf(ds))
    }
    if (curRef) {
      const ds = this.#resolve(cur.metadata.namespace, curRef)
      if (!ds) return
      this.#queue.add(keyOf(ds))
      // Becoming available takes minReadySeconds more: look again then (plus a second of skew).
      const minReady = ds.spec?.minReadySeconds ?? 0
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.#queue.addAfter(keyOf(ds), minReady * 1000 + 1000)
      return
    }
    for (const ds of this.#selecting(cur)) this.#queue.add(keyOf(ds))
  }

  #deletePod(pod: PodObject): void {
    const ref = controllerRefOf(pod)
    if (!ref) return
    const ds = this.#resolve(pod.metadata.namespace, ref)
    if (!ds) return
    this.#expectations.deletionObserved(keyOf(ds), podKey(pod))
    this.#queue.add(keyOf(ds))
  }

  /** addNode: every DaemonSet that should run a pod there. */
  #addNode(node: Node): void {
    for (const ds of this.#allDaemonSets()) if (nodeShouldRunDaemonPod(node, ds).shouldRun) this.#queue.add(keyOf(ds))
  }

  /** updateNode: the DaemonSets for which the node's eligibility changed (labels, taints). */
  #updateNode(cur: Node, old: Node): void {
    // shouldIgnoreNodeUpdate: NodeShouldRunDaemonPod reads only the node's name, labels and taints,
    // so a status write (every kubelet's heartbeat post) changes no DaemonSet's answer.
    if (jsonEqual(cur.metadata?.labels, old.metadata?.labels) && jsonEqual(cur.spec?.taints, old.spec?.taints)) return
    for (const ds of this.#allDaemonSets()) {
      const a = nodeShouldRunDaemonPod(old, ds)
      const b = nodeShouldRunDaemonPod(cur, ds)
      if (a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning) this.#queue.add(keyOf(ds))
    }
  }

  #allDaemonSets(): DaemonSetObject[] {
    return [...this.#dss.list()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))
  }

  #nodeList(): (StoredObject & Node)[] {
    return [...this.#nodes.list()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
  }

  // ------------------------------------------------------------ the sync

  /** syncDaemonSet; returns the error that sends the key back with a back-off. */
  #sync(key: string): Status | undefined {
    const ds = this.#dss.get(key)
    if (!ds) {
      this.#expectations.delete(key)
      return undefined
    }
    const nodes = this.#nodeList()
    const selector = labelSelectorAsSelector(ds.spec?.selector)
    if (!selector.ok || selector.value.empty()) return undefined
    // A DaemonSet being deleted is left to the garbage collector.
    if (ds.metadata.deletionTimestamp) return undefined
    const owned = this.#revisions.byIndex('controller', ds.metadata.uid).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    const history = constructHistory(this.host.api, DAEMONSET_CONTROLLER, ds, owned)
    if (!history.ok) return history.error
    const hash = history.value.cur.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? ''
    const now = this.host.now()
    if (!this.#expectations.satisfied(key, now)) return this.#updateStatus(ds, nodes, hash, false)
    const claimed = this.#nodesToDaemonPods(ds, selector.value)
    if (!claimed.ok) return claimed.error
    const manageError = this.#manage(ds, nodes, claimed.value, hash)
    if (manageError) return manageError
    if (this.#expectations.satisfied(key, this.host.now())) {
      if (ds.spec?.updateStrategy?.type === 'RollingUpdate') {
        const rolled = this.#rollingUpdate(ds, nodes, hash, selector.value)
        if (rolled) return rolled
      }
      const pods = this.#pods.byIndex('controller', ds.metadata.uid)
      const cleaned = cleanupHistory(this.host.api, DAEMONSET_CONTROLLER, ds, history.value.old, pods)
      if (cleaned) return cleaned
    }
    return this.#updateStatus(ds, nodes, hash, true)
  }

  /**
   * getNodesToDaemonPods: the pods the DaemonSet claims (adopting orphans it selects, releasing
   * pods it no longer selects), by the node they run on or are pinned to. Terminal pods being
   * deleted no longer count.
   */
  #nodesToDaemonPods(ds: DaemonSetObject, selector: Selector): { ok: true; value: NodePods } | { ok: false; error: Status } {
    const byName = (a: PodObject, b: PodObject): number => (a.metadata.name < b.metadata.name ? -1 : 1)
    // By name, the order the indexes answer in does not matter.
    const candidates = ownedAndOrphansByName(this.#pods, ds.metadata.uid, ds.metadata.namespace ?? '', byName)
    const byNode: NodePods = new Map()
    for (const pod of candidates) {
      const ref = controllerRefOf(pod)
      if (ref) {
        if (ref.uid !== ds.metadata.uid) continue
        if (!selector.matches(pod.metadata.labels)) {
          const released = this.host.api.patch(DAEMONSET_CONTROLLER, 'pods', pod.metadata.namespace, pod.metadata.name, releasePatch(ds, pod), 'strategic')
          if (!released.ok && released.error.code !== 404 && released.error.code !== 422) return { ok: false, error: released.error }
          continue
        }
      } else {
        if (!selector.matches(pod.metadata.labels) || pod.metadata.deletionTimestamp) continue
        const adopted = this.host.api.patch(DAEMONSET_CONTROLLER, 'pods', pod.metadata.namespace, pod.metadata.name, adoptPatch(ds, pod), 'strategic')
        if (!adopted.ok) {
          if (adopted.error.code === 404) continue
          return { ok: false, error: adopted.error }
        }
      }
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
      if (terminal && pod.metadata.deletionTimestamp) continue
      const node = targetNodeName(pod)
      if (node === undefined) continue
      const list = byNode.get(node) ?? []
      list.push(pod)
      byNode.set(node, list)
    }
    return { ok: true, value: byNode }
  }

  /** manage: which nodes need a daemon pod and which pods must go, then syncNodes. */
  #manage(ds: DaemonSetObject, nodes: readonly Node[], byNode: NodePods, hash: string): Status | undefined {
    const needing: string[] = []
    const toDelete: string[] = []
    for (const node of nodes) {
      const r = this.#podsShouldBeOnNode(ds, node, byNode.get(node.metadata!.name!) ?? [])
      needing.push(...r.needing)
      toDelete.push(...r.toDelete)
    }
    // Unscheduled pods pinned to a node that is gone would wait for ever; the pod GC only sees bound ones.
    const names = new Set(nodes.map((n) => n.metadata!.name!))
    for (const [node, pods] of byNode) if (!names.has(node)) for (const p of pods) if (!p.spec?.nodeName) toDelete.push(p.metadata.name)
    return this.#syncNodes(ds, toDelete, needing, hash)
  }

  /** podsShouldBeOnNode. */
  #podsShouldBeOnNode(ds: DaemonSetObject, node: Node, pods: readonly PodObject[]): { needing: string[]; toDelete: string[] } {
    const name = node.metadata!.name!
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds)
    const needing: string[] = []
    const toDelete: string[] = []
    if (shouldRun && pods.length === 0) needing.push(name)
    else if (shouldContinueRunning) {
      const running: PodObject[] = []
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue
        if (pod.status?.phase === 'Failed') {
          // Fighting a kubelet that rejects the pod: back off before each replacement.
          const backoffKey = `${ds.metadata.uid}/${name}`
          const now = this.host.now()
          const b = this.#backoff.get(backoffKey)
          if (b && now - b.lastUpdate < b.backoff) {
            this.#queue.addAfter(keyOf(ds), b.backoff)
            continue
          }
          this.#nextBackoff(backoffKey, now)
          this.#event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`)
          toDelete.push(pod.metadata.name)
        } else if (pod.status?.phase === 'Succeeded') {
          this.#event(ds, 'Warning', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to delete it`)
          toDelete.push(pod.metadata.name)
        } else running.push(pod)
      }
      // Without surge, a node keeps only its oldest running daemon pod.
      if (running.length > 1) toDelete.push(...[...running].sort(byCreationAndPhase).slice(1).map((p) => p.metadata.name))
    } else if (pods.length > 0) {
      for (const pod of pods) if (!pod.metadata.deletionTimestamp) toDelete.push(pod.metadata.name)
    }
    return { needing, toDelete }
  }

  /** flowcontrol.Backoff.Next: 1s, doubling to 15 minutes; forgotten after twice that of quiet. */
  #nextBackoff(key: string, now: Millis): void {
    const b = this.#backoff.get(key)
    if (!b || now - b.lastUpdate > 2 * FAILED_BACKOFF_MAX) this.#backoff.set(key, { backoff: FAILED_BACKOFF_INITIAL, lastUpdate: now })
    else this.#backoff.set(key, { backoff: Math.min(b.backoff * 2, FAILED_BACKOFF_MAX), lastUpdate: now })
  }

  /** syncNodes: create the missing pods in slow-start batches, then delete the doomed ones. */
  #syncNodes(ds: DaemonSetObject, toDelete: readonly string[], needing: readonly string[], hash: string): Status | undefined {
    const key = keyOf(ds)
    const creates = needing.slice(0, BURST_REPLICAS)
    const deletes = toDelete.slice(0, BURST_REPLICAS)
    const template = daemonPodTemplate(ds, hash)
    let firstError: Status | undefined
    if (creates.length > 0) {
      this.#expectations.expectCreations(key, creates.length, this.host.now())
      let i = 0
      const { successes, error } = slowStartBatch(creates.length, 1, () => this.#createPod(ds, template, creates[i++]))
      for (let n = successes; n < creates.length; n++) this.#expectations.creationObserved(key)
      firstError = error
    }
    if (deletes.length > 0) {
      this.#expectations.expectDeletions(key, deletes.map((n) => `${ds.metadata.namespace}/${n}`), this.host.now())
      for (const name of deletes) {
        const deleted = this.host.api.delete(DAEMONSET_CONTROLLER, 'pods', ds.metadata.namespace, name)
        if (deleted.ok) {
          this.#event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`)
          continue
        }
        this.#expectations.deletionObserved(key, `${ds.metadata.namespace}/${name}`)
        if (deleted.error.code === 404) continue
        this.#event(ds, 'Warning', 'FailedDelete', `Error deleting: ${deleted.error.message}`)
        firstError ??= deleted.error
      }
    }
    return firstError
  }

  /** RealPodControl.CreatePods with the template pinned to the node (GetPodFromTemplate). */
  #createPod(ds: DaemonSetObject, template: ReturnType<typeof daemonPodTemplate>, nodeName: string): Status | undefined {
    const spec = { ...template.spec!, affinity: pinToNode(template.spec?.affinity, nodeName) }
    const meta: Record<string, unknown> = { generateName: `${ds.metadata.name}-`, namespace: ds.metadata.namespace }
    if (template.metadata?.labels) meta.labels = { ...template.metadata.labels }
    if (template.metadata?.annotations) meta.annotations = { ...template.metadata.annotations }
    meta.ownerReferences = [newControllerRef(ds)]
    if (template.metadata?.finalizers) meta.finalizers = [...template.metadata.finalizers]
    // No copy of the spec: the template is this sync's own, and the apiserver decodes the body into
    // an object of its own (leaving out what JSON would: undefined values).
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec }
    const created = this.host.api.create(DAEMONSET_CONTROLLER, pod, ds.metadata.namespace)
    if (!created.ok) {
      if ((created.error.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')) return undefined
      this.#event(ds, 'Warning', 'FailedCreate', `Error creating: ${created.error.message}`)
      return created.error
    }
    this.#event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.value.metadata.name}`)
    return undefined
  }

  /**
   * rollingUpdate without surge: delete old pods while fewer than maxUnavailable daemon pods are
   * unavailable; the manage loop puts new ones in their place. Unavailable old pods go first.
   */
  #rollingUpdate(ds: DaemonSetObject, nodes: readonly Node[], hash: string, selector: Selector): Status | undefined {
    const claimed = this.#nodesToDaemonPods(ds, selector)
    if (!claimed.ok) return claimed.error
    const byNode = claimed.value
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length
    const ru = ds.spec?.updateStrategy?.rollingUpdate
    let maxUnavailable = scaledValue(ru?.maxUnavailable, desired)
    const maxSurge = scaledValue(ru?.maxSurge, desired)
    if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1
    // TODO(surge): maxSurge > 0 creates the new pod before the old one goes; not modelled yet.
    const now = this.host.now()
    const minReady = ds.spec?.minReadySeconds ?? 0
    const generation = templateGeneration(ds)
    let unavailable = 0
    const replacements: string[] = []
    const candidates: string[] = []
    for (const node of [...byNode.keys()].sort()) {
      let newPod: PodObject | undefined
      let oldPod: PodObject | undefined
      let ok = true
      for (const pod of byNode.get(node)!) {
        if (pod.metadata.deletionTimestamp) continue
        if (isPodUpdated(pod, hash, generation)) {
          if (newPod) ok = false
          newPod = pod
        } else {
          if (oldPod) ok = false
          oldPod = pod
        }
      }
      if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) unavailable++
      else if (newPod) {
        if (!isPodAvailable(newPod, minReady, now)) unavailable++
      } else if (!isPodAvailable(oldPod!, minReady, now)) {
        replacements.push(oldPod!.metadata.name)
        unavailable++
      } else if (unavailable < maxUnavailable) candidates.push(oldPod!.metadata.name)
    }
    const remaining = Math.min(Math.max(maxUnavailable - unavailable, 0), candidates.length)
    return this.#syncNodes(ds, [...replacements, ...candidates.slice(0, remaining)], [], hash)
  }

  /** updateDaemonSetStatus: the counts over the nodes that should run a daemon pod. */
  #updateStatus(ds: DaemonSetObject, nodes: readonly Node[], hash: string, updateObservedGeneration: boolean): Status | undefined {
    const selector = labelSelectorAsSelector(ds.spec?.selector)
    if (!selector.ok) return undefined
    const claimed = this.#nodesToDaemonPods(ds, selector.value)
    if (!claimed.ok) return claimed.error
    const now = this.host.now()
    const minReady = ds.spec?.minReadySeconds ?? 0
    const generation = templateGeneration(ds)
    let desired = 0
    let current = 0
    let misscheduled = 0
    let ready = 0
    let available = 0
    let updated = 0
    for (const node of nodes) {
      const pods = claimed.value.get(node.metadata!.name!) ?? []
      if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
        if (pods.length > 0) misscheduled++
        continue
      }
      desired++
      if (pods.length === 0) continue
      current++
      const pod = [...pods].sort(byCreationAndPhase)[0]
      if (isPodReady(pod)) {
        ready++
        if (isPodAvailable(pod, minReady, now)) available++
      }
      if (isPodUpdated(pod, hash, generation)) updated++
    }
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available ? { numberUnavailable: desired - available } : {}),
    }
    const written = this.#storeStatus(ds, status, updateObservedGeneration)
    // Resync after minReadySeconds as a last line of defence against clock skew.
    if (minReady > 0 && ready !== available) this.#queue.addAfter(keyOf(ds), minReady * 1000)
    return written
  }

  /** storeDaemonSetStatus: write only when something changed; on a conflict, re-read and retry once. */
  #storeStatus(ds: DaemonSetObject, status: DaemonSetStatus, updateObservedGeneration: boolean): Status | undefined {
    const cur = ds.status
    const generation = ds.metadata.generation ?? 0
    const same = (['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'] as const).every(
      (f) => (cur?.[f] ?? 0) === (status[f] ?? 0),
    )
    if (same && (cur?.observedGeneration ?? 0) >= generation) return undefined
    let target = ds
    for (let attempt = 0; ; attempt++) {
      const next = inStructOrder(status, updateObservedGeneration ? target.metadata.generation : target.status?.observedGeneration, target.status)
      const written = this.host.api.update(DAEMONSET_CONTROLLER, { ...target, status: next }, { subresource: 'status' })
      if (written.ok) return undefined
      if (attempt >= 1) return written.error
      const fresh = this.host.api.get(DAEMONSET_CONTROLLER, 'daemonsets', ds.metadata.namespace, ds.metadata.name)
      if (!fresh.ok) return fresh.error
      target = fresh.value as DaemonSetObject
    }
  }

  #event(ds: DaemonSetObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.host.api, this.host.now(), { involvedObject: ds, type, reason, message, source: { component: DAEMONSET_CONTROLLER } })
  }
}

/** DaemonSetStatus as Go serialises it: the four required counts, then the optional ones when set. */
function inStructOrder(s: DaemonSetStatus, observedGeneration: number | undefined, cur: DaemonSetStatus | undefined): DaemonSetStatus {
  const out: DaemonSetStatus = {
    currentNumberScheduled: s.currentNumberScheduled,
    numberMisscheduled: s.numberMisscheduled,
    desiredNumberScheduled: s.desiredNumberScheduled,
    numberReady: s.numberReady,
  }
  if (observedGeneration) out.observedGeneration = observedGeneration
  if (s.updatedNumberScheduled) out.updatedNumberScheduled = s.updatedNumberScheduled
  if (s.numberAvailable) out.numberAvailable = s.numberAvailable
  if (s.numberUnavailable) out.numberUnavailable = s.numberUnavailable
  if (cur?.collisionCount !== undefined) out.collisionCount = cur.collisionCount
  if (cur?.conditions?.length) out.conditions = cur.conditions
  return out
}

export const daemonSetController = (host: ControllerHost): Controller => new DaemonSetController(host)
