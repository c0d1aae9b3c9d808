// Checks about pods as a learner sees them with kubectl: the STATUS column (computed by kubectl's
// own printer, imported, never re-implemented), the sequence of STATUS values a pod went through,
// its conditions and where the scheduler put it.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { StoredObject } from '../../cluster/object.js'
import { parseSelector } from '../../cluster/labels.js'
import { podSummary } from '../../kubectl/printers/pod.js'
import { eventText, lastEvent, msg, nsOf, objectRef, type GradeContext } from '../context.js'
import { authoring, fail, pass, type Outcome } from '../types.js'
import type { ClusterView, PodVersion } from '../view.js'

/** The pods a check names: `pod: NAME` or `selector: app=web` (every pod it matches). */
export function selectPods(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): { pods: StoredObject[]; missing?: Outcome } {
  const namespace = nsOf(args)
  if (typeof args.pod === 'string') {
    const pod = view.get('pods', namespace, args.pod)
    if (pod) return { pods: [pod] }
    return { pods: [], missing: fail(msg(ctx, 'grader.pod.notFound', { pod: objectRef('pods', args.pod, namespace), namespace })) }
  }
  const selector = String(args.selector ?? '')
  const pods = view.list('pods', { namespace, labelSelector: selector })
  if (pods.length === 0) return { pods, missing: fail(msg(ctx, 'grader.selector.none', { selector, namespace })) }
  return { pods }
}

export const podRef = (pod: StoredObject): string => objectRef('pods', pod.metadata?.name ?? '', pod.metadata?.namespace)

/** STATUS, READY and RESTARTS as `kubectl get pods` prints them now; RESTARTS as a number. */
export function podColumns(pod: StoredObject, now: number): { status: string; ready: string; restarts: number; restartsText: string } {
  const s = podSummary(pod as Pod, now)
  return { status: s.status, ready: s.ready, restarts: Number.parseInt(s.restarts, 10) || 0, restartsText: s.restarts }
}

/** A warning event that explains a pod's state (why it is not what was wanted). */
function explain(ctx: GradeContext, view: ClusterView, pod: StoredObject): string {
  const e = lastEvent(view, pod, { warning: true })
  return e ? `${msg(ctx, 'grader.sep')}${msg(ctx, 'grader.event', { event: eventText(e) })}` : ''
}

export function podStatusCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const { pods, missing } = selectPods(ctx, view, args)
  if (missing) return missing
  const lines: string[] = []
  for (const pod of pods) {
    const c = podColumns(pod, view.now())
    const expected: string[] = []
    const actual = `STATUS ${c.status}, READY ${c.ready}, RESTARTS ${c.restartsText}`
    let ok = true
    if (args.status !== undefined) {
      expected.push(`STATUS ${String(args.status)}`)
      ok &&= c.status === String(args.status)
    }
    if (args.ready !== undefined) {
      expected.push(`READY ${String(args.ready)}`)
      ok &&= c.ready === String(args.ready)
    }
    if (args.restarts !== undefined) {
      expected.push(`RESTARTS ${String(args.restarts)}`)
      ok &&= c.restarts === Number(args.restarts)
    }
    if (!ok) return fail(msg(ctx, 'grader.podStatus.fail', { pod: podRef(pod), expected: expected.join(', '), actual }) + explain(ctx, view, pod), where(ctx, pod, view))
    lines.push(msg(ctx, 'grader.podStatus.pass', { pod: podRef(pod), actual }))
  }
  return pass(lines.join(' '))
}

/** The learner's line for a pod: its own definition, or the template of the object that owns it. */
function where(ctx: GradeContext, pod: StoredObject, view?: ClusterView): { file: string; line: number } | undefined {
  const ns = pod.metadata?.namespace
  const direct = ctx.sources.locate('Pod', pod.metadata?.name ?? '', ns, ['spec'])
  if (direct) return direct
  // Follow the owners up (Pod → ReplicaSet → Deployment) to the one the learner wrote.
  let owner = (pod.metadata?.ownerReferences ?? [])[0]
  for (let depth = 0; owner && depth < 3; depth++) {
    const at = ctx.sources.locate(owner.kind, owner.name, ns, ['spec', 'template', 'spec'])
    if (at) return at
    const next = view?.knows(owner.kind) ? view.get(owner.kind, ns, owner.name) : undefined
    owner = (next?.metadata?.ownerReferences ?? [])[0]
  }
  return undefined
}

export { where as podWhere }

