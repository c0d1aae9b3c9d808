// Starting a container (kuberuntime_container.go startContainer) and the crash-loop back-off in
// front of a restart (kuberuntime_manager.go doBackOff). A started container's process follows the
// plan of the runtime's shell model: it exits when the plan says, with its code (Completed / Error),
// or is OOMKilled (137) at once when its memory passes the limit; an executable that does not exist
// fails to start (StartError, 128, waiting reason RunContainerError).
import type { Container, EnvVar } from 'kubernetes-types/core/v1.js'
import { goDuration } from '../runtime/go-duration.js'
import { lookupImage, type PulledImage } from '../runtime/images.js'
import { containerCreated, exceedsMachineMemory } from './eviction.js'
import { exceedsMemoryLimit, planContainerReading, type ContainerProcessSpec, type Plan } from '../runtime/shell.js'
import { quantity, quantityValue } from '../quantity.js'
import { isInBackOffSince, nextBackoff } from './backoff.js'
import { hasExited, instancesOf, isRunning, latestOf } from './container-status.js'
import { fieldPathOf, newRuntimeId, podDesc, podEvent, type PodObject, type SyncContext } from './context.js'
import { ensureImageExists, type EnsureResult } from './images.js'
import { apiLookup, resolveConfigEnv } from './config-refs.js'
import { globalOom } from './oom.js'
import { initialProbeState } from './probes.js'
import { inSandbox, pruneOldSandboxes } from './sandbox.js'
import { bindFailurePlan } from '../runtime/bind.js'
import type { ContainerInstance } from './types.js'
import { own } from '../empty.js'

/** How many instances of one container the runtime keeps (the newest and the one before: status and `logs -p`). */
const KEPT_INSTANCES = 2

/**
 * Plans are pure functions of the image and the process spec, so they are cached by both. The
 * environment counts only as far as the process read it (planContainerReading): every pod of a
 * template has its own HOSTNAME, which most programs never look at. Per image and command, the
 * plans are kept by the set of variables read, then by their values.
 */
const plans = new Map<string, Map<string, { reads: readonly string[] | 'all'; byValues: Map<string, Plan> }>>()
let planCount = 0

/** What a plan that read `reads` depends on in `env`: those values (absent is null), or all of it in order. */
function envKey(env: Readonly<Record<string, string>>, reads: readonly string[] | 'all'): string {
  if (reads === 'all') return JSON.stringify(Object.entries(env))
  return JSON.stringify(reads.map((n) => (Object.hasOwn(env, n) ? env[n] : null)))
}

function cachedPlan(image: PulledImage, imageName: string, spec: ContainerProcessSpec): Plan {
  const key = `${imageName}\u0000${JSON.stringify([spec.command, spec.args, spec.stdin])}`
  // The environment the process sees, as shell.ts builds it: the image's, then the container's.
  const env = { ...image.config.env, ...spec.env }
  let variants = plans.get(key)
  for (const v of variants?.values() ?? []) {
    const plan = v.byValues.get(envKey(env, v.reads))
    if (plan) return plan
  }
  const { plan, reads } = planContainerReading({ image, spec })
  const names = reads === 'all' ? 'all' : [...reads].sort()
  if (planCount >= 5_000) {
    plans.clear()
    planCount = 0
    variants = undefined
  }
  if (!variants) plans.set(key, (variants = new Map()))
  const sig = JSON.stringify(names)
  let variant = variants.get(sig)
  if (!variant) variants.set(sig, (variant = { reads: names, byValues: new Map() }))
  variant.byValues.set(envKey(env, names), plan)
  planCount++
  return plan
}

export function planOf(c: ContainerInstance): Plan | undefined {
  const image = lookupImage(c.image)
  if (!image.ok) return undefined
  const plan = cachedPlan(image.value, c.image, c.spec)
  return c.portInUse !== undefined && plan.kind === 'process' ? bindFailurePlan(plan, c.portInUse, image.value.userland) : plan
}

/**
 * A port of `plan` already bound in the pod's network namespace: by a running container of the
 * same sandbox, or, with hostNetwork, by another hostNetwork pod's container on the node.
 */
