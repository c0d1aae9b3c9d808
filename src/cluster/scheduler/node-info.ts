// The scheduler's view of the cluster, after upstream's framework.NodeInfo and its snapshot:
// per node, the pods bound to it and sums kept up to date as pods come and go, so one scheduling
// cycle never re-adds every pod's requests. Pods are parsed once (PodInfo) and cached by identity:
// the informer hands out frozen, shared objects.
import type { Node, Pod, PodAffinityTerm, Taint, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js'
import { fromLabelSelector, type Selector } from '../labels.js'
import { emptyResources, nodeAllocatable, podRequests, type Allocatable, type Resources } from './resources.js'
import { own } from '../empty.js'

/** What the caller hands in: a node and the pods bound to it that have not terminated. */
export interface NodeInfo {
  readonly node: Node
  readonly pods: readonly Pod[]
}

/** framework.AffinityTerm: a pod (anti-)affinity term with its selectors parsed. */
export interface AffinityTerm {
  namespaces: Set<string>
  selector: Selector
  topologyKey: string
  namespaceSelector: Selector
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number
}

/** framework.PodInfo: a pod and its parsed affinity terms. */
export interface PodInfo {
  pod: Pod
  requiredAffinityTerms: AffinityTerm[]
  requiredAntiAffinityTerms: AffinityTerm[]
  preferredAffinityTerms: WeightedAffinityTerm[]
  preferredAntiAffinityTerms: WeightedAffinityTerm[]
  requests: Resources
  nonZeroCPU: number
  nonZeroMemory: number
  /** hostPorts(pod): counted in and out of the node's ports in use with the pod. */
  hostPorts: HostPort[]
}

/** newAffinityTerm: no namespaces and no namespaceSelector mean the pod's own namespace. */
function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const own = (t.namespaces ?? []).length === 0 && t.namespaceSelector == null
  return {
    namespaces: new Set(own ? [pod.metadata?.namespace ?? ''] : (t.namespaces ?? [])),
    selector: fromLabelSelector(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: fromLabelSelector(t.namespaceSelector),
  }
}

const weighted = (pod: Pod, ts: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] =>
  (ts ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }))

const podInfos = new WeakMap<Pod, PodInfo>()

export function podInfo(pod: Pod): PodInfo {
  let info = podInfos.get(pod)
  if (!info) {
    const a = pod.spec?.affinity
    const nonZero = podRequests(pod, true)
    info = {
      pod,
      requiredAffinityTerms: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
      requiredAntiAffinityTerms: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
      preferredAffinityTerms: weighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
      preferredAntiAffinityTerms: weighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
      requests: podRequests(pod),
      nonZeroCPU: nonZero.milliCPU,
      nonZeroMemory: nonZero.memory,
      hostPorts: hostPorts(pod),
    }
    podInfos.set(pod, info)
  }
  return info
}

/**
 * podInfo(pod) for a new version of `previous` that differs from it in spec.nodeName alone (what a
 * binding writes: the spec copied one level, its parts shared): the previous version's PodInfo, for
 * the new object, instead of parsing requests and terms again. PodInfo reads only the spec and the
 * namespace, so it is the same. Anything else, or nothing known of `previous`: podInfo(pod).
 */
export function podInfoAfter(pod: Pod, previous: Pod | undefined): PodInfo {
  const known = podInfos.get(pod)
  if (known) return known
  const before = previous && podInfos.get(previous)
  if (before && previous.metadata?.namespace === pod.metadata?.namespace && onlyNodeNameDiffers(previous.spec, pod.spec)) {
    const info: PodInfo = { ...before, pod }
    podInfos.set(pod, info)
    return info
  }
  return podInfo(pod)
}

/** The same keys with the same values (by identity), spec.nodeName aside. */
function onlyNodeNameDiffers(a: Pod['spec'], b: Pod['spec']): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const x = a as unknown as Record<string, unknown>
  const y = b as unknown as Record<string, unknown>
  let keys = 0
  for (const k in x) {
    if (k === 'nodeName') continue
    if (!(k in y) || x[k] !== y[k]) return false
    keys++
  }
  for (const k in y) if (k !== 'nodeName') keys--
  return keys === 0
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces (or its namespace's labels match), and its labels match. */
export function termMatches(t: AffinityTerm, pod: Pod, nsLabels: Readonly<Record<string, string>> | undefined): boolean {
  if (t.namespaces.has(pod.metadata?.namespace ?? '') || t.namespaceSelector.matches(nsLabels ?? {})) return t.selector.matches(pod.metadata?.labels)
  return false
}

const hasAffinity = (p: Pod): boolean => !!(p.spec?.affinity?.podAffinity || p.spec?.affinity?.podAntiAffinity)
const hasRequiredAntiAffinity = (p: Pod): boolean => (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0

/** A host port in use: hostIP ('' → 0.0.0.0), protocol ('' → TCP), port. */
export interface HostPort {
  ip: string
  protocol: string
  port: number
}

/** schedutil.GetHostPorts: ports with a hostPort, of the containers and of restartable init containers. */
export function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = []
  const spec = pod.spec
  const containers = [...(spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...(spec?.containers ?? [])]
  for (const c of containers)
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort! })
  return out
}

