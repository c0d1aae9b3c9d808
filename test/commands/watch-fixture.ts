// What the watch tests share: a fresh workspace of the shipped course, its exercises in order, and
// saves done the ways editors do them.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { allExercises, loadCourse, solutionFile, type Course, type Exercise } from '../../src/course/course.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { spawnKubelings, type Pty, type PtyOptions } from '../helpers/pty.js'

export const ROOT = resolve(__dirname, '../..')
export const BIN = join(ROOT, 'bin/run.js')
export const course: Course = loadCourse(ROOT, { strict: true }).course
export const exercises: Exercise[] = allExercises(course)
/** The environment of every run: English unless a test says otherwise, no colour. */
export const ENV = { LANG: 'C.UTF-8', LC_ALL: '', KUBELINGS_LANG: '', NO_COLOR: '1', DEBUG: '' }

/** A new workspace with the shipped exercises (what `kubelings init` makes, without a process). */
export function newWorkspace(): string {
  return initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-watch-')), 'ws'), ROOT).workspace.root
}

export const solutionOf = (file: string): string => readFileSync(solutionFile(course, file), 'utf8')

/** A save as most editors do it: write a temporary file beside it, then rename it over. */
export function saveByRename(ws: string, file: string, text: string): void {
  const target = join(ws, file)
  const temporary = `${target}.~tmp`
  writeFileSync(temporary, text)
  renameSync(temporary, target)
}

/** A save as some editors do it: delete the file, then create it again. */
export function saveByDeleteAndCreate(ws: string, file: string, text: string): void {
  rmSync(join(ws, file))
  writeFileSync(join(ws, file), text)
}

/** Save every file of `exercise` as its solution. */
export function solve(ws: string, exercise: Exercise): void {
  for (const file of exercise.files) saveByRename(ws, file, solutionOf(file))
}

export function progressOf(ws: string): { current?: string; exercises: Record<string, { status: string; attempts: number; hintsShown?: number }> } {
  return JSON.parse(readFileSync(join(ws, '.kubelings', 'progress.json'), 'utf8'))
}

const running: Pty[] = []
export function watch(ws: string, argv: string[] = [], options: PtyOptions = {}): Pty {
  const term = spawnKubelings(['watch', ...argv], { cwd: ws, columns: 120, rows: 50, ...options, env: { ...ENV, ...options.env } })
  running.push(term)
  return term
}

/** Ends whatever a test left running. */
export function killAll(): void {
  for (const term of running.splice(0)) term.kill()
}

/** `kubelings watch` in a pipe (no terminal), with `input` as its whole standard input. */
export function watchPiped(ws: string, input: string, argv: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'watch', ...argv], { cwd: ws, encoding: 'utf8', env: { ...process.env, ...ENV, ...env }, input, timeout: 30_000 })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}
