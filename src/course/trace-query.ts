// Which calls of the apiserver trace `kubelings cluster trace` shows: all of them, or those about
// one object and what it owns (`--for deploy/web`), within a window of cluster time (`--since`),
// the last N (`--last`); reads (get, list, watch) only when asked, since writes tell the story.
import type { SimulatedCluster } from '../cluster/cluster.js'
import type { Millis } from '../cluster/clock.js'
import type { StoredObject } from '../cluster/object.js'
import { NAME_SUFFIX_ALPHABET } from '../cluster/prng.js'
import { qualifiedName, RESOURCE_TYPES, type ResourceType } from '../cluster/resources.js'
import { err, ok, type Result } from '../cluster/result.js'
import { notFound, type Status } from '../cluster/status.js'
import { SHARED_INFORMERS } from '../cluster/controller/shared-informers.js'
import { CONTROL_PLANE } from '../cluster/topology.js'
import type { TraceEntry, Verb } from '../cluster/trace.js'
import { resolveType } from '../kubectl/resolve.js'

/** A trace entry with the component that made the call and the node that component runs on. */
export interface AttributedEntry extends TraceEntry {
  /** `kubectl`, `kube-apiserver`, `kube-controller-manager`, `kube-scheduler`, `kubelet`, ... */
  readonly component: string
  /** Where it runs: `control-plane`, `node-1`; null for clients outside the cluster (kubectl). */
  readonly node: string | null
}

export interface TraceQuery {
  /** `TYPE/NAME` as kubectl takes it: `deploy/web`, `pod/web-7d4b9c8f6-x2x4z`, `svc/web`. */
  for?: string
  /** The namespace of the `for` object (default `default`). */
  namespace?: string
  /** Only calls in the last `since` ms of cluster time. */
  since?: Millis
  /** Only the last N calls (after the other filters). */
  last?: number
  /** Show reads (get, list, watch) too. */
  reads?: boolean
  /**
   * Leave out the updates of Leases: the node heartbeats, leader elections and kube-apiserver's
   * identity lease, a few every second, which say that all is well rather than what happened.
   */
  hideLeaseUpdates?: boolean
}

export interface TraceTarget {
  /** As the trace names resources: `deployments.apps`, `pods`. */
  readonly resource: string
  readonly kind: string
  readonly namespace?: string
  readonly name: string
  /** False when the object is gone and only its calls remain. */
  readonly exists: boolean
  /** How many objects it owns (or owned), followed down: ReplicaSets and Pods of a Deployment. */
  readonly owns: number
}

export interface TraceSelection {
  /** The cluster's time now. */
  readonly now: Millis
  readonly target?: TraceTarget
  readonly entries: readonly AttributedEntry[]
  /** Indexes into `entries` of successful writes after which etcd's revision had not moved (no-ops, dry runs). */
  readonly unchanged: readonly number[]
  /** Reads that matched but are not shown (without `reads`). */
  readonly hiddenReads: number
  /** Lease updates that matched but are not shown (with `hideLeaseUpdates`). */
  readonly hiddenLeaseUpdates: number
  /** Calls that fell off the front of the trace, never to be shown. */
  readonly dropped: number
}

export type TraceQueryError =
  | { readonly reason: 'BadReference'; readonly ref: string }
  | { readonly reason: 'UnknownType'; readonly type: string }
  | { readonly reason: 'NotFound'; readonly status: Status }

const READS: ReadonlySet<Verb> = new Set<Verb>(['get', 'list', 'watch'])
export const isRead = (e: TraceEntry): boolean => READS.has(e.verb)
/** A Lease's update: a renewal (heartbeat, leader election, identity) or a change of holder. */
export const isLeaseUpdate = (e: TraceEntry): boolean => e.verb === 'update' && e.resource === 'leases.coordination.k8s.io'

