import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterAdvance extends KubelingsCommand {
  static override summary = "Let time pass on the playground cluster's clock."
  static override description =
    'Everything due in that time happens, in order: image pulls, restarts, probes, evictions. Durations as kubectl writes them: 30s, 5m, 1h, 1h30m, 250ms.'
  static override examples = ['<%= config.bin %> cluster advance 30s', '<%= config.bin %> cluster advance 5m']
  static override args = { duration: Args.string({ description: 'how long, e.g. 30s, 5m, 1h', required: true }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterAdvance)
    const { advancePlayground } = await import('../../ui/cluster-main.js')
    const told = advancePlayground(args.duration, flags)
    for (const line of told.lines) this.log(line)
    return told.json
  }
}
