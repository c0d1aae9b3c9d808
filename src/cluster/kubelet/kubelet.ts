// The kubelet of one node, with its container runtime: it watches the pods bound to its node, runs
// each through its pod worker (pod-sync.ts) and keeps the node's lease and status fresh. Each pod
// has at most one clock task pending, for the next thing due (an exit, a pull's end, a probe, a
// back-off retry); a pod with nothing due costs nothing while time passes.
import type { Node, Pod } from 'kubernetes-types/core/v1.js'
import type { Task } from '../clock.js'
import type { Component, ComponentHost } from '../controller/component.js'
import { Informer, keyOf } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { copyData, type StoredObject } from '../object.js'
import { lookupImage } from '../runtime/images.js'
import { isRunning } from './container-status.js'
import type { KubeletNode, PodObject, SyncContext } from './context.js'
import { recordEvent } from '../events.js'
import { HEARTBEAT_PERIOD, NODE_STATUS_REPORT_FREQUENCY, nodeStatusChanged, postNodeStatus, renewLease } from './heartbeat.js'
import { PAUSE_IMAGE } from './images.js'
import { releaseIp } from './ipam.js'
import { cniConfigWrittenAt, inFastStatusWindow, networkReady, nextRuntimeCheck } from './network.js'
import { loseSandbox } from './sandbox.js'
import { cleanupSyncAt, EVICTION_GRACE_SECONDS, evictionMessage, isCriticalPod, MEMORY_AVAILABLE_THRESHOLD, memoryAvailable, observe, rankForMemory, underMemoryPressure } from './eviction.js'
import type { OomKill } from './oom.js'
import { stoppedBy } from './termination.js'
import { nextWake, syncPod } from './pod-sync.js'
import type { NodeRuntime, PodRuntime } from './types.js'
import { NONE } from '../empty.js'

type NodeObject = StoredObject & Node

interface KubeletSnapshot {
  queue: WorkQueueSnapshot
  state: NodeRuntime
  /** The lease as last written, which the lease controller renews without reading it again. */
  lease?: StoredObject
}

/** Whether a change to a pod is one its worker reacts to (status writes are not: config.checkAndUpdatePod). */
function specChanged(p: PodObject, old: PodObject): boolean {
  // A status write shares the spec and labels objects with the version before: nothing to compare.
  const a = p.metadata
  const b = old.metadata
  if (
    p.spec === old.spec &&
    a.uid === b.uid &&
    a.labels === b.labels &&
    a.annotations === b.annotations &&
    a.deletionTimestamp === b.deletionTimestamp &&
    a.deletionGracePeriodSeconds === b.deletionGracePeriodSeconds
  )
    return false
  const pick = (o: PodObject) =>
    JSON.stringify([o.metadata.uid, o.spec, o.metadata.labels, o.metadata.annotations, o.metadata.deletionTimestamp, o.metadata.deletionGracePeriodSeconds])
  return pick(p) !== pick(old)
}

/** Mirror pods stand for static pods, which the kubelet runs from files (bootstrap plays that part). */
const isMirrorPod = (p: Pod): boolean => p.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined

export function freshRuntime(now: number, preloaded: readonly string[] = [], cniPreinstalled = false): NodeRuntime {
  const images: NodeRuntime['images'] = {}
  for (const name of [PAUSE_IMAGE, ...preloaded]) {
    const image = lookupImage(name)
    if (image.ok) images[image.value.reference.canonical] = { presentAt: now, imageID: image.value.imageID, size: image.value.size }
  }
  return {
    pods: {},
    images,
    pullerFreeAt: now,
    ipam: { allocated: {} },
    heartbeat: { nextAt: now + HEARTBEAT_PERIOD, lastStatusAt: now },
    startedAt: now,
    ...(cniPreinstalled ? { cni: { configuredAt: now, seenAt: now } } : {}),
  }
}

