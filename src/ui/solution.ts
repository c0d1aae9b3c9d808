// `kubelings solution`: the reference solution, only once the exercise passed, or when the learner
// says so (--force, or yes to a question in a terminal). Seeing it is recorded in the progress.
import type { Exercise } from '../course/course.js'
import { Interrupted, UserError } from '../course/errors.js'
import { solutionFiles, type SolutionFile } from '../course/exercise-files.js'
import { t, type Lang } from '../course/i18n.js'
import { isPassed, updateProgress } from '../course/progress.js'
import { interactive, tell, type RunnerState } from './runner.js'

export type Confirm = (message: string, defaultAnswer: boolean) => Promise<boolean>

/** Ask in the terminal. Ctrl-C there is a clean exit (130) with the learner told, not an error. */
async function askTerminal(message: string, defaultAnswer: boolean, lang: Lang): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts')
  try {
    return await confirm({ message, default: defaultAnswer })
  } catch (e) {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new Interrupted(t(lang, 'menu.interrupted'))
    throw e
  }
}

/** The solution files when the learner may see them; undefined when they declined. */
export async function unlockSolution(state: RunnerState, exercise: Exercise, force: boolean, ask?: Confirm): Promise<SolutionFile[] | undefined> {
  const { session, progress } = state
  const { lang } = session
  const files = solutionFiles(session.course, exercise, lang)
  if (!isPassed(progress, exercise.id) && !force) {
    if (!ask && !interactive()) throw new UserError(t(lang, 'solution.locked', { exercise: exercise.id }))
    const question = t(lang, 'solution.confirm', { exercise: exercise.id })
    if (!(await (ask ? ask(question, false) : askTerminal(question, false, lang)))) {
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
