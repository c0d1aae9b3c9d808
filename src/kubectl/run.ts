// `kubectl ARGS...` against a simulated cluster: parse, dispatch to one command, collect output.
import type { SimulatedCluster } from '../cluster/cluster.js'
import { GLOBAL_FLAGS, flagString, parseArgs, parseBool } from './args.js'
import { COMMANDS } from './cmd/index.js'
import { defaultNamespace } from './kubeconfig.js'
import { KUBECTL, KubectlError, klogHeader, type KubectlCommand, type KubectlContext } from './context.js'
import type { KubectlIO } from './io.js'
import { UNMODELLED } from './unmodelled.js'
import { HELP_TEXTS } from './help-texts.js'
import { levenshtein } from './levenshtein.js'

export interface KubectlOutput {
  stdout: string
  stderr: string
  exitCode: number
}

export function findCommand(name: string): KubectlCommand | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name))
}

/** Run one kubectl command line (without the leading `kubectl`). Never throws for bad input. */
export function runKubectl(cluster: SimulatedCluster, argv: readonly string[], io: KubectlIO): KubectlOutput {
  let stdout = ''
  let stderr = ''
  const exitCode = runKubectlTo(cluster, argv, io, {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
  })
  return { stdout, stderr, exitCode }
}

/**
 * runKubectl writing to `sink` as kubectl writes, in order: a terminal shows a Warning (stderr)
 * before the table that follows it (stdout), and an error after the rows printed before it.
 */
export function runKubectlTo(cluster: SimulatedCluster, argv: readonly string[], io: KubectlIO, sink: { out(s: string): void; err(s: string): void }): number {
  // Whatever the components had to do by now (they react within milliseconds) is done before
  // kubectl reads or writes anything.
  cluster.settle()
  return dispatch(cluster, argv, io, sink.out, sink.err)
}

function dispatch(cluster: SimulatedCluster, argv: readonly string[], io: KubectlIO, out: (s: string) => void, errw: (s: string) => void): number {
  // The command is the first argument that is not a global flag or its value.
  const globals = parseLeadingGlobals(argv)
  if (!globals.ok) {
    errw(`Error: ${globals.error}\nSee 'kubectl --help' for usage.\n`)
    return 1
  }
  const { index } = globals
  const name = argv[index]
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? argv[index + 1] : undefined
    const cmd = topic ? findCommand(topic) : undefined
    out(cmd ? helpOf(cmd, argv.slice(index + 2)) : rootHelp())
    return 0
  }
  const cmd = findCommand(name)
  if (!cmd) {
    errw(unknownCommand(name))
    return 1
  }
  const rest = [...argv.slice(0, index), ...argv.slice(index + 1)]
  if (rest.includes('--help') || rest.includes('-h')) {
    const dd = rest.indexOf('--')
    const at = Math.max(rest.indexOf('--help'), rest.indexOf('-h'))
    if (dd < 0 || at < dd) {
      out(helpOf(cmd, rest))
      return 0
    }
  }
  const sub = cmd.subcommand?.(rest)
  const path = sub?.path ?? cmd.name
  if (sub?.unavailable) {
    errw(`error: "kubectl ${path}" is not available in the kubelings playground yet.\n`)
    return 1
  }
  const unmodelled = UNMODELLED[path] ?? []
  const parsed = parseArgs(rest, [...(sub?.flags ?? cmd.flags), ...unmodelled])
  if (!parsed.ok) {
    errw(cmd.flagError?.(parsed.error) ?? `Error: ${parsed.error}\nSee 'kubectl ${path} --help' for usage.\n`)
    return 1
  }
  const notModelled = unmodelled.find((f) => parsed.value.flags[f.name] !== undefined)
  if (notModelled) {
    errw(`error: --${notModelled.name} of "kubectl ${path}" is not available in the kubelings playground yet.\n`)
    return 1
  }
  const deprecated = dryRunDeprecation(parsed.value.flags['dry-run'])
  if (deprecated) errw(`${klogHeader('W', deprecated.source, cluster.now())} ${deprecated.message}\n`)
  const ns = flagString(parsed.value, 'namespace')
  // Without -n, the namespace of the kubeconfig's current context (`kubectl config set-context --current --namespace=...`).
  let fromConfig: string
  try {
    fromConfig = ns || defaultNamespace(cluster, io)
  } catch (e) {
    errw(`error: ${(e as Error).message}\n`)
    return 1
  }
  const ctx: KubectlContext = {
    cluster,
    api: cluster.api,
    io,
    namespace: fromConfig,
    namespaceGiven: ns !== '',
    now: () => cluster.now(),
    out,
    err: errw,
  }
  // kubectl's warning handler (rest.NewWarningWriter, Deduplicate): each Warning header once per run.
  const warned = new Set<string>()
  const warn = (message: string): void => {
    if (warned.has(message)) return
    warned.add(message)
    errw(`Warning: ${message}\n`)
  }
  try {
    return cluster.api.withWarnings(KUBECTL, warn, () => cmd.run(ctx, parsed.value))
  } catch (e) {
    if (e instanceof KubectlError) {
      errw(e.message.endsWith('\n') ? e.message : `${e.message}\n`)
      return e.exitCode
    }
    throw e
  }
}

