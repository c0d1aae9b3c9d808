// The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go), as
// `taint-eviction-controller`: a pod on a node with NoExecute taints is deleted once its smallest
// matching tolerationSeconds has passed (at once if a taint is not tolerated at all; never if the
// matching tolerations have no tolerationSeconds). Before deleting it emits TaintManagerEviction
// and adds DisruptionTarget=True (DeletionByTaintManager); a pending deletion is cancelled, with an
// event, when the taints go. One timer per pending deletion, at the time it falls due.
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js'
import { rfc3339, type Millis, type Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf, splitKey } from '../controller/informer.js'
import { recordEvent } from '../events.js'
import type { StoredObject } from '../object.js'
import { tolerates } from '../scheduler/node-affinity.js'
import { byNodeName, type PodObject } from './controller-ref.js'

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller'

type NodeObject = StoredObject & Node

/** A scheduled deletion (TimedWorker), or null once it has run (kept so that it is not added again). */
interface Work {
  createdAt: Millis
  fireAt: Millis
  timer: number
}

interface TaintEvictionState {
  work: [string, Work | null][]
}

const noExecute = (taints: readonly Taint[] | undefined): Taint[] => (taints ?? []).filter((t) => t.effect === 'NoExecute')
const sameTaints = (a: readonly Taint[], b: readonly Taint[]): boolean => JSON.stringify(a) === JSON.stringify(b)

/** GetMatchingTolerations: whether every taint is tolerated, and the tolerations that do it. */
function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = []
  for (const taint of taints) {
    const match = tolerations.find((t) => tolerates([t], taint))
    if (!match) return { all: false, used: [] }
    used.push(match)
  }
  return { all: true, used }
}

/** getMinTolerationTime: 0 without tolerations, -1 (forever) when none has tolerationSeconds. */
export function minTolerationTime(used: readonly Toleration[]): Millis {
  if (used.length === 0) return 0
  let min = Infinity
  for (const t of used)
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
      if (t.tolerationSeconds <= 0) return 0
      min = Math.min(min, t.tolerationSeconds)
    }
  return min === Infinity ? -1 : min * 1000
}

/** Whether a pod's tolerations differ as text; the same list (a status write shares the spec) is the same text. */
function tolerationsChanged(p: PodObject, old: PodObject): boolean {
  const a = p.spec?.tolerations
  const b = old.spec?.tolerations
  return a !== b && JSON.stringify(a) !== JSON.stringify(b)
}

