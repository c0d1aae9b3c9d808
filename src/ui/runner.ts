// What the runner's commands (list, lesson, hint, solution, reset, the menu) share: open the session,
// read the progress, and tell the learner at once about anything that happened to their progress file.
import { allExercises, type Exercise } from '../course/course.js'
import { UserError } from '../course/errors.js'
import { t } from '../course/i18n.js'
import { readProgress, type Progress } from '../course/progress.js'
import { openSession, pickExercise, type Session, type SessionFlags } from '../course/session.js'

export interface RunnerState {
  session: Session
  progress: Progress
}

/** Notices (a damaged progress file moved aside ...) go to stderr, so --json output stays clean. */
export function tell(notices: string[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const n of notices) stream.write(`${n}\n`)
}

export function openRunner(flags: SessionFlags): RunnerState {
  const session = openSession(flags)
  const { progress, notices } = readProgress(session.ws, session.lang)
  tell(notices)
  return { session, progress }
}

/** Columns to lay text out in: the terminal's width, 80 when piped. */
export function terminalColumns(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 80
}

/** The exercise an argument names, else the current one; when every exercise passed, say how to name one. */
export function requireExercise(state: RunnerState, id: string | undefined, command: string): Exercise {
  const { session, progress } = state
  const exercise = pickExercise(session, progress, id)
  if (exercise) return exercise
  const all = allExercises(session.course)
  if (all.length === 0) throw new UserError(t(session.lang, 'course.empty', { dir: session.course.root }), 3)
  throw new UserError(t(session.lang, 'exercise.allPassed', { command, id: all[all.length - 1].id }))
}

/** Prompts only where someone can answer: both ends a terminal, and not CI. */
export function interactive(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true && !env.CI
}

/** ANSI styles: a terminal, and NO_COLOR unset or empty (https://no-color.org). */
export function colorOn(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === ''
}
