// `trace`: the component trace (every apiserver call, who made it) contains these steps in order —
// learning goal 1 made checkable: "the scheduler bound the pod before the kubelet wrote its status".
import { COMPONENT_TABLE } from '../../cluster/cluster.js'
import { resolveType } from '../../kubectl/resolve.js'
import type { AttributedEntry } from '../../course/trace-query.js'
import { msg, nsOf, type GradeContext } from '../context.js'
import { authoring, fail, pass, type Outcome } from '../types.js'
import type { ClusterView } from '../view.js'

export interface TraceStep {
  component: string
  verb: string
  resource: string
  subresource?: string
}

const COMPONENT_ALIASES: Record<string, string> = { scheduler: 'kube-scheduler', 'controller-manager': 'kube-controller-manager', apiserver: 'kube-apiserver' }
/** The per-node components a step can name with their node: `kubelet/node-1`, `kube-proxy/node-2`. */
const PER_NODE = COMPONENT_TABLE.filter((c) => c.traced && c.where === 'node').map((c) => c.name)
/** Who can be in the trace: kubectl, and every component of the cluster's table that calls the apiserver. */
export const TRACE_COMPONENTS = ['kubectl', ...COMPONENT_TABLE.filter((c) => c.traced).map((c) => c.name), ...Object.keys(COMPONENT_ALIASES)]

/** Whether a step's component is one the trace can hold (a per-node one may name its node). */
export function isTraceComponent(component: string): boolean {
  if (TRACE_COMPONENTS.includes(component)) return true
  const slash = component.indexOf('/')
  return slash > 0 && slash < component.length - 1 && PER_NODE.includes(component.slice(0, slash))
}

const canonicalComponent = (c: string): string => COMPONENT_ALIASES[c] ?? c
const canonicalResource = (r: string): string => resolveType(r)?.resource ?? r.toLowerCase()

export const stepText = (s: TraceStep): string => `${canonicalComponent(s.component)} ${s.verb} ${canonicalResource(s.resource)}${s.subresource ? `/${s.subresource}` : ''}`

/** Whether a call was made by the step's component (`kubelet` on any node, `kubelet/node-1` on that one). */
function madeBy(e: AttributedEntry, component: string): boolean {
  const c = canonicalComponent(component)
  const slash = c.indexOf('/')
  if (slash > 0) return e.component === c.slice(0, slash) && e.node === c.slice(slash + 1)
  return e.component === c
}

function matches(e: AttributedEntry, s: TraceStep): boolean {
  return (
    madeBy(e, s.component) &&
    e.verb === s.verb &&
    canonicalResource(e.resource) === canonicalResource(s.resource) &&
    (s.subresource === undefined || e.subresource === s.subresource) &&
    e.code < 400
  )
}

export function traceCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  if (!view.trace) return authoring(msg(ctx, 'grader.trace.none'))
  const about = typeof args.for === 'string' ? { ref: args.for, namespace: nsOf(args) } : undefined
  const entries = view.trace(about)
  if (typeof entries === 'string') return fail(msg(ctx, 'grader.trace.noObject', { ref: String(args.for), error: entries }))
  const steps = args.steps as TraceStep[]
  let i = 0
  const found: string[] = []
  for (const e of entries) {
    if (i < steps.length && matches(e, steps[i])) {
      found.push(stepText(steps[i]))
      i++
    }
  }
  const scope = about ? msg(ctx, 'grader.trace.scope', { ref: about.ref }) : ''
  if (i === steps.length) return pass(msg(ctx, 'grader.trace.pass', { steps: found.join(' → '), scope }))
  const missing = stepText(steps[i])
  // What that component did do, so the learner sees how the story actually went.
  const did = entries.filter((e) => madeBy(e, steps[i].component) && e.verb !== 'watch' && e.verb !== 'list' && e.verb !== 'get')
  const didText = did.length ? msg(ctx, 'grader.trace.did', { component: canonicalComponent(steps[i].component), calls: [...new Set(did.map((e) => `${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''}`))].slice(0, 4).join(', ') }) : msg(ctx, 'grader.trace.silent', { component: canonicalComponent(steps[i].component) })
  const key = found.length ? 'grader.trace.failAfter' : 'grader.trace.fail'
  return fail(`${msg(ctx, key, { step: missing, found: found.join(' → '), scope })}${msg(ctx, 'grader.sep')}${didText}`)
}
