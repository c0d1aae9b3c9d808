// `kubelings hint`: an exercise's hints one step at a time. How many were shown is kept in the
// progress file, so the next call (from any terminal, or the menu) gives the next one.
import type { Exercise } from '../course/course.js'
import { t, type Lang } from '../course/i18n.js'
import { updateProgress } from '../course/progress.js'
import type { Workspace } from '../course/workspace.js'

export interface HintStep {
  exercise: string
  total: number
  /** The hints to print now, numbered from 1. */
  hints: { n: number; text: string }[]
  /** True once every hint has been shown. */
  last: boolean
  notices: string[]
}

/** Reveal the next hint (or all of them); once all are out, each call repeats them all. */
export function revealHints(ws: Workspace, exercise: Exercise, lang: Lang, all = false): HintStep {
  const total = exercise.hints.length
  let shown = 0
  let before = 0
  const { notices } = updateProgress(ws, lang, (p) => {
    const e = (p.exercises[exercise.id] ??= { status: 'pending', attempts: 0 })
    before = Math.min(Math.max(e.hintsShown ?? 0, 0), total)
    shown = all ? total : Math.min(before + 1, total)
    e.hintsShown = shown
  })
  const from = all || before >= total ? 0 : before
  const hints = exercise.hints.slice(from, shown).map((h, i) => ({ n: from + i + 1, text: h[lang] }))
  return { exercise: exercise.id, total, hints, last: shown >= total, notices }
}

export function renderHints(step: HintStep, lang: Lang): string {
  if (step.total === 0) return `${t(lang, 'hint.none', { exercise: step.exercise })}\n`
  const blocks = step.hints.map((h) => `${t(lang, 'hint.header', { n: h.n, total: step.total, exercise: step.exercise })}\n  ${h.text.trim().replace(/\n/g, '\n  ')}\n`)
  return `${blocks.join('\n')}\n${t(lang, step.last ? 'hint.last' : 'hint.more')}\n`
}
