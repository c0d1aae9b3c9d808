// What a runner command works on: the learner's workspace, the course it follows, the language to
// speak, and the progress so far. One place decides each of them, so every command agrees.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { allExercises, loadCourse, type Course, type Exercise } from './course.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'
import { isPassed, type Progress } from './progress.js'
import { readSettings, sessionLang, workspaceFlag, type SessionFlags, type Settings } from './settings.js'
import { PACKAGE_ROOT, requireWorkspace, type Workspace } from './workspace.js'

export type { SessionFlags } from './settings.js'

export interface Session {
  ws: Workspace
  settings: Settings
  lang: Lang
  course: Course
}

/**
 * The course folder: --course, then the one the workspace was made from, then the shipped one. A
 * saved course path written by hand as a relative path is relative to the workspace, not to
 * wherever the command happens to run.
 */
export function courseRoot(flags: SessionFlags, settings: Settings, cwd = process.cwd(), wsRoot = cwd): string {
  if (flags.course) return resolve(cwd, flags.course)
  return settings.course ? resolve(wsRoot, settings.course) : PACKAGE_ROOT
}

/** Open the course at `root` (strictly: a broken course is one clear report, exit 3, in the learner's language). */
export function openCourse(root: string, lang: Lang): Course {
  if (!existsSync(resolve(root, 'lessons'))) throw new UserError(t(lang, 'course.notFound', { dir: root }), 3)
  return loadCourse(root, { strict: true, lang }).course
}

export function openSession(flags: SessionFlags, cwd = process.cwd(), env = process.env): Session {
  const lang = sessionLang(flags, cwd, env)
  const ws = requireWorkspace(cwd, workspaceFlag(flags, env), lang)
  const settings = readSettings(ws)
  const course = openCourse(courseRoot(flags, settings, cwd, ws.root), lang)
  return { ws, settings, lang, course }
}

/** The exercise to work on: the saved current one while it is not passed, else the first not passed. */
export function currentExercise(course: Course, progress: Progress): Exercise | undefined {
  const all = allExercises(course)
  const saved = all.find((e) => e.id === progress.current)
  if (saved && !isPassed(progress, saved.id)) return saved
  return all.find((e) => !isPassed(progress, e.id))
}

/** The exercise an optional argument names (or the current one), or a clear error. */
export function pickExercise(session: Session, progress: Progress, id: string | undefined): Exercise | undefined {
  if (id === undefined) return currentExercise(session.course, progress)
  const e = allExercises(session.course).find((x) => x.id === id)
  if (!e) throw new UserError(t(session.lang, 'exercise.unknown', { id }), 2)
  return e
}