/** framework.NodeInfo: one node, its pods, and what they add up to. */
export class NodeSummary {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly allocatable: Allocatable
  readonly pods: PodInfo[] = []
  readonly podsWithAffinity: PodInfo[] = []
  readonly podsWithRequiredAntiAffinity: PodInfo[] = []
  /** Sum of the pods' requests (framework.NodeInfo.Requested). */
  readonly requested: Resources = emptyResources()
  /** The same, with 100m / 200Mi for missing cpu / memory requests (NonZeroRequested). */
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 }
  /**
   * The numbers above that the filter and score plugins read for every node of every cycle, kept
   * on the summary itself as well: one object to load per node rather than three.
   */
  /** The hostname and zone labels, the default spreading's topology keys (see topologyValue). */
  readonly hostnameLabel: string | undefined
  readonly zoneLabel: string | undefined
  /** spec.unschedulable and spec.taints of the node (fixed: a changed node gets a new summary). */
  readonly unschedulable: boolean
  readonly taints: readonly Taint[] | undefined
  allocMilliCPU = 0
  allocMemory = 0
  allocPods = 0
  requestedMilliCPU = 0
  requestedMemory = 0
  nonZeroMilliCPU = 0
  nonZeroMemory = 0
  /** hostIP → "protocol/port" in use (HostPortInfo). */
  readonly usedPorts = new Map<string, Map<string, number>>()
  /** Where the node is in its Snapshot's list (the index into the snapshot's per-node counts); -1 outside one. */
  index = -1

  constructor(readonly node: Node, pods: readonly Pod[] = []) {
    this.name = node.metadata?.name ?? ''
    this.labels = node.metadata?.labels ?? {}
    this.allocatable = nodeAllocatable(node)
    this.hostnameLabel = this.labels[HOSTNAME_LABEL]
    this.zoneLabel = this.labels[ZONE_LABEL]
    this.unschedulable = !!node.spec?.unschedulable
    this.taints = node.spec?.taints ?? undefined
    this.allocMilliCPU = this.allocatable.milliCPU
    this.allocMemory = this.allocatable.memory
    this.allocPods = this.allocatable.pods
    for (const p of pods) this.addPod(p)
  }

  /**
   * What `new NodeSummary(node, pods of from)` gives, without adding the pods up again: a node
   * object's new version (a status write, every heartbeat) changes none of what they add up to.
   * The same PodInfos in the same order (the lists' orders follow the same adds, moves and removes),
   * the same sums (whole numbers: the order of additions does not matter); the scalar sums and the
   * ports in use may keep a resource or an IP at zero or empty, which is read as absent.
   */
  static withPodsOf(node: Node, from: NodeSummary): NodeSummary {
    const s = new NodeSummary(node)
    for (const info of from.pods) s.pods.push(info)
    for (const info of from.podsWithAffinity) s.podsWithAffinity.push(info)
    for (const info of from.podsWithRequiredAntiAffinity) s.podsWithRequiredAntiAffinity.push(info)
    s.requested.milliCPU = from.requested.milliCPU
    s.requested.memory = from.requested.memory
    s.requested.ephemeralStorage = from.requested.ephemeralStorage
    for (const [k, v] of Object.entries(from.requested.scalar)) own(s.requested, 'scalar')[k] = v
    s.nonZeroRequested.milliCPU = from.nonZeroRequested.milliCPU
    s.nonZeroRequested.memory = from.nonZeroRequested.memory
    for (const [ip, byIP] of from.usedPorts) s.usedPorts.set(ip, new Map(byIP))
    s.requestedMilliCPU = from.requestedMilliCPU
    s.requestedMemory = from.requestedMemory
    s.nonZeroMilliCPU = from.nonZeroMilliCPU
    s.nonZeroMemory = from.nonZeroMemory
    return s
  }

  /** node.status.images by name → size (imageSizes), for ImageLocality on every cycle. */
  get imageSizes(): Map<string, number> {
    return (this.#imageSizes ??= imageSizes(this.node))
  }

  #imageSizes: Map<string, number> | undefined

  /** `previous`: the version of the pod before, when known (see podInfoAfter). */
  addPod(pod: Pod, previous?: Pod): void {
    const info = podInfoAfter(pod, previous)
    this.pods.push(info)
    if (hasAffinity(pod)) this.podsWithAffinity.push(info)
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity.push(info)
    this.#count(info, 1)
  }

  /** Removes the pod with this uid (or namespace/name); false when it is not here. */
  removePod(pod: Pod): boolean {
    return this.takePod(pod) !== undefined
  }

  /** removePod, answering the PodInfo taken out (the object counted, which may be an older version than `pod`). */
  takePod(pod: Pod): PodInfo | undefined {
    const same = (p: PodInfo): boolean => samePod(p.pod, pod)
    const i = this.pods.findIndex(same)
    if (i < 0) return undefined
    const [info] = this.pods.splice(i, 1)
    for (const list of [this.podsWithAffinity, this.podsWithRequiredAntiAffinity]) {
      const j = list.findIndex(same)
      if (j >= 0) list.splice(j, 1)
    }
    this.#count(info, -1)
    return info
  }

  /**
   * removePod(old) then addPod(pod), for a new version of a pod that shares with the old one every
   * object the cache derives anything from (spec, labels; same namespace, uid and deletion): what a
   * status write gives. The pod moves to the end of the lists as there, and its PodInfo is the old
   * one's for the new object; the sums and counts, which would be taken off and put back, stay.
   */
  replacePod(old: Pod, pod: Pod): boolean {
    // Plain loops rather than findIndex with a closure: every status write of a bound pod comes here.
    const i = indexOfPod(this.pods, old)
    if (i < 0) return false
    const info: PodInfo = { ...this.pods[i], pod }
    podInfos.set(pod, info)
    moveToEnd(this.pods, i, info)
    if (this.podsWithAffinity.length > 0) {
      const j = indexOfPod(this.podsWithAffinity, old)
      if (j >= 0) moveToEnd(this.podsWithAffinity, j, info)
    }
    if (this.podsWithRequiredAntiAffinity.length > 0) {
      const j = indexOfPod(this.podsWithRequiredAntiAffinity, old)
      if (j >= 0) moveToEnd(this.podsWithRequiredAntiAffinity, j, info)
    }
    return true
  }

  #count(info: PodInfo, sign: 1 | -1): void {
    // framework.NodeInfo's update of Requested, with the pod's requests times `sign` (no temporaries:
    // every pod bound or gone comes here).
    const r = info.requests
    const requested = this.requested
    requested.milliCPU += sign * r.milliCPU
    requested.memory += sign * r.memory
    requested.ephemeralStorage += sign * r.ephemeralStorage
    for (const k in r.scalar) own(requested, 'scalar')[k] = (requested.scalar[k] ?? 0) + sign * r.scalar[k]
    this.nonZeroRequested.milliCPU += sign * info.nonZeroCPU
    this.nonZeroRequested.memory += sign * info.nonZeroMemory
    this.requestedMilliCPU = this.requested.milliCPU
    this.requestedMemory = this.requested.memory
    this.nonZeroMilliCPU = this.nonZeroRequested.milliCPU
    this.nonZeroMemory = this.nonZeroRequested.memory
    for (const hp of info.hostPorts) {
      let byIP = this.usedPorts.get(hp.ip)
      if (!byIP) this.usedPorts.set(hp.ip, (byIP = new Map()))
      const key = `${hp.protocol}/${hp.port}`
      const n = (byIP.get(key) ?? 0) + sign
      if (n > 0) byIP.set(key, n)
      else byIP.delete(key)
    }
  }
}

