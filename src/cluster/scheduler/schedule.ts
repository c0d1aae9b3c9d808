// One scheduling cycle of kube-scheduler 1.32 (pkg/scheduler/schedule_one.go schedulePod),
// as a pure function: PreFilter → Filter every node → Score the feasible ones → select the host;
// or, when nothing fits, the FailedScheduling text (framework.FitError) with what preemption
// (DefaultPreemption's PostFilter) would say. Binding, events and retries belong to the component.
//
// Preemption is only diagnosed here, not carried out: for each node that failed with a resolvable
// reason, it removes the pods of lower priority (spec.priority, 0 when unset) and filters again.
// With no lower-priority pod the node says "No preemption victims found for incoming pod"; when
// removing them would make room, the node is a candidate (listed in the result) and, as upstream,
// the message then has no "preemption:" part. Choosing among candidates and evicting victims is
// left to the caller.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { Prng } from '../prng.js'
import { filterNode, preFilter, ERR_AFFINITY_CONFLICT, FILTER_PLUGINS, type FilterPlugin, type Rejection, type RejectionCode } from './filter.js'
import { affinityNodeNames } from './node-affinity.js'
import { podInfo, Snapshot, type NodeInfo, type NodeSummary } from './node-info.js'
import { scoreNodes, SCORE_WEIGHTS, type PluginScores, type ScorePlugin } from './score.js'
import type { ClusterLookups } from './spread-selector.js'

export type { NodeInfo } from './node-info.js'
export { Snapshot } from './node-info.js'

export const ERR_NO_NODES = 'no nodes available to schedule pods'
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const NO_VICTIMS = 'No preemption victims found for incoming pod'

export type ScheduleResult =
  | { kind: 'scheduled'; node: string; evaluatedNodes: number; feasibleNodes: number }
  | {
      kind: 'unschedulable'
      /** The FailedScheduling event message and PodScheduled condition message. */
      message: string
      /** Nodes where evicting lower-priority pods would make the pod fit (preemption would nominate one). */
      preemptionCandidates: string[]
    }

export interface PluginScore {
  plugin: ScorePlugin
  raw: number
  /** After NormalizeScore, 0–100. */
  score: number
  weight: number
  /** weight × score */
  weighted: number
}

/** What happened to one node, for `kubelings cluster explain-scheduling`. */
export interface NodeVerdict {
  node: string
  /** The first filter plugin that rejected the node; undefined when it passed every filter. */
  rejection?: Rejection
  /** Per score plugin, in profile order; only when scoring ran (two or more feasible nodes). */
  scores?: PluginScore[]
  total?: number
}

export interface Diagnosis {
  numAllNodes: number
  /** A PreFilter rejection (the pod fits no node at all), or the nodes a PreFilter narrowed the search to. */
  preFilter?: { plugin: FilterPlugin; message: string }
  preFilterNodeNames?: string[]
  /** Evaluated nodes, in the order they were visited. */
  nodes: NodeVerdict[]
  /** Plugins whose PreScore returned Skip for this pod. */
  skippedScorePlugins: ScorePlugin[]
  /** The top nodes by total (up to 3, numberOfHighestScoredNodesToReport), winner first. */
  topNodes: string[]
  /** Per node, what the preemption dry run said (only when the pod fit nowhere). */
  preemption?: { node: string; message: string }[]
}

export interface ScheduleOptions extends ClusterLookups {
  /** nextStartNodeIndex: where the round-robin search begins (matters from 100 nodes up). */
  startIndex?: number
  /** percentageOfNodesToScore; 0 or unset is the adaptive default. */
  percentageOfNodesToScore?: number
  /**
   * false: the caller reads the result and the next start index only (the component). The
   * diagnosis then has no per-node verdicts (`nodes` is empty) and the cycle keeps its score lists
   * for the next one instead of making new ones.
   */
  diagnose?: boolean
}

export interface ScheduleOutcome {
  result: ScheduleResult
  diagnosis: Diagnosis
  /** The next cycle's startIndex. */
  nextStartIndex: number
  /**
   * Diagnosis.UnschedulablePlugins, when the pod fit nowhere: the PreFilter plugin that rejected it
   * or narrowed the nodes (NodeAffinity), and the first plugin to reject each node visited; empty
   * when there were no nodes (ErrNoNodesAvailable is no FitError). In profile order.
   */
  unschedulablePlugins?: FilterPlugin[]
}

