import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Verify extends KubelingsCommand {
  static override summary = 'Grade an exercise: apply your files to a fresh simulated cluster and check what it did.'
  static override description =
    'Builds the exercise\'s starting cluster, applies your files as `kubectl apply` would, lets simulated time pass, and evaluates every check: ✓ or ✗ with what was expected and what the cluster actually did. Exit 0 when it passes, 1 when not. Without EXERCISE: the current one.'
  static override examples = ['<%= config.bin %> verify', '<%= config.bin %> verify pod-completes', '<%= config.bin %> verify pod-completes --json']
  static override args = { exercise: Args.string({ description: 'the exercise id (default: the current exercise)' }) }
  static override flags = { json: Flags.boolean({ description: 'Print the whole verdict as JSON.' }) }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Verify)
    const { runVerify } = await import('../ui/verify-main.js')
    process.exitCode = runVerify({ exercise: args.exercise, json: flags.json, lang: flags.lang, workspace: flags.workspace, course: flags.course })
  }
}
