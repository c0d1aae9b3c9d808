// kubectl config (pkg/cmd/config): the kubeconfig of the simulated cluster, kubeadm's admin.conf (see
// kubeconfig.ts). view (redacted unless --raw; --minify keeps what the current context uses),
// current-context, get-contexts, get-clusters, get-users, use-context, and set-context, whose
// --namespace becomes the default namespace of every later command, as on a real machine. Each
// output was checked against kubectl 1.32 run on the same kubeconfig.
import { encodable, loadKubeconfig, saveKubeconfig, type Kubeconfig } from '../kubeconfig.js'
import { commandWords, flagBool, flagString, hasFlag } from '../args.js'
import { KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { CONFIG_HELP, CONFIG_SUBCOMMAND_HELP } from '../objects/config-help.js'
import { outputOf } from '../objects/output.js'
import { HELP_TEXTS } from '../help-texts.js'
import { executeJsonPath, parseJsonPath } from '../printers/jsonpath.js'
import { tabwriter } from '../printers/table.js'
import { goYaml } from '../printers/yaml.js'

/** The subcommands kubectl has and the playground does not yet. */
const ELSEWHERE = new Set(['set', 'set-cluster', 'set-credentials', 'unset'])

const ALIASES: Readonly<Record<string, string>> = { use: 'use-context' }

/** The flags of each subcommand the playground has (set-context's --cluster, --user and --namespace are its own). */
const SUBCOMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  view: ['allow-missing-template-keys', 'flatten', 'merge', 'minify', 'output', 'raw', 'show-managed-fields', 'template'],
  'get-contexts': ['no-headers', 'output'],
  'set-context': ['current'],
  'current-context': [],
  'get-clusters': [],
  'get-users': [],
  'use-context': [],
  'delete-context': [],
  'delete-cluster': [],
  'delete-user': [],
  'rename-context': [],
}

const DATA_FIELDS = new Set(['certificate-authority-data', 'client-certificate-data', 'client-key-data'])
/** The fields clientcmd's RedactSecrets blanks (those tagged datapolicy token and password). */
const SECRET_FIELDS = new Set(['token', 'password'])

/** ShortenConfig and RedactSecrets: byte data as DATA+OMITTED, tokens and passwords as REDACTED (what `view` shows without --raw). */
function redacted(config: Kubeconfig): Kubeconfig {
  const hidden = (k: string, v: unknown): unknown => (!v ? v : DATA_FIELDS.has(k) ? 'DATA+OMITTED' : SECRET_FIELDS.has(k) ? 'REDACTED' : v)
  const hide = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, hidden(k, v)])) as T
  return { ...config, clusters: config.clusters.map((c) => ({ ...c, cluster: hide(c.cluster) })), users: config.users.map((u) => ({ ...u, user: hide(u.user) })) }
}

/** MinifyConfig: only the current context, its cluster and its user. */
function minified(config: Kubeconfig): Kubeconfig {
  const current = config['current-context']
  if (!current) throw new KubectlError('error: current-context must exist in order to minify')
  const context = config.contexts.find((c) => c.name === current)
  if (!context) throw new KubectlError(`error: cannot locate context ${current}`)
  return {
    ...config,
    contexts: [context],
    clusters: config.clusters.filter((c) => c.name === context.context.cluster),
    users: config.users.filter((u) => u.name === context.context.user),
  }
}

/** The fields of clientcmd's v1 Cluster, AuthInfo and Context in struct order (encoding/json writes them so). */
const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions']
const USER_FIELDS = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions']
const CONTEXT_FIELDS = ['cluster', 'user', 'namespace', 'extensions']

/** The object's fields in `order` (any other after them, as the file had them). */
function inOrder(o: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const known = order.filter((k) => o[k] !== undefined).map((k) => [k, o[k]] as const)
  return Object.fromEntries([...known, ...Object.entries(o).filter(([k]) => !order.includes(k))])
}

/** clientcmdapi.Config as encoding/json writes it: fields in struct order, four spaces. */
function configJson(config: Kubeconfig): string {
  const ordered = {
    kind: config.kind,
    apiVersion: config.apiVersion,
    preferences: config.preferences,
    clusters: config.clusters.length === 0 ? null : config.clusters.map((c) => ({ name: c.name, cluster: inOrder(c.cluster, CLUSTER_FIELDS) })),
    users: config.users.length === 0 ? null : config.users.map((u) => ({ name: u.name, user: inOrder(u.user, USER_FIELDS) })),
    contexts: config.contexts.length === 0 ? null : config.contexts.map((c) => ({ name: c.name, context: inOrder(c.context, CONTEXT_FIELDS) })),
    'current-context': config['current-context'],
  }
  return `${JSON.stringify(ordered, null, 4)}\n`
}