/** numFeasibleNodesToFind: all nodes below 100; else max(5, 50 − nodes/125) percent, at least 100. */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < 100) return numAllNodes
  let p = percentage
  if (p === 0) p = Math.max(5, 50 - Math.trunc(numAllNodes / 125))
  const n = Math.trunc((numAllNodes * p) / 100)
  return n < 100 ? 100 : n
}

/**
 * Schedules one pod. `nodes` may be plain NodeInfo (summed here) or a Snapshot kept up to date by
 * the caller. Ties between the best nodes are broken with `rng`, by reservoir sampling as
 * upstream's selectHost does with math/rand: a seed replays the same choices.
 */
export function schedulePod(pod: Pod, nodes: readonly NodeInfo[] | Snapshot, rng: Prng, options: ScheduleOptions = {}): ScheduleOutcome {
  const snapshot = nodes instanceof Snapshot ? nodes : new Snapshot(nodes)
  const all = snapshot.nodes
  const start = options.startIndex ?? 0
  const diagnosis: Diagnosis = { numAllNodes: all.length, nodes: [], skippedScorePlugins: [], topNodes: [] }
  if (all.length === 0) return { result: { kind: 'unschedulable', message: ERR_NO_NODES, preemptionCandidates: [] }, diagnosis, nextStartIndex: start, unschedulablePlugins: [] }

  // PreFilter. NodeAffinity may pin the pod to named nodes (matchFields metadata.name In ...).
  let candidates: readonly NodeSummary[] = all
  let absent: { code: RejectionCode; reason: string } | undefined
  const pinned = affinityNodeNames(pod)
  if (pinned && pinned.size === 0) {
    diagnosis.preFilter = { plugin: 'NodeAffinity', message: ERR_AFFINITY_CONFLICT }
    const message = `0/${all.length} nodes are available: ${ERR_AFFINITY_CONFLICT}.`
    return finishUnschedulable(pod, snapshot, diagnosis, message, new Map(), options, start, ['NodeAffinity'])
  }
  if (pinned) {
    candidates = [...pinned].map((n) => snapshot.get(n)).filter((n): n is NodeSummary => n !== undefined)
    diagnosis.preFilterNodeNames = candidates.map((n) => n.name)
    absent = { code: 'UnschedulableAndUnresolvable', reason: "node(s) didn't satisfy plugin(s) [NodeAffinity]" }
  }
  const cycle = preFilter(pod, snapshot, options)
  const diagnose = options.diagnose !== false

  // Filter, round-robin from startIndex, until enough feasible nodes are found.
  const want = numFeasibleNodesToFind(candidates.length, options.percentageOfNodesToScore)
  // Made at the size it may reach (pushed one by one, a list of 420 nodes was copied nine times as it grew).
  const feasible = new Array<NodeSummary>(Math.min(want, candidates.length))
  let found = 0
  const statuses = new Map<NodeSummary, Rejection>()
  const visited: NodeSummary[] = []
  let processed = 0
  for (let i = 0; i < candidates.length && found < want; i++) {
    const n = candidates[(start + i) % candidates.length]
    if (diagnose) visited.push(n)
    processed++
    const rejection = filterNode(cycle, n)
    if (rejection) statuses.set(n, rejection)
    else feasible[found++] = n
  }
  feasible.length = found
  const nextStartIndex = (start + processed) % all.length
  // The per-node verdicts are built only when read (explain-scheduling), not on every cycle.
  let plugins: PluginScores[] = []
  let totals: ArrayLike<number> = []
  if (diagnose) lazyNodes(diagnosis, () => {
    const at = new Map(feasible.map((n, i) => [n, i]))
    return visited.map((n): NodeVerdict => {
      const rejection = statuses.get(n)
      if (rejection) return { node: n.name, rejection }
      const i = at.get(n)!
      if (plugins.length === 0) return { node: n.name }
      const scores = plugins.map((p): PluginScore => {
        const weight = SCORE_WEIGHTS[p.plugin]
        return { plugin: p.plugin, raw: p.raw[i], score: p.normalized[i], weight, weighted: weight * p.normalized[i] }
      })
      return { node: n.name, scores, total: totals[i] }
    })
  })

  if (feasible.length === 0) {
    const message = fitErrorMessage(all.length, statuses.values(), absent && { ...absent, count: all.length - statuses.size })
    return finishUnschedulable(pod, snapshot, diagnosis, message, statuses, options, nextStartIndex, rejectingPlugins(statuses.values(), !!pinned))
  }
  if (feasible.length === 1) {
    diagnosis.topNodes = [feasible[0].name]
    return { result: { kind: 'scheduled', node: feasible[0].name, evaluatedNodes: processed, feasibleNodes: 1 }, diagnosis, nextStartIndex }
  }

  // Score: total = Σ weight × normalized score, over the plugins that did not skip.
  const info = podInfo(pod)
  plugins = scoreNodes(
    pod,
    feasible,
    snapshot,
    options,
    {
      nonZero: { milliCPU: info.nonZeroCPU, memory: info.nonZeroMemory },
      actual: { milliCPU: info.requests.milliCPU, memory: info.requests.memory },
    },
    diagnose,
  )
  diagnosis.skippedScorePlugins = (Object.keys(SCORE_WEIGHTS) as ScorePlugin[]).filter((p) => !plugins.some((s) => s.plugin === p))
  const f = feasible.length
  const sums = diagnose ? new Array<number>(f) : keptSums
  for (let i = 0; i < f; i++) sums[i] = 0
  for (const p of plugins) {
    const weight = SCORE_WEIGHTS[p.plugin]
    const normalized = p.normalized
    for (let i = 0; i < f; i++) sums[i] += weight * normalized[i]
  }
  totals = sums
  const top = selectTop(totals, f, 3, rng).map((i) => feasible[i].name)
  diagnosis.topNodes = top
  return { result: { kind: 'scheduled', node: top[0], evaluatedNodes: processed, feasibleNodes: feasible.length }, diagnosis, nextStartIndex }
}

