// The scheduler as it was before round 7's incremental state (main 7ca43a9), kept as the reference
// that the exactness tests compare the current one with. Not used by kubelings itself.
// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread, 1.32): hard constraints
// (DoNotSchedule) filter, soft ones (ScheduleAnyway) score. A pod without constraints of its own
// gets the system defaults (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) when a Service or
// controller selects it, so replicas spread over nodes.
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js'
import { labelSelectorAsSelector, Selector } from '../../../../src/cluster/labels.js'
import { requiredNodeAffinity, untoleratedTaint, type NodeMatcher } from '../../../../src/cluster/scheduler/node-affinity.js'
import { topologyValue, type NodeSummary } from './node-info.js'
import { defaultSelector, type ClusterLookups } from './spread-selector.js'

export const ERR_SPREAD = "node(s) didn't match pod topology spread constraints"
export const ERR_SPREAD_LABEL = `${ERR_SPREAD} (missing required label)`

const HOSTNAME = 'kubernetes.io/hostname'
const ZONE = 'topology.kubernetes.io/zone'
const MAX_INT32 = 2147483647

interface Constraint {
  maxSkew: number
  topologyKey: string
  selector: Selector
  /** Namespace and selector text: the key of the memoized count per node. */
  memoKey: string
  minDomains: number
  /** nodeAffinityPolicy Honor (default) / nodeTaintsPolicy Ignore (default). */
  honorAffinity: boolean
  honorTaints: boolean
}

/** filterTopologySpreadConstraints: the pod's constraints for one action, matchLabelKeys merged in (beta, on in 1.32). */
function constraintsFor(pod: Pod, list: readonly TopologySpreadConstraint[], action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const labels = pod.metadata?.labels ?? {}
  const ns = pod.metadata?.namespace ?? ''
  const out: Constraint[] = []
  for (const c of list) {
    if (c.whenUnsatisfiable !== action) continue
    const parsed = labelSelectorAsSelector(c.labelSelector)
    let selector = parsed.ok ? parsed.value : Selector.nothing()
    const keys = (c.matchLabelKeys ?? []).filter((k) => k in labels)
    if (keys.length > 0) selector = new Selector([...selector.requirements, ...keys.map((key) => ({ key, op: '=' as const, values: [labels[key]] }))])
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      memoKey: interned(`spread\0${ns}\0${parsed.ok || keys.length > 0 ? selector.toString() : '<nothing>'}`),
      minDomains: c.minDomains ?? 1,
      honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    })
  }
  return out
}

/**
 * One string object per memo key text: every cycle makes its keys anew, and each node compares the
 * key it is asked with the one it last answered (NodeSummary.memo), which for the same object is
 * a pointer comparison rather than a comparison of characters. Emptied when it grows large.
 */
function interned(key: string): string {
  let same = memoKeys.get(key)
  if (same === undefined) {
    if (memoKeys.size >= 4096) memoKeys.clear()
    memoKeys.set(key, (same = key))
  }
  return same
}

const memoKeys = new Map<string, string>()

/** countPodsMatchSelector: pods of the namespace, not terminating, matching; an empty selector counts none. */
function countMatching(n: NodeSummary, c: Constraint, namespace: string): number {
  const selector = c.selector
  if (selector.empty()) return 0
  let count = n.memo(c.memoKey)
  if (count === undefined) {
    count = 0
    for (const { pod } of n.pods)
      if (!pod.metadata?.deletionTimestamp && pod.metadata?.namespace === namespace && selector.matches(pod.metadata?.labels)) count++
    n.setMemo(c.memoKey, count)
  }
  return count
}

const hasAllKeys = (n: NodeSummary, cs: readonly Constraint[]): boolean => cs.every((c) => c.topologyKey in n.labels)

function included(c: Constraint, pod: Pod, n: NodeSummary, required: NodeMatcher): boolean {
  if (c.honorAffinity && !required.matches(n.node)) return false
  if (c.honorTaints && untoleratedTaint(n.node, pod.spec?.tolerations ?? [])) return false
  return true
}

export interface SpreadFilterState {
  constraints: Constraint[]
  /** Per constraint: topology value → matching pods, and the smallest count (its critical path). */
  counts: Map<string, number>[]
  minCounts: number[]
}

/** PreFilter: matching pods per topology domain over ALL nodes; undefined when the pod has no hard constraint (Skip). */
export function preFilterTopologySpread(pod: Pod, nodes: readonly NodeSummary[]): SpreadFilterState | undefined {
  // The system default constraints are ScheduleAnyway, so only the pod's own can filter.
  const constraints = constraintsFor(pod, pod.spec?.topologySpreadConstraints ?? [], 'DoNotSchedule')
  if (constraints.length === 0) return undefined
  const ns = pod.metadata?.namespace ?? ''
  const required = requiredNodeAffinity(pod)
  const counts = constraints.map(() => new Map<string, number>())
  for (const n of nodes) {
    if (!hasAllKeys(n, constraints)) continue
    constraints.forEach((c, i) => {
      if (!included(c, pod, n, required)) return
      const value = n.labels[c.topologyKey]
      counts[i].set(value, (counts[i].get(value) ?? 0) + countMatching(n, c, ns))
    })
  }
  const minCounts = counts.map((m) => (m.size === 0 ? MAX_INT32 : Math.min(...m.values())))
  return { constraints, counts, minCounts }
}

