import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterReboot extends KubelingsCommand {
  static override summary = 'Reboot a node: its pods get new sandboxes, new IPs, and restarted containers.'
  static override description =
    'Every process on the node dies, the pause containers with the rest. When its kubelet starts again it finds each pod\'s sandbox gone, records SandboxChanged, makes a new sandbox (the next attempt, a new IP) and starts the containers again; their last state is Terminated, reason Unknown, exit code 255.'
  static override examples = ['<%= config.bin %> cluster reboot node/node-1', '<%= config.bin %> crictl --node node-1 pods']
  static override args = { node: Args.string({ description: 'node/NAME', required: true }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterReboot)
    const { rebootNode } = await import('../../course/sandbox-command.js')
    const result = rebootNode(args.node, flags)
    this.log(result.message)
    return result
  }
}
