// What controllers of kube-controller-manager share about pods and owners (pkg/controller/
// controller_utils.go, controller_ref_manager.go, pkg/api/v1/pod/util.go): the controller
// ownerReference, pod readiness and availability, and the patches that adopt and release.
import type { OwnerReference } from 'kubernetes-types/meta/v1.js'
import type { Pod } from 'kubernetes-types/core/v1.js'
import { parseTime, type Millis } from '../clock.js'
import { controllerRefOf, type StoredObject } from '../object.js'

export type PodObject = StoredObject & Pod

/** metav1.NewControllerRef: the ownerReference a controller puts on what it creates or adopts. */
export function newControllerRef(owner: StoredObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }
}

/** Index function: the uid of the object's controller (the controllerUIDIndex of the RS controller). */
export const byControllerUid = (o: StoredObject): string[] => {
  const ref = controllerRefOf(o)
  return ref ? [ref.uid] : []
}

/** Index function: the namespace of objects that have no controller, the candidates for adoption. */
export const orphansByNamespace = (o: StoredObject): string[] => (controllerRefOf(o) ? [] : [o.metadata.namespace ?? ''])

/** Index function: the object's namespace (cache.NamespaceIndex). */
export const byNamespace = (o: StoredObject): string[] => [o.metadata.namespace ?? '']

/** Index function: the node a pod is bound to (none before it is scheduled). */
export const byNodeName = (p: Pod): string[] => (p.spec?.nodeName ? [p.spec.nodeName] : [])

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(p: Pod): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata?.deletionTimestamp
}

export function podReadyCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'Ready')
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(p: Pod): boolean {
  return podReadyCondition(p)?.status === 'True'
}

/**
 * podutil.IsPodAvailable: ready, and ready for longer than minReadySeconds (strictly: the Ready
 * transition plus minReadySeconds is before now).
 */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: Millis): boolean {
  if (!isPodReady(p)) return false
  if (minReadySeconds === 0) return true
  const since = parseTime(podReadyCondition(p)?.lastTransitionTime)
  return since !== undefined && since + minReadySeconds * 1000 < now
}

/** The strategic merge patch with which ControllerRefManager adopts an object (uid as precondition). */
export function adoptPatch(owner: StoredObject, obj: StoredObject): unknown {
  return { metadata: { ownerReferences: [newControllerRef(owner)], uid: obj.metadata.uid } }
}

/** The strategic merge patch with which ControllerRefManager releases an object it no longer selects. */
export function releasePatch(owner: StoredObject, obj: StoredObject): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: owner.metadata.uid }], uid: obj.metadata.uid } }
}

/** Go's sort.SliceStable on a copy: our lists start in name order, so ties keep a stable order. */
export function sorted<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  return [...items].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0))
}

export const byName = (a: StoredObject, b: StoredObject): number => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0)
