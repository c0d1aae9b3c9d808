import { KubelingsCommand } from '../ui/command.js'

export default class List extends KubelingsCommand {
  static override summary = 'List every lesson and exercise with your progress.'
  static override description = '✓ passed, ▸ the exercise you are on, · still to do. --json gives the same as data.'
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json']
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { flags } = await this.parse(List)
    const { openRunner, terminalColumns } = await import('../ui/runner.js')
    const { buildListing, renderListing } = await import('../ui/course-list.js')
    const { session, progress } = openRunner(flags)
    const listing = buildListing(session.course, progress, session.lang)
    this.log(renderListing(listing, session.lang, terminalColumns()).trimEnd())
    return listing
  }
}
