// kube-scheduler 1.32's queueing hints (SchedulerQueueingHints: beta, on by default from 1.32,
// pkg/features/versioned_kube_features.go). A pod that fit nowhere remembers the plugins that
// rejected it (its UnschedulablePlugins). When the cluster changes, the scheduling queue asks
// ONLY those plugins, through the QueueingHintFn each registered for that kind of change
// (EventsToRegister), whether the change may make the pod schedulable: Queue moves it to the
// active queue (or the back-off queue while its back-off runs), QueueSkip leaves it waiting.
//
// Sources (1.32): pkg/scheduler/framework/events.go (which changes are which events),
// pkg/scheduler/framework/types.go (ActionType, ClusterEvent.Match), the plugins'
// EventsToRegister and isSchedulableAfter* functions under pkg/scheduler/framework/plugins/,
// pkg/scheduler/backend/queue/scheduling_queue.go (isEventOfInterest, isPodWorthRequeuing).
import type { ContainerPort, Node, Pod } from 'kubernetes-types/core/v1.js'
import { jsonEqual } from '../json-equal.js'
import { quantity } from '../quantity.js'
import { fitsRequest, type FilterPlugin } from './filter.js'
import { requiredNodeAffinity, tolerates, untoleratedTaintOf } from './node-affinity.js'
import { NodeSummary, podInfo, termMatches, type AffinityTerm } from './node-info.js'
import { hardSpreadConstraints } from './topology-spread.js'

/** A plugin that can reject a pod: the filter plugins, and SchedulingGates (PreEnqueue). */
export type RejectorPlugin = FilterPlugin | 'SchedulingGates'

/** framework.ActionType: one bit per kind of change. */
export const Action = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  /** A change of the node's taints, or spec.unschedulable turned off. */
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodTolerations: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  UpdatePodGeneratedResourceClaim: 2048,
  /** Any other change of a pod (its status, for one): internal, no plugin registers it alone. */
  updatePodOther: 4096,
} as const

/**
 * An incoming cluster event. Pod events say whether the pod is bound (AssignedPod) or waits to be
 * scheduled (UnschedulablePod); a plugin that registers "Pod" hears both.
 */
export interface ClusterEvent {
  resource: 'Node' | 'AssignedPod' | 'UnschedulablePod'
  action: number
}

type Hint<T> = (pod: Pod, oldObj: T | undefined, newObj: T | undefined) => boolean

interface Registration {
  plugin: RejectorPlugin
  resource: 'Node' | 'Pod'
  actions: number
  /** true: Queue. A registration without a hint always queues (defaultQueueingHintFn). */
  hint?: Hint<Node> | Hint<Pod>
}

const sameUID = (a: Pod | undefined, b: Pod): boolean => !!a && (a.metadata?.uid ?? '') === (b.metadata?.uid ?? '')

// --- the hints, plugin by plugin -----------------------------------------------------------------

/** SchedulingGates.isSchedulableAfterUpdatePodSchedulingGatesEliminated: only the pod's own update. */
const gatesEliminated: Hint<Pod> = (pod, _old, updated) => sameUID(updated, pod)

/** NodeUnschedulable.isSchedulableAfterNodeChange: a node became schedulable, or one was added schedulable. */
const nodeBecameSchedulable: Hint<Node> = (_pod, old, node) =>
  (!!old && !!old.spec?.unschedulable && !node?.spec?.unschedulable) || (!old && !!node && !node.spec?.unschedulable)

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }

/** NodeUnschedulable.isSchedulableAfterPodTolerationChange: the pod itself now tolerates the unschedulable taint. */
const toleratesUnschedulable: Hint<Pod> = (pod, _old, updated) => sameUID(updated, pod) && tolerates(updated!.spec?.tolerations ?? [], UNSCHEDULABLE_TAINT)

/** TaintToleration.isSchedulableAfterNodeChange: a NoSchedule/NoExecute taint the pod did not tolerate is gone. */
const taintNowTolerated: Hint<Node> = (pod, old, node) => {
  const tolerations = pod.spec?.tolerations ?? []
  const wasUntolerated = old ? !!untoleratedTaintOf(old.spec?.taints, tolerations) : true
  return wasUntolerated && !untoleratedTaintOf(node?.spec?.taints, tolerations)
}

/** TaintToleration.isSchedulableAfterPodTolerationChange: the pod itself got a toleration. */
const ownTolerationAdded: Hint<Pod> = (pod, _old, updated) => sameUID(updated, pod)