export class Kubelet implements Component {
  readonly name: string
  get eventSources(): readonly string[] {
    return [this.name]
  }
  #pods!: Informer<PodObject>
  #nodes!: Informer<NodeObject>
  readonly #queue: WorkQueue
  #state: NodeRuntime
  #lease: StoredObject | undefined
  /** Whether it ever ran (or was restored): the node's runtime starts with its first start. */
  #ran = false

  constructor(
    private readonly host: ComponentHost,
    readonly node: KubeletNode,
  ) {
    this.name = `kubelet/${node.name}`
    this.#queue = new WorkQueue(host.clock, this.name)
    this.#state = freshRuntime(host.now(), node.preloaded, node.cniPreinstalled)
  }

  /** What this node's container runtime has (for `kubectl logs`, crictl). */
  get runtime(): Readonly<NodeRuntime> {
    return this.#state
  }

  /**
   * The pause process of a pod's sandbox dies (`kubelings cluster kill-sandbox`). The runtime marks
   * the sandbox NotReady; the kubelet's PLEG notices and syncs the pod. False when the pod has no
   * ready sandbox on this node.
   */
  killSandbox(uid: string): boolean {
    const rt = this.#state.pods[uid]
    if (!rt || rt.finished || !loseSandbox(rt, this.host.now())) return false
    const pod = this.#pods ? [...this.#pods.list()].find((p) => p.metadata.uid === uid) : undefined
    if (pod) this.#queue.add(keyOf(pod))
    return true
  }

