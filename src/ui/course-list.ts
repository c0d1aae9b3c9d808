// `kubelings list` and the home screen outside a terminal: every lesson and exercise with its state.
// One value (the listing) feeds both the --json output and the table people read.
import stringWidth from 'string-width'
import { allExercises, type Course, type Localized } from '../course/course.js'
import { t, type Lang } from '../course/i18n.js'
import { isPassed, type Progress } from '../course/progress.js'
import { currentExercise } from '../course/session.js'
import { progressLine } from './progress-bar.js'

export interface ListedExercise {
  id: string
  title: string
  titles: Localized
  mode: 'manifest' | 'answer'
  /** Workspace-relative (`exercises/<lesson dir>/<file>`); the solution is at the same path under solutions/. */
  files: string[]
  status: 'pending' | 'passed'
  current: boolean
  hints: number
}

export interface ListedLesson {
  id: string
  dir: string
  goal: number
  title: string
  titles: Localized
  exercises: ListedExercise[]
}

export interface Listing {
  lessons: ListedLesson[]
  /** The exercise to work on next; absent when every exercise has passed. */
  current?: string
  done: number
  total: number
}

export function buildListing(course: Course, progress: Progress, lang: Lang): Listing {
  const current = currentExercise(course, progress)?.id
  const lessons = course.lessons.map((l) => ({
    id: l.id,
    dir: l.dir,
    goal: l.goal,
    title: l.title[lang],
    titles: l.title,
    exercises: l.exercises.map((e) => ({
      id: e.id,
      title: e.title[lang],
      titles: e.title,
      mode: e.mode,
      files: e.files,
      status: isPassed(progress, e.id) ? ('passed' as const) : ('pending' as const),
      current: e.id === current,
      hints: e.hints.length,
    })),
  }))
  const all = allExercises(course)
  return { lessons, ...(current ? { current } : {}), done: all.filter((e) => isPassed(progress, e.id)).length, total: all.length }
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - stringWidth(text)))

/** The table: one block per lesson, `✓`/`▸`/`·` per exercise, then the progress bar and a legend. */
export function renderListing(listing: Listing, lang: Lang, columns = 80): string {
  const idWidth = Math.max(0, ...listing.lessons.flatMap((l) => l.exercises.map((e) => stringWidth(e.id))))
  const lines: string[] = []
  listing.lessons.forEach((l, i) => {
    lines.push(t(lang, 'list.lesson', { n: i + 1, title: lang === 'zh' ? `${l.title}（${l.id}）` : `${l.title} (${l.id})` }))
    for (const e of l.exercises) {
      const mark = e.status === 'passed' ? '✓' : e.current ? '▸' : '·'
      lines.push(`  ${mark} ${pad(e.id, idWidth)}  ${e.title}`)
    }
    lines.push('')
  })
  lines.push(progressLine(listing.done, listing.total, lang, columns))
  lines.push(t(lang, 'list.legend'))
  return `${lines.join('\n')}\n`
}
