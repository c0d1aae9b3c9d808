import { Args } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Reset extends KubelingsCommand {
  static override summary = 'Put an exercise\'s files back as shipped, keeping yours as a backup.'
  static override description = 'Your version of each file is kept beside it (e.g. pod.yaml.bak-<time>); an earlier backup is never overwritten. Without EXERCISE, the one you are on.'
  static override examples = ['<%= config.bin %> reset', '<%= config.bin %> reset pod-completes']
  static override args = { exercise: Args.string({ description: 'exercise id (default: the current exercise)' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Reset)
    const { openRunner, requireExercise } = await import('../ui/runner.js')
    const { resetExercise } = await import('../course/exercise-files.js')
    const { t } = await import('../course/i18n.js')
    const state = openRunner(flags)
    const { lang, course, ws } = state.session
    const exercise = requireExercise(state, args.exercise, 'reset')
    const files = resetExercise(course, ws, exercise, lang)
    for (const f of files) {
      this.log(t(lang, f.restored ? 'reset.restored' : 'reset.same', { file: f.file }))
      if (f.backup) this.log(t(lang, 'reset.backup', { backup: f.backup }))
    }
    return { exercise: exercise.id, files }
  }
}
