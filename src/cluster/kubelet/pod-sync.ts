// One pass of a pod's worker (pkg/kubelet/kubelet.go SyncPod and kuberuntime_manager.go SyncPod):
// write the status the runtime shows now, then do what is due: admit, create the sandbox, start the
// next init container, or start or restart the app containers (in spec order, each after its image
// is pulled and its back-off has passed), run due probes, or stop everything of a pod being deleted
// and delete it. Level-triggered: it reads what is, so running it twice changes nothing.
//
// Time model (CHOSEN, as one pass of a real kubelet does it, without the PLEG's 1 s relist): the
// sandbox takes 1 s, a pull as long as runtime/images.ts says (serially per node), creating and
// starting a container no time; exits are seen when they happen. While an operation runs the worker
// is blocked and writes no status.
//
// A pass that failed comes back after the pod worker's backOffPeriod (v1.32 pod_workers.go
// completeWork: wait.Jitter(10s, 0.5), i.e. 10 s to 15 s, jitter from the cluster's PRNG), picked
// up at the next tick of the kubelet's 1 s syncTicker (syncLoop; CHOSEN: the ticks fall on whole
// seconds of the virtual clock). In 1.32 that holds for a crash-loop back-off too: SyncPod means to
// return nil when the only failures are back-offs, but the ConfigPodSandbox result (error nil) is
// always in the list, so the loop returns the back-off error (kubernetes#123602; the requeue at the
// back-off's expiry came only with #133066, after 1.32). A container in back-off is therefore
// restarted at the first pass at least its back-off after its finishedAt: 10 s to 16 s later for a
// 10 s back-off, not exactly 10 s.
//
// The reason cache (kubelet.go SyncPod: reasonCache.Update after the runtime's SyncPod) is read
// when the next pass generates the status. So the pass that sees a crash writes the terminated
// state (STATUS Error or Completed, the old RESTARTS) and only the next pass, 10 s to 15 s later,
// shows the waiting reason CrashLoopBackOff: nothing else (no PLEG event) syncs the pod between.
import type { Container, Node, Pod, PodStatus } from 'kubernetes-types/core/v1.js'
import { jsonEqualWithoutNulls } from '../apiserver.js'
import type { Millis } from '../clock.js'
import { podStatusPatch } from '../patch/strategic-diff.js'
import type { JsonObject } from '../patch/json.js'
import { admitPod } from './admission.js'
import { admitUnderPressure, underMemoryPressure } from './eviction.js'
import { hasExited, isRunning, latestOf, shouldContainerBeRestarted } from './container-status.js'
import { createAndStart, inCrashLoopBackOff, startContainer } from './containers.js'
import { waitForVolumes } from './config-refs.js'
import { podEvent, type SyncContext } from './context.js'
import { NETWORK_NOT_READY, NETWORK_NOT_READY_ERROR, networkReady } from './network.js'
import { finishPull } from './images.js'
import { generatePodStatus } from './pod-status.js'
import { nextProbeAt, runDueProbes } from './probes.js'
import { createSandbox, inSandbox, isSandboxReady, stopSandbox, syncLostSandbox } from './sandbox.js'
import { killPod } from './termination.js'
import type { PodRuntime, StartFailure } from './types.js'
import { NONE } from '../empty.js'

export { SANDBOX_SETUP } from './sandbox.js'
/** pod_workers.go: the kubelet's backOffPeriod and workerBackOffPeriodJitterFactor. */
export const WORKER_BACKOFF: Millis = 10_000
export const WORKER_BACKOFF_JITTER = 0.5
/** kubelet.go syncLoop: the syncTicker that hands due pods from the work queue to their workers. */
export const SYNC_TICK: Millis = 1_000

/** wait.Jitter(backOffPeriod, 0.5) from now, then the next tick of the syncTicker. */
export function workerRetryAt(now: Millis, random: number): Millis {
  const due = now + WORKER_BACKOFF + Math.floor(random * WORKER_BACKOFF_JITTER * WORKER_BACKOFF)
  return Math.ceil(due / SYNC_TICK) * SYNC_TICK
}