/** STATUS values (or phases) a pod went through, consecutive repeats collapsed. */
export function podFlow(versions: readonly PodVersion[], by: 'status' | 'phase'): string[] {
  const out: string[] = []
  for (const v of versions) {
    if (v.deleted) continue
    const value = by === 'phase' ? String((v.pod as Pod).status?.phase ?? 'Pending') : podSummary(v.pod as Pod, v.time).status
    if (value && out.at(-1) !== value) out.push(value)
  }
  return out
}

/** Is `want` a subsequence of `seq` (or the whole of it, when exact)? */
export function followsFlow(seq: readonly string[], want: readonly string[], exact: boolean): boolean {
  if (exact) return seq.length === want.length && seq.every((s, i) => s === want[i])
  let i = 0
  for (const s of seq) if (i < want.length && s === want[i]) i++
  return i === want.length
}

export function historyOf(view: ClusterView, pod: StoredObject): readonly PodVersion[] | undefined {
  return view.podHistory?.().get(`${pod.metadata?.namespace}/${pod.metadata?.name}`)
}

/**
 * The pods a flow check follows: those the grader saw during the run, even if they are gone by
 * now (a pod that went Terminating and was deleted still went through its flow), by name or by
 * the labels of their last version.
 */
function flowPods(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): { pods: StoredObject[]; missing?: Outcome } {
  const namespace = nsOf(args)
  const selector = typeof args.selector === 'string' ? parseSelector(args.selector) : undefined
  const pods: StoredObject[] = []
  for (const [key, versions] of view.podHistory?.() ?? []) {
    const last = versions.at(-1)?.pod
    if (!last || !key.startsWith(`${namespace}/`)) continue
    const name = key.slice(namespace.length + 1)
    if (typeof args.pod === 'string' ? name === args.pod : selector?.ok && selector.value.matches(last.metadata?.labels ?? {})) pods.push(last)
  }
  return pods.length > 0 ? { pods } : selectPods(ctx, view, args)
}

export function flowCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  if (!view.podHistory) return authoring(msg(ctx, 'grader.flow.noHistory'))
  const by = args.phases !== undefined ? 'phase' : 'status'
  const want = ((by === 'phase' ? args.phases : args.statuses) as unknown[]).map(String)
  const exact = args.exact === true
  const { pods, missing } = flowPods(ctx, view, args)
  if (missing) return missing
  const seen: string[] = []
  for (const pod of pods) {
    const seq = podFlow(historyOf(view, pod) ?? [], by)
    const params = { pod: podRef(pod), sequence: seq.join(' → ') || '—', expected: want.join(' → ') }
    if (!followsFlow(seq, want, exact))
      return fail(msg(ctx, exact ? 'grader.flow.failExact' : 'grader.flow.fail', params) + explain(ctx, view, pod), where(ctx, pod, view))
    seen.push(msg(ctx, 'grader.flow.pass', params))
  }
  return pass(seen.join(' '))
}

interface Condition {
  type?: string
  status?: string
  reason?: string
  message?: string
}

export function conditionCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const kind = typeof args.kind === 'string' ? args.kind : 'Pod'
  const name = String(args.name ?? args.pod)
  const namespace = nsOf(args)
  if (!view.knows(kind)) return authoring(msg(ctx, 'grader.kind.unknown', { kind }))
  const obj = view.get(kind, namespace, name)
  const ref = objectRef(kind, name, namespace)
  if (!obj) return fail(msg(ctx, 'grader.object.notFound', { object: ref }))
  const conditions = ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? [])
  const c = conditions.find((x) => x.type === args.type)
  const want = `${String(args.type)}=${String(args.status)}${args.reason ? ` (${String(args.reason)})` : ''}`
  if (!c) return fail(msg(ctx, 'grader.condition.missing', { object: ref, type: String(args.type), expected: want }), conditionWhere(ctx, view, obj))
  const actual = `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`
  const ok = c.status === String(args.status) && (args.reason === undefined || c.reason === String(args.reason))
  if (ok) return pass(msg(ctx, 'grader.condition.pass', { object: ref, actual }))
  const detail = c.message ? `${msg(ctx, 'grader.sep')}${msg(ctx, 'grader.condition.message', { message: c.message })}` : ''
  return fail(msg(ctx, 'grader.condition.fail', { object: ref, expected: want, actual }) + detail, conditionWhere(ctx, view, obj))
}

