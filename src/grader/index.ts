// The grader: declarative checks from lesson.yaml evaluated against a cluster. No code from a
// course runs; each kind's fields are validated (checkProblems) before anything is evaluated, and a
// check that cannot be evaluated fails as an authoring error — it never passes.
import { CHECK_KINDS, parseDuration, type CheckKind, type CheckSpec } from '../course/course.js'
import type { Lang } from '../course/i18n.js'
import { parseSelector } from '../cluster/labels.js'
import { parseJsonPath } from '../kubectl/printers/jsonpath.js'
import { resolveType } from '../kubectl/resolve.js'
import { answerCheck, PROBE_FIELDS, PROBES } from './checks/answer.js'
import { endpointsCheck } from './checks/endpoints.js'
import { afterFaultCheck, parseFault } from './checks/fault.js'
import { jsonPathTemplate, objectCheck } from './checks/object.js'
import { conditionCheck, countCheck, flowCheck, podStatusCheck, scheduleCheck } from './checks/pods.js'
import { reachCheck } from './checks/reach.js'
import { TRACE_COMPONENTS, isTraceComponent, traceCheck } from './checks/trace.js'
import { msg, type GradeContext } from './context.js'
import { authoring, type Outcome } from './types.js'
import type { ClusterView } from './view.js'

export type { CheckSpec }
export * from './types.js'

type Field = 'string' | 'int' | 'bool' | 'strings' | 'duration' | 'scalar' | 'value' | 'selector' | 'regex' | 'steps' | 'check' | 'probe' | 'podRef' | 'from'

interface KindSchema {
  fields: Record<string, Field>
  required?: string[]
  /** Exactly one of each group. */
  oneOf?: string[][]
  /** At most one of each group. */
  atMostOne?: string[][]
  /** At least one of each group. */
  anyOf?: string[][]
}

const SCHEMAS: Record<CheckKind, KindSchema> = {
  object: { fields: { kind: 'string', name: 'string', namespace: 'string', path: 'string', equals: 'value', matches: 'regex', exists: 'bool' }, required: ['kind', 'name', 'path'], atMostOne: [['equals', 'matches', 'exists']] },
  podStatus: { fields: { pod: 'string', selector: 'selector', namespace: 'string', status: 'string', ready: 'string', restarts: 'int' }, oneOf: [['pod', 'selector']], anyOf: [['status', 'ready', 'restarts']] },
  flow: { fields: { pod: 'string', selector: 'selector', namespace: 'string', statuses: 'strings', phases: 'strings', exact: 'bool' }, oneOf: [['pod', 'selector'], ['statuses', 'phases']] },
  condition: { fields: { kind: 'string', name: 'string', pod: 'string', namespace: 'string', type: 'string', status: 'string', reason: 'string' }, required: ['type', 'status'], oneOf: [['name', 'pod']] },
  count: { fields: { kind: 'string', namespace: 'string', selector: 'selector', status: 'string', phase: 'string', equals: 'int', min: 'int', max: 'int' }, atMostOne: [['status', 'phase']], anyOf: [['equals', 'min', 'max']] },
  endpoints: { fields: { service: 'string', namespace: 'string', ready: 'int', notReady: 'int' }, required: ['service'], anyOf: [['ready', 'notReady']] },
  reach: { fields: { from: 'from', url: 'string', selector: 'selector', pod: 'string', namespace: 'string', status: 'int', exitCode: 'int' }, required: ['from', 'url'], atMostOne: [['selector', 'pod']] },
  trace: { fields: { for: 'podRef', namespace: 'string', steps: 'steps' }, required: ['steps'] },
  schedule: { fields: { pod: 'string', namespace: 'string', node: 'string', notNode: 'string', unschedulable: 'bool', reason: 'string' }, required: ['pod'], atMostOne: [['node', 'notNode', 'unschedulable']] },
  answer: { fields: { file: 'string', question: 'string', equals: 'value', actual: 'probe' }, required: ['file', 'question'], oneOf: [['equals', 'actual']] },
  afterFault: { fields: { fault: 'string', within: 'duration', then: 'check', namespace: 'string' }, required: ['fault', 'within', 'then'] },
}

/** Components a fault may stop (the nodes' names are the cluster's; checked when the fault happens). */
const STOPPABLE = /^(kube-scheduler|kube-controller-manager|cloud-controller-manager|kubelet\/.+|kube-proxy\/.+)$/
const STOPPABLE_TEXT = 'kube-scheduler, kube-controller-manager, cloud-controller-manager, kubelet/NODE, kube-proxy/NODE'

const VERBS = ['create', 'get', 'list', 'update', 'patch', 'delete', 'watch']
const CONDITION_STATUSES = ['True', 'False', 'Unknown']

const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

