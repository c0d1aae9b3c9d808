// The files of an exercise in a learner's workspace, against the course's shipped copies and its
// reference solutions: `kubelings reset` and `kubelings solution`. Nothing a learner wrote is ever
// overwritten without a backup beside it.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { shippedFile, solutionFile, type Course, type Exercise } from './course.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'
import type { Workspace } from './workspace.js'

export interface ResetFile {
  /** Workspace-relative. */
  file: string
  /** False when the learner's file was already as shipped. */
  restored: boolean
  /** Workspace-relative path of the learner's version, kept before restoring. */
  backup?: string
}

/** `pod.yaml.bak-2026-11-25T08-00-00-000Z`, never the name of a file that exists. */
export function backupName(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let name = `${path}.bak-${stamp}`
  for (let i = 1; existsSync(name); i++) name = `${path}.bak-${stamp}-${i}`
  return name
}

/** Put the shipped files of `exercise` back, keeping each edited file as a backup beside it. */
export function resetExercise(course: Course, ws: Workspace, exercise: Exercise, lang: Lang, now = new Date()): ResetFile[] {
  // Check the whole course side first: a half-done reset would be worse than none.
  const sources = exercise.files.map((file) => {
    const path = shippedFile(course, file)
    if (!existsSync(path)) throw new UserError(t(lang, 'reset.missing', { file, path }), 3)
    return { file, path }
  })
  return sources.map(({ file, path }) => {
    const target = join(ws.root, ...file.split('/'))
    if (existsSync(target) && readFileSync(target).equals(readFileSync(path))) return { file, restored: false }
    let backup: string | undefined
    if (existsSync(target)) {
      const name = backupName(target, now)
      copyFileSync(target, name)
      backup = `${file}${name.slice(target.length)}`
    }
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(path, target)
    return { file, restored: true, ...(backup ? { backup } : {}) }
  })
}

export interface SolutionFile {
  /** Workspace-relative exercise file. */
  file: string
  /** The solution's path in the course. */
  path: string
  text: string
}

/** The reference solution of every file of `exercise` (a missing one is a broken course, exit 3). */
export function solutionFiles(course: Course, exercise: Exercise, lang: Lang): SolutionFile[] {
  return exercise.files.map((file) => {
    const path = solutionFile(course, file)
    if (!existsSync(path)) throw new UserError(t(lang, 'solution.missing', { file, path }), 3)
    return { file, path, text: readFileSync(path, 'utf8') }
  })
}
