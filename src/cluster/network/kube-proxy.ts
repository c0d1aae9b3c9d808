// kube-proxy, one per node (`kube-proxy/<node>`): it watches Services and EndpointSlices through the
// apiserver and, on each change, rewrites its node's rules (syncProxyRules). What it last wrote
// stays on the node: stopped, it no longer follows the cluster, and its rules go stale as on a real
// node whose kube-proxy died. The node's xt_recent tables (sessionAffinity: ClientIP) live here too.
import type { Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Task } from '../clock.js'
import type { Component, ComponentHost } from '../controller/component.js'
import { Informer } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import type { StoredObject } from '../object.js'
import type { Rule } from './iptables.js'
import type { RecentTables } from './netfilter.js'
import { proxyRules, servicePorts, type ServicePortInfo } from './proxier.js'

type ServiceObject = StoredObject & Service
type SliceObject = StoredObject & EndpointSlice

interface KubeProxySnapshot {
  queue: WorkQueueSnapshot
  ports: ServicePortInfo[]
  synced: boolean
  recent: RecentTables
}

const SYNC = 'sync'
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

export class KubeProxy implements Component {
  readonly name: string
  #services!: Informer<ServiceObject>
  #slices!: Informer<SliceObject>
  readonly #queue: WorkQueue
  #ports: ServicePortInfo[] = []
  #synced = false
  #rules: Rule[] | undefined
  /** xt_recent state is the kernel's: it outlives a kube-proxy restart. */
  recent: RecentTables = {}

  constructor(
    private readonly host: ComponentHost,
    readonly node: string,
    private readonly clusterCIDR: string,
  ) {
    this.name = `kube-proxy/${node}`
    this.#queue = new WorkQueue(host.clock, this.name)
  }

  /** The service ports as of the last sync. */
  get ports(): readonly ServicePortInfo[] {
    return this.#ports
  }

  /** Whether it ever synced: a node whose kube-proxy never ran has no KUBE-* rules at all. */
  get synced(): boolean {
    return this.#synced
  }

  /** The node's rules as this kube-proxy last wrote them (nat and filter). */
  rules(): readonly Rule[] {
    if (!this.#synced) return []
    return (this.#rules ??= proxyRules(this.#ports, this.clusterCIDR))
  }

  start(restoring: boolean): void {
    this.#services = new Informer<ServiceObject>(this.host.api, this.name, 'services')
    this.#slices = new Informer<SliceObject>(this.host.api, this.name, 'endpointslices').addIndex('service', (s) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL]
      return svc ? [`${s.metadata.namespace}/${svc}`] : []
    })
    const changed = { add: () => this.#queue.add(SYNC), update: () => this.#queue.add(SYNC), delete: () => this.#queue.add(SYNC) }
    this.#services.on(changed)
    this.#slices.on(changed)
    this.#services.start(restoring)
    this.#slices.start(restoring)
    if (!restoring) this.#queue.add(SYNC)
  }

  stop(): void {
    this.#services.stop()
    this.#slices.stop()
  }

  handle(task: Task): void {
    this.#queue.handle(task, () => this.#sync())
  }

  snapshot(): KubeProxySnapshot {
    return { queue: this.#queue.snapshot(), ports: this.#ports, synced: this.#synced, recent: structuredClone(this.recent) }
  }

  restore(state: unknown): void {
    const s = state as KubeProxySnapshot | undefined
    if (!s) return
    this.#queue.restore(s.queue)
    this.#ports = s.ports
    this.#synced = s.synced
    this.recent = structuredClone(s.recent ?? {})
    this.#rules = undefined
  }

  #sync(): void {
    this.#ports = servicePorts(this.#services.list(), (ns, name) => this.#slices.byIndex('service', `${ns}/${name}`))
    this.#synced = true
    this.#rules = undefined
  }
}