/** NodeAffinity.isSchedulableAfterNodeChange: a node that matches the required affinity, added or newly matching. */
const nodeNowMatchesAffinity: Hint<Node> = (pod, old, node) => {
  const required = requiredNodeAffinity(pod)
  if (!node || !required.matches(node)) return false
  return !old || !required.matches(old)
}

/** getContainerPorts: the host ports of the pod's containers (init containers not included). */
function containerHostPorts(pod: Pod): ContainerPort[] {
  return (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => (p.hostPort ?? 0) > 0))
}

/** HostPortInfo.CheckConflict, against the ports of one pod: a wildcard IP conflicts with every IP. */
function portsConflict(want: readonly ContainerPort[], used: readonly ContainerPort[]): boolean {
  const norm = (p: ContainerPort) => ({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort })
  const usedN = used.map(norm)
  return want.map(norm).some((w) => usedN.some((u) => u.port === w.port && u.protocol === w.protocol && (w.ip === '0.0.0.0' || u.ip === '0.0.0.0' || u.ip === w.ip)))
}

/** NodePorts.isSchedulableAfterPodDeleted: a bound pod went that held a host port this pod wants. */
const freedHostPort: Hint<Pod> = (pod, deleted) => {
  if (!deleted?.spec?.nodeName) return false
  const used = containerHostPorts(deleted)
  return used.length > 0 && portsConflict(containerHostPorts(pod), used)
}

/** NodeResourcesFit.isSchedulableAfterPodEvent: any bound pod's deletion may free room (no in-place resize in 1.32's defaults). */
const boundPodDeleted: Hint<Pod> = (_pod, deleted, updated) => !updated && !!deleted?.spec?.nodeName

/** isFit: the pod fits the node's allocatable when the node is empty (pod count included). */
function fitsEmptyNode(pod: Pod, node: Node): boolean {
  const requests = podInfo(pod).requests
  const scalars = Object.entries(requests.scalar).filter(([, v]) => v > 0)
  return fitsRequest(requests, scalars, new NodeSummary(node)).length === 0
}

/** haveAnyRequestedResourcesIncreased: more pods allowed, or more of a resource the pod requests. */
function requestedResourceIncreased(pod: Pod, old: Node, node: Node): boolean {
  const before = new NodeSummary(old).allocatable
  const after = new NodeSummary(node).allocatable
  if (after.pods > before.pods) return true
  const req = podInfo(pod).requests
  const scalars = Object.entries(req.scalar).filter(([, v]) => v !== 0)
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && Object.keys(req.scalar).length === 0) return false
  if ((req.milliCPU > 0 && after.milliCPU > before.milliCPU) || (req.memory > 0 && after.memory > before.memory) || (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage))
    return true
  return scalars.some(([name]) => (after.scalar[name] ?? 0) > (before.scalar[name] ?? 0))
}

/** NodeResourcesFit.isSchedulableAfterNodeChange: a node the pod fits, added, or with more of what it requests. */
const nodeFitsRequests: Hint<Node> = (pod, old, node) => {
  if (!node || !fitsEmptyNode(pod, node)) return false
  return !old || requestedResourceIncreased(pod, old, node)
}

/** PodTopologySpread's involvedInTopologySpreading: the pod itself, or a bound pod of its namespace. */
const involvedInSpreading = (p: Pod, pod: Pod): boolean => sameUID(p, pod) || (!!p.spec?.nodeName && (p.metadata?.namespace ?? '') === (pod.metadata?.namespace ?? ''))

