// The pod status the kubelet writes (generateAPIPodStatus in pkg/kubelet/kubelet_pods.go, and the
// status manager's bookkeeping in pkg/kubelet/status/status_manager.go): phase, conditions with their
// transition times, container statuses, IPs, startTime and the QoS class. A phase that was terminal
// stays terminal; a condition keeps its lastTransitionTime while its status does not change.
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js'
import { rfc3339, type Millis } from '../clock.js'
import { computePodQOS } from '../registry/qos.js'
import { kubeletConditions } from './conditions.js'
import { containerStatuses } from './container-status.js'
import { disruptionCondition } from './eviction.js'
import { getPhase } from './phase.js'
import type { PodRuntime } from './types.js'

const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'])

export interface NodeAddress {
  readonly name: string
  readonly ip: string
}

/** Whether the pod's sandbox is up with its network (PodReadyToStartContainers). */
export const sandboxReady = (rt: PodRuntime): boolean => !!rt.sandbox && rt.sandbox.stoppedAt === undefined && rt.sandbox.exitedAt === undefined

export function generatePodStatus(pod: Pod, rt: PodRuntime, node: NodeAddress, now: Millis, podIsTerminal: boolean): PodStatus {
  const old = pod.status ?? {}
  if (rt.rejected) {
    // rejectPod: the status manager gets only the phase, the reason and the message.
    return {
      phase: 'Failed',
      ...(old.conditions ? { conditions: old.conditions } : {}),
      message: `Pod was rejected: ${rt.rejected.message}`,
      reason: rt.rejected.reason,
      startTime: old.startTime ?? rfc3339(rt.startTime),
      qosClass: old.qosClass ?? computePodQOS(pod),
    }
  }
  const initStatuses = containerStatuses(pod, rt, true, now)
  const appStatuses = containerStatuses(pod, rt, false, now)
  const all = [...appStatuses, ...initStatuses]
  const started = appStatuses.some((s) => s.state?.running || s.state?.terminated)
  let phase: string = getPhase(pod, all, podIsTerminal, started)
  // Pods are not allowed to leave a terminal phase.
  if (old.phase === 'Failed' || old.phase === 'Succeeded') phase = old.phase
  const evicted = rt.evicted !== undefined && podIsTerminal && old.phase !== 'Failed' && old.phase !== 'Succeeded'
  if (evicted) phase = 'Failed'
  const generated = kubeletConditions(pod, [...initStatuses, ...appStatuses], phase as 'Failed', sandboxReady(rt))
  const conditions: PodCondition[] = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type))
  for (const c of generated) {
    const before = old.conditions?.find((o) => o.type === c.type)
    // updateLastTransitionTime: kept while the status stays the same.
    const since = before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : rfc3339(now)
    conditions.push({ type: c.type, status: c.status, lastProbeTime: null as unknown as string, lastTransitionTime: since, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) })
  }
  const ip = rt.sandbox?.ip ?? old.podIP
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: node.ip,
    hostIPs: [{ ip: node.ip }],
    ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
    startTime: old.startTime ?? rfc3339(rt.startTime),
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: appStatuses,
    qosClass: old.qosClass ?? computePodQOS(pod),
  }
  if (old.phase === phase) {
    // The reason and message that go with a phase are kept (e.g. an eviction's).
    if (old.reason) status.reason = old.reason
    if (old.message) status.message = old.message
  }
  if (evicted) {
    // The eviction manager's status function: Failed, Evicted, its message, and DisruptionTarget,
    // which the status manager appends once the containers have stopped (mergePodStatus).
    status.reason = 'Evicted'
    status.message = rt.evicted!.message
    conditions.push(disruptionCondition(rt.evicted!.message, now))
  }
  return status
}
