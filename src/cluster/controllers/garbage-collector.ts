// The garbage collector (pkg/controller/garbagecollector/garbagecollector.go): objects whose owners
// are all gone are deleted (background); an owner deleted in the foreground keeps its
// `foregroundDeletion` finalizer until its blocking dependents are gone; an owner deleted with
// `orphan` has its ownerReferences removed from its dependents, then loses the finalizer.
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import type { Informer } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import type { StoredObject } from '../object.js'
import { resourceForKind, RESOURCE_TYPES } from '../resources.js'
import type { Result } from '../result.js'
import type { Status } from '../status.js'
import { DependencyGraph, FINALIZER_FOREGROUND, FINALIZER_ORPHAN, identityKey, type GraphNode, type Identity } from './garbage-collector-graph.js'

export const GARBAGE_COLLECTOR = 'garbage-collector'
const NAME = 'garbagecollector'
/** The absentOwnerCache is an LRU of this many owners known not to exist. */
const ABSENT_OWNER_CACHE_SIZE = 500
/** Retries of removeFinalizer on conflict (retry.DefaultBackoff steps). */
const FINALIZER_RETRIES = 4

/** What a worker makes of an item: done, retry with back-off, or drop it. */
type Outcome = 'done' | 'retry' | 'forget'

interface GarbageCollectorState {
  attemptToDelete: WorkQueueSnapshot
  attemptToOrphan: WorkQueueSnapshot
  absentOwners: string[]
}

export function garbageCollector(host: ControllerHost): Controller {
  return new GarbageCollector(host)
}

class GarbageCollector implements Controller {
  readonly name = NAME
  readonly #host: ControllerHost
  readonly #attemptToDelete: WorkQueue
  readonly #attemptToOrphan: WorkQueue
  readonly #graph: DependencyGraph
  /** Monitors of every deletable resource, events excepted (the GC's ignoredResources). */
  readonly #informers: Informer[]
  #absentOwners = new Map<string, true>()

