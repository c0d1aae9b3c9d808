// The scheduler as it was before round 7's incremental state (main 7ca43a9), kept as the reference
// that the exactness tests compare the current one with. Not used by kubelings itself.
// What the scheduler reads besides nodes and pods: Services and controllers (for the default
// spreading of their pods, helper.DefaultSelector) and namespaces (for namespaceSelector in pod
// affinity terms). All optional: a missing lookup behaves as an empty lister.
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js'
import type { Pod, ReplicationController, Service } from 'kubernetes-types/core/v1.js'
import { labelSelectorAsSelector, Selector, type Requirement } from '../../../../src/cluster/labels.js'

export interface ClusterLookups {
  services?(namespace: string): readonly Service[]
  replicaSet?(namespace: string, name: string): ReplicaSet | undefined
  statefulSet?(namespace: string, name: string): StatefulSet | undefined
  replicationController?(namespace: string, name: string): ReplicationController | undefined
  /** A namespace's labels; undefined when it does not exist. */
  namespaceLabels?(namespace: string): Readonly<Record<string, string>> | undefined
  /** All namespace names with their labels, for namespaceSelector (nsLister.List). */
  namespaces?(): readonly { name: string; labels: Readonly<Record<string, string>> }[]
}

/**
 * helper.DefaultSelector: the labels of every Service selecting the pod, plus the selector of its
 * controlling ReplicationController, ReplicaSet or StatefulSet. Empty when none applies.
 */
export function defaultSelector(pod: Pod, lookups: ClusterLookups): Selector {
  const ns = pod.metadata?.namespace ?? ''
  const podLabels = pod.metadata?.labels ?? {}
  const set: Record<string, string> = {}
  for (const svc of lookups.services?.(ns) ?? []) {
    const sel = svc.spec?.selector
    if (!sel) continue // a nil selector matches nothing, not everything
    if (Object.entries(sel).every(([k, v]) => podLabels[k] === v)) Object.assign(set, sel)
  }
  const reqs: Requirement[] = Object.entries(set).map(([key, v]) => ({ key, op: '=', values: [v] }))
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true) // GetControllerOfNoCopy
  if (owner) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : ''
    let extra: Requirement[] | undefined
    if (group === '' && owner.kind === 'ReplicationController') {
      const rc = lookups.replicationController?.(ns, owner.name)
      if (rc) {
        // An RC's selector is a plain map: merged into the service labels (labels.Merge).
        Object.assign(set, rc.spec?.selector ?? {})
        return new Selector(Object.entries(set).map(([key, v]) => ({ key, op: '=', values: [v] })))
      }
    } else if (group === 'apps' && owner.kind === 'ReplicaSet') extra = requirementsOf(lookups.replicaSet?.(ns, owner.name)?.spec?.selector)
    else if (group === 'apps' && owner.kind === 'StatefulSet') extra = requirementsOf(lookups.statefulSet?.(ns, owner.name)?.spec?.selector)
    if (extra) reqs.push(...extra)
  }
  return new Selector(reqs)
}

function requirementsOf(sel: Parameters<typeof labelSelectorAsSelector>[0]): Requirement[] | undefined {
  if (sel === undefined) return undefined
  const s = labelSelectorAsSelector(sel)
  return s.ok ? [...s.value.requirements] : undefined
}
