// The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go): for each
// Service with a selector, EndpointSlices `<service>-xxxxx` owned by the Service and listing every
// selected pod with an IP, with its ready/serving/terminating conditions. A slice it did not expect
// to change (someone else edited or deleted it) brings its Service back after a second.
import type { Node } from 'kubernetes-types/core/v1.js'
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf, splitKey } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { recordEvent } from '../events.js'
import type { KubeObject, StoredObject } from '../object.js'
import {
  selectorMatches,
  serviceAndPodInformers,
  TriggerTimeTracker,
  withTriggerTime,
  type PodObject,
  type ServiceObject,
} from './endpoints-membership.js'
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, reconcile, type SliceDraft, type SliceObject } from './endpointslice-reconciler.js'

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller'
/** The event source of the reconciler's recorder (`endpoint-slice-controller`). */
const EVENT_SOURCE = 'endpoint-slice-controller'
const NAME = 'endpointslice'
/** endpointSliceChangeMinSyncDelay: a slice changed by someone else is looked at after this. */
const SLICE_CHANGE_MIN_SYNC_DELAY = 1000

type NodeObject = StoredObject & Node

interface TrackedSlice {
  service: string
  generation: number
}

interface EndpointSliceState {
  queue: WorkQueueSnapshot
  triggers: ReturnType<TriggerTimeTracker['snapshot']>
  tracker: [string, TrackedSlice][]
}

const serviceKeyOf = (slice: SliceObject): string | undefined => {
  const name = slice.metadata.labels?.[LABEL_SERVICE_NAME]
  return name ? `${slice.metadata.namespace}/${name}` : undefined
}
const managedByUs = (slice: SliceObject): boolean => slice.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME

export function endpointSliceController(host: ControllerHost): Controller {
  return new EndpointSliceController(host)
}

class EndpointSliceController implements Controller {
  readonly name = NAME
  readonly #host: ControllerHost
  readonly #queue: WorkQueue
  readonly #services: Informer<ServiceObject>
  readonly #pods: Informer<PodObject>
  readonly #nodes: Informer<NodeObject>
  readonly #slices: Informer<SliceObject>
  readonly #triggers = new TriggerTimeTracker()
  /** EndpointSliceTracker: the generation of each slice as this controller last wrote it. */
  #tracker = new Map<string, TrackedSlice>()
  /** Inside one of our own writes: the events it causes are the ones the tracker expects. */
  #writing = false

