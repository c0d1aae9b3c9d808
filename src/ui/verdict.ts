// A verdict as the learner reads it, for `verify`, `watch` and the menu: one ✓/✗ line per check,
// its message below, and where in their file the problem is. Colour only on a terminal without
// NO_COLOR.
import { t, type Lang } from '../course/i18n.js'
import type { Verdict } from '../grader/types.js'

export interface VerdictStyle {
  /** ANSI colours (a terminal, NO_COLOR unset). */
  color: boolean
}

/** Colour for this stream: a terminal, and NO_COLOR not set (https://no-color.org). */
export function verdictStyle(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): VerdictStyle {
  return { color: stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') }
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s)

/** The checks, one per line with its message indented below. */
export function renderChecks(verdict: Verdict, lang: Lang, style: VerdictStyle = { color: false }): string {
  const lines: string[] = []
  for (const c of verdict.checks) {
    const mark = c.passed ? paint(style.color, '32', '✓') : c.authoringError ? paint(style.color, '33', '✗') : paint(style.color, '31', '✗')
    lines.push(`${mark} ${paint(style.color, '1', c.name)}`)
    for (const line of c.message.split('\n')) lines.push(`    ${line}`)
    // A message that already names the place (`answers.yaml:2`) is not followed by it again.
    if (c.where && !c.message.includes(`${c.where.file}:${c.where.line}`)) lines.push(`    ${paint(style.color, '2', t(lang, 'verify.at', { file: c.where.file, line: c.where.line }))}`)
  }
  return lines.join('\n')
}

/** The whole verdict: the checks, then one line saying passed or how many failed. */
export function renderVerdict(verdict: Verdict, lang: Lang, style: VerdictStyle = { color: false }): string {
  const failed = verdict.checks.filter((c) => !c.passed)
  const summary = verdict.passed
    ? paint(style.color, '32', t(lang, 'verify.passed', { id: verdict.exercise }))
    : paint(style.color, '31', t(lang, 'verify.failed', { id: verdict.exercise, failed: failed.length, total: verdict.checks.length }))
  const out = [renderChecks(verdict, lang, style), '', summary]
  if (failed.some((c) => c.authoringError)) out.push(paint(style.color, '33', t(lang, 'verify.authoring')))
  return out.join('\n')
}
