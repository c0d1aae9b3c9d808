// kube-scheduler: watches pods that no node has yet, picks a node for each (filter → score →
// bind), and says why when none fits (FailedScheduling, PodScheduled=False). Pods it could not
// place wait in an "unschedulable" set and are tried again when the cluster changes in a way that
// could help (a node added, or its labels, taints or allocatable changed; a pod deleted) or, at the
// latest, after 5 minutes.
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js'
import type { Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1.js'
import { rfc3339 } from '../clock.js'
import type { Task } from '../clock.js'
import type { ApiServer } from '../apiserver.js'
import { jsonEqual } from '../json-equal.js'
import { podStatusPatch } from '../patch/strategic-diff.js'
import type { Component, ComponentHost } from '../controller/component.js'
import type { Prng } from '../prng.js'
import { Informer, keyOf, splitKey } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { SeriesEventRecorder, type SeriesRecorderState } from '../event-series.js'
import type { StoredObject } from '../object.js'
import type { NodeInfo } from '../scheduler/node-info.js'
import { schedulePod, Snapshot, type ScheduleOptions, type ScheduleOutcome } from '../scheduler/schedule.js'
import { CONTROL_PLANE } from '../topology.js'

export const KUBE_SCHEDULER = 'kube-scheduler'

/** Back-off of a pod that failed: 1s doubling to 10s (podInitialBackoffDuration, podMaxBackoffDuration). */
const INITIAL_BACKOFF = 1_000
const MAX_BACKOFF = 10_000
/** An unschedulable pod is retried after at most 5 minutes (podMaxInUnschedulablePodsDuration). */
const MAX_UNSCHEDULABLE = 5 * 60_000
/** flushUnschedulablePodsLeftover runs when the scheduler starts, then every 30 s (wait.Until). */
const FLUSH_PERIOD = 30_000

interface Attempts {
  count: number
  last: number
}

interface SchedulerState {
  queue: WorkQueueSnapshot
  attempts: [string, Attempts][]
  unschedulable: [string, number][]
  flushArmed: boolean
  /** When the scheduler started: the flush runs on a 30 s grid from then (absent before: from 0). */
  flushGrid?: number
  startIndex: number
  events: SeriesRecorderState
}

type PodObject = StoredObject & Pod
type NodeObject = StoredObject & Node

/** Pods this scheduler is responsible for: not bound, not finished, not being deleted, ours. */
function needsScheduling(p: PodObject): boolean {
  return (
    !p.spec?.nodeName &&
    !p.metadata.deletionTimestamp &&
    (p.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    p.status?.phase !== 'Succeeded' &&
    p.status?.phase !== 'Failed'
  )
}

const finished = (p: PodObject): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'

export class KubeScheduler implements Component {
  readonly name = KUBE_SCHEDULER
  #pods!: Informer<PodObject>
  #nodes!: Informer<NodeObject>
  #services!: Informer<StoredObject & Service>
  #replicaSets!: Informer<StoredObject & ReplicaSet>
  #namespaces!: Informer<StoredObject & Namespace>
  /** Where the next cycle's search over nodes begins (nextStartNodeIndex, from 100 nodes up). */
  #startIndex = 0
  readonly #queue: WorkQueue
  readonly #events: SeriesEventRecorder
  /** How many times each pod has failed, for its back-off. */
  readonly #attempts = new Map<string, Attempts>()
  #flushArmed = false
  #flushGrid = 0
  /** Pods that fit nowhere, and since when. */
  readonly #unschedulable = new Map<string, number>()
  /**
   * The cache's view for the next cycle (upstream's scheduler cache and its snapshot), kept up to
   * date as pods and nodes change; built afresh from the informers when a node comes or goes.
   */
  #snapshot: Snapshot | undefined

  constructor(private readonly host: ComponentHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_SCHEDULER)
    this.#events = new SeriesEventRecorder(host.api, KUBE_SCHEDULER, 'default-scheduler', `default-scheduler-${CONTROL_PLANE}`, (delay, type) =>
      host.clock.after(delay, { owner: KUBE_SCHEDULER, type }),
    )
  }

  start(restoring: boolean): void {
    this.#pods = new Informer<PodObject>(this.host.api, KUBE_SCHEDULER, 'pods').addIndex('node', (p) => [p.spec?.nodeName ?? ''])
    this.#nodes = new Informer<NodeObject>(this.host.api, KUBE_SCHEDULER, 'nodes')
    this.#services = new Informer<StoredObject & Service>(this.host.api, KUBE_SCHEDULER, 'services').addIndex('namespace', (o) => [o.metadata.namespace ?? ''])
    this.#replicaSets = new Informer<StoredObject & ReplicaSet>(this.host.api, KUBE_SCHEDULER, 'replicasets')
    this.#namespaces = new Informer<StoredObject & Namespace>(this.host.api, KUBE_SCHEDULER, 'namespaces')
    this.#snapshot = undefined
    this.#pods.on({
      add: (p) => {
        this.#cachePod(p, undefined)
        this.#onPod(p)
      },
      update: (p, old) => {
        this.#cachePod(p, old)
        this.#onPod(p)
        // A pod leaving a node (or finishing) frees room: retry the ones that did not fit.
        if (old.spec?.nodeName && (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')) this.#retryUnschedulable()
      },
      delete: (p) => {
        this.#cachePod(undefined, p)
        this.#unschedulable.delete(keyOf(p))
        if (p.spec?.nodeName) this.#retryUnschedulable()
      },
    })
    this.#nodes.on({
      add: () => {
        this.#snapshot = undefined
        this.#retryUnschedulable()
      },
      update: (n, old) => {
        this.#snapshot?.setNode(n)
        if (schedulingPropertiesChanged(n, old)) this.#retryUnschedulable()
      },
      delete: () => {
        this.#snapshot = undefined
      },
    })
    this.#nodes.start(restoring)
    this.#namespaces.start(restoring)
    this.#services.start(restoring)
    this.#replicaSets.start(restoring)
    this.#pods.start(restoring)
    if (!restoring) {
      // A new process: its queue's flush and its event broadcaster count from now.
      this.#flushGrid = this.host.now()
      this.#events.start(this.host.now())
      this.#armFlush()
    }
  }

  stop(): void {
    for (const informer of [this.#pods, this.#nodes, this.#services, this.#replicaSets, this.#namespaces]) informer.stop()
    this.#snapshot = undefined
  }

  handle(task: Task): void {
    if (task.type === 'flush-unschedulable') {
      this.#flushArmed = false
      const now = this.host.now()
      for (const [key, since] of this.#unschedulable) if (now - since > MAX_UNSCHEDULABLE) this.#requeue(key)
      this.#armFlush()
      return
    }
    if (task.type.startsWith('events/')) return this.#events.handle(task.type, this.host.now())
    this.#queue.handle(task, (key) => this.#scheduleOne(key))
  }

  snapshot(): SchedulerState {
    return {
      queue: this.#queue.snapshot(),
      attempts: [...this.#attempts].map(([k, v]) => [k, { ...v }]),
      unschedulable: [...this.#unschedulable],
      flushArmed: this.#flushArmed,
      flushGrid: this.#flushGrid,
      startIndex: this.#startIndex,
      events: this.#events.snapshot(),
    }
  }

  restore(state: unknown): void {
    const s = state as SchedulerState | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#attempts.clear()
    for (const [k, v] of s.attempts) this.#attempts.set(k, { ...v })
    this.#flushArmed = s.flushArmed
    this.#flushGrid = s.flushGrid ?? 0
    this.#startIndex = s.startIndex ?? 0
    this.#unschedulable.clear()
    for (const [k, v] of s.unschedulable) this.#unschedulable.set(k, v)
    this.#events.restore(s.events)
  }

  /** PatchPodStatus (scheduler/util): a strategic two-way merge patch of the status, no precondition. */
  #writeUnschedulable(pod: PodObject, message: string, now: number): void {
    const status = unschedulableStatus(pod, message, now)
    if (!status) return
    const diff = podStatusPatch(pod.status, status)
    const { namespace, name } = pod.metadata
    if (diff) this.host.api.patch(KUBE_SCHEDULER, 'pods', namespace, name, diff, 'strategic', { subresource: 'status' })
    else this.host.api.update(KUBE_SCHEDULER, { ...pod, status }, { subresource: 'status' })
  }

  /**
   * The periodic check of the unschedulable set (flushUnschedulablePodsLeftover, every 30 s from the
   * scheduler's start): its next run after now, timed only while some pod waits there.
   */
  #armFlush(): void {
    if (this.#flushArmed || this.#unschedulable.size === 0) return
    this.#flushArmed = true
    const now = this.host.now()
    const next = this.#flushGrid + (Math.floor((now - this.#flushGrid) / FLUSH_PERIOD) + 1) * FLUSH_PERIOD
    this.host.clock.after(next - now, { owner: KUBE_SCHEDULER, type: 'flush-unschedulable' })
  }

  #onPod(p: PodObject): void {
    const key = keyOf(p)
    if (!needsScheduling(p)) {
      this.#unschedulable.delete(key)
      this.#attempts.delete(key)
      return
    }
    if (!this.#unschedulable.has(key)) this.#queue.add(key)
  }


  #retryUnschedulable(): void {
    for (const key of this.#unschedulable.keys()) this.#requeue(key)
  }

  /** Back to the active queue, or to the back-off queue while its back-off (1s doubling to 10s) runs. */
  #requeue(key: string): void {
    const a = this.#attempts.get(key)
    const ready = a ? a.last + Math.min(INITIAL_BACKOFF * 2 ** (a.count - 1), MAX_BACKOFF) : 0
    const wait = ready - this.host.now()
    if (wait > 0) this.#queue.addAfter(key, wait)
    else this.#queue.add(key)
  }

  /**
   * A pod came, changed or went: the snapshot follows, as #nodeInfos() would list it (the informer's
   * index puts a changed pod last on its node, and finished pods are left out).
   */
  #cachePod(p: PodObject | undefined, old: PodObject | undefined): void {
    const snapshot = this.#snapshot
    if (!snapshot) return
    const had = !!old?.spec?.nodeName && !finished(old)
    const has = !!p?.spec?.nodeName && !finished(p)
    if (had && has) snapshot.updatePod(old!, p!) // a status write, mostly: counted where it was
    else {
      if (had) snapshot.removePod(old!)
      // A pod just bound keeps what the cache parsed of it while it waited (see podInfoAfter).
      if (has) snapshot.addPod(p!, undefined, old)
    }
  }

  #nodeInfos(): NodeInfo[] {
    const infos: NodeInfo[] = []
    for (const node of this.#nodes.list()) {
      const pods = this.#pods.byIndex('node', node.metadata.name).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      infos.push({ node, pods })
    }
    return infos.sort((a, b) => (a.node.metadata!.name! < b.node.metadata!.name! ? -1 : 1))
  }

  /** What the default topology spread and pod affinity need to know of the cluster. */
  #lookups(): ScheduleOptions {
    return {
      startIndex: this.#startIndex,
      // Nothing reads a cycle's diagnosis here (explain-scheduling runs its own, scheduleAsNew).
      diagnose: false,
      services: (ns) => this.#services.byIndex('namespace', ns),
      replicaSet: (ns, name) => this.#replicaSets.get(`${ns}/${name}`),
      namespaceLabels: (ns) => this.#namespaces.get(ns)?.metadata.labels ?? (this.#namespaces.get(ns) ? {} : undefined),
      namespaces: () => [...this.#namespaces.list()].map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} })),
    }
  }

  #scheduleOne(key: string): void {
    const pod = this.#pods.get(key)
    if (!pod || !needsScheduling(pod)) return
    const outcome = schedulePod(pod, (this.#snapshot ??= new Snapshot(this.#nodeInfos())), this.host.rng, this.#lookups())
    this.#startIndex = outcome.nextStartIndex
    const { result } = outcome
    const now = this.host.now()
    const { namespace = 'default', name } = splitKey(key)
    if (result.kind === 'scheduled') {
      const bound = this.host.api.bind(KUBE_SCHEDULER, namespace, name, result.node)
      if (!bound.ok) {
        if (bound.error.reason !== 'NotFound') this.#queue.addRateLimited(key)
        return
      }
      this.#unschedulable.delete(key)
      this.#attempts.delete(key)
      this.#events.record(now, {
        regarding: pod,
        type: 'Normal',
        reason: 'Scheduled',
        action: 'Binding',
        note: `Successfully assigned ${namespace}/${name} to ${result.node}`,
      })
      return
    }
    // Unschedulable: it joins the unschedulable pods first (so that its own status write below does
    // not bring it straight back), says why on the pod and in an event, then waits for a change.
    // Its time there starts again now (AddUnschedulableIfNotPresent refreshes the timestamp): the
    // 5-minute flush counts from its last attempt, and it goes after pods that failed before it.
    this.#attempts.set(key, { count: (this.#attempts.get(key)?.count ?? 0) + 1, last: now })
    this.#unschedulable.delete(key)
    this.#unschedulable.set(key, now)
    this.#writeUnschedulable(pod, result.message, now)
    const message = result.message.length > 1024 ? `${result.message.slice(0, 1020)} ...` : result.message
    this.#events.record(now, { regarding: pod, type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', note: message })
    this.#armFlush()
  }
}