export interface SyncDeps {
  /** The pods the kubelet admitted before this one (for admission). */
  admittedPods(): readonly Pod[]
  node(): Node | undefined
}

export function syncPod(ctx: SyncContext, deps: SyncDeps): void {
  const { rt } = ctx
  if (rt.finished) return
  if (rt.op && rt.op.until > ctx.now) return // the worker is blocked in a sandbox creation or a pull
  if (rt.retryAt !== undefined && rt.retryAt <= ctx.now) delete rt.retryAt
  const attempted = new Set<string>()
  // The reason cache as this pass found it: the status it writes is generated from that.
  const cachedReasons = rt.reasons === NONE ? NONE : { ...rt.reasons }
  const deleting = !!ctx.pod.metadata.deletionTimestamp
  // This pass sees every exit so far; a container that exits during it is seen by the next one.
  for (const c of rt.containers) if (hasExited(c, ctx.now)) c.exitSeen = true
  if (rt.op) {
    // The pass that started the operation goes on where it stopped.
    const op = rt.op
    delete rt.op
    if (op.kind === 'pull') {
      const spec = containerSpec(ctx, op.container, op.init)
      if (spec) {
        attempted.add(op.container)
        const pulled = finishPull(ctx, op, spec)
        if (!deleting) createAndStart(ctx, spec, op.init, pulled)
      }
    }
  } else {
    if (!admit(ctx, deps)) return
    writeStatus(ctx, false)
  }

  if (deleting) {
    if (killPod(ctx)) {
      stopSandbox(ctx)
      writeStatus(ctx, true)
      rt.finished = true
      // The status manager deletes the pod once it has stopped (grace 0, only this incarnation).
      ctx.api.delete(ctx.who, 'pods', ctx.pod.metadata.namespace, ctx.pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: rt.uid } })
      return
    }
    writeStatus(ctx, false)
    return
  }

  if (rt.evicted) {
    // killPodNow from the eviction manager: the containers stop (grace 1 s, 2 s at least), and only
    // once they have does the status manager write the pod Failed (mergePodStatus).
    if (killPod(ctx, 'evict')) {
      stopSandbox(ctx)
      writeStatus(ctx, true)
      rt.finished = true
      return
    }
    writeStatus(ctx, false)
    return
  }

  if (rt.sandbox && !isSandboxReady(rt.sandbox) && rt.sandbox.stoppedAt === undefined) {
    const step = syncLostSandbox(ctx)
    if (step !== 'abandoned') {
      writeStatus(ctx, false)
      return
    }
  }
  runDueProbes(ctx)
  if (!rt.sandbox && !ctx.pod.spec?.hostNetwork && !networkReady(ctx.state, ctx.now)) {
    // SyncPod: without the pod network only hostNetwork pods start; the worker tries again later.
    podEvent(ctx, 'Warning', 'NetworkNotReady', `${NETWORK_NOT_READY_ERROR}: ${NETWORK_NOT_READY}`)
    rt.retryAt = workerRetryAt(ctx.now, ctx.rng.next())
    return
  }
  if (!rt.sandbox) {
    // WaitForAttachAndMount: no sandbox until every volume is set up.
    if (waitForVolumes(ctx)) return
    createSandbox(ctx)
    return
  }
  if (syncInitContainers(ctx, attempted) === 'done' && syncAppContainers(ctx, attempted) === 'busy') return
  if (rt.op) return
  // completeWork: a failed pass is requeued after the back-off period; a good one at the resync
  // interval, where nothing is due in this model.
  if (ctx.failed) rt.retryAt = workerRetryAt(ctx.now, ctx.rng.next())
  else delete rt.retryAt
  const generated = generatePodStatus(ctx.pod, rt, ctx.node, ctx.now, false)
  const phase = generated.phase
  const reasons = shownReasons(cachedReasons, rt.reasons)
  if (phase === 'Succeeded' || phase === 'Failed') {
    // A finished pod's sandbox is stopped and its IP goes back to IPAM; the status keeps the IP.
    stopSandbox(ctx)
    rt.finished = true
    writeStatus(ctx, false, reasons)
  } else if (sameEntries(reasons, rt.reasons)) {
    // The status to write is generated from the same pod, runtime, node, time and reasons: this one.
    writeStatus(ctx, false, undefined, generated)
  } else writeStatus(ctx, false, reasons)
}

