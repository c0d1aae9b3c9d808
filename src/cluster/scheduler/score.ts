// The Score extension point of kube-scheduler 1.32's default profile: each plugin gives every
// feasible node 0–100 (after its NormalizeScore), and the total is Σ weight × score. A plugin whose
// PreScore says Skip scores nothing at all (it is left out of the total, as upstream's
// SkipScorePlugins).
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js'
import { preferredNodeAffinity, tolerates } from './node-affinity.js'
import type { NodeSummary, Snapshot } from './node-info.js'
import { scoreInterPodAffinity } from './inter-pod-affinity.js'
import type { ClusterLookups } from './spread-selector.js'
import { scoreTopologySpread } from './topology-spread.js'

/** Score plugins in profile order, with their weights (default_plugins.go). */
export const SCORE_WEIGHTS = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
} as const
export type ScorePlugin = keyof typeof SCORE_WEIGHTS

/** One plugin's verdict for the feasible nodes, index for index. */
export interface PluginScores {
  plugin: ScorePlugin
  /** What Score returned, before NormalizeScore. */
  raw: number[]
  /** After NormalizeScore (equal to raw for plugins without one). */
  normalized: number[]
}

const MAX = 100

/**
 * Where the plugins write their scores: lists of their own for each cycle (kept by a diagnosis),
 * or lists kept from one cycle to the next (the component's cycles, which keep no diagnosis). Each
 * is at least `n` long; only the first `n` places are written and read.
 */
class ScoreLists {
  readonly #kept: number[][] | undefined
  #next = 0

  constructor(
    readonly n: number,
    kept: number[][] | undefined,
  ) {
    this.#kept = kept
  }

  take(): number[] {
    if (this.#kept === undefined) return new Array<number>(this.n)
    const list = (this.#kept[this.#next++] ??= [])
    // Grown once to the largest number of feasible nodes seen; never shrunk.
    for (let j = list.length; j < this.n; j++) list.push(0)
    return list
  }
}

/** The lists kept across the component's cycles (nothing that scores is re-entered while they are in use). */
const keptLists: number[][] = []

/** helper.DefaultNormalizeScore: scale to 0–100 by the maximum; reversed, fewer is better. */
function defaultNormalize(raw: readonly number[], n: number, reverse: boolean, out: number[]): number[] {
  // Plain loops: every score plugin runs over every feasible node of every pod scheduled.
  let max = 0
  for (let j = 0; j < n; j++) if (raw[j] > max) max = raw[j]
  for (let j = 0; j < n; j++) {
    if (max === 0) out[j] = reverse ? MAX : raw[j]
    else {
      const v = Math.trunc((MAX * raw[j]) / max)
      out[j] = reverse ? MAX - v : v
    }
  }
  return out
}

/** TaintToleration: PreferNoSchedule taints the pod does not tolerate (tolerations with effect PreferNoSchedule or none). */
function taintToleration(pod: Pod, nodes: readonly NodeSummary[], lists: ScoreLists): PluginScores {
  const tolerations: Toleration[] = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
  const raw = lists.take()
  for (let j = 0; j < lists.n; j++) {
    let count = 0
    const taints = nodes[j].taints
    if (taints) for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerates(tolerations, t)) count++
    raw[j] = count
  }
  return { plugin: 'TaintToleration', raw, normalized: defaultNormalize(raw, lists.n, true, lists.take()) }
}

function nodeAffinity(pod: Pod, nodes: readonly NodeSummary[], lists: ScoreLists): PluginScores | undefined {
  const score = preferredNodeAffinity(pod)
  if (!score) return undefined
  const raw = lists.take()
  for (let j = 0; j < lists.n; j++) raw[j] = score(nodes[j].node)
  return { plugin: 'NodeAffinity', raw, normalized: defaultNormalize(raw, lists.n, false, lists.take()) }
}

/** leastRequestedScore: the free share of a resource, 0 when over-committed. */
const leastRequested = (requested: number, capacity: number): number =>
  capacity === 0 || requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX) / capacity)

/**
 * NodeResourcesFit, strategy LeastAllocated over cpu and memory (weight 1 each): requests of the
 * node's pods and this one, a missing request counting 100m cpu / 200Mi memory.
 */
