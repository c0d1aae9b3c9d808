// cloud-controller-manager with its service controller (k8s.io/cloud-provider/controllers/service),
// over a simulated cloud whose load balancers take addresses from a pool (network/loadbalancer-pool).
// For each Service of type LoadBalancer it records EnsuringLoadBalancer, adds the
// `service.kubernetes.io/load-balancer-cleanup` finalizer, asks the cloud for a load balancer and,
// when the cloud answers, records EnsuredLoadBalancer and writes status.loadBalancer.ingress (the
// EXTERNAL-IP column). A Service that stops being a LoadBalancer, or is deleted, gets its load
// balancer deleted (DeletingLoadBalancer, DeletedLoadBalancer) and its finalizer removed.
// Without this component running, a LoadBalancer Service keeps EXTERNAL-IP `<pending>`.
import type { Service } from 'kubernetes-types/core/v1.js'
import type { Millis, Task } from '../clock.js'
import type { Component, ComponentHost } from '../controller/component.js'
import { Informer, keyOf, splitKey } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import { recordEvent } from '../events.js'
import type { StoredObject } from '../object.js'
import { inPool, lowestFree, POOL_RANGE } from '../network/loadbalancer-pool.js'

export const CLOUD_CONTROLLER_MANAGER = 'cloud-controller-manager'
/** The service controller's client and event source (EventSource{Component: "service-controller"}). */
export const SERVICE_CONTROLLER = 'service-controller'
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup'
/**
 * How long the simulated cloud takes to provision a load balancer (CHOSEN: a few seconds, as
 * MetalLB or cloud-provider-kind answer; a public cloud can take minutes).
 */
export const PROVISION_TIME: Millis = 3000
/** The service controller's own rate limiter: 5 s doubling to 5 min (minRetryDelay, maxRetryDelay). */
const RETRY = { base: 5000, max: 300_000 }
const PROVISIONED = 'provisioned'

type ServiceObject = StoredObject & Service

interface CloudState {
  queue: WorkQueueSnapshot
  /** Load balancers being provisioned: service key → the address the cloud is giving it. */
  provisioning: [string, string][]
}