/** The same keys, each with the very same value (the reasons generatePodStatus reads are the same). */
function sameEntries(a: Record<string, StartFailure>, b: Record<string, StartFailure>): boolean {
  let n = 0
  for (const k in a) {
    if (a[k] !== b[k]) return false
    n++
  }
  for (const _ in b) n--
  return n === 0
}

/**
 * The reasons the status shows after this pass: what was started or restarted shows at once (the
 * PLEG's next relist, not modelled), but a CrashLoopBackOff this pass put in the reason cache only
 * at the next pass, which generates the status from the cache (kubelet.go SyncPod).
 */
function shownReasons(before: Record<string, StartFailure>, now: Record<string, StartFailure>): Record<string, StartFailure> {
  const out: Record<string, StartFailure> = {}
  for (const [name, r] of Object.entries(now)) {
    const old = before[name]
    if (r.reason !== 'CrashLoopBackOff' || old?.reason === 'CrashLoopBackOff') out[name] = r
    else if (old) out[name] = old
  }
  return out
}

/** The next time this pod's worker has something to do, if any. */
export function nextWake(rt: PodRuntime): Millis | undefined {
  if (rt.finished) return undefined
  // A worker blocked in a sandbox creation or a pull does nothing before it ends (syncPod returns):
  // an exit or a probe due meanwhile waits for it (waking earlier would only spin on a past exit).
  if (rt.op) return rt.op.until
  const times: Millis[] = []
  if (rt.retryAt !== undefined) times.push(rt.retryAt)
  for (const c of rt.containers) {
    if (c.end && !c.exitSeen) times.push(c.end.at)
    if (!c.end || !c.exitSeen) {
      const probe = nextProbeAt(c)
      if (probe !== undefined) times.push(probe)
    }
  }
  return times.length ? Math.min(...times) : undefined
}

function containerSpec(ctx: SyncContext, name: string, init: boolean): Container | undefined {
  return ((init ? ctx.pod.spec?.initContainers : ctx.pod.spec?.containers) ?? []).find((c) => c.name === name)
}

/** canAdmitPod, the first time the kubelet sees the pod. A rejected pod fails at once. */
function admit(ctx: SyncContext, deps: SyncDeps): boolean {
  const { rt } = ctx
  if (rt.rejected) return false
  if (rt.sandbox || rt.containers.length > 0 || ctx.pod.status?.startTime) return true
  const node = deps.node()
  // The eviction manager's admit handler comes before the resource predicates.
  const rejection = admitUnderPressure(ctx.pod, underMemoryPressure(ctx.state.eviction)) ?? (node ? admitPod(ctx.pod, node, deps.admittedPods()) : undefined)
  if (!rejection) return true
  rt.rejected = rejection
  podEvent(ctx, 'Warning', rejection.reason, rejection.message)
  writeStatus(ctx, false)
  rt.finished = true
  // Asked to go before it was rejected (the taint eviction controller, say): with its status terminal
  // and nothing of it running, the status manager deletes it at once (canBeDeleted, grace 0).
  if (ctx.pod.metadata.deletionTimestamp)
    ctx.api.delete(ctx.who, 'pods', ctx.pod.metadata.namespace, ctx.pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: rt.uid } })
  return false
}

