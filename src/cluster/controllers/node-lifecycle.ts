// The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go), as
// `node-controller`: every 5 s (--node-monitor-period) monitorNodeHealth notes when each node's
// Lease or Ready heartbeat last moved, and a node silent for more than 50 s (1.32's
// --node-monitor-grace-period) gets Ready/MemoryPressure/DiskPressure/PIDPressure Unknown,
// NodeNotReady on the node, Ready=False and a NodeNotReady warning on its pods. NoSchedule taints
// mirror the conditions (doNoScheduleTaintingPass); the NoExecute unreachable/not-ready taint is
// added by doNoExecuteTaintingPass (every 100 ms) once a pass has OBSERVED the node not ready, so
// one monitor period after the conditions turned. Recovery removes them.
//
// Passes run on upstream's 5 s grid from the controller's start, but only when one can change
// something: after a node event, or when the earliest node can be past its grace period. A lease
// renewal costs no pass: the pass that would have seen it is computed (the next grid point).
// Left out: the eviction rate limiter (0.1 node/s per zone) and zone disruption modes.
import type { Lease } from 'kubernetes-types/coordination/v1.js'
import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1.js'
import { parseTime, rfc3339, type Millis, type Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { recordEvent } from '../events.js'
import type { StoredObject } from '../object.js'
import { byNodeName, type PodObject } from './controller-ref.js'

export const NODE_CONTROLLER = 'node-controller'
/** Where the kubelets' heartbeat Leases live (v1.NamespaceNodeLease). */
const NODE_LEASE_NAMESPACE = 'kube-node-lease'
export const NODE_MONITOR_PERIOD: Millis = 5_000
export const NODE_MONITOR_GRACE_PERIOD: Millis = 50_000
export const NODE_STARTUP_GRACE_PERIOD: Millis = 60_000
/** scheduler.NodeEvictionPeriod: how often the NoExecute tainting pass runs. */
export const NODE_EVICTION_PERIOD: Millis = 100

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'

type NodeObject = StoredObject & Node

/** nodeConditionToTaintKeyStatusMap */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
}
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)))

interface NodeHealth {
  /** When this controller last saw the node's lease or Ready heartbeat move (its own clock). */
  probe: Millis
  heartbeat: string
  leaseRenew: string
  /** The Ready status as the last pass left it. */
  ready: string
}

interface NodeLifecycleState {
  origin: Millis
  lastPass: Millis
  passAt: Millis | null
  taintTickAt: Millis | null
  known: string[]
  health: [string, NodeHealth][]
  toTaint: string[]
  queue: WorkQueueSnapshot
}