/** Who made a call, from the name it gave the apiserver. */
export function attribute(who: string): { component: string; node: string | null; detail?: string } {
  if (who === 'kube-scheduler' || who === 'default-scheduler') return { component: 'kube-scheduler', node: CONTROL_PLANE }
  if (who === 'kube-apiserver' || who === 'kube-controller-manager') return { component: who, node: CONTROL_PLANE }
  // cloud-controller-manager's service controller, and the ingress-nginx controller (a pod of the add-on).
  if (who === 'cloud-controller-manager' || who === 'service-controller') return { component: 'cloud-controller-manager', node: CONTROL_PLANE, ...(who === 'service-controller' ? { detail: who } : {}) }
  if (who === 'nginx-ingress-controller') return { component: 'ingress-nginx-controller', node: null }
  // The controllers of kube-controller-manager call with their own names, as their clients do
  // upstream; their shared informers list and watch as `shared-informers`.
  if (who.endsWith('-controller') || who === 'garbage-collector' || who === 'pod-garbage-collector' || who === 'root-ca-cert-publisher' || who === SHARED_INFORMERS)
    return { component: 'kube-controller-manager', node: CONTROL_PLANE, detail: who }
  const slash = who.indexOf('/')
  if (slash > 0 && (who.startsWith('kubelet/') || who.startsWith('kube-proxy/'))) {
    const node = who.slice(slash + 1)
    return { component: who.slice(0, slash), node, detail: node }
  }
  return { component: who, node: null }
}

/** The trace entry with its component and node. */
export function attributed(e: TraceEntry): AttributedEntry {
  const { component, node } = attribute(e.who)
  return { ...e, component, node }
}

/** Select the calls a query asks for. */
export function selectTrace(c: SimulatedCluster, q: TraceQuery): Result<TraceSelection, TraceQueryError> {
  const all = c.trace.entries()
  let picked = all.map((e, i) => ({ e, i }))
  let target: TraceTarget | undefined
  if (q.for !== undefined) {
    const followed = follow(c, q.for, q.namespace ?? 'default', all)
    if (!followed.ok) return followed
    target = followed.value.target
    const matches = followed.value.matches
    picked = picked.filter(({ e }) => matches(e))
  }
  if (q.since !== undefined) {
    const from = c.now() - q.since
    picked = picked.filter(({ e }) => e.time >= from)
  }
  const before = picked.length
  if (!q.reads) picked = picked.filter(({ e }) => !isRead(e))
  const hiddenReads = before - picked.length
  const writes = picked.length
  if (q.hideLeaseUpdates) picked = picked.filter(({ e }) => !isLeaseUpdate(e))
  const hiddenLeaseUpdates = writes - picked.length
  if (q.last !== undefined) picked = picked.slice(Math.max(0, picked.length - q.last))
  const unchanged: number[] = []
  picked.forEach(({ e, i }, k) => {
    // Every write to etcd moves its one revision; a successful write that left it where the call
    // before it saw it stored nothing (an update with no change, a dry run, a repeated delete).
    if (!isRead(e) && e.code < 300 && i > 0 && all[i - 1].revision === e.revision) unchanged.push(k)
  })
  return ok({ now: c.now(), target, entries: picked.map(({ e }) => attributed(e)), unchanged, hiddenReads, hiddenLeaseUpdates, dropped: c.trace.dropped })
}

/** What `--json` prints: the selected entries with their component and node, and what was asked. */
export function traceReport(sel: TraceSelection): {
  clusterTime: string
  target: TraceTarget | null
  hiddenReads: number
  hiddenLeaseUpdates: number
  dropped: number
  entries: readonly AttributedEntry[]
} {
  return {
    clusterTime: new Date(sel.now).toISOString(),
    target: sel.target ?? null,
    hiddenReads: sel.hiddenReads,
    hiddenLeaseUpdates: sel.hiddenLeaseUpdates,
    dropped: sel.dropped,
    entries: sel.entries,
  }
}

// ------------------------------------------------------------------- --for TYPE/NAME

/** An object as the trace names it. */
interface Ident {
  resource: string
  namespace?: string
  name: string
}
const identKey = (i: Ident): string => `${i.resource}|${i.namespace ?? ''}|${i.name}`

/** Reads that leave no trace entry: looking at the cluster must not change what it shows. */
function objectsOf(c: SimulatedCluster, t: ResourceType, namespace?: string): readonly StoredObject[] {
  const r = c.api.list('kubelings', t.resource, { namespace: t.namespaced ? namespace : undefined, silent: true })
  return r.ok ? r.value.items : []
}