function takenPort(ctx: SyncContext, plan: Plan): number | undefined {
  if (plan.kind !== 'process' || plan.ports.length === 0) return undefined
  const sandbox = ctx.rt.sandbox
  const held = new Set<number>()
  const hold = (c: ContainerInstance): void => {
    const p = isRunning(c, ctx.now) ? planOf(c) : undefined
    if (p?.kind === 'process') for (const port of p.ports) held.add(port)
  }
  for (const c of ctx.rt.containers) if (!sandbox || inSandbox(c, sandbox)) hold(c)
  if (sandbox?.hostNetwork)
    for (const other of Object.values(ctx.state.pods)) if (other !== ctx.rt && other.sandbox?.hostNetwork && !other.finished) for (const c of other.containers) hold(c)
  return plan.ports.find((p) => held.has(p))
}

/** The value of an env var the simulator can resolve: literal values and the pod's own fields. */
function envValue(pod: PodObject, e: EnvVar, ip: string | undefined, nodeIP: string): string | undefined {
  if (e.value !== undefined) return e.value
  const path = e.valueFrom?.fieldRef?.fieldPath
  switch (path) {
    case 'metadata.name': return pod.metadata.name
    case 'metadata.namespace': return pod.metadata.namespace
    case 'metadata.uid': return pod.metadata.uid
    case 'spec.nodeName': return pod.spec?.nodeName
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName
    case 'status.podIP': return ip
    case 'status.hostIP': return nodeIP
    default: return e.valueFrom ? undefined : ''
  }
}

/** The variables taken from ConfigMaps and Secrets (config-refs.ts): envFrom first, env entries override. */
export interface ConfigEnv {
  readonly fromEnvFrom: Readonly<Record<string, string>>
  readonly fromRefs: Readonly<Record<string, string>>
}

export function processSpec(ctx: SyncContext, c: Container, config?: ConfigEnv): ContainerProcessSpec {
  const env: Record<string, string> = { ...(config?.fromEnvFrom ?? {}) }
  for (const e of c.env ?? []) {
    const v = config?.fromRefs[e.name] ?? envValue(ctx.pod, e, ctx.rt.sandbox?.ip, ctx.node.ip)
    if (v !== undefined) env[e.name] = v
  }
  // The runtime sets HOSTNAME to the pod's hostname (the node's with hostNetwork).
  env.HOSTNAME = ctx.pod.spec?.hostNetwork ? ctx.node.name : ctx.pod.spec?.hostname ?? ctx.pod.metadata.name
  return { ...(c.command ? { command: c.command } : {}), ...(c.args ? { args: c.args } : {}), env, ...(c.stdin ? { stdin: true } : {}) }
}

/**
 * doBackOff: a container that exited is restarted at once the first time, then only after its
 * back-off (10 s, 20 s, ... 5 min) has passed since it finished. True while it must wait.
 */
export function inCrashLoopBackOff(ctx: SyncContext, c: Container, init: boolean): boolean {
  const latest = latestOf(ctx.rt, c.name, init)
  if (!latest || !hasExited(latest, ctx.now)) return false
  const entry = ctx.rt.crashBackoff[c.name]
  const finished = latest.end!.at
  if (isInBackOffSince(entry, finished, ctx.now)) {
    podEvent(ctx, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDesc(ctx.pod)}`, fieldPathOf(c.name, init))
    own(ctx.rt, 'reasons')[c.name] = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(entry!.backoff)} restarting failed container=${c.name} pod=${podDesc(ctx.pod)}` }
    ctx.failed = true
    return true
  }
  own(ctx.rt, 'crashBackoff')[c.name] = nextBackoff(entry, finished, ctx.now)
  return false
}

export type StartResult = 'started' | 'pulling' | 'failed'

/** Pull if needed (the worker then waits for the pull), else create and start the container. */
export function startContainer(ctx: SyncContext, c: Container, init: boolean): StartResult {
  const ensured = ensureImageExists(ctx, c, init)
  if (ensured.kind === 'pulling') {
    ctx.rt.op = ensured.op
    return 'pulling'
  }
  return createAndStart(ctx, c, init, ensured)
}