/** Init containers one at a time, in order (computeInitContainerActions). */
function syncInitContainers(ctx: SyncContext, attempted: Set<string>): 'done' | 'wait' {
  const { pod, rt } = ctx
  // Once a regular container has been created in this sandbox, initialisation is over for good.
  const sandbox = rt.sandbox!
  if (rt.containers.some((c) => !c.init && inSandbox(c, sandbox) && pod.spec?.containers.some((s) => s.name === c.name))) return 'done'
  for (const c of pod.spec?.initContainers ?? []) {
    const latest = latestOf(rt, c.name, true)
    if (latest && isRunning(latest, ctx.now)) return 'wait'
    if (latest && latest.end!.exitCode === 0) continue
    // Failed (or never started): under Never the pod fails; otherwise it is tried again.
    if (latest && (pod.spec?.restartPolicy ?? 'Always') === 'Never') return 'wait'
    if (attempted.has(c.name)) return 'wait'
    if (latest && inCrashLoopBackOff(ctx, c, true)) return 'wait'
    attempted.add(c.name)
    startContainer(ctx, c, true)
    return 'wait'
  }
  return 'done'
}

/** App containers in spec order: start the ones never started, restart the dead ones per restartPolicy. */
function syncAppContainers(ctx: SyncContext, attempted: Set<string>): 'busy' | 'ok' {
  const { pod, rt } = ctx
  for (const c of pod.spec?.containers ?? []) {
    if (attempted.has(c.name)) continue
    const latest = latestOf(rt, c.name, false)
    if (latest && isRunning(latest, ctx.now)) continue
    if (!shouldContainerBeRestarted(pod, latest, ctx.now)) continue
    if (latest && inCrashLoopBackOff(ctx, c, false)) continue
    attempted.add(c.name)
    if (startContainer(ctx, c, false) === 'pulling') return 'busy'
  }
  return 'ok'
}

/** The same status, nulls aside (what the status manager compares). */
const sameStatus = (a: unknown, b: unknown): boolean => jsonEqualWithoutNulls(a, b)

/**
 * Write the status the runtime shows now, if it differs; returns the phase. `generated`: that
 * status, generated already by the caller from the same pod, runtime, reasons and time.
 */
function writeStatus(ctx: SyncContext, podIsTerminal: boolean, reasons?: Record<string, StartFailure>, generated?: PodStatus): string | undefined {
  const status = generated ?? generatePodStatus(ctx.pod, reasons ? { ...ctx.rt, reasons } : ctx.rt, ctx.node, ctx.now, podIsTerminal)
  if (sameStatus(status, ctx.pod.status)) return status.phase
  // PatchPodStatus: a strategic two-way merge patch, with the pod's UID as precondition. While the
  // pod last seen is the stored one, the apiserver knows what the patch would give without it.
  const written = ctx.api.patchPodStatus(ctx.who, ctx.pod, status as unknown as JsonObject) ?? sendStatusPatch(ctx, status)
  if (written.ok) {
    // The patch must give what was meant; if it did not, say it whole.
    if (!sameStatus(written.value.status, status)) {
      const fixed = ctx.api.update(ctx.who, { ...written.value, status }, { subresource: 'status' })
      if (fixed.ok) ctx.pod = fixed.value as typeof ctx.pod
    } else ctx.pod = written.value as typeof ctx.pod
  }
  return status.phase
}

/** PatchPodStatus the long way: the patch itself (or, should the diff fail, the whole status). */
function sendStatusPatch(ctx: SyncContext, status: PodStatus): ReturnType<SyncContext['api']['patch']> {
  const diff = podStatusPatch(ctx.pod.status, status)
  const { namespace, name, uid } = ctx.pod.metadata
  return diff
    ? ctx.api.patch(ctx.who, 'pods', namespace, name, { metadata: { uid }, ...diff }, 'strategic', { subresource: 'status' })
    : ctx.api.update(ctx.who, { ...ctx.pod, status }, { subresource: 'status' })
}
