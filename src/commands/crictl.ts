import { KubelingsCommand } from '../ui/command.js'

export default class Crictl extends KubelingsCommand {
  static override summary = 'What the container runtime on a node sees: crictl pods, ps [-a], images, inspectp ID, inspect ID.'
  static override description =
    'crictl talks to containerd on one node, below Kubernetes: `pods` lists the pod sandboxes (one pause container each, the pod\'s network namespace and IP), `ps` the app containers with the sandbox they run in. Every other argument goes to crictl unchanged.'
  static override strict = false
  static override examples = ['<%= config.bin %> crictl --node node-1 pods', '<%= config.bin %> crictl --node node-1 ps -a', '<%= config.bin %> crictl --node node-1 inspectp 3f6c1a2b9d0e4']

  async run(): Promise<void> {
    // crictl's own flags (-a, -q, -o json ...) go to it untouched; only --node, --lang and --workspace are ours.
    // oclif's parser would refuse crictl's own flags, so the arguments are read here.
    this.parsed = true
    const own: Record<string, string | undefined> = {}
    const rest: string[] = []
    for (let i = 0; i < this.argv.length; i++) {
      const m = /^--(node|lang|workspace)(?:=(.*))?$/.exec(this.argv[i])
      if (m) own[m[1]] = m[2] ?? this.argv[++i]
      else rest.push(this.argv[i])
    }
    const { crictlOnNode } = await import('../course/crictl-command.js')
    const out = crictlOnNode(own.node, rest, { lang: own.lang, workspace: own.workspace })
    if (out.stdout) process.stdout.write(out.stdout)
    if (out.stderr) process.stderr.write(out.stderr)
    process.exitCode = out.exitCode
  }
}
