// kube-proxy, one per node (`kube-proxy/<node>`): it follows Services and EndpointSlices through the
// apiserver and, on each change, rewrites its node's rules (syncProxyRules). What it last wrote
// stays on the node: stopped, it no longer follows the cluster, and its rules go stale as on a real
// node whose kube-proxy died. The node's xt_recent tables (sessionAffinity: ClientIP) live here too.
//
// Two liberties, both for clusters of a thousand nodes:
// - The kube-proxies of a cluster share one list/watch of Services and EndpointSlices (recorded in
//   the trace as `kube-proxy`), as if the apiserver's watch cache fanned it out to each: every
//   watcher costs each write of the cluster something, and these would be two per node.
// - A change only marks the rules out of date; they are rewritten when next read (or when kube-proxy
//   stops, or the cluster is saved). Read at any moment, they are what a sync at that moment writes.
import type { Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { ApiServer } from '../apiserver.js'
import type { Task } from '../clock.js'
import type { Component, ComponentHost } from '../controller/component.js'
import { Informer } from '../controller/informer.js'
import { SeriesEventRecorder, type SeriesRecorderState } from '../event-series.js'
import type { StoredObject } from '../object.js'
import type { Rule } from './iptables.js'
import type { RecentTables } from './netfilter.js'
import { proxyRules, servicePorts, type ServicePortInfo } from './proxier.js'

type ServiceObject = StoredObject & Service
type SliceObject = StoredObject & EndpointSlice

interface KubeProxySnapshot {
  ports: ServicePortInfo[]
  synced: boolean
  recent: RecentTables
  events?: SeriesRecorderState
}

/** kube-proxy's NodeRef: kind and name, and the name as its uid (as the kubelet's node events have). */
const nodeReference = (node: string): StoredObject => ({ kind: 'Node', metadata: { name: node, uid: node } }) as unknown as StoredObject

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

/** The one watch of Services and EndpointSlices the running kube-proxies of a cluster share. */
class ProxyWatch {
  static readonly #byApi = new WeakMap<ApiServer, ProxyWatch>()
  readonly services: Informer<ServiceObject>
  readonly slices: Informer<SliceObject>
  /** Counts the changes seen: a kube-proxy that synced at an older count is out of date. */
  generation = 0
  readonly #members = new Set<KubeProxy>()

  private constructor(api: ApiServer) {
    this.services = new Informer<ServiceObject>(api, 'kube-proxy', 'services')
    this.slices = new Informer<SliceObject>(api, 'kube-proxy', 'endpointslices').addIndex('service', (s) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL]
      return svc ? [`${s.metadata.namespace}/${svc}`] : []
    })
    const changed = { add: () => this.generation++, update: () => this.generation++, delete: () => this.generation++ }
    this.services.on(changed)
    this.slices.on(changed)
  }

  static of(api: ApiServer): ProxyWatch {
    let w = ProxyWatch.#byApi.get(api)
    if (!w) ProxyWatch.#byApi.set(api, (w = new ProxyWatch(api)))
    return w
  }

  join(member: KubeProxy, restoring: boolean): void {
    if (this.#members.size === 0) {
      this.services.start(restoring)
      this.slices.start(restoring)
    }
    this.#members.add(member)
  }

  leave(member: KubeProxy): void {
    this.#members.delete(member)
    if (this.#members.size > 0) return
    this.services.stop()
    this.slices.stop()
  }

  servicePorts(): ServicePortInfo[] {
    return servicePorts(this.services.list(), (ns, name) => this.slices.byIndex('service', `${ns}/${name}`))
  }
}

export class KubeProxy implements Component {
  readonly name: string
  #watch: ProxyWatch | undefined
  #ports: ServicePortInfo[] = []
  #synced = false
  /** The shared watch's generation at the last sync; undefined: sync at the next read. */
  #seen: number | undefined
  #rules: Rule[] | undefined
  readonly #events: SeriesEventRecorder
  /** xt_recent state is the kernel's: it outlives a kube-proxy restart. */
  recent: RecentTables = {}

  constructor(
    private readonly host: ComponentHost,
    readonly node: string,
    private readonly clusterCIDR: string,
  ) {
    this.name = `kube-proxy/${node}`
    // tools/events' recorder: the reporting instance is the controller and the host name (the node's:
    // kube-proxy runs in the host network).
    this.#events = new SeriesEventRecorder(host.api, 'kube-proxy', 'kube-proxy', `kube-proxy-${node}`, (delay, type) => host.clock.after(delay, { owner: this.name, type }))
  }

  /** The service ports as of the last sync. */
  get ports(): readonly ServicePortInfo[] {
    this.#syncIfBehind()
    return this.#ports
  }

  /** Whether it ever synced: a node whose kube-proxy never ran has no KUBE-* rules at all. */
  get synced(): boolean {
    this.#syncIfBehind()
    return this.#synced
  }

  /** The node's rules as this kube-proxy last wrote them (nat and filter). */
  rules(): readonly Rule[] {
    this.#syncIfBehind()
    if (!this.#synced) return []
    return (this.#rules ??= proxyRules(this.#ports, this.clusterCIDR, this.node))
  }

  /**
   * birthCry: a kube-proxy process that starts says so about its node, through the events API (an
   * eventTime and no first/last timestamps: `describe node` lists it first, without a message). The
   * cluster calls it when its pod's container starts (the boot) and when `cluster start` starts it;
   * a bare cluster, without kube-proxy pods, has none. A new process has a new recorder: nothing of
   * the last run's events to make a series with.
   */
  birthCry(): void {
    this.#events.start(this.host.now())
    this.#events.record(this.host.now(), { regarding: nodeReference(this.node), type: 'Normal', reason: 'Starting', action: 'StartKubeProxy', note: '' })
  }

  start(restoring: boolean): void {
    this.#watch = ProxyWatch.of(this.host.api)
    this.#watch.join(this, restoring)
    // A fresh start syncs everything; a restore resumes with the rules it had written.
    this.#seen = restoring && this.#synced ? this.#watch.generation : undefined
  }

  stop(): void {
    // What it last wrote stays on the node: sync what it had seen before it went.
    this.#syncIfBehind()
    this.#watch?.leave(this)
    this.#watch = undefined
  }

  /** Its event broadcaster's periodic runs; its rules follow the shared watch (see above), no timer. */
  handle(task: Task): void {
    if (task.type.startsWith('events/')) this.#events.handle(task.type, this.host.now())
  }

  snapshot(): KubeProxySnapshot {
    this.#syncIfBehind()
    return { ports: this.#ports, synced: this.#synced, recent: structuredClone(this.recent), events: this.#events.snapshot() }
  }

  restore(state: unknown): void {
    const s = state as KubeProxySnapshot | undefined
    if (!s) return
    this.#ports = s.ports
    this.#synced = s.synced
    this.recent = structuredClone(s.recent ?? {})
    this.#events.restore(s.events)
    this.#rules = undefined
  }

  #syncIfBehind(): void {
    const w = this.#watch
    if (!w || this.#seen === w.generation) return
    this.#seen = w.generation
    this.#ports = w.servicePorts()
    this.#synced = true
    this.#rules = undefined
  }
}