const byResource = (resource: string): ResourceType | undefined => RESOURCE_TYPES.find((t) => t.resource === resource)

/**
 * The calls about one object and everything it owns, live or already deleted.
 *
 * Live objects are followed down their ownerReferences (a Deployment owns its ReplicaSets, each
 * ReplicaSet its Pods; a Service its EndpointSlices, and its Endpoints by sharing its name).
 * Objects already deleted have no ownerReferences left to read, so their calls are matched by the
 * names their controllers give them: a Deployment `web` names its ReplicaSets `web-<hash>` (the
 * pod-template-hash, 1 to 10 characters of the alphabet below, rand.SafeEncodeString of a
 * 32-bit hash) and their Pods `web-<hash>-<suffix>` (generateName's five random characters); a
 * ReplicaSet `web-<hash>` its Pods `web-<hash>-<suffix>`; a Service `web` its EndpointSlices
 * `web-<suffix>`. A name rule only counts for an object that no longer exists: a live object
 * whose name fits but whose owner is another belongs to that owner. Events about any of these
 * objects are theirs too: the live Event's involvedObject says whom it is about; a deleted one's
 * name (`<object>.<hex timestamp>`, as client-go's recorder names them) does.
 */
function follow(
  c: SimulatedCluster,
  ref: string,
  namespace: string,
  all: readonly TraceEntry[],
): Result<{ target: TraceTarget; matches: (e: TraceEntry) => boolean }, TraceQueryError> {
  const slash = ref.indexOf('/')
  if (slash <= 0 || slash === ref.length - 1 || ref.indexOf('/', slash + 1) >= 0) return err({ reason: 'BadReference', ref })
  const type = resolveType(ref.slice(0, slash))
  if (!type) return err({ reason: 'UnknownType', type: ref.slice(0, slash) })
  const name = ref.slice(slash + 1)
  const ns = type.namespaced ? namespace : undefined
  const root = objectsOf(c, type, ns).find((o) => o.metadata.name === name)
  const targetIdent: Ident = { resource: qualifiedName(type), namespace: ns, name }
  if (!root && !all.some((e) => sameObject(e, targetIdent))) return err({ reason: 'NotFound', status: notFound(type, name) })

  // Every live object that could be owned, indexed by the uid of each of its owners.
  const scope = type.namespaced ? ns : undefined // a cluster-scoped owner may own objects anywhere
  const live = new Set<string>()
  const dependents = new Map<string, { type: ResourceType; obj: StoredObject }[]>()
  const byName = new Map<string, { type: ResourceType; obj: StoredObject }>()
  for (const t of RESOURCE_TYPES) {
    if (!t.namespaced || t.resource === 'events') continue
    for (const obj of objectsOf(c, t, scope)) {
      const ident = { resource: qualifiedName(t), namespace: obj.metadata.namespace, name: obj.metadata.name }
      live.add(identKey(ident))
      byName.set(identKey(ident), { type: t, obj })
      for (const owner of obj.metadata.ownerReferences ?? []) {
        const list = dependents.get(owner.uid) ?? []
        list.push({ type: t, obj })
        dependents.set(owner.uid, list)
      }
    }
  }

  const selected = new Map<string, { ident: Ident; kind: string }>()
  const rules: { resource: string; namespace?: string; pattern: RegExp }[] = []
  const add = (t: ResourceType, ident: Ident): void => {
    if (selected.has(identKey(ident))) return
    selected.set(identKey(ident), { ident, kind: t.kind })
    rules.push(...nameRules(t, ident))
  }
  add(type, targetIdent)
  const queue: StoredObject[] = root ? [root] : []
  while (queue.length > 0) {
    const owner = queue.shift()!
    const owned = [...(dependents.get(owner.metadata.uid) ?? [])]
    // The endpoints controller pairs a Service with the Endpoints of the same name, not by owner.
    if (owner.kind === 'Service') {
      const ep = byName.get(identKey({ resource: 'endpoints', namespace: owner.metadata.namespace, name: owner.metadata.name }))
      if (ep) owned.push(ep)
    }
    for (const { type: t, obj } of owned) {
      const ident = { resource: qualifiedName(t), namespace: obj.metadata.namespace, name: obj.metadata.name }
      if (selected.has(identKey(ident))) continue
      add(t, ident)
      queue.push(obj)
    }
  }
  // Gone objects: by the rules above, only where no live object of that name exists.
  for (const e of all) {
    if (e.name === undefined || isEvents(e.resource)) continue
    const ident = { resource: e.resource, namespace: e.namespace, name: e.name }
    const key = identKey(ident)
    if (selected.has(key) || live.has(key)) continue
    const rule = rules.find((r) => r.resource === e.resource && r.namespace === e.namespace && r.pattern.test(e.name!))
    if (rule) {
      const t = RESOURCE_TYPES.find((x) => qualifiedName(x) === e.resource)
      if (t) add(t, ident)
    }
  }

  // Events: by what the live Event is about, else by its name.
  const names = new Set([...selected.values()].map((s) => `${s.ident.namespace ?? ''}|${s.ident.name}`))
  const about = new Set([...selected.values()].map((s) => `${s.kind}|${s.ident.namespace ?? ''}|${s.ident.name}`))
  const events = byResource('events')!
  const liveEvents = new Map<string, string>()
  for (const ev of objectsOf(c, events, scope)) {
    const io = (ev as { involvedObject?: { kind?: string; namespace?: string; name?: string } }).involvedObject
    liveEvents.set(`${ev.metadata.namespace ?? ''}|${ev.metadata.name}`, `${io?.kind ?? ''}|${io?.namespace ?? ''}|${io?.name ?? ''}`)
  }
  const isAboutSelected = (e: TraceEntry): boolean => {
    if (e.name === undefined) return false
    const involved = liveEvents.get(`${e.namespace ?? ''}|${e.name}`)
    if (involved !== undefined) return about.has(involved)
    const m = /^(.+)\.[0-9a-f]+$/.exec(e.name)
    // Events about a cluster-scoped object (a Node) are recorded in `default`.
    return !!m && (names.has(`${e.namespace ?? ''}|${m[1]}`) || names.has(`|${m[1]}`))
  }

  const target: TraceTarget = { resource: targetIdent.resource, kind: type.kind, ...(ns ? { namespace: ns } : {}), name, exists: !!root, owns: selected.size - 1 }
  const matches = (e: TraceEntry): boolean => {
    if (e.name === undefined) return false // a list or watch of a whole collection is about no one object
    if (isEvents(e.resource)) return isAboutSelected(e)
    return selected.has(identKey({ resource: e.resource, namespace: e.namespace, name: e.name }))
  }
  return ok({ target, matches })
}

