import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Solution extends KubelingsCommand {
  static override summary = 'Show the reference solution of an exercise you have passed.'
  static override description =
    'Before the exercise passes, the solution stays hidden unless you confirm (in a terminal) or pass --force. Without EXERCISE, the one you are on.'
  static override examples = ['<%= config.bin %> solution pod-completes', '<%= config.bin %> solution --force']
  static override args = { exercise: Args.string({ description: 'exercise id (default: the current exercise)' }) }
  static override flags = { force: Flags.boolean({ char: 'y', description: 'Show it even though the exercise has not passed yet.' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Solution)
    const { openRunner, requireExercise } = await import('../ui/runner.js')
    const { unlockSolution, renderSolution } = await import('../ui/solution.js')
    const state = openRunner(flags)
    const exercise = requireExercise(state, args.exercise, 'solution')
    const files = await unlockSolution(state, exercise, flags.force)
    if (!files) return { exercise: exercise.id, shown: false }
    this.log(renderSolution(files, state.session.lang).trimEnd())
    return { exercise: exercise.id, shown: true, files }
  }
}
