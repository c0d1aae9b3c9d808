// The garbage collector's dependency graph (pkg/controller/garbagecollector/graph.go,
// graph_builder.go): one node per object uid, with its ownerReferences and the uids of its
// dependents, fed by informer events. An owner referenced before it is seen is a "virtual" node,
// checked against the apiserver. The builder only decides what to look at: it puts uids on the
// attemptToDelete and attemptToOrphan queues; the workers do the talking.
import type { OwnerReference } from 'kubernetes-types/meta/v1.js'
import type { StoredObject } from '../object.js'

export const FINALIZER_ORPHAN = 'orphan'
export const FINALIZER_FOREGROUND = 'foregroundDeletion'

/** objectReference: an owner's coordinates, plus the namespace of the object that names it. */
export interface Identity {
  apiVersion: string
  kind: string
  name: string
  uid: string
  namespace?: string
}

export interface GraphNode {
  identity: Identity
  /** The object's ownerReferences (the stored list itself: never changed, replaced when they change). */
  owners: readonly OwnerReference[]
  /** Uids of the objects naming it as owner; NO_DEPENDENTS (shared, never added to) while there are none. */
  dependents: Set<string>
  beingDeleted: boolean
  deletingDependents: boolean
  /** Known only from ownerReferences so far, not observed through an informer. */
  virtual: boolean
}

export interface GraphQueues {
  attemptToDelete(uid: string): void
  attemptToOrphan(uid: string): void
  absent(identity: Identity): void
}

export const identityKey = (i: Identity): string => `${i.apiVersion}/${i.kind}/${i.namespace ?? ''}/${i.name}/${i.uid}`

const NO_OWNERS: readonly OwnerReference[] = Object.freeze([])
/** The dependents of every node that has none: never added to (see #addDependentToOwners), deleting from it does nothing. */
const NO_DEPENDENTS: Set<string> = new Set()

const identityOf = (o: StoredObject): Identity => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name,
  uid: o.metadata.uid,
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
})

const beingDeleted = (o: StoredObject | undefined): boolean => !!o?.metadata.deletionTimestamp
const hasFinalizer = (o: StoredObject | undefined, f: string): boolean => (o?.metadata.finalizers ?? []).includes(f)

/** deletionStartsWithFinalizer: now being deleted with the finalizer, and not so before. */
function deletionStartsWith(old: StoredObject | undefined, cur: StoredObject, finalizer: string): boolean {
  if (!beingDeleted(cur) || !hasFinalizer(cur, finalizer)) return false
  return !old || !beingDeleted(old) || !hasFinalizer(old, finalizer)
}

export class DependencyGraph {
  readonly #nodes = new Map<string, GraphNode>()

  constructor(private readonly queues: GraphQueues) {}