/** The totals of the component's cycles (see ScheduleOptions.diagnose), kept from one to the next. */
const keptSums: number[] = []

/** Makes `diagnosis.nodes` a property computed on first read. */
function lazyNodes(diagnosis: Diagnosis, build: () => NodeVerdict[]): void {
  let nodes: NodeVerdict[] | undefined
  Object.defineProperty(diagnosis, 'nodes', { enumerable: true, configurable: true, get: () => (nodes ??= build()) })
}

/**
 * selectHost: a max-heap of the totals (container/heap, as upstream) is popped until the tied
 * best nodes are all seen and `count` are listed; each tied node replaces the pick with
 * probability 1/k (reservoir sampling).
 */
export function selectHost(scores: readonly { name: string; total: number }[], count: number, rng: Prng): string[] {
  return selectTop(
    scores.map((s) => s.total),
    scores.length,
    count,
    rng,
  ).map((i) => scores[i].name)
}

/**
 * selectHost on the totals alone, answering indexes into them: the same heap, the same pops, the
 * same draws. The heap holds indexes in one typed array kept for every cycle (a typed array this
 * long lives outside the heap: made anew each time it would cost more than a list).
 * Upstream pops on until `count` nodes are listed and the tied best are all seen; the pops after
 * that (when more than `count` tie, it pops every node) draw nothing and list nodes past `count`,
 * so they are left out.
 */
function selectTop(totals: ArrayLike<number>, n: number, count: number, rng: Prng): number[] {
  if (heap.length < n) heap = new Int32Array(Math.max(n, 2 * heap.length))
  const h = heap
  let size = n
  for (let i = 0; i < size; i++) h[i] = i
  for (let i = Math.trunc(size / 2) - 1; i >= 0; i--) siftDown(h, totals, i, size)
  const popMax = (): number => {
    const n = --size
    const t = h[0]
    h[0] = h[n]
    h[n] = t
    siftDown(h, totals, 0, n)
    return t
  }
  const first = popMax()
  const best = totals[first]
  const listed = [first]
  let popped = 1
  let cntOfMaxScore = 1
  let selected = 0
  let selectedNode = first
  while (size > 0) {
    const ns = popMax()
    const tie = totals[ns] === best
    if (!tie && popped === count) break
    // Past the ties, the rest only lists more nodes than `count`: nothing more to see.
    if (!tie && popped > count) break
    if (tie) {
      cntOfMaxScore++
      if (rng.int(cntOfMaxScore) === 0) {
        selected = cntOfMaxScore - 1
        selectedNode = ns
      }
    }
    if (popped < count) listed.push(ns)
    popped++
  }
  // The pick takes the first place; the first node takes the pick's, if that is among those listed.
  if (selected !== 0) {
    if (selected < listed.length) listed[selected] = first
    listed[0] = selectedNode
  }
  return listed
}

/** selectTop's heap (nothing it calls selects again). */
let heap = new Int32Array(1024)