const HOSTNAME_LABEL = 'kubernetes.io/hostname'
const ZONE_LABEL = 'topology.kubernetes.io/zone'

/**
 * The node's label `key` (undefined without one), read from the summary itself for the hostname
 * and zone keys, which spreading asks of every feasible node of every cycle.
 */
export function topologyValue(n: NodeSummary, key: string): string | undefined {
  if (key === HOSTNAME_LABEL) return n.hostnameLabel
  if (key === ZONE_LABEL) return n.zoneLabel
  return key in n.labels ? n.labels[key] : undefined
}

/** The first of `list` that is `pod` (samePod), or -1. */
function indexOfPod(list: readonly PodInfo[], pod: Pod): number {
  for (let i = 0; i < list.length; i++) if (samePod(list[i].pod, pod)) return i
  return -1
}

/** splice(i, 1), then push(info). */
function moveToEnd(list: PodInfo[], i: number, info: PodInfo): void {
  for (let k = i; k < list.length - 1; k++) list[k] = list[k + 1]
  list[list.length - 1] = info
}

function samePod(a: Pod, b: Pod): boolean {
  if (a.metadata?.uid && b.metadata?.uid) return a.metadata.uid === b.metadata.uid
  return a.metadata?.namespace === b.metadata?.namespace && a.metadata?.name === b.metadata?.name
}