/** The help of the command or subcommand the arguments name: kubectl's own text where there is one (help-texts.ts). */
function helpOf(cmd: KubectlCommand, args: readonly string[]): string {
  const sub = cmd.subcommand?.(args)
  if (sub && !sub.unavailable && HELP_TEXTS[sub.path]) return HELP_TEXTS[sub.path]
  return cmd.helpFor?.(args) ?? cmd.help
}

/** GetDryRunStrategy's klog warnings for the old forms: bare `--dry-run` and the booleans. */
function dryRunDeprecation(value: unknown): { source: string; message: string } | undefined {
  if (value === 'unchanged') return { source: 'helpers.go:702', message: '--dry-run is deprecated and can be replaced with --dry-run=client.' }
  const b = typeof value === 'string' ? parseBool(value) : undefined
  if (b === true) return { source: 'helpers.go:716', message: `--dry-run=${String(value)} is deprecated (boolean value) and can be replaced with --dry-run=client.` }
  if (b === false) return { source: 'helpers.go:719', message: `--dry-run=${String(value)} is deprecated (boolean value) and can be replaced with --dry-run=none.` }
  return undefined
}

function parseLeadingGlobals(argv: readonly string[]): { ok: true; index: number } | { ok: false; error: string } {
  let i = 0
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '--help' && argv[i] !== '-h') {
    const a = argv[i]
    const long = a.startsWith('--') ? a.slice(2).split('=')[0] : undefined
    const spec = long !== undefined ? GLOBAL_FLAGS.find((f) => f.name === long) : GLOBAL_FLAGS.find((f) => f.short === a[1])
    if (!spec) return { ok: false, error: long !== undefined ? `unknown flag: --${long}` : `unknown shorthand flag: '${a[1]}' in ${a}` }
    const inline = a.includes('=') || (long === undefined && a.length > 2)
    i += spec.type === 'bool' || inline ? 1 : 2
  }
  return { ok: true, index: i }
}

/** kubectl 1.32's commands in the order it registers them (cobra suggests in this order). */
const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate',
  'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
]

/**
 * cobra's answer to an unknown command, with its "Did you mean this?" list: commands within
 * Levenshtein distance 2 (ignoring case) or starting with what was typed. A real kubectl command
 * that this playground does not have yet gets one sentence saying so instead.
 */
function unknownCommand(name: string): string {
  if (KUBECTL_COMMANDS.includes(name)) return `error: "kubectl ${name}" is not available in the kubelings playground yet.\n`
  const typed = name.toLowerCase()
  const suggestions = KUBECTL_COMMANDS.filter((c) => levenshtein(typed, c) <= 2 || c.startsWith(typed))
  const hint = suggestions.length ? `\nDid you mean this?\n${suggestions.map((c) => `\t${c}\n`).join('')}\n` : ''
  return `Error: unknown command "${name}" for "kubectl"\n${hint}`
}

function rootHelp(): string {
  // kubectl 1.32's groups, in its order, with the commands the playground has.
  const groups: [string, string[]][] = [
    ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
    ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
    ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
    ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
    ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
    ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
    ['Settings Commands', ['label', 'annotate', 'completion']],
    ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version']],
  ]
  const listed = groups.map(([title, names]) => [title, names.map((n) => findCommand(n)).filter((c): c is KubectlCommand => !!c)] as const)
  // cobra pads every name to the longest of all the commands (NamePadding), not of its group.
  const width = Math.max(...listed.flatMap(([, cmds]) => cmds.map((c) => c.name.length))) + 3
  let s = 'kubectl controls the Kubernetes cluster manager.\n\n This kubectl talks to the kubelings playground cluster (a simulated Kubernetes v1.32).\n\n'
  for (const [title, cmds] of listed) {
    if (cmds.length === 0) continue
    s += `${title}:\n`
    for (const c of cmds) s += `  ${c.name.padEnd(width)}${c.short}\n`
    s += '\n'
  }
  s += 'Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n'
  return s
}

export { KUBECTL }
