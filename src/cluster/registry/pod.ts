// Pods (pkg/registry/core/pod/strategy.go): status is a subresource, no generation in 1.32;
// status starts as Pending with the QoS class; deletion is graceful once the pod is on a node.
import type { Pod, PodSpec, ServiceAccount } from 'kubernetes-types/core/v1.js'
import type { KubeObject } from '../object.js'
import * as S from '../status.js'
import { validatePod, validatePodUpdate } from '../validation/pod.js'
import { unmarshalQuantity } from '../quantity.js'
import { admitDefaultTolerationSeconds, admitPriority, admitServiceAccount, keepPriority } from './pod-admission.js'
import { defaultPod } from './pod-defaults.js'
import { computePodQOS } from './qos.js'
import type { Strategy } from './strategy.js'
import type { Status } from '../status.js'

const asPod = (o: KubeObject): Pod => o as Pod

/** A malformed quantity fails decoding, before any validation (a 400, as the JSON decoder says it). */
export function quantityDecodingError(kind: string, spec: PodSpec | undefined): Status | undefined {
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])])
    for (const list of [c.resources?.limits, c.resources?.requests])
      for (const value of Object.values(list ?? {})) {
        const q = unmarshalQuantity(value)
        if (!q.ok) return S.badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${q.error}`)
      }
  return undefined
}

export const podStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: false,
  nameRule: 'subdomain',

  default: (obj) => defaultPod(asPod(obj)),

  prepareForCreate(obj) {
    const pod = asPod(obj)
    const status: Record<string, unknown> = { phase: 'Pending', qosClass: computePodQOS(pod) }
    if ((pod.spec?.schedulingGates ?? []).length > 0)
      status.conditions = [
        { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
      ]
    obj.status = status
  },

  admit(obj, ctx, old) {
    const pod = asPod(obj)
    const bad = quantityDecodingError('Pod', pod.spec)
    if (bad) return bad
    if (old) {
      // Updates meet Priority (which keeps what it set) and DefaultTolerationSeconds again; on a
      // status write the spec is the stored one, which already has both.
      keepPriority(pod, old as Pod)
      admitDefaultTolerationSeconds(pod)
      return undefined
    }
    const refused = admitServiceAccount(pod, ctx.rng, (ns, name) => ctx.get('serviceaccounts', ns, name) as ServiceAccount | undefined) ?? admitPriority(pod)
    if (refused) return refused
    admitDefaultTolerationSeconds(pod)
    return undefined
  },

  validate: (obj) => validatePod(asPod(obj)),
  validateUpdate: (obj, old) => validatePodUpdate(asPod(obj), old as Pod),

  /**
   * CheckGracefulDelete: the requested period, else terminationGracePeriodSeconds; 0 (delete at
   * once) when no node took the pod or it has finished; a negative period becomes 1.
   */
  gracePeriod(obj, options) {
    const pod = obj as Pod
    let period = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 0
    if (!pod.spec?.nodeName) period = 0
    if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') period = 0
    if (period < 0) period = 1
    return period
  },
}