/** Filter: 'existing matching pods' + 'pod itself if it matches' − 'global minimum' must not exceed maxSkew. */
export function topologySpreadFilter(s: SpreadFilterState, pod: Pod, n: NodeSummary): { code: 'Unschedulable' | 'UnschedulableAndUnresolvable'; reason: string } | undefined {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]
    if (!(c.topologyKey in n.labels)) return { code: 'UnschedulableAndUnresolvable', reason: ERR_SPREAD_LABEL }
    // Fewer eligible domains than minDomains: the global minimum counts as 0.
    const min = s.counts[i].size < c.minDomains ? 0 : s.minCounts[i]
    const self = c.selector.matches(pod.metadata?.labels) ? 1 : 0
    const skew = (s.counts[i].get(n.labels[c.topologyKey]) ?? 0) + self - min
    if (skew > c.maxSkew) return { code: 'Unschedulable', reason: ERR_SPREAD }
  }
  return undefined
}

/** The system default constraints (podtopologyspread systemDefaultConstraints), ScheduleAnyway. */
function defaultConstraints(pod: Pod, lookups: ClusterLookups): Constraint[] {
  const selector = defaultSelector(pod, lookups)
  if (selector.empty()) return []
  const base = { selector, memoKey: interned(`spread\0${pod.metadata?.namespace ?? ''}\0${selector.toString()}`), minDomains: 1, honorAffinity: true, honorTaints: false }
  return [
    { ...base, maxSkew: 3, topologyKey: HOSTNAME },
    { ...base, maxSkew: 5, topologyKey: ZONE },
  ]
}

/**
 * PreScore + Score + NormalizeScore over the feasible nodes; undefined when the pod has no soft
 * constraint (Skip). Raw score: Σ count × log(domains + 2) + (maxSkew − 1), rounded; normalized so
 * the emptiest domain gets 100: 100 × (max + min − score) / max.
 */
export function scoreTopologySpread(pod: Pod, feasible: readonly NodeSummary[], all: readonly NodeSummary[], lookups: ClusterLookups): { raw: number[]; normalized: number[] } | undefined {
  const own = pod.spec?.topologySpreadConstraints ?? []
  const constraints = own.length > 0 ? constraintsFor(pod, own, 'ScheduleAnyway') : defaultConstraints(pod, lookups)
  if (all.length === 0 || constraints.length === 0) return undefined
  // Only the pod's own constraints require every topology key on a node: a node without a zone
  // label still spreads by hostname under the defaults.
  const requireAll = own.length > 0
  const ns = pod.metadata?.namespace ?? ''
  const ignored = new Set<NodeSummary>()
  const pairCounts = constraints.map(() => new Map<string, number>())
  // Plain loops here and below: this runs for every feasible node of every pod scheduled.
  const spreadsByHostname = constraints.map((c) => c.topologyKey === HOSTNAME)
  // (Setting a domain already there to 0 again changes nothing: a run of nodes in one domain sets it once.)
  const lastSet: (string | undefined)[] = constraints.map(() => undefined)
  for (const n of feasible) {
    if (requireAll && !hasAllKeys(n, constraints)) {
      ignored.add(n)
      continue
    }
    for (let i = 0; i < constraints.length; i++) {
      if (spreadsByHostname[i]) continue
      const value = topologyValue(n, constraints[i].topologyKey) ?? ''
      if (value === lastSet[i]) continue
      pairCounts[i].set(value, 0)
      lastSet[i] = value
    }
  }
  // Score reads a domain's count only through a feasible node carrying the label, so domains
  // seen only on unlabelled nodes (value '') are not worth counting; the scores are the same.
  // (Hostname counts are read node by node, not by domain: no such set for them.)
  const read = constraints.map((c, i) => {
    const values = new Set<string>()
    if (spreadsByHostname[i]) return values
    for (const n of feasible) {
      const value = topologyValue(n, c.topologyKey)
      if (value !== undefined && !ignored.has(n)) values.add(value)
    }
    return values
  })
  const weights = constraints.map((c, i) => Math.log((spreadsByHostname[i] ? feasible.length - ignored.size : pairCounts[i].size) + 2))
  const required = requiredNodeAffinity(pod)
  // Hostname counts come in Score, node by node; only other domains are summed over all nodes.
  const domains = constraints.map((c, i) => i).filter((i) => !spreadsByHostname[i] && read[i].size > 0)
  if (domains.length > 0)
    for (const n of all) {
      if (requireAll && !hasAllKeys(n, constraints)) continue
      for (const i of domains) {
        const c = constraints[i]
        const key = n.labels[c.topologyKey] ?? ''
        const cur = pairCounts[i].get(key)
        if (cur === undefined || !read[i].has(key) || !included(c, pod, n, required)) continue
        pairCounts[i].set(key, cur + countMatching(n, c, ns))
      }
    }
  const raw = new Array<number>(feasible.length)
  let min = Number.MAX_SAFE_INTEGER
  let max = 0
  for (let j = 0; j < feasible.length; j++) {
    const n = feasible[j]
    if (ignored.size > 0 && ignored.has(n)) {
      raw[j] = 0
      continue
    }
    let score = 0
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]
      const value = topologyValue(n, c.topologyKey)
      if (value === undefined) continue
      const cnt = spreadsByHostname[i] ? countMatching(n, c, ns) : pairCounts[i].get(value)!
      score += cnt * weights[i] + (c.maxSkew - 1)
    }
    const r = goRound(score)
    raw[j] = r
    if (r < min) min = r
    if (r > max) max = r
  }
  const normalized = new Array<number>(feasible.length)
  for (let j = 0; j < feasible.length; j++)
    normalized[j] = ignored.size > 0 && ignored.has(feasible[j]) ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - raw[j])) / max)
  return { raw, normalized }
}

/** Go's math.Round: half away from zero (JS Math.round rounds half up). */
const goRound = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x))