/** container/heap's down on a max-heap of indexes into `totals`. */
function siftDown(h: Int32Array, totals: ArrayLike<number>, i0: number, n: number): void {
  let i = i0
  for (;;) {
    const j1 = 2 * i + 1
    if (j1 >= n) break
    let j = j1
    const j2 = j1 + 1
    if (j2 < n && totals[h[j2]] > totals[h[j1]]) j = j2
    if (!(totals[h[j]] > totals[h[i]])) break
    const t = h[i]
    h[i] = h[j]
    h[j] = t
    i = j
  }
}

/**
 * FitError.Error(): `0/N nodes are available: ` + "<count> <reason>" per distinct reason, sorted as
 * strings, joined with ", ", then ".".
 */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<{ reasons: readonly string[] }>, absent?: { reason: string; count: number }): string {
  const counts = new Map<string, number>()
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  if (absent && absent.count > 0) counts.set(absent.reason, (counts.get(absent.reason) ?? 0) + absent.count)
  const parts = [...counts].map(([r, c]) => `${c} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `0/${numAllNodes} nodes are available${parts.length > 0 ? `: ${parts.join(', ')}` : ':'}.`
}

/**
 * Diagnosis.UnschedulablePlugins after Filter: NodeAffinity when its PreFilter narrowed the nodes
 * (RunPreFilterPlugins' pluginsWithNodes), and every plugin that was the first to reject a node
 * (AddPluginStatus). Read only when the pod fit nowhere, so a cycle that binds pays nothing.
 */
function rejectingPlugins(rejections: Iterable<Rejection>, narrowedByNodeAffinity: boolean): FilterPlugin[] {
  const seen = new Set<FilterPlugin>()
  if (narrowedByNodeAffinity) seen.add('NodeAffinity')
  for (const r of rejections) seen.add(r.plugin)
  return FILTER_PLUGINS.filter((p) => seen.has(p))
}

function finishUnschedulable(
  pod: Pod,
  snapshot: Snapshot,
  diagnosis: Diagnosis,
  message: string,
  statuses: ReadonlyMap<NodeSummary, Rejection>,
  options: ScheduleOptions,
  nextStartIndex: number,
  unschedulablePlugins: FilterPlugin[],
): ScheduleOutcome {
  const post = preempt(pod, snapshot, statuses, options)
  diagnosis.preemption = post.perNode
  const text = post.message ? `${message} ${post.message}` : message
  return { result: { kind: 'unschedulable', message: text, preemptionCandidates: post.candidates }, diagnosis, nextStartIndex, unschedulablePlugins }
}

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0

/** DefaultPreemption's PostFilter, as far as its message: which nodes could preemption help? */
function preempt(pod: Pod, snapshot: Snapshot, statuses: ReadonlyMap<NodeSummary, Rejection>, options: ScheduleOptions): { message: string; candidates: string[]; perNode: { node: string; message: string }[] } {
  if (pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.', candidates: [], perNode: [] }
  const priority = priorityOf(pod)
  const perNode: { node: string; message: string }[] = []
  const results: { reasons: string[] }[] = []
  const candidates: string[] = []
  for (const n of snapshot.nodes) {
    const status = statuses.get(n)
    // Only nodes that failed as Unschedulable are tried; every other node is "not helpful".
    if (!status || status.code !== 'Unschedulable') {
      perNode.push({ node: n.name, message: PREEMPTION_NOT_HELPFUL })
      results.push({ reasons: [PREEMPTION_NOT_HELPFUL] })
      continue
    }
    const victims = n.pods.filter((p) => priorityOf(p.pod) < priority).map((p) => p.pod)
    if (victims.length === 0) {
      perNode.push({ node: n.name, message: NO_VICTIMS })
      results.push({ reasons: [NO_VICTIMS] })
      continue
    }
    // Remove every lower-priority pod and filter again (SelectVictimsOnNode).
    const without = new Snapshot(snapshot.nodes.map((m) => ({ node: m.node, pods: m === n ? m.pods.map((p) => p.pod).filter((p) => !victims.includes(p)) : m.pods.map((p) => p.pod) })))
    const target = without.get(n.name)!
    const rejection = filterNode(preFilter(pod, without, options), target)
    if (rejection) {
      perNode.push({ node: n.name, message: rejection.reasons.join(', ') })
      results.push({ reasons: rejection.reasons })
    } else {
      candidates.push(n.name)
      perNode.push({ node: n.name, message: `candidate: would evict ${victims.length} pod(s) of lower priority` })
    }
  }
  if (candidates.length > 0) return { message: '', candidates, perNode }
  return { message: `preemption: ${fitErrorMessage(snapshot.nodes.length, results)}`, candidates, perNode }
}
