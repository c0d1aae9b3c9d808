// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread, 1.32): hard constraints
// (DoNotSchedule) filter, soft ones (ScheduleAnyway) score. A pod without constraints of its own
// gets the system defaults (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) when a Service or
// controller selects it, so replicas spread over nodes.
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js'
import { labelSelectorAsSelector, Selector } from '../labels.js'
import { requiredNodeAffinity, untoleratedTaint, type NodeMatcher } from './node-affinity.js'
import { topologyValue, type NodeSummary, type Snapshot } from './node-info.js'
import { defaultSelectorInputs, defaultSelectorOf, type ClusterLookups, type DefaultSelectorInputs } from './spread-selector.js'

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

/**
 * countPodsMatchSelector for every node, by node index (pods of the namespace, not terminating,
 * matching), kept by the snapshot; undefined for an empty selector, which counts none.
 */
function countsFor(snapshot: Snapshot, c: Constraint, namespace: string): Int32Array | undefined {
  return c.selector.empty() ? undefined : snapshot.spreadCounts(c.memoKey, c.selector, namespace)
}

/** A node's count in countsFor's answer (0 for an empty selector). */
const countOn = (counts: Int32Array | undefined, n: NodeSummary): number => (counts === undefined ? 0 : counts[n.index])

const hasAllKeys = (n: NodeSummary, cs: readonly Constraint[]): boolean => cs.every((c) => c.topologyKey in n.labels)

function included(c: Constraint, pod: Pod, n: NodeSummary, required: NodeMatcher): boolean {
  if (c.honorAffinity && !required.matches(n.node)) return false
  if (c.honorTaints && untoleratedTaint(n.node, pod.spec?.tolerations ?? [])) return false
  return true
}

/**
 * PodTopologySpread's getConstraints for its queueing hints: the pod's hard (DoNotSchedule)
 * constraints, matchLabelKeys merged in. The system defaults are ScheduleAnyway, so a pod without
 * constraints of its own has none here.
 */
export function hardSpreadConstraints(pod: Pod): readonly { topologyKey: string; selector: Selector; honorTaints: boolean }[] {
  return constraintsFor(pod, pod.spec?.topologySpreadConstraints ?? [], 'DoNotSchedule')
}

export interface SpreadFilterState {
  constraints: Constraint[]
  /** Per constraint: topology value → matching pods, and the smallest count (its critical path). */
  counts: Map<string, number>[]
  minCounts: number[]
}

/** PreFilter: matching pods per topology domain over ALL nodes; undefined when the pod has no hard constraint (Skip). */
export function preFilterTopologySpread(pod: Pod, snapshot: Snapshot): SpreadFilterState | undefined {
  // The system default constraints are ScheduleAnyway, so only the pod's own can filter.
  const constraints = constraintsFor(pod, pod.spec?.topologySpreadConstraints ?? [], 'DoNotSchedule')
  if (constraints.length === 0) return undefined
  const ns = pod.metadata?.namespace ?? ''
  const required = requiredNodeAffinity(pod)
  const counts = constraints.map(() => new Map<string, number>())
  const perNode = constraints.map((c) => countsFor(snapshot, c, ns))
  for (const n of snapshot.nodes) {
    if (!hasAllKeys(n, constraints)) continue
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]
      if (!included(c, pod, n, required)) continue
      const value = n.labels[c.topologyKey]
      counts[i].set(value, (counts[i].get(value) ?? 0) + countOn(perNode[i], n))
    }
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

/**
 * The system default constraints (podtopologyspread systemDefaultConstraints), ScheduleAnyway.
 * They are a function of the namespace and of the objects DefaultSelector reads (the selecting
 * Services, the controller; stored objects, never changed in place): the pods of one controller
 * version share them instead of parsing its selector again.
 */
function defaultConstraints(pod: Pod, lookups: ClusterLookups): Constraint[] {
  const inputs = defaultSelectorInputs(pod, lookups)
  const ns = pod.metadata?.namespace ?? ''
  const known = inputs.controller ? defaultsByController.get(inputs.controller) : defaultsWithoutController.get(ns)
  if (known && known.namespace === ns && known.controllerKind === inputs.controllerKind && sameObjects(known.services, inputs.services)) return known.constraints
  const selector = defaultSelectorOf(inputs)
  let constraints: Constraint[] = []
  if (!selector.empty()) {
    const base = { selector, memoKey: interned(`spread\0${ns}\0${selector.toString()}`), minDomains: 1, honorAffinity: true, honorTaints: false }
    constraints = [
      { ...base, maxSkew: 3, topologyKey: HOSTNAME },
      { ...base, maxSkew: 5, topologyKey: ZONE },
    ]
  }
  const entry: DefaultsEntry = { namespace: ns, controllerKind: inputs.controllerKind, services: inputs.services, constraints }
  if (inputs.controller) defaultsByController.set(inputs.controller, entry)
  else {
    if (defaultsWithoutController.size >= 256) defaultsWithoutController.clear()
    defaultsWithoutController.set(ns, entry)
  }
  return constraints
}

interface DefaultsEntry {
  namespace: string
  controllerKind: DefaultSelectorInputs['controllerKind']
  services: readonly object[]
  constraints: Constraint[]
}

/** defaultConstraints' last answer per controller object, and per namespace for pods without one. */
const defaultsByController = new WeakMap<object, DefaultsEntry>()
const defaultsWithoutController = new Map<string, DefaultsEntry>()

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * PreScore + Score + NormalizeScore over the feasible nodes; undefined when the pod has no soft
 * constraint (Skip). Raw score: Σ count × log(domains + 2) + (maxSkew − 1), rounded; normalized so
 * the emptiest domain gets 100: 100 × (max + min − score) / max. `raw` and `normalized` are filled
 * (as long as `feasible`).
 */
