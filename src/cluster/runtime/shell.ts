// What a container's main process does, as a plan the kubelet can play on virtual time: its log lines
// with their offsets, how it ends (an exit code after a duration, or never), and what the stop signal
// does to it. Pure and deterministic: the same image, spec and signal time always give the same plan.
//
// Rules kept here, and where they come from:
// - Kubernetes: `command` replaces the image ENTRYPOINT, `args` replaces CMD; `command` without `args`
//   drops CMD too (kubernetes.io "Define a Command and Arguments for a Container").
// - The runtime signals PID 1 only. Linux does not deliver a signal to a namespace's PID 1 unless it
//   installed a handler, so a shell or `sleep` as PID 1 ignores SIGTERM until the grace period ends
//   and SIGKILL makes it exit 137. A shell with `trap ... TERM` runs the trap only after the foreground
//   command finishes (POSIX "trap"), so `trap 'exit 0' TERM; sleep 3600` is still killed.
// - busybox ash and dash exec the last command of `sh -c` when no trap is set, so
//   `sh -c 'nginx -g "daemon off;"'` makes nginx PID 1 and it receives the stop signal itself.
// - A container gets no stdin unless `stdin: true`; stdin is then /dev/null, so `sh` (busybox's
//   default CMD) and `cat` read end-of-file and exit 0 at once.
// - `cmd &` forks a child the shell does not wait for (exit status 0); `( list )` forks a subshell it
//   waits for, so a job started inside it is orphaned when it returns. The plan keeps those jobs and the
//   program the shell exec'd (processes.ts says which become zombies); `wait` waits for the shell's jobs.
import type { Millis } from '../clock.js'
import type { ImageConfig, ServerKind, StopSignal, Userland } from './images.js'
import { reapsChildren, type BackgroundJob, type ExecStep } from './processes.js'
import { nginxEntrypointLogs, SERVER_BINARIES, serverProgram, type ServerProgram } from './servers.js'
import { expandWord, parseScript, ShellSyntaxError, type AndOr, type Command, type List } from './shell-syntax.js'

export interface LogLine {
  /** Offset from the container's start (or, in a signal outcome, from the signal). */
  readonly at: Millis
  readonly stream: 'stdout' | 'stderr'
  readonly text: string
  /** A timestamp prefix the program writes itself, rendered by renderLogLine from the wall clock. */
  readonly stamp?: LogStamp
}
export type LogStamp = 'nginx' | 'httpd' | 'redis-C' | 'redis-M' | 'influxd' | 'calico' | KlogStamp | ZapStamp
/** klog's header (Kubernetes components, flannel): severity letter, then `MMDD hh:mm:ss.uuuuuu     pid`. */
export type KlogStamp = 'klog-I' | 'klog-W' | 'klog-E'
/** zap's JSON encoder as etcd configures it: `{"level":"…","ts":"<RFC 3339, µs>",` before the rest of the line. */
export type ZapStamp = 'zap-info' | 'zap-warn'

/**
 * Values a log line takes from where its container runs (the node's name and IP, the CNI backend), named
 * `{{key}}` in its text: the program's plan does not know them, the kubelet serving the log does.
 */
export type LogFacts = Readonly<Record<string, string>>

/** Lines that repeat for ever: `lines` (offsets within one period) again every `period`, from `from`. */
export interface LogCycle {
  readonly from: Millis
  readonly period: Millis
  readonly lines: readonly LogLine[]
}

export interface ContainerProcessSpec {
  readonly command?: readonly string[]
  readonly args?: readonly string[]
  /** The container's environment: image env, then the pod's `env`, then HOSTNAME set by the runtime. */
  readonly env?: Readonly<Record<string, string>>
  readonly stdin?: boolean
}

export type Plan = StartErrorPlan | ProcessPlan

/** The runtime could not start the process (terminated, reason StartError, exit code 128). */
export interface StartErrorPlan {
  readonly kind: 'start-error'
  readonly argv: readonly string[]
  readonly exitCode: 128
  readonly message: string
}

