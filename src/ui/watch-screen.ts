// What `kubelings watch` shows: the exercise (named on the first line), its files, the last
// verdict, any hints asked for, and the keys. One pure function of the watch's state, so the
// screen is the same whether it is drawn in a terminal or written to a pipe.
import { allExercises, type Course, type Exercise } from '../course/course.js'
import { t, type Lang } from '../course/i18n.js'
import { isPassed, type Progress } from '../course/progress.js'
import { progressLine } from './progress-bar.js'
import type { WatchMode } from './watch-files.js'

export interface WatchView {
  course: Course
  progress: Progress
  /** The exercise shown; undefined once every exercise has passed. */
  exercise: Exercise | undefined
  /** The last verdict, already rendered (✓/✗ lines). */
  verdict?: string
  passed?: boolean
  /** Where `n` goes after a pass; undefined when nothing is left. */
  next?: Exercise
  /** A verification that could not run (one sentence). */
  error?: string
  hintsShown: number
  showList: boolean
  /** Messages for this screen only (skipped, no more hints, progress file repaired...). */
  notices: string[]
  mode: WatchMode
  /** True once saves are being watched (in manual mode: once Enter is read): a save from now on counts. */
  watching: boolean
  /** Why the watch polls (events do not arrive here), shown while it does. */
  modeReason?: string
  /** Keys come one at a time (a terminal) or as lines (a pipe). */
  rawKeys: boolean
  /** The terminal's width (80 in a pipe), for the progress bar. */
  columns: number
}

function filesLine(view: WatchView, exercise: Exercise, lang: Lang): string {
  const files = exercise.files.join(', ')
  return t(lang, exercise.mode === 'answer' ? 'watch.answerFiles' : 'watch.files', { files })
}

function modeLine(view: WatchView, exercise: Exercise, lang: Lang): string {
  // Named only once the watcher is ready, so a learner (or a test) who sees it knows a save counts.
  const files = exercise.files.join(', ')
  if (view.mode === 'manual') return t(lang, 'watch.mode.manual')
  if (view.mode === 'polling') return t(lang, 'watch.mode.polling', { files, interval: 300 })
  return t(lang, 'watch.mode.events', { files })
}

function hintLines(exercise: Exercise, shown: number, lang: Lang): string[] {
  if (shown === 0) return []
  if (exercise.hints.length === 0) return [t(lang, 'watch.noHints', { exercise: exercise.id })]
  const lines = exercise.hints.slice(0, shown).map((h, i) => t(lang, 'watch.hint', { n: i + 1, total: exercise.hints.length, text: h[lang] }))
  if (shown > exercise.hints.length) lines.push(t(lang, 'watch.noMoreHints', { exercise: exercise.id }))
  return lines
}

/** A compact list: one line per exercise, `✓` passed, `▸` the one shown, `·` to do. */
export function watchList(course: Course, progress: Progress, shown: string | undefined, lang: Lang): string[] {
  const lines = [t(lang, 'watch.listTitle')]
  for (const lesson of course.lessons) {
    lines.push(`  ${lesson.title[lang]} (${lesson.id})`)
    for (const e of lesson.exercises) {
      const mark = isPassed(progress, e.id) ? '✓' : e.id === shown ? '▸' : '·'
      lines.push(`    ${mark} ${e.id}  ${e.title[lang]}`)
    }
  }
  return lines
}

export function renderWatchScreen(view: WatchView, lang: Lang): string {
  const all = allExercises(view.course)
  const done = all.filter((e) => isPassed(view.progress, e.id)).length
  const lines: string[] = []
  const exercise = view.exercise
  if (exercise) {
    const lesson = view.course.lessons.find((l) => l.id === exercise.lesson)
    lines.push(t(lang, 'watch.title', { exercise: exercise.id, n: all.indexOf(exercise) + 1, total: all.length, title: exercise.title[lang] }))
    if (lesson) lines.push(t(lang, 'watch.lesson', { title: lesson.title[lang], lesson: lesson.id }))
    lines.push(filesLine(view, exercise, lang), '')
    if (view.error) lines.push(t(lang, 'watch.error', { exercise: exercise.id, message: view.error }))
    else if (view.verdict !== undefined) lines.push(view.verdict.replace(/\n+$/, ''))
    else lines.push(t(lang, 'watch.verifying', { exercise: exercise.id }))
    if (view.passed) {
      lines.push('', view.next ? t(lang, 'watch.passed', { exercise: exercise.id, next: view.next.id }) : t(lang, 'watch.passedLast', { exercise: exercise.id }))
    } else if (view.verdict !== undefined || view.error) {
      lines.push('', t(lang, 'watch.notPassed'))
    }
    const hints = hintLines(exercise, view.hintsShown, lang)
    if (hints.length > 0) lines.push('', ...hints)
  } else {
    lines.push(t(lang, 'watch.allDone'))
  }
  if (view.showList) lines.push('', ...watchList(view.course, view.progress, exercise?.id, lang))
  if (view.notices.length > 0) lines.push('', ...view.notices)
  lines.push('', progressLine(done, all.length, lang, view.columns))
  if (view.modeReason) lines.push(view.modeReason)
  if (exercise && view.watching) lines.push(modeLine(view, exercise, lang))
  lines.push(t(lang, !view.rawKeys ? 'watch.keysLines' : view.mode === 'manual' ? 'watch.keysManual' : 'watch.keys'))
  return `${lines.join('\n')}\n`
}
