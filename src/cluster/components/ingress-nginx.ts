// What the ingress-nginx controller process does through the apiserver (the add-on's pods): while
// one of its pods is Running and Ready (the leader), it
// - records `Sync` "Scheduled for sync" on each Ingress of its class that is added or changes, its
//   status included (internal/ingress/controller/store/store.go), so a new Ingress shows it twice:
//   once when created, once when its ADDRESS is written;
// - every 60 s (status.go UpdateInterval, first right after it starts) writes the addresses of the
//   --publish-service (ingress-nginx/ingress-nginx-controller: its EXTERNAL-IP) into
//   status.loadBalancer.ingress of those Ingresses: the ADDRESS column;
// - when its last pod shuts down, clears those addresses (--update-status-on-shutdown, default true).
// The routing of requests is network/ingress.ts. This is an actor of the simulator that stands for
// the controller pods: it acts only while a controller pod is Ready, and stays quiet otherwise.
import type { Pod, Service } from 'kubernetes-types/core/v1.js'
import type { Ingress, IngressClass, IngressLoadBalancerIngress } from 'kubernetes-types/networking/v1.js'
import type { Millis, Task } from '../clock.js'
import type { Component, ComponentHost } from '../controller/component.js'
import { Informer } from '../controller/informer.js'
import { recordEvent } from '../events.js'
import type { StoredObject } from '../object.js'
import { CONTROLLER_LABELS, INGRESS_NGINX_NAMESPACE } from '../network/ingress.js'
import { servedByIngressNginx } from '../network/ingress-routing.js'
import { PUBLISH_SERVICE } from './ingress-nginx-manifests.js'

export const INGRESS_NGINX_COMPONENT = 'ingress-nginx-controller'
/** The controller's client name and event source (EventSource{Component: "nginx-ingress-controller"}). */
export const NGINX_INGRESS_CONTROLLER = 'nginx-ingress-controller'
export const STATUS_UPDATE_INTERVAL: Millis = 60_000
/** The status queue runs once a second: the first sync comes within a second of the start. */
const FIRST_SYNC: Millis = 1000
const SYNC = 'status-sync'

type IngressObject = StoredObject & Ingress
type PodObject = StoredObject & Pod

interface IngressNginxState {
  leader: string | null
  /** When the leader started: the status syncs keep to its 60 s grid. */
  origin: Millis
  nextSync: Millis | null
}

const isReady = (p: Pod): boolean =>
  p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')

const sameAddresses = (a: readonly IngressLoadBalancerIngress[], b: readonly IngressLoadBalancerIngress[]): boolean =>
  JSON.stringify(a.map((x) => [x.ip ?? '', x.hostname ?? ''])) === JSON.stringify(b.map((x) => [x.ip ?? '', x.hostname ?? '']))

export class IngressNginx implements Component {
  readonly name = INGRESS_NGINX_COMPONENT
  readonly eventSources = [NGINX_INGRESS_CONTROLLER]
  #pods!: Informer<PodObject>
  #ingresses!: Informer<IngressObject>
  #classes!: Informer<StoredObject & IngressClass>
  #services!: Informer<StoredObject & Service>
  #state: IngressNginxState = { leader: null, origin: 0, nextSync: null }

  constructor(private readonly host: ComponentHost) {}

