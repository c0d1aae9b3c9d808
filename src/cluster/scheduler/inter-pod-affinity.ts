// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity, 1.32): required pod
// affinity / anti-affinity filter (the pod's own terms and existing pods' anti-affinity), and
// preferred terms (both ways) plus existing pods' required affinity (hardPodAffinityWeight 1) score.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { Selector } from '../labels.js'
import { podInfo, termMatches, type AffinityTerm, type NodeSummary, type PodInfo, type Snapshot } from './node-info.js'
import type { ClusterLookups } from './spread-selector.js'

export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules"
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules"
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules"

const HARD_POD_AFFINITY_WEIGHT = 1

type Labels = Readonly<Record<string, string>>
/** topologyKey + '\0' + value → count */
type TopologyCounts = Map<string, number>

const pair = (key: string, value: string): string => `${key}\0${value}`

function bump(m: TopologyCounts, n: NodeSummary, key: string, by: number): void {
  if (!(key in n.labels)) return
  const p = pair(key, n.labels[key])
  const v = (m.get(p) ?? 0) + by
  if (v === 0) m.delete(p)
  else m.set(p, v)
}

/** mergeAffinityTermNamespacesIfNotEmpty: a non-empty namespaceSelector becomes the namespaces it selects. */
function resolveNamespaces<T extends AffinityTerm>(t: T, lookups: ClusterLookups): T {
  if (t.namespaceSelector.empty()) return t
  const namespaces = new Set(t.namespaces)
  for (const ns of lookups.namespaces?.() ?? []) if (t.namespaceSelector.matches(ns.labels)) namespaces.add(ns.name)
  return { ...t, namespaces, namespaceSelector: Selector.nothing() }
}

/** podMatchesAllAffinityTerms: true IFF there are terms and the pod matches every one. */
function matchesAll(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, undefined))
}

export interface InterPodFilterState {
  affinityTerms: AffinityTerm[]
  antiAffinityTerms: AffinityTerm[]
  existingAntiAffinity: TopologyCounts
  affinityCounts: TopologyCounts
  antiAffinityCounts: TopologyCounts
  pod: Pod
}

/**
 * PreFilter; undefined (Skip) when neither the pod nor any existing pod has a required term that
 * matters. `antiAffinityNodes`, when given, are the nodes of `nodes` that have pods with required
 * anti-affinity (the others add nothing to existingAntiAffinity), in the same order.
 */
export function preFilterInterPodAffinity(
  pod: Pod,
  nodes: readonly NodeSummary[],
  lookups: ClusterLookups,
  antiAffinityNodes: readonly NodeSummary[] = nodes,
): InterPodFilterState | undefined {
  const info = podInfo(pod)
  const nsLabels: Labels | undefined = lookups.namespaceLabels?.(pod.metadata?.namespace ?? '')
  const existingAntiAffinity: TopologyCounts = new Map()
  for (const n of antiAffinityNodes)
    for (const existing of n.podsWithRequiredAntiAffinity)
      for (const t of existing.requiredAntiAffinityTerms) if (termMatches(t, pod, nsLabels)) bump(existingAntiAffinity, n, t.topologyKey, 1)
  const affinityTerms = info.requiredAffinityTerms.map((t) => resolveNamespaces(t, lookups))
  const antiAffinityTerms = info.requiredAntiAffinityTerms.map((t) => resolveNamespaces(t, lookups))
  if (existingAntiAffinity.size === 0 && affinityTerms.length === 0 && antiAffinityTerms.length === 0) return undefined
  const affinityCounts: TopologyCounts = new Map()
  const antiAffinityCounts: TopologyCounts = new Map()
  if (affinityTerms.length > 0 || antiAffinityTerms.length > 0)
    for (const n of nodes)
      for (const { pod: existing } of n.pods) {
        if (matchesAll(affinityTerms, existing)) for (const t of affinityTerms) bump(affinityCounts, n, t.topologyKey, 1)
        for (const t of antiAffinityTerms) if (termMatches(t, existing, undefined)) bump(antiAffinityCounts, n, t.topologyKey, 1)
      }
  return { affinityTerms, antiAffinityTerms, existingAntiAffinity, affinityCounts, antiAffinityCounts, pod }
}

