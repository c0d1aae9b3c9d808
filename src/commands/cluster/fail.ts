import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterFail extends KubelingsCommand {
  static override summary = 'Make a node fail, to see what the control plane does about it.'
  static override description =
    'The node\'s kubelet stops: it no longer renews its lease nor looks after its pods. After 50 seconds the node lifecycle controller marks the node NotReady and taints it; after the 300-second toleration its pods are evicted and their ReplicaSets start replacements elsewhere. `kubelings cluster recover` brings it back. The control-plane node cannot fail here: it runs the whole control plane, so the cluster\'s API would go with it; `kubelings cluster stop kubelet/control-plane` stops its kubelet alone.'
  static override examples = ['<%= config.bin %> cluster fail node/node-1', '<%= config.bin %> cluster advance 6m']
  static override args = { node: Args.string({ description: 'node/NAME', required: true }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterFail)
    const { setNodeFailed } = await import('../../course/components-command.js')
    const result = setNodeFailed(args.node, true, flags)
    this.log(result.message)
    return result
  }
}
