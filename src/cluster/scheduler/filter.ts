// The Filter extension point of kube-scheduler 1.32's default profile: each plugin in upstream's
// order (pkg/scheduler/apis/config/v1/default_plugins.go, volume plugins left out: no volumes
// here), and a node's reasons are those of the FIRST plugin that rejects it.
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js'
import { requiredNodeAffinity, tolerates, untoleratedTaintOf, type NodeMatcher } from './node-affinity.js'
import { podInfo, type HostPort, type NodeSummary, type PodInfo, type Snapshot } from './node-info.js'
import { interPodAffinityFilter, preFilterInterPodAffinity, type InterPodFilterState } from './inter-pod-affinity.js'
import type { Resources } from './resources.js'
import type { ClusterLookups } from './spread-selector.js'
import { preFilterTopologySpread, topologySpreadFilter, type SpreadFilterState } from './topology-spread.js'

export const FILTER_PLUGINS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
] as const
export type FilterPlugin = (typeof FILTER_PLUGINS)[number]

/** framework.Code of a rejection: only Unschedulable nodes are worth trying preemption on. */
export type RejectionCode = 'Unschedulable' | 'UnschedulableAndUnresolvable'

export interface Rejection {
  plugin: FilterPlugin
  code: RejectionCode
  reasons: string[]
}

// The reasons, word for word (each plugin's ErrReason constants).
export const ERR_NODE_UNSCHEDULABLE = 'node(s) were unschedulable'
export const ERR_NODE_NAME = "node(s) didn't match the requested node name"
export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports"
export const ERR_AFFINITY_CONFLICT = 'pod affinity terms conflict'

/** Everything a cycle computes once per pod before visiting nodes (the PreFilter states). */
export interface FilterCycle {
  pod: Pod
  info: PodInfo
  tolerations: readonly Toleration[]
  required: NodeMatcher
  ports: HostPort[]
  requests: Resources
  /** The pod's extended resources with a non-zero request, by name. */
  scalars: [string, number][]
  spread: SpreadFilterState | undefined
  interPod: InterPodFilterState | undefined
}

export function preFilter(pod: Pod, snapshot: Snapshot, lookups: ClusterLookups): FilterCycle {
  const info = podInfo(pod)
  return {
    pod,
    info,
    tolerations: pod.spec?.tolerations ?? [],
    required: requiredNodeAffinity(pod),
    ports: info.hostPorts,
    requests: info.requests,
    // Go ranges over a map here, in random order; sorted names keep a replay identical.
    scalars: Object.entries(info.requests.scalar)
      .filter(([, v]) => v > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    spread: preFilterTopologySpread(pod, snapshot),
    interPod: preFilterInterPodAffinity(pod, snapshot.nodes, lookups, snapshot.nodesWithRequiredAntiAffinity()),
  }
}

const reject = (plugin: FilterPlugin, code: RejectionCode, ...reasons: string[]): Rejection => ({ plugin, code, reasons })

/** Runs the filter plugins in order on one node; undefined when the node fits. */
export function filterNode(c: FilterCycle, n: NodeSummary): Rejection | undefined {
  // NodeUnschedulable: a pod tolerating the unschedulable taint tolerates spec.unschedulable too.
  if (n.unschedulable && !tolerates(c.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))
    return reject('NodeUnschedulable', 'UnschedulableAndUnresolvable', ERR_NODE_UNSCHEDULABLE)
  const nodeName = c.pod.spec?.nodeName
  if (nodeName && nodeName !== n.name) return reject('NodeName', 'UnschedulableAndUnresolvable', ERR_NODE_NAME)
  const taint = untoleratedTaintOf(n.taints, c.tolerations)
  if (taint) return reject('TaintToleration', 'UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`)
  if (!c.required.matches(n.node)) return reject('NodeAffinity', 'UnschedulableAndUnresolvable', ERR_NODE_AFFINITY)
  if (c.ports.length > 0 && c.ports.some((p) => portConflict(n, p))) return reject('NodePorts', 'Unschedulable', ERR_NODE_PORTS)
  const insufficient = fitsRequest(c.requests, c.scalars, n)
  if (insufficient.length > 0) return reject('NodeResourcesFit', 'Unschedulable', ...insufficient)
  const spread = c.spread && topologySpreadFilter(c.spread, c.pod, n)
  if (spread) return reject('PodTopologySpread', spread.code, spread.reason)
  const inter = c.interPod && interPodAffinityFilter(c.interPod, n)
  if (inter) return reject('InterPodAffinity', inter.code, inter.reason)
  return undefined
}

/**
 * HostPortInfo.CheckConflict: a wildcard hostIP (0.0.0.0) conflicts with the same protocol/port on
 * any IP; a specific IP conflicts with itself and with the wildcard.
 */
function portConflict(n: NodeSummary, p: HostPort): boolean {
  const key = `${p.protocol}/${p.port}`
  if (p.ip === '0.0.0.0') {
    for (const byIP of n.usedPorts.values()) if (byIP.has(key)) return true
    return false
  }
  return !!(n.usedPorts.get('0.0.0.0')?.has(key) || n.usedPorts.get(p.ip)?.has(key))
}

/**
 * NodeResourcesFit's fitsRequest: all the reasons at once, in upstream's order — pod count first,
 * then (only if the pod requests anything) cpu, memory, ephemeral-storage, extended resources.
 * Requests, not limits; a pod without requests counts 0 here.
 */
export function fitsRequest(req: Resources, scalars: readonly [string, number][], n: NodeSummary): string[] {
  const alloc = n.allocatable
  const used = n.requested
  const tooMany = n.pods.length + 1 > n.allocPods
  const nothing = req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalars.length === 0
  if (nothing) return tooMany ? ['Too many pods'] : NONE
  const cpu = req.milliCPU > 0 && req.milliCPU > n.allocMilliCPU - n.requestedMilliCPU
  const memory = req.memory > 0 && req.memory > n.allocMemory - n.requestedMemory
  const storage = req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage
  const out: string[] = tooMany ? ['Too many pods'] : NONE
  if (!cpu && !memory && !storage && scalars.length === 0) return out
  const reasons = [...out]
  if (cpu) reasons.push('Insufficient cpu')
  if (memory) reasons.push('Insufficient memory')
  if (storage) reasons.push('Insufficient ephemeral-storage')
  for (const [name, v] of scalars) if (v > (alloc.scalar[name] ?? 0) - (used.scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`)
  return reasons
}

const NONE: string[] = []
