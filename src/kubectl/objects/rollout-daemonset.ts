// kubectl rollout status, history and undo for a DaemonSet (polymorphichelpers DaemonSetStatusViewer,
// DaemonSetHistoryViewer, DaemonSetRollbacker). Status ignores --revision for DaemonSets, as kubectl does.
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js'
import { stableJson } from '../../cluster/json-equal.js'
import { formatLabelSelector } from '../../cluster/labels.js'
import { clone, controllerRefOf, type StoredObject } from '../../cluster/object.js'
import { err, ok, type Result } from '../../cluster/result.js'
import { KUBECTL, type KubectlContext } from '../context.js'
import { tabbedString } from '../describe/writer.js'
import { printTemplate, type Rollback, type RolloutStatus } from './rollout-deployment.js'

export function daemonSetRolloutStatus(ds: StoredObject & DaemonSet): RolloutStatus {
  // Upstream names the StatefulSet constant here; both are "RollingUpdate".
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' }
  const name = ds.metadata.name
  const st = ds.status
  if ((ds.metadata.generation ?? 0) > (st?.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false }
  const desired = st?.desiredNumberScheduled ?? 0
  const updated = st?.updatedNumberScheduled ?? 0
  const available = st?.numberAvailable ?? 0
  const waiting = `Waiting for daemon set "${name}" rollout to finish: `
  if (updated < desired) return { message: `${waiting}${updated} out of ${desired} new pods have been updated...\n`, done: false }
  if (available < desired) return { message: `${waiting}${available} of ${desired} updated pods are available...\n`, done: false }
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true }
}

// ------------------------------------------------------------ history and undo (DaemonSetHistoryViewer, DaemonSetRollbacker)

type RevisionObject = StoredObject & ControllerRevision

const CHANGE_CAUSE = 'kubernetes.io/change-cause'

/** daemonSetHistory: the ControllerRevisions the DaemonSet's selector selects and that it controls, by revision. */
export function daemonSetRevisions(ctx: KubectlContext, ds: StoredObject & DaemonSet): Result<RevisionObject[], string> {
  const listed = ctx.api.list(KUBECTL, 'controllerrevisions', { namespace: ds.metadata.namespace, labelSelector: formatLabelSelector(ds.spec?.selector) })
  if (!listed.ok) return err(listed.error.message)
  const owned = (listed.value.items as unknown as RevisionObject[]).filter((r) => controllerRefOf(r)?.uid === ds.metadata.uid)
  return ok(owned.sort((a, b) => a.revision - b.revision))
}

/** The pod template a revision restores (applyDaemonSetHistory: its data is a patch replacing the template). */
function templateOf(r: ControllerRevision): PodTemplateSpec {
  const t = clone((r.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined)?.spec?.template ?? {})
  delete t.$patch
  return t
}

/** ViewHistory: REVISION and CHANGE-CAUSE, or one revision's pod template. */
export function viewDaemonSetHistory(ctx: KubectlContext, ds: StoredObject & DaemonSet, revision: number): Result<string, string> {
  const all = daemonSetRevisions(ctx, ds)
  if (!all.ok) return all
  const byRevision = new Map(all.value.map((r) => [r.revision, r]))
  if (byRevision.size === 0) return ok('No rollout history found.')
  if (revision > 0) {
    const r = byRevision.get(revision)
    return r ? ok(printTemplate(templateOf(r))) : err('unable to find the specified revision')
  }
  return ok(
    tabbedString((w) => {
      w.write(0, 'REVISION\tCHANGE-CAUSE\n')
      for (const r of [...byRevision.keys()].sort((a, b) => a - b)) w.write(0, `${r}\t${byRevision.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`)
    }),
  )
}

/** DaemonSetRollbacker.Rollback: the chosen revision's patch, applied to the DaemonSet. */
export function rollbackDaemonSet(ctx: KubectlContext, ds: StoredObject & DaemonSet, toRevision: number, dryRun: 'none' | 'client' | 'server'): Rollback {
  const notFound = `unable to find specified revision ${toRevision} in history`
  if (toRevision < 0) return { error: notFound }
  const all = daemonSetRevisions(ctx, ds)
  if (!all.ok) return { error: all.error }
  if (toRevision === 0 && all.value.length <= 1) return { error: 'no last revision to roll back to' }
  const chosen = toRevision === 0 ? all.value[all.value.length - 2] : all.value.find((r) => r.revision === toRevision)
  if (!chosen) return { error: notFound }
  if (dryRun === 'client') return { result: printTemplate(templateOf(chosen)) }
  if (stableJson(chosen.data ?? null) === stableJson({ spec: { template: { ...clone(ds.spec?.template ?? {}), $patch: 'replace' } } }))
    return { result: `skipped rollback (current template already matches revision ${toRevision})` }
  const patched = ctx.api.patch(KUBECTL, 'daemonsets', ds.metadata.namespace, ds.metadata.name, chosen.data, 'strategic', { dryRun: dryRun === 'server' })
  if (!patched.ok) return { error: `failed restoring revision ${toRevision}: ${patched.error.message}` }
  return { result: 'rolled back' }
}
