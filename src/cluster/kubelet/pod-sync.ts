// One pass of a pod's worker (pkg/kubelet/kubelet.go SyncPod and kuberuntime_manager.go SyncPod):
// write the status the runtime shows now, then do what is due: admit, create the sandbox, start the
// next init container, or start or restart the app containers (in spec order, each after its image
// is pulled and its back-off has passed), run due probes, or stop everything of a pod being deleted
// and delete it. Level-triggered: it reads what is, so running it twice changes nothing.
//
// Time model (CHOSEN, as one pass of a real kubelet does it, without the PLEG's 1 s relist): the
// sandbox takes 1 s, a pull as long as runtime/images.ts says (serially per node), creating and
// starting a container no time; exits are seen when they happen. While an operation runs the worker
// is blocked and writes no status; a pass that failed (back-off, pull error) runs again 10 s later
// (the pod worker's backOffPeriod, without its jitter).
import type { Container, Node, Pod } from 'kubernetes-types/core/v1.js'
import { jsonEqualWithoutNulls } from '../apiserver.js'
import type { Millis } from '../clock.js'
import { createTwoWayMergePatch } from '../patch/strategic-diff.js'
import { patchSchemaFor } from '../patch/schema.js'
import type { JsonObject } from '../patch/json.js'
import { admitPod } from './admission.js'
import { hasExited, isRunning, latestOf, shouldContainerBeRestarted } from './container-status.js'
import { createAndStart, inCrashLoopBackOff, startContainer } from './containers.js'
import { podEvent, type SyncContext } from './context.js'
import { finishPull } from './images.js'
import { generatePodStatus } from './pod-status.js'
import { nextProbeAt, runDueProbes } from './probes.js'
import { createSandbox, inSandbox, isSandboxReady, stopSandbox, syncLostSandbox } from './sandbox.js'
import { killPod } from './termination.js'
import type { PodRuntime } from './types.js'

export { SANDBOX_SETUP } from './sandbox.js'
export const WORKER_BACKOFF: Millis = 10_000

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

  if (rt.sandbox && !isSandboxReady(rt.sandbox) && rt.sandbox.stoppedAt === undefined) {
    const step = syncLostSandbox(ctx)
    if (step !== 'abandoned') {
      writeStatus(ctx, false)
      return
    }
  }
  runDueProbes(ctx)
  if (!rt.sandbox) {
    createSandbox(ctx)
    return
  }
  if (syncInitContainers(ctx, attempted) === 'done' && syncAppContainers(ctx, attempted) === 'busy') return
  if (rt.op) return
  if (ctx.failed) rt.retryAt = ctx.now + WORKER_BACKOFF
  const phase = generatePodStatus(ctx.pod, rt, ctx.node, ctx.now, false).phase
  if (phase === 'Succeeded' || phase === 'Failed') {
    // A finished pod's sandbox is stopped and its IP goes back to IPAM; the status keeps the IP.
    stopSandbox(ctx)
    rt.finished = true
  }
  writeStatus(ctx, false)
}

/** The next time this pod's worker has something to do, if any. */
export function nextWake(rt: PodRuntime): Millis | undefined {
  if (rt.finished) return undefined
  const times: Millis[] = []
  if (rt.op) times.push(rt.op.until)
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
  const rejection = node ? admitPod(ctx.pod, node, deps.admittedPods()) : undefined
  if (!rejection) return true
  rt.rejected = rejection
  podEvent(ctx, 'Warning', rejection.reason, rejection.message)
  writeStatus(ctx, false)
  rt.finished = true
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

/** Write the status the runtime shows now, if it differs; returns the phase. */
function writeStatus(ctx: SyncContext, podIsTerminal: boolean): string | undefined {
  const status = generatePodStatus(ctx.pod, ctx.rt, ctx.node, ctx.now, podIsTerminal)
  if (sameStatus(status, ctx.pod.status)) return status.phase
  // PatchPodStatus: a strategic two-way merge patch, with the pod's UID as precondition.
  const schema = patchSchemaFor('v1', 'Pod')
  const diff = schema ? createTwoWayMergePatch({ status: (ctx.pod.status ?? {}) as JsonObject }, { status: status as unknown as JsonObject }, schema) : undefined
  const { namespace, name, uid } = ctx.pod.metadata
  const written = diff?.ok
    ? ctx.api.patch(ctx.who, 'pods', namespace, name, { metadata: { uid }, ...diff.value }, 'strategic', { subresource: 'status' })
    : ctx.api.update(ctx.who, { ...ctx.pod, status }, { subresource: 'status' })
  if (written.ok) {
    // The patch must give what was meant; if it did not, say it whole.
    if (!sameStatus(written.value.status, status)) {
      const fixed = ctx.api.update(ctx.who, { ...written.value, status }, { subresource: 'status' })
      if (fixed.ok) ctx.pod = fixed.value as typeof ctx.pod
    } else ctx.pod = written.value as typeof ctx.pod
  }
  return status.phase
}
