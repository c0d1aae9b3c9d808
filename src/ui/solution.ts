// `kubelings solution`: the reference solution, only once the exercise passed, or when the learner
// says so (--force, or yes to a question in a terminal). Seeing it is recorded in the progress.
import type { Exercise } from '../course/course.js'
import { UserError } from '../course/errors.js'
import { solutionFiles, type SolutionFile } from '../course/exercise-files.js'
import { t, type Lang } from '../course/i18n.js'
import { isPassed, updateProgress } from '../course/progress.js'
import { interactive, tell, type RunnerState } from './runner.js'

/** The solution files when the learner may see them; undefined when they declined. */
export async function unlockSolution(state: RunnerState, exercise: Exercise, force: boolean): Promise<SolutionFile[] | undefined> {
  const { session, progress } = state
  const { lang } = session
  const files = solutionFiles(session.course, exercise, lang)
  if (!isPassed(progress, exercise.id) && !force) {
    if (!interactive()) throw new UserError(t(lang, 'solution.locked', { exercise: exercise.id }))
    const { confirm } = await import('@inquirer/prompts')
    if (!(await confirm({ message: t(lang, 'solution.confirm', { exercise: exercise.id }), default: false }))) {
      process.stdout.write(`${t(lang, 'solution.declined')}\n`)
      return undefined
    }
  }
  const { notices } = updateProgress(session.ws, lang, (p) => {
    ;(p.exercises[exercise.id] ??= { status: 'pending', attempts: 0 }).sawSolution = true
  })
  tell(notices)
  return files
}

export function renderSolution(files: SolutionFile[], lang: Lang): string {
  return files.map((f) => `${t(lang, 'solution.file', { file: f.file })}\n\n${f.text.trimEnd()}\n`).join('\n')
}
