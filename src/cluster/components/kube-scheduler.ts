// kube-scheduler: watches pods that no node has yet, picks a node for each (filter → score →
// bind), and says why when none fits (FailedScheduling, PodScheduled=False). Pods it could not
// place wait in an "unschedulable" set with the plugins that rejected them, and are tried again
// when a cluster event one of THOSE plugins says may help (its queueing hint: a toleration added
// for the taint that rejected it, a bound pod deleted when it lacked room, ...; see
// scheduler/queueing-hints.ts) or, at the latest, after 5 minutes. Pods with scheduling gates wait
// there untried until their gates are gone (the SchedulingGates PreEnqueue plugin).
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js'
import type { Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1.js'
import { rfc3339 } from '../clock.js'
import type { Task } from '../clock.js'
import type { ApiServer } from '../apiserver.js'
import { podStatusPatch } from '../patch/strategic-diff.js'
import type { Component, ComponentHost } from '../controller/component.js'
import type { Prng } from '../prng.js'
import { Informer, keyOf, splitKey } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { SeriesEventRecorder, type SeriesRecorderState } from '../event-series.js'
import type { StoredObject } from '../object.js'
import type { NodeInfo } from '../scheduler/node-info.js'
import { schedulePod, Snapshot, type ScheduleOptions, type ScheduleOutcome } from '../scheduler/schedule.js'
import {
  Action,
  isEventOfInterest,
  isPodWorthRequeuing,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
  type ClusterEvent,
  type RejectorPlugin,
} from '../scheduler/queueing-hints.js'
import { CONTROL_PLANE } from '../topology.js'
import { LEADER_ELECTION_TASK, LeaderElector, type LeaderElectionState } from '../controller/leader-election.js'

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

/** A pod in the unschedulable set (upstream's QueuedPodInfo there). */
interface Waiting {
  /** When it joined (its last failed attempt, or its arrival when gated): the 5-minute flush counts from here. */
  since: number
  /** UnschedulablePlugins: whose queueing hints decide whether an event moves it. */
  plugins: readonly RejectorPlugin[]
  /** Held back by a PreEnqueue plugin (scheduling gates): never tried until an update lets it through. */
  gated: boolean
}

interface SchedulerState {
  queue: WorkQueueSnapshot
  attempts: [string, Attempts][]
  unschedulable: [string, number][]
  /** Per unschedulable pod, the plugins that rejected it (absent before queueing hints: none). */
  rejectors?: [string, RejectorPlugin[]][]
  /** Unschedulable pods held back by their scheduling gates. */
  gated?: string[]
  /** Pods waiting out their back-off before their next try. */
  backingOff?: string[]
  flushArmed: boolean
  /** When the scheduler started: the flush runs on a 30 s grid from then (absent before: from 0). */
  flushGrid?: number
  startIndex: number
  events: SeriesRecorderState
  /** Its leader election (absent in snapshots from before it was modelled). */
  leaderElection?: LeaderElectionState
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

/** A pod on a node that still holds its room there (the scheduler's assigned-pod view). */
const bound = (p: PodObject): boolean => !!p.spec?.nodeName && !finished(p)

export class KubeScheduler implements Component {
  readonly name = KUBE_SCHEDULER
  /** Its leader election's events come from a classic recorder named after its profile (DeprecatedNewLegacyRecorder). */
  readonly eventSources = ['default-scheduler']
  /** Only the holder of the Lease kube-system/kube-scheduler schedules; it gives the lease up when it stops. */
  readonly #election: LeaderElector
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
  /** Pods that fit nowhere (or are gated), since when, and what rejected them. */
  readonly #unschedulable = new Map<string, Waiting>()
  /** Pods in the back-off queue: their next try is timed; an update does not hurry it. */
  readonly #backingOff = new Set<string>()
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
    this.#election = new LeaderElector(host, {
      owner: KUBE_SCHEDULER,
      lease: KUBE_SCHEDULER,
      eventSource: 'default-scheduler',
      hostname: CONTROL_PLANE,
      releaseOnCancel: true,
      startedLeading: () => this.#run(false),
      stoppedLeading: () => this.#halt(),
    })
  }

  /**
   * A new process first takes the lease (at once, unless another holds it), then runs; a restored
   * one resumes as it was, running only if it led. CHOSEN: its informers start with its leadership
   * (upstream's start before the election, which only makes their lists come earlier).
   */
  start(restoring: boolean): void {
    if (!restoring) return this.#election.start()
    if (this.#election.leading) this.#run(true)
  }

  #run(restoring: boolean): void {
    // A new process starts with an empty scheduling queue: every pending pod comes in through its
    // informer's list as an Add, with no attempts and no rejecting plugins behind it.
    if (!restoring) {
      this.#unschedulable.clear()
      this.#backingOff.clear()
      this.#attempts.clear()
    }
    this.#pods = new Informer<PodObject>(this.host.api, KUBE_SCHEDULER, 'pods').addIndex('node', (p) => [p.spec?.nodeName ?? ''])
    this.#nodes = new Informer<NodeObject>(this.host.api, KUBE_SCHEDULER, 'nodes')
    this.#services = new Informer<StoredObject & Service>(this.host.api, KUBE_SCHEDULER, 'services').addIndex('namespace', (o) => [o.metadata.namespace ?? ''])
    this.#replicaSets = new Informer<StoredObject & ReplicaSet>(this.host.api, KUBE_SCHEDULER, 'replicasets')
    this.#namespaces = new Informer<StoredObject & Namespace>(this.host.api, KUBE_SCHEDULER, 'namespaces')
    this.#snapshot = undefined
    this.#pods.on({
      add: (p) => {
        this.#cachePod(p, undefined)
        if (bound(p)) this.#moveAll({ resource: 'AssignedPod', action: Action.Add }, undefined, p)
        else this.#onPod(p, undefined)
      },
      update: (p, old) => {
        this.#cachePod(p, old)
        this.#onAssignedPodUpdate(p, old)
        if (!old.spec?.nodeName) this.#onPod(p, old)
      },
      delete: (p) => {
        this.#cachePod(undefined, p)
        this.#forget(keyOf(p))
        // Upstream's pod informer leaves finished pods out (a field selector): one that finished
        // was gone for the scheduler already.
        if (bound(p)) this.#moveAll({ resource: 'AssignedPod', action: Action.Delete }, p, undefined)
      },
    })
    this.#nodes.on({
      add: (n) => {
        this.#snapshot = undefined
        this.#moveAll({ resource: 'Node', action: Action.Add }, undefined, n)
      },
      update: (n, old) => {
        this.#snapshot?.setNode(n)
        // Each kind of change is an event of its own (a pod the first moves is not asked again).
        for (const event of nodeSchedulingPropertiesChange(n, old)) this.#moveAll(event, old, n)
      },
      delete: (n) => {
        this.#moveAll({ resource: 'Node', action: Action.Delete }, n, undefined)
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
    if (this.#election.leading) this.#halt()
    this.#election.stop()
  }

  #halt(): void {
    for (const informer of [this.#pods, this.#nodes, this.#services, this.#replicaSets, this.#namespaces]) informer.stop()
    this.#snapshot = undefined
  }

  /** Who holds its lease now, as this process knows (`control-plane_<uuid>`), and whether it leads. */
  get leaderElection(): { identity: string; leading: boolean } {
    return { identity: this.#election.identity, leading: this.#election.leading }
  }

  handle(task: Task): void {
    if (task.type.startsWith(`${LEADER_ELECTION_TASK}/`)) return this.#election.handle(task)
    if (!this.#election.leading) return
    if (task.type === 'flush-unschedulable') {
      this.#flushArmed = false
      const now = this.host.now()
      // flushUnschedulablePodsLeftover: a wildcard event (UnschedulableTimeout), which every pod is
      // worth requeuing for, except the ones their scheduling gates hold.
      for (const [key, w] of this.#unschedulable) {
        if (now - w.since <= MAX_UNSCHEDULABLE || (w.gated && w.plugins.includes('SchedulingGates'))) continue
        this.#unschedulable.delete(key)
        this.#requeue(key, w)
      }
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
      unschedulable: [...this.#unschedulable].map(([k, w]) => [k, w.since]),
      rejectors: [...this.#unschedulable].map(([k, w]) => [k, [...w.plugins]]),
      gated: [...this.#unschedulable].filter(([, w]) => w.gated).map(([k]) => k),
      backingOff: [...this.#backingOff],
      flushArmed: this.#flushArmed,
      flushGrid: this.#flushGrid,
      startIndex: this.#startIndex,
      events: this.#events.snapshot(),
      leaderElection: this.#election.snapshot(),
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
    const rejectors = new Map(s.rejectors ?? [])
    const gated = new Set(s.gated ?? [])
    this.#unschedulable.clear()
    for (const [k, since] of s.unschedulable) this.#unschedulable.set(k, { since, plugins: rejectors.get(k) ?? [], gated: gated.has(k) })
    this.#backingOff.clear()
    for (const k of s.backingOff ?? []) this.#backingOff.add(k)
    this.#events.restore(s.events)
    this.#election.restore(s.leaderElection)
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

  /** A pod not yet bound came or changed (the scheduling queue's Add and Update). */
  #onPod(p: PodObject, old: PodObject | undefined): void {
    const key = keyOf(p)
    if (!needsScheduling(p)) return this.#forget(key)
    const waiting = this.#unschedulable.get(key)
    if (waiting && old) return this.#updateUnschedulable(key, waiting, p, old)
    // In the active or back-off queue already, it stays there; otherwise it goes in.
    if (!waiting && !this.#backingOff.has(key)) this.#moveToActive(key, p)
  }

  /**
   * Update of a pod in the unschedulable set: each event of the change, in order, goes through the
   * hints of the plugins that rejected it; the first that says Queue moves it. (Upstream carries on
   * after a move to the back-off queue, but a later event can only leave it there.)
   */
  #updateUnschedulable(key: string, waiting: Waiting, p: PodObject, old: PodObject): void {
    for (const event of podSchedulingPropertiesChange(p, old)) {
      if (!isPodWorthRequeuing(p, waiting.plugins, event, old, p)) continue
      this.#unschedulable.delete(key)
      this.#requeue(key, waiting)
      return
    }
  }

  /**
   * A bound pod changed: leaving the scheduler's view by finishing is its deletion (upstream's
   * informer drops finished pods); being bound is its arrival; otherwise the changes it made
   * (PodSchedulingPropertiesChange: labels, tolerations; a status write is UpdatePodOther, which
   * no plugin here listens for, nor for a deletion timestamp: the pod holds its room until it goes).
   */
  #onAssignedPodUpdate(p: PodObject, old: PodObject): void {
    if (!p.spec?.nodeName || finished(old)) return
    if (finished(p)) return this.#moveAll({ resource: 'AssignedPod', action: Action.Delete }, old, undefined)
    if (!old.spec?.nodeName) return this.#moveAll({ resource: 'AssignedPod', action: Action.Add }, undefined, p)
    for (const event of podSchedulingPropertiesChange(p, old)) this.#moveAll(event, old, p)
  }

  /** The pod is gone, bound elsewhere, or no longer ours: out of every queue. */
  #forget(key: string): void {
    this.#unschedulable.delete(key)
    this.#backingOff.delete(key)
    this.#attempts.delete(key)
  }

  /**
   * MoveAllToActiveOrBackoffQueue: each pod in the unschedulable set that the event may help, as
   * the hints of the plugins that rejected it say, goes to the active or back-off queue. Pods
   * held by their scheduling gates are passed over (only their own update frees them).
   */
  #moveAll(event: ClusterEvent, oldObj: NodeObject | PodObject | undefined, newObj: NodeObject | PodObject | undefined): void {
    if (this.#unschedulable.size === 0 || !isEventOfInterest(event)) return
    for (const [key, w] of this.#unschedulable) {
      if (w.gated && w.plugins.includes('SchedulingGates')) continue
      const pod = this.#pods.get(key)
      if (pod && !isPodWorthRequeuing(pod, w.plugins, event, oldObj, newObj)) continue
      this.#unschedulable.delete(key)
      this.#requeue(key, w)
    }
  }

  /**
   * requeuePodViaQueueingHint after a Queue: to the back-off queue while its back-off (1s doubling
   * to 10s from its last failure) runs, else to the active queue.
   */
  #requeue(key: string, w: Waiting): void {
    const a = this.#attempts.get(key)
    const ready = a ? a.last + Math.min(INITIAL_BACKOFF * 2 ** (a.count - 1), MAX_BACKOFF) : 0
    const wait = ready - this.host.now()
    if (wait > 0) {
      this.#backingOff.add(key)
      this.#queue.addAfter(key, wait)
      return
    }
    const pod = this.#pods.get(key)
    if (pod) this.#moveToActive(key, pod, w)
  }

  /**
   * moveToActiveQ: the PreEnqueue plugins first. A pod with scheduling gates is not tried: it waits
   * in the unschedulable set (rejected by SchedulingGates, no event, no status write: the API
   * server set its PodScheduled=False/SchedulingGated when it was created).
   */
  #moveToActive(key: string, pod: PodObject, w?: Waiting): void {
    if ((pod.spec?.schedulingGates ?? []).length > 0) {
      const plugins: readonly RejectorPlugin[] = w?.plugins.includes('SchedulingGates') ? w.plugins : [...(w?.plugins ?? []), 'SchedulingGates']
      this.#unschedulable.set(key, { since: w?.since ?? this.host.now(), plugins, gated: true })
      this.#armFlush()
      return
    }
    this.#queue.add(key)
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
    this.#backingOff.delete(key)
    const pod = this.#pods.get(key)
    if (!pod || !needsScheduling(pod)) return
    // Popped from the active queue, it meets the PreEnqueue plugins again only if it was gated.
    if ((pod.spec?.schedulingGates ?? []).length > 0) return this.#moveToActive(key, pod)
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
      this.#forget(key)
      this.#events.record(now, {
        regarding: pod,
        type: 'Normal',
        reason: 'Scheduled',
        action: 'Binding',
        note: `Successfully assigned ${namespace}/${name} to ${result.node}`,
      })
      return
    }
    // Unschedulable: it joins the unschedulable pods first, with the plugins that rejected it (its
    // own status write below is UpdatePodOther, which none of their hints answers), says why on the
    // pod and in an event, then waits for an event those plugins say may help. Its time there
    // starts again now (AddUnschedulableIfNotPresent refreshes the timestamp): the 5-minute flush
    // counts from its last attempt, and it goes after pods that failed before it. A pod no plugin
    // rejected (no nodes at all) is tried again after its back-off (determineSchedulingHintForInFlightPod).
    this.#attempts.set(key, { count: (this.#attempts.get(key)?.count ?? 0) + 1, last: now })
    this.#unschedulable.delete(key)
    const plugins = outcome.unschedulablePlugins ?? []
    const waiting: Waiting = { since: now, plugins, gated: false }
    if (plugins.length > 0) this.#unschedulable.set(key, waiting)
    else this.#requeue(key, waiting)
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
