import { KubelingsCommand } from '../ui/command.js'

export default class Kubectl extends KubelingsCommand {
  static override summary = "Run kubectl against your workspace's playground cluster."
  static override description =
    'Every argument goes to kubectl unchanged: kubelings kubectl get pods -o wide. Supported: get (-w too), describe, apply, create, run, delete, logs, scale, label, annotate, patch, wait, rollout, set image, expose, cordon, uncordon, drain, explain, api-resources, cluster-info, version, exec, port-forward. Run `kubelings kubectl --help` for kubectl\'s own help.'
  static override strict = false
  static override examples = [
    '<%= config.bin %> kubectl get nodes',
    '<%= config.bin %> kubectl apply -f exercises/01-pod/pod.yaml',
    '<%= config.bin %> kubectl describe pod web',
  ]

  async run(): Promise<void> {
    // bin/run.js normally handles `kubectl` before oclif starts; this is the same path for callers
    // that go through oclif (tests, `npx kubelings` aliases).
    const { kubectlMain } = await import('../course/playground-kubectl.js')
    process.exitCode = await kubectlMain(this.argv)
  }
}
