import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterStatus extends KubelingsCommand {
  static override summary = 'Show the components and nodes of the playground cluster.'
  static override description =
    'Which control-plane components run on the control-plane node, which node components run on every node, and what each one does.'
  static override examples = ['<%= config.bin %> cluster status', '<%= config.bin %> cluster status --json']
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { flags } = await this.parse(ClusterStatus)
    const { playgroundStatus } = await import('../../ui/cluster-main.js')
    const told = playgroundStatus(flags)
    for (const line of told.lines) this.log(line)
    return told.json
  }
}
