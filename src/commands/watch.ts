import { Flags } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Watch extends KubelingsCommand {
  static override summary = 'Verify the current exercise each time you save it; press n to move on once it passes.'
  static override description = [
    'Keys: h hint (one more each time), l list, n next exercise, r re-run, q quit (exit 0; Ctrl-C exits 130). Progress is saved at every verification.',
    'Where file events do not arrive (WSL /mnt/c, network file systems) watch notices it and polls instead; --poll polls from the start, --manual verifies only when you press Enter.',
    'Without a terminal, keys are read as lines (a letter then Enter) and watch ends when its input ends.',
  ].join('\n')
  static override examples = ['<%= config.bin %> watch', '<%= config.bin %> watch --poll', '<%= config.bin %> watch --manual']
  static override flags = {
    manual: Flags.boolean({ description: 'Do not watch files: verify when you press Enter (or r).' }),
    poll: Flags.boolean({ description: 'Check the files for saves every 300 ms instead of waiting for file events.' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Watch)
    const { UserError } = await import('../course/errors.js')
    const { t } = await import('../course/i18n.js')
    const { openSession } = await import('../course/session.js')
    const session = openSession(flags)
    if (flags.manual && flags.poll) throw new UserError(t(session.lang, 'watch.manualAndPoll'), 2)
    const { verifyInWorkspace } = await import('../course/verify.js')
    const { renderVerdict, verdictStyle } = await import('../ui/verdict.js')
    const { runWatch } = await import('../ui/watch.js')
    const style = verdictStyle(process.stdout)
    process.exitCode = await runWatch(session, { manual: flags.manual, poll: flags.poll }, {
      verify: (exercise) => verifyInWorkspace(session, exercise),
      render: (verdict) => renderVerdict(verdict, session.lang, style),
    })
  }
}
