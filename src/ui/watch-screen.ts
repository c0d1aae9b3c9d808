// What `kubelings watch` shows: the exercise (named on the first line), its files, the last
// verdict, any hints asked for, and the keys. One pure function of the watch's state, so the
// screen is the same whether it is drawn in a terminal or written to a pipe.
import { allExercises, type Course, type Exercise } from '../course/course.js'
import wrapAnsi from 'wrap-ansi'
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
  /** The terminal's width (80 in a pipe), for the progress bar and wrapping. */
  columns: number
  /** The terminal's height; undefined in a pipe, where nothing is cut to fit. */
  rows?: number
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

/** Lines as the terminal shows them: wrapped at `columns` by display width (CJK counts two). */
function wrapped(lines: string[], columns: number): string[] {
  // trim: false keeps the verdict's indentation; the blanks a break leaves at a line's end go.
  return lines.flatMap((line) => wrapAnsi(line, columns, { hard: true, trim: false }).split('\n').map((l) => l.replace(/ +$/, '')))
}

/**
 * Cut the verdict's middle so the whole screen fits in `room` rows: the exercise's name above it
 * and the keys below it must stay in sight. Its last line (the summary) is kept.
 */
function fitVerdict(verdict: string[], room: number, columns: number, lang: Lang): string[] {
  if (verdict.length <= room) return verdict
  const cut = (n: number): string[] => wrapped([t(lang, 'watch.cut', { n })], columns)
  const keep = Math.max(room - 1 - cut(verdict.length).length, 1)
  return [...verdict.slice(0, keep), ...cut(verdict.length - 1 - keep), verdict[verdict.length - 1]]
}

export function renderWatchScreen(view: WatchView, lang: Lang): string {
  const all = allExercises(view.course)
  const done = all.filter((e) => isPassed(view.progress, e.id)).length
  const exercise = view.exercise
  // Four parts, top to bottom; only the verdict gives way when the terminal is short.
  const header: string[] = []
  let verdict: string[] = []
  const body: string[] = []
  const footer: string[] = []
  if (exercise) {
    const lesson = view.course.lessons.find((l) => l.id === exercise.lesson)
    header.push(t(lang, 'watch.title', { exercise: exercise.id, n: all.indexOf(exercise) + 1, total: all.length, title: exercise.title[lang] }))
    if (lesson) header.push(t(lang, 'watch.lesson', { title: lesson.title[lang], lesson: lesson.id }))
    header.push(filesLine(view, exercise, lang), '')
    if (view.error) verdict = [t(lang, 'watch.error', { exercise: exercise.id, message: view.error })]
    else if (view.verdict !== undefined) verdict = view.verdict.replace(/\n+$/, '').split('\n')
    else verdict = [t(lang, 'watch.verifying', { exercise: exercise.id })]
    if (view.passed) {
      body.push('', view.next ? t(lang, 'watch.passed', { exercise: exercise.id, next: view.next.id }) : t(lang, 'watch.passedLast', { exercise: exercise.id }))
    } else if (view.verdict !== undefined || view.error) {
      body.push('', t(lang, 'watch.notPassed'))
    }
    const hints = hintLines(exercise, view.hintsShown, lang)
    if (hints.length > 0) body.push('', ...hints)
  } else {
    header.push(t(lang, 'watch.allDone'))
  }
  if (view.showList) body.push('', ...watchList(view.course, view.progress, exercise?.id, lang))
  if (view.notices.length > 0) body.push('', ...view.notices)
  footer.push('', progressLine(done, all.length, lang, view.columns))
  if (view.modeReason) footer.push(view.modeReason)
  if (exercise && view.watching) footer.push(modeLine(view, exercise, lang))
  footer.push(t(lang, !view.rawKeys ? 'watch.keysLines' : view.mode === 'manual' ? 'watch.keysManual' : 'watch.keys'))
  if (view.rows === undefined) return `${[...header, ...verdict, ...body, ...footer].join('\n')}\n`
  // In a terminal: wrap as it will, and keep one row free for the cursor.
  const [h, v, b, f] = [header, verdict, body, footer].map((part) => wrapped(part, view.columns))
  return `${[...h, ...fitVerdict(v, view.rows - 1 - h.length - b.length - f.length, view.columns, lang), ...b, ...f].join('\n')}\n`
}
