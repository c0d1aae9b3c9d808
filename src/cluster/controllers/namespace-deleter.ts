// The namespaced resources deleter (pkg/controller/namespace/deletion/namespaced_resources_deleter.go,
// status_condition_utils.go): delete everything in a Terminating namespace, report what is left in
// the namespace's status conditions, and remove the `kubernetes` finalizer once nothing is.
import type { Namespace, NamespaceCondition, Pod } from 'kubernetes-types/core/v1.js'
import type { ApiServer } from '../apiserver.js'
import { parseTime, rfc3339, type Millis } from '../clock.js'
import { clone, type StoredObject } from '../object.js'
import { qualifiedName, RESOURCE_TYPES, type ResourceType } from '../resources.js'

export const NAMESPACE_CONTROLLER = 'namespace-controller'
const FINALIZER_TOKEN = 'kubernetes'
/** finalizerEstimateSeconds: how long to allow objects held by finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 15

type NamespaceObject = StoredObject & Namespace

/** What a pass left: done, content still going (come back after `estimate` seconds), or an error. */
export type DeleteOutcome = { kind: 'done' } | { kind: 'remaining'; estimate: number } | { kind: 'error'; message: string }

const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const
type ConditionType = (typeof CONDITION_TYPES)[number]

const OK: Record<ConditionType, [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentRemoved', 'All content successfully removed'],
}

interface GvrResult {
  estimate: number
  remaining: number
  finalizers: Map<string, number>
  error?: string
}

export class NamespacedResourcesDeleter {
  constructor(
    private readonly api: ApiServer,
    private readonly now: () => Millis,
  ) {}

  /** Delete: one pass over a namespace being deleted. */
  delete(name: string): DeleteOutcome {
    const got = this.api.get(NAMESPACE_CONTROLLER, 'namespaces', undefined, name)
    if (!got.ok) return got.error.reason === 'NotFound' ? { kind: 'done' } : { kind: 'error', message: got.error.message }
    let ns = got.value as NamespaceObject
    if (!ns.metadata.deletionTimestamp) return { kind: 'done' }
    if (ns.status?.phase !== 'Terminating') {
      const next = clone(ns)
      next.status = { ...next.status, phase: 'Terminating' }
      const updated = this.api.update(NAMESPACE_CONTROLLER, next, { subresource: 'status' })
      if (!updated.ok) return updated.error.reason === 'NotFound' ? { kind: 'done' } : { kind: 'error', message: updated.error.message }
      ns = updated.value as NamespaceObject
    }
    if ((ns.spec?.finalizers ?? []).length === 0) return { kind: 'done' }
    const content = this.#deleteAllContent(ns)
    if (content.kind !== 'done') return content
    return this.#finalize(ns)
  }