  constructor(host: ControllerHost) {
    this.#host = host
    this.#attemptToDelete = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, `${NAME}/attemptToDelete`)
    this.#attemptToOrphan = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, `${NAME}/attemptToOrphan`)
    this.#graph = new DependencyGraph({
      attemptToDelete: (uid) => this.#attemptToDelete.add(uid),
      attemptToOrphan: (uid) => this.#attemptToOrphan.add(uid),
      absent: (identity) => this.#addAbsent(identity),
    })
    this.#informers = RESOURCE_TYPES.filter((t) => t.resource !== 'events' && t.verbs.includes('delete')).map((t) =>
      host.informers.informer(t.resource).on({
        add: (o) => this.#graph.observe(o, undefined),
        update: (o, old) => this.#graph.observe(o, old),
        delete: (o) => this.#graph.remove(identityOf(o), false),
      }),
    )
  }

  synced(restoring: boolean): void {
    // A restore fills the caches silently: rebuild the graph from them, queueing nothing.
    if (restoring) for (const i of this.#informers) for (const o of i.list()) this.#graph.observe(o, undefined, true)
  }

  handle(task: Task): void {
    const outcome = (queue: WorkQueue, key: string, o: Outcome): void => {
      if (o === 'retry') queue.addRateLimited(key)
      else queue.forget(key)
    }
    if (this.#attemptToDelete.handle(task, (uid) => outcome(this.#attemptToDelete, uid, this.#attemptToDeleteWorker(uid)))) return
    this.#attemptToOrphan.handle(task, (uid) => outcome(this.#attemptToOrphan, uid, this.#attemptToOrphanWorker(uid)))
  }

  snapshot(): GarbageCollectorState {
    return { attemptToDelete: this.#attemptToDelete.snapshot(), attemptToOrphan: this.#attemptToOrphan.snapshot(), absentOwners: [...this.#absentOwners.keys()] }
  }

  restore(state: unknown): void {
    const s = state as GarbageCollectorState | undefined
    if (!s) return
    this.#attemptToDelete.restore(s.attemptToDelete)
    this.#attemptToOrphan.restore(s.attemptToOrphan)
    this.#absentOwners = new Map(s.absentOwners.map((k) => [k, true]))
  }

  #addAbsent(identity: Identity): void {
    const key = identityKey(identity)
    this.#absentOwners.delete(key)
    this.#absentOwners.set(key, true)
    if (this.#absentOwners.size > ABSENT_OWNER_CACHE_SIZE) this.#absentOwners.delete(this.#absentOwners.keys().next().value!)
  }

  #isAbsent(identity: Identity): boolean {
    const key = identityKey(identity)
    if (!this.#absentOwners.has(key)) return false
    this.#absentOwners.delete(key) // an LRU: a hit is a use
    this.#absentOwners.set(key, true)
    return true
  }

  #attemptToDeleteWorker(uid: string): Outcome {
    const node = this.#graph.get(uid)
    // A virtual node replaced by the real one, or gone from the graph meanwhile: nothing to do.
    if (!node) return 'forget'
    const outcome = this.#attemptToDeleteItem(node)
    if (outcome !== 'done') return outcome
    // Not yet seen by an informer: keep checking (issue 56121).
    return this.#graph.get(uid)?.virtual ? 'retry' : 'done'
  }

  /** attemptToDeleteItem: decide from the live object and its owners what becomes of it. */
  #attemptToDeleteItem(item: GraphNode): Outcome {
    // Being deleted is a one-way trip: its dependents are handled once it is gone.
    if (item.beingDeleted && !item.deletingDependents) return 'done'
    const latest = this.#getObject(item.identity)
    if (!latest.ok) {
      if (latest.error.reason !== 'NotFound') return 'retry'
      this.#graph.remove(item.identity, true)
      return 'forget'
    }
    if (latest.value.metadata.uid !== item.identity.uid) {
      this.#graph.remove(item.identity, true)
      return 'forget'
    }
    if (item.deletingDependents) return this.#processDeletingDependentsItem(item)
    const refs = latest.value.metadata.ownerReferences ?? []
    if (refs.length === 0) return 'done'

    const solid: string[] = []
    const dangling: string[] = []
    const waiting: string[] = []
    for (const ref of refs) {
      const owner = this.#owner({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid }, item.identity.namespace)
      if (owner === 'error') return 'retry'
      if (owner === 'absent') dangling.push(ref.uid)
      else if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FINALIZER_FOREGROUND)) waiting.push(ref.uid)
      else solid.push(ref.uid)
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return 'done'
      // Some owner still stands: only drop the references to the ones gone or going.
      return this.#patch(item, deleteOwnerRefsPatch(item.identity.uid, [...dangling, ...waiting])).ok ? 'done' : 'retry'
    }
    if (waiting.length > 0 && item.dependents.size > 0) {
      // An owner is deleted in the foreground and this item has dependents of its own: it goes in
      // the foreground too. If one of its dependents does as well, unblock our references first.
      if (this.#graph.dependentsOf(item).some((d) => d.deletingDependents)) {
        // unblockOwnerReferencesStrategicMergePatch: every blocking reference, now non-blocking.
        const unblocked = item.owners.filter((r) => r.blockOwnerDeletion === true).map((r) => ({ ...r, blockOwnerDeletion: false }))
        if (!this.#patch(item, { metadata: { ownerReferences: unblocked, uid: item.identity.uid } }).ok) return 'retry'
      }
      return this.#deleteObject(item.identity, 'Foreground').ok ? 'done' : 'retry'
    }
    // No owner left: delete it, propagating as its own finalizers ask.
    const finalizers = latest.value.metadata.finalizers ?? []
    const policy = finalizers.includes(FINALIZER_ORPHAN) ? 'Orphan' : finalizers.includes(FINALIZER_FOREGROUND) ? 'Foreground' : 'Background'
    return this.#deleteObject(item.identity, policy).ok ? 'done' : 'retry'
  }

  /** The owner as it is now, or 'absent' when it is gone or a different object has its name (isDangling). */
  #owner(ref: Identity, namespace: string | undefined): StoredObject | 'absent' | 'error' {
    if (this.#isAbsent(ref) || this.#isAbsent({ ...ref, namespace })) return 'absent'
    const t = resourceForKind(ref.apiVersion, ref.kind)
    if (!t) return 'error'
    const absentKey = t.namespaced ? { ...ref, namespace } : ref
    const got = this.#host.api.get(GARBAGE_COLLECTOR, t.resource, t.namespaced ? namespace : undefined, ref.name)
    if (!got.ok) {
      if (got.error.reason !== 'NotFound') return 'error'
      this.#addAbsent(absentKey)
      return 'absent'
    }
    if (got.value.metadata.uid !== ref.uid) {
      this.#addAbsent(absentKey)
      return 'absent'
    }
    return got.value
  }

  /** processDeletingDependentsItem: the finalizer goes once no blocking dependent is left. */
  #processDeletingDependentsItem(item: GraphNode): Outcome {
    const blocking = this.#graph.blockingDependents(item)
    if (blocking.length === 0) return this.#removeFinalizer(item, FINALIZER_FOREGROUND)
    for (const dep of blocking) if (!dep.deletingDependents) this.#attemptToDelete.add(dep.identity.uid)
    return 'done'
  }

  /** attemptToOrphanWorker: drop the owner's reference from every dependent, then its finalizer. */
  #attemptToOrphanWorker(uid: string): Outcome {
    const owner = this.#graph.get(uid)
    if (!owner) return 'forget'
    let failed = false
    for (const dep of this.#graph.dependentsOf(owner)) {
      const patched = this.#patch(dep, deleteOwnerRefsPatch(dep.identity.uid, [uid]))
      if (!patched.ok && patched.error.reason !== 'NotFound') failed = true
    }
    if (failed) return 'retry'
    return this.#removeFinalizer(owner, FINALIZER_ORPHAN)
  }

  /** removeFinalizer: read the owner, merge-patch its finalizers without this one, on its resourceVersion. */
  #removeFinalizer(node: GraphNode, finalizer: string): Outcome {
    for (let attempt = 0; attempt < FINALIZER_RETRIES; attempt++) {
      const got = this.#getObject(node.identity)
      if (!got.ok) return got.error.reason === 'NotFound' ? 'done' : 'retry'
      const finalizers = got.value.metadata.finalizers ?? []
      if (!finalizers.includes(finalizer)) return 'done'
      const rest = finalizers.filter((f) => f !== finalizer)
      const t = resourceForKind(node.identity.apiVersion, node.identity.kind)!
      const patch = { metadata: { resourceVersion: got.value.metadata.resourceVersion, finalizers: rest.length ? rest : null } }
      const patched = this.#host.api.patch(GARBAGE_COLLECTOR, t.resource, node.identity.namespace, node.identity.name, patch, 'merge')
      if (patched.ok || patched.error.reason === 'NotFound') return 'done'
      if (patched.error.reason !== 'Conflict') return 'retry'
    }
    return 'retry'
  }

  #getObject(identity: Identity): Result<StoredObject, Status> | { ok: false; error: { reason: 'Unmapped' } } {
    const t = resourceForKind(identity.apiVersion, identity.kind)
    if (!t) return { ok: false, error: { reason: 'Unmapped' } }
    return this.#host.api.get(GARBAGE_COLLECTOR, t.resource, t.namespaced ? identity.namespace : undefined, identity.name)
  }

  #deleteObject(identity: Identity, policy: 'Background' | 'Foreground' | 'Orphan'): { ok: boolean } {
    const t = resourceForKind(identity.apiVersion, identity.kind)
    if (!t) return { ok: false }
    return this.#host.api.delete(GARBAGE_COLLECTOR, t.resource, t.namespaced ? identity.namespace : undefined, identity.name, {
      preconditions: { uid: identity.uid },
      propagationPolicy: policy,
    })
  }

  /** gc.patch: a strategic merge patch of the item, its uid as precondition. */
  #patch(item: GraphNode, patch: unknown): Result<StoredObject, Status> {
    const t = resourceForKind(item.identity.apiVersion, item.identity.kind)!
    return this.#host.api.patch(GARBAGE_COLLECTOR, t.resource, t.namespaced ? item.identity.namespace : undefined, item.identity.name, patch, 'strategic')
  }
}

/** GenerateDeleteOwnerRefStrategicMergeBytes: `$patch: delete` each reference by uid. */
function deleteOwnerRefsPatch(dependentUid: string, ownerUids: readonly string[]): unknown {
  return { metadata: { uid: dependentUid, ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })) } }
}

function identityOf(o: StoredObject): Identity {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) }
}
