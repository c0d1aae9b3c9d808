// `object`: one field of one object, read with kubectl's own JSONPath, compared with a value, a
// regular expression, or only whether it is set. Points at the field's line in the learner's file.
import { resolveType } from '../../kubectl/resolve.js'
import { findResults, goValue, parseJsonPath } from '../../kubectl/printers/jsonpath.js'
import { msg, nsOf, objectRef, type GradeContext } from '../context.js'
import { parseFieldPath } from '../source.js'
import { authoring, fail, pass, type Outcome } from '../types.js'
import type { ClusterView } from '../view.js'

/** `.spec.x`, `spec.x` and `{.spec.x}` all mean the same template. */
export function jsonPathTemplate(path: string): string {
  const p = path.trim()
  if (p.startsWith('{')) return p
  return `{${p.startsWith('.') || p.startsWith('$') ? p : `.${p}`}}`
}

/** What a value prints as with `-o jsonpath` (strings bare, objects as JSON). */
const show = (v: unknown): string => (typeof v === 'string' ? v : goValue(v))

export function objectCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const kind = String(args.kind)
  if (!view.knows(kind)) return authoring(msg(ctx, 'grader.kind.unknown', { kind }))
  const name = String(args.name)
  const namespace = view.namespaced(kind) ? nsOf(args) : undefined
  const ref = objectRef(kind, name, namespace)
  const path = String(args.path)
  const parsed = parseJsonPath(jsonPathTemplate(path))
  if (!parsed.ok) return authoring(msg(ctx, 'grader.object.badPath', { path, error: parsed.error }))
  const obj = view.get(kind, namespace, name)
  if (!obj) return fail(msg(ctx, 'grader.object.notFound', { object: ref }))
  const found = findResults(parsed.value, obj, { allowMissingKeys: true })
  const values = found.ok ? found.value.flat() : []
  const set = values.length > 0 && values.some((v) => v !== undefined && v !== null)
  const actual = values.map(show).join(' ')
  const written = resolveType(kind)?.kind ?? kind
  const at = ctx.sources.locate(written, name, namespace, parseFieldPath(path)) ?? ctx.sources.locate(written, name, namespace)
  const params = { object: ref, path, actual }
  if (args.exists === false) return set ? fail(msg(ctx, 'grader.object.shouldNotExist', params), at) : pass(msg(ctx, 'grader.object.absent', params))
  if (!set) {
    if (args.equals !== undefined) return fail(msg(ctx, 'grader.object.unset', { ...params, expected: show(args.equals) }), at)
    if (args.matches !== undefined) return fail(msg(ctx, 'grader.object.unset', { ...params, expected: `/${String(args.matches)}/` }), at)
    return fail(msg(ctx, 'grader.object.missingField', params), at)
  }
  if (args.equals !== undefined) {
    const want = args.equals
    const ok = values.length === 1 && (typeof want === 'object' && want !== null ? JSON.stringify(values[0]) === JSON.stringify(want) : show(values[0]) === String(want))
    return ok ? pass(msg(ctx, 'grader.object.is', params)) : fail(msg(ctx, 'grader.object.notEqual', { ...params, expected: show(want) }), at)
  }
  if (args.matches !== undefined) {
    const re = new RegExp(String(args.matches))
    return re.test(actual) ? pass(msg(ctx, 'grader.object.is', params)) : fail(msg(ctx, 'grader.object.noMatch', { ...params, pattern: String(args.matches) }), at)
  }
  return pass(msg(ctx, 'grader.object.is', params))
}
