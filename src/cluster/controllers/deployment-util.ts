// Pure rules of the deployment controller (pkg/controller/deployment/util/deployment_util.go):
// annotations, the maxSurge/maxUnavailable fenceposts, which ReplicaSet is new, proportions for
// scaling, conditions, and when a rollout counts as complete, progressing or timed out.
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js'
import { stableJson } from '../apiserver.js'
import { parseTime, rfc3339, type Millis } from '../clock.js'
import type { StoredObject } from '../object.js'
import { POD_TEMPLATE_HASH } from './pod-template-hash.js'

export type DeploymentObject = StoredObject & Deployment
export type RS = StoredObject & ReplicaSet

export const REVISION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas'
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const ROLLBACK_TO = 'deprecated.deployment.rollback.to'
/** Annotations never copied from a Deployment to its ReplicaSets (annotationsToSkip). */
const SKIPPED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO])
/** maxRevHistoryLengthInChars. */
const MAX_REV_HISTORY_CHARS = 2000
/** math.MaxInt32: "no deadline" / "keep every revision". */
const MAX_INT32 = 2147483647

export const replicasOf = (o: { spec?: { replicas?: number } } | undefined): number => o?.spec?.replicas ?? 0
export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === 'RollingUpdate'
export const hasProgressDeadline = (d: Deployment): boolean => d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== MAX_INT32
export const hasRevisionHistoryLimit = (d: Deployment): boolean => d.spec?.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== MAX_INT32

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0
  if (typeof v === 'number') return v
  const pct = Number(v.replace(/%$/, ''))
  const x = (pct * total) / 100
  return roundUp ? Math.ceil(x) : Math.floor(x)
}

/** ResolveFenceposts: surge rounded up, unavailable down; both 0 makes unavailable 1. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate
  const surge = scaledValue(ru?.maxSurge ?? 0, replicasOf(d), true)
  let unavailable = scaledValue(ru?.maxUnavailable ?? 0, replicasOf(d), false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0
  return Math.min(resolveFenceposts(d).unavailable, replicasOf(d))
}

/** Revision: the revision annotation as a number (0 without one; NaN when unparsable). */
export function revision(o: { metadata?: { annotations?: Record<string, string> } }): number {
  const v = o.metadata?.annotations?.[REVISION]
  if (v === undefined) return 0
  return /^[+-]?\d+$/.test(v) ? Number(v) : NaN
}

export function maxRevision(rss: readonly RS[]): number {
  let max = 0
  for (const rs of rss) {
    const v = revision(rs)
    if (v > max) max = v
  }
  return max
}

/** ReplicaSetsByCreationTimestamp: older first, then by name. */
export function byCreation(a: RS, b: RS): number {
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0
  if (ta !== tb) return ta - tb
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}

/** ReplicaSetsByRevision: by revision, falling back to creation order. */
export function byRevision(a: RS, b: RS): number {
  const [ra, rb] = [revision(a), revision(b)]
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreation(a, b)
  return ra - rb
}

/** ReplicaSetsBySizeNewer: larger first, newer first among equals. */
export const bySizeNewer = (a: RS, b: RS): number => replicasOf(b) - replicasOf(a) || -byCreation(a, b)
/** ReplicaSetsBySizeOlder: larger first, older first among equals. */
export const bySizeOlder = (a: RS, b: RS): number => replicasOf(b) - replicasOf(a) || byCreation(a, b)

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return withoutHash(a) === withoutHash(b)
}

/** Texts of frozen templates (the informers' objects never change), as each sync compares them again. */
const withoutHashTexts = new WeakMap<PodTemplateSpec, string>()

/** The template's canonical text without the pod-template-hash label. */
function withoutHash(t: PodTemplateSpec | undefined): string {
  const known = t && withoutHashTexts.get(t)
  if (known !== undefined) return known
  const labels = { ...(t?.metadata?.labels ?? {}) }
  delete labels[POD_TEMPLATE_HASH]
  const metadata = { ...(t?.metadata ?? {}), labels: Object.keys(labels).length ? labels : undefined }
  const text = stableJson({ ...(t ?? {}), metadata })
  if (t && Object.isFrozen(t) && Object.isFrozen(t.metadata ?? t) && Object.isFrozen(t.spec ?? t)) withoutHashTexts.set(t, text)
  return text
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rss: readonly RS[]): RS | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template))
}

/** FindOldReplicaSets (all of them, with or without pods). */
export function findOldReplicaSets(d: Deployment, rss: readonly RS[]): RS[] {
  const newRS = findNewReplicaSet(d, rss)
  return rss.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid)
}

