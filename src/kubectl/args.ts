// kubectl's argument grammar (cobra + pflag): flags anywhere among the positionals, `--flag=value`,
// `--flag value`, `-n value`, `-nvalue`, `-ovalue`, boolean flags with optional `=false`, repeated
// string-array flags, and `--` to end the flags.
import { err, ok, type Result } from '../cluster/result.js'
import { parseGoDuration } from './objects/duration.js'

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration'

export interface FlagSpec {
  readonly name: string
  readonly short?: string
  readonly type: FlagType
  readonly default?: string | boolean | number
  /** For a string flag that may be given bare (`--dry-run` means `--dry-run=unchanged`). */
  readonly noOptDefault?: string
  readonly description?: string
}

export type FlagValue = string | boolean | number | string[]

export interface ParsedArgs {
  readonly positionals: string[]
  /** Values of the flags given, by long name (defaults are not filled in here). */
  readonly flags: Readonly<Record<string, FlagValue>>
  /** Everything after `--`. */
  readonly rest: string[]
  readonly sawDashDash: boolean
}

/** Flags every kubectl command accepts (kubectl's persistent flags). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', description: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'token', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'cache-dir', type: 'string' },
  { name: 'certificate-authority', type: 'string' },
  { name: 'client-certificate', type: 'string' },
  { name: 'client-key', type: 'string' },
  { name: 'disable-compression', type: 'bool' },
  { name: 'log-flush-frequency', type: 'duration' },
  { name: 'password', type: 'string' },
  { name: 'profile', type: 'string' },
  { name: 'profile-output', type: 'string' },
  { name: 'tls-server-name', type: 'string' },
  { name: 'username', type: 'string' },
]

/**
 * Parse `argv` against the flags of one command. Errors are pflag's words (`unknown flag: --foo`,
 * `unknown shorthand flag: 'x' in -x`, `flag needs an argument: --output`,
 * `invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax`).
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): Result<ParsedArgs, string> {
  const all = [...specs, ...GLOBAL_FLAGS]
  const byLong = new Map(all.map((s) => [s.name, s]))
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]))
  const positionals: string[] = []
  const flags: Record<string, FlagValue> = {}
  let i = 0

  const set = (spec: FlagSpec, raw: string, display: string): string | undefined => {
    switch (spec.type) {
      case 'bool': {
        const v = parseBool(raw)
        if (v === undefined) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`
        flags[spec.name] = v
        return undefined
      }
      case 'int': {
        if (!/^[-+]?\d+$/.test(raw)) return `invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`
        flags[spec.name] = Number(raw)
        return undefined
      }
      case 'duration': {
        // pflag's DurationVar: time.ParseDuration at parse time; the text is kept for the command.
        const d = parseGoDuration(raw)
        if (!d.ok) return `invalid argument "${raw}" for "${display}" flag: ${d.error}`
        flags[spec.name] = raw
        return undefined
      }
      case 'stringArray': {
        const prev = flags[spec.name]
        flags[spec.name] = [...(Array.isArray(prev) ? prev : []), raw]
        return undefined
      }
      default:
        flags[spec.name] = raw
        return undefined
    }
  }

  while (i < argv.length) {
    const a = argv[i++]
    if (a === '--') {
      return ok({ positionals, flags, rest: argv.slice(i), sawDashDash: true })
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=')
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2)
      const spec = byLong.get(name)
      if (!spec) return err(`unknown flag: --${name}`)
      const display = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`
      if (eq >= 0) {
        const problem = set(spec, a.slice(eq + 1), display)
        if (problem) return err(problem)
      } else if (spec.type === 'bool') {
        flags[spec.name] = true
      } else if (spec.noOptDefault !== undefined) {
        flags[spec.name] = spec.noOptDefault
      } else {
        if (i >= argv.length) return err(`flag needs an argument: --${name}`)
        const problem = set(spec, argv[i++], display)
        if (problem) return err(problem)
      }
      continue
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // A group of shorthands: -it, -n default, -ndefault, -oyaml, -o=yaml.
      let j = 1
      while (j < a.length) {
        const c = a[j]
        const spec = byShort.get(c)
        if (!spec) return err(`unknown shorthand flag: '${c}' in ${a}`)
        const display = `-${spec.short}, --${spec.name}`
        const tail = a.slice(j + 1)
        if (spec.type === 'bool') {
          if (tail.startsWith('=')) {
            const problem = set(spec, tail.slice(1), display)
            if (problem) return err(problem)
            break
          }
          flags[spec.name] = true
          j++
          continue
        }
        if (tail.length > 0) {
          const problem = set(spec, tail.startsWith('=') ? tail.slice(1) : tail, display)
          if (problem) return err(problem)
        } else if (spec.noOptDefault !== undefined) {
          flags[spec.name] = spec.noOptDefault
        } else {
          if (i >= argv.length) return err(`flag needs an argument: '${c}' in -${c}`)
          const problem = set(spec, argv[i++], display)
          if (problem) return err(problem)
        }
        break
      }
      continue
    }
    positionals.push(a)
  }
  return ok({ positionals, flags, rest: [], sawDashDash: false })
}

/**
 * cobra's Find (stripFlags): the words before any flag parsing that name a subcommand, i.e. the
 * arguments that are neither flags nor a flag's value, up to `--`. A flag cobra does not know, or
 * one that takes a value given as the next argument, takes that next argument with it.
 */
export function commandWords(argv: readonly string[], specs: readonly FlagSpec[]): string[] {
  const all = [...specs, ...GLOBAL_FLAGS]
  const takesNext = (spec: FlagSpec | undefined): boolean => !spec || (spec.type !== 'bool' && spec.noOptDefault === undefined)
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') break
    if (a.startsWith('--') && !a.includes('=')) {
      if (takesNext(all.find((s) => s.name === a.slice(2)))) i++
    } else if (a.startsWith('-') && !a.includes('=') && a.length === 2) {
      if (takesNext(all.find((s) => s.short === a[1]))) i++
    } else if (a !== '' && !a.startsWith('-')) words.push(a)
  }
  return words
}

/** strconv.ParseBool: the spellings Go reads as true or false, else undefined. */
export function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false
  return undefined
}

/** Typed reads of parsed flags, with a default. */
export const flagString = (a: ParsedArgs, name: string, dflt = ''): string => {
  const v = a.flags[name]
  return typeof v === 'string' ? v : dflt
}
export const flagBool = (a: ParsedArgs, name: string, dflt = false): boolean => {
  const v = a.flags[name]
  return typeof v === 'boolean' ? v : dflt
}
export const flagInt = (a: ParsedArgs, name: string, dflt: number): number => {
  const v = a.flags[name]
  return typeof v === 'number' ? v : dflt
}
export const flagArray = (a: ParsedArgs, name: string): string[] => {
  const v = a.flags[name]
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
}
export const hasFlag = (a: ParsedArgs, name: string): boolean => a.flags[name] !== undefined