/** startContainer's ErrCreateContainerConfig: event Failed "Error: ...", waiting reason CreateContainerConfigError. */
function createConfigError(ctx: SyncContext, c: Container, init: boolean, message: string): StartResult {
  podEvent(ctx, 'Warning', 'Failed', `Error: ${message}`, fieldPathOf(c.name, init))
  own(ctx.rt, 'reasons')[c.name] = { reason: 'CreateContainerConfigError', message }
  ctx.failed = true
  return 'failed'
}

export function createAndStart(ctx: SyncContext, c: Container, init: boolean, ensured: EnsureResult): StartResult {
  if (ensured.kind !== 'ready') return 'failed'
  const { rt, now } = ctx
  const previous = latestOf(rt, c.name, init)
  const image: PulledImage = ensured.image
  // generateContainerConfig: a ConfigMap or Secret the env needs is read after the pull, before creation.
  const config = resolveConfigEnv(apiLookup(ctx.api, ctx.who), ctx.pod, c)
  if (!config.ok) return createConfigError(ctx, c, init, config.message)
  const spec = processSpec(ctx, c, config.value)
  const cached = cachedPlan(image, c.image ?? '', spec)
  const inUse = takenPort(ctx, cached)
  const plan = inUse !== undefined && cached.kind === 'process' ? bindFailurePlan(cached, inUse, image.userland) : cached
  const fieldPath = fieldPathOf(c.name, init)
  const base = {
    id: newRuntimeId(ctx.rng),
    name: c.name,
    init,
    ...(rt.sandbox ? { sandboxId: rt.sandbox.id } : {}),
    attempt: previous ? previous.attempt + 1 : 0,
    image: c.image ?? '',
    imageRef: image.reference.canonical,
    imageID: image.imageID,
    spec,
    createdAt: now,
    ...(inUse !== undefined ? { portInUse: inUse } : {}),
  }
  podEvent(ctx, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath)
  let instance: ContainerInstance
  if (plan.kind === 'start-error') {
    instance = { ...base, startedAt: 0, end: { at: now, exitCode: plan.exitCode, reason: 'StartError', message: plan.message } }
    podEvent(ctx, 'Warning', 'Failed', `Error: ${plan.message}`, fieldPath)
    own(rt, 'reasons')[c.name] = { reason: 'RunContainerError', message: plan.message }
    ctx.failed = true
  } else {
    podEvent(ctx, 'Normal', 'Started', `Started container ${c.name}`, fieldPath)
    const limit = c.resources?.limits?.memory
    const limitBytes = limit === undefined ? undefined : Number(quantityValue(quantity(String(limit))))
    instance = { ...base, startedAt: now }
    // The kernel's OOM killer ends it (SIGKILL) as soon as its memory passes the limit; when the
    // machine has not enough free, it kills by oom_score until it fits, this one perhaps (oom.ts).
    if (exceedsMemoryLimit(plan, limitBytes)) instance.end = { at: now, exitCode: 137, reason: 'OOMKilled' }
    else if (plan.kind === 'process' && exceedsMachineMemory(ctx.state, plan.memory, now))
      for (const kill of globalOom(ctx.state, { rt, container: instance, spec: c, pod: ctx.pod }, plan.memory, now, ctx.podOf)) ctx.oomKilled(kill)
    if (!instance.end && plan.exit) instance.end = { at: now + plan.exit.at, exitCode: plan.exit.code, reason: plan.exit.code === 0 ? 'Completed' : 'Error' }
    instance.probes = initialProbeState(c, now)
    delete rt.reasons[c.name]
    // The node's memory use grew: the eviction manager's next sync looks (eviction.ts).
    if (plan.kind === 'process' && plan.memory > 0 && !instance.end) ctx.state.memoryGrew = true
  }
  rt.containers.push(instance)
  containerCreated(ctx.state, instance)
  // Containerd keeps dead containers until the kubelet's GC removes all but the last ones.
  const same = instancesOf(rt, c.name, init)
  if (same.length > KEPT_INSTANCES) {
    const drop = new Set(same.slice(0, same.length - KEPT_INSTANCES).map((x) => x.id))
    rt.containers = rt.containers.filter((x) => !drop.has(x.id))
    pruneOldSandboxes(rt)
  }
  return plan.kind === 'start-error' ? 'failed' : 'started'
}
