// The pod sandbox: the pause container that holds the pod's network namespace and IP
// (kuberuntime_sandbox.go createPodSandbox, kuberuntime_manager.go computePodActions / SyncPod).
// A sandbox lives as long as its pod runs; app containers come and go inside it, so a container
// restart keeps the pod IP. When the sandbox is lost (its pause process killed, the node rebooted),
// the kubelet sees it NotReady (runtimeutil.PodSandboxChanged), records `SandboxChanged`, stops every
// container of the pod, and makes a new sandbox with the next attempt number and a new IP; the
// init containers run again from the first, and the app containers restart (restart count + 1).
import type { Millis } from '../clock.js'
import { hasExited, isRunning } from './container-status.js'
import { newRuntimeId, podEvent, type SyncContext } from './context.js'
import { allocateIp, releaseIp } from './ipam.js'
import { gracePeriodFor, stopContainer } from './termination.js'
import type { ContainerInstance, PodRuntime, Sandbox } from './types.js'

/** Creating the sandbox (pulling nothing: pause is on every node) and its network takes this long (CHOSEN). */
export const SANDBOX_SETUP: Millis = 1_000

/** Whether the sandbox is up with its network: PodSandboxState SANDBOX_READY. */
export const isSandboxReady = (s: Sandbox | undefined): boolean => !!s && s.stoppedAt === undefined && s.exitedAt === undefined

/** Whether a container instance was created in `sandbox` (older snapshots did not record it: the current one). */
export const inSandbox = (c: ContainerInstance, sandbox: Sandbox): boolean => (c.sandboxId ?? sandbox.id) === sandbox.id

/** Run a new sandbox for the pod: a fresh ID, and its IP from host-local IPAM (the node's IP with hostNetwork). */
export function createSandbox(ctx: SyncContext, attempt = 0): void {
  const hostNetwork = !!ctx.pod.spec?.hostNetwork
  const id = newRuntimeId(ctx.rng)
  const ip = hostNetwork ? ctx.node.ip : allocateIp(ctx.state.ipam, ctx.node.podCIDR, id)
  ctx.rt.sandbox = { id, ip: ip ?? '', hostNetwork, createdAt: ctx.now, attempt }
  ctx.rt.op = { kind: 'sandbox', until: ctx.now + SANDBOX_SETUP }
}

/** StopPodSandbox: the pause container stops and CNI DEL gives the IP back. */
export function stopSandbox(ctx: SyncContext): void {
  const sandbox = ctx.rt.sandbox
  if (!sandbox || sandbox.stoppedAt !== undefined) return
  sandbox.stoppedAt = ctx.now
  sandbox.exitedAt ??= ctx.now
  if (!sandbox.hostNetwork && sandbox.ip) releaseIp(ctx.state.ipam, sandbox.ip)
}

/** What the runtime does when the pause process dies: the sandbox turns NotReady; the kubelet finds out at its next sync. */
export function loseSandbox(rt: PodRuntime, now: Millis): boolean {
  if (!rt.sandbox || !isSandboxReady(rt.sandbox) || rt.op?.kind === 'sandbox') return false
  rt.sandbox.exitedAt = now
  return true
}

/** restartPolicy Never: shouldRestartOnFailure is false. */
const restartsOnFailure = (ctx: SyncContext): boolean => (ctx.pod.spec?.restartPolicy ?? 'Always') !== 'Never'

/**
 * computePodActions when PodSandboxChanged: whether a new sandbox is wanted. Not under Never once
 * containers ran, nor when every app container succeeded under OnFailure after initialisation.
 */
function wantsNewSandbox(ctx: SyncContext): boolean {
  const { rt, pod } = ctx
  if (!restartsOnFailure(ctx) && rt.containers.length > 0) return false
  const toStart = (pod.spec?.containers ?? []).filter((c) => {
    if (pod.spec?.restartPolicy !== 'OnFailure') return true
    const ran = rt.containers.filter((x) => !x.init && x.name === c.name)
    const last = ran[ran.length - 1]
    return !(last && hasExited(last, ctx.now) && last.end!.exitCode === 0)
  })
  if (toStart.length > 0) return true
  return !rt.containers.some((c) => !c.init) // not initialised yet: run again from the first init container
}

/**
 * The sync of a pod whose sandbox is lost. Returns 'ready' when a new sandbox is being made (or
 * none is wanted and the pod is left to finish), 'wait' while its containers are still stopping.
 */
export function syncLostSandbox(ctx: SyncContext): 'wait' | 'recreating' | 'abandoned' {
  const { rt } = ctx
  const lost = rt.sandbox!
  const recreate = wantsNewSandbox(ctx)
  if (!rt.sandboxChanged) {
    rt.sandboxChanged = true
    if (recreate) podEvent(ctx, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.')
    // killPodWithSyncResult: every running container is stopped, with the pod's grace period.
    const specs = [...(ctx.pod.spec?.initContainers ?? []), ...(ctx.pod.spec?.containers ?? [])]
    for (const c of rt.containers) {
      if (isRunning(c, ctx.now)) stopContainer(ctx, c, 'sandbox', gracePeriodFor(ctx, specs.find((s) => s.name === c.name), 'sandbox'))
    }
  }
  if (rt.containers.some((c) => isRunning(c, ctx.now))) return 'wait'
  for (const c of rt.containers) if (hasExited(c, ctx.now)) c.exitSeen = true
  delete rt.sandboxChanged
  if (!recreate) return 'abandoned'
  stopSandbox(ctx)
  // purgeInitContainers: the init containers of the old sandbox are removed; they run again.
  rt.containers = rt.containers.filter((c) => !c.init)
  const kept = new Set(rt.containers.map((c) => c.sandboxId ?? lost.id))
  rt.oldSandboxes = [...(rt.oldSandboxes ?? []), lost].filter((s) => kept.has(s.id))
  createSandbox(ctx, (lost.attempt ?? 0) + 1)
  return 'recreating'
}

/** Old sandboxes are removed with the last container that ran in them (the container GC's evictSandboxes). */
export function pruneOldSandboxes(rt: PodRuntime): void {
  if (!rt.oldSandboxes?.length) return
  const used = new Set(rt.containers.map((c) => c.sandboxId))
  rt.oldSandboxes = rt.oldSandboxes.filter((s) => used.has(s.id))
  if (rt.oldSandboxes.length === 0) delete rt.oldSandboxes
}
