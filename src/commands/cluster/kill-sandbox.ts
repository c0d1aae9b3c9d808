import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterKillSandbox extends KubelingsCommand {
  static override summary = "Kill a pod's pause container, to see the kubelet replace its sandbox."
  static override description =
    'The pause container holds the pod\'s network namespace and IP. When it dies the kubelet records SandboxChanged ("Pod sandbox changed, it will be killed and re-created."), stops every container of the pod, and starts a new sandbox (the next attempt) with a new IP, in which all containers start again (RESTARTS + 1).'
  static override examples = ['<%= config.bin %> cluster kill-sandbox pod/web', '<%= config.bin %> kubectl get pod web -o wide', '<%= config.bin %> crictl --node node-1 pods']
  static override args = { pod: Args.string({ description: 'pod/NAME', required: true }) }
  static override flags = { namespace: Flags.string({ char: 'n', description: 'The namespace of the pod (default: default).' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterKillSandbox)
    const { killPodSandbox } = await import('../../course/sandbox-command.js')
    const result = killPodSandbox(args.pod, flags)
    this.log(result.message)
    return result
  }
}
