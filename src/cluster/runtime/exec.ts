// The commands `kubectl exec` can run in a container, and what they print there. What exists depends
// on the image's userland (busybox and alpine have busybox's applets, the debian-based images only
// coreutils, curl and a few more; pause has nothing), and a program that is not in the image fails
// as runc does. What a command reads (the pod's hostname, /etc/hosts, resolv.conf, its addresses,
// the processes it can see, the network) comes in through ExecEnv, so this file stays pure.
import type { Userland } from './images.js'

export interface ExecOutput {
  stdout: string
  stderr: string
  exitCode: number
}

/** A process as `ps` shows it. */
export interface ProcessEntry {
  readonly pid: number
  readonly user: string
  readonly command: string
}

/** The result of a connection made by wget or curl (see kubelet/exec-fetch.ts). */
export type NetResult =
  | { readonly kind: 'http'; readonly ip: string; readonly port: number; readonly status: number; readonly reason: string; readonly headers: readonly (readonly [string, string])[]; readonly body: string }
  | { readonly kind: 'not-http'; readonly ip: string; readonly port: number; readonly raw: string }
  | { readonly kind: 'refused'; readonly ip: string; readonly port: number }
  | { readonly kind: 'unresolved'; readonly host: string }
  | { readonly kind: 'unreachable'; readonly ip: string; readonly port: number }

export interface DnsAnswer {
  readonly server: string
  /** Names tried that did not exist, then the one that answered (if any) with its addresses. */
  readonly misses: readonly string[]
  readonly name?: string
  readonly addresses: readonly string[]
  /** No DNS server answered (kube-dns without a ready endpoint). */
  readonly unreachable?: true
}

export interface ExecEnv {
  readonly userland: Userland
  /** Programs of the image besides its userland (nginx, redis-server ...). */
  readonly binaries: readonly string[]
  readonly env: Readonly<Record<string, string>>
  readonly hostname: string
  readonly files: Readonly<Record<string, string>>
  /** `ip addr`'s text. */
  readonly ipAddr: string
  readonly processes: readonly ProcessEntry[]
  /** A GET of `url` from this container. */
  fetch(host: string, port: number, path: string): NetResult
  lookup(name: string): DnsAnswer
}

const TEXT_TOOLS = ['head', 'tail', 'grep', 'wc', 'sort']
const BUSYBOX_APPLETS = [...TEXT_TOOLS, 'sh', 'ash', 'hostname', 'cat', 'echo', 'env', 'printenv', 'ps', 'ip', 'ifconfig', 'wget', 'nslookup', 'ls', 'sleep', 'true', 'false', 'id', 'whoami', 'uname', 'pwd', 'date', 'kill', 'netstat']
const DEBIAN_PROGRAMS = [...TEXT_TOOLS, 'sh', 'bash', 'dash', 'hostname', 'cat', 'echo', 'env', 'printenv', 'ls', 'sleep', 'true', 'false', 'id', 'whoami', 'uname', 'pwd', 'date', 'kill', 'curl']

/** Whether the container has the program (PATH lookup by name; absolute paths by their last part). */
export function hasProgram(env: ExecEnv, argv0: string): boolean {
  const name = argv0.split('/').pop() ?? argv0
  if (env.binaries.includes(name)) return true
  switch (env.userland) {
    case 'busybox': return BUSYBOX_APPLETS.includes(name)
    // nginx:alpine and nginxdemos/hello also ship curl
    case 'alpine': return BUSYBOX_APPLETS.includes(name) || name === 'curl'
    case 'debian': return DEBIAN_PROGRAMS.includes(name)
    case 'none': return false
    default: {
      const never: never = env.userland
      return never
    }
  }
}

const out = (stdout: string, exitCode = 0, stderr = ''): ExecOutput => ({ stdout, stderr, exitCode })
const err = (stderr: string, exitCode = 1): ExecOutput => ({ stdout: '', stderr, exitCode })

