// Probes (pkg/kubelet/prober): startup first, then readiness and liveness, each from the container's
// start + initialDelaySeconds and every periodSeconds; a result counts after successThreshold
// successes or failureThreshold failures in a row. Each failure is a Warning `Unhealthy` event; a
// liveness (or startup) failure kills the container, which then restarts per restartPolicy.
//
// Simplification: what a probe finds depends only on the container instance (its program, ports
// and HTTP answers, which the shell model fixes at start), so a probe that succeeded has nothing
// more to say and is not run again: a healthy pod costs nothing while time passes. Failing probes
// run every period, as their events show.
import type { Container, Probe } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import { answerHttp } from '../runtime/http.js'
import { lookupImage } from '../runtime/images.js'
import { planContainer } from '../runtime/shell.js'
import { isRunning } from './container-status.js'
import { planOf } from './containers.js'
import { fieldPathOf, podEvent, type SyncContext } from './context.js'
import { gracePeriodFor, stopContainer } from './termination.js'
import type { ContainerInstance, ProbeKind, ProbeState } from './types.js'
import { NONE, own } from '../empty.js'

const KINDS: readonly ProbeKind[] = ['startup', 'readiness', 'liveness']
const TITLE: Record<ProbeKind, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' }

const probeOf = (c: Container, kind: ProbeKind): Probe | undefined =>
  kind === 'startup' ? c.startupProbe : kind === 'readiness' ? c.readinessProbe : c.livenessProbe

const seconds = (n: number | undefined, fallback: number): Millis => (n ?? fallback) * 1000

/** A new container: started at once without a startup probe, ready at once without a readiness probe. */
export function initialProbeState(c: Container, start: Millis): ProbeState {
  const state: ProbeState = { next: NONE, failures: NONE, successes: NONE }
  if (c.startupProbe) own(state, 'next').startup = start + seconds(c.startupProbe.initialDelaySeconds, 0)
  else afterStarted(c, state, start, start)
  return state
}

function afterStarted(c: Container, state: ProbeState, start: Millis, at: Millis): void {
  state.startedAt = at
  if (c.readinessProbe) own(state, 'next').readiness = Math.max(at, start + seconds(c.readinessProbe.initialDelaySeconds, 0))
  else state.readyAt = at
  if (c.livenessProbe) own(state, 'next').liveness = Math.max(at, start + seconds(c.livenessProbe.initialDelaySeconds, 0))
}

/** The earliest probe due for a running container, if any. */
export function nextProbeAt(c: ContainerInstance): Millis | undefined {
  if (!c.probes || c.stop) return undefined
  const times = KINDS.map((k) => c.probes!.next[k]).filter((t): t is Millis => t !== undefined)
  return times.length ? Math.min(...times) : undefined
}

/** Run the probes due by now for every running container of the pod. */
export function runDueProbes(ctx: SyncContext): void {
  for (const c of ctx.rt.containers) {
    if (c.init || !c.probes || c.stop || !isRunning(c, ctx.now)) continue
    const spec = ctx.pod.spec?.containers.find((s) => s.name === c.name)
    if (!spec) continue
    for (const kind of KINDS) {
      while (c.probes.next[kind] !== undefined && c.probes.next[kind]! <= ctx.now && !c.stop) probeOnce(ctx, c, spec, kind)
    }
  }
}

function probeOnce(ctx: SyncContext, c: ContainerInstance, spec: Container, kind: ProbeKind): void {
  const probe = probeOf(spec, kind)!
  const state = c.probes!
  const at = state.next[kind]!
  const period = seconds(probe.periodSeconds, 10)
  const result = runProbe(ctx, c, spec, probe)
  if (result.ok) {
    own(state, 'failures')[kind] = 0
    const successes = (state.successes[kind] ?? 0) + 1
    own(state, 'successes')[kind] = successes
    if (successes < (probe.successThreshold ?? 1)) {
      own(state, 'next')[kind] = at + period
      return
    }
    delete state.next[kind]
    if (kind === 'startup') afterStarted(spec, state, c.startedAt, at)
    if (kind === 'readiness') state.readyAt = at
    return
  }
  podEvent({ ...ctx, now: at }, 'Warning', 'Unhealthy', `${TITLE[kind]} probe failed: ${result.output}`, fieldPathOf(c.name, false))
  own(state, 'successes')[kind] = 0
  const failures = (state.failures[kind] ?? 0) + 1
  own(state, 'failures')[kind] = failures
  own(state, 'next')[kind] = at + period
  if (failures >= (probe.failureThreshold ?? 3) && kind !== 'readiness') {
    delete state.next[kind]
    const why = kind === 'startup' ? 'startup' : 'liveness'
    stopContainer({ ...ctx, now: at }, c, why, gracePeriodFor(ctx, spec, why), `Container ${c.name} failed ${kind} probe, will be restarted`)
  }
}

interface ProbeResult {
  ok: boolean
  output: string
}

function portOf(spec: Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port
  const named = spec.ports?.find((p) => p.name === port)
  return named?.containerPort ?? Number(port)
}

function runProbe(ctx: SyncContext, c: ContainerInstance, spec: Container, probe: Probe): ProbeResult {
  const plan = planOf(c)
  const ip = ctx.rt.sandbox?.ip ?? ctx.node.ip
  const listens = (port: number): boolean => plan?.kind === 'process' && plan.ports.includes(port)
  if (probe.exec) {
    const image = lookupImage(c.image)
    if (!image.ok) return { ok: false, output: image.error.message }
    const command = probe.exec.command ?? []
    const run = planContainer({ image: image.value, spec: { command, env: c.spec.env } })
    if (run.kind === 'start-error') return { ok: false, output: run.message }
    const timeout = seconds(probe.timeoutSeconds, 1)
    // The CRI's ExecSync deadline (cri-client remote_runtime.go; wording unverified).
    if (!run.exit || run.exit.at > timeout) return { ok: false, output: `command "${command.join(' ')}" timed out after ${timeout / 1000}s` }
    const output = run.logs.map((l) => `${l.text}\n`).join('')
    return { ok: run.exit.code === 0, output }
  }
  if (probe.httpGet) {
    const port = portOf(spec, probe.httpGet.port)
    const host = probe.httpGet.host || ip
    const path = probe.httpGet.path || '/'
    const url = `${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`
    if (plan?.kind !== 'process' || !plan.server || !listens(port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` }
    const image = lookupImage(c.image)
    const answer = answerHttp(
      { server: plan.server, version: image.ok ? image.value.version : '', tag: image.ok ? image.value.reference.tag : undefined, hostname: ctx.pod.metadata.name, podIP: ip, port, now: ctx.now },
      { method: 'GET', path, clientIP: ip, userAgent: 'kube-probe/1.32' },
    )
    if (answer.kind === 'refused') return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` }
    if (answer.kind === 'not-http') return { ok: false, output: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response ${JSON.stringify(answer.raw.split('\r\n')[0])}` }
    // pkg/probe/http: 200 <= code < 400 is a success.
    if (answer.status >= 200 && answer.status < 400) return { ok: true, output: '' }
    return { ok: false, output: `HTTP probe failed with statuscode: ${answer.status}` }
  }
  const port = portOf(spec, probe.tcpSocket?.port ?? probe.grpc?.port)
  const host = probe.tcpSocket?.host || ip
  if (listens(port)) return { ok: true, output: '' }
  return { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` }
}
