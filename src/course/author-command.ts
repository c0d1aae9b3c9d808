// What the `kubelings author` commands share: which course they work on, and how their results
// read on a terminal. The commands themselves stay thin.
import { existsSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { checkCourse, formatAuthorProblem, type AuthorReport } from './author-check.js'
import type { NewFiles } from './author-new.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'
import { readSettings } from './settings.js'
import { findWorkspace, PACKAGE_ROOT } from './workspace.js'

/**
 * The course an author command works on: the folder named (DIR or --course), else the current
 * folder when it holds a course (or, for `author new`, always: a new course starts there), else the
 * course the workspace around it follows, else the course shipped with kubelings.
 */
export function authorCourseRoot(named: string | undefined, options: { shipped?: boolean; cwd?: string; lang?: Lang } = {}): string {
  const cwd = options.cwd ?? process.cwd()
  if (named !== undefined) {
    const root = resolve(cwd, named)
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UserError(t(options.lang ?? 'en', 'author.notFound', { dir: root }), 2)
    return root
  }
  if (existsSync(join(cwd, 'lessons')) || options.shipped === false) return cwd
  // In a learner's workspace made with `init --course DIR`, the course it follows.
  const ws = findWorkspace(cwd)
  return (ws && readSettings(ws).course) || PACKAGE_ROOT
}

/** Check the course and say so: a header, one line per problem (file:line: message), a summary. */
export function runAuthorCheck(root: string, lang: Lang, cwd = process.cwd()): { report: AuthorReport; lines: string[] } {
  const report = checkCourse(root, lang)
  const shown = (file: string): string => {
    const path = relative(cwd, join(root, file))
    return path.startsWith('..') ? join(root, file) : path
  }
  const lines = [t(lang, 'author.checking', { dir: root })]
  for (const p of report.problems) lines.push(`✗ ${formatAuthorProblem({ ...p, file: shown(p.file) })}`)
  const counts = { count: report.problems.length, lessons: report.lessons, exercises: report.exercises }
  lines.push(report.problems.length === 0 ? `✓ ${t(lang, 'author.ok', counts)}` : t(lang, 'author.summary', counts))
  return { report, lines }
}

/** What `author new` wrote, and what to do next. */
export function reportNewFiles(root: string, files: NewFiles, lang: Lang, cwd = process.cwd()): string[] {
  const shown = (file: string): string => {
    const path = relative(cwd, join(root, file))
    return path.startsWith('..') ? join(root, file) : path
  }
  const lines = files.created.map((file) => t(lang, 'author.created', { file: shown(file) }))
  if (files.updated) lines.push(t(lang, 'author.updated', { file: shown(files.updated), id: files.exercise }))
  const dir = relative(cwd, root) || '.'
  lines.push(t(lang, 'author.newNext', { dir: dir.startsWith('..') ? root : dir }))
  return lines
}
