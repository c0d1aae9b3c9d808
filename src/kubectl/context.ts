// What every kubectl command gets: the cluster, the outside world, and its two output streams.
import type { ApiServer } from '../cluster/apiserver.js'
import type { Millis } from '../cluster/clock.js'
import type { SimulatedCluster } from '../cluster/cluster.js'
import type { Status } from '../cluster/status.js'
import type { FlagSpec, ParsedArgs } from './args.js'
import type { KubectlIO } from './io.js'

/** kubectl's identity in the component trace. */
export const KUBECTL = 'kubectl'

export interface KubectlContext {
  readonly cluster: SimulatedCluster
  readonly api: ApiServer
  readonly io: KubectlIO
  /** The namespace of the request: `-n`, else `default`. */
  readonly namespace: string
  /** Whether `-n` was given explicitly. */
  readonly namespaceGiven: boolean
  now(): Millis
  out(text: string): void
  err(text: string): void
}

/** A subcommand found in the arguments: its path after `kubectl`, its flags, and whether the playground has it. */
export interface Subcommand {
  readonly path: string
  readonly flags: readonly FlagSpec[]
  /** A subcommand kubectl has and the playground does not (yet): refused in one sentence before its flags are parsed. */
  readonly unavailable?: boolean
}

export interface KubectlCommand {
  readonly name: string
  readonly aliases?: readonly string[]
  /** One line, as in `kubectl --help`. */
  readonly short: string
  /** The whole `--help` text of this command. */
  readonly help: string
  /** The help of a subcommand (`rollout status --help`), given the other arguments; undefined: `help`. */
  helpFor?(args: readonly string[]): string | undefined
  readonly flags: readonly FlagSpec[]
  /**
   * For a command with subcommands (cobra children), the one these arguments name: its path after
   * `kubectl` (for `See 'kubectl create deployment --help' for usage.`) and its own flags, which
   * replace `flags` when parsing. Undefined: the command itself.
   */
  subcommand?(args: readonly string[]): Subcommand | undefined
  /** What a flag that does not parse prints, when not cobra's usual `Error: ...` and `See ... for usage.` */
  flagError?(error: string): string
  /** Returns the exit code. */
  run(ctx: KubectlContext, args: ParsedArgs): number
}

/** Thrown inside a command to stop with kubectl's `error: ...` line and exit code 1. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/** resource.Builder's missingResourceError: no resource named by argument, selector or file. */
export const NO_RESOURCES_ERROR =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"

/**
 * A flag marked required (cobra's MarkFlagRequired) that was not given: cobra refuses before the
 * command runs, and kubectl 1.32's cli.Run logs that error through klog (not `error: ...`), with
 * the time and the process ID. The time is the cluster's; the ID is made from it (deterministic).
 */
export function requiredFlagError(flag: string, now: Millis): KubectlError {
  return new KubectlError(`${klogHeader('E', 'run.go:72', now)} "command failed" err="required flag(s) \\"${flag}\\" not set"`)
}

/** klog's line header: level, date and time (the cluster's), a process ID made from the time, source line. */
export function klogHeader(level: 'E' | 'W' | 'I', source: string, now: Millis): string {
  const t = new Date(now)
  const two = (n: number): string => String(n).padStart(2, '0')
  const micros = `${String(t.getUTCMilliseconds()).padStart(3, '0')}000`
  const pid = 1000 + (Math.floor(now / 1000) % 50_000)
  return `${level}${two(t.getUTCMonth() + 1)}${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${source}]`
}

/**
 * How kubectl prints an API error (cmd/util/helpers.go): Invalid errors re-formatted from their
 * causes as `The Pod "p" is invalid: ...` (dropping any `error when creating` prefix); every other
 * error as `Error from server (<Reason>): <prefix><message>`.
 */
export function formatStatusError(status: Status, prefix = ''): string {
  if (status.reason === 'Invalid') {
    const d = status.details
    const subject = d && (d.kind || d.name) ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid'
    if (!d?.causes?.length) return `${subject}: ${status.message}`
    const causes = d.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message))
    if (causes.length === 1) return `${subject}: ${causes[0]}`
    return `${subject}: \n${causes.map((c) => `* ${c}`).join('\n')}`
  }
  // StandardErrorMessage: a Status without a reason (StatusReasonUnknown) has no parentheses.
  if (status.reason === '') return `Error from server: ${prefix}${status.message}`
  return `Error from server (${status.reason}): ${prefix}${status.message}`
}
