import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Hint extends KubelingsCommand {
  static override summary = 'Show the next hint for an exercise.'
  static override description = 'Hints come one at a time: each call shows the next one (--all shows them all). Without EXERCISE, the one you are on.'
  static override examples = ['<%= config.bin %> hint', '<%= config.bin %> hint pod-completes --all']
  static override args = { exercise: Args.string({ description: 'exercise id (default: the current exercise)' }) }
  static override flags = { all: Flags.boolean({ description: 'Show every hint at once.' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Hint)
    const { openRunner, requireExercise, tell } = await import('../ui/runner.js')
    const { revealHints, renderHints } = await import('../ui/hints.js')
    const state = openRunner(flags)
    const exercise = requireExercise(state, args.exercise, 'hint')
    const step = revealHints(state.session.ws, exercise, state.session.lang, flags.all)
    tell(step.notices)
    this.log(renderHints(step, state.session.lang).trimEnd())
    return { exercise: step.exercise, total: step.total, hints: step.hints, last: step.last }
  }
}