/** Run argv in the container (the program must exist: the caller checked, as runc does). */
export function runExec(env: ExecEnv, argv: readonly string[]): ExecOutput {
  const [cmd, ...args] = argv
  const name = cmd.split('/').pop() ?? cmd
  const busybox = env.userland !== 'debian'
  switch (name) {
    case 'true': return out('')
    case 'false': return out('', 1)
    case 'echo': return out(`${(args[0] === '-n' ? args.slice(1) : args).join(' ')}${args[0] === '-n' ? '' : '\n'}`)
    case 'hostname': return out(`${env.hostname}\n`)
    case 'pwd': return out('/\n')
    case 'whoami': return out('root\n')
    case 'id': return out('uid=0(root) gid=0(root) groups=0(root)\n')
    case 'env': case 'printenv': {
      if (args[0]) return env.env[args[0]] === undefined ? out('', 1) : out(`${env.env[args[0]]}\n`)
      return out(Object.entries(env.env).map(([k, v]) => `${k}=${v}\n`).join(''))
    }
    case 'cat': return cat(env, args, busybox)
    case 'sleep': return out('')
    case 'ps': return ps(env)
    case 'ip': return ip(env, args)
    case 'wget': return wget(env, args)
    case 'curl': return curl(env, args)
    case 'nslookup': return nslookup(env, args)
    case 'sh': case 'ash': case 'bash': case 'dash': return shell(env, name, args)
    case 'head': case 'tail': case 'grep': case 'wc': case 'sort': {
      // On a file (the last argument), as they would read it from a pipe.
      const file = args.length ? env.files[args[args.length - 1]] : undefined
      return filter(file !== undefined ? [name, ...args.slice(0, -1)] : [name, ...args], file ?? '')
    }
    default: return out('')
  }
}

function cat(env: ExecEnv, args: readonly string[], busybox: boolean): ExecOutput {
  let stdout = ''
  let stderr = ''
  let code = 0
  for (const path of args) {
    const text = env.files[path]
    if (text !== undefined) stdout += text
    else {
      stderr += busybox ? `cat: can't open '${path}': No such file or directory\n` : `cat: ${path}: No such file or directory\n`
      code = 1
    }
  }
  return { stdout, stderr, exitCode: code }
}

