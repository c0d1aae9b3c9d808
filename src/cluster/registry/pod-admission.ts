// The mutating admission plugins a pod meets on create, in kube-apiserver's order:
// ServiceAccount, Priority, DefaultTolerationSeconds (plugin/pkg/admission/serviceaccount,
// plugin/pkg/admission/priority, plugin/pkg/admission/defaulttolerationseconds).
import type { Pod, ServiceAccount, Toleration, Volume } from 'kubernetes-types/core/v1.js'
import { NAME_SUFFIX_ALPHABET, type Prng } from '../prng.js'
import * as S from '../status.js'
import type { Status } from '../status.js'

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror'
const PODS = { resource: 'pods', group: '' }

/** The priority classes every cluster has (scheduling/v1 SystemPriorityClasses). */
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
}

/** The projected token volume (TokenVolumeSource), with the defaultMode set explicitly. */
function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  }
}

/**
 * ServiceAccount admission: the `default` account, and its token mounted read-only in every init
 * and regular container, unless a container already mounts something at the token path. Mirror
 * pods are left alone. The account must exist; `default` is let through even before the
 * serviceaccount controller has made it, since here a pod can be created in the same instant as
 * its namespace (on a real cluster that pod is refused once and retried). The account's image pull
 * secrets fill a pod that names none, and its automountServiceAccountToken applies unless the
 * pod's own says otherwise.
 */
export function admitServiceAccount(pod: Pod, rng: Prng, lookup: (namespace: string, name: string) => ServiceAccount | undefined = () => undefined): Status | undefined {
  const spec = pod.spec
  if (!spec) return undefined
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return undefined
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default'
  spec.serviceAccount = spec.serviceAccountName
  const ns = pod.metadata?.namespace ?? ''
  const account = lookup(ns, spec.serviceAccountName)
  if (!account && spec.serviceAccountName !== 'default') {
    return S.forbidden(
      PODS,
      pod.metadata?.name ?? '',
      `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    )
  }
  if (!spec.imagePullSecrets?.length && account?.imagePullSecrets?.length) spec.imagePullSecrets = account.imagePullSecrets.map((s) => ({ name: s.name ?? '' }))
  if ((spec.automountServiceAccountToken ?? account?.automountServiceAccountToken) === false) return undefined
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith('kube-api-access-'))
  const volumeName = existing?.name ?? `kube-api-access-${rng.string(NAME_SUFFIX_ALPHABET, 5)}`
  let needsVolume = false
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue
    ;(c.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH })
    needsVolume = true
  }
  if (!existing && needsVolume) (spec.volumes ??= []).push(tokenVolume(volumeName))
  return undefined
}

/** Priority admission on create: resolve priorityClassName to spec.priority and preemptionPolicy. */
export function admitPriority(pod: Pod): Status | undefined {
  const spec = pod.spec
  if (!spec) return undefined
  const name = pod.metadata?.name ?? ''
  let priority = 0
  if (spec.priorityClassName) {
    const value = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName]
    if (value === undefined) return S.forbidden(PODS, name, `no PriorityClass with name ${spec.priorityClassName} was found`)
    priority = value
  }
  if (spec.priority !== undefined && spec.priority !== priority)
    return S.forbidden(
      PODS,
      name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    )
  spec.priority = priority
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== 'PreemptLowerPriority')
    return S.forbidden(
      PODS,
      name,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name`,
    )
  spec.preemptionPolicy = 'PreemptLowerPriority'
  return undefined
}

/** Priority admission on update: keep what it set on create. */
export function keepPriority(pod: Pod, old: Pod): void {
  if (!pod.spec || !old.spec) return
  if (pod.spec.priority === undefined && old.spec.priority !== undefined) pod.spec.priority = old.spec.priority
  if (pod.spec.preemptionPolicy === undefined && old.spec.preemptionPolicy !== undefined) pod.spec.preemptionPolicy = old.spec.preemptionPolicy
}

const NOT_READY = 'node.kubernetes.io/not-ready'
const UNREACHABLE = 'node.kubernetes.io/unreachable'

/**
 * DefaultTolerationSeconds (create and update): tolerate not-ready and unreachable NoExecute
 * taints for 300s, unless the pod already tolerates them (an empty key or effect matches all).
 */
export function admitDefaultTolerationSeconds(pod: Pod): void {
  const spec = pod.spec
  if (!spec) return
  const tolerates = (key: string): boolean =>
    (spec.tolerations ?? []).some((t: Toleration) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect))
  const add: Toleration[] = []
  if (!tolerates(NOT_READY)) add.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
  if (!tolerates(UNREACHABLE)) add.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
  if (add.length) spec.tolerations = [...(spec.tolerations ?? []), ...add]
}
