// The kubelet's eviction manager (pkg/kubelet/eviction, v1.32), for the signal this simulator has:
// memory.available, with the kubelet's default hard threshold `memory.available<100Mi`. Each sync
// observes the node's memory (capacity less what runs on it); below the threshold it reports
// MemoryPressure (kept until 5 minutes after it was last observed, evictionPressureTransitionPeriod),
// records `EvictionThresholdMet` on the node and evicts at most one pod: the first by rankMemoryPressure
// that is not critical. The pod is killed with a grace period of 1 s (a hard threshold's
// immediateEvictionGracePeriodSeconds; killContainer makes it 2 s), then written Failed with reason
// `Evicted`, the message below, and a DisruptionTarget condition. While the node has MemoryPressure,
// admission refuses BestEffort pods that do not tolerate the memory-pressure taint.
//
// Time model (CHOSEN): the manager's 10 s monitoring loop runs with the kubelet's 10 s heartbeat;
// after an eviction it syncs again once the pod's containers are gone (waitForPodsCleanup polls every
// second), at the first whole second after the kill ends. Memory model (CHOSEN): a container uses the
// memory its process plan says from its start (runtime/shell.ts); the node's own processes (systemd,
// containerd, the kubelet, the kernel) use NODE_SYSTEM_MEMORY.
import type { Pod, PodCondition, Toleration } from 'kubernetes-types/core/v1.js'
import { rfc3339, type Millis } from '../clock.js'
import { formatQuantity, quantity, quantityValue } from '../quantity.js'
import { computePodQOS } from '../registry/qos.js'
import { NODE_MEMORY_CAPACITY } from '../topology.js'
import { podRequests } from '../scheduler/resources.js'
import { isRunning } from './container-status.js'
import { planOf } from './containers.js'
import type { ContainerInstance, NodeRuntime, PodRuntime } from './types.js'

const MiB = 1024 * 1024
/** DefaultEvictionHard's memory.available threshold. */
export const MEMORY_AVAILABLE_THRESHOLD = 100 * MiB
/** --eviction-pressure-transition-period: a pressure condition stays this long after it was last observed. */
export const PRESSURE_TRANSITION_PERIOD: Millis = 5 * 60_000
/** waitForPodsCleanup's poll (podCleanupPollFreq). */
const CLEANUP_POLL: Millis = 1_000
/** What the node's own processes use (CHOSEN, see above). */
export const NODE_SYSTEM_MEMORY = 256 * MiB
/** A hard threshold's grace period override (immediateEvictionGracePeriodSeconds). */
export const EVICTION_GRACE_SECONDS = 1
/** scheduling.SystemCriticalPriority: pods at or above it are critical. */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure'

/** The eviction manager's own state, in the node runtime (it goes into snapshots). */
export interface EvictionState {
  /**
   * When memory.available was last observed below the threshold (nodeConditionsLastObservedAt),
   * kept while that is within the transition period: set, the manager reports MemoryPressure.
   */
  lastObservedAt?: Millis
  /** The sync after an eviction, once the evicted pod is cleaned up. */
  nextSyncAt?: Millis
}

/** The memory a container's process uses (its working set), remembered per container. */
export function containerMemory(c: ContainerInstance): number {
  let bytes = memoryOf.get(c)
  if (bytes === undefined) {
    const plan = planOf(c)
    bytes = plan?.kind === 'process' ? plan.memory : 0
    memoryOf.set(c, bytes)
  }
  return bytes
}

const memoryOf = new WeakMap<ContainerInstance, number>()

/** The pod's working set now: the memory of its running containers. */
export function podMemory(rt: PodRuntime, now: Millis): number {
  let bytes = 0
  for (const c of rt.containers) if (isRunning(c, now)) bytes += containerMemory(c)
  return bytes
}

/** The machine's memory (cadvisor's MachineInfo, the node's status.capacity.memory), in bytes. */
export const MACHINE_MEMORY = Number(quantityValue(quantity(NODE_MEMORY_CAPACITY)))

/** What the machine's memory holds besides what is in use: the system's and every pod's working set. */
export function memoryFree(state: NodeRuntime, now: Millis): number {
  let used = NODE_SYSTEM_MEMORY
  for (const uid in state.pods) {
    const rt = state.pods[uid]
    if (!rt.finished) used += podMemory(rt, now)
  }
  return MACHINE_MEMORY - used
}

/** memory.available (never below zero). */
export const memoryAvailable = (state: NodeRuntime, now: Millis): number => Math.max(0, memoryFree(state, now))

/**
 * A process that would take more memory than the machine has free: the kernel's OOM killer steps in
 * (oom.ts). Asked at every container start, so it first tries a bound: what the system and every
 * container instance the node keeps would take, running or not. A process that fits under that
 * fits; only one that does not makes the exact count of what runs now (memoryFree).
 */
export function exceedsMachineMemory(state: NodeRuntime, bytes: number, now: Millis): boolean {
  if (bytes <= 0) return false
  const bound = usedBound.get(state)
  if (bound !== undefined && bytes <= MACHINE_MEMORY - bound) return false
  let kept = NODE_SYSTEM_MEMORY
  for (const uid in state.pods) for (const c of state.pods[uid].containers) kept += containerMemory(c)
  usedBound.set(state, kept)
  return bytes > MACHINE_MEMORY - kept && bytes > memoryFree(state, now)
}

/**
 * exceedsMachineMemory's bound, per node: at least what the node's kept instances take. An
 * instance's memory never changes and containerCreated is the only way in, so the bound stays one
 * while instances end, are removed or their pods go; it is counted anew when a start does not fit
 * under it (and for a restored node, which is a new object).
 */