/**
 * updatePod: PodScheduled False/Unschedulable with the message, put as UpdatePodCondition puts it
 * (in place, or appended; its transition time kept while the status stays False), to be written as
 * PatchPodStatus writes it (see #writeUnschedulable); undefined when nothing changes.
 */
function unschedulableStatus(pod: PodObject, message: string, now: number): Pod['status'] | undefined {
  const conditions = [...(pod.status?.conditions ?? [])]
  const at = conditions.findIndex((c) => c.type === 'PodScheduled')
  const previous = at < 0 ? undefined : conditions[at]
  if (previous?.status === 'False' && previous.reason === 'Unschedulable' && previous.message === message && (previous.lastProbeTime ?? null) === null) return undefined
  const condition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: previous?.status === 'False' && previous.lastTransitionTime ? previous.lastTransitionTime : rfc3339(now),
    reason: 'Unschedulable',
    message,
  }
  if (at < 0) conditions.push(condition)
  else conditions[at] = condition
  return { ...pod.status, conditions }
}

/**
 * Whether a node update can make a pod that failed schedulable: its labels, taints, allocatable or
 * spec.unschedulable changed (the node events the filter plugins register for: UpdateNodeLabel,
 * UpdateNodeTaint, UpdateNodeAllocatable). A heartbeat, a condition or an annotation moves no pod.
 */
