// The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go),
// as `root-ca-cert-publisher`: every namespace has a ConfigMap `kube-root-ca.crt` with the
// cluster's CA bundle under `ca.crt` and a description annotation, so that pods can verify the
// apiserver (their kube-api-access volume projects it). A namespace is queued when it is added or
// changes, and when its ConfigMap is changed or deleted; the sync puts back what is missing.
import type { ConfigMap } from 'kubernetes-types/core/v1.js'
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import type { Informer } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { jsonEqual } from '../json-equal.js'
import type { KubeObject, StoredObject } from '../object.js'

export const ROOT_CA_CERT_PUBLISHER = 'root-ca-cert-publisher'
export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt'
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description'
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.'

/**
 * The cluster CA (kubeadm's /etc/kubernetes/pki/ca.crt) as PEM. A stand-in of a real certificate's
 * shape and size, fixed so that every simulated cluster shows the same bytes; nothing here speaks TLS.
 */
export const CLUSTER_CA_CRT = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIwfwru6ojOazxtSNMHNGuHnNi1VOX6lN4iQOUNA1jCItZ',
  '1pmwZlF0TeYhhZ/upI7ddME5lfomk0tCEEgk9Lt8ySHNKUfID4tzMsPVkvEA9DvT',
  'mRGCE4NDqS3EwJRCEJhzTRMk8pNl7kMXJzY0X7NWwrcF0S+owrRTaM/Ub+16FaBx',
  'U0ryNgVCqR8Q/Niu0kA42G5xKRTHZk+sWNwtZHBrTSt32D8GKZ99HJye9Rp8Vhlg',
  'ThqulpvXCQRkeCQJ8Uamqe36WlI61+5JNBfPb3YHlsF81ONAQkTH1pnjxOeJEdSO',
  'gs0LpqSGYfofdAqI8CtaVeSh5sTou1iAMlFaRuBv7HOS31EJefRz6dLJOESxNsup',
  'HdxYlDQM5+ajTeaoATWcbSgHVWQeojigvahFMOJp3g4ppuWSc4Fjtlp4FP0HBYxb',
  'FcituR38IPOJc1jXr59nq7FhREA70H0iNS5s+7s7/gkHKMAFOtFFoa5fvur3rZ7p',
  'l18y/tWJvPZlvzTV2KASsv4DyWQ2KyvHZG8AjH5FlrYIY2jLpz1qRKx1YtskVbS8',
  'dJrTwYPvC5jgvhI9bcOITmbaxUbakMQeVeg79PwAfYv+dIoDfz1lG/DKKjp3eCFb',
  'ZGokZpKUPTCwqC4n6IMOM3Gv4Z4JdItC14ToOkzLR+VKGfDN5diYGGyxzak6an3H',
  '17zGD48voGuGv2ymSfuDq0UP1sxT741oUHDoisAubKebQCbXrVK3iwuTmRJPEWh/',
  'JVsDe9HYbl2u5oxqMvxVWW1v9lVQub/iSzNPY9asxRRWlQeFZJTopXWD7YGQ3uhA',
  'lqS3YNtIO/B7m1T7rRHHiJ90c0ip7rvPhDs/rDGA5ivczsUvR5HOri2UQ8RV1Ent',
  'm6XkN2WLAvFtmkX6HnUNJivgivRK47Mz2irsKasOhA3IRFqVs9ZkLsmA6aUtWNJh',
  '61+R9meL0RBWF8o/98R8tXqWtnYi1Gsqh6xhFnIUMfvdnF+d9nUIFL5rxeUysKE4',
  'hxX0jG6u7FND5sICH+F6FQk=',
  '-----END CERTIFICATE-----',
  '',
].join('\n')

export function rootCACertPublisher(host: ControllerHost): Controller {
  return new Publisher(host)
}

class Publisher implements Controller {
  readonly name = 'root-ca-cert-publisher'
  readonly #queue: WorkQueue
  readonly #namespaces: Informer
  readonly #configMaps: Informer<StoredObject & ConfigMap>

  constructor(private readonly host: ControllerHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, this.name)
    const enqueue = (ns: StoredObject): void => this.#queue.add(ns.metadata.name)
    this.#namespaces = host.informers.informer('namespaces').on({ add: enqueue, update: enqueue })
    const onConfigMap = (cm: StoredObject): void => {
      if (cm.metadata.name === ROOT_CA_CONFIG_MAP) this.#queue.add(cm.metadata.namespace ?? '')
    }
    this.#configMaps = host.informers.informer<StoredObject & ConfigMap>('configmaps').on({ update: onConfigMap, delete: onConfigMap })
  }

  handle(task: Task): void {
    this.#queue.handle(task, (ns) => {
      if (this.#syncNamespace(ns)) this.#queue.forget(ns)
      else this.#queue.addRateLimited(ns)
    })
  }

  /** syncNamespace: create the ConfigMap, or put back its data and annotation; false to retry. */
  #syncNamespace(ns: string): boolean {
    const data = { 'ca.crt': CLUSTER_CA_CRT }
    const cm = this.#configMaps.get(`${ns}/${ROOT_CA_CONFIG_MAP}`)
    if (!cm) {
      // Upstream creates without looking at the namespace first; a missing or terminating one is no error.
      if (!this.#namespaces.get(ns)) return true
      const created = this.host.api.create(ROOT_CA_CERT_PUBLISHER, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIG_MAP, namespace: ns, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
        data,
      })
      return created.ok || ['NotFound', 'Forbidden', 'AlreadyExists'].includes(created.error.reason ?? '')
    }
    if (jsonEqual(cm.data ?? {}, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return true
    const next = structuredClone(cm) as KubeObject as ConfigMap
    next.data = data
    next.metadata = { ...next.metadata, annotations: { ...(next.metadata?.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION } }
    const updated = this.host.api.update(ROOT_CA_CERT_PUBLISHER, next as KubeObject)
    return updated.ok || updated.error.reason === 'NotFound'
  }

  snapshot(): WorkQueueSnapshot {
    return this.#queue.snapshot()
  }

  restore(state: unknown): void {
    if (state) this.#queue.restore(state as WorkQueueSnapshot)
  }
}