/** busybox ps: `PID   USER     TIME  COMMAND`, then `%5u %-8.8s %s`. */
function ps(env: ExecEnv): ExecOutput {
  const rows = env.processes.map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8).slice(0, 8)}  0:00 ${p.command}\n`)
  return out(`PID   USER     TIME  COMMAND\n${rows.join('')}`)
}

function ip(env: ExecEnv, args: readonly string[]): ExecOutput {
  const sub = args[0] ?? ''
  if (['a', 'ad', 'add', 'addr', 'address'].includes(sub) && (args[1] === undefined || args[1] === 'show' || args[1] === 'list')) return out(env.ipAddr)
  return err('BusyBox v1.37.0 multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n', 1)
}

interface Url { host: string; port: number; path: string }

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)?/.exec(raw)
  if (!m || !m[2]) return undefined
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] || '/' }
}

/** busybox wget: -q, -O FILE / -O- / -qO-, -S, -T SEC, --spider. */
function wget(env: ExecEnv, args: readonly string[]): ExecOutput {
  let quiet = false
  let toStdout = false
  let spider = false
  let rawUrl: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--spider') spider = true
    else if (a === '-T' || a === '--timeout') i++
    else if (a.startsWith('-') && !a.startsWith('--')) {
      for (let j = 1; j < a.length; j++) {
        if (a[j] === 'q') quiet = true
        else if (a[j] === 'O') { const v = a.slice(j + 1) || args[++i]; toStdout = v === '-'; break }
      }
    } else rawUrl = a
  }
  if (!rawUrl) return err('BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', 1)
  const url = parseUrl(rawUrl)
  if (!url) return err(`wget: bad address '${rawUrl}'\n`)
  const r = env.fetch(url.host, url.port, url.path)
  const connecting = quiet ? '' : `Connecting to ${url.host}${r.kind === 'unresolved' ? '' : ` (${'ip' in r ? r.ip : ''}:${'port' in r ? r.port : url.port})`}\n`
  switch (r.kind) {
    case 'unresolved': return err(`wget: bad address '${url.host}'\n`)
    case 'refused': return err(`${connecting}wget: can't connect to remote host (${r.ip}): Connection refused\n`)
    case 'unreachable': return err(`${connecting}wget: download timed out\n`)
    case 'not-http': return err(`${connecting}wget: server returned error: ${r.raw.split('\r\n')[0]}\n`)
    case 'http': {
      if (r.status >= 400) return err(`${connecting}wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`)
      if (spider) return err(`${connecting}${quiet ? '' : 'remote file exists\n'}`, 0)
      const file = url.path.split('?')[0].split('/').pop() || 'index.html'
      if (toStdout) return { stdout: r.body, stderr: quiet ? '' : `${connecting}writing to stdout\n-                    100% |********************************|  ${String(r.body.length).padStart(4)}  0:00:00 ETA\nwritten to stdout\n`, exitCode: 0 }
      return { stdout: '', stderr: quiet ? '' : `${connecting}saving to '${file}'\n${file.padEnd(20)} 100% |********************************|  ${String(r.body.length).padStart(4)}  0:00:00 ETA\n'${file}' saved\n`, exitCode: 0 }
    }
    default: {
      const never: never = r
      return never
    }
  }
}

/** curl 8: the body on stdout; -s quiet, -i headers, -I HEAD, -v; errors `curl: (N) ...` with exit N. */
function curl(env: ExecEnv, args: readonly string[]): ExecOutput {
  let include = false
  let silent = false
  let showError = false
  let rawUrl: string | undefined
  for (const a of args) {
    if (a.startsWith('-') && !a.startsWith('--')) {
      if (a.includes('i')) include = true
      if (a.includes('s')) silent = true
      if (a.includes('S')) showError = true
    } else if (a === '--include') include = true
    else if (a === '--silent') silent = true
    else if (!a.startsWith('--')) rawUrl = a
  }
  if (!rawUrl) return err("curl: try 'curl --help' or 'curl --manual' for more information\n", 2)
  const url = parseUrl(rawUrl)
  const quietErr = silent && !showError
  const fail = (code: number, message: string): ExecOutput => err(quietErr ? '' : `curl: (${code}) ${message}\n`, code)
  if (!url) return fail(3, 'URL rejected: Malformed input to a URL function')
  const r = env.fetch(url.host, url.port, url.path)
  switch (r.kind) {
    case 'unresolved': return fail(6, `Could not resolve host: ${url.host}`)
    case 'refused': return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`)
    case 'unreachable': return fail(28, `Failed to connect to ${url.host} port ${url.port} after 134000 ms: Couldn't connect to server`)
    case 'not-http': return fail(1, 'Received HTTP/0.9 when not allowed')
    case 'http': {
      const head = include ? `HTTP/1.1 ${r.status} ${r.reason}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n` : ''
      return out(`${head}${r.body}`)
    }
    default: {
      const never: never = r
      return never
    }
  }
}