function schedulingPropertiesChanged(n: NodeObject, old: NodeObject): boolean {
  return (
    !!n.spec?.unschedulable !== !!old.spec?.unschedulable ||
    !jsonEqual(n.spec?.taints ?? [], old.spec?.taints ?? []) ||
    !jsonEqual(n.metadata.labels ?? {}, old.metadata.labels ?? {}) ||
    !jsonEqual(n.status?.allocatable ?? {}, old.status?.allocatable ?? {})
  )
}

/**
 * What kube-scheduler would decide for `pod` now if it were new: one scheduling cycle over the same
 * inputs the component builds from its caches (nodes by name, each with its pods except finished
 * ones, Services, ReplicaSets, namespaces), read from storage without trace entries, with the pod
 * itself left out and unbound. Binds and records nothing. Ties are broken with `rng`: pass a copy of
 * the cluster's PRNG to see the choice the scheduler's next draw would make, leaving it untouched.
 * For `kubelings cluster explain-scheduling` (read-only; the component does not use it).
 */
export function scheduleAsNew(api: ApiServer, pod: Pod, rng: Prng): ScheduleOutcome {
  const list = <T>(resource: string): (StoredObject & T)[] => {
    const r = api.list(KUBE_SCHEDULER, resource, { silent: true })
    return r.ok ? (r.value.items as (StoredObject & T)[]) : []
  }
  const self = pod.metadata?.uid
  const byNode = new Map<string, PodObject[]>()
  for (const p of list<Pod>('pods')) {
    const node = p.spec?.nodeName
    if (!node || p.metadata.uid === self || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue
    let on = byNode.get(node)
    if (!on) byNode.set(node, (on = []))
    on.push(p)
  }
  const infos: NodeInfo[] = list<Node>('nodes')
    .map((node) => ({ node, pods: byNode.get(node.metadata.name) ?? [] }))
    .sort((a, b) => (a.node.metadata.name < b.node.metadata.name ? -1 : 1))
  const services = list<Service>('services')
  const replicaSets = new Map(list<ReplicaSet>('replicasets').map((rs) => [keyOf(rs), rs]))
  const namespaces = new Map(list<Namespace>('namespaces').map((n) => [n.metadata.name, n.metadata.labels ?? {}]))
  const fresh: Pod = { ...pod, spec: { ...pod.spec!, nodeName: undefined }, status: {} }
  delete fresh.spec!.nodeName
  return schedulePod(fresh, infos, rng, {
    services: (ns) => services.filter((s) => s.metadata.namespace === ns),
    replicaSet: (ns, name) => replicaSets.get(`${ns}/${name}`),
    namespaceLabels: (ns) => namespaces.get(ns),
    namespaces: () => [...namespaces].map(([name, labels]) => ({ name, labels })),
  })
}
