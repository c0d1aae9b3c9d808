// The grader: declarative checks from lesson.yaml evaluated against a cluster. No code from a
// course runs; each kind's fields are validated (checkProblems) before anything is evaluated, and a
// check that cannot be evaluated fails as an authoring error — it never passes.
import { CHECK_KINDS, joinList, parseDuration, type CheckKind, type CheckSpec } from '../course/course.js'
import { t, type Lang, type MessageKey } from '../course/i18n.js'
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
const STOPPABLE_TEXT = ['kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'kubelet/NODE', 'kube-proxy/NODE']

const VERBS = ['create', 'get', 'list', 'update', 'patch', 'delete', 'watch']
const CONDITION_STATUSES = ['True', 'False', 'Unknown']

const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

/** A validator's message in `lang`. */
const say = (lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string => t(lang, key, params)

/** Problems of one value against its field type (empty when fine). */
function fieldProblems(kind: string, key: string, type: Field, v: unknown, lang: Lang): string[] {
  const at = `${kind}.${key}`
  const fine = (ok: boolean, problem: () => string): string[] => (ok ? [] : [problem()])
  switch (type) {
    case 'string':
      return fine(typeof v === 'string' && v !== '', () => say(lang, 'check.nonEmptyString', { at }))
    case 'int':
      return fine(typeof v === 'number' && Number.isInteger(v) && v >= 0, () => say(lang, 'check.wholeNumber', { at }))
    case 'bool':
      return fine(typeof v === 'boolean', () => say(lang, 'check.bool', { at }))
    case 'strings':
      return fine(Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== ''), () => say(lang, 'check.strings', { at }))
    case 'duration':
      return fine(typeof v === 'string' && parseDuration(v) !== undefined, () => say(lang, 'reader.badDuration', { field: at, value: String(v) }))
    case 'value':
      return fine(isScalar(v) || (Array.isArray(v) && v.every(isScalar)) || (v !== null && typeof v === 'object'), () => say(lang, 'check.value', { at }))
    case 'scalar':
      return fine(isScalar(v), () => say(lang, 'check.scalar', { at }))
    case 'selector': {
      if (typeof v !== 'string') return [say(lang, 'check.selector', { at })]
      const s = parseSelector(v)
      // The parser's error is Kubernetes' own text (as kubectl -l prints it): kept as it is.
      return s.ok ? [] : [say(lang, 'check.detail', { at, detail: s.error })]
    }
    case 'regex':
      try {
        new RegExp(String(v))
        return fine(typeof v === 'string', () => say(lang, 'check.regex', { at }))
      } catch (e) {
        return [say(lang, 'check.badRegex', { at, error: (e as Error).message })]
      }
    case 'podRef':
      return fine(typeof v === 'string' && /^[a-z.]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v), () => say(lang, 'check.podRef', { at }))
    case 'from':
      return fine(typeof v === 'string' && /^(outside|node\/.+|pod\/.+)$/.test(v), () => say(lang, 'check.from', { at }))
    case 'steps':
      return stepsProblems(at, v, lang)
    case 'probe':
      return probeProblems(at, v, lang)
    case 'check':
      return nestedCheckProblems(at, v, lang)
  }
}

function stepsProblems(at: string, v: unknown, lang: Lang): string[] {
  if (!Array.isArray(v) || v.length === 0) return [say(lang, 'check.steps', { at })]
  const out: string[] = []
  const fields = ['component', 'verb', 'resource', 'subresource']
  v.forEach((s: unknown, i) => {
    const where = `${at}[${i}]`
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return void out.push(say(lang, 'check.step', { at: where }))
    const step = s as Record<string, unknown>
    for (const k of Object.keys(step)) if (!fields.includes(k)) out.push(say(lang, 'check.unknownField', { at: where, field: k, known: joinList(lang, fields) }))
    if (typeof step.component !== 'string' || !isTraceComponent(step.component)) out.push(say(lang, 'check.notComponent', { at: `${where}.component`, value: String(step.component), known: joinList(lang, TRACE_COMPONENTS) }))
    if (typeof step.verb !== 'string' || !VERBS.includes(step.verb)) out.push(say(lang, 'check.notVerb', { at: `${where}.verb`, value: String(step.verb), known: joinList(lang, VERBS) }))
    if (typeof step.resource !== 'string' || step.resource === '') out.push(say(lang, 'reader.required', { field: `${where}.resource` }))
    if (step.subresource !== undefined && typeof step.subresource !== 'string') out.push(say(lang, 'reader.notString', { field: `${where}.subresource` }))
  })
  return out
}

function probeProblems(at: string, v: unknown, lang: Lang): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1) return [say(lang, 'check.probe', { at, probes: joinList(lang, PROBES.map((p) => `{${p}: {pod}}`)) })]
  const [probe, args] = Object.entries(v)[0]
  if (!(PROBES as readonly string[]).includes(probe)) return [say(lang, 'check.unknownProbe', { at, probe, known: joinList(lang, PROBES) })]
  if (args === null || typeof args !== 'object') return [say(lang, 'check.probeMapping', { at: `${at}.${probe}` })]
  const a = args as Record<string, unknown>
  const known = probe === 'podStatus' ? ['pod', 'namespace', 'field'] : probe === 'flow' ? ['pod', 'namespace', 'phases'] : ['pod', 'namespace']
  const out = Object.keys(a).filter((k) => !known.includes(k)).map((k) => say(lang, 'check.unknownField', { at: `${at}.${probe}`, field: k, known: joinList(lang, known) }))
  if (typeof a.pod !== 'string' || a.pod === '') out.push(say(lang, 'reader.required', { field: `${at}.${probe}.pod` }))
  if (a.field !== undefined && !(PROBE_FIELDS as readonly unknown[]).includes(a.field)) out.push(say(lang, 'check.oneOfValues', { at: `${at}.${probe}.field`, known: joinList(lang, PROBE_FIELDS) }))
  return out
}