/** busybox nslookup NAME: the server, then the answer or `** server can't find NAME: NXDOMAIN`. */
function nslookup(env: ExecEnv, args: readonly string[]): ExecOutput {
  const name = args.find((a) => !a.startsWith('-'))
  if (!name) return err('BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n', 1)
  const a = env.lookup(name)
  // busybox nslookup sends its query and retries until its timeout, then says no server answered.
  if (a.unreachable) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 }
  const head = `Server:\t\t${a.server}\nAddress:\t${a.server}:53\n\n`
  if (!a.name) return { stdout: `${head}** server can't find ${name}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 }
  return out(`${head}Name:\t${a.name}\n${a.addresses.map((ip) => `Address: ${ip}\n`).join('')}\n`)
}

/** `sh -c 'A; B && C'` (or lines read from stdin): each simple command in turn (no pipes or redirections in this model). */
function shell(env: ExecEnv, name: string, args: readonly string[]): ExecOutput {
  const c = args.indexOf('-c')
  if (c < 0) return out('') // an interactive shell with no terminal reads end-of-file at once
  const script = args[c + 1] ?? ''
  let stdout = ''
  let stderr = ''
  let code = 0
  let skip = false
  for (const part of script.split(/[ \t]*(;|&&|\|\||\n)\s*/)) {
    if (part === ';' || part === '\n') { skip = false; continue }
    // `A && B` runs B only if A succeeded, `A || B` only if it failed (the status stays A's otherwise).
    if (part === '&&') { skip = skip || code !== 0; continue }
    if (part === '||') { skip = skip || code === 0; continue }
    if (skip) { skip = false; continue }
    const stages = part.split(/\s*\|\s*/).map((stage) => stage.match(/'[^']*'|"[^"]*"|\S+/g)?.map((w) => w.replace(/^(['"])(.*)\1$/, '$2')) ?? [])
    const words = stages[0]
    if (words.length === 0) continue
    if (words[0] === 'exit') return { stdout, stderr, exitCode: Number(words[1] ?? code) & 0xff }
    let piped: ExecOutput | undefined
    for (const stage of stages) {
      if (stage.length === 0) continue
      if (!hasProgram(env, stage[0]) && !(piped && FILTERS.has(stage[0]))) {
        stderr += env.userland === 'debian' ? `${name}: 1: ${stage[0]}: not found\n` : `${name}: ${stage[0]}: not found\n`
        piped = { stdout: '', stderr: '', exitCode: 127 }
        continue
      }
      // A pipeline: each stage reads the one before it; the last one's status is the pipeline's.
      const r: ExecOutput = piped ? filter(stage, piped.stdout) : runExec(env, stage)
      stderr += r.stderr
      piped = r
    }
    stdout += piped?.stdout ?? ''
    code = piped?.exitCode ?? 0
  }
  return { stdout, stderr, exitCode: code }
}

/** Commands that read a pipe: head, tail, grep, wc -l, cat. */
const FILTERS = new Set(['head', 'tail', 'grep', 'wc', 'cat', 'sort'])

function filter(argv: readonly string[], input: string): ExecOutput {
  const lines = input.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const [cmd, ...args] = argv
  const count = (): number => {
    const n = args.find((a) => /^-\d+$/.test(a)) ?? (args.includes('-n') ? `-${args[args.indexOf('-n') + 1]}` : '-10')
    return Number(n.slice(1))
  }
  const text = (ls: string[]): string => ls.map((l) => `${l}\n`).join('')
  switch (cmd) {
    case 'head': return out(text(lines.slice(0, count())))
    case 'tail': return out(text(lines.slice(Math.max(0, lines.length - count()))))
    case 'cat': return out(input)
    case 'sort': return out(text([...lines].sort()))
    case 'wc': return out(args.includes('-l') ? `${lines.length}\n` : `${String(lines.length).padStart(7)} ${String(input.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(input.length).padStart(7)}\n`)
    case 'grep': {
      const invert = args.includes('-v')
      const icase = args.includes('-i')
      const pattern = args.find((a) => !a.startsWith('-')) ?? ''
      let re: RegExp
      try { re = new RegExp(pattern, icase ? 'i' : '') } catch { re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), icase ? 'i' : '') }
      const kept = lines.filter((l) => re.test(l) !== invert)
      return out(text(kept), kept.length ? 0 : 1)
    }
    default: return out(input)
  }
}
