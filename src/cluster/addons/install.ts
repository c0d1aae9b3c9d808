// What the add-on manifests (CoreDNS, kube-proxy, flannel, Calico) share: who writes them, which of
// their kinds this apiserver serves, and writing them in their manifest's order.
import type { ApiServer } from '../apiserver.js'
import type { KubeObject } from '../object.js'
import { resourceByName } from '../resources.js'

/** Who writes the add-ons: kubeadm init's addon phase (and, for the CNI, the admin's apply). */
export const KUBEADM = 'kubeadm'

/** Whether this apiserver serves a resource (a manifest leaves out the objects of kinds it does not). */
export const served = (resource: string): boolean => resourceByName(resource) !== undefined

/** Create an add-on's objects in order; a failure here is a bug of its manifests, not an outcome. */
export function installObjects(api: ApiServer, addon: string, objects: readonly KubeObject[]): void {
  for (const obj of objects) {
    const r = api.create(KUBEADM, obj)
    if (!r.ok) throw new Error(`${addon}: ${obj.kind} ${obj.metadata?.name}: ${r.error.message}`)
  }
}