function leastAllocated(nodes: readonly NodeSummary[], nonZero: { milliCPU: number; memory: number }, lists: ScoreLists): PluginScores {
  const raw = lists.take()
  for (let j = 0; j < lists.n; j++) {
    const n = nodes[j]
    let sum = 0
    let weights = 0
    if (n.allocMilliCPU !== 0) {
      sum += leastRequested(n.nonZeroMilliCPU + nonZero.milliCPU, n.allocMilliCPU)
      weights++
    }
    if (n.allocMemory !== 0) {
      sum += leastRequested(n.nonZeroMemory + nonZero.memory, n.allocMemory)
      weights++
    }
    raw[j] = weights === 0 ? 0 : Math.trunc(sum / weights)
  }
  return { plugin: 'NodeResourcesFit', raw, normalized: raw }
}

/** NodeResourcesBalancedAllocation: 1 − |f_cpu − f_mem| / 2 with the ACTUAL requests, f capped at 1. */
function balancedAllocation(nodes: readonly NodeSummary[], req: { milliCPU: number; memory: number }, lists: ScoreLists): PluginScores {
  const raw = lists.take()
  for (let j = 0; j < lists.n; j++) {
    const n = nodes[j]
    // The standard deviation of the two fractions (cpu, memory) when both are known, else 0.
    let std = 0
    if (n.allocMilliCPU !== 0 && n.allocMemory !== 0) {
      const cpu = Math.min(1, (n.requestedMilliCPU + req.milliCPU) / n.allocMilliCPU)
      const memory = Math.min(1, (n.requestedMemory + req.memory) / n.allocMemory)
      std = Math.abs((cpu - memory) / 2)
    }
    raw[j] = Math.trunc((1 - std) * MAX)
  }
  return { plugin: 'NodeResourcesBalancedAllocation', raw, normalized: raw }
}

const MB = 1024 * 1024
const MIN_THRESHOLD = 23 * MB
const MAX_CONTAINER_THRESHOLD = 1000 * MB

/** The image name as node.status.images lists it: no tag means ':latest' (normalizedImageName). */
const normalizedImageName = (name: string): string => (name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name)

/**
 * ImageLocality: sizes of the pod's images already on the node, each scaled by the share of nodes
 * that have it, mapped from [23MB, 1000MB × containers] onto 0–100.
 */
function imageLocality(pod: Pod, nodes: readonly NodeSummary[], snapshot: Snapshot, lists: ScoreLists): PluginScores {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
  const names = containers.map((c) => normalizedImageName(c.image ?? ''))
  const total = snapshot.nodes.length
  const spread = new Map<string, number>()
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length
  const raw = lists.take()
  for (let j = 0; j < lists.n; j++) {
    const sizes = nodes[j].imageSizes
    let sum = 0
    for (const name of names) {
      const size = sizes.get(name)
      if (size === undefined) continue
      let count = spread.get(name)
      if (count === undefined) spread.set(name, (count = snapshot.imageNodeCount(name)))
      sum += Math.trunc(size * (count / total))
    }
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold)
    raw[j] = Math.trunc((MAX * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD))
  }
  return { plugin: 'ImageLocality', raw, normalized: raw }
}

/**
 * All score plugins over the feasible nodes, in profile order; skipped plugins are absent. With
 * `keep` false the score lists are reused by the next call (for a caller that reads them at once).
 */
export function scoreNodes(pod: Pod, feasible: readonly NodeSummary[], snapshot: Snapshot, lookups: ClusterLookups, requests: { nonZero: { milliCPU: number; memory: number }; actual: { milliCPU: number; memory: number } }, keep = true): PluginScores[] {
  const lists = new ScoreLists(feasible.length, keep ? undefined : keptLists)
  const out: PluginScores[] = [taintToleration(pod, feasible, lists)]
  const na = nodeAffinity(pod, feasible, lists)
  if (na) out.push(na)
  out.push(leastAllocated(feasible, requests.nonZero, lists))
  const spreadRaw = lists.take()
  const spreadNormalized = lists.take()
  if (scoreTopologySpread(pod, feasible, snapshot, lookups, spreadRaw, spreadNormalized)) out.push({ plugin: 'PodTopologySpread', raw: spreadRaw, normalized: spreadNormalized })
  const inter = scoreInterPodAffinity(pod, feasible, snapshot, lookups)
  if (inter) out.push({ plugin: 'InterPodAffinity', ...inter })
  out.push(balancedAllocation(feasible, requests.actual, lists))
  out.push(imageLocality(pod, feasible, snapshot, lists))
  return out
}
