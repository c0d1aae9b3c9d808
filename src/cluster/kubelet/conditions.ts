// The conditions the kubelet owns (pkg/kubelet/status/generate.go), in the order
// generateAPIPodStatus appends them: PodReadyToStartContainers, Initialized, Ready, ContainersReady,
// PodScheduled. Messages list container names as Go prints a []string: `[a b]`.
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js'
import type { PodPhase } from './phase.js'

type Condition = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>

const goList = (names: readonly string[]): string => `[${names.join(' ')}]`
const isSidecar = (c: { restartPolicy?: string }): boolean => c.restartPolicy === 'Always'

function cond(type: string, ok: boolean, reason?: string, message?: string): Condition {
  return { type, status: ok ? 'True' : 'False', ...(reason ? { reason } : {}), ...(message ? { message } : {}) }
}

/** kubecontainer.HasAnyRegularContainerStarted: a regular container is running or has terminated. */
export function hasAnyRegularContainerStarted(pod: Pod, statuses: readonly ContainerStatus[]): boolean {
  const names = new Set((pod.spec?.containers ?? []).map((c) => c.name))
  return statuses.some((s) => names.has(s.name) && (!!s.state?.running || !!s.state?.terminated))
}

export function containersReadyCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase): Condition {
  const unknown: string[] = []
  const unready: string[] = []
  const check = (name: string): void => {
    // A pod has a container or two: a look along the list, rather than a map made for every status.
    const s = statuses.find((x) => x.name === name)
    if (!s) unknown.push(name)
    else if (!s.ready) unready.push(name)
  }
  for (const c of pod.spec?.initContainers ?? []) if (isSidecar(c)) check(c.name)
  for (const c of pod.spec?.containers ?? []) check(c.name)
  if (phase === 'Succeeded' && unknown.length === 0) return cond('ContainersReady', false, 'PodCompleted')
  if (phase === 'Failed') return cond('ContainersReady', false, 'PodFailed')
  const messages: string[] = []
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`)
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`)
  if (messages.length) return cond('ContainersReady', false, 'ContainersNotReady', messages.join(', '))
  return cond('ContainersReady', true)
}

export function readyCondition(pod: Pod, conditions: readonly Condition[], statuses: readonly ContainerStatus[], phase: PodPhase): Condition {
  const containersReady = containersReadyCondition(pod, statuses, phase)
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' }
  const messages: string[] = []
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType) ?? pod.status?.conditions?.find((x) => x.type === gate.conditionType)
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`)
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`)
  }
  if (messages.length) return cond('Ready', false, 'ReadinessGatesNotReady', messages.join(', '))
  return cond('Ready', true)
}

export function initializedCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase): Condition {
  const unknown: string[] = []
  const incomplete: string[] = []
  for (const c of pod.spec?.initContainers ?? []) {
    const s = statuses.find((x) => x.name === c.name)
    if (!s) unknown.push(c.name)
    else if (isSidecar(c) ? !s.started : !s.ready) incomplete.push(c.name)
  }
  if (phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', true, 'PodCompleted')
  if (hasAnyRegularContainerStarted(pod, statuses)) return cond('Initialized', true)
  const messages: string[] = []
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`)
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`)
  if (messages.length) return cond('Initialized', false, 'ContainersNotInitialized', messages.join(', '))
  return cond('Initialized', true)
}

/** All the kubelet's conditions, in upstream's order; readiness gates see the others. */
export function kubeletConditions(pod: Pod, statuses: readonly ContainerStatus[], phase: PodPhase, sandboxReady: boolean): Condition[] {
  const out: Condition[] = [cond('PodReadyToStartContainers', sandboxReady), initializedCondition(pod, statuses, phase)]
  out.push(readyCondition(pod, out, statuses, phase))
  out.push(containersReadyCondition(pod, statuses, phase))
  out.push(cond('PodScheduled', true))
  return out
}
