// `kubelings cluster advance DURATION` and `kubelings cluster status`, the playground commands a lesson
// runs most after kubectl: shared by their oclif commands and bin/run.js's fast path. Through oclif
// they took two and a half times kubectl's start-up (oclif itself, then the simulator's 180 ES modules
// compiled afresh); the fast path runs them from the kubectl bundle with its code cache.
import { parseDuration } from '../cluster/clock.js'
import { UserError } from '../course/errors.js'
import { reportFailure } from '../course/failure.js'
import { t } from '../course/i18n.js'
import { Playground, withPlaygroundLock } from '../course/playground.js'
import { openWorkspace, sessionFlagAt, sessionLang, workspaceFlag, type SessionFlags } from '../course/settings.js'
import { requireWorkspace } from '../course/workspace.js'
import { clusterStatus, renderClusterStatus, type ClusterStatusReport } from './cluster-status.js'

/** What a command prints (a line each) and what it answers with --json. */
export interface Told<T> {
  lines: string[]
  json: T
}

export interface Advanced {
  advancedMs: number
  time: string
  manualClock: boolean
}

/** Let `duration` (30s, 5m, 1h30m) pass on the playground's clock, and save it. */
export function advancePlayground(duration: string, flags: SessionFlags): Told<Advanced> {
  const lang = sessionLang(flags)
  const ms = parseDuration(duration)
  if (ms === undefined) throw new UserError(t(lang, 'advance.bad', { value: duration }))
  const ws = requireWorkspace(process.cwd(), workspaceFlag(flags), lang)
  const { time, manual } = withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    p.advance(ms)
    p.save()
    return { time: p.cluster.now(), manual: p.manualClock }
  })
  const iso = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const lines = [t(lang, 'playground.advanced', { duration, time: iso })]
  if (!manual) lines.push(t(lang, 'advance.wallClock'))
  return { lines, json: { advancedMs: ms, time: iso, manualClock: manual } }
}

/** The components, where they run, and the nodes (the playground is saved: its clock may have moved). */
export function playgroundStatus(flags: SessionFlags): Told<ClusterStatusReport> {
  const { ws, lang } = openWorkspace(flags)
  const status = withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    p.save()
    return clusterStatus(p.cluster, p.manualClock)
  })
  return { lines: [renderClusterStatus(status, lang)], json: status }
}

/**
 * bin/run.js's fast path: `cluster advance DURATION` and `cluster status` with only the session
 * flags; undefined means "let oclif do it" (--json, whose output oclif colours in a terminal, --help,
 * a bad flag or argument, another subcommand), so every other form behaves as the oclif command does.
 */
export function clusterMain(argv: readonly string[]): number | undefined {
  const [sub, ...rest] = argv
  if (sub !== 'advance' && sub !== 'status') return undefined
  const flags: SessionFlags = {}
  const args: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const flag = sessionFlagAt(rest, i)
    if (flag === 'unparsed') return undefined
    if (flag) {
      flags[flag.name] = flag.value
      i += flag.used - 1
    } else if (rest[i].startsWith('-')) return undefined
    else args.push(rest[i])
  }
  if (args.length !== (sub === 'advance' ? 1 : 0)) return undefined
  try {
    const told = sub === 'advance' ? advancePlayground(args[0], flags) : playgroundStatus(flags)
    for (const line of told.lines) process.stdout.write(`${line}\n`)
    return 0
  } catch (e) {
    return reportFailure(e, sessionLang(flags))
  }
}
