// What `kubectl logs` reads: the CRI log of one container instance, from its start until now (or
// its end), including what its program wrote after the stop signal. The kubelet picks the instance
// as validateContainerLogStatus does: the newest one, or with `previous` the one before it.
import type { Millis } from '../clock.js'
import { lookupImage } from '../runtime/images.js'
import { logsBetween, renderLogLine, stopOutcome, type LogFacts, type LogLine } from '../runtime/shell.js'
import { instancesOf } from './container-status.js'
import { planOf } from './containers.js'
import type { ContainerInstance, PodRuntime } from './types.js'

/** The log lines of a container of a pod, or undefined when there is no such instance (`facts`: see renderLogLine). */
export function podContainerLogs(rt: PodRuntime, container: string, previous: boolean, now: Millis, facts?: LogFacts): string[] | undefined {
  const all = [...instancesOf(rt, container, false), ...instancesOf(rt, container, true)]
  const instance = all[all.length - (previous ? 2 : 1)]
  return instance ? instanceLogs(instance, now, facts) : undefined
}

export function instanceLogs(c: ContainerInstance, now: Millis, facts?: LogFacts): string[] {
  const plan = planOf(c)
  if (plan?.kind !== 'process') return []
  const until = Math.min(now, c.end?.at ?? now) - c.startedAt
  let lines: LogLine[]
  const image = lookupImage(c.image)
  if (c.stop && image.ok && c.stop.at - c.startedAt < until) {
    const signalAt = c.stop.at - c.startedAt
    const outcome = stopOutcome({ image: image.value, spec: c.spec }, plan, signalAt)
    lines = [...logsBetween(plan, 0, signalAt), ...(outcome.kind === 'exits' ? outcome.logs.filter((l) => l.at <= until) : [])]
  } else lines = logsBetween(plan, 0, until + (c.end && c.end.at <= now ? 1 : 0))
  return lines.map((l) => renderLogLine(l, c.startedAt, facts))
}