  start(restoring: boolean): void {
    const api = this.host.api
    const selector = Object.entries(CONTROLLER_LABELS).map(([k, v]) => `${k}=${v}`).join(',')
    this.#classes = new Informer(api, NGINX_INGRESS_CONTROLLER, 'ingressclasses')
    this.#services = new Informer(api, NGINX_INGRESS_CONTROLLER, 'services', { fieldSelector: `metadata.namespace=${INGRESS_NGINX_NAMESPACE}` })
    this.#ingresses = new Informer<IngressObject>(api, NGINX_INGRESS_CONTROLLER, 'ingresses').on({
      add: (ing) => this.#onIngress(ing, undefined),
      update: (ing, old) => this.#onIngress(ing, old),
    })
    this.#pods = new Informer<PodObject>(api, NGINX_INGRESS_CONTROLLER, 'pods', { labelSelector: selector, fieldSelector: `metadata.namespace=${INGRESS_NGINX_NAMESPACE}` }).on({
      add: () => this.#onPods(),
      update: () => this.#onPods(),
      delete: () => this.#onPods(),
    })
    if (!restoring) this.#state = { leader: null, origin: 0, nextSync: null }
    this.#classes.start(restoring)
    this.#services.start(restoring)
    this.#ingresses.start(restoring)
    this.#pods.start(restoring)
    if (!restoring) this.#onPods()
  }

  stop(): void {
    for (const i of [this.#pods, this.#ingresses, this.#classes, this.#services]) i.stop()
    this.#state = { leader: null, origin: 0, nextSync: null }
  }

  handle(task: Task): void {
    if (task.type !== SYNC || task.data !== this.#state.nextSync) return // a sync of an earlier leader
    this.#state.nextSync = null
    if (!this.#state.leader) return
    this.#syncStatus(this.#addresses())
    this.#armSync()
  }

  snapshot(): IngressNginxState {
    return { ...this.#state }
  }

  restore(state: unknown): void {
    const s = state as IngressNginxState | undefined
    if (s) this.#state = { ...s }
  }

  #served(): IngressObject[] {
    const classes = [...this.#classes.list()]
    return [...this.#ingresses.list()].filter((i) => servedByIngressNginx(i, classes))
  }

  /** The leader: the first Ready controller pod by name (leader election, without its lease). */
  #onPods(): void {
    const ready = [...this.#pods.list()].filter(isReady).map((p) => p.metadata.name).sort()
    const was = this.#state.leader
    const leader = ready[0] ?? null
    if (leader === was || (was && ready.includes(was))) return
    this.#state.leader = leader
    if (!leader) {
      // The last controller shuts down: it takes its address off the Ingresses.
      const terminating = [...this.#pods.list()].some((p) => p.metadata.name === was && p.metadata.deletionTimestamp)
      if (terminating) this.#syncStatus([])
      this.#state.nextSync = null
      return
    }
    if (was) return // another replica takes over: same configuration, same status
    // A new controller process: its informers see every Ingress of its class as added.
    this.#state.origin = this.host.now()
    for (const ing of this.#served()) this.#event(ing)
    this.#armSync(FIRST_SYNC)
  }

  #onIngress(ing: IngressObject, old: IngressObject | undefined): void {
    if (!this.#state.leader) return
    const classes = [...this.#classes.list()]
    const served = servedByIngressNginx(ing, classes)
    // Sync on add, on a change while served, and when an Ingress becomes ours (store.go).
    if (served && (!old || JSON.stringify(old) !== JSON.stringify(ing))) this.#event(ing)
    if (served) this.#armSync()
  }

  /** The next status sync on the 60 s grid (or `after` from now), unless one is armed already. */
  #armSync(after?: Millis): void {
    if (this.#state.nextSync !== null || !this.#state.leader) return
    if (after === undefined && this.#served().length === 0) return // nothing to write: the grid waits
    const now = this.host.now()
    const { origin } = this.#state
    const at = after !== undefined ? now + after : origin + Math.ceil((now - origin + 1) / STATUS_UPDATE_INTERVAL) * STATUS_UPDATE_INTERVAL
    this.#state.nextSync = at
    this.host.clock.after(at - now, { owner: INGRESS_NGINX_COMPONENT, type: SYNC, data: at })
  }

  /** statusAddressFromService: the publish Service's load-balancer addresses, then its external IPs. */
  #addresses(): IngressLoadBalancerIngress[] {
    const svc = this.#services.get(`${INGRESS_NGINX_NAMESPACE}/${PUBLISH_SERVICE}`)
    if (!svc) return []
    const out: IngressLoadBalancerIngress[] = []
    switch (svc.spec?.type) {
      case 'ExternalName':
        return [{ hostname: svc.spec.externalName }]
      case 'ClusterIP':
        return svc.spec.clusterIP ? [{ ip: svc.spec.clusterIP }] : []
      case 'NodePort':
        if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') out.push({ ip: svc.spec.clusterIP })
        break
      case 'LoadBalancer':
        for (const i of svc.status?.loadBalancer?.ingress ?? []) out.push(i.ip ? { ip: i.ip } : { hostname: i.hostname })
        break
    }
    for (const ip of svc.spec?.externalIPs ?? []) out.push({ ip })
    // sortLoadBalancerIngress: by IP, then hostname.
    return out.sort((a, b) => (a.ip ?? '').localeCompare(b.ip ?? '') || (a.hostname ?? '').localeCompare(b.hostname ?? ''))
  }

  #syncStatus(addresses: IngressLoadBalancerIngress[]): void {
    for (const ing of this.#served()) {
      if (sameAddresses(ing.status?.loadBalancer?.ingress ?? [], addresses)) continue
      const status = { loadBalancer: addresses.length ? { ingress: addresses } : {} }
      this.host.api.update(NGINX_INGRESS_CONTROLLER, { ...ing, status }, { subresource: 'status' })
    }
  }

  #event(ing: IngressObject): void {
    recordEvent(this.host.api, this.host.now(), { involvedObject: ing, type: 'Normal', reason: 'Sync', message: 'Scheduled for sync', source: { component: NGINX_INGRESS_CONTROLLER } })
  }

  /** For tests and the UI: the controller pod that leads now, if any. */
  get leader(): string | null {
    return this.#state.leader
  }
}