/** wantsLoadBalancer: type LoadBalancer and no loadBalancerClass (those belong to another controller). */
export const wantsLoadBalancer = (svc: Service): boolean => svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass
const hasFinalizer = (svc: StoredObject): boolean => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER)
const needsCleanup = (svc: ServiceObject): boolean => hasFinalizer(svc) && (!!svc.metadata.deletionTimestamp || !wantsLoadBalancer(svc))
const poolAddresses = (svc: Service): string[] => (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(inPool)

export class CloudControllerManager implements Component {
  readonly name = CLOUD_CONTROLLER_MANAGER
  readonly eventSources = [SERVICE_CONTROLLER]
  readonly #queue: WorkQueue
  #services!: Informer<ServiceObject>
  readonly #provisioning = new Map<string, string>()

  constructor(private readonly host: ComponentHost) {
    this.#queue = new WorkQueue(host.clock, CLOUD_CONTROLLER_MANAGER, 'service', RETRY)
  }

  start(restoring: boolean): void {
    this.#services = new Informer<ServiceObject>(this.host.api, SERVICE_CONTROLLER, 'services').on({
      // On a (re)start every load balancer is ensured again, as the real controller does.
      add: (svc) => {
        if (wantsLoadBalancer(svc) || needsCleanup(svc)) this.#queue.add(keyOf(svc))
      },
      update: (svc, old) => {
        if (this.#needsUpdate(old, svc) || needsCleanup(svc)) this.#queue.add(keyOf(svc))
      },
      delete: (svc) => {
        this.#provisioning.delete(keyOf(svc))
      },
    })
    if (!restoring) this.#provisioning.clear()
    this.#services.start(restoring)
  }

  stop(): void {
    this.#services.stop()
    // A load balancer being made when the process stops is made again after a restart.
    this.#provisioning.clear()
  }

  handle(task: Task): void {
    if (task.type === `service/${PROVISIONED}`) return this.#provisioned(String(task.data))
    this.#queue.handle(task, (key) => {
      if (this.#sync(key)) this.#queue.forget(key)
      else this.#queue.addRateLimited(key)
    })
  }

  snapshot(): CloudState {
    return { queue: this.#queue.snapshot(), provisioning: [...this.#provisioning] }
  }

  restore(state: unknown): void {
    const s = state as CloudState | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#provisioning.clear()
    for (const [k, ip] of s.provisioning) this.#provisioning.set(k, ip)
  }

  /** needsUpdate: what makes the controller look at a load balancer again, with its events. */
  #needsUpdate(old: ServiceObject, svc: ServiceObject): boolean {
    if (!wantsLoadBalancer(old) && !wantsLoadBalancer(svc)) return false
    if (wantsLoadBalancer(old) !== wantsLoadBalancer(svc)) {
      this.#event(svc, 'Normal', 'Type', `${old.spec?.type ?? ''} -> ${svc.spec?.type ?? ''}`)
      return true
    }
    const ports = (s: Service): string => JSON.stringify((s.spec?.ports ?? []).map((p) => [p.name ?? '', p.protocol, p.port, p.nodePort ?? 0]))
    if (ports(old) !== ports(svc) || old.spec?.sessionAffinity !== svc.spec?.sessionAffinity) return true
    if ((old.spec?.loadBalancerIP ?? '') !== (svc.spec?.loadBalancerIP ?? '')) {
      this.#event(svc, 'Normal', 'LoadbalancerIP', `${old.spec?.loadBalancerIP ?? ''} -> ${svc.spec?.loadBalancerIP ?? ''}`)
      return true
    }
    if (JSON.stringify(old.metadata.annotations ?? {}) !== JSON.stringify(svc.metadata.annotations ?? {})) return true
    if (old.spec?.externalTrafficPolicy !== svc.spec?.externalTrafficPolicy) {
      this.#event(svc, 'Normal', 'ExternalTrafficPolicy', `${old.spec?.externalTrafficPolicy ?? ''} -> ${svc.spec?.externalTrafficPolicy ?? ''}`)
      return true
    }
    return false
  }

  /** syncLoadBalancerIfNeeded. False: failed, to be retried with back-off. */
  #sync(key: string): boolean {
    const svc = this.#services.get(key)
    if (!svc) return true // deleted since it was queued
    if (!wantsLoadBalancer(svc) || needsCleanup(svc)) return this.#deleteLoadBalancer(key, svc)
    this.#event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer')
    // The finalizer first: a Service cannot go before its load balancer has.
    if (!hasFinalizer(svc)) {
      const patched = this.host.api.patch(SERVICE_CONTROLLER, 'services', svc.metadata.namespace, svc.metadata.name, { metadata: { finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] } }, 'merge')
      if (!patched.ok) return this.#failed(svc, `failed to add load balancer cleanup finalizer: ${patched.error.message}`)
    }
    const ip = this.#addressFor(key, svc)
    if (!ip.ok) return this.#failed(svc, `failed to ensure load balancer: ${ip.error}`)
    if (!this.#provisioning.has(key)) {
      this.#provisioning.set(key, ip.value)
      this.host.clock.after(PROVISION_TIME, { owner: CLOUD_CONTROLLER_MANAGER, type: `service/${PROVISIONED}`, data: key })
    }
    return true
  }

  /** The cloud answered EnsureLoadBalancer: the event, then the status patch (patchStatus). */
  #provisioned(key: string): void {
    const ip = this.#provisioning.get(key)
    this.#provisioning.delete(key)
    const svc = this.#services.get(key)
    if (!ip || !svc || !wantsLoadBalancer(svc) || svc.metadata.deletionTimestamp) return
    this.#event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer')
    if (poolAddresses(svc).join() === ip) return
    const status = { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } }
    const patched = this.host.api.patch(SERVICE_CONTROLLER, 'services', svc.metadata.namespace, svc.metadata.name, { status }, 'merge', { subresource: 'status' })
    if (!patched.ok) this.#queue.addRateLimited(key)
  }

  /** The address this Service keeps or gets: the one it has, the one asked for, else the lowest free. */
  #addressFor(key: string, svc: ServiceObject): { ok: true; value: string } | { ok: false; error: string } {
    const pending = this.#provisioning.get(key)
    const wanted = svc.spec?.loadBalancerIP ?? ''
    const has = poolAddresses(svc)[0]
    if (pending && (!wanted || wanted === pending)) return { ok: true, value: pending }
    const used = new Set<string>()
    for (const other of this.#services.list()) if (keyOf(other) !== key && wantsLoadBalancer(other)) for (const a of poolAddresses(other)) used.add(a)
    for (const [k, a] of this.#provisioning) if (k !== key) used.add(a)
    if (wanted) {
      if (!inPool(wanted)) return { ok: false, error: `requested load balancer IP ${wanted} is not in the address pool ${POOL_RANGE}` }
      if (used.has(wanted)) return { ok: false, error: `requested load balancer IP ${wanted} is already in use` }
      return { ok: true, value: wanted }
    }
    if (has && !used.has(has)) return { ok: true, value: has }
    const free = lowestFree(used)
    return free ? { ok: true, value: free } : { ok: false, error: `no available IPs in the address pool ${POOL_RANGE}` }
  }

  #deleteLoadBalancer(key: string, svc: ServiceObject): boolean {
    const existed = this.#provisioning.delete(key) || poolAddresses(svc).length > 0
    if (existed) this.#event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer')
    if (hasFinalizer(svc)) {
      const finalizers = (svc.metadata.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER)
      const { namespace, name } = splitKey(key)
      const patched = this.host.api.patch(SERVICE_CONTROLLER, 'services', namespace, name, { metadata: { finalizers: finalizers.length ? finalizers : null } }, 'merge')
      if (!patched.ok && patched.error.reason !== 'NotFound') return this.#failed(svc, `failed to remove load balancer cleanup finalizer: ${patched.error.message}`)
    }
    this.#event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer')
    // A Service that stays (its type changed) loses its load-balancer status.
    if (!svc.metadata.deletionTimestamp && (svc.status?.loadBalancer?.ingress ?? []).length > 0)
      this.host.api.patch(SERVICE_CONTROLLER, 'services', svc.metadata.namespace, svc.metadata.name, { status: { loadBalancer: { ingress: null } } }, 'merge', { subresource: 'status' })
    return true
  }

  #failed(svc: ServiceObject, why: string): boolean {
    this.#event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: ${why}`)
    return false
  }

  #event(svc: ServiceObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.host.api, this.host.now(), { involvedObject: svc, type, reason, message, source: { component: SERVICE_CONTROLLER } })
  }
}