  get(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid)
  }

  /** Dependents whose reference to this owner blocks its deletion (blockOwnerDeletion: true). */
  blockingDependents(owner: GraphNode): GraphNode[] {
    const out: GraphNode[] = []
    for (const uid of owner.dependents) {
      const dep = this.#nodes.get(uid)
      if (dep?.owners.some((r) => r.uid === owner.identity.uid && r.blockOwnerDeletion === true)) out.push(dep)
    }
    return out
  }

  dependentsOf(owner: GraphNode): GraphNode[] {
    return [...owner.dependents].map((uid) => this.#nodes.get(uid)).filter((n): n is GraphNode => !!n)
  }

  /** An add or update event of an informer (processGraphChanges). */
  observe(obj: StoredObject, old: StoredObject | undefined, quiet = false): void {
    const uid = obj.metadata.uid
    let node = this.#nodes.get(uid)
    const owners = obj.metadata.ownerReferences ?? NO_OWNERS
    if (!node) {
      node = {
        identity: identityOf(obj),
        owners,
        dependents: NO_DEPENDENTS,
        beingDeleted: beingDeleted(obj),
        deletingDependents: beingDeleted(obj) && hasFinalizer(obj, FINALIZER_FOREGROUND),
        virtual: false,
      }
      this.#nodes.set(uid, node)
      this.#addDependentToOwners(node, owners, quiet)
    } else {
      if (node.virtual) {
        // Observed at last: dependents that named it by other coordinates get a second look.
        const observed = identityOf(obj)
        if (identityKey(observed) !== identityKey(node.identity)) {
          for (const dep of this.dependentsOf(node))
            if (!dep.owners.some((r) => r.uid === uid && r.apiVersion === observed.apiVersion && r.kind === observed.kind && r.name === observed.name))
              if (!quiet) this.queues.attemptToDelete(dep.identity.uid)
          node.identity = observed
        }
        node.virtual = false
      }
      if (!sameReferences(node.owners, owners)) this.#ownersChanged(uid, node, owners, quiet)
      if (beingDeleted(obj)) node.beingDeleted = true
    }
    if (quiet) return
    // processTransitions
    if (deletionStartsWith(old, obj, FINALIZER_ORPHAN)) {
      this.queues.attemptToOrphan(uid)
      return
    }
    if (deletionStartsWith(old, obj, FINALIZER_FOREGROUND)) {
      node.deletingDependents = true
      for (const dep of node.dependents) this.queues.attemptToDelete(dep)
      this.queues.attemptToDelete(uid)
    }
  }

  /** The owner references of an observed object differ from the ones its node has (or may). */
  #ownersChanged(uid: string, node: GraphNode, owners: readonly OwnerReference[], quiet: boolean): void {
    const before = new Map(node.owners.map((r) => [r.uid, r]))
    const after = new Map(owners.map((r) => [r.uid, r]))
    const added = owners.filter((r) => !before.has(r.uid))
    const removed = node.owners.filter((r) => !after.has(r.uid))
    const changed = owners.filter((r) => before.has(r.uid) && JSON.stringify(before.get(r.uid)) !== JSON.stringify(r))
    if (added.length || removed.length || changed.length) {
      // addUnblockedOwnersToDeleteQueue: an owner waiting on this dependent may now go.
      if (!quiet)
        for (const r of [...removed, ...changed.map((c) => before.get(c.uid)!)]) {
          if (r.blockOwnerDeletion !== true) continue
          const owner = this.#nodes.get(r.uid)
          if (owner?.deletingDependents) this.queues.attemptToDelete(owner.identity.uid)
        }
      node.owners = owners
      this.#addDependentToOwners(node, added, quiet)
      for (const r of removed) this.#nodes.get(r.uid)?.dependents.delete(uid)
    }
    // Equal references in another list (the object decoded anew): kept, so that the next update of
    // an object whose references stay as they are (a node lease, renewed every 10 s) compares by
    // identity at once instead of doing all this again.
    else node.owners = owners
  }

  /** A delete event of an informer, or a "virtual" one when the apiserver says an owner is gone. */
  remove(identity: Identity, isVirtual: boolean): void {
    const node = this.#nodes.get(identity.uid)
    if (!node) return
    // A virtual delete names the coordinates it checked; a node observed under others stays.
    if (isVirtual && !node.virtual && identityKey(node.identity) !== identityKey(identity)) return
    this.#nodes.delete(identity.uid)
    for (const r of node.owners) this.#nodes.get(r.uid)?.dependents.delete(identity.uid)
    if (node.dependents.size > 0) this.queues.absent(identity)
    for (const dep of node.dependents) this.queues.attemptToDelete(dep)
    for (const r of node.owners) {
      const owner = this.#nodes.get(r.uid)
      // Let the owner check whether all its dependents are gone now.
      if (owner?.deletingDependents) this.queues.attemptToDelete(owner.identity.uid)
    }
  }

  #addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[], quiet: boolean): void {
    for (const r of owners) {
      let owner = this.#nodes.get(r.uid)
      if (!owner) {
        // A "virtual" node until an informer shows it; attemptToDelete asks the apiserver about it.
        owner = {
          identity: { apiVersion: r.apiVersion, kind: r.kind, name: r.name, uid: r.uid, ...(node.identity.namespace ? { namespace: node.identity.namespace } : {}) },
          owners: NO_OWNERS,
          dependents: NO_DEPENDENTS,
          beingDeleted: false,
          deletingDependents: false,
          virtual: true,
        }
        this.#nodes.set(r.uid, owner)
        if (!quiet) this.queues.attemptToDelete(r.uid)
      }
      // A graph of thousands of pods: most nodes have no dependents, and an empty set is not free.
      if (owner.dependents === NO_DEPENDENTS) owner.dependents = new Set()
      owner.dependents.add(node.identity.uid)
    }
  }
}

/** The same reference objects in the same order (stored objects are frozen: the same object, the same reference). */
function sameReferences(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i])
}