function nestedCheckProblems(at: string, v: unknown, lang: Lang): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1) return [say(lang, 'check.nested', { at })]
  const [kind, args] = Object.entries(v)[0]
  if (kind === 'afterFault') return [say(lang, 'check.nestedAfterFault', { at })]
  if (!(CHECK_KINDS as readonly string[]).includes(kind)) return [say(lang, 'check.detail', { at, detail: say(lang, 'reader.unknownCheckKind', { kind, known: joinList(lang, CHECK_KINDS) }) })]
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return [say(lang, 'reader.fieldsNotMapping', { kind: `${at}.${kind}` })]
  // Each problem of the inner check starts with its own path (`podStatus.pod: ...`): prefix ours.
  return checkProblems({ kind: kind as CheckKind, args: args as Record<string, unknown>, line: 0 }, lang).map((p) => `${at}.${p}`)
}

/**
 * Authoring problems of one check: unknown fields, wrong types, missing or conflicting fields, a
 * fault that cannot be. Written in `lang` (English by default), for `author check` and for the
 * authoring error a learner sees.
 */
export function checkProblems(spec: Pick<CheckSpec, 'kind' | 'args'> & Partial<CheckSpec>, lang: Lang = 'en'): string[] {
  const schema = SCHEMAS[spec.kind]
  if (!schema) return [say(lang, 'reader.unknownCheckKind', { kind: spec.kind, known: joinList(lang, CHECK_KINDS) })]
  const args = spec.args ?? {}
  const kind = spec.kind
  const out: string[] = []
  const known = Object.keys(schema.fields)
  for (const [k, v] of Object.entries(args)) {
    const type = schema.fields[k]
    if (!type) out.push(say(lang, 'check.unknownField', { at: kind, field: k, known: joinList(lang, known) }))
    else out.push(...fieldProblems(kind, k, type, v, lang))
  }
  for (const k of schema.required ?? []) if (args[k] === undefined) out.push(say(lang, 'reader.required', { field: `${kind}.${k}` }))
  const present = (group: string[]): string[] => group.filter((k) => args[k] !== undefined)
  for (const g of schema.oneOf ?? []) {
    const n = present(g).length
    if (n !== 1) out.push(n === 0 ? say(lang, 'check.oneOfRequired', { at: kind, fields: g.join(lang === 'zh' ? ' 或 ' : ' or ') }) : say(lang, 'check.onlyOne', { at: kind, fields: joinList(lang, g) }))
  }
  for (const g of schema.atMostOne ?? []) if (present(g).length > 1) out.push(say(lang, 'check.onlyOne', { at: kind, fields: joinList(lang, g) }))
  for (const g of schema.anyOf ?? []) if (present(g).length === 0) out.push(say(lang, 'check.atLeastOne', { at: kind, fields: joinList(lang, g) }))
  out.push(...kindProblems(kind, args, lang))
  return out
}

/** What the field types alone cannot say. */
function kindProblems(kind: CheckKind, args: Record<string, unknown>, lang: Lang): string[] {
  if ((kind === 'object' || kind === 'condition' || kind === 'count') && typeof args.kind === 'string' && !resolveType(args.kind))
    return [say(lang, 'check.notKind', { at: `${kind}.kind`, value: args.kind })]
  if (kind === 'count' && (args.status !== undefined || args.phase !== undefined) && typeof args.kind === 'string' && resolveType(args.kind)?.kind !== 'Pod')
    return [say(lang, 'check.countKind', { at: kind, kind: args.kind })]
  if (kind === 'object' && typeof args.path === 'string') {
    const p = parseJsonPath(jsonPathTemplate(args.path))
    // The parser's error is kubectl's own text: kept as it is.
    if (!p.ok) return [say(lang, 'check.jsonPath', { at: 'object.path', value: args.path, error: p.error })]
  }
  if (kind === 'condition' && typeof args.status === 'string' && !CONDITION_STATUSES.includes(args.status)) return [say(lang, 'check.conditionStatus', { at: 'condition.status', value: args.status })]
  if (kind === 'podStatus' && typeof args.ready === 'string' && !/^\d+\/\d+$/.test(args.ready)) return [say(lang, 'check.ready', { at: 'podStatus.ready' })]
  if (kind === 'afterFault' && typeof args.fault === 'string') {
    const f = parseFault(args.fault, lang)
    if (typeof f === 'string') return [say(lang, 'check.detail', { at: 'afterFault.fault', detail: f })]
    if (f.action === 'stop' && !STOPPABLE.test(f.component)) return [say(lang, 'check.noComponent', { at: 'afterFault.fault', component: f.component, known: joinList(lang, STOPPABLE_TEXT) })]
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
  const problems = checkProblems({ kind, args }, ctx.lang)
  if (problems.length > 0) return authoring(msg(ctx, 'grader.authoring', { problems: problems.join(ctx.lang === 'zh' ? '；' : '; ') }))
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