/** Filter: affinity first (unresolvable), then the pod's anti-affinity, then existing pods' anti-affinity. */
export function interPodAffinityFilter(s: InterPodFilterState, n: NodeSummary): { code: 'Unschedulable' | 'UnschedulableAndUnresolvable'; reason: string } | undefined {
  if (!satisfiesAffinity(s, n)) return { code: 'UnschedulableAndUnresolvable', reason: ERR_AFFINITY }
  if (s.antiAffinityCounts.size > 0)
    for (const t of s.antiAffinityTerms)
      if (t.topologyKey in n.labels && (s.antiAffinityCounts.get(pair(t.topologyKey, n.labels[t.topologyKey])) ?? 0) > 0)
        return { code: 'Unschedulable', reason: ERR_ANTI_AFFINITY }
  if (s.existingAntiAffinity.size > 0)
    for (const [k, v] of Object.entries(n.labels)) if ((s.existingAntiAffinity.get(pair(k, v)) ?? 0) > 0) return { code: 'Unschedulable', reason: ERR_EXISTING_ANTI_AFFINITY }
  return undefined
}

function satisfiesAffinity(s: InterPodFilterState, n: NodeSummary): boolean {
  let podsExist = true
  for (const t of s.affinityTerms) {
    if (!(t.topologyKey in n.labels)) return false // every topology label must be on the node
    if ((s.affinityCounts.get(pair(t.topologyKey, n.labels[t.topologyKey])) ?? 0) <= 0) podsExist = false
  }
  if (podsExist) return true
  // The first pod of a group with affinity to itself: allowed when no pod anywhere matches yet.
  return s.affinityCounts.size === 0 && matchesAll(s.affinityTerms, s.pod)
}

/**
 * PreScore + Score + NormalizeScore; undefined (Skip) when nothing contributes. Each term adds its
 * weight to the topology domain of the existing pod it matches; a node scores the sum over its
 * domains, normalized to 0–100 between the lowest and highest.
 */
export function scoreInterPodAffinity(pod: Pod, feasible: readonly NodeSummary[], snapshot: Snapshot, lookups: ClusterLookups): { raw: number[]; normalized: number[] } | undefined {
  if (feasible.length === 0) return undefined
  const info = podInfo(pod)
  const hasConstraints = info.preferredAffinityTerms.length > 0 || info.preferredAntiAffinityTerms.length > 0
  const preferred = info.preferredAffinityTerms.map((t) => resolveNamespaces(t, lookups))
  const preferredAnti = info.preferredAntiAffinityTerms.map((t) => resolveNamespaces(t, lookups))
  const nsLabels = lookups.namespaceLabels?.(pod.metadata?.namespace ?? '')
  // topologyKey → value → score
  const topology = new Map<string, Map<string, number>>()
  let contributed = false
  const add = (t: AffinityTerm, weight: number, target: Pod, ns: Labels | undefined, n: NodeSummary): void => {
    if (!termMatches(t, target, ns) || !(t.topologyKey in n.labels)) return
    let byValue = topology.get(t.topologyKey)
    if (!byValue) topology.set(t.topologyKey, (byValue = new Map()))
    const v = n.labels[t.topologyKey]
    byValue.set(v, (byValue.get(v) ?? 0) + weight)
    contributed = true
  }
  const process = (existing: PodInfo, n: NodeSummary): void => {
    if (Object.keys(n.labels).length === 0) return
    for (const t of preferred) add(t, t.weight, existing.pod, undefined, n)
    for (const t of preferredAnti) add(t, -t.weight, existing.pod, undefined, n)
    for (const t of existing.requiredAffinityTerms) add(t, HARD_POD_AFFINITY_WEIGHT, pod, nsLabels, n)
    for (const t of existing.preferredAffinityTerms) add(t, t.weight, pod, nsLabels, n)
    for (const t of existing.preferredAntiAffinityTerms) add(t, -t.weight, pod, nsLabels, n)
  }
  // Without preferred terms of its own, only pods with affinity can contribute: the nodes with
  // such pods are known, in the order of all nodes.
  if (hasConstraints) for (const n of snapshot.nodes) for (const existing of n.pods) process(existing, n)
  else for (const n of snapshot.nodesWithAffinity()) for (const existing of n.podsWithAffinity) process(existing, n)
  if (!contributed) return undefined
  const raw = feasible.map((n) => {
    let score = 0
    for (const [key, byValue] of topology) if (key in n.labels) score += byValue.get(n.labels[key]) ?? 0
    return score
  })
  const min = Math.min(...raw)
  const diff = Math.max(...raw) - min
  const normalized = raw.map((r) => (diff > 0 ? Math.trunc(100 * ((r - min) / diff)) : 0))
  return { raw, normalized }
}