export interface ProcessPlan {
  readonly kind: 'process'
  readonly argv: readonly string[]
  readonly logs: readonly LogLine[]
  readonly cycle?: LogCycle
  /** Undefined: runs until signalled. */
  readonly exit?: { readonly at: Millis; readonly code: number }
  /** The server the process became, if any (http.ts answers for it), and the ports it listens on. */
  readonly server?: ServerKind
  readonly ports: readonly number[]
  /** Resident memory once started, in bytes, and from when: a limit below it means OOMKilled. */
  readonly memory: number
  /** The stop signal reaching PID 1 at `at`: what happens (see stopOutcome). */
  readonly onStop: StopReaction
  /** The program the main process exec'd (a shell's last command, or `exec cmd`), if it did. */
  readonly exec?: ExecStep
  /** The processes it started with `&`, in order (processes.ts). */
  readonly jobs?: readonly BackgroundJob[]
}

/** How PID 1 answers the stop signal. `script` re-runs the shell with the signal injected. */
export type StopReaction =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'exits'; readonly code: number; readonly after: Millis; readonly logs: readonly LogLine[] }
  | { readonly kind: 'script' }

/** The image facts a plan needs (a CatalogImage has them all) and the container's spec. */
export interface PlanInput {
  readonly image: {
    readonly config: ImageConfig
    readonly userland: Userland
    readonly version: string
    readonly server?: ServerKind
  }
  readonly spec: ContainerProcessSpec
}

/** Kubernetes' command/args rules over the image's ENTRYPOINT/CMD. */
export function resolveArgv(config: ImageConfig, spec: ContainerProcessSpec): string[] {
  if (spec.command && spec.command.length > 0) return [...spec.command, ...(spec.args ?? [])]
  if (spec.args && spec.args.length > 0) return [...config.entrypoint, ...spec.args]
  return [...config.entrypoint, ...config.cmd]
}

/** The process a container runs, as a plan. */
export function planContainer(input: PlanInput): Plan {
  return planContainerReading(input).plan
}

/**
 * planContainer, and what of the environment the plan depends on: the variables the process looked
 * up (by name), or 'all' when it listed them. Any environment that agrees on those gives the same
 * plan, which lets a cache serve every pod of a template although each has its own HOSTNAME.
 */
export function planContainerReading(input: PlanInput): { plan: Plan; reads: ReadonlySet<string> | 'all' } {
  const argv = resolveArgv(input.image.config, input.spec)
  let vars: Vars | undefined
  const { plan } = run(input, argv, undefined, (v) => (vars = v))
  return { plan, reads: vars === undefined ? new Set() : vars.all ? 'all' : vars.read }
}

/** The shell's variables, noting the names looked up and whether they were all listed. */
class Vars extends Map<string, string> {
  readonly read = new Set<string>()
  all = false

  override get(name: string): string | undefined {
    this.read.add(name)
    return super.get(name)
  }

  override has(name: string): boolean {
    this.read.add(name)
    return super.has(name)
  }

  override delete(name: string): boolean {
    this.read.add(name)
    return super.delete(name)
  }

  override get size(): number {
    this.all = true
    return super.size
  }

  override entries(): MapIterator<[string, string]> {
    this.all = true
    return super.entries()
  }

  override keys(): MapIterator<string> {
    this.all = true
    return super.keys()
  }

  override values(): MapIterator<string> {
    this.all = true
    return super.values()
  }