  constructor(host: ControllerHost) {
    this.#host = host
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, NAME)
    const q = this.#queue
    const informers = serviceAndPodInformers(host.informers, q)
    this.#services = informers.services
    this.#pods = informers.pods
    this.#nodes = host.informers.informer<NodeObject>('nodes')
    this.#slices = host.informers
      .informer<SliceObject>('endpointslices')
      .addIndex('service', (s) => {
        const key = serviceKeyOf(s)
        return key ? [key] : []
      })
      .on({
        add: (s) => {
          if (managedByUs(s) && this.#shouldSync(s)) this.#queueForSlice(s)
        },
        update: (s, old) => {
          if (s.metadata.labels?.[LABEL_SERVICE_NAME] !== old.metadata.labels?.[LABEL_SERVICE_NAME]) {
            this.#queueForSlice(s)
            this.#queueForSlice(old)
          } else if (managedByUs(s) !== managedByUs(old) || (managedByUs(s) && this.#shouldSync(s))) this.#queueForSlice(s)
        },
        delete: (s) => {
          const tracked = this.#tracker.delete(s.metadata.uid)
          if (managedByUs(s) && tracked && !this.#writing) this.#queueForSlice(s)
        },
      })
  }

  #shouldSync(s: SliceObject): boolean {
    if (this.#writing) return false
    const tracked = this.#tracker.get(s.metadata.uid)
    return !tracked || (s.metadata.generation ?? 0) > tracked.generation
  }

  #queueForSlice(s: SliceObject): void {
    const key = serviceKeyOf(s)
    if (key) this.#queue.addAfter(key, SLICE_CHANGE_MIN_SYNC_DELAY)
  }

  handle(task: Task): void {
    this.#queue.handle(task, (key) => {
      if (this.#syncService(key)) this.#queue.forget(key)
      else this.#queue.addRateLimited(key)
    })
  }

  snapshot(): EndpointSliceState {
    return { queue: this.#queue.snapshot(), triggers: this.#triggers.snapshot(), tracker: [...this.#tracker] }
  }

  restore(state: unknown): void {
    const s = state as EndpointSliceState | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#triggers.restore(s.triggers)
    this.#tracker = new Map(s.tracker)
  }

  #syncService(key: string): boolean {
    const { namespace = '' } = splitKey(key)
    const svc = this.#services.get(key)
    if (!svc) {
      // The Service is gone; the garbage collector removes its slices (they are owned by it).
      this.#triggers.deleteService(key)
      for (const [uid, t] of this.#tracker) if (t.service === key) this.#tracker.delete(uid)
      return true
    }
    if (svc.spec?.type === 'ExternalName') return true
    if (!svc.spec?.selector) return true // slices of selector-less Services are written out of band

    const pods = this.#pods.byIndex('namespace', namespace).filter((p) => selectorMatches(svc.spec?.selector, p.metadata.labels))
    // The EndpointSet hands endpoints out in map order; we hand them out by pod name.
    pods.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    const slices = this.#slices
      .byIndex('service', key)
      .filter((s) => managedByUs(s) && !s.metadata.deletionTimestamp)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    const triggerTime = this.#triggers.compute(svc, pods)
    const plan = reconcile(svc, pods, slices, (name) => this.#nodes.get(name))
    const failure = this.#finalize(svc, plan.create, plan.update, plan.delete, triggerTime)
    const errors = failure ? [...plan.errors, failure] : plan.errors
    if (errors.length === 0) return true
    recordEvent(this.#host.api, this.#host.now(), {
      involvedObject: svc,
      type: 'Warning',
      reason: 'FailedToUpdateEndpointSlices',
      message: `Error updating Endpoint Slices for Service ${namespace}/${svc.metadata.name}: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`,
      source: { component: EVENT_SOURCE },
    })
    return false
  }

  /** finalize: creates (not while the Service is being deleted), then updates, then deletes. */
  #finalize(svc: ServiceObject, create: SliceDraft[], update: SliceDraft[], remove: SliceObject[], triggerTime: string | undefined): string | undefined {
    const api = this.#host.api
    const ns = svc.metadata.namespace ?? ''
    const where = `for Service ${ns}/${svc.metadata.name}`
    this.#writing = true
    try {
      if (!svc.metadata.deletionTimestamp)
        for (const slice of create) {
          const created = api.create(ENDPOINTSLICE_CONTROLLER, asStored(slice, triggerTime), ns)
          if (!created.ok) {
            if (created.error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return undefined
            return `failed to create EndpointSlice ${where}: ${created.error.message}`
          }
          this.#track(created.value, svc)
        }
      for (const slice of update) {
        const updated = api.update(ENDPOINTSLICE_CONTROLLER, asStored(slice, triggerTime))
        if (!updated.ok) return `failed to update ${slice.metadata.name} EndpointSlice ${where}: ${updated.error.message}`
        this.#track(updated.value, svc)
      }
      for (const slice of remove) {
        const deleted = api.delete(ENDPOINTSLICE_CONTROLLER, 'endpointslices', ns, slice.metadata.name)
        if (!deleted.ok && deleted.error.reason !== 'NotFound') return `failed to delete ${slice.metadata.name} EndpointSlice ${where}: ${deleted.error.message}`
        this.#tracker.delete(slice.metadata.uid)
      }
      return undefined
    } finally {
      this.#writing = false
    }
  }

  #track(slice: StoredObject, svc: ServiceObject): void {
    this.#tracker.set(slice.metadata.uid, { service: keyOf(svc), generation: slice.metadata.generation ?? 0 })
  }
}

/**
 * The slice as written, with its trigger-time annotation. Empty endpoint and port lists read back
 * from storage as null (protobuf keeps no empty lists), so they are written that way.
 */
function asStored(slice: SliceDraft, triggerTime: string | undefined): KubeObject {
  const annotations = withTriggerTime(slice.metadata.annotations, triggerTime)
  const metadata: KubeObject['metadata'] = { ...slice.metadata }
  if (Object.keys(annotations).length) metadata.annotations = annotations
  else delete metadata.annotations
  return {
    ...slice,
    metadata,
    endpoints: slice.endpoints?.length ? slice.endpoints : null,
    ports: slice.ports?.length ? slice.ports : null,
  }
}