/** PodTopologySpread.isSchedulableAfterPodChange. */
const spreadPodChange: Hint<Pod> = (pod, old, updated) => {
  if ((updated && !involvedInSpreading(updated, pod)) || (old && !involvedInSpreading(old, pod))) return false
  const constraints = hardSpreadConstraints(pod)
  if (updated && old) {
    // A new toleration of the pod's own counts where a constraint honours taints.
    if (sameUID(updated, pod) && !jsonEqual(updated.spec?.tolerations ?? [], old.spec?.tolerations ?? []) && constraints.some((c) => c.honorTaints)) return true
    if (jsonEqual(updated.metadata?.labels ?? {}, old.metadata?.labels ?? {})) return false
    return constraints.some((c) => c.selector.matches(old.metadata?.labels) !== c.selector.matches(updated.metadata?.labels))
  }
  const p = (updated ?? old)!
  return constraints.some((c) => c.selector.matches(p.metadata?.labels))
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
const hasTopologyKeys = (node: Node, constraints: readonly { topologyKey: string }[]): boolean => constraints.every((c) => c.topologyKey in (node.metadata?.labels ?? {}))

/** PodTopologySpread.isSchedulableAfterNodeChange. */
const spreadNodeChange: Hint<Node> = (pod, old, node) => {
  const constraints = hardSpreadConstraints(pod)
  const oldMatching = !!old && hasTopologyKeys(old, constraints)
  const newMatching = !!node && hasTopologyKeys(node, constraints)
  if (old && node) {
    if (oldMatching !== newMatching) return true
    const oldLabels = old.metadata?.labels ?? {}
    const newLabels = node.metadata?.labels ?? {}
    const keyChanged = constraints.some((c) => oldLabels[c.topologyKey] !== newLabels[c.topologyKey])
    return newMatching && (keyChanged || !jsonEqual(old.spec?.taints ?? [], node.spec?.taints ?? []))
  }
  return node ? newMatching : oldMatching
}

/**
 * podMatchesAllAffinityTerms: there are terms, and the pod matches every one. The hints read the
 * terms as GetAffinityTerms makes them, namespaceSelector not resolved to namespaces (matched
 * against no labels).
 */
const matchesAllTerms = (terms: readonly AffinityTerm[], p: Pod): boolean => terms.length > 0 && terms.every((t) => termMatches(t, p, undefined))

/** InterPodAffinity.isSchedulableAfterPodChange. */
const affinityPodChange: Hint<Pod> = (pod, old, updated) => {
  if ((updated && !updated.spec?.nodeName) || (old && !old.spec?.nodeName)) return false
  const { requiredAffinityTerms: terms, requiredAntiAffinityTerms: antiTerms } = podInfo(pod)
  if (updated && old) return (!matchesAllTerms(terms, old) && matchesAllTerms(terms, updated)) || (matchesAllTerms(antiTerms, old) && !matchesAllTerms(antiTerms, updated))
  if (updated) return matchesAllTerms(terms, updated)
  return matchesAllTerms(antiTerms, old!)
}

/** InterPodAffinity.isSchedulableAfterNodeChange: the node (new version) has a topology key of a required term. */
const affinityNodeChange: Hint<Node> = (pod, _old, node) => {
  const labels = node?.metadata?.labels ?? {}
  const { requiredAffinityTerms, requiredAntiAffinityTerms } = podInfo(pod)
  return requiredAffinityTerms.some((t) => t.topologyKey in labels) || requiredAntiAffinityTerms.some((t) => t.topologyKey in labels)
}

const A = Action

/** EventsToRegister of each plugin, as 1.32 registers them with queueing hints enabled. */
const REGISTRATIONS: readonly Registration[] = [
  { plugin: 'SchedulingGates', resource: 'Pod', actions: A.UpdatePodSchedulingGatesEliminated, hint: gatesEliminated },
  { plugin: 'NodeUnschedulable', resource: 'Node', actions: A.Add | A.UpdateNodeTaint, hint: nodeBecameSchedulable },
  { plugin: 'NodeUnschedulable', resource: 'Pod', actions: A.UpdatePodTolerations, hint: toleratesUnschedulable },
  { plugin: 'NodeName', resource: 'Node', actions: A.Add },
  { plugin: 'TaintToleration', resource: 'Node', actions: A.Add | A.UpdateNodeTaint, hint: taintNowTolerated },
  { plugin: 'TaintToleration', resource: 'Pod', actions: A.UpdatePodTolerations, hint: ownTolerationAdded },
  { plugin: 'NodeAffinity', resource: 'Node', actions: A.Add | A.UpdateNodeLabel, hint: nodeNowMatchesAffinity },
  { plugin: 'NodePorts', resource: 'Pod', actions: A.Delete, hint: freedHostPort },
  { plugin: 'NodePorts', resource: 'Node', actions: A.Add },
  { plugin: 'NodeResourcesFit', resource: 'Pod', actions: A.Delete, hint: boundPodDeleted },
  { plugin: 'NodeResourcesFit', resource: 'Node', actions: A.Add | A.UpdateNodeAllocatable, hint: nodeFitsRequests },
  { plugin: 'PodTopologySpread', resource: 'Pod', actions: A.Add | A.UpdatePodLabel | A.UpdatePodTolerations | A.Delete, hint: spreadPodChange },
  { plugin: 'PodTopologySpread', resource: 'Node', actions: A.Add | A.Delete | A.UpdateNodeLabel | A.UpdateNodeTaint, hint: spreadNodeChange },
  { plugin: 'InterPodAffinity', resource: 'Pod', actions: A.Add | A.UpdatePodLabel | A.Delete, hint: affinityPodChange },
  { plugin: 'InterPodAffinity', resource: 'Node', actions: A.Add | A.UpdateNodeLabel, hint: affinityNodeChange },
]

/** ClusterEvent.Match: "Pod" matches bound and waiting pods alike; the action bits must overlap. */
const matches = (r: Registration, e: ClusterEvent): boolean => (r.resource === 'Node' ? e.resource === 'Node' : e.resource !== 'Node') && (r.actions & e.action) !== 0

/**
 * isEventOfInterest: does any plugin of the profile register this event? The volume plugins of the
 * default profile, not modelled here, register no Node or Pod event outside this union
 * (VolumeBinding, VolumeZone: Node Add|UpdateNodeLabel; VolumeRestrictions: Node Add, Pod Delete;
 * NodeVolumeLimits: Pod Delete).
 */
export function isEventOfInterest(e: ClusterEvent): boolean {
  return REGISTRATIONS.some((r) => matches(r, e))
}

/**
 * isPodWorthRequeuing for a pod rejected by `rejectors`: true means Queue (after its back-off),
 * false QueueSkip. A pod no plugin rejected is always worth another try. (No plugin here returns
 * Pending, so queueImmediately never arises.)
 */
export function isPodWorthRequeuing(pod: Pod, rejectors: readonly RejectorPlugin[], e: ClusterEvent, oldObj: Node | Pod | undefined, newObj: Node | Pod | undefined): boolean {
  if (rejectors.length === 0) return true
  for (const r of REGISTRATIONS) {
    if (!matches(r, e) || !rejectors.includes(r.plugin)) continue
    if (!r.hint || (r.hint as Hint<Node | Pod>)(pod, oldObj, newObj)) return true
  }
  return false
}

// --- which events a change is --------------------------------------------------------------------

/** equality.Semantic.DeepEqual on maps and lists: an absent one equals an empty one. */
const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => jsonEqual(a ?? {}, b ?? {})

/** Quantities compare by value ("1" = "1000m"), as Semantic.DeepEqual compares resource.Quantity. */
function sameResources(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const ka = Object.keys(a ?? {})
  if (ka.length !== Object.keys(b ?? {}).length) return false
  return ka.every((k) => b !== undefined && k in b && quantity(a![k]).nanos === quantity(b[k]).nanos)
}

/** Node conditions by type → status (heartbeats and messages are no change). */
function conditionStatuses(n: Node): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of n.status?.conditions ?? []) out[c.type] = c.status
  return out
}