  /** finalizeNamespace, retried on conflict from a fresh read (retryOnConflictError). */
  #finalize(ns: NamespaceObject): DeleteOutcome {
    let current = ns
    for (;;) {
      const next = clone(current)
      next.spec = { ...next.spec, finalizers: [...new Set((current.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_TOKEN))].sort() }
      const done = this.api.update(NAMESPACE_CONTROLLER, next)
      if (done.ok || done.error.reason === 'NotFound') return { kind: 'done' }
      if (done.error.reason !== 'Conflict') return { kind: 'error', message: done.error.message }
      const latest = this.api.get(NAMESPACE_CONTROLLER, 'namespaces', undefined, ns.metadata.name)
      if (!latest.ok) return latest.error.reason === 'NotFound' ? { kind: 'done' } : { kind: 'error', message: latest.error.message }
      if (latest.value.metadata.uid !== ns.metadata.uid) return { kind: 'error', message: 'namespace uid has changed across retries' }
      current = latest.value as NamespaceObject
    }
  }

  #deleteAllContent(ns: NamespaceObject): DeleteOutcome {
    const name = ns.metadata.name
    const deletedAt = parseTime(ns.metadata.deletionTimestamp) ?? this.now()
    const errors: string[] = []
    let estimate = 0
    const remaining: string[] = []
    const finalizers = new Map<string, number>()
    for (const t of RESOURCE_TYPES) {
      if (!t.namespaced || !t.verbs.includes('delete')) continue
      const r = this.#deleteAllContentFor(t, name, deletedAt)
      if (r.error) errors.push(r.error)
      estimate = Math.max(estimate, r.estimate)
      if (r.remaining > 0) {
        remaining.push(`${t.resource}.${t.group} has ${r.remaining} resource instances`)
        for (const [f, n] of r.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n)
      }
    }
    const at = rfc3339(this.now())
    const conditions = new Map<ConditionType, NamespaceCondition>()
    if (remaining.length)
      conditions.set('NamespaceContentRemaining', {
        type: 'NamespaceContentRemaining',
        status: 'True',
        lastTransitionTime: at,
        reason: 'SomeResourcesRemain',
        message: `Some resources are remaining: ${remaining.sort().join(', ')}`,
      })
    if (finalizers.size)
      conditions.set('NamespaceFinalizersRemaining', {
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        lastTransitionTime: at,
        reason: 'SomeFinalizerRemain',
        message: `Some finalizers are remaining: ${[...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort().join(', ')}`,
      })
    if (errors.length)
      conditions.set('NamespaceDeletionContentFailure', {
        type: 'NamespaceDeletionContentFailure',
        status: 'True',
        lastTransitionTime: at,
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}`,
      })
    // The conditions are written on every pass that changes them, success or not.
    const next = clone(ns)
    if (updateConditions(next, conditions, at)) {
      // A failure here is only logged upstream; the next pass tries again.
      this.api.update(NAMESPACE_CONTROLLER, next, { subresource: 'status' })
    }
    if (errors.length) return { kind: 'error', message: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` }
    return estimate > 0 ? { kind: 'remaining', estimate } : { kind: 'done' }
  }

  /** deleteAllContentForGroupVersionResource: estimate, delete the collection, see what is left. */
  #deleteAllContentFor(t: ResourceType, namespace: string, deletedAt: Millis): GvrResult {
    let estimate = t.resource === 'pods' ? this.#estimateForPods(namespace) : 0
    // estimateGracefulTermination: no wait once that long has passed since the namespace's deletion.
    if (this.now() - deletedAt >= estimate * 1000) estimate = 0
    const gvr = `{${t.group} ${t.version} ${t.resource}}`
    // DeleteCollection (or, without it, delete each item): background propagation, never orphaning.
    // By the group-qualified name: events and events.events.k8s.io are one storage, two resources.
    const resource = qualifiedName(t)
    const listed = this.api.list(NAMESPACE_CONTROLLER, resource, { namespace })
    if (!listed.ok) return { estimate, remaining: 0, finalizers: new Map(), error: listed.error.message }
    for (const item of listed.value.items) {
      const deleted = this.api.delete(NAMESPACE_CONTROLLER, resource, namespace, item.metadata.name, { propagationPolicy: 'Background' })
      if (!deleted.ok && deleted.error.reason !== 'NotFound') return { estimate, remaining: 0, finalizers: new Map(), error: deleted.error.message }
    }
    const left = this.api.list(NAMESPACE_CONTROLLER, resource, { namespace })
    if (!left.ok) return { estimate, remaining: 0, finalizers: new Map(), error: left.error.message }
    const items = left.value.items
    if (items.length === 0) return { estimate: 0, remaining: 0, finalizers: new Map() }
    const finalizers = new Map<string, number>()
    for (const item of items) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1)
    if (estimate !== 0) return { estimate, remaining: items.length, finalizers }
    if (finalizers.size > 0) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers }
    return { estimate, remaining: items.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvr}` }
  }

  /** estimateGracefulTerminationForPods: the longest terminationGracePeriodSeconds of a pod not finished. */
  #estimateForPods(namespace: string): number {
    const pods = this.api.list(NAMESPACE_CONTROLLER, 'pods', { namespace })
    if (!pods.ok) return 0
    let estimate = 0
    for (const p of pods.value.items as (StoredObject & Pod)[]) {
      const phase = p.status?.phase
      if (phase === 'Succeeded' || phase === 'Failed') continue
      estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 0)
    }
    return estimate
  }
}

/** updateConditions: each managed type, failing or its "ok" variant; the time moves on a status change only. */
function updateConditions(ns: Namespace, failing: Map<ConditionType, NamespaceCondition>, at: string): boolean {
  const status = (ns.status ??= {})
  const conditions = (status.conditions ??= [])
  let changed = false
  for (const type of CONDITION_TYPES) {
    const want = failing.get(type) ?? { type, status: 'False', lastTransitionTime: at, reason: OK[type][0], message: OK[type][1] }
    const old = conditions.find((c) => c.type === type)
    if (!old) {
      conditions.push(want)
      changed = true
    } else if (old.status !== want.status || old.message !== want.message || old.reason !== want.reason) {
      if (old.status !== want.status) old.lastTransitionTime = at
      old.status = want.status
      old.reason = want.reason
      old.message = want.message
      changed = true
    }
  }
  return changed
}