/**
 * The nodes as one scheduling cycle sees them (upstream's cache snapshot). Keep one and feed it
 * pod and node changes, or build a new one from NodeInfo[] each time; both schedule the same.
 */
export class Snapshot {
  readonly nodes: NodeSummary[] = []
  readonly #byName = new Map<string, NodeSummary>()
  /** imageNodeCount's answers, until a node changes. */
  readonly #imageNodes = new Map<string, number>()
  /** nodesWithRequiredAntiAffinity's answer, until a node changes or one's list fills or empties. */
  #antiAffinityNodes: NodeSummary[] | undefined
  /** nodesWithAffinity's answer, likewise. */
  #affinityNodes: NodeSummary[] | undefined
  /**
   * Spreading's counts of matching pods per node (see spreadCounts), by the key of what they count,
   * kept up to date as pods come and go; forgotten when a node comes or goes.
   */
  readonly #spread = new Map<string, SpreadCounts>()

  constructor(infos: readonly NodeInfo[] = []) {
    for (const i of infos) this.setNode(i.node, i.pods)
  }

  get(name: string): NodeSummary | undefined {
    return this.#byName.get(name)
  }

  /** Adds a node, or replaces its object (keeping its pods unless `pods` is given). */
  setNode(node: Node, pods?: readonly Pod[]): void {
    const name = node.metadata?.name ?? ''
    const old = this.#byName.get(name)
    const summary = pods === undefined && old ? NodeSummary.withPodsOf(node, old) : new NodeSummary(node, pods ?? [])
    this.#imageNodes.clear()
    this.#antiAffinityNodes = undefined
    this.#affinityNodes = undefined
    // The same pods on the same place keep their counts (a new version of the node: every heartbeat).
    if (!old || pods !== undefined) this.#spread.clear()
    this.#byName.set(name, summary)
    if (old) {
      summary.index = old.index
      this.nodes[old.index] = summary
    } else {
      summary.index = this.nodes.length
      this.nodes.push(summary)
    }
  }

  deleteNode(name: string): void {
    const old = this.#byName.get(name)
    if (!old) return
    this.#byName.delete(name)
    this.#imageNodes.clear()
    this.#antiAffinityNodes = undefined
    this.#affinityNodes = undefined
    this.#spread.clear()
    this.nodes.splice(old.index, 1)
    for (let i = old.index; i < this.nodes.length; i++) this.nodes[i].index = i
    old.index = -1
  }

