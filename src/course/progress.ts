// A learner's progress, `.kubelings/progress.json`: which exercises passed, and which one is current.
// Written atomically with the previous version kept as a backup; read under a lock so that `watch`
// and `verify` running at once never lose each other's update. A damaged file is moved aside (never
// deleted), the backup is used when it is sound, and the learner is told what happened.
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { UserError } from './errors.js'
import { withFileLock } from './file-lock.js'
import { t, type Lang } from './i18n.js'
import type { Workspace } from './workspace.js'

export const PROGRESS_FILE = 'progress.json'
export const PROGRESS_VERSION = 1

export interface ExerciseProgress {
  status: 'pending' | 'passed'
  /** How many times it was verified. */
  attempts: number
  /** ISO time of the first pass. */
  passedAt?: string
  /** ISO time and outcome of the last verification. */
  lastVerifiedAt?: string
  lastPassed?: boolean
  /** True once the learner looked at the solution. */
  sawSolution?: boolean
  /** How many of the exercise's hints `kubelings hint` has shown (they come one at a time). */
  hintsShown?: number
}

export interface Progress {
  version: number
  /** The exercise the learner is on (the first one not passed, unless they moved on by hand). */
  current?: string
  exercises: Record<string, ExerciseProgress>
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, exercises: {} })

export const progressFile = (ws: Workspace): string => join(ws.stateDir, PROGRESS_FILE)
const backupFile = (ws: Workspace): string => `${progressFile(ws)}.bak`

export interface ProgressRead {
  progress: Progress
  /** What happened while reading (a damaged file moved aside, the backup used), in the learner's language. */
  notices: string[]
}

function parse(text: string): Progress | undefined {
  try {
    const p = JSON.parse(text) as Progress
    if (p === null || typeof p !== 'object' || Array.isArray(p) || typeof p.version !== 'number') return undefined
    if (typeof p.exercises !== 'object' || p.exercises === null || Array.isArray(p.exercises)) return undefined
    if (p.current !== undefined && typeof p.current !== 'string') return undefined
    for (const e of Object.values(p.exercises)) {
      if (e === null || typeof e !== 'object' || (e.status !== 'passed' && e.status !== 'pending')) return undefined
      // A count a hand edit left unreadable starts again from 0 rather than turning into NaN.
      if (typeof e.attempts !== 'number' || !Number.isFinite(e.attempts)) e.attempts = 0
    }
    return p
  } catch {
    return undefined
  }
}

/** A file name beside the progress file for a damaged copy: `progress.json.corrupt-<time>`. */
function asideName(ws: Workspace, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let name = `${progressFile(ws)}.corrupt-${stamp}`
  for (let i = 1; existsSync(name); i++) name = `${progressFile(ws)}.corrupt-${stamp}-${i}`
  return name
}

function readUnlocked(ws: Workspace, lang: Lang, now: Date): ProgressRead {
  const file = progressFile(ws)
  if (!existsSync(file)) return { progress: emptyProgress(), notices: [] }
  const p = parse(readFileSync(file, 'utf8'))
  if (p) {
    if (p.version > PROGRESS_VERSION) throw new UserError(t(lang, 'progress.newer', { file }))
    return { progress: p, notices: [] }
  }
  // Damaged: keep it aside, then fall back on the backup when that one is sound.
  const aside = asideName(ws, now)
  renameSync(file, aside)
  const notices = [t(lang, 'progress.corrupt', { file, aside })]
  const backup = existsSync(backupFile(ws)) ? parse(readFileSync(backupFile(ws), 'utf8')) : undefined
  if (backup && backup.version <= PROGRESS_VERSION) {
    copyFileSync(backupFile(ws), file)
    notices.push(t(lang, 'progress.restored', { file: backupFile(ws) }))
    return { progress: backup, notices }
  }
  notices.push(t(lang, 'progress.fresh'))
  return { progress: emptyProgress(), notices }
}

function write(ws: Workspace, p: Progress): void {
  const file = progressFile(ws)
  if (existsSync(file) && parse(readFileSync(file, 'utf8'))) copyFileSync(file, backupFile(ws))
  writeFileAtomic.sync(file, `${JSON.stringify(p, null, 2)}\n`)
}

function lockBusy(ws: Workspace, lang: Lang): () => Error {
  return () => new UserError(t(lang, 'progress.locked', { file: `${progressFile(ws)}.lock` }))
}

/** Read the progress (a damaged file is handled as described above). */
export function readProgress(ws: Workspace, lang: Lang, now = new Date()): ProgressRead {
  return withFileLock(`${progressFile(ws)}.lock`, lockBusy(ws, lang), () => {
    const read = readUnlocked(ws, lang, now)
    // A damaged file was replaced: write what we now hold, so the next reader finds it sound.
    if (read.notices.length > 0) write(ws, read.progress)
    return read
  })
}

/** Change the progress under the lock: read the latest, apply `change`, write atomically. */
export function updateProgress(ws: Workspace, lang: Lang, change: (p: Progress) => void, now = new Date()): ProgressRead {
  return withFileLock(`${progressFile(ws)}.lock`, lockBusy(ws, lang), () => {
    const read = readUnlocked(ws, lang, now)
    change(read.progress)
    read.progress.version = PROGRESS_VERSION
    write(ws, read.progress)
    return read
  })
}

/** Record a verification of `id`. A pass is kept for good: a later failure does not undo it. */
export function recordVerdict(p: Progress, id: string, passed: boolean, now: Date): void {
  const e = (p.exercises[id] ??= { status: 'pending', attempts: 0 })
  e.attempts += 1
  e.lastVerifiedAt = now.toISOString()
  e.lastPassed = passed
  if (passed && e.status !== 'passed') {
    e.status = 'passed'
    e.passedAt = now.toISOString()
  }
}

export function isPassed(p: Progress, id: string): boolean {
  return p.exercises[id]?.status === 'passed'
}