/** A pod's condition comes from its spec (or its owner's template); another object's from its own spec. */
function conditionWhere(ctx: GradeContext, view: ClusterView, obj: StoredObject): { file: string; line: number } | undefined {
  if (obj.kind === 'Pod') return where(ctx, obj, view)
  return ctx.sources.locate(obj.kind ?? '', obj.metadata?.name ?? '', obj.metadata?.namespace, ['spec'])
}

export function countCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const kind = typeof args.kind === 'string' ? args.kind : 'Pod'
  if (!view.knows(kind)) return authoring(msg(ctx, 'grader.kind.unknown', { kind }))
  const namespace = nsOf(args)
  const selector = typeof args.selector === 'string' ? args.selector : undefined
  let items = view.list(kind, { namespace, labelSelector: selector })
  const filters: string[] = []
  if (args.status !== undefined) {
    items = items.filter((p) => podColumns(p, view.now()).status === String(args.status))
    filters.push(`STATUS ${String(args.status)}`)
  }
  if (args.phase !== undefined) {
    items = items.filter((p) => (p.status as { phase?: string } | undefined)?.phase === String(args.phase))
    filters.push(`phase ${String(args.phase)}`)
  }
  const n = items.length
  const ok = (args.equals === undefined || n === Number(args.equals)) && (args.min === undefined || n >= Number(args.min)) && (args.max === undefined || n <= Number(args.max))
  const expected = [
    args.equals !== undefined ? String(args.equals) : '',
    args.min !== undefined ? msg(ctx, 'grader.count.min', { n: String(args.min) }) : '',
    args.max !== undefined ? msg(ctx, 'grader.count.max', { n: String(args.max) }) : '',
  ].filter(Boolean).join(msg(ctx, 'grader.and'))
  const what = msg(ctx, view.namespaced(kind) ? 'grader.count.what' : 'grader.count.whatCluster', {
    kind,
    filters: filters.length ? msg(ctx, 'grader.count.filters', { filters: filters.join(', ') }) : '',
    selector: selector ? msg(ctx, 'grader.count.selector', { selector }) : '',
    namespace,
  })
  const names = items.slice(0, 5).map((o) => o.metadata?.name).join(', ')
  const params = { count: n, expected, what, names: names ? msg(ctx, 'grader.count.names', { names: `${names}${items.length > 5 ? ', …' : ''}` }) : '' }
  return ok ? pass(msg(ctx, 'grader.count.pass', params)) : fail(msg(ctx, 'grader.count.fail', params))
}

export function scheduleCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const namespace = nsOf(args)
  const pod = view.get('pods', namespace, String(args.pod))
  const ref = objectRef('pods', String(args.pod), namespace)
  if (!pod) return fail(msg(ctx, 'grader.pod.notFound', { pod: ref, namespace }))
  const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName
  const refusal = lastEvent(view, pod, { reason: 'FailedScheduling' })
  const refusalText = (refusal as { message?: string } | undefined)?.message
  const at = where(ctx, pod, view)
  if (args.unschedulable === true) {
    if (node) return fail(msg(ctx, 'grader.schedule.wasScheduled', { pod: ref, node }), at)
    const cond = ((pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === 'PodScheduled')
    if (cond?.reason !== 'Unschedulable' && !refusalText) return fail(msg(ctx, 'grader.schedule.notTried', { pod: ref }), at)
  } else if (!node) {
    return fail(msg(ctx, 'grader.schedule.notScheduled', { pod: ref, reason: refusalText ?? msg(ctx, 'grader.schedule.noReason') }), at)
  }
  if (typeof args.node === 'string' && node !== args.node) return fail(msg(ctx, 'grader.schedule.wrongNode', { pod: ref, expected: args.node, node: node ?? '' }), at)
  if (typeof args.notNode === 'string' && node === args.notNode) return fail(msg(ctx, 'grader.schedule.onForbidden', { pod: ref, node }), at)
  if (typeof args.reason === 'string') {
    if (!refusalText) return fail(msg(ctx, 'grader.schedule.noRefusal', { pod: ref, reason: args.reason, node: node ?? '' }), at)
    if (!refusalText.includes(args.reason)) return fail(msg(ctx, 'grader.schedule.otherReason', { reason: args.reason, message: refusalText }), at)
  }
  return pass(node ? msg(ctx, 'grader.schedule.onNode', { pod: ref, node }) : msg(ctx, 'grader.schedule.refused', { pod: ref, message: refusalText ?? '' }))
}
