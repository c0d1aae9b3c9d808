// `afterFault`: on a copy of the cluster as the run left it, something breaks (a node fails, a
// component stops, a pod's pause container dies); virtual time then moves step by step, up to
// `within`, and the check passes as soon as `then` holds — "within 6 minutes the pod runs elsewhere".
import { SimulatedCluster } from '../../cluster/cluster.js'
import { humanDuration } from '../../kubectl/format/time.js'
import type { CheckKind } from '../../course/course.js'
import { joinList, parseDuration } from '../../course/course.js'
import { t, type Lang } from '../../course/i18n.js'
import { msg, nsOf, type GradeContext } from '../context.js'
import { authoring, fail, pass, type Outcome } from '../types.js'
import { PodRecorder, simulatorView, type ClusterView } from '../view.js'

export type Fault = { action: 'fail'; node: string } | { action: 'stop'; component: string } | { action: 'kill-sandbox'; pod: string }

export const COMPONENT_ALIASES: Record<string, string> = { scheduler: 'kube-scheduler', 'controller-manager': 'kube-controller-manager' }

/** `fail node/NAME`, `stop COMPONENT`, `kill-sandbox pod/NAME`; a string says what is wrong (in `lang`). */
export function parseFault(text: string, lang: Lang = 'en'): Fault | string {
  const [action, target, ...rest] = text.trim().split(/\s+/)
  if (rest.length > 0 || !target) return t(lang, 'check.fault.syntax', { text })
  if (action === 'fail') {
    const m = /^(?:node|nodes|no)\/(.+)$/.exec(target)
    return m ? { action, node: m[1] } : t(lang, 'check.fault.failTarget', { target })
  }
  if (action === 'stop') return { action, component: COMPONENT_ALIASES[target] ?? target }
  if (action === 'kill-sandbox') {
    const m = /^(?:pod|pods|po)\/(.+)$/.exec(target)
    return m ? { action, pod: m[1] } : t(lang, 'check.fault.killTarget', { target })
  }
  return t(lang, 'check.fault.unknown', { action })
}

/** Break the copy as the fault says; a string says why it cannot (an authoring error, in `lang`). */
function applyFault(sim: SimulatedCluster, fault: Fault, namespace: string, lang: Lang): string | undefined {
  if (fault.action === 'fail') {
    if (!sim.nodes.some((n) => n.name === fault.node)) return t(lang, 'check.fault.noNode', { node: fault.node, nodes: joinList(lang, sim.nodes.map((n) => n.name)) })
    sim.stop(`kubelet/${fault.node}`)
    return undefined
  }
  if (fault.action === 'stop') {
    if (!sim.componentNames().includes(fault.component)) return t(lang, 'check.fault.noComponent', { component: fault.component, known: joinList(lang, sim.componentNames()) })
    sim.stop(fault.component)
    return undefined
  }
  const pod = sim.object('pods', namespace, fault.pod) as { metadata?: { uid?: string }; spec?: { nodeName?: string } } | undefined
  if (!pod?.spec?.nodeName) return undefined // nothing to kill: `then` decides, on an unchanged cluster
  const kubelet = sim.component(`kubelet/${pod.spec.nodeName}`) as unknown as { killSandbox?: (uid: string) => boolean } | undefined
  if (typeof kubelet?.killSandbox !== 'function') return t(lang, 'check.fault.noKillSandbox')
  kubelet.killSandbox(pod.metadata?.uid ?? '')
  return undefined
}

export function afterFaultCheck(ctx: GradeContext, _view: ClusterView, args: Record<string, unknown>): Outcome {
  if (!ctx.sim) return authoring(msg(ctx, 'grader.fault.noSimulator'))
  const fault = parseFault(String(args.fault), ctx.lang)
  if (typeof fault === 'string') return authoring(fault)
  const within = parseDuration(String(args.within)) ?? 0
  const [thenKind, thenArgs] = Object.entries(args.then as Record<string, unknown>)[0] as [CheckKind, Record<string, unknown>]
  const copy = SimulatedCluster.restore(ctx.sim.snapshot())
  const recorder = new PodRecorder(copy)
  const view = simulatorView(copy, recorder)
  const problem = applyFault(copy, fault, nsOf(args), ctx.lang)
  if (problem) return authoring(problem)
  const start = copy.now()
  let last: Outcome = ctx.evaluate(thenKind, thenArgs, view)
  const held = last.passed || copy.waitFor(() => (last = ctx.evaluate(thenKind, thenArgs, view)).passed, within)
  if (held) last = ctx.evaluate(thenKind, thenArgs, view)
  recorder.stop()
  const params = { fault: String(args.fault), within: humanDuration(within), elapsed: humanDuration(copy.now() - start), message: last.message }
  if (last.authoringError) return last
  if (!held) return fail(msg(ctx, 'grader.fault.notHeld', params))
  return pass(msg(ctx, copy.now() === start ? 'grader.fault.heldAtOnce' : 'grader.fault.held', params))
}
