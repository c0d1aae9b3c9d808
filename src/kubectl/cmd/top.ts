// kubectl top (pkg/cmd/top): resource usage read from the Metrics API (metrics.k8s.io), which only
// metrics-server serves. A kubeadm or kind cluster does not install it, and neither does this
// simulator, so `top node` and `top pod` answer as they do there: `error: Metrics API not available`.
import { commandWords, flagString, type FlagSpec } from '../args.js'
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

/** top pod's and top node's own flags; the aliases pods/po and nodes/no name them too. */
const POD_FLAGS: readonly FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'containers', type: 'bool' },
  { name: 'sum', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool' },
]
const NODE_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-capacity', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool' },
]
const kindOf = (sub: string | undefined): 'pod' | 'node' | undefined => (sub === undefined ? undefined : ['pod', 'pods', 'po'].includes(sub) ? 'pod' : ['node', 'nodes', 'no'].includes(sub) ? 'node' : undefined)

const top: KubectlCommand = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  help: HELP,
  flags: [],
  subcommand(argv) {
    const kind = kindOf(commandWords(argv, [])[0])
    // top itself has no flags of its own.
    return kind ? { path: `top ${kind}`, flags: kind === 'pod' ? POD_FLAGS : NODE_FLAGS } : { path: 'top', flags: [] }
  },
  run(ctx, args) {
    const [sub, ...names] = args.positionals
    if (sub === undefined) {
      // DefaultSubCommandRun(streams.ErrOut): the help on stderr, then exit 1.
      ctx.err(HELP)
      return 1
    }
    const kind = kindOf(sub)
    if (!kind) throw new KubectlError(`error: unknown command "${args.positionals.join(' ')}"\nSee 'kubectl top -h' for help and examples`)
    // Complete: one NAME at most; Validate: the sort keys, and a NAME or a selector.
    if (names.length > 1) throw new KubectlError(`error: ${kind} [NAME | -l label]\nSee 'kubectl top ${kind} -h' for help and examples`)
    const sortBy = flagString(args, 'sort-by')
    if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('error: --sort-by accepts only cpu or memory')
    if (names.length === 1 && (flagString(args, 'selector') !== '' || flagString(args, 'field-selector') !== ''))
      throw new KubectlError(`error: only one of NAME or ${kind === 'pod' ? 'selector' : '--selector'} can be provided`)
    // metricsAPIAvailable: discovery lists no metrics.k8s.io group without metrics-server.
    throw new KubectlError('error: Metrics API not available')
  },
}

export default top