  /**
   * The node restarts (while this kubelet is stopped): every process on it dies, so every sandbox is
   * lost and every container ends as containerd reports a task it lost, exit code 255, reason
   * Unknown. Images stay on disk. Started again, the kubelet replaces each sandbox (SandboxChanged).
   */
  reboot(): void {
    const now = this.host.now()
    for (const rt of Object.values(this.#state.pods)) {
      if (rt.finished) continue
      if (rt.op?.kind === 'sandbox') delete rt.op
      if (rt.sandbox && rt.sandbox.exitedAt === undefined) rt.sandbox.exitedAt = now
      for (const c of rt.containers) if (isRunning(c, now)) c.end = { at: now, exitCode: 255, reason: 'Unknown' }
    }
    this.#state.pullerFreeAt = now
  }

  start(restoring: boolean): void {
    // A node that joins after the cluster was made (the boot phase) starts its runtime then.
    if (!this.#ran && !restoring) this.#state = freshRuntime(this.host.now(), this.node.preloaded, this.node.cniPreinstalled)
    this.#ran = true
    this.#pods = new Informer<PodObject>(this.host.api, this.name, 'pods', { fieldSelector: `spec.nodeName=${this.node.name}` })
    this.#nodes = new Informer<NodeObject>(this.host.api, this.name, 'nodes', { fieldSelector: `metadata.name=${this.node.name}` })
    this.#pods.on({
      add: (p) => this.#queue.add(keyOf(p)),
      update: (p, old) => {
        if (specChanged(p, old)) this.#queue.add(keyOf(p))
      },
      delete: (p) => this.#forget(p),
    })
    this.#nodes.start(restoring)
    this.#pods.start(restoring)
    if (!restoring) {
      // A (re)started kubelet has lost its timers: everything is looked at again. Started again
      // after a stop, it renews its lease and posts its node status at once, as on start-up.
      for (const rt of Object.values(this.#state.pods)) delete rt.wake
      const restarted = this.#state.heartbeat.stopped === true
      if (restarted) this.#restartRuntimeChecks()
      this.#armHeartbeat(this.host.now() + (restarted ? 0 : HEARTBEAT_PERIOD))
      delete this.#state.heartbeat.stopped
      if (restarted) this.#announceStart()
    }
  }

  stop(): void {
    this.#state.heartbeat.stopped = true
    this.#pods.stop()
    this.#nodes.stop()
    this.#lease = undefined
  }

  handle(task: Task): void {
    if (task.type === 'heartbeat') return this.#heartbeat()
    if (task.type === 'node-status') return this.#postStatusIfChanged()
    if (task.type === 'eviction') {
      if (this.#state.eviction?.nextSyncAt !== this.host.now()) return // superseded
      delete this.#state.eviction.nextSyncAt
      return this.#syncEviction()
    }
    if (task.type === 'wake') {
      const key = String(task.data)
      const rt = this.#runtimeOfKey(key)
      if (rt?.wake && rt.wake.at <= this.host.now()) delete rt.wake
      this.#queue.add(key)
      return
    }
    this.#queue.handle(task, (key) => this.#sync(key))
  }

  snapshot(forText = false): KubeletSnapshot {
    return { queue: this.#queue.snapshot(), state: forText ? this.#state : copyData(this.#state), ...(this.#lease ? { lease: this.#lease } : {}) }
  }

  restore(state: unknown): void {
    const s = state as KubeletSnapshot | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#ran = true
    this.#state = copyData(s.state)
    this.#lease = s.lease
    // A snapshot from before kubelings modelled the CNI config (no start time either): its node ran
    // pods, so the config was there.
    if (this.#state.startedAt === undefined) {
      this.#state.startedAt = this.host.now()
      this.#state.cni ??= { configuredAt: this.host.now(), seenAt: this.host.now() }
    }
  }

  #runtimeOfKey(key: string): PodRuntime | undefined {
    const pod = this.#pods?.get(key)
    return pod ? this.#state.pods[pod.metadata.uid] : undefined
  }

  #sync(key: string): void {
    const pod = this.#pods.get(key)
    if (!pod || isMirrorPod(pod)) return
    const uid = pod.metadata.uid
    let rt = this.#state.pods[uid]
    if (!rt) {
      // A pod that already finished before this kubelet saw it (a restart) needs nothing more.
      rt = { uid, namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, startTime: this.host.now(), containers: [], crashBackoff: NONE, pullBackoff: NONE, reasons: NONE }
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') rt.finished = true
      this.#state.pods[uid] = rt
    }
    const ctx: SyncContext = {
      api: this.host.api,
      who: this.name,
      rng: this.host.rng,
      now: this.host.now(),
      node: this.node,
      state: this.#state,
      pod,
      rt,
      failed: false,
      podOf: (other) => this.#podOf(other),
      oomKilled: (kill) => this.#oomKilled(kill, rt),
    }
    syncPod(ctx, { node: () => this.#nodes.get(this.node.name), admittedPods: () => this.#admittedPods(uid) })
    if (!this.#state.cni) this.#noticeCniConfig(pod, rt)
    this.#schedule(key, rt)
  }

  /**
   * A container of this pod wrote the CNI config (install-cni): the next runtime check sees it. In the
   * first 2 minutes after the kubelet started, fastStatusUpdateOnce posts the Ready node at once; later
   * the next periodic status sync (the heartbeat) does.
   */
  #noticeCniConfig(pod: PodObject, rt: PodRuntime): void {
    const configuredAt = cniConfigWrittenAt(pod, rt, this.host.now())
    if (configuredAt === undefined) return
    const startedAt = this.#state.startedAt ?? configuredAt
    const fast = !this.#state.fastStatusDone
    const seenAt = nextRuntimeCheck(startedAt, configuredAt, fast)
    this.#state.cni = { configuredAt, seenAt }
    if (fast && inFastStatusWindow(startedAt, seenAt)) this.host.clock.after(Math.max(0, seenAt - this.host.now()), { owner: this.name, type: 'node-status' })
  }

  /** A restarted kubelet checks the runtime at once: a CNI config already on disk is seen now. */
  #restartRuntimeChecks(): void {
    const now = this.host.now()
    this.#state.startedAt = now
    delete this.#state.fastStatusDone
    const cni = this.#state.cni
    if (cni && cni.seenAt > now) cni.seenAt = now
  }

  /** The pods this kubelet runs (admitted, not finished), for admission of another. */
  #admittedPods(except: string): Pod[] {
    const out: Pod[] = []
    for (const p of this.#pods.list()) {
      if (p.metadata.uid === except) continue
      // The pod manager's pods include the static pods, which run here: their mirror pods stand for them.
      if (isMirrorPod(p)) {
        out.push(p)
        continue
      }
      const rt = this.#state.pods[p.metadata.uid]
      if (!rt || rt.rejected || rt.finished) continue
      out.push(p)
    }
    return out
  }

  #podOf(uid: string): PodObject | undefined {
    for (const p of this.#pods.list()) if (p.metadata.uid === uid) return p
    return undefined
  }

  /**
   * The kernel OOM-killed a process on this node (oom.ts). The OOM watcher reads it from the kernel
   * log and records SystemOOM on the node; PLEG sees the container die, and the victim's pod worker
   * syncs (the pod being synced, `syncing`, sees it in its own pass).
   */
  #oomKilled(kill: OomKill, syncing: PodRuntime): void {
    const node = this.#nodes.get(this.node.name)
    const { name, pid } = kill.process
    if (node) recordEvent(this.host.api, this.host.now(), { involvedObject: node, type: 'Warning', reason: 'SystemOOM', message: `System OOM encountered, victim process: ${name}, pid: ${pid}`, source: { component: 'kubelet', host: this.node.name } })
    if (kill.rt === syncing) return
    const pod = this.#podOf(kill.rt.uid)
    if (pod) this.#queue.add(keyOf(pod))
  }

  /** One pending wake per pod, for its next due moment; moved when that changes. */
  #schedule(key: string, rt: PodRuntime): void {
    const at = nextWake(rt)
    if (rt.wake && rt.wake.at === at) return
    if (rt.wake) this.host.clock.cancel(rt.wake.timer)
    delete rt.wake
    if (at === undefined) return
    const timer = this.host.clock.after(Math.max(0, at - this.host.now()), { owner: this.name, type: 'wake', data: key })
    rt.wake = { at, timer }
  }

