// The endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for each Service with a
// selector, an Endpoints object of the same name listing the selected pods' IPs, ready ones in
// `addresses` and the others in `notReadyAddresses`, per port set. Services without a selector
// (the `kubernetes` Service, whose Endpoints the apiserver writes) are left alone.
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset } from 'kubernetes-types/core/v1.js'
import { stableJson } from '../apiserver.js'
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf, splitKey } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { recordEvent } from '../events.js'
import { clone, type KubeObject, type StoredObject } from '../object.js'
import {
  findPort,
  IS_HEADLESS_SERVICE,
  isPodReady,
  isServiceIPSet,
  selectorMatches,
  serviceAndPodInformers,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  TriggerTimeTracker,
  withTriggerTime,
  type PodObject,
  type ServiceObject,
} from './endpoints-membership.js'
import { repackSubsets } from './endpoints-repack.js'

export const ENDPOINT_CONTROLLER = 'endpoint-controller'
const NAME = 'endpoint'
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity'
/** Annotation of leader-election Endpoints, which have no Service and must survive (checkLeftoverEndpoints). */
const LEADER_ELECTION = 'control-plane.alpha.kubernetes.io/leader'

type EndpointsObject = StoredObject & Endpoints

interface EndpointsState {
  queue: WorkQueueSnapshot
  triggers: ReturnType<TriggerTimeTracker['snapshot']>
}

export function endpointsController(host: ControllerHost): Controller {
  return new EndpointsController(host)
}

class EndpointsController implements Controller {
  readonly name = NAME
  readonly #host: ControllerHost
  readonly #queue: WorkQueue
  readonly #services: Informer<ServiceObject>
  readonly #pods: Informer<PodObject>
  readonly #endpoints: Informer<EndpointsObject>
  readonly #triggers = new TriggerTimeTracker()