/** Problems of one value against its field type (empty when fine). */
function fieldProblems(kind: string, key: string, type: Field, v: unknown): string[] {
  const at = `${kind}.${key}`
  switch (type) {
    case 'string':
      return typeof v === 'string' && v !== '' ? [] : [`${at}: must be a non-empty string`]
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? [] : [`${at}: must be a whole number (0 or more)`]
    case 'bool':
      return typeof v === 'boolean' ? [] : [`${at}: must be true or false`]
    case 'strings':
      return Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== '') ? [] : [`${at}: must be a list of one or more strings`]
    case 'duration':
      return typeof v === 'string' && parseDuration(v) !== undefined ? [] : [`${at}: "${String(v)}" is not a duration (use 30s, 2m, 1m30s)`]
    case 'value':
      return isScalar(v) || (Array.isArray(v) && v.every(isScalar)) || (v !== null && typeof v === 'object') ? [] : [`${at}: must be a value`]
    case 'scalar':
      return isScalar(v) ? [] : [`${at}: must be a string, number or boolean`]
    case 'selector': {
      if (typeof v !== 'string') return [`${at}: must be a label selector such as app=web`]
      const s = parseSelector(v)
      return s.ok ? [] : [`${at}: ${s.error}`]
    }
    case 'regex':
      try {
        new RegExp(String(v))
        return typeof v === 'string' ? [] : [`${at}: must be a regular expression`]
      } catch (e) {
        return [`${at}: not a regular expression: ${(e as Error).message}`]
      }
    case 'podRef':
      return typeof v === 'string' && /^[a-z.]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v) ? [] : [`${at}: must be TYPE/NAME, such as pod/web or deploy/web`]
    case 'from':
      return typeof v === 'string' && /^(outside|node\/.+|pod\/.+)$/.test(v) ? [] : [`${at}: must be outside, node/NAME or pod/NAME`]
    case 'steps':
      return stepsProblems(at, v)
    case 'probe':
      return probeProblems(at, v)
    case 'check':
      return nestedCheckProblems(at, v)
  }
}

function stepsProblems(at: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) return [`${at}: must be a list of steps, each {component, verb, resource}`]
  const out: string[] = []
  v.forEach((s: unknown, i) => {
    const where = `${at}[${i}]`
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return void out.push(`${where}: a step is {component, verb, resource, subresource?}`)
    const step = s as Record<string, unknown>
    for (const k of Object.keys(step)) if (!['component', 'verb', 'resource', 'subresource'].includes(k)) out.push(`${where}: unknown field "${k}" (known: component, verb, resource, subresource)`)
    if (typeof step.component !== 'string' || !isTraceComponent(step.component)) out.push(`${where}.component: "${String(step.component)}" is not a component (known: ${TRACE_COMPONENTS.join(', ')}; kubelet and kube-proxy may name a node, kubelet/NODE)`)
    if (typeof step.verb !== 'string' || !VERBS.includes(step.verb)) out.push(`${where}.verb: "${String(step.verb)}" is not a verb (known: ${VERBS.join(', ')})`)
    if (typeof step.resource !== 'string' || step.resource === '') out.push(`${where}.resource: Required value`)
    if (step.subresource !== undefined && typeof step.subresource !== 'string') out.push(`${where}.subresource: must be a string`)
  })
  return out
}

function probeProblems(at: string, v: unknown): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1) return [`${at}: one probe of what the cluster did: ${PROBES.map((p) => `{${p}: {pod}}`).join(', ')}`]
  const [probe, args] = Object.entries(v)[0]
  if (!(PROBES as readonly string[]).includes(probe)) return [`${at}: unknown probe "${probe}" (known: ${PROBES.join(', ')})`]
  if (args === null || typeof args !== 'object') return [`${at}.${probe}: must be a mapping with pod`]
  const a = args as Record<string, unknown>
  const known = probe === 'podStatus' ? ['pod', 'namespace', 'field'] : probe === 'flow' ? ['pod', 'namespace', 'phases'] : ['pod', 'namespace']
  const out = Object.keys(a).filter((k) => !known.includes(k)).map((k) => `${at}.${probe}: unknown field "${k}" (known: ${known.join(', ')})`)
  if (typeof a.pod !== 'string' || a.pod === '') out.push(`${at}.${probe}.pod: Required value`)
  if (a.field !== undefined && !(PROBE_FIELDS as readonly unknown[]).includes(a.field)) out.push(`${at}.${probe}.field: must be one of ${PROBE_FIELDS.join(', ')}`)
  return out
}

function nestedCheckProblems(at: string, v: unknown): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1) return [`${at}: one check, such as {podStatus: {pod: web, status: Running}}`]
  const [kind, args] = Object.entries(v)[0]
  if (kind === 'afterFault') return [`${at}: an afterFault cannot hold another afterFault`]
  if (!(CHECK_KINDS as readonly string[]).includes(kind)) return [`${at}: unknown check kind "${kind}" (known: ${CHECK_KINDS.join(', ')})`]
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return [`${at}.${kind}: the check's fields are a mapping`]
  return checkProblems({ kind: kind as CheckKind, args: args as Record<string, unknown>, line: 0 }).map((p) => `${at}.${p}`)
}