function view(ctx: KubectlContext, config: Kubeconfig, args: Parameters<KubectlCommand['run']>[1]): number {
  let shown = flagBool(args, 'minify') ? minified(config) : config
  // --flatten writes the data inline, so nothing is left out.
  if (!flagBool(args, 'raw') && !flagBool(args, 'flatten')) shown = redacted(shown)
  const output = flagString(args, 'output') || 'yaml'
  if (output === 'yaml') ctx.out(goYaml(encodable(shown)))
  else if (output === 'json') ctx.out(configJson(shown))
  // The name printer finds no metadata.name on a Config.
  else if (output === 'name') ctx.out('config/<unknown>\n')
  else if (output.startsWith('jsonpath=')) {
    const path = parseJsonPath(output.slice('jsonpath='.length))
    if (!path.ok) throw new KubectlError(`error: error parsing jsonpath ${output.slice('jsonpath='.length)}, ${path.error}`)
    const text = executeJsonPath(path.value, JSON.parse(configJson(shown)))
    if (!text.ok) throw new KubectlError(`error: error executing jsonpath ${JSON.stringify(output.slice('jsonpath='.length))}: ${text.error}`)
    ctx.out(text.value)
  } else {
    outputOf(args) // the printer error for a format kubectl does not know
    throw new KubectlError(`error: "kubectl config view -o ${output.split('=')[0]}" is not available in the kubelings playground yet.`)
  }
  return 0
}

function getContexts(ctx: KubectlContext, config: Kubeconfig, args: Parameters<KubectlCommand['run']>[1], names: readonly string[]): number {
  const output = flagString(args, 'output')
  if (output !== '' && output !== 'name') throw new KubectlError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`)
  const wanted = names.length > 0 ? config.contexts.filter((c) => names.includes(c.name)) : config.contexts
  const missing = names.filter((n) => !config.contexts.some((c) => c.name === n))
  if (output === 'name') ctx.out(wanted.map((c) => `${c.name}\n`).join(''))
  else {
    const rows = wanted.map((c) => [c.name === config['current-context'] ? '*' : '', c.name, c.context.cluster ?? '', c.context.user ?? '', c.context.namespace ?? ''])
    const header = flagBool(args, 'no-headers') ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']]
    ctx.out(tabwriter([...header, ...rows]))
  }
  // An aggregate: one error as `error: ...`, several one per line without the prefix (MultipleErrors).
  if (missing.length === 1) throw new KubectlError(`error: context ${missing[0]} not found`)
  if (missing.length > 1) throw new KubectlError(missing.map((n) => `context ${n} not found`).join('\n'))
  return 0
}

function setContext(ctx: KubectlContext, config: Kubeconfig, args: Parameters<KubectlCommand['run']>[1], names: readonly string[]): number {
  const current = flagBool(args, 'current')
  if (current && names.length > 0) throw new KubectlError('error: you cannot specify both a context name and --current')
  const name = current ? config['current-context'] : (names[0] ?? '')
  if (name === '') throw new KubectlError(current ? 'error: no current context is set' : 'error: you must specify a non-empty context name or --current')
  let context = config.contexts.find((c) => c.name === name)
  const exists = context !== undefined
  if (!context) config.contexts.push((context = { name, context: { cluster: '', user: '' } }))
  if (hasFlag(args, 'cluster')) context.context.cluster = flagString(args, 'cluster')
  if (hasFlag(args, 'user')) context.context.user = flagString(args, 'user')
  if (hasFlag(args, 'namespace')) context.context.namespace = flagString(args, 'namespace') || undefined
  saveKubeconfig(ctx.io, config)
  ctx.out(`Context "${name}" ${exists ? 'modified' : 'created'}.\n`)
  return 0
}

/** delete-context, delete-cluster, delete-user: one NAME (else the help, or delete-user's usage error), which must be there. */
function deleteEntry(ctx: KubectlContext, config: Kubeconfig, sub: 'delete-context' | 'delete-cluster' | 'delete-user', names: readonly string[]): number {
  const what = sub.slice('delete-'.length) as 'context' | 'cluster' | 'user'
  if (names.length !== 1) {
    if (what === 'user') throw new KubectlError("error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples")
    ctx.out(HELP_TEXTS[`config ${sub}`])
    return 0
  }
  const [name] = names
  const path = ctx.io.kubeconfig?.path ?? ''
  const list = what === 'context' ? config.contexts : what === 'cluster' ? config.clusters : config.users
  const at = list.findIndex((e) => e.name === name)
  if (at < 0) throw new KubectlError(`error: cannot delete ${what} ${name}, not in ${path}`)
  list.splice(at, 1)
  // The current context stays named in the file; kubectl only warns.
  if (what === 'context' && config['current-context'] === name) ctx.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n')
  saveKubeconfig(ctx.io, config)
  ctx.out(`deleted ${what} ${name} from ${path}\n`)
  return 0
}

/** rename-context: the context under its new name, and current-context with it. */
function renameContext(ctx: KubectlContext, config: Kubeconfig, from: string, to: string): number {
  const path = ctx.io.kubeconfig?.path ?? ''
  const context = config.contexts.find((c) => c.name === from)
  if (!context) throw new KubectlError(`error: cannot rename the context ${JSON.stringify(from)}, it's not in ${path}`)
  if (config.contexts.some((c) => c.name === to)) throw new KubectlError(`error: cannot rename the context ${JSON.stringify(from)}, the context ${JSON.stringify(to)} already exists in ${path}`)
  context.name = to
  config.contexts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (config['current-context'] === from) config['current-context'] = to
  saveKubeconfig(ctx.io, config)
  ctx.out(`Context ${JSON.stringify(from)} renamed to ${JSON.stringify(to)}.\n`)
  return 0
}

