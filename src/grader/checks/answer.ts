// `answer`: a prediction the learner wrote in an answer file (YAML, `q1: ""  # TODO`), compared
// with what the simulation actually did (a probe), or with a fixed key for pure-knowledge questions.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { isMap, LineCounter, parseDocument } from 'yaml'
import { msg, nsOf, objectRef, type GradeContext } from '../context.js'
import { authoring, fail, pass, type Outcome } from '../types.js'
import type { ClusterView } from '../view.js'
import { historyOf, podColumns, podFlow } from './pods.js'

export const PROBES = ['podStatus', 'phase', 'node', 'flow'] as const
export const PROBE_FIELDS = ['status', 'ready', 'restarts'] as const

/** The learner's answer to `question`, with its line; `missingFile`/`missingKey` when there is none. */
export function readAnswer(text: string, question: string): { value?: unknown; line: number; missingKey?: boolean; broken?: string } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  if (doc.errors.length > 0) return { line: lines.linePos(doc.errors[0].pos[0]).line, broken: doc.errors[0].message.split('\n')[0] }
  const top = doc.contents
  if (!isMap(top)) return { line: 1, missingKey: true }
  const pair = top.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === question)
  if (!pair) return { line: 1, missingKey: true }
  const node = (pair.value ?? pair.key) as { range?: [number, number, number] }
  const line = node?.range ? lines.linePos(node.range[0]).line : 1
  const value = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null
  return { value, line }
}

/** Lenient comparison: spaces trimmed, case ignored (the learner may write `running` for Running). */
const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase()

/** A sequence written as a YAML list, or as `A → B → C` / `A -> B, C`. */
export function asSequence(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean)
  return String(v ?? '').split(/→|->|=>|,|>/).map((s) => s.trim()).filter(Boolean)
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** What the cluster actually did, for a probe: a value, a sequence, or why it cannot say. */
function probe(ctx: GradeContext, view: ClusterView, spec: Record<string, unknown>): { value?: string; sequence?: string[]; error?: Outcome } {
  const [kind, raw] = Object.entries(spec)[0] as [string, Record<string, unknown>]
  const namespace = nsOf(raw)
  const pod = view.get('pods', namespace, String(raw.pod))
  if (!pod) return { error: fail(msg(ctx, 'grader.pod.notFound', { pod: objectRef('pods', String(raw.pod), namespace), namespace })) }
  switch (kind) {
    case 'podStatus': {
      const c = podColumns(pod, view.now())
      const field = String(raw.field ?? 'status')
      return { value: field === 'ready' ? c.ready : field === 'restarts' ? String(c.restarts) : c.status }
    }
    case 'phase':
      return { value: String((pod as Pod).status?.phase ?? 'Pending') }
    case 'node':
      return { value: String((pod as Pod).spec?.nodeName ?? '<none>') }
    case 'flow': {
      if (!view.podHistory) return { error: authoring(msg(ctx, 'grader.flow.noHistory')) }
      return { sequence: podFlow(historyOf(view, pod) ?? [], raw.phases === true ? 'phase' : 'status') }
    }
  }
  return { error: authoring(msg(ctx, 'grader.answer.badProbe', { probe: kind })) }
}

export function answerFilePath(ctx: GradeContext, file: string): string | undefined {
  return ctx.files.find((f) => f === file || f.endsWith(`/${file}`))
}

export function answerCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const file = answerFilePath(ctx, String(args.file))
  if (!file) return authoring(msg(ctx, 'grader.answer.notExerciseFile', { file: String(args.file) }))
  const text = ctx.read(file)
  if (text === undefined) return fail(msg(ctx, 'grader.file.missing', { file }))
  const question = String(args.question)
  const a = readAnswer(text, question)
  const where = { file, line: a.line }
  if (a.broken) return fail(msg(ctx, 'grader.answer.broken', { file, line: a.line, error: a.broken }), where)
  if (a.missingKey) return fail(msg(ctx, 'grader.answer.missingKey', { file, question }), where)
  if (isEmpty(a.value)) return fail(msg(ctx, 'grader.answer.empty', { question, file, line: a.line }), where)
  const answer = Array.isArray(a.value) ? asSequence(a.value).join(' → ') : String(a.value).trim()
  if (args.equals !== undefined) {
    const key = args.equals
    const ok = Array.isArray(key)
      ? asSequence(a.value).map(norm).join('|') === key.map((k) => norm(String(k))).join('|')
      : norm(String(a.value)) === norm(String(key))
    return ok ? pass(msg(ctx, 'grader.answer.right', { question, answer })) : fail(msg(ctx, 'grader.answer.wrong', { question, answer }), where)
  }
  const actual = probe(ctx, view, args.actual as Record<string, unknown>)
  if (actual.error) return actual.error
  let ok: boolean
  let did: string
  if (actual.sequence) {
    did = actual.sequence.join(' → ')
    // A repeating cycle (Error → CrashLoopBackOff → Error ...) may be written once: each value at its first occurrence.
    const predicted = asSequence(a.value).map(norm).join('|')
    ok = predicted === actual.sequence.map(norm).join('|') || predicted === [...new Set(actual.sequence.map(norm))].join('|')
  } else {
    did = actual.value ?? ''
    ok = norm(Array.isArray(a.value) ? a.value.join(' ') : String(a.value)) === norm(did)
  }
  const params = { question, answer, actual: did }
  return ok ? pass(msg(ctx, 'grader.answer.matches', params)) : fail(msg(ctx, 'grader.answer.differs', params), where)
}