  constructor(host: ControllerHost) {
    this.#host = host
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, NAME)
    const q = this.#queue
    const informers = serviceAndPodInformers(host.informers, q)
    this.#services = informers.services
    this.#pods = informers.pods
    this.#endpoints = host.informers.informer<EndpointsObject>('endpoints').on({ delete: (e) => q.add(keyOf(e)) })
  }

  synced(restoring: boolean): void {
    if (restoring) return
    // checkLeftoverEndpoints: Endpoints whose Service went while the controller was down get deleted.
    for (const ep of this.#endpoints.list()) if (!ep.metadata.annotations?.[LEADER_ELECTION]) this.#queue.add(keyOf(ep))
  }

  handle(task: Task): void {
    this.#queue.handle(task, (key) => {
      if (this.#syncService(key)) this.#queue.forget(key)
      else this.#queue.addRateLimited(key)
    })
  }

  snapshot(): EndpointsState {
    return { queue: this.#queue.snapshot(), triggers: this.#triggers.snapshot() }
  }

  restore(state: unknown): void {
    const s = state as EndpointsState | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#triggers.restore(s.triggers)
  }

  /** syncService: true when done, false to retry with back-off. */
  #syncService(key: string): boolean {
    const api = this.#host.api
    const { namespace = '', name } = splitKey(key)
    const svc = this.#services.get(key)
    if (!svc) {
      // The Service is gone: so are its Endpoints.
      const deleted = api.delete(ENDPOINT_CONTROLLER, 'endpoints', namespace, name)
      this.#triggers.deleteService(key)
      return deleted.ok || deleted.error.reason === 'NotFound'
    }
    if (svc.spec?.type === 'ExternalName') return true
    if (!svc.spec?.selector) return true // endpoints of selector-less Services are written out of band

    const pods = this.#pods.byIndex('namespace', namespace).filter((p) => selectorMatches(svc.spec?.selector, p.metadata.labels))
    pods.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    // Computed even when nothing is written, so the tracker keeps up (ComputeEndpointLastChangeTriggerTime).
    const triggerTime = this.#triggers.compute(svc, pods)
    const subsets = repackSubsets(this.#subsetsFor(svc, pods))

    const current = this.#endpoints.get(key)
    const labels = svc.metadata.labels
    if (current) {
      const { [IS_HEADLESS_SERVICE]: _headless, ...compareLabels } = current.metadata.labels ?? {}
      const overCapacity = current.metadata.annotations?.[OVER_CAPACITY] !== undefined
      if (sameSubsets(current.subsets ?? [], subsets) && stableJson(compareLabels) === stableJson(labels ?? {}) && !overCapacity) return true
    }
    const next: KubeObject = current
      ? (clone(current) as KubeObject)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } }
    const meta = next.metadata!
    if (subsets.length) next.subsets = subsets
    else delete next.subsets
    const annotations = withTriggerTime(meta.annotations, triggerTime)
    delete annotations[OVER_CAPACITY]
    if (Object.keys(annotations).length) meta.annotations = annotations
    else delete meta.annotations
    const nextLabels: Record<string, string> = { ...labels }
    if (!isServiceIPSet(svc)) nextLabels[IS_HEADLESS_SERVICE] = ''
    else delete nextLabels[IS_HEADLESS_SERVICE]
    if (Object.keys(nextLabels).length) meta.labels = nextLabels
    else delete meta.labels

    const written = current ? api.update(ENDPOINT_CONTROLLER, next) : api.create(ENDPOINT_CONTROLLER, next, namespace)
    if (written.ok) return true
    // A terminating namespace refuses new content for good: drop the key.
    if (!current && written.error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return true
    const message = current
      ? `Failed to update endpoint ${namespace}/${name}: ${written.error.message}`
      : `Failed to create endpoint for service ${namespace}/${name}: ${written.error.message}`
    const involved = (current ?? { ...next, metadata: { ...meta, uid: '', resourceVersion: '', creationTimestamp: '' } }) as StoredObject
    recordEvent(api, this.#host.now(), {
      involvedObject: involved,
      type: 'Warning',
      reason: current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint',
      message,
      source: { component: ENDPOINT_CONTROLLER },
    })
    return false
  }

  /** One subset per (pod, service port), to be repacked; a headless Service may have no ports. */
  #subsetsFor(svc: ServiceObject, pods: readonly PodObject[]): EndpointSubset[] {
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true
    const subsets: EndpointSubset[] = []
    const family = svc.spec?.ipFamilies?.[0] ?? 'IPv4'
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue
      // podToEndpointAddressForService: the first pod IP of the Service's (first) family.
      const ip = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '').find((a) => a !== '' && (family === 'IPv6') === a.includes(':'))
      if (!ip) continue
      const address: EndpointAddress = { ip }
      if (shouldSetHostname(pod, svc)) address.hostname = pod.spec!.hostname
      address.nodeName = pod.spec?.nodeName ?? ''
      address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }
      const ready = publishNotReady || isPodReady(pod)
      const put = (ports: EndpointPort[]): void => {
        subsets.push(ready ? { addresses: [address], ports } : { notReadyAddresses: [address], ports })
      }
      const servicePorts = svc.spec?.ports ?? []
      if (servicePorts.length === 0) {
        if (svc.spec?.clusterIP === 'None') put([])
        continue
      }
      for (const sp of servicePorts) {
        const port = findPort(pod, sp)
        if (port === undefined) continue
        const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' }
        if (sp.name) ep.name = sp.name
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol
        put([ep])
      }
    }
    return subsets
  }
}

/** endpointSubsetsEqualIgnoreResourceVersion: equal but for the pods' resourceVersion in targetRef. */
function sameSubsets(a: readonly EndpointSubset[], b: readonly EndpointSubset[]): boolean {
  const strip = (subsets: readonly EndpointSubset[]): string =>
    stableJson(
      subsets.map((s) => {
        const drop = (addrs: EndpointAddress[] | undefined) =>
          addrs?.map((x) => (x.targetRef ? { ...x, targetRef: { ...x.targetRef, resourceVersion: undefined } } : x))
        return { ...s, addresses: drop(s.addresses), notReadyAddresses: drop(s.notReadyAddresses) }
      }),
    )
  return strip(a) === strip(b)
}
