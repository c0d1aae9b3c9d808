// What the scheduler reads besides nodes and pods: Services and controllers (for the default
// spreading of their pods, helper.DefaultSelector) and namespaces (for namespaceSelector in pod
// affinity terms). All optional: a missing lookup behaves as an empty lister.
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js'
import type { Pod, ReplicationController, Service } from 'kubernetes-types/core/v1.js'
import { labelSelectorAsSelector, Selector, type Requirement } from '../labels.js'

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

/** What DefaultSelector reads of the cluster for one pod: the Services selecting it, its controller. */
export interface DefaultSelectorInputs {
  /** The Services of the pod's namespace whose selector matches its labels, in the lister's order. */
  services: Service[]
  /** The controlling ReplicationController, ReplicaSet or StatefulSet found, and which it is. */
  controller: ReplicationController | ReplicaSet | StatefulSet | undefined
  controllerKind: 'ReplicationController' | 'ReplicaSet' | 'StatefulSet' | undefined
}

export function defaultSelectorInputs(pod: Pod, lookups: ClusterLookups): DefaultSelectorInputs {
  const ns = pod.metadata?.namespace ?? ''
  const podLabels = pod.metadata?.labels ?? {}
  const services: Service[] = []
  for (const svc of lookups.services?.(ns) ?? []) {
    const sel = svc.spec?.selector
    if (!sel) continue // a nil selector matches nothing, not everything
    let all = true
    for (const k in sel)
      if (podLabels[k] !== sel[k]) {
        all = false
        break
      }
    if (all) services.push(svc)
  }
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true) // GetControllerOfNoCopy
  if (owner) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : ''
    if (group === '' && owner.kind === 'ReplicationController') {
      const rc = lookups.replicationController?.(ns, owner.name)
      if (rc) return { services, controller: rc, controllerKind: 'ReplicationController' }
    } else if (group === 'apps' && owner.kind === 'ReplicaSet') {
      const rs = lookups.replicaSet?.(ns, owner.name)
      if (rs) return { services, controller: rs, controllerKind: 'ReplicaSet' }
    } else if (group === 'apps' && owner.kind === 'StatefulSet') {
      const ss = lookups.statefulSet?.(ns, owner.name)
      if (ss) return { services, controller: ss, controllerKind: 'StatefulSet' }
    }
  }
  return { services, controller: undefined, controllerKind: undefined }
}

/**
 * helper.DefaultSelector: the labels of every Service selecting the pod, plus the selector of its
 * controlling ReplicationController, ReplicaSet or StatefulSet. Empty when none applies.
 */
export function defaultSelector(pod: Pod, lookups: ClusterLookups): Selector {
  return defaultSelectorOf(defaultSelectorInputs(pod, lookups))
}

/** DefaultSelector from what it read (a function of these objects alone). */
export function defaultSelectorOf(inputs: DefaultSelectorInputs): Selector {
  const set: Record<string, string> = {}
  for (const svc of inputs.services) Object.assign(set, svc.spec!.selector)
  const reqs: Requirement[] = Object.entries(set).map(([key, v]) => ({ key, op: '=', values: [v] }))
  const { controller, controllerKind } = inputs
  if (controllerKind === 'ReplicationController') {
    // An RC's selector is a plain map: merged into the service labels (labels.Merge).
    Object.assign(set, (controller as ReplicationController).spec?.selector ?? {})
    return new Selector(Object.entries(set).map(([key, v]) => ({ key, op: '=', values: [v] })))
  }
  if (controllerKind !== undefined) {
    const extra = requirementsOf((controller as ReplicaSet | StatefulSet).spec?.selector)
    if (extra) reqs.push(...extra)
  }
  return new Selector(reqs)
}

function requirementsOf(sel: Parameters<typeof labelSelectorAsSelector>[0]): Requirement[] | undefined {
  if (sel === undefined) return undefined
  const s = labelSelectorAsSelector(sel)
  return s.ok ? [...s.value.requirements] : undefined
}