/** NodeSchedulingPropertiesChange: the events of one node update, in upstream's order (each is delivered on its own). */
export function nodeSchedulingPropertiesChange(node: Node, old: Node): ClusterEvent[] {
  const actions: number[] = []
  if (!!node.spec?.unschedulable !== !!old.spec?.unschedulable && !node.spec?.unschedulable) actions.push(A.UpdateNodeTaint)
  if (!sameResources(old.status?.allocatable, node.status?.allocatable)) actions.push(A.UpdateNodeAllocatable)
  if (!sameMap(node.metadata?.labels, old.metadata?.labels)) actions.push(A.UpdateNodeLabel)
  if (!jsonEqual(node.spec?.taints ?? [], old.spec?.taints ?? [])) actions.push(A.UpdateNodeTaint)
  if (!jsonEqual(conditionStatuses(old), conditionStatuses(node))) actions.push(A.UpdateNodeCondition)
  if (!sameMap(old.metadata?.annotations, node.metadata?.annotations)) actions.push(A.UpdateNodeAnnotation)
  return actions.map((action) => ({ resource: 'Node', action }))
}

/**
 * PodSchedulingPropertiesChange: the events of one pod update (UpdatePodOther when none of the
 * others). UpdatePodScaleDown is left out: requests cannot change without in-place resize (alpha,
 * off in 1.32), and no plugin here listens for it then.
 */
export function podSchedulingPropertiesChange(pod: Pod, old: Pod): ClusterEvent[] {
  const resource = pod.spec?.nodeName ? 'AssignedPod' : 'UnschedulablePod'
  const actions: number[] = []
  if (!sameMap(pod.metadata?.labels, old.metadata?.labels)) actions.push(A.UpdatePodLabel)
  if ((pod.spec?.schedulingGates ?? []).length === 0 && (old.spec?.schedulingGates ?? []).length !== 0) actions.push(A.UpdatePodSchedulingGatesEliminated)
  // Tolerations can only be added (validation), so a change is a change of their number.
  if ((pod.spec?.tolerations ?? []).length !== (old.spec?.tolerations ?? []).length) actions.push(A.UpdatePodTolerations)
  if (actions.length === 0) actions.push(A.updatePodOther)
  return actions.map((action) => ({ resource, action }))
}