export function scoreTopologySpread(pod: Pod, feasible: readonly NodeSummary[], snapshot: Snapshot, lookups: ClusterLookups, raw: number[], normalized: number[]): boolean {
  const own = pod.spec?.topologySpreadConstraints ?? []
  const constraints = own.length > 0 ? constraintsFor(pod, own, 'ScheduleAnyway') : defaultConstraints(pod, lookups)
  const all = snapshot.nodes
  if (all.length === 0 || constraints.length === 0) return false
  // Only the pod's own constraints require every topology key on a node: a node without a zone
  // label still spreads by hostname under the defaults.
  const requireAll = own.length > 0
  const ns = pod.metadata?.namespace ?? ''
  const f = feasible.length
  // Per feasible node: left out (a topology key missing under the pod's own constraints).
  let ignoredCount = 0
  const ignored = requireAll ? new Uint8Array(f) : undefined
  if (ignored)
    for (let j = 0; j < f; j++)
      if (!hasAllKeys(feasible[j], constraints)) {
        ignored[j] = 1
        ignoredCount++
      }
  // Plain loops here and below: this runs for every feasible node of every pod scheduled.
  const k = constraints.length
  const spreadsByHostname = constraints.map((c) => c.topologyKey === HOSTNAME)
  const perNode = constraints.map((c) => countsFor(snapshot, c, ns))
  // Per other topology key: its domains among the feasible nodes kept, each with its count (a node
  // without the label is the domain ''), and the domains that some such node carries the label of.
  // Score reads a domain's count only through a feasible node carrying the label, so domains seen
  // only on unlabelled nodes are not worth counting; the scores are the same.
  const pairCounts: (Map<string, number> | undefined)[] = new Array(k)
  const read: (Set<string> | undefined)[] = new Array(k)
  const domains: number[] = []
  for (let i = 0; i < k; i++) {
    if (spreadsByHostname[i]) continue
    const key = constraints[i].topologyKey
    const pairs = new Map<string, number>()
    const values = new Set<string>()
    // (A run of nodes in one domain sets it once: setting a domain already there changes nothing.)
    let lastSet: string | undefined
    for (let j = 0; j < f; j++) {
      if (ignored !== undefined && ignored[j] === 1) continue
      const value = topologyValue(feasible[j], key)
      if (value !== undefined) values.add(value)
      const domain = value ?? ''
      if (domain === lastSet) continue
      pairs.set(domain, 0)
      lastSet = domain
    }
    pairCounts[i] = pairs
    read[i] = values
    if (values.size > 0) domains.push(i)
  }
  const weights = constraints.map((c, i) => Math.log((spreadsByHostname[i] ? f - ignoredCount : pairCounts[i]!.size) + 2))
  // Hostname counts come in Score, node by node; only other domains are summed over all nodes.
  if (domains.length > 0) {
    const required = requiredNodeAffinity(pod)
    for (const n of all) {
      if (requireAll && !hasAllKeys(n, constraints)) continue
      for (const i of domains) {
        const c = constraints[i]
        const key = n.labels[c.topologyKey] ?? ''
        const pairs = pairCounts[i]!
        const cur = pairs.get(key)
        if (cur === undefined || !read[i]!.has(key) || !included(c, pod, n, required)) continue
        pairs.set(key, cur + countOn(perNode[i], n))
      }
    }
  }
  let min = Number.MAX_SAFE_INTEGER
  let max = 0
  if (ignored === undefined && k === 2 && spreadsByHostname[0] && constraints[1].topologyKey === ZONE) {
    // The system defaults' shape (hostname, then zone): the loop below with what it looks up per
    // node read once. The same sums in the same order.
    const hostCounts = perNode[0]
    const hostWeight = weights[0]
    const hostSkew = constraints[0].maxSkew - 1
    const zoneCounts = pairCounts[1]!
    const zoneWeight = weights[1]
    const zoneSkew = constraints[1].maxSkew - 1
    for (let j = 0; j < f; j++) {
      const n = feasible[j]
      let score = 0
      if (n.hostnameLabel !== undefined) score += (hostCounts === undefined ? 0 : hostCounts[n.index]) * hostWeight + hostSkew
      const zone = n.zoneLabel
      if (zone !== undefined) score += zoneCounts.get(zone)! * zoneWeight + zoneSkew
      const r = goRound(score)
      raw[j] = r
      if (r < min) min = r
      if (r > max) max = r
    }
    for (let j = 0; j < f; j++) normalized[j] = max === 0 ? 100 : Math.trunc((100 * (max + min - raw[j])) / max)
    return true
  }
  for (let j = 0; j < f; j++) {
    if (ignored !== undefined && ignored[j] === 1) {
      raw[j] = 0
      continue
    }
    const n = feasible[j]
    let score = 0
    for (let i = 0; i < k; i++) {
      const c = constraints[i]
      const value = topologyValue(n, c.topologyKey)
      if (value === undefined) continue
      const cnt = spreadsByHostname[i] ? countOn(perNode[i], n) : pairCounts[i]!.get(value)!
      score += cnt * weights[i] + (c.maxSkew - 1)
    }
    const r = goRound(score)
    raw[j] = r
    if (r < min) min = r
    if (r > max) max = r
  }
  for (let j = 0; j < f; j++)
    normalized[j] = ignored !== undefined && ignored[j] === 1 ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - raw[j])) / max)
  return true
}

/** Go's math.Round: half away from zero (JS Math.round rounds half up). */
const goRound = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x))
