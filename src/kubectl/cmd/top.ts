// kubectl top (pkg/cmd/top): resource usage read from the Metrics API (metrics.k8s.io), which only
// metrics-server serves. A kubeadm or kind cluster does not install it, and neither does this
// simulator, so `top node` and `top pod` answer as they do there: `error: Metrics API not available`.
import { KubectlError, type KubectlCommand } from '../context.js'

const HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

/** The subcommands and their aliases (top node: nodes, no; top pod: pods, po). */
const SUBCOMMANDS = new Set(['node', 'nodes', 'no', 'pod', 'pods', 'po'])

const top: KubectlCommand = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  help: HELP,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'containers', type: 'bool' },
    { name: 'sum', type: 'bool' },
    { name: 'show-capacity', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool' },
  ],
  run(ctx, args) {
    const [sub] = args.positionals
    if (sub === undefined) {
      // DefaultSubCommandRun(streams.ErrOut): the help on stderr, then exit 1.
      ctx.err(HELP)
      return 1
    }
    if (!SUBCOMMANDS.has(sub)) throw new KubectlError(`error: unknown command "${args.positionals.join(' ')}"\nSee 'kubectl top -h' for help and examples`)
    // metricsAPIAvailable: discovery lists no metrics.k8s.io group without metrics-server.
    throw new KubectlError('error: Metrics API not available')
  },
}

export default top