const config: KubectlCommand = {
  name: 'config',
  short: 'Modify kubeconfig files',
  help: CONFIG_HELP,
  helpFor: (args) => {
    const sub = args.find((a) => !a.startsWith('-')) ?? ''
    return CONFIG_SUBCOMMAND_HELP[ALIASES[sub] ?? sub]
  },
  subcommand(argv) {
    const word = commandWords(argv, [])[0]
    if (ELSEWHERE.has(word)) return { path: `config ${word}`, flags: [], unavailable: true }
    const sub = ALIASES[word] ?? word
    const own = SUBCOMMAND_FLAGS[sub]
    // `config` itself has no flags of its own (--kubeconfig is everyone's).
    return own ? { path: `config ${sub}`, flags: this.flags.filter((f) => own.includes(f.name)) } : { path: 'config', flags: [] }
  },
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'merge', type: 'bool', default: true },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'current', type: 'bool' },
    // set-context's own --cluster, --user and --namespace (they shadow the global flags of those names).
  ],
  run(ctx, args) {
    const [given, ...rest] = args.positionals
    if (given === undefined) {
      // DefaultSubCommandRun(streams.ErrOut): the help on stderr, then exit 1.
      ctx.err(CONFIG_HELP)
      return 1
    }
    const sub = ALIASES[given] ?? given
    if (ELSEWHERE.has(sub)) throw new KubectlError(`error: "kubectl config ${sub}" is not available in the kubelings playground yet.`)
    const kubeconfig = loadKubeconfig(ctx.cluster, ctx.io)
    // The argument counts cobra checks (use-context, set-context, rename-context): the help on stdout, then the error.
    if ((sub === 'use-context' && rest.length !== 1) || (sub === 'set-context' && rest.length > 1) || (sub === 'rename-context' && rest.length !== 2)) {
      ctx.out(HELP_TEXTS[`config ${sub}`] ?? CONFIG_SUBCOMMAND_HELP[sub])
      throw new KubectlError(`error: Unexpected args: [${rest.join(' ')}]`)
    }
    switch (sub) {
      case 'view':
        if (rest.length > 0) throw new KubectlError(`error: unexpected arguments: [${rest.join(' ')}]\nSee 'kubectl config view -h' for help and examples`)
        return view(ctx, kubeconfig, args)
      case 'current-context':
        if (!kubeconfig['current-context']) throw new KubectlError('error: current-context is not set')
        ctx.out(`${kubeconfig['current-context']}\n`)
        return 0
      case 'get-contexts':
        return getContexts(ctx, kubeconfig, args, rest)
      case 'get-clusters':
        ctx.out(['NAME', ...kubeconfig.clusters.map((c) => c.name)].map((l) => `${l}\n`).join(''))
        return 0
      case 'get-users':
        ctx.out(['NAME', ...kubeconfig.users.map((u) => u.name)].map((l) => `${l}\n`).join(''))
        return 0
      case 'delete-context':
      case 'delete-cluster':
      case 'delete-user':
        return deleteEntry(ctx, kubeconfig, sub, rest)
      case 'rename-context':
        return renameContext(ctx, kubeconfig, rest[0], rest[1])
      case 'use-context': {
        const [name] = rest
        if (!kubeconfig.contexts.some((c) => c.name === name)) throw new KubectlError(`error: no context exists with the name: "${name}"`)
        kubeconfig['current-context'] = name
        saveKubeconfig(ctx.io, kubeconfig)
        ctx.out(`Switched to context "${name}".\n`)
        return 0
      }
      case 'set-context':
        return setContext(ctx, kubeconfig, args, rest)
      default:
        throw new KubectlError(`error: unknown command "${args.positionals.join(' ')}"\nSee 'kubectl config -h' for help and examples`)
    }
  },
}

export default config