  /**
   * Counts a pod on spec.nodeName (or `nodeName`: the scheduler's "assume" before the bind is seen).
   * `previous`: its version before, if any (a pod just bound: see podInfoAfter).
   */
  addPod(pod: Pod, nodeName = pod.spec?.nodeName ?? '', previous?: Pod): void {
    const summary = this.#byName.get(nodeName)
    if (!summary) return
    const had = summary.podsWithRequiredAntiAffinity.length > 0
    const hadAffinity = summary.podsWithAffinity.length > 0
    summary.addPod(pod, previous)
    if (had !== summary.podsWithRequiredAntiAffinity.length > 0) this.#antiAffinityNodes = undefined
    if (hadAffinity !== summary.podsWithAffinity.length > 0) this.#affinityNodes = undefined
    if (this.#spread.size > 0) this.#countSpread(pod, summary.index, 1)
  }

  removePod(pod: Pod, nodeName = pod.spec?.nodeName ?? ''): void {
    const summary = this.#byName.get(nodeName)
    if (!summary) return
    const had = summary.podsWithRequiredAntiAffinity.length > 0
    const hadAffinity = summary.podsWithAffinity.length > 0
    const taken = summary.takePod(pod)
    if (had !== summary.podsWithRequiredAntiAffinity.length > 0) this.#antiAffinityNodes = undefined
    if (hadAffinity !== summary.podsWithAffinity.length > 0) this.#affinityNodes = undefined
    // What was counted is the version the node had, which need not be `pod` itself.
    if (taken && this.#spread.size > 0) this.#countSpread(taken.pod, summary.index, -1)
  }

  /**
   * For spreading (countPodsMatchSelector): per node, by index, how many of its pods are in
   * `namespace`, not being deleted, and match `selector` (not empty). `key` names the namespace and
   * the selector's text: one key, one answer. Counted over all nodes when first asked, then kept
   * up to date pod by pod instead of counted again for every pod scheduled. Read it at once: the
   * array belongs to the snapshot.
   */
  spreadCounts(key: string, selector: Selector, namespace: string): Int32Array {
    let tracked = this.#spread.get(key)
    if (tracked === undefined) {
      // Each tracked selector is tested on every pod added or removed (about 40 ns each): a bound.
      // Above it, counting starts over, at worst once per cycle (over all nodes, as upstream's
      // PreScore counts every cycle).
      if (this.#spread.size >= MAX_TRACKED_SELECTORS) this.#spread.clear()
      const counts = new Int32Array(this.nodes.length)
      for (let i = 0; i < this.nodes.length; i++) {
        let count = 0
        for (const { pod } of this.nodes[i].pods) if (countedBy(pod, selector, namespace)) count++
        counts[i] = count
      }
      this.#spread.set(key, (tracked = { selector, namespace, counts }))
    }
    return tracked.counts
  }

  #countSpread(pod: Pod, index: number, sign: 1 | -1): void {
    for (const t of this.#spread.values()) if (countedBy(pod, t.selector, t.namespace)) t.counts[index] += sign
  }

  /**
   * The nodes, in order, that have pods with pod affinity or anti-affinity (upstream's
   * HavePodsWithAffinityList): without preferred terms of its own, a pod's InterPodAffinity score
   * comes from these alone.
   */
  nodesWithAffinity(): readonly NodeSummary[] {
    return (this.#affinityNodes ??= this.nodes.filter((n) => n.podsWithAffinity.length > 0))
  }

  /**
   * The nodes, in order, that have pods with required anti-affinity (upstream's
   * HavePodsWithRequiredAntiAffinityList): InterPodAffinity's PreFilter looks at these alone, not at
   * every node for every pod. (A summary changed other than through this snapshot is not seen.)
   */
  nodesWithRequiredAntiAffinity(): readonly NodeSummary[] {
    return (this.#antiAffinityNodes ??= this.nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0))
  }

  /**
   * removePod(old) then addPod(pod) on their node. When nothing the cache reads of a pod changed
   * (the same spec and labels objects, namespace, uid and deletion: a status write), the node's
   * sums and counts stay as they are (see NodeSummary.replacePod).
   */
  updatePod(old: Pod, pod: Pod): void {
    const node = old.spec?.nodeName ?? ''
    const summary = this.#byName.get(node)
    const a = old.metadata
    const b = pod.metadata
    const unchanged =
      pod.spec === old.spec &&
      b?.labels === a?.labels &&
      b?.namespace === a?.namespace &&
      b?.uid === a?.uid &&
      b?.name === a?.name &&
      b?.deletionTimestamp === a?.deletionTimestamp
    if (summary && unchanged && summary.replacePod(old, pod)) return
    this.removePod(old)
    this.addPod(pod)
  }

  /** How many nodes have an image of this name (ImageStateSummary.NumNodes). */
  imageNodeCount(name: string): number {
    let n = this.#imageNodes.get(name)
    if (n === undefined) {
      n = 0
      for (const s of this.nodes) if (imageSizes(s.node).has(name)) n++
      this.#imageNodes.set(name, n)
    }
    return n
  }
}

interface SpreadCounts {
  selector: Selector
  namespace: string
  counts: Int32Array
}

const MAX_TRACKED_SELECTORS = 128

/** countPodsMatchSelector's test of one pod: in the namespace, not terminating, matching. */
const countedBy = (pod: Pod, selector: Selector, namespace: string): boolean =>
  !pod.metadata?.deletionTimestamp && pod.metadata?.namespace === namespace && selector.matches(pod.metadata?.labels)

const imageSizeCache = new WeakMap<Node, Map<string, number>>()

/** node.status.images by name → size (NodeInfo.ImageStates). */
export function imageSizes(node: Node): Map<string, number> {
  let m = imageSizeCache.get(node)
  if (!m) {
    m = new Map()
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) m.set(n, img.sizeBytes ?? 0)
    imageSizeCache.set(node, m)
  }
  return m
}