  /** The pod is gone from the API: whatever of it still runs is killed and its IP released. */
  #forget(p: PodObject): void {
    const rt = this.#state.pods[p.metadata.uid]
    if (!rt) return
    const now = this.host.now()
    for (const c of rt.containers) if (isRunning(c, now)) c.end = { at: now, exitCode: 137, reason: 'Error' }
    if (rt.sandbox && rt.sandbox.stoppedAt === undefined && !rt.sandbox.hostNetwork) releaseIp(this.#state.ipam, rt.sandbox.ip)
    if (rt.wake) this.host.clock.cancel(rt.wake.timer)
    delete this.#state.pods[p.metadata.uid]
  }

  /**
   * The eviction manager's synchronize (eviction.ts): observe memory.available, keep the
   * MemoryPressure condition, and below the threshold evict the first pod by rank that is not
   * critical, one per sync; the next sync comes once that pod's containers are gone.
   */
  #syncEviction(): void {
    const node = this.#nodes?.get(this.node.name)
    if (!node || this.#state.heartbeat.stopped) return
    // Nearly always: nothing started that uses memory, and no pressure to keep reporting.
    if (!this.#state.memoryGrew && this.#state.eviction === undefined) return
    delete this.#state.memoryGrew
    const now = this.host.now()
    const available = memoryAvailable(this.#state, now)
    if (available >= MEMORY_AVAILABLE_THRESHOLD && this.#state.eviction === undefined) return
    const ev = (this.#state.eviction ??= {})
    const { met } = observe(ev, available, now)
    if (ev.lastObservedAt === undefined && ev.nextSyncAt === undefined) delete this.#state.eviction
    if (!met) return
    const source = { component: 'kubelet', host: this.node.name }
    recordEvent(this.host.api, now, { involvedObject: node, type: 'Warning', reason: 'EvictionThresholdMet', message: 'Attempting to reclaim memory', source })
    // GetActivePods: the pods this kubelet runs that have not finished (mirror pods stand for static pods, which are critical).
    const active: { pod: PodObject; rt: PodRuntime }[] = []
    for (const pod of this.#pods.list()) {
      const rt = this.#state.pods[pod.metadata.uid]
      if (rt && !rt.finished && !rt.rejected && !rt.evicted && !isMirrorPod(pod)) active.push({ pod, rt })
    }
    for (const { pod, rt } of rankForMemory(active, now)) {
      if (isCriticalPod(pod)) continue
      const message = evictionMessage(pod, rt, available, now)
      rt.evicted = { message }
      recordEvent(this.host.api, now, { involvedObject: pod, type: 'Warning', reason: 'Evicted', message, source })
      // killPodNow: its worker stops the containers now; the manager waits for them (waitForPodsCleanup).
      let gone = now
      for (const c of rt.containers) if (isRunning(c, now)) gone = Math.max(gone, stoppedBy(c, now, EVICTION_GRACE_SECONDS))
      this.#sync(keyOf(pod))
      const at = cleanupSyncAt(gone)
      this.#state.eviction!.nextSyncAt = at
      this.host.clock.after(at - now, { owner: this.name, type: 'eviction' })
      return
    }
  }

  /** What a kubelet says about its node as it starts (kubelet.go: Starting, NodeAllocatableEnforced). */
  #announceStart(): void {
    const node = this.#nodes.get(this.node.name)
    if (!node) return
    const now = this.host.now()
    const source = { component: 'kubelet', host: this.node.name }
    recordEvent(this.host.api, now, { involvedObject: node, type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', source })
    recordEvent(this.host.api, now, { involvedObject: node, type: 'Normal', reason: 'NodeAllocatableEnforced', message: 'Updated Node Allocatable limit across pods', source })
  }

  #armHeartbeat(at: number): void {
    const hb = this.#state.heartbeat
    if (hb.timer !== undefined) this.host.clock.cancel(hb.timer)
    hb.nextAt = at
    hb.timer = this.host.clock.after(Math.max(0, at - this.host.now()), { owner: this.name, type: 'heartbeat' })
  }

  #heartbeat(): void {
    const now = this.host.now()
    const hb = this.#state.heartbeat
    delete hb.timer
    this.#lease = renewLease(this.host.api, this.name, this.node.name, now, this.#lease)
    this.#syncEviction()
    // Posted when it changed (a node controller marked it Unknown while this kubelet was down, the
    // network became ready) or every nodeStatusReportFrequency.
    this.#postStatusIfChanged(now - hb.lastStatusAt >= NODE_STATUS_REPORT_FREQUENCY)
    this.#armHeartbeat(now + HEARTBEAT_PERIOD)
  }

  /** syncNodeStatus: post the node's status when it changed (or `always`), with the events of its transitions. */
  #postStatusIfChanged(always = false): void {
    const now = this.host.now()
    const node = this.#nodes?.get(this.node.name)
    if (!node || this.#state.heartbeat.stopped) return
    const ready = networkReady(this.#state, now)
    const memoryPressure = underMemoryPressure(this.#state.eviction)
    if (!always && !nodeStatusChanged(node, ready, memoryPressure)) return
    const transitions = postNodeStatus(this.host.api, this.name, node, now, ready, memoryPressure)
    this.#state.heartbeat.lastStatusAt = now
    if (ready) this.#state.fastStatusDone = true
    for (const reason of transitions)
      recordEvent(this.host.api, now, {
        involvedObject: node,
        type: 'Normal',
        reason,
        message: `Node ${this.node.name} status is now: ${reason}`,
        source: { component: 'kubelet', host: this.node.name },
      })
  }
}
