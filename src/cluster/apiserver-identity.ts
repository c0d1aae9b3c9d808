// kube-apiserver's identity lease (APIServerIdentity, beta and on since 1.26): each apiserver holds
// the Lease kube-system/apiserver-<id>, where <id> comes from a hash of its host name
// (k8s.io/apiserver pkg/server/config.go NewConfig), and renews it every 10 s for 3600 s
// (pkg/controlplane/apiserver/server.go, component-helpers' lease controller). It is how the
// apiservers of a cluster know each other; on one control-plane node there is one.
//
// The controller's sync: update the lease it last wrote with a new renewTime (its optimistic way),
// else read it, or create it when there is none, and update that. CHOSEN: renewals exactly 10 s
// apart (upstream jitters them by up to 4 %), as the kubelets' node leases here.
import type { Millis } from './clock.js'
import { rfc3339Micro } from './clock.js'
import type { ApiServer } from './apiserver.js'
import type { KubeObject, StoredObject } from './object.js'
import { base32, sha256Bytes } from './runtime/base32.js'
import { uuidFromText } from './prng.js'

export const KUBE_APISERVER = 'kube-apiserver'
/** IdentityLeaseRenewIntervalPeriod and IdentityLeaseDurationSeconds. */
export const IDENTITY_LEASE_RENEW: Millis = 10_000
export const IDENTITY_LEASE_DURATION_SECONDS = 3600
/** IdentityLeaseComponentLabelKey, and the label that names the host. */
const IDENTITY_LABEL = 'apiserver.kubernetes.io/identity'
const HOSTNAME_LABEL = 'kubernetes.io/hostname'

/**
 * `apiserver-` and the unpadded, lower-case base32 of the first 16 bytes of the SHA-256 of the
 * cryptobyte encoding of the host name and `kube-apiserver` (each after its length in two bytes).
 */
export function apiserverId(hostname: string): string {
  const part = (s: string): string => String.fromCharCode(s.length >> 8, s.length & 0xff) + s
  return `apiserver-${base32(sha256Bytes(part(hostname) + part(KUBE_APISERVER)).slice(0, 16)).toLowerCase()}`
}

/** The lease as the controller writes it: its holder, duration, renewTime now, and its labels. */
function leaseOf(base: StoredObject | undefined, hostname: string, holder: string, now: Millis): KubeObject {
  const name = apiserverId(hostname)
  const labels = { ...(base?.metadata.labels ?? {}), [IDENTITY_LABEL]: KUBE_APISERVER, [HOSTNAME_LABEL]: hostname }
  const spec = { ...((base?.spec as Record<string, unknown> | undefined) ?? { holderIdentity: holder }), leaseDurationSeconds: IDENTITY_LEASE_DURATION_SECONDS, renewTime: rfc3339Micro(now) }
  return base
    ? ({ ...base, metadata: { ...base.metadata, labels }, spec } as KubeObject)
    : { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-system', labels }, spec }
}

/**
 * One sync of the identity lease controller at `now`: the lease as written (kept for the next sync),
 * or undefined when the write failed. The holder is `<id>_<uuid>`, the UUID one per apiserver
 * process, made from the host name and the cluster's seed without drawing from the PRNG.
 */
export function syncIdentityLease(api: ApiServer, hostname: string, now: Millis, latest: StoredObject | undefined, seed: number): StoredObject | undefined {
  if (latest) {
    const renewed = latest.metadata.labels?.[IDENTITY_LABEL] === KUBE_APISERVER ? api.renewLease(KUBE_APISERVER, latest, rfc3339Micro(now)) : api.update(KUBE_APISERVER, leaseOf(latest, hostname, '', now))
    if (renewed.ok) return renewed.value
  }
  const name = apiserverId(hostname)
  const got = api.get(KUBE_APISERVER, 'leases', 'kube-system', name)
  if (!got.ok) {
    if (got.error.reason !== 'NotFound') return undefined
    const holder = `${name}_${uuidFromText(`${KUBE_APISERVER}\0${hostname}\0${seed}`)}`
    const created = api.create(KUBE_APISERVER, leaseOf(undefined, hostname, holder, now))
    return created.ok ? created.value : undefined
  }
  const updated = api.update(KUBE_APISERVER, leaseOf(got.value, hostname, '', now))
  return updated.ok ? updated.value : undefined
}
