// Noticing saves for `kubelings watch`: chokidar on the folders of the exercise's files (not the
// files themselves, so editors' atomic saves — write a temporary file and rename it over, or delete
// and create — are seen as saves of the same path), debounced so one save is one verification.
// Where file events never arrive (WSL's /mnt/c, network file systems, some container mounts), a
// probe notices it and the watch falls back on polling.
import { existsSync, readFileSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FSWatcher as ChokidarWatcher } from 'chokidar'

export type WatchMode = 'events' | 'polling' | 'manual'

/** A burst of writes from one save (truncate, write, rename) arrives within a few ms; one verification covers it. */
export const DEBOUNCE_MS = 50
export const POLL_INTERVAL_MS = 300
/** How long a test save may go unnoticed before file events count as not arriving. */
export const PROBE_TIMEOUT_MS = 1000

/**
 * Tests set this to stand for a file system that sends no events: the native watcher then drops
 * every event it gets, so the probe must notice, and polling must find the saves, for real.
 */
export const SIMULATE_SILENT_ENV = 'KUBELINGS_WATCH_SILENT'

export interface FileWatch {
  close(): Promise<void>
}

export interface FileWatchOptions {
  /** Absolute paths of the files to watch (they may not exist yet). */
  files: string[]
  polling: boolean
  /** Called once per save (after the debounce) with the files that changed. */
  onSaved(files: string[]): void
  onError(error: Error): void
  simulateSilent?: boolean
}

async function chokidarWatch(paths: string[], polling: boolean): Promise<ChokidarWatcher> {
  const { watch } = await import('chokidar')
  const watcher = watch(paths, {
    ignoreInitial: true,
    depth: 0,
    usePolling: polling,
    interval: POLL_INTERVAL_MS,
    binaryInterval: POLL_INTERVAL_MS,
    // A file deleted and created again within 100 ms is reported as changed, not as gone.
    atomic: polling ? false : 100,
  })
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  // A poller compares each look with the one before; its first look happens after 'ready', so a
  // save in between would be taken as the starting point. One interval later it has looked.
  if (polling) await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS))
  return watcher
}

/** Watch `files`; resolves once the watcher is ready, so a save right after is never missed. */
export async function watchFiles(options: FileWatchOptions): Promise<FileWatch> {
  const wanted = new Set(options.files)
  const folders = [...new Set(options.files.map((f) => dirname(f)))]
  const watcher = await chokidarWatch(folders, options.polling)
  const dropEvents = options.simulateSilent === true && !options.polling
  const changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const saved = (path: string): void => {
    if (dropEvents || !wanted.has(path)) return
    changed.add(path)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const files = [...changed]
      changed.clear()
      options.onSaved(files)
    }, DEBOUNCE_MS)
  }
  watcher.on('add', saved).on('change', saved).on('unlink', saved)
  watcher.on('error', (e) => options.onError(e instanceof Error ? e : new Error(String(e))))
  return {
    close: async () => {
      clearTimeout(timer)
      await watcher.close()
    },
  }
}

export interface ProbeResult {
  silent: boolean
  /** How long the probe waited (ms). */
  waited: number
}

/**
 * Save a hidden file in `dir` (the workspace's `.kubelings/`) and see whether a file event reports
 * it within `timeoutMs`. It asks the operating system's file events directly (`fs.watch`, what
 * chokidar uses when it does not poll), and removes the file afterwards.
 */
export async function probeFileEvents(dir: string, options: { simulateSilent?: boolean; timeoutMs?: number } = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS
  const name = `.watch-probe-${process.pid}`
  const started = Date.now()
  let watcher: FSWatcher | undefined
  try {
    const arrived = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      try {
        watcher = watch(dir, (_event, file) => {
          if (options.simulateSilent || String(file) !== name) return
          clearTimeout(timer)
          resolve(true)
        })
      } catch {
        clearTimeout(timer)
        return resolve(false) // no file events at all on this file system
      }
      watcher.on('error', () => undefined)
      writeFileSync(join(dir, name), `${started}\n`)
    })
    return { silent: !arrived, waited: Date.now() - started }
  } finally {
    watcher?.close()
    rmSync(join(dir, name), { force: true })
  }
}

/**
 * The drive folder (`/mnt/c`) when the workspace lies on a Windows drive under WSL, where Linux
 * file events do not arrive for changes made by Windows editors.
 */
export function wslWindowsDrive(root: string, env: NodeJS.ProcessEnv, procVersion: string): string | undefined {
  const wsl = Boolean(env.WSL_DISTRO_NAME || env.WSL_INTEROP) || /microsoft|wsl/i.test(procVersion)
  if (!wsl) return undefined
  return /^\/mnt\/[a-z](?=\/|$)/.exec(root)?.[0]
}

/** This machine's kernel description (`/proc/version`), or '' where there is none. */
export function procVersion(): string {
  try {
    return existsSync('/proc/version') ? readFileSync('/proc/version', 'utf8') : ''
  } catch {
    return ''
  }
}

/** Why file events may not arrive in a workspace: a Windows drive under WSL, or a probe that went unnoticed. */
export type SilentReason = { kind: 'wsl'; dir: string } | { kind: 'probe'; dir: string; ms: number }

/** Whether saves in `ws` would go unnoticed by file events (undefined: they arrive). */
export async function silentFileEvents(ws: { root: string; stateDir: string }, env: NodeJS.ProcessEnv): Promise<SilentReason | undefined> {
  const drive = wslWindowsDrive(ws.root, env, procVersion())
  if (drive) return { kind: 'wsl', dir: drive }
  const probe = await probeFileEvents(ws.stateDir, { simulateSilent: env[SIMULATE_SILENT_ENV] === '1' })
  return probe.silent ? { kind: 'probe', dir: ws.stateDir, ms: probe.waited } : undefined
}
