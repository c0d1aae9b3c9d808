import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterStart extends KubelingsCommand {
  static override summary = 'Start a stopped component of the playground cluster again.'
  static override description =
    'A new process of a control-plane component first takes its leader lease in kube-system, as on a real cluster. kube-scheduler gave its lease up when it stopped and takes it at once; kube-controller-manager did not (Kubernetes 1.32), so the new process waits until it has seen the old lease unrenewed for 15 seconds of cluster time. Then it lists everything and acts on what it missed while it was stopped (pods waiting for a node, Deployments waiting for a ReplicaSet).'
  static override examples = ['<%= config.bin %> cluster start scheduler', '<%= config.bin %> cluster start kubelet/node-1']
  static override args = { component: Args.string({ description: 'scheduler, controller-manager, kubelet/NODE or kube-proxy/NODE', required: true }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterStart)
    const { setComponent } = await import('../../course/components-command.js')
    const result = setComponent(args.component, true, flags)
    this.log(result.message)
    return result
  }
}