/** Authoring problems of one check: unknown fields, wrong types, missing or conflicting fields, a fault that cannot be. */
export function checkProblems(spec: Pick<CheckSpec, 'kind' | 'args'> & Partial<CheckSpec>): string[] {
  const schema = SCHEMAS[spec.kind]
  if (!schema) return [`unknown check kind "${spec.kind}" (known: ${CHECK_KINDS.join(', ')})`]
  const args = spec.args ?? {}
  const kind = spec.kind
  const out: string[] = []
  const known = Object.keys(schema.fields)
  for (const [k, v] of Object.entries(args)) {
    const type = schema.fields[k]
    if (!type) out.push(`${kind}: unknown field "${k}" (known: ${known.join(', ')})`)
    else out.push(...fieldProblems(kind, k, type, v))
  }
  for (const k of schema.required ?? []) if (args[k] === undefined) out.push(`${kind}.${k}: Required value`)
  const present = (group: string[]): string[] => group.filter((k) => args[k] !== undefined)
  for (const g of schema.oneOf ?? []) {
    const n = present(g).length
    if (n !== 1) out.push(n === 0 ? `${kind}: one of ${g.join(' or ')} is required` : `${kind}: give only one of ${g.join(', ')}`)
  }
  for (const g of schema.atMostOne ?? []) if (present(g).length > 1) out.push(`${kind}: give only one of ${g.join(', ')}`)
  for (const g of schema.anyOf ?? []) if (present(g).length === 0) out.push(`${kind}: give at least one of ${g.join(', ')}`)
  out.push(...kindProblems(kind, args))
  return out
}

/** What the field types alone cannot say. */
function kindProblems(kind: CheckKind, args: Record<string, unknown>): string[] {
  if ((kind === 'object' || kind === 'condition' || kind === 'count') && typeof args.kind === 'string' && !resolveType(args.kind))
    return [`${kind}.kind: "${args.kind}" is not a kind this cluster serves (such as Pod, Deployment, Service, Node)`]
  if (kind === 'count' && (args.status !== undefined || args.phase !== undefined) && typeof args.kind === 'string' && resolveType(args.kind)?.kind !== 'Pod')
    return [`count: status and phase filter pods; kind is ${args.kind}`]
  if (kind === 'object' && typeof args.path === 'string') {
    const p = parseJsonPath(jsonPathTemplate(args.path))
    if (!p.ok) return [`object.path: "${args.path}" is not a JSONPath: ${p.error}`]
  }
  if (kind === 'condition' && typeof args.status === 'string' && !CONDITION_STATUSES.includes(args.status)) return [`condition.status: must be True, False or Unknown, not "${args.status}"`]
  if (kind === 'podStatus' && typeof args.ready === 'string' && !/^\d+\/\d+$/.test(args.ready)) return [`podStatus.ready: must be READY as kubectl prints it, such as 1/1`]
  if (kind === 'afterFault' && typeof args.fault === 'string') {
    const f = parseFault(args.fault)
    if (typeof f === 'string') return [`afterFault.fault: ${f}`]
    if (f.action === 'stop' && !STOPPABLE.test(f.component)) return [`afterFault.fault: there is no component "${f.component}" to stop (known: ${STOPPABLE_TEXT})`]
  }
  return []
}

const EVALUATORS: Record<CheckKind, (ctx: GradeContext, view: ClusterView, args: Record<string, unknown>) => Outcome> = {
  object: objectCheck,
  podStatus: podStatusCheck,
  flow: flowCheck,
  condition: conditionCheck,
  count: countCheck,
  endpoints: endpointsCheck,
  reach: reachCheck,
  trace: traceCheck,
  schedule: scheduleCheck,
  answer: answerCheck,
  afterFault: afterFaultCheck,
}

/** Evaluate one check; its authoring problems (or a crash of the grader) fail it as an authoring error. */
export function evaluateCheck(ctx: GradeContext, kind: CheckKind, args: Record<string, unknown>, view: ClusterView = ctx.view): Outcome {
  const problems = checkProblems({ kind, args })
  if (problems.length > 0) return authoring(msg(ctx, 'grader.authoring', { problems: problems.join('; ') }))
  try {
    return EVALUATORS[kind](ctx, view, args)
  } catch (e) {
    return authoring(msg(ctx, 'grader.crashed', { error: e instanceof Error ? e.message : String(e) }))
  }
}

/** A check's name: the author's, in the learner's language, or one made from what it checks. */
export function checkName(spec: CheckSpec, lang: Lang): string {
  if (spec.name) return spec.name[lang]
  const a = spec.args
  const what = a.pod ?? a.name ?? a.service ?? a.selector ?? a.for ?? a.question ?? a.fault ?? a.url ?? ''
  return `${spec.kind}${what ? ` ${String(what)}` : ''}`
}

export { PodRecorder, simulatorView, type ClusterView } from './view.js'
export { SourceIndex } from './source.js'
export type { GradeContext } from './context.js'