  override forEach(fn: (value: string, key: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    this.all = true
    super.forEach(fn, thisArg)
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    this.all = true
    return super[Symbol.iterator]()
  }
}

/** What the stop signal does when it reaches PID 1 `at` ms after the start. */
export type StopOutcome =
  | { readonly kind: 'exits'; readonly at: Millis; readonly code: number; readonly logs: readonly LogLine[] }
  | { readonly kind: 'ignored' } // the kubelet's SIGKILL at the end of the grace period ends it: 137

export function stopOutcome(input: PlanInput, plan: ProcessPlan, at: Millis): StopOutcome {
  if (plan.exit && plan.exit.at <= at) return { kind: 'exits', at: plan.exit.at, code: plan.exit.code, logs: [] }
  switch (plan.onStop.kind) {
    case 'ignored':
      return { kind: 'ignored' }
    case 'exits':
      return { kind: 'exits', at: at + plan.onStop.after, code: plan.onStop.code, logs: plan.onStop.logs.map((l) => ({ ...l, at: l.at + at })) }
    case 'script': {
      const rerun = run(input, plan.argv, { at, signal: input.image.config.stopSignal }).plan
      if (rerun.kind !== 'process' || !rerun.exit) return { kind: 'ignored' }
      return { kind: 'exits', at: rerun.exit.at, code: rerun.exit.code, logs: rerun.logs.filter((l) => l.at >= at) }
    }
    default: {
      const never: never = plan.onStop
      return never
    }
  }
}

/**
 * Whether the container's memory use passes its limit: the kernel's OOM killer then ends it with
 * SIGKILL, which the runtime reports as reason OOMKilled, exit code 137. (The plan's memory is reached
 * at start; the kubelet decides when to show it.)
 */
export function exceedsMemoryLimit(plan: Plan, limitBytes: number | undefined): boolean {
  return plan.kind === 'process' && limitBytes !== undefined && plan.memory > limitBytes
}

/** Log lines written in [from, to), the cycle expanded. */
export function logsBetween(plan: ProcessPlan, from: Millis, to: Millis): LogLine[] {
  const out = plan.logs.filter((l) => l.at >= from && l.at < to)
  const c = plan.cycle
  if (c && c.period > 0) {
    const end = plan.exit ? Math.min(to, plan.exit.at) : to
    for (let k = Math.max(0, Math.floor((from - c.from) / c.period)); c.from + k * c.period < end; k++) {
      for (const l of c.lines) {
        const at = c.from + k * c.period + l.at
        if (at >= from && at < end) out.push({ ...l, at })
      }
    }
  }
  return out.sort((a, b) => a.at - b.at)
}

// ---------------------------------------------------------------------------------------------------
// The interpreter. Time only passes in blocking commands (sleep, servers, cat/tail on an open input).

interface Signal { readonly at: Millis; readonly signal: StopSignal }

const FOREVER = Number.POSITIVE_INFINITY
/** Loop iterations simulated before a periodic loop is summarised as a cycle. */
const MAX_STEPS = 100_000

class Exit { constructor(readonly code: number) {} }
class Blocked { constructor(readonly server?: ServerProgram) {} }

interface State {
  t: Millis
  status: number
  logs: LogLine[]
  traps: Map<string, string>
  vars: Map<string, string>
  signal?: Signal
  signalled: boolean
  steps: number
  server?: ServerProgram
  memory: number
  exec?: ExecStep
  jobs: BackgroundJob[]
  /** Processes forked so far (subshells and jobs), for the PIDs of later ones. */
  forks: number
}

function run(input: PlanInput, argv: readonly string[], signal: Signal | undefined, onVars?: (vars: Vars) => void): { plan: Plan } {
  const env = { ...input.image.config.env, ...input.spec.env }
  const path = argv[0] ?? ''
  const name = path.split('/').pop() ?? ''
  if (!exists(input, name)) {
    return { plan: startError(argv, `exec: "${path}": executable file not found in $PATH`) }
  }
  const vars = new Vars(Object.entries(env))
  onVars?.(vars)
  const st: State = { t: 0, status: 0, logs: [], traps: new Map(), vars, signal, signalled: false, steps: 0, memory: 0, jobs: [], forks: 0 }
  const isShell = SHELLS.has(name)
  let script: List | undefined
  if (isShell) {
    const c = argv.indexOf('-c')
    if (c < 0 || c + 1 >= argv.length) {
      // An interactive shell reading its stdin: /dev/null without `stdin: true`, so EOF at once.
      return { plan: finish(input, argv, st, input.spec.stdin ? undefined : 0, false) }
    }
    try {
      script = parseScript(argv[c + 1])
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e
      st.logs.push({ at: 0, stream: 'stderr', text: syntaxErrorText(input.image.userland, argv[0], e) })
      return { plan: finish(input, argv, st, 2, false) }
    }
  }
  const ctx: Ctx = { input, arg0: argv[0], argv, periodic: undefined }
  let code: number | undefined
  try {
    if (script) {
      evalList(ctx, st, script, true)
      code = st.status
    } else {
      code = simple(ctx, st, argv, true)
    }
  } catch (e) {
    if (e instanceof Exit) code = e.code
    else if (e instanceof Blocked) code = undefined
    else throw e
  }
  return { plan: finish(input, argv, st, code, isShell, ctx.periodic) }
}

interface Ctx {
  readonly input: PlanInput
  arg0: string
  /** The main process's command line, which a forked copy of the shell shares. */
  readonly argv: readonly string[]
  periodic?: { from: Millis; period: Millis; lines: LogLine[] }
}

function finish(input: PlanInput, argv: readonly string[], st: State, code: number | undefined, shell: boolean, cycle?: LogCycle): ProcessPlan {
  const server = st.server
  let onStop: StopReaction = { kind: 'ignored' }
  const stopSignal = input.image.config.stopSignal
  if (server && (!shell || (st.traps.size === 0 && server.pid1))) onStop = server.onStop(stopSignal)
  else if (shell && st.traps.size > 0) onStop = { kind: 'script' }
  return {
    kind: 'process', argv, logs: st.logs, cycle, exit: code === undefined || st.t === FOREVER ? undefined : { at: st.t, code: code & 0xff },
    server: server?.kind, ports: server?.ports ?? [], memory: st.memory, onStop,
    ...(st.exec ? { exec: st.exec } : {}), ...(st.jobs.length ? { jobs: st.jobs } : {}),
  }
}

function startError(argv: readonly string[], cause: string): StartErrorPlan {
  // containerd CRI + runc 1.2 wording, as kubelet shows it in the terminated state's message.
  return {
    kind: 'start-error', argv, exitCode: 128,
    message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${cause}: unknown`,
  }
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash'])
/** Shell builtins that also exist as programs (so `command: ["true"]` runs, `command: ["exit"]` cannot). */
const BUILTIN_BINARIES = new Set(['echo', 'true', 'false'])
/** Commands every userland but `none` has, that the model runs as instant successes without output. */
const QUIET = new Set(['mkdir', 'touch', 'rm', 'cp', 'mv', 'ln', 'chmod', 'chown', 'sync', 'ls'])
const UTILITIES = new Set(['sleep', 'cat', 'tail', 'hostname', 'env', 'printenv', 'true', 'false', 'echo', ...QUIET])

/** Whether the image has the program (else runc cannot exec it: StartError). */
function exists(input: PlanInput, name: string): boolean {
  const { userland, server } = input.image
  if (server && SERVER_BINARIES[server].includes(name)) return true
  if (userland === 'none') return false
  if (name === 'bash' || name === 'dash') return userland === 'debian'
  if (name === 'ash') return userland !== 'debian'
  return SHELLS.has(name) || UTILITIES.has(name) || BUILTIN_BINARIES.has(name)
}

/** How the image's `sh` names itself in errors: busybox ash `sh: foo: not found`, dash `sh: 1: foo: not found`. */
function shellPrefix(userland: Userland, arg0: string): string {
  return userland === 'debian' && !arg0.endsWith('bash') ? `${arg0}: 1: ` : `${arg0}: `
}

/**
 * A script that ends too early, in each shell's words: busybox ash `sh: syntax error: unexpected end of
 * file (expecting "done")`, dash `sh: 1: Syntax error: end of file unexpected (expecting "done")`. Other
 * syntax errors keep our own wording after the shell's prefix.
 */
function syntaxErrorText(userland: Userland, arg0: string, e: ShellSyntaxError): string {
  if (e.expecting === undefined) return `${shellPrefix(userland, arg0)}${e.message}`
  return userland === 'debian'
    ? `${arg0}: 1: Syntax error: end of file unexpected (expecting "${e.expecting}")`
    : `${arg0}: syntax error: unexpected end of file (expecting "${e.expecting}")`
}

function evalList(ctx: Ctx, st: State, list: List, top: boolean): void {
  list.forEach((andOr, i) => {
    if (andOr.background) { st.status = spawn(ctx, st, andOr); return }
    const last = top && i === list.length - 1 && andOr.rest.length === 0
    st.status = evalCommand(ctx, st, andOr.first, last)
    for (const { op, command } of andOr.rest) {
      if ((op === '&&') === (st.status === 0)) st.status = evalCommand(ctx, st, command, false)
    }
  })
}

function evalCommand(ctx: Ctx, st: State, c: Command, last: boolean): number {
  if (++st.steps > MAX_STEPS) throw new Blocked()
  switch (c.kind) {
    case 'simple': {
      const words = c.words.flatMap((w) => expandWord(w, (n) => (n === '?' ? String(st.status) : st.vars.get(n) ?? '')))
      return simple(ctx, st, words, last)
    }
    case 'group':
      evalList(ctx, st, c.body, false)
      return st.status
    case 'if': {
      for (const b of c.branches) {
        evalList(ctx, st, b.cond, false)
        if (st.status === 0) { evalList(ctx, st, b.body, false); return st.status }
      }
      if (c.orElse) evalList(ctx, st, c.orElse, false)
      else st.status = 0
      return st.status
    }
    case 'for': {
      const items = c.items.flatMap((w) => expandWord(w, (n) => st.vars.get(n) ?? ''))
      st.status = 0
      for (const item of items) { st.vars.set(c.name, item); evalList(ctx, st, c.body, false) }
      return st.status
    }
    case 'while':
      return evalWhile(ctx, st, c.until, c.cond, c.body)
    case 'subshell':
      return subshell(ctx, st, c.body)
    default: {
      const never: never = c
      return never
    }
  }
}

/** A loop whose iterations all look alike (same time, same lines) is summarised as a LogCycle. */
function evalWhile(ctx: Ctx, st: State, until: boolean, cond: List, body: List): number {
  let status = 0
  let previous: { t: Millis; lines: string } | undefined
  for (;;) {
    const start = st.t
    const firstLine = st.logs.length
    evalList(ctx, st, cond, false)
    if ((st.status === 0) === until) return status
    evalList(ctx, st, body, false)
    status = st.status
    const period = st.t - start
    const lines = st.logs.slice(firstLine).map((l) => ({ ...l, at: l.at - start }))
    const key = JSON.stringify(lines)
    if (period > 0 && previous && previous.t === period && previous.lines === key && ctx.periodic === undefined) {
      const sig = st.signal
      if (!sig) {
        // Steady state: the rest of the loop repeats this iteration for ever.
        ctx.periodic = { from: st.t, period, lines }
        st.t = FOREVER
        throw new Blocked()
      }
      // A stop signal will come: skip whole identical iterations up to it (their lines precede it).
      if (!st.signalled && sig.at > st.t) st.t += Math.floor((sig.at - st.t) / period) * period
    }
    if (period === 0 && lines.length === 0 && st.steps > MAX_STEPS / 2) throw new Blocked() // a silent busy loop
    previous = { t: period, lines: key }
  }
}

/**
 * A forked copy of the shell: same variables, traps reset (POSIX), the same output, its own jobs and
 * its own time. The stop signal goes to PID 1 only, so the copy never sees it.
 */
function fork(st: State): State {
  return { ...st, logs: st.logs, traps: new Map(), vars: new Map(st.vars), signal: undefined, signalled: false, exec: undefined, server: undefined, jobs: [], forks: 0 }
}

/** Run `body` in `child` (a fork), to its end or for ever; returns its exit status, undefined for ever. */
function runForked(ctx: Ctx, child: State, body: () => void): number | undefined {
  try {
    body()
    return child.status
  } catch (e) {
    if (e instanceof Exit) return e.code
    if (e instanceof Blocked) return undefined
    throw e
  }
}

/** The jobs of a fork that has ended at `end`: those still running are orphans (re-parented to init), the others it reaped. */
function adoptOrphans(st: State, child: State, end: Millis | undefined, forks: number): void {
  for (const job of child.jobs) {
    if (end !== undefined && job.exitAt !== undefined && job.exitAt <= end) continue
    st.jobs.push({ ...job, parent: end === undefined ? job.parent : 'init', forks: forks + job.forks })
  }
}

const MAX_JOBS = 1000

/** `list &`: a child the shell does not wait for. A simple command is exec'd by it; anything else stays a copy of the shell. */
function spawn(ctx: Ctx, st: State, andOr: AndOr): number {
  const child = fork(st)
  const forks = st.forks++
  const code = runForked(ctx, child, () => evalList(ctx, child, [{ first: andOr.first, rest: andOr.rest }], true))
  const exitAt = code === undefined || child.t === FOREVER ? undefined : child.t
  // A loop forking without pause would record jobs until MAX_STEPS; the first MAX_JOBS are enough for ps.
  if (st.jobs.length < MAX_JOBS) st.jobs.push({ argv: child.exec?.argv ?? ctx.argv, at: st.t, ...(exitAt !== undefined ? { exitAt } : {}), parent: 'main', forks })
  st.forks += child.forks
  adoptOrphans(st, child, exitAt, forks + 1)
  return 0 // the exit status of an asynchronous list
}

/** `( list )`: the shell waits for the subshell; jobs it started and left running become orphans. */
function subshell(ctx: Ctx, st: State, body: List): number {
  const child = fork(st)
  const forks = st.forks++
  const code = runForked(ctx, child, () => evalList(ctx, child, body, true))
  st.forks += child.forks
  if (code === undefined || child.t === FOREVER) {
    adoptOrphans(st, child, undefined, forks + 1)
    st.t = FOREVER
    throw new Blocked()
  }
  st.t = child.t
  adoptOrphans(st, child, child.t, forks + 1)
  return code
}

/** `wait`: until every job of this shell has exited (for ever if one never does). */
function waitForJobs(ctx: Ctx, st: State): number {
  const mine = st.jobs.filter((j) => j.parent === 'main')
  const end = Math.max(st.t, ...mine.map((j) => j.exitAt ?? FOREVER))
  block(ctx, st, end - st.t)
  st.jobs = st.jobs.map((j) => (j.parent === 'main' ? { ...j, waited: true as const } : j))
  return 0
}

/** Commands the shell runs itself; anything else is a program, which a last command becomes by exec. */
const SHELL_BUILTINS = new Set(['true', ':', 'export', 'false', 'exit', 'echo', 'trap', 'exec', 'wait'])

/** The main process becomes `argv` now (an init such as dumb-init stays, running it as its child). */
function becomes(st: State, argv: readonly string[]): void {
  if (st.exec?.init) return
  const name = argv[0].split('/').pop() ?? argv[0]
  st.exec = { at: st.t, argv, reaps: reapsChildren(name), ...(name === 'dumb-init' ? { init: true as const } : {}) }
}

function log(st: State, stream: 'stdout' | 'stderr', text: string): void {
  st.logs.push({ at: st.t, stream, text })
}

/** Let `ms` pass in a foreground command; a trapped stop signal fires when it ends. */
function block(ctx: Ctx, st: State, ms: Millis): void {
  const end = st.t + ms
  const sig = st.signal
  if (sig && !st.signalled && sig.at < end) {
    st.signalled = true
    const action = st.traps.get(sig.signal)
    if (action === undefined || end === FOREVER) {
      st.t = FOREVER
      throw new Blocked()
    }
    st.t = end
    runTrap(ctx, st, action)
    return
  }
  if (end === FOREVER) { st.t = FOREVER; throw new Blocked() }
  st.t = end
}

function runTrap(ctx: Ctx, st: State, action: string): void {
  evalList(ctx, st, parseScript(action), false)
}

const SIGNAL_NAMES: Record<string, StopSignal> = {
  TERM: 'SIGTERM', SIGTERM: 'SIGTERM', '15': 'SIGTERM', QUIT: 'SIGQUIT', SIGQUIT: 'SIGQUIT', '3': 'SIGQUIT',
  INT: 'SIGINT', SIGINT: 'SIGINT', '2': 'SIGINT', WINCH: 'SIGWINCH', SIGWINCH: 'SIGWINCH', '28': 'SIGWINCH',
}

function simple(ctx: Ctx, st: State, words: readonly string[], last: boolean): number {
  const [cmd, ...args] = words
  if (cmd === undefined) return 0
  const name = cmd.split('/').pop() ?? cmd
  const { input } = ctx
  // The shell exec's its last command when no trap is set (and `exec cmd` always): that program takes
  // over the main process, its PID and its children.
  if (last && st.traps.size === 0 && !SHELL_BUILTINS.has(name)) becomes(st, words)
  switch (name) {
    case 'true': case ':': case 'export': return 0
    case 'false': return 1
    case 'exit': throw new Exit(args[0] === undefined ? st.status : Number.parseInt(args[0], 10) & 0xff)
    case 'echo': {
      const text = (args[0] === '-n' || args[0] === '-e' ? args.slice(1) : args).join(' ')
      log(st, 'stdout', text) // `-n` output is kept as one line: CRI logs record it as a partial line
      return 0
    }
    case 'hostname': log(st, 'stdout', st.vars.get('HOSTNAME') ?? ''); return 0
    case 'printenv': case 'env':
      if (args[0]) { const v = st.vars.get(args[0]); if (v === undefined) return 1; log(st, 'stdout', v); return 0 }
      for (const [k, v] of st.vars) log(st, 'stdout', `${k}=${v}`)
      return 0
    case 'trap': {
      const [action, ...signals] = args
      for (const s of signals) {
        const sig = SIGNAL_NAMES[s.toUpperCase()]
        if (!sig) continue
        if (action === '-') st.traps.delete(sig)
        else st.traps.set(sig, action ?? '')
      }
      return 0
    }
    case 'sleep': return sleep(ctx, st, args)
    case 'wait': return waitForJobs(ctx, st)
    case 'cat':
      if (args.length === 0 || args[0] === '-') { if (input.spec.stdin) block(ctx, st, FOREVER); return 0 }
      log(st, 'stderr', input.image.userland === 'debian' ? `cat: ${args[0]}: No such file or directory` : `cat: can't open '${args[0]}': No such file or directory`)
      return 1
    case 'tail':
      if (args.includes('-f') || args.includes('-F')) block(ctx, st, FOREVER)
      return 0
    case 'exec':
      if (args[0] !== undefined) becomes(st, args)
      return simple(ctx, st, args, true)
  }
  if (QUIET.has(name)) return 0
  if (SHELLS.has(name)) {
    const c = args.indexOf('-c')
    if (c >= 0 && args[c + 1] !== undefined) {
      const outer = ctx.arg0
      ctx.arg0 = cmd
      let script: List
      try {
        script = parseScript(args[c + 1])
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e
        log(st, 'stderr', syntaxErrorText(input.image.userland, cmd, e))
        ctx.arg0 = outer
        return 2
      }
      evalList(ctx, st, script, last)
      ctx.arg0 = outer
      return st.status
    }
    if (input.spec.stdin) block(ctx, st, FOREVER)
    return 0
  }
  if (name === 'dumb-init') {
    // dumb-init [options] [--] command...: a minimal init that runs the command as its child.
    const rest = args[0] === '--' ? args.slice(1) : args
    return rest.length > 0 ? simple(ctx, st, rest, last) : 1
  }
  if (name === 'docker-entrypoint.sh' || name === 'entrypoint.sh' || name === 'httpd-foreground') {
    if (!exists(input, name)) return notFound(ctx, st, cmd)
    // The images' entrypoints end in `exec "$@"` (redis prepends redis-server to bare options; httpd-foreground
    // runs `httpd -DFOREGROUND`); nginx's logs its configuration steps first when asked to run nginx.
    if (name === 'httpd-foreground') return simple(ctx, st, ['httpd', '-DFOREGROUND', ...args], last)
    if (input.image.server === 'redis' && (args[0]?.startsWith('-') || args[0]?.endsWith('.conf'))) return simple(ctx, st, ['redis-server', ...args], last)
    if (input.image.server === 'nginx' || input.image.server === 'nginx-hello') {
      if (args[0] === 'nginx' || args[0] === 'nginx-debug') for (const l of nginxEntrypointLogs(input.image)) st.logs.push({ ...l, at: st.t })
    }
    return args.length > 0 ? simple(ctx, st, args, last) : 0
  }
  const server = exists(input, name) ? serverProgram(name, args, input.image) : undefined
  if (server) {
    for (const l of server.logs) st.logs.push({ ...l, at: st.t + l.at })
    if (server.exitsAfter !== undefined) { st.t += server.exitsAfter; return server.exitCode ?? 0 }
    st.memory = Math.max(st.memory, server.memory)
    st.server = { ...server, pid1: last && st.traps.size === 0 }
    block(ctx, st, FOREVER)
    return 0
  }
  return notFound(ctx, st, cmd)
}

function notFound(ctx: Ctx, st: State, cmd: string): number {
  log(st, 'stderr', `${shellPrefix(ctx.input.image.userland, ctx.arg0)}${cmd}: not found`)
  return 127
}

/** sleep N[smhd] (busybox and coreutils both take fractions and suffixes), `sleep infinity`. */
function sleep(ctx: Ctx, st: State, args: readonly string[]): number {
  const debian = ctx.input.image.userland === 'debian'
  if (args.length === 0) {
    // coreutils names the missing operand; busybox prints its usage text (not reproduced). Both exit 1.
    if (debian) { log(st, 'stderr', 'sleep: missing operand'); log(st, 'stderr', "Try 'sleep --help' for more information.") }
    return 1
  }
  let total = 0
  for (const a of args) {
    if (/^inf(inity)?$/i.test(a)) { total = FOREVER; break }
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a)
    if (!m) {
      log(st, 'stderr', debian ? `sleep: invalid time interval '${a}'` : `sleep: invalid number '${a}'`)
      if (debian) log(st, 'stderr', "Try 'sleep --help' for more information.")
      return 1
    }
    total += Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]]
  }
  block(ctx, st, Math.round(total))
  return 0
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * A log line as `kubectl logs` shows it, for a container started at wall time `startedAt` (UTC, as
 * containers run): the program's own timestamp formats are nginx's error log `2026/08/21 10:00:00`,
 * Apache's `[Thu Aug 21 10:00:00.000000 2026]`, Redis's `1:M 21 Aug 2026 10:00:00.000 *` and
 * InfluxDB 2's logfmt `ts=2026-08-21T10:00:00.000000Z`, Calico's `2026-08-21 10:00:00.000`, klog's `I0821 10:00:00.000000       1 ` and etcd's
 * zap JSON `{"level":"info","ts":"2026-08-21T10:00:00.000000Z",`. `facts` fill the line's `{{key}}` names.
 */