/** Events as the trace names them: core's, or through events.k8s.io (kube-scheduler, kube-proxy); one storage. */
const isEvents = (resource: string): boolean => resource === 'events' || resource === 'events.events.k8s.io'

function sameObject(e: TraceEntry, i: Ident): boolean {
  return e.resource === i.resource && e.name === i.name && e.namespace === i.namespace
}

const SUFFIX = `[${NAME_SUFFIX_ALPHABET}]{5}`
const HASH = `[${NAME_SUFFIX_ALPHABET}]{1,10}`
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The names an object's controller gives what it makes (see `follow`). */
function nameRules(t: ResourceType, owner: Ident): { resource: string; namespace?: string; pattern: RegExp }[] {
  const n = escape(owner.name)
  const rule = (resource: string, pattern: string) => ({ resource, namespace: owner.namespace, pattern: new RegExp(`^${pattern}$`) })
  switch (t.kind) {
    case 'Deployment':
      return [rule('replicasets.apps', `${n}-${HASH}`), rule('pods', `${n}-${HASH}-${SUFFIX}`)]
    case 'ReplicaSet':
      return [rule('pods', `${n}-${SUFFIX}`)]
    case 'Service':
      return [rule('endpoints', n), rule('endpointslices.discovery.k8s.io', `${n}-${SUFFIX}`)]
    default:
      return []
  }
}
