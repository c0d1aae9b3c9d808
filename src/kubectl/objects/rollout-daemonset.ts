// kubectl rollout status for a DaemonSet (polymorphichelpers DaemonSetStatusViewer). DaemonSets
// have no revision to wait for here: kubectl ignores --revision for them.
import type { DaemonSet } from 'kubernetes-types/apps/v1.js'
import type { StoredObject } from '../../cluster/object.js'
import type { RolloutStatus } from './rollout-deployment.js'

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
