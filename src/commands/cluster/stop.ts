import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterStop extends KubelingsCommand {
  static override summary = 'Stop a component of the playground cluster, to see what it does.'
  static override description =
    'With kube-scheduler stopped, new pods stay Pending; with kube-controller-manager stopped, a Deployment gets no ReplicaSet. A control-plane component stops as on kubeadm when its manifest leaves /etc/kubernetes/manifests: its static pod goes too, and kube-scheduler gives up its leader lease (kube-controller-manager keeps holding its own until it expires). `kubelings cluster start` brings it back.'
  static override examples = ['<%= config.bin %> cluster stop scheduler', '<%= config.bin %> cluster stop controller-manager']
  static override args = { component: Args.string({ description: 'scheduler, controller-manager, kubelet/NODE or kube-proxy/NODE', required: true }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterStop)
    const { setComponent } = await import('../../course/components-command.js')
    const result = setComponent(args.component, false, flags)
    this.log(result.message)
    return result
  }
}