const usedBound = new WeakMap<NodeRuntime, number>()

/** A container instance joined the node's kept ones (containers.ts): the bound grows by its memory. */
export function containerCreated(state: NodeRuntime, c: ContainerInstance): void {
  const bound = usedBound.get(state)
  if (bound !== undefined) usedBound.set(state, bound + containerMemory(c))
}

/**
 * One sync's observation and node condition: whether the threshold is met now, and whether
 * MemoryPressure is reported (observed within the transition period). Updates `state`.
 */
export function observe(state: EvictionState, available: number, now: Millis): { met: boolean; pressure: boolean } {
  const met = available < MEMORY_AVAILABLE_THRESHOLD
  if (met) state.lastObservedAt = now
  const pressure = state.lastObservedAt !== undefined && now - state.lastObservedAt < PRESSURE_TRANSITION_PERIOD
  if (!pressure) delete state.lastObservedAt
  return { met, pressure }
}

/** Whether the manager's last sync left MemoryPressure reported (IsUnderMemoryPressure). */
export const underMemoryPressure = (state: EvictionState | undefined): boolean => state?.lastObservedAt !== undefined

/** kubelettypes.IsCriticalPod: a static or mirror pod, or one at system-critical priority or above. */
export function isCriticalPod(pod: Pod): boolean {
  const annotations = pod.metadata?.annotations ?? {}
  const source = annotations['kubernetes.io/config.source']
  if ((source !== undefined && source !== 'api') || annotations['kubernetes.io/config.mirror'] !== undefined) return true
  return (pod.spec?.priority ?? 0) >= SYSTEM_CRITICAL_PRIORITY
}

interface Candidate<P extends Pod> {
  readonly pod: P
  readonly rt: PodRuntime
  readonly usage: number
  readonly request: number
}

/**
 * rankMemoryPressure: pods whose usage exceeds their memory request first, then by priority (lowest
 * first), then by usage above the request (largest first). Equal pods keep their order.
 */
export function rankForMemory<P extends Pod>(pods: readonly { pod: P; rt: PodRuntime }[], now: Millis): Candidate<P>[] {
  const candidates = pods.map(({ pod, rt }) => ({ pod, rt, usage: podMemory(rt, now), request: podRequests(pod).memory }))
  return candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const ea = a.c.usage > a.c.request
      const eb = b.c.usage > b.c.request
      if (ea !== eb) return ea ? -1 : 1
      const pa = a.c.pod.spec?.priority ?? 0
      const pb = b.c.pod.spec?.priority ?? 0
      if (pa !== pb) return pa - pb
      const above = b.c.usage - b.c.request - (a.c.usage - a.c.request)
      return above !== 0 ? above : a.i - b.i
    })
    .map(({ c }) => c)
}

/** A byte count as resource.NewQuantity(n, BinarySI).String() prints it. */
export const bytesText = (bytes: number): string => formatQuantity({ nanos: BigInt(Math.round(bytes)) * 1_000_000_000n, format: 'BinarySI' })

/**
 * evictionMessage: `The node was low on resource: memory. Threshold quantity: 100Mi, available:
 * 92160Ki. ` and, for each container using more than it requested, `Container stress was using
 * 3Gi, request is 0, has larger consumption of memory. ` (the trailing spaces are upstream's).
 */
export function evictionMessage(pod: Pod, rt: PodRuntime, available: number, now: Millis): string {
  let message = `The node was low on resource: memory. Threshold quantity: ${bytesText(MEMORY_AVAILABLE_THRESHOLD)}, available: ${bytesText(available)}. `
  for (const spec of pod.spec?.containers ?? []) {
    const running = rt.containers.filter((c) => !c.init && c.name === spec.name && isRunning(c, now))
    if (running.length === 0) continue
    const usage = running.reduce((n, c) => n + containerMemory(c), 0)
    const request = quantity(spec.resources?.requests?.memory)
    if (BigInt(usage) * 1_000_000_000n > request.nanos) message += `Container ${spec.name} was using ${bytesText(usage)}, request is ${formatQuantity(request)}, has larger consumption of memory. `
  }
  return message
}

/** The condition an evicted pod gets once its containers have stopped (PodDisruptionConditions). */
export function disruptionCondition(message: string, now: Millis): PodCondition {
  return { type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(now), reason: 'TerminationByKubelet', message }
}

/** When the manager syncs again after evicting a pod whose containers are all gone at `killedAt`. */
export const cleanupSyncAt = (killedAt: Millis): Millis => (Math.floor(killedAt / CLEANUP_POLL) + 1) * CLEANUP_POLL

/**
 * The eviction manager's Admit: while the node has MemoryPressure (and no other condition), a
 * BestEffort pod is refused unless it is critical or tolerates the memory-pressure taint.
 */
export function admitUnderPressure(pod: Pod, pressure: boolean): { reason: string; message: string } | undefined {
  if (!pressure || isCriticalPod(pod)) return undefined
  if (computePodQOS(pod) !== 'BestEffort') return undefined
  if ((pod.spec?.tolerations ?? []).some((t) => toleratesMemoryPressure(t))) return undefined
  return { reason: 'Evicted', message: 'The node had condition: [MemoryPressure]. ' }
}

/** TolerationsTolerateTaint for node.kubernetes.io/memory-pressure:NoSchedule. */
function toleratesMemoryPressure(t: Toleration): boolean {
  if (t.effect && t.effect !== 'NoSchedule') return false
  if (t.operator === 'Exists') return !t.key || t.key === TAINT_MEMORY_PRESSURE
  return t.key === TAINT_MEMORY_PRESSURE && !t.value
}
