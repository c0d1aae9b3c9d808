// Pod admission on the node (pkg/kubelet/lifecycle/predicate.go): before running a pod bound to it
// the kubelet checks what the scheduler checked, against the pods it already runs. The first failing
// check rejects the pod: reason `OutOfcpu` / `OutOfmemory` / `OutOfpods` with `Node didn't have enough
// resource: cpu, requested: 3000, used: 200, capacity: 2000`, or a predicate's name with `Predicate
// NodePorts failed: node(s) didn't have free ports for the requested pod ports` (last, an untolerated
// NoExecute taint: `TaintToleration`). The pod then fails.
import type { Node, Pod } from 'kubernetes-types/core/v1.js'
import { hostPorts } from '../scheduler/node-info.js'
import { ERR_NODE_AFFINITY, ERR_NODE_PORTS } from '../scheduler/filter.js'
import { requiredNodeAffinity, tolerates } from '../scheduler/node-affinity.js'
import { nodeAllocatable, podRequests, type Resources } from '../scheduler/resources.js'

export interface Rejection {
  reason: string
  message: string
}

const insufficient = (resource: string, requested: number, used: number, capacity: number): Rejection => ({
  reason: `OutOf${resource}`,
  message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
})

/** scheduler.AdmissionCheck, in its order: resources (pods, cpu, memory, ephemeral-storage), node affinity, node ports. */
export function admitPod(pod: Pod, node: Node, admitted: readonly Pod[]): Rejection | undefined {
  const allocatable = nodeAllocatable(node)
  if (admitted.length + 1 > allocatable.pods) return insufficient('pods', 1, admitted.length, allocatable.pods)
  const want = requestsOf(pod)
  const used = { milliCPU: 0, memory: 0, ephemeralStorage: 0 }
  for (const p of admitted) {
    const r = requestsOf(p)
    used.milliCPU += r.milliCPU
    used.memory += r.memory
    used.ephemeralStorage += r.ephemeralStorage
  }
  if (want.milliCPU > 0 && want.milliCPU > allocatable.milliCPU - used.milliCPU) return insufficient('cpu', want.milliCPU, used.milliCPU, allocatable.milliCPU)
  if (want.memory > 0 && want.memory > allocatable.memory - used.memory) return insufficient('memory', want.memory, used.memory, allocatable.memory)
  if (want.ephemeralStorage > 0 && want.ephemeralStorage > allocatable.ephemeralStorage - used.ephemeralStorage)
    return insufficient('ephemeral-storage', want.ephemeralStorage, used.ephemeralStorage, allocatable.ephemeralStorage)
  if (!requiredNodeAffinity(pod).matches(node)) return { reason: 'NodeAffinity', message: `Predicate NodeAffinity failed: ${ERR_NODE_AFFINITY}` }
  const ports = hostPorts(pod)
  // The ports the admitted pods hold matter only to a pod that asks for host ports (most do not).
  if (ports.length > 0) {
    const taken = new Set(admitted.flatMap((p) => hostPorts(p)).map((h) => `${h.protocol}/${h.port}/${h.ip}`))
    for (const h of ports) {
      const clash = [...taken].some((t) => {
        const [protocol, port, ip] = t.split('/')
        return protocol === h.protocol && Number(port) === h.port && (ip === h.ip || ip === '0.0.0.0' || h.ip === '0.0.0.0')
      })
      if (clash) return { reason: 'NodePorts', message: `Predicate NodePorts failed: ${ERR_NODE_PORTS}` }
    }
  }
  // Then generalFilter's own check: of the taints, the kubelet minds NoExecute only (a pod bound by
  // name skips the scheduler's NoSchedule check). Static pods are not admitted here.
  const tolerations = pod.spec?.tolerations ?? []
  for (const taint of node.spec?.taints ?? [])
    if (taint.effect === 'NoExecute' && !tolerates(tolerations, taint)) return { reason: 'TaintToleration', message: `Predicate TaintToleration failed: ${ERR_TAINTS_NOT_TOLERATED}` }
  return undefined
}

/** The TaintToleration plugin's ErrReasonNotMatch, which the kubelet's admission gives. */
export const ERR_TAINTS_NOT_TOLERATED = "node(s) had taints that the pod didn't tolerate"

/**
 * podRequests, remembered for stored (frozen) specs: admission adds up the requests of every pod
 * the kubelet already admitted, each time it admits another, and they depend on the spec alone.
 */
function requestsOf(pod: Pod): Resources {
  const spec = pod.spec
  if (spec === undefined || !Object.isFrozen(spec)) return podRequests(pod)
  let r = requestsBySpec.get(spec)
  if (r === undefined) requestsBySpec.set(spec, (r = podRequests(pod)))
  return r
}

const requestsBySpec = new WeakMap<object, Resources>()
