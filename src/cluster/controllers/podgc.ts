// The pod garbage collector (pkg/controller/podgc/gc_controller.go), as `pod-garbage-collector`:
// every 20 s it force-deletes pods bound to a node that no longer exists (after the node has been
// missing for a 40 s quarantine and a GET confirms it is gone; DisruptionTarget reason
// DeletionByPodGC and phase Failed first), terminating pods on a not-ready node tainted
// node.kubernetes.io/out-of-service, and terminating pods that were never scheduled. The
// terminated-pod threshold (12500) is left out. Passes keep upstream's 20 s grid but run only
// while there is a candidate, so a quiet cluster schedules nothing.
import type { Node, PodCondition } from 'kubernetes-types/core/v1.js'
import { rfc3339, type Millis, type Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf } from '../controller/informer.js'
import type { StoredObject } from '../object.js'
import type { PodObject } from './controller-ref.js'

export const POD_GC = 'pod-garbage-collector'
export const GC_CHECK_PERIOD: Millis = 20_000
export const QUARANTINE_TIME: Millis = 40_000

type NodeObject = StoredObject & Node

interface PodGCState {
  origin: Millis
  passAt: Millis | null
  quarantine: [string, Millis][]
}

const isReady = (n: Node): boolean => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false

export class PodGCController implements Controller {
  readonly name = 'podgc'
  readonly #nodes: Informer<NodeObject>
  readonly #pods: Informer<PodObject>
  #origin = 0
  #passAt: Millis | null = null
  /** nodeQueue (a delaying queue): node name → when it may be checked. */
  readonly #quarantine = new Map<string, Millis>()

  constructor(private readonly host: ControllerHost) {
    this.#nodes = host.informers.informer<NodeObject>('nodes')
    this.#pods = host.informers.informer<PodObject>('pods')
    this.#pods.on({ add: (p) => this.#consider(p), update: (p) => this.#consider(p) })
    this.#nodes.on({ delete: () => this.#arm(), update: (n) => (n.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/out-of-service') && this.#arm() })
  }

  start(restoring: boolean): void {
    if (restoring) return
    this.#origin = this.host.now()
    this.#passAt = null
    this.#quarantine.clear()
  }

  synced(restoring: boolean): void {
    if (!restoring) this.#arm()
  }

  stop(): void {
    this.#passAt = null
  }

  handle(task: Task): void {
    if (task.type !== `${this.name}/gc` || task.data !== this.#passAt) return
    this.#passAt = null
    if (this.#gc()) this.#arm(true)
  }

  snapshot(): PodGCState {
    return { origin: this.#origin, passAt: this.#passAt, quarantine: [...this.#quarantine] }
  }

  restore(state: unknown): void {
    const s = state as PodGCState | undefined
    if (!s) return
    this.#origin = s.origin
    this.#passAt = s.passAt
    this.#quarantine.clear()
    for (const [k, v] of s.quarantine) this.#quarantine.set(k, v)
  }

  #consider(p: PodObject): void {
    const node = p.spec?.nodeName
    if ((node && !this.#nodes.get(node)) || (!node && p.metadata.deletionTimestamp)) this.#arm()
    else if (node && p.metadata.deletionTimestamp && (this.#nodes.get(node)?.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/out-of-service')) this.#arm()
  }

  /**
   * The next pass on the 20 s grid (wait.Until from the controller's start). `afterPass`: asked by the
   * pass that just ran, which was the one due now (even the first, at the controller's start).
   */
  #arm(afterPass = false): void {
    if (this.#passAt !== null) return
    const now = this.host.now()
    const k = Math.max(0, Math.ceil((now - this.#origin) / GC_CHECK_PERIOD))
    let at = this.#origin + k * GC_CHECK_PERIOD
    if (at === now && (k > 0 || afterPass)) at += GC_CHECK_PERIOD
    this.#passAt = at
    this.host.clock.after(at - now, { owner: KUBE_CONTROLLER_MANAGER, type: `${this.name}/gc`, data: at })
  }

  /** One gc pass; whether anything is left for a later one. */
  #gc(): boolean {
    const now = this.host.now()
    const pods = [...this.#pods.list()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))
    // gcTerminating: terminating pods on a not-ready node tainted out-of-service.
    for (const p of pods) {
      if (!p.metadata.deletionTimestamp || !p.spec?.nodeName) continue
      const n = this.#nodes.get(p.spec.nodeName)
      if (n && !isReady(n) && (n.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/out-of-service')) this.#markFailedAndDelete(p)
    }
    // gcOrphaned: quarantine newly missing nodes, then delete the pods of those confirmed gone.
    for (const p of pods) {
      const node = p.spec?.nodeName
      if (node && !this.#nodes.get(node) && !this.#quarantine.has(node)) this.#quarantine.set(node, now + QUARANTINE_TIME)
    }
    const deleted = new Set<string>()
    for (const [node, readyAt] of [...this.#quarantine]) {
      if (readyAt > now) continue
      this.#quarantine.delete(node)
      if (this.#nodes.get(node)) continue
      const got = this.host.api.get(POD_GC, 'nodes', undefined, node)
      if (!got.ok && got.error.reason === 'NotFound') deleted.add(node)
    }
    for (const p of pods)
      if (p.spec?.nodeName && deleted.has(p.spec.nodeName))
        this.#markFailedAndDelete(p, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' })
    // gcUnscheduledTerminating
    for (const p of pods) if (p.metadata.deletionTimestamp && !p.spec?.nodeName) this.#markFailedAndDelete(p)
    let pending = this.#quarantine.size > 0
    for (const p of this.#pods.list()) {
      const node = p.spec?.nodeName
      if (node && !this.#nodes.get(node)) pending = true
    }
    return pending
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (and the condition), then delete with grace 0. */
  #markFailedAndDelete(p: PodObject, condition?: PodCondition): void {
    const api = this.host.api
    const ns = p.metadata.namespace
    if (p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') {
      let conditions = p.status?.conditions
      if (condition) {
        const at = rfc3339(this.host.now())
        const old = conditions?.find((c) => c.type === condition.type)
        const next = { ...condition, lastProbeTime: null as unknown as string, lastTransitionTime: old?.status === condition.status ? old.lastTransitionTime : at }
        conditions = old ? conditions!.map((c) => (c === old ? next : c)) : [...(conditions ?? []), next]
      }
      const r = api.patch(POD_GC, 'pods', ns, p.metadata.name, { metadata: { uid: p.metadata.uid }, status: { phase: 'Failed', ...(condition ? { conditions } : {}) } }, 'strategic', { subresource: 'status' })
      if (!r.ok) return
    }
    api.delete(POD_GC, 'pods', ns, p.metadata.name, { gracePeriodSeconds: 0 })
  }
}

export const podGCController = (host: ControllerHost): Controller => new PodGCController(host)
