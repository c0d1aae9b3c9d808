// The node's heartbeats (pkg/kubelet/nodelease, pkg/kubelet/kubelet_node_status.go): the Lease
// kube-node-lease/<node> is renewed every 10 s (0.25 × leaseDurationSeconds 40, jitter left out), and
// the node status is computed every 10 s (nodeStatusUpdateFrequency) but posted only when it changed
// or nodeStatusReportFrequency (5 min) has passed, bumping the conditions' lastHeartbeatTime.
import type { Node, NodeCondition } from 'kubernetes-types/core/v1.js'
import type { ApiServer } from '../apiserver.js'
import { rfc3339, rfc3339Micro, type Millis } from '../clock.js'
import type { StoredObject } from '../object.js'
import { NETWORK_NOT_READY } from './network.js'

export const HEARTBEAT_PERIOD: Millis = 10_000
export const NODE_STATUS_REPORT_FREQUENCY: Millis = 5 * 60_000

/** Renew the node's lease; returns the lease as written (the lease controller keeps it for the next renewal). */
export function renewLease(api: ApiServer, who: string, node: string, now: Millis, latest: StoredObject | undefined): StoredObject | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    let lease = attempt === 0 ? latest : undefined
    if (!lease) {
      const got = api.get(who, 'leases', 'kube-node-lease', node)
      if (!got.ok) return undefined
      lease = got.value
    }
    const updated = api.renewLease(who, lease, rfc3339Micro(now))
    if (updated.ok) return updated.value
    if (updated.error.reason !== 'Conflict') return undefined
  }
  return undefined
}

interface ConditionValue {
  readonly type: string
  readonly status: string
  readonly reason: string
  readonly message: string
}

/** What the kubelet reports of its node (pkg/kubelet/nodestatus/setters.go). */
const SUFFICIENT_MEMORY: ConditionValue = { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' }
const INSUFFICIENT_MEMORY: ConditionValue = { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' }
const NO_DISK_PRESSURE: ConditionValue = { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' }
const SUFFICIENT_PID: ConditionValue = { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' }
const READY: ConditionValue = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
const NOT_READY: ConditionValue = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: NETWORK_NOT_READY }

/** The four sets of conditions, by (network ready, memory pressure): see `variant`. */
const VARIANTS: readonly (readonly ConditionValue[])[] = [
  [SUFFICIENT_MEMORY, NO_DISK_PRESSURE, SUFFICIENT_PID, READY],
  [SUFFICIENT_MEMORY, NO_DISK_PRESSURE, SUFFICIENT_PID, NOT_READY],
  [INSUFFICIENT_MEMORY, NO_DISK_PRESSURE, SUFFICIENT_PID, READY],
  [INSUFFICIENT_MEMORY, NO_DISK_PRESSURE, SUFFICIENT_PID, NOT_READY],
]
const variant = (networkReady: boolean, memoryPressure: boolean): number => (networkReady ? 0 : 1) + (memoryPressure ? 2 : 0)

/**
 * The conditions the kubelet's setters compute, in their order: MemoryPressure from the eviction
 * manager (eviction.ts), Ready from the runtime's network.
 */
export function kubeletConditions(networkReady: boolean, memoryPressure = false): readonly ConditionValue[] {
  return VARIANTS[variant(networkReady, memoryPressure)]
}

/** Whether the stored conditions differ from what the kubelet would report (then it posts at once). */
export function nodeStatusChanged(node: Node, networkReady = true, memoryPressure = false): boolean {
  // Asked at every heartbeat of every node, mostly of the very stored (frozen) node asked before.
  const cache = statusChangedOf[variant(networkReady, memoryPressure)]
  const known = cache.get(node)
  if (known !== undefined) return known
  const stored = node.status?.conditions ?? []
  const changed = kubeletConditions(networkReady, memoryPressure).some((h) => {
    const c = stored.find((s) => s.type === h.type)
    return !c || c.status !== h.status || c.reason !== h.reason || c.message !== h.message
  })
  if (Object.isFrozen(node) && Object.isFrozen(node.status ?? {}) && Object.isFrozen(stored)) cache.set(node, changed)
  return changed
}

const statusChangedOf = VARIANTS.map(() => new WeakMap<Node, boolean>())

/** The event the kubelet records when a pressure condition takes a status (nodestatus setters), by type and status. */
const TRANSITION_EVENTS: Record<string, Record<string, string>> = {
  MemoryPressure: { False: 'NodeHasSufficientMemory', True: 'NodeHasInsufficientMemory' },
  DiskPressure: { False: 'NodeHasNoDiskPressure', True: 'NodeHasDiskPressure' },
  PIDPressure: { False: 'NodeHasSufficientPID', True: 'NodeHasInsufficientPID' },
}

/**
 * Post the node status: the conditions as the kubelet sees them, with fresh heartbeats; a condition
 * whose status changes (Unknown → True after the node controller gave up on it) gets a new
 * lastTransitionTime. Returns the reasons of the events the kubelet records for those transitions,
 * in condition order: a pressure condition that is new or changes (`NodeHasSufficientMemory`,
 * `NodeHasInsufficientMemory`, ...); a Ready condition that changes status (`NodeReady`, `NodeNotReady`), but not one seen for the
 * first time (ReadyCondition's needToRecordEvent).
 */
export function postNodeStatus(api: ApiServer, who: string, node: Node & StoredObject, now: Millis, networkReady = true, memoryPressure = false): string[] {
  const stored = node.status?.conditions ?? []
  const at = rfc3339(now)
  const conditions: NodeCondition[] = []
  const events: string[] = []
  for (const h of kubeletConditions(networkReady, memoryPressure)) {
    const old = stored.find((c: NodeCondition) => c.type === h.type)
    const changed = old?.status !== h.status
    conditions.push({ ...h, lastHeartbeatTime: at, lastTransitionTime: old && !changed ? old.lastTransitionTime : at })
    if (!changed) continue
    if (h.type !== 'Ready') events.push(TRANSITION_EVENTS[h.type][h.status])
    else if (old) events.push(h.status === 'True' ? 'NodeReady' : 'NodeNotReady')
  }
  api.patch(who, 'nodes', undefined, node.metadata.name, { status: { conditions } }, 'strategic', { subresource: 'status' })
  return events
}
