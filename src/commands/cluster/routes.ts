import { Flags } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterRoutes extends KubelingsCommand {
  static override summary = 'The routing table of a node, as `ip route` prints it.'
  static override description =
    'The CNI plugin decides how a node reaches the pods of another: under overlay, flannel routes each remote pod CIDR through flannel.1 (VXLAN); under underlay with host-gw, straight to the other node\'s IP, which only works on one subnet; with BGP, routes learned from the routers. Pods of the node itself sit on the cni0 bridge.'
  static override examples = ['<%= config.bin %> cluster routes --node node-1']
  static override flags = {
    node: Flags.string({ description: 'the node: NAME or node/NAME', required: true }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterRoutes)
    const { routesInPlayground } = await import('../../course/network-command.js')
    process.stdout.write(routesInPlayground(flags.node, flags))
  }
}