const readyOf = (n: Node): NodeCondition | undefined => n.status?.conditions?.find((c) => c.type === 'Ready')

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle'
  readonly #nodes: Informer<NodeObject>
  readonly #pods: Informer<PodObject>
  readonly #leases: Informer<StoredObject & Lease>
  /** NoSchedule taints follow the node's conditions (nodeUpdateQueue). */
  readonly #queue: WorkQueue
  #origin = 0
  #lastPass = -Infinity
  #passAt: Millis | null = null
  #passTimer: number | undefined
  #taintTickAt: Millis | null = null
  readonly #known = new Set<string>()
  readonly #health = new Map<string, NodeHealth>()
  /** zoneNoExecuteTainter: nodes observed not ready, waiting for their NoExecute taint. */
  readonly #toTaint = new Set<string>()

  constructor(private readonly host: ControllerHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, this.name)
    this.#nodes = host.informers.informer<NodeObject>('nodes')
    this.#pods = host.informers.informer<PodObject>('pods').addIndex('node', byNodeName)
    this.#leases = host.informers.informer<StoredObject & Lease>('leases')
    this.#nodes.on({
      add: (n) => this.#onNode(n),
      update: (n) => this.#onNode(n),
      delete: (n) => {
        this.#health.delete(n.metadata.name)
        this.#toTaint.delete(n.metadata.name)
        this.#armPass(this.#nextGrid(this.host.now()))
      },
    })
    this.#leases.on({ add: (l) => this.#onLease(l), update: (l) => this.#onLease(l) })
    this.#pods.on({ add: (p) => this.#onPod(p), update: (p, old) => p.spec?.nodeName !== old.spec?.nodeName && this.#onPod(p) })
  }

  start(restoring: boolean): void {
    if (restoring) return
    this.#origin = this.host.now()
    this.#lastPass = -Infinity
    this.#known.clear()
    this.#health.clear()
    this.#toTaint.clear()
  }

  synced(restoring: boolean): void {
    // wait.Until runs the first pass at once.
    if (!restoring) this.#armPass(this.host.now())
  }

  stop(): void {
    this.#passAt = null
    this.#taintTickAt = null
  }

  handle(task: Task): void {
    if (task.type === `${this.name}/monitor`) {
      if (task.data !== this.#passAt) return // superseded by an earlier pass
      this.#passAt = null
      this.#monitorNodeHealth()
      return
    }
    if (task.type === `${this.name}/taint`) {
      this.#taintTickAt = null
      this.#doNoExecuteTaintingPass()
      return
    }
    this.#queue.handle(task, (name) => this.#doNoScheduleTaintingPass(name))
  }

  snapshot(): NodeLifecycleState {
    return {
      origin: this.#origin,
      lastPass: Number.isFinite(this.#lastPass) ? this.#lastPass : -1,
      passAt: this.#passAt,
      taintTickAt: this.#taintTickAt,
      known: [...this.#known],
      health: [...this.#health].map(([k, v]) => [k, { ...v }]),
      toTaint: [...this.#toTaint],
      queue: this.#queue.snapshot(),
    }
  }

  restore(state: unknown): void {
    const s = state as NodeLifecycleState | undefined
    if (!s) return
    this.#origin = s.origin
    this.#lastPass = s.lastPass < 0 ? -Infinity : s.lastPass
    this.#passAt = s.passAt
    this.#taintTickAt = s.taintTickAt
    this.#known.clear()
    for (const k of s.known) this.#known.add(k)
    this.#health.clear()
    for (const [k, v] of s.health) this.#health.set(k, { ...v })
    this.#toTaint.clear()
    for (const k of s.toTaint) this.#toTaint.add(k)
    this.#queue.restore(s.queue)
  }

  // ------------------------------------------------------------ timing

  /** The first monitor pass that sees something happening at `t`: `t` itself if it is on the grid and its pass has not run. */
  #nextGrid(t: Millis): Millis {
    const k = Math.ceil((t - this.#origin) / NODE_MONITOR_PERIOD)
    const at = this.#origin + k * NODE_MONITOR_PERIOD
    return at === t && this.#lastPass >= t ? at + NODE_MONITOR_PERIOD : at
  }

  #armPass(at: Millis): void {
    if (this.#passAt !== null && this.#passAt <= at) return
    this.#passAt = at
    this.host.clock.after(at - this.host.now(), { owner: KUBE_CONTROLLER_MANAGER, type: `${this.name}/monitor`, data: at })
  }

  #armTaintTick(): void {
    if (this.#taintTickAt !== null || this.#toTaint.size === 0) return
    const now = this.host.now()
    const k = Math.floor((now - this.#origin) / NODE_EVICTION_PERIOD) + 1
    this.#taintTickAt = this.#origin + k * NODE_EVICTION_PERIOD
    this.host.clock.after(this.#taintTickAt - now, { owner: KUBE_CONTROLLER_MANAGER, type: `${this.name}/taint` })
  }

  // ------------------------------------------------------------ events

  #onNode(n: NodeObject): void {
    this.#queue.add(n.metadata.name)
    const h = this.#health.get(n.metadata.name)
    const ready = readyOf(n)
    // A new node, a heartbeat or a Ready change posted by the kubelet, or a taint someone removed:
    // the next pass looks. Our own writes land here too and cost one quiet pass.
    if (!h || ready?.lastHeartbeatTime !== h.heartbeat || ready?.status !== h.ready || this.#toTaint.has(n.metadata.name) || h.ready !== 'True')
      this.#armPass(this.#nextGrid(this.host.now()))
  }

  /** A node's heartbeat (its Lease in kube-node-lease); the informer has every namespace's leases. */
  #onLease(l: StoredObject & Lease): void {
    if (l.metadata.namespace !== NODE_LEASE_NAMESPACE) return
    const h = this.#health.get(l.metadata.name)
    const renew = l.spec?.renewTime ?? ''
    if (!h || renew === h.leaseRenew) return
    h.leaseRenew = renew
    h.probe = this.#nextGrid(this.host.now())
    // Coming back from Unknown needs a pass; staying healthy needs none.
    if (h.ready !== 'True') this.#armPass(h.probe)
  }

  /** processPod: a pod bound to a node that is not ready is marked NotReady at once. */
  #onPod(p: PodObject): void {
    const node = p.spec?.nodeName
    if (!node) return
    const h = this.#health.get(node)
    if (h && h.ready !== 'True') this.#markPodsNotReady([p], node)
  }

  // ------------------------------------------------------------ the monitor pass

  #monitorNodeHealth(): void {
    const now = this.host.now()
    this.#lastPass = now
    const nodes = [...this.#nodes.list()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    const present = new Set(nodes.map((n) => n.metadata.name))
    for (const n of nodes) {
      if (this.#known.has(n.metadata.name)) continue
      this.#known.add(n.metadata.name)
      // The cluster's bootstrap registered the nodes that exist when the cluster is made.
      if (parseTime(n.metadata.creationTimestamp) !== this.#origin || now !== this.#origin)
        this.#nodeEvent(n, 'RegisteredNode', `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`)
      this.#markNodeAsReachable(n)
    }
    for (const name of [...this.#known])
      if (!present.has(name)) {
        this.#known.delete(name)
        const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: '', resourceVersion: '' } } as unknown as NodeObject
        this.#nodeEvent(ref, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`)
      }
    let next = Infinity
    for (const n of nodes) {
      const { observed, current, grace } = this.#tryUpdateNodeHealth(n, now)
      const node = this.#nodes.get(n.metadata.name) ?? n
      this.#processTaintBaseEviction(node, observed)
      if (current !== 'True' && observed === 'True') {
        this.#nodeEvent(node, 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`)
        this.#markPodsNotReady(this.#pods.byIndex('node', node.metadata.name), node.metadata.name)
      }
      const h = this.#health.get(n.metadata.name)!
      // The pass after a change observes it; a node still heard from is looked at when it could go silent.
      if (current !== observed) next = Math.min(next, now + NODE_MONITOR_PERIOD)
      else if (current !== 'Unknown') next = Math.min(next, this.#nextGrid(h.probe + grace + 1))
    }
    if (next !== Infinity) this.#armPass(Math.max(next, now + NODE_MONITOR_PERIOD))
    this.#armTaintTick()
  }

  /** tryUpdateNodeHealth: returns the Ready status before and after, and the grace period used. */
  #tryUpdateNodeHealth(n: NodeObject, now: Millis): { observed: string; current: string; grace: Millis } {
    const name = n.metadata.name
    const ready = readyOf(n)
    const observed = ready?.status ?? 'Unknown'
    const grace = ready ? NODE_MONITOR_GRACE_PERIOD : NODE_STARTUP_GRACE_PERIOD
    let h = this.#health.get(name)
    const heartbeat = ready?.lastHeartbeatTime ?? ''
    if (!h) {
      h = { probe: ready ? now : (parseTime(n.metadata.creationTimestamp) ?? now), heartbeat, leaseRenew: '', ready: observed }
      this.#health.set(name, h)
    } else if (heartbeat !== h.heartbeat) {
      h.heartbeat = heartbeat
      h.probe = now
    }
    const lease = this.#leases.get(`${NODE_LEASE_NAMESPACE}/${name}`)
    const renew = lease?.spec?.renewTime ?? ''
    if (lease && renew !== h.leaseRenew) {
      h.leaseRenew = renew
      h.probe = now
    }
    h.ready = observed
    if (!(now > h.probe + grace)) return { observed, current: observed, grace }
    const at = rfc3339(now)
    const conditions = [...(n.status?.conditions ?? [])].map((c) => ({ ...c }))
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = conditions.find((x) => x.type === type)
      if (!c)
        conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: n.metadata.creationTimestamp, lastTransitionTime: at })
      else if (c.status !== 'Unknown') Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at })
    }
    const current = conditions.find((c) => c.type === 'Ready')!
    if (ready && current.status === ready.status && current.lastTransitionTime === ready.lastTransitionTime) return { observed, current: observed, grace }
    const written = this.host.api.update(NODE_CONTROLLER, { ...n, status: { ...n.status, conditions } }, { subresource: 'status' })
    if (!written.ok) return { observed, current: observed, grace }
    h.ready = 'Unknown'
    h.heartbeat = current.lastHeartbeatTime ?? ''
    return { observed, current: 'Unknown', grace }
  }

  #processTaintBaseEviction(n: NodeObject, observed: string): void {
    const taints = n.spec?.taints ?? []
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute')
    if (observed === 'False' || observed === 'Unknown') {
      const [want, opposite] = observed === 'False' ? [TAINT_NOT_READY, TAINT_UNREACHABLE] : [TAINT_UNREACHABLE, TAINT_NOT_READY]
      // An opposite taint is swapped at once; otherwise the node waits for the tainting pass.
      if (has(opposite)) this.#swapTaints(n, [{ key: want, effect: 'NoExecute' }], [opposite])
      else if (!has(want)) this.#toTaint.add(n.metadata.name)
    } else if (observed === 'True') this.#markNodeAsReachable(n)
  }

  #doNoExecuteTaintingPass(): void {
    for (const name of [...this.#toTaint].sort()) {
      this.#toTaint.delete(name)
      const n = this.#nodes.get(name)
      const status = n && readyOf(n)?.status
      if (!n || (status !== 'False' && status !== 'Unknown')) continue
      const [want, opposite] = status === 'False' ? [TAINT_NOT_READY, TAINT_UNREACHABLE] : [TAINT_UNREACHABLE, TAINT_NOT_READY]
      this.#swapTaints(n, [{ key: want, effect: 'NoExecute' }], [opposite])
    }
  }

  #markNodeAsReachable(n: NodeObject): void {
    this.#toTaint.delete(n.metadata.name)
    const taints = n.spec?.taints ?? []
    if (taints.some((t) => t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY))) this.#swapTaints(n, [], [TAINT_UNREACHABLE, TAINT_NOT_READY], 'NoExecute')
  }

  /** doNoScheduleTaintingPass: the NoSchedule taints that mirror the node's conditions and spec.unschedulable. */
  #doNoScheduleTaintingPass(name: string): void {
    const n = this.#nodes.get(name)
    if (!n) return
    const want: Taint[] = []
    for (const c of n.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status]
      if (key) want.push({ key, effect: 'NoSchedule' })
    }
    if (n.spec?.unschedulable) want.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
    const have = (n.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === 'node.kubernetes.io/unschedulable' || CONDITION_TAINT_KEYS.has(t.key)))
    const add = want.filter((w) => !have.some((h) => h.key === w.key))
    const remove = have.filter((h) => !want.some((w) => w.key === h.key)).map((t) => t.key)
    if (add.length > 0 || remove.length > 0) this.#swapTaints(n, add, remove, 'NoSchedule')
  }

  /** SwapNodeControllerTaint: added taints get timeAdded now; one strategic patch of spec.taints. */
  #swapTaints(n: NodeObject, add: Taint[], removeKeys: string[], removeEffect: string = add[0]?.effect ?? 'NoExecute'): void {
    const at = rfc3339(this.host.now())
    let taints = (n.spec?.taints ?? []).filter((t) => !(t.effect === removeEffect && removeKeys.includes(t.key)))
    for (const a of add) if (!taints.some((t) => t.key === a.key && t.effect === a.effect)) taints = [...taints, { ...a, timeAdded: at }]
    const patch = { metadata: { resourceVersion: n.metadata.resourceVersion }, spec: { taints: taints.length > 0 ? taints : null } }
    this.host.api.patch(NODE_CONTROLLER, 'nodes', undefined, n.metadata.name, patch, 'strategic')
  }

  /** MarkPodsNotReady: Ready=False (only where it changes) and a warning on each pod. */
  #markPodsNotReady(pods: readonly PodObject[], node: string): void {
    const at = rfc3339(this.host.now())
    for (const p of [...pods].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))) {
      if (p.spec?.nodeName !== node) continue
      const conditions = p.status?.conditions ?? []
      const i = conditions.findIndex((c) => c.type === 'Ready')
      if (i < 0 || conditions[i].status === 'False') continue
      const next = conditions.map((c, j) => (j === i ? { ...c, status: 'False', lastTransitionTime: at } : c))
      const r = this.host.api.update(NODE_CONTROLLER, { ...p, status: { ...p.status, conditions: next } }, { subresource: 'status' })
      if (!r.ok) continue
      recordEvent(this.host.api, this.host.now(), { involvedObject: r.value, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', source: { component: NODE_CONTROLLER } })
    }
  }

  #nodeEvent(n: NodeObject, reason: string, message: string): void {
    recordEvent(this.host.api, this.host.now(), { involvedObject: n, type: 'Normal', reason, message, source: { component: NODE_CONTROLLER } })
  }
}

export const nodeLifecycleController = (host: ControllerHost): Controller => new NodeLifecycleController(host)
