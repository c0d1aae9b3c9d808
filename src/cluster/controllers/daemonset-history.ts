// The revision history of a DaemonSet (pkg/controller/daemon/update.go constructHistory, snapshot,
// dedupCurHistories, cleanupHistory, getPatch, Match): a ControllerRevision per pod template it
// has had, named `<ds>-<hash>`, whose data is the patch that puts that template back
// (`kubectl rollout undo` applies it). The current one carries the highest revision number.
import type { ControllerRevision } from 'kubernetes-types/apps/v1.js'
import type { ApiServer } from '../apiserver.js'
import { stableJson } from '../json-equal.js'
import { controllerRefOf, type KubeObject, type StoredObject } from '../object.js'
import { err, ok, type Result } from '../result.js'
import type { Status } from '../status.js'
import { newControllerRef, type PodObject } from './controller-ref.js'
import { CONTROLLER_REVISION_HASH, type DaemonSetObject } from './daemonset-util.js'
import { computeHash } from './pod-template-hash.js'

export type RevisionObject = StoredObject & ControllerRevision

/** getPatch: the DaemonSet's pod template as a strategic merge patch that replaces the template whole. */
export function templatePatch(ds: DaemonSetObject): unknown {
  return { spec: { template: { ...(JSON.parse(JSON.stringify(ds.spec?.template ?? {})) as object), $patch: 'replace' } } }
}

/** Match: the revision holds exactly this DaemonSet's template. */
export const matches = (ds: DaemonSetObject, rev: ControllerRevision): boolean => stableJson(rev.data ?? null) === stableJson(templatePatch(ds))

const byRevision = (a: RevisionObject, b: RevisionObject): number => a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : 1)

/**
 * constructHistory: the current revision (created when the template is new, renumbered to the
 * top when an old template comes back) and the old ones.
 */
export function constructHistory(api: ApiServer, who: string, ds: DaemonSetObject, owned: readonly RevisionObject[]): Result<{ cur: RevisionObject; old: RevisionObject[] }, Status> {
  const current: RevisionObject[] = []
  const old: RevisionObject[] = []
  for (let h of owned) {
    // A revision without the hash label gets its name as the label (no hash collisions to fear).
    if (!h.metadata.labels?.[CONTROLLER_REVISION_HASH]) {
      const updated = api.update(who, { ...h, metadata: { ...h.metadata, labels: { ...h.metadata.labels, [CONTROLLER_REVISION_HASH]: h.metadata.name } } })
      if (!updated.ok) return err(updated.error)
      h = updated.value as RevisionObject
    }
    if (matches(ds, h)) current.push(h)
    else old.push(h)
  }
  const next = Math.max(0, ...old.map((h) => h.revision)) + 1
  if (current.length === 0) {
    const made = snapshot(api, who, ds, next)
    return made.ok ? ok({ cur: made.value, old }) : made
  }
  // dedupCurHistories: keep the highest revision. (Upstream first relabels the pods of the others;
  // duplicates come from races a single worker does not have, so that is left out.)
  const keep = [...current].sort(byRevision).at(-1)!
  for (const dup of current) {
    if (dup === keep) continue
    const deleted = api.delete(who, 'controllerrevisions', dup.metadata.namespace, dup.metadata.name)
    if (!deleted.ok && deleted.error.code !== 404) return err(deleted.error)
  }
  if (keep.revision >= next) return ok({ cur: keep, old })
  const renumbered = api.update(who, { ...keep, revision: next } as KubeObject)
  return renumbered.ok ? ok({ cur: renumbered.value as RevisionObject, old }) : err(renumbered.error)
}

/** snapshot: a new ControllerRevision `<ds>-<hash>` with the template's labels and the DaemonSet's annotations. */
function snapshot(api: ApiServer, who: string, ds: DaemonSetObject, revision: number): Result<RevisionObject, Status> {
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount)
  const meta: Record<string, unknown> = {
    name: `${ds.metadata.name}-${hash}`,
    namespace: ds.metadata.namespace,
    labels: { ...ds.spec?.template?.metadata?.labels, [CONTROLLER_REVISION_HASH]: hash },
    ownerReferences: [newControllerRef(ds)],
  }
  if (ds.metadata.annotations) meta.annotations = { ...ds.metadata.annotations }
  const rev: KubeObject = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta, data: templatePatch(ds), revision }
  const created = api.create(who, rev, ds.metadata.namespace)
  if (created.ok) return ok(created.value as RevisionObject)
  if (created.error.reason !== 'AlreadyExists') return err(created.error)
  // A revision of that name: ours with the same template is fine; anything else is a hash collision.
  const existing = api.get(who, 'controllerrevisions', ds.metadata.namespace, meta.name as string)
  if (!existing.ok) return err(existing.error)
  const h = existing.value as RevisionObject
  if (controllerRefOf(h)?.uid === ds.metadata.uid && matches(ds, h)) return ok(h)
  const bumped = api.update(who, { ...ds, status: { ...ds.status, collisionCount: (ds.status?.collisionCount ?? 0) + 1 } } as KubeObject, { subresource: 'status' })
  if (!bumped.ok) return err(bumped.error)
  return err(created.error)
}

/**
 * cleanupHistory: beyond revisionHistoryLimit, delete the oldest revisions that no live pod
 * still runs.
 */
export function cleanupHistory(api: ApiServer, who: string, ds: DaemonSetObject, old: readonly RevisionObject[], pods: Iterable<PodObject>): Status | undefined {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10)
  if (toKill <= 0) return undefined
  const live = new Set<string>()
  for (const p of pods) {
    const h = p.metadata.labels?.[CONTROLLER_REVISION_HASH]
    if (h) live.add(h)
  }
  for (const h of [...old].sort(byRevision)) {
    if (toKill <= 0) break
    if (live.has(h.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '')) continue
    const deleted = api.delete(who, 'controllerrevisions', h.metadata.namespace, h.metadata.name)
    if (!deleted.ok && deleted.error.code !== 404) return deleted.error
    toKill--
  }
  return undefined
}
