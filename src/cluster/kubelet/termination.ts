// Stopping containers (kuberuntime_container.go killContainer): a `Killing` event, the image's stop
// signal to PID 1 and the grace period (at least 2 s, minimumGracePeriodInSeconds), then SIGKILL.
// What the signal does comes from the runtime's shell model (stopOutcome): nginx exits at once on
// SIGQUIT, a shell as PID 1 ignores SIGTERM and dies of the SIGKILL with 137.
import type { Container } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import { lookupImage } from '../runtime/images.js'
import { stopOutcome } from '../runtime/shell.js'
import { isRunning } from './container-status.js'
import { planOf } from './containers.js'
import { fieldPathOf, podEvent, type SyncContext } from './context.js'
import { EVICTION_GRACE_SECONDS } from './eviction.js'
import type { ContainerInstance, ContainerStop } from './types.js'

const MINIMUM_GRACE_PERIOD = 2

/** Where the process ends when the stop signal reaches it at `stop.at`. */
export function endAfterStop(c: ContainerInstance, stop: ContainerStop): { at: Millis; exitCode: number } {
  const plan = planOf(c)
  const image = lookupImage(c.image)
  if (plan?.kind === 'process' && image.ok) {
    const outcome = stopOutcome({ image: image.value, spec: c.spec }, plan, stop.at - c.startedAt)
    if (outcome.kind === 'exits' && c.startedAt + outcome.at <= stop.deadline) return { at: c.startedAt + outcome.at, exitCode: outcome.code }
  }
  return { at: stop.deadline, exitCode: 137 }
}

/** killContainer: event, signal, and the end it brings. `message` defaults to `Stopping container <c>`. */
export function stopContainer(ctx: SyncContext, c: ContainerInstance, why: ContainerStop['why'], graceSeconds: number, message?: string): void {
  if (!isRunning(c, ctx.now) || c.stop) return
  podEvent(ctx, 'Normal', 'Killing', message ?? `Stopping container ${c.name}`, fieldPathOf(c.name, c.init))
  const grace = Math.max(graceSeconds, MINIMUM_GRACE_PERIOD)
  const stop: ContainerStop = { at: ctx.now, deadline: ctx.now + grace * 1000, why }
  c.stop = stop
  const end = endAfterStop(c, stop)
  if (!c.end || c.end.at > end.at) c.end = { at: end.at, exitCode: end.exitCode, reason: end.exitCode === 0 ? 'Completed' : 'Error' }
}

/** setTerminationGracePeriod: the deletion's grace period, else the probe's or the pod's. */
export function gracePeriodFor(ctx: SyncContext, spec: Container | undefined, why: ContainerStop['why']): number {
  const pod = ctx.pod
  if (why === 'delete') return pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30
  if (why === 'evict') return EVICTION_GRACE_SECONDS
  // killPodWithSyncResult without a grace override: the pod's own grace period.
  if (why === 'sandbox') return pod.spec?.terminationGracePeriodSeconds ?? 30
  const probe = why === 'liveness' ? spec?.livenessProbe : spec?.startupProbe
  return probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30
}

/**
 * Stop every running container of a pod being deleted (or evicted: with the eviction's grace period
 * override). True when all of them have stopped.
 */
export function killPod(ctx: SyncContext, why: 'delete' | 'evict' = 'delete'): boolean {
  const specs = [...(ctx.pod.spec?.initContainers ?? []), ...(ctx.pod.spec?.containers ?? [])]
  for (const c of ctx.rt.containers) {
    if (!isRunning(c, ctx.now)) continue
    stopContainer(ctx, c, why, why === 'evict' ? EVICTION_GRACE_SECONDS : gracePeriodFor(ctx, specs.find((s) => s.name === c.name), 'delete'))
  }
  return ctx.rt.containers.every((c) => !isRunning(c, ctx.now))
}

/** When a container stopped now with `graceSeconds` (at least the minimum) will have ended. */
export function stoppedBy(c: ContainerInstance, now: Millis, graceSeconds: number): Millis {
  return endAfterStop(c, { at: now, deadline: now + Math.max(graceSeconds, MINIMUM_GRACE_PERIOD) * 1000, why: 'evict' }).at
}