export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction'
  readonly #nodes: Informer<NodeObject>
  readonly #pods: Informer<PodObject>
  readonly #work = new Map<string, Work | null>()

  constructor(private readonly host: ControllerHost) {
    this.#nodes = host.informers.informer<NodeObject>('nodes')
    this.#pods = host.informers.informer<PodObject>('pods').addIndex('node', byNodeName)
    this.#nodes.on({
      add: (n) => this.#handleNode(n),
      update: (n, old) => !sameTaints(noExecute(n.spec?.taints), noExecute(old.spec?.taints)) && this.#handleNode(n),
    })
    this.#pods.on({
      add: (p) => this.#handlePod(p),
      update: (p, old) => (p.spec?.nodeName !== old.spec?.nodeName || tolerationsChanged(p, old)) && this.#handlePod(p),
      delete: (p) => this.#cancel(keyOf(p)),
    })
  }

  start(restoring: boolean): void {
    if (!restoring) this.#work.clear()
  }

  stop(): void {
    // Pending deletions die with the process; their timers fall due unheard.
    this.#work.clear()
  }

  handle(task: Task): void {
    if (task.type !== `${this.name}/evict`) return
    const { key, at } = task.data as { key: string; at: Millis }
    const w = this.#work.get(key)
    if (!w || w.fireAt !== at) return
    this.#work.set(key, null)
    this.#deletePod(key)
  }

  snapshot(): TaintEvictionState {
    return { work: [...this.#work].map(([k, w]) => [k, w && { ...w }]) }
  }

  restore(state: unknown): void {
    const s = state as TaintEvictionState | undefined
    this.#work.clear()
    for (const [k, w] of s?.work ?? []) this.#work.set(k, w && { ...w })
  }

  /** handleNodeUpdate */
  #handleNode(n: NodeObject): void {
    const taints = noExecute(n.spec?.taints)
    // Any order: sorted by key at once, and keys are unique (one value per pod in this index).
    const pods = this.#pods.byIndexAnyOrder('node', n.metadata.name).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))
    for (const p of pods) {
      if (taints.length === 0) this.#cancel(keyOf(p))
      else this.#processPodOnNode(p, taints)
    }
  }

  /** handlePodUpdate */
  #handlePod(p: PodObject): void {
    const node = p.spec?.nodeName && this.#nodes.get(p.spec.nodeName)
    if (!node) return
    const taints = noExecute(node.spec?.taints)
    if (taints.length > 0) this.#processPodOnNode(p, taints)
  }

  #processPodOnNode(p: Pod & StoredObject, taints: Taint[]): void {
    const key = keyOf(p)
    const now = this.host.now()
    const { all, used } = matchingTolerations(taints, p.spec?.tolerations ?? [])
    if (!all) {
      this.#cancel(key)
      this.#add(key, now, now)
      return
    }
    const min = minTolerationTime(used)
    if (min < 0) return this.#cancel(key)
    let start = now
    const scheduled = this.#work.get(key)
    if (scheduled) {
      start = scheduled.createdAt
      if (start + min < now + min) return
      this.#cancel(key)
    }
    this.#add(key, start, start + min)
  }

  /** TimedWorkerQueue.AddWork: skipped while work for the pod exists (or has run). */
  #add(key: string, createdAt: Millis, fireAt: Millis): void {
    if (this.#work.has(key)) return
    const timer = this.host.clock.after(Math.max(0, fireAt - this.host.now()), { owner: KUBE_CONTROLLER_MANAGER, type: `${this.name}/evict`, data: { key, at: fireAt } })
    this.#work.set(key, { createdAt, fireAt, timer })
  }

  /** cancelWorkWithEvent: the event only when a deletion was still pending. */
  #cancel(key: string): void {
    if (!this.#work.has(key)) return
    const w = this.#work.get(key)
    this.#work.delete(key)
    if (!w) return
    this.host.clock.cancel(w.timer)
    this.#event(key, `Cancelling deletion of Pod ${key}`)
  }

  /** deletePodHandler: the event, DisruptionTarget, then a delete with the pod's own grace period. */
  #deletePod(key: string): void {
    const { namespace, name } = splitKey(key)
    this.#event(key, `Marking for deletion Pod ${key}`)
    const api = this.host.api
    const got = api.get(TAINT_EVICTION_CONTROLLER, 'pods', namespace, name)
    if (!got.ok) return
    const pod = got.value as PodObject
    const conditions = [...(pod.status?.conditions ?? [])]
    const i = conditions.findIndex((c) => c.type === 'DisruptionTarget')
    const target = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(this.host.now()), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }
    const old = i >= 0 ? conditions[i] : undefined
    if (!old || old.status !== target.status || old.reason !== target.reason || old.message !== target.message) {
      if (old?.status === 'True') target.lastTransitionTime = old.lastTransitionTime ?? target.lastTransitionTime
      if (i >= 0) conditions[i] = target
      else conditions.push(target)
      api.patch(TAINT_EVICTION_CONTROLLER, 'pods', namespace, name, { metadata: { uid: pod.metadata.uid }, status: { conditions } }, 'strategic', { subresource: 'status' })
    }
    api.delete(TAINT_EVICTION_CONTROLLER, 'pods', namespace, name)
  }

  #event(key: string, message: string): void {
    const { namespace, name } = splitKey(key)
    // The eviction events name the pod without a uid (an ObjectReference built from the key).
    const ref = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } } as unknown as StoredObject
    recordEvent(this.host.api, this.host.now(), { involvedObject: ref, type: 'Normal', reason: 'TaintManagerEviction', message, source: { component: TAINT_EVICTION_CONTROLLER } })
  }
}

export const taintEvictionController = (host: ControllerHost): Controller => new TaintEvictionController(host)
