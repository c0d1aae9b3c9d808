// The one narrow door through which checks read a cluster (DESIGN.md): objects and events, and —
// only on the simulator — the component trace, virtual time and every version a pod went through.
// Keeping checks behind it means the same checks could later grade a real cluster via its API.
import type { SimulatedCluster } from '../cluster/cluster.js'
import type { StoredObject } from '../cluster/object.js'
import { selectTrace, type AttributedEntry } from '../course/trace-query.js'
import { resolveType } from '../kubectl/resolve.js'
import { sendRequest, type RequestOrigin, type RequestResult } from '../cluster/network/request.js'

/** One version of a pod as it was stored, and when (cluster time, ms). */
export interface PodVersion {
  readonly time: number
  readonly pod: StoredObject
  /** The version that removed it from storage. */
  readonly deleted?: boolean
}

export interface ClusterView {
  /** Cluster time now (ms). */
  now(): number
  /** One object by kind or resource name (`Pod`, `pods`, `deploy`), or undefined. */
  get(type: string, namespace: string | undefined, name: string): StoredObject | undefined
  list(type: string, options?: { namespace?: string; labelSelector?: string }): StoredObject[]
  /** Events, oldest first; of one namespace when given. */
  events(namespace?: string): StoredObject[]
  /** Is `type` a resource the cluster serves? */
  knows(type: string): boolean
  /** Whether a resource is namespaced. */
  namespaced(type: string): boolean
  /**
   * Only on the simulator: the apiserver calls (reads included), all of them or those about one
   * object and what it owns (`deploy/web`); a string says why the object cannot be followed.
   */
  trace?(about?: { ref: string; namespace: string }): readonly AttributedEntry[] | string
  /** Only on the simulator: one request walked through the simulated network; a string is bad input (no such pod or node). */
  request?(from: RequestOrigin, url: string): RequestResult | string
  /** Only on the simulator: every version of each pod since grading began, by `namespace/name`, in creation order. */
  podHistory?(): ReadonlyMap<string, readonly PodVersion[]>
}

/** Watches pods in storage from the moment it is made, so `flow` can replay every version. */
export class PodRecorder {
  readonly #history = new Map<string, PodVersion[]>()
  readonly #cancel: (() => void) | undefined

  constructor(private readonly sim: SimulatedCluster) {
    this.#cancel = sim.etcd.watch('/registry/pods/', sim.etcd.revision, (event) => {
      const key = event.key.slice('/registry/pods/'.length)
      const list = this.#history.get(key) ?? []
      if (!this.#history.has(key)) this.#history.set(key, list)
      list.push({ time: sim.now(), pod: event.value as unknown as StoredObject, ...(event.type === 'DELETED' ? { deleted: true } : {}) })
    })
  }

  history(): ReadonlyMap<string, readonly PodVersion[]> {
    return this.#history
  }

  stop(): void {
    this.#cancel?.()
  }
}

/** The simulator seen through the view; reads leave no trace entry, so grading never changes the story. */
export function simulatorView(sim: SimulatedCluster, recorder?: PodRecorder): ClusterView {
  const typeOf = (type: string) => {
    const t = resolveType(type)
    if (!t) throw new RangeError(`unknown resource type ${type}`)
    return t
  }
  const list = (type: string, options: { namespace?: string; labelSelector?: string } = {}): StoredObject[] => {
    const t = typeOf(type)
    const r = sim.api.list('kubelings-grader', t.resource, { ...options, namespace: t.namespaced ? options.namespace : undefined, silent: true })
    return r.ok ? r.value.items : []
  }
  return {
    now: () => sim.now(),
    get: (type, namespace, name) => {
      const t = typeOf(type)
      return sim.object(t.resource, t.namespaced ? (namespace ?? 'default') : undefined, name)
    },
    list,
    events: (namespace) =>
      list('events', { namespace }).sort((a, b) => Number(a.metadata?.resourceVersion ?? 0) - Number(b.metadata?.resourceVersion ?? 0)),
    knows: (type) => resolveType(type) !== undefined,
    namespaced: (type) => typeOf(type).namespaced,
    trace: (about) => {
      const r = selectTrace(sim, { for: about?.ref, namespace: about?.namespace, reads: true })
      if (r.ok) return r.value.entries
      const e = r.error
      return e.reason === 'NotFound' ? e.status.message : e.reason === 'UnknownType' ? e.type : e.ref
    },
    request: (from, url) => {
      const r = sendRequest(sim, { from, url })
      return r.ok ? r.value : r.error
    },
    ...(recorder ? { podHistory: () => recorder.history() } : {}),
  }
}
