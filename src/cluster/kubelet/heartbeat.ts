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

/** What the kubelet reports of its node (pkg/kubelet/nodestatus/setters.go), healthy as it is here. */
const PRESSURES: readonly ConditionValue[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
]
const READY: ConditionValue = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
const NOT_READY: ConditionValue = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: NETWORK_NOT_READY }
const HEALTHY = [...PRESSURES, READY]
const NETWORK_DOWN = [...PRESSURES, NOT_READY]

/** The conditions the kubelet's setters compute, in their order: Ready depends on the runtime's network. */
export function kubeletConditions(networkReady: boolean): readonly ConditionValue[] {
  return networkReady ? HEALTHY : NETWORK_DOWN
}

/** Whether the stored conditions differ from what the kubelet would report (then it posts at once). */
export function nodeStatusChanged(node: Node, networkReady = true): boolean {
  // Asked at every heartbeat of every node, mostly of the very stored (frozen) node asked before.
  const cache = networkReady ? statusChangedOf : statusChangedNetworkDownOf
  const known = cache.get(node)
  if (known !== undefined) return known
  const stored = node.status?.conditions ?? []
  const changed = kubeletConditions(networkReady).some((h) => {
    const c = stored.find((s) => s.type === h.type)
    return !c || c.status !== h.status || c.reason !== h.reason || c.message !== h.message
  })
  if (Object.isFrozen(node) && Object.isFrozen(node.status ?? {}) && Object.isFrozen(stored)) cache.set(node, changed)
  return changed
}

const statusChangedOf = new WeakMap<Node, boolean>()
const statusChangedNetworkDownOf = new WeakMap<Node, boolean>()

/** The event the kubelet records when a pressure condition turns to its healthy status (nodestatus setters). */
const TRANSITION_EVENTS: Record<string, string> = {
  MemoryPressure: 'NodeHasSufficientMemory',
  DiskPressure: 'NodeHasNoDiskPressure',
  PIDPressure: 'NodeHasSufficientPID',
}

/**
 * Post the node status: the conditions as the kubelet sees them, with fresh heartbeats; a condition
 * whose status changes (Unknown → True after the node controller gave up on it) gets a new
 * lastTransitionTime. Returns the reasons of the events the kubelet records for those transitions,
 * in condition order: a pressure condition that is new or turns healthy (`NodeHasSufficientMemory`,
 * ...); a Ready condition that changes status (`NodeReady`, `NodeNotReady`), but not one seen for the
 * first time (ReadyCondition's needToRecordEvent).
 */
export function postNodeStatus(api: ApiServer, who: string, node: Node & StoredObject, now: Millis, networkReady = true): string[] {
  const stored = node.status?.conditions ?? []
  const at = rfc3339(now)
  const conditions: NodeCondition[] = []
  const events: string[] = []
  for (const h of kubeletConditions(networkReady)) {
    const old = stored.find((c: NodeCondition) => c.type === h.type)
    const changed = old?.status !== h.status
    conditions.push({ ...h, lastHeartbeatTime: at, lastTransitionTime: old && !changed ? old.lastTransitionTime : at })
    if (!changed) continue
    if (h.type !== 'Ready') events.push(TRANSITION_EVENTS[h.type])
    else if (old) events.push(h.status === 'True' ? 'NodeReady' : 'NodeNotReady')
  }
  api.patch(who, 'nodes', undefined, node.metadata.name, { status: { conditions } }, 'strategic', { subresource: 'status' })
  return events
}