export function renderLogLine(l: LogLine, startedAt: Millis, facts: LogFacts = {}): string {
  const text = l.text.includes('{{') ? l.text.replace(/\{\{([\w.]+)\}\}/g, (m, key: string) => facts[key] ?? m) : l.text
  if (!l.stamp) return text
  // Offsets may carry microseconds (klog and zap print them): whole microseconds since the epoch.
  const micros = Math.round((startedAt + l.at) * 1000)
  const d = new Date(Math.floor(micros / 1000))
  const two = (n: number): string => String(n).padStart(2, '0')
  const ms = String(d.getUTCMilliseconds()).padStart(3, '0')
  const us = String(micros % 1_000_000).padStart(6, '0')
  const hms = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
  switch (l.stamp) {
    case 'nginx':
      return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${hms} ${text}`
    case 'httpd':
      return `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${hms}.${ms}000 ${d.getUTCFullYear()}] ${text}`
    case 'redis-C':
    case 'redis-M':
      return `1:${l.stamp.slice(-1)} ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms}.${ms} ${text}`
    case 'influxd':
      return `ts=${d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')} ${text}`
    case 'calico':
      // libcalico-go logutils.AppendTime: RFC 3339 cut to milliseconds, a space for the T.
      return `${d.toISOString().slice(0, 23).replace('T', ' ')} ${text}`
    case 'klog-I':
    case 'klog-W':
    case 'klog-E':
      // klog's header: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg (the thread id is the pid, 1 in a container, %7d).
      return `${l.stamp.slice(-1)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${hms}.${us} ${'1'.padStart(7)} ${text}`
    case 'zap-info':
    case 'zap-warn':
      return `{"level":"${l.stamp.slice(4)}","ts":"${d.toISOString().slice(0, 19)}.${us}Z",${text}`
    default: {
      const never: never = l.stamp
      return never
    }
  }
}