export const filterActive = (rss: readonly (RS | undefined)[]): RS[] => rss.filter((rs): rs is RS => !!rs && replicasOf(rs) > 0)
const sum = (rss: readonly (RS | undefined)[], f: (rs: RS) => number): number => rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0)
export const specReplicas = (rss: readonly (RS | undefined)[]): number => sum(rss, replicasOf)
export const actualReplicas = (rss: readonly (RS | undefined)[]): number => sum(rss, (rs) => rs.status?.replicas ?? 0)
export const readyReplicas = (rss: readonly (RS | undefined)[]): number => sum(rss, (rs) => rs.status?.readyReplicas ?? 0)
export const availableReplicas = (rss: readonly (RS | undefined)[]): number => sum(rss, (rs) => rs.status?.availableReplicas ?? 0)

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (RS | undefined)[], newRS: ReplicaSet): number {
  if (d.spec?.strategy?.type === 'Recreate') return replicasOf(d)
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge, replicasOf(d), true)
  const current = specReplicas(allRSs)
  const maxTotal = replicasOf(d) + surge
  if (current >= maxTotal) return replicasOf(newRS)
  return replicasOf(newRS) + Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS))
}

/** IsSaturated: the new ReplicaSet has all replicas, believes so, and all are available. */
export function isSaturated(d: Deployment, rs: RS | undefined): boolean {
  if (!rs) return false
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS]
  if (desired === undefined || !/^[+-]?\d+$/.test(desired)) return false
  return replicasOf(rs) === replicasOf(d) && Number(desired) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d)
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
export function findActiveOrLatest(newRS: RS | undefined, oldRSs: readonly RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const newestFirst = [...oldRSs].sort((a, b) => -byCreation(a, b))
  const active = filterActive([...newestFirst, newRS])
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

/** Go's math.Round: half away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x))

/** GetProportion / getReplicaSetFraction: this ReplicaSet's share of a scaling step. */
export function getProportion(rs: RS, d: DeploymentObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  let fraction: number
  if (replicasOf(d) === 0) fraction = -replicasOf(rs)
  else {
    const size = replicasOf(d) + maxSurge(d)
    const annotated = rs.metadata.annotations?.[MAX_REPLICAS]
    const base = annotated !== undefined && /^[+-]?\d+$/.test(annotated) ? Number(annotated) : (d.status?.replicas ?? 0)
    fraction = roundHalfAway((replicasOf(rs) * size) / base) - replicasOf(rs)
  }
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

/** SetReplicasAnnotations; returns whether anything changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata!.annotations ??= {})
  let changed = false
  if (a[DESIRED_REPLICAS] !== String(desired)) (a[DESIRED_REPLICAS] = String(desired)), (changed = true)
  if (a[MAX_REPLICAS] !== String(max)) (a[MAX_REPLICAS] = String(max)), (changed = true)
  return changed
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations
  return !a || a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max)
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations (but the skipped ones), raise
 * the revision to `newRevision` (keeping the old one in revision-history: a rollback), and, for a
 * ReplicaSet about to be created, the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const a = (rs.metadata!.annotations ??= {})
  let changed = false
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED.has(k) || a[k] === v) continue
    a[k] = v
    changed = true
  }
  const old = a[REVISION]
  const oldRevision = old === undefined || old === '' ? 0 : /^[+-]?\d+$/.test(old) ? Number(old) : NaN
  if (Number.isNaN(oldRevision)) return false
  if (oldRevision < newRevision) {
    a[REVISION] = String(newRevision)
    changed = true
    if (old !== undefined) {
      const history = a[REVISION_HISTORY] ?? ''
      if (history === '') a[REVISION_HISTORY] = old
      else {
        let parts = history.split(',')
        let total = history.length + old.length + 1
        let start = 0
        while (total > MAX_REV_HISTORY_CHARS && start < parts.length) total -= parts[start++].length + 1
        if (total <= MAX_REV_HISTORY_CHARS) {
          parts = [...parts.slice(start), old]
          a[REVISION_HISTORY] = parts.join(',')
        }
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true
  return changed
}

export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  const a = (d.metadata!.annotations ??= {})
  if (a[REVISION] === rev) return false
  a[REVISION] = rev
  return true
}

// ------------------------------------------------------------------ conditions

export function newCondition(type: string, status: string, reason: string, message: string, now: Millis): DeploymentCondition {
  return { type, status, lastUpdateTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message }
}

export const getCondition = (s: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined => s?.conditions?.find((c) => c.type === type)

/** SetDeploymentCondition: no change for the same status and reason; keep the transition time for the same status. */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type)
  if (cur && cur.status === c.status && cur.reason === c.reason) return
  const next = cur && cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next]
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  const rest = (s.conditions ?? []).filter((x) => x.type !== type)
  s.conditions = rest.length ? rest : undefined
}

/** DeploymentComplete: every replica updated and available, none old, and the generation seen. */
export function deploymentComplete(d: DeploymentObject, s: DeploymentStatus): boolean {
  const n = replicasOf(d)
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0)
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  )
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Millis): boolean {
  if (!hasProgressDeadline(d)) return false
  const c = getCondition(s, 'Progressing')
  if (!c) return false
  if (c.reason === 'NewReplicaSetAvailable') return false
  if (c.reason === 'ProgressDeadlineExceeded') return true
  const from = parseTime(c.lastUpdateTime) ?? 0
  return from + d.spec!.progressDeadlineSeconds! * 1000 < now
}
