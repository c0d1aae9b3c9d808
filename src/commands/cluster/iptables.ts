import { Flags } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterIptables extends KubelingsCommand {
  static override summary = 'The iptables rules of a node, as iptables-save prints them.'
  static override description =
    'kube-proxy on each node turns Services and their EndpointSlices into rules: nat KUBE-SERVICES → KUBE-SVC-… (one rule per endpoint, picked at random with the probability shown) → KUBE-SEP-… (DNAT to the pod), KUBE-NODEPORTS for node ports, and in the filter table a REJECT for each Service without endpoints. Stop kube-proxy on a node (`kubelings cluster stop kube-proxy/NAME`) and its rules stop following the cluster.'
  static override examples = ['<%= config.bin %> cluster iptables --node node-1', '<%= config.bin %> cluster iptables --node node-1 --table nat']
  static override flags = {
    node: Flags.string({ description: 'the node: NAME or node/NAME', required: true }),
    table: Flags.string({ char: 't', description: 'only this table: nat or filter' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterIptables)
    const { iptablesInPlayground } = await import('../../course/network-command.js')
    process.stdout.write(iptablesInPlayground(flags.node, flags.table, flags))
  }
}
