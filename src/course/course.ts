// The course: lessons (lessons/<dir>/lesson.yaml + en.md + zh.md), the files a learner edits
// (exercises/<dir>/...) and their reference solutions (solutions/<dir>/...). A course is data:
// nothing in it runs as code. This module reads it into one model; `author check` (src/course/
// author-check.ts) goes further and reports every problem with file and line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { UserError } from './errors.js'
import type { Lang } from './i18n.js'

export const LESSON_FILE = 'lesson.yaml'
export const LANGS: readonly Lang[] = ['en', 'zh']

/** A text in both languages. */
export type Localized = Record<Lang, string>

/** Every kind of check the grader knows (src/grader/checks). */
export const CHECK_KINDS = [
  'object',
  'podStatus',
  'flow',
  'condition',
  'count',
  'endpoints',
  'reach',
  'trace',
  'schedule',
  'answer',
  'afterFault',
] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

/** One check of an exercise, as written in lesson.yaml: `- name: ...` plus exactly one kind key. */
export interface CheckSpec {
  kind: CheckKind
  /** What the check looks at, in the learner's words; derived from the check when absent. */
  name?: Localized
  /** The kind's own fields (validated by the grader). */
  args: Record<string, unknown>
  /** Where the check is written (1-based line in lesson.yaml). */
  line: number
}

/** The cluster an exercise starts from. */
export interface ClusterSetup {
  /** Worker nodes (besides the control-plane node). Default 2. */
  workers: number
  /** Seed of the simulation; the same seed and files always give the same verdict. Default 1. */
  seed: number
  /** Components not running at the start (e.g. kube-scheduler). */
  stopped: string[]
  /** Manifests from the lesson folder applied before the learner's files, course-relative. */
  setup: string[]
  /** Other simulator options (e.g. cni), passed through. */
  options: Record<string, unknown>
}

export interface Exercise {
  id: string
  /** The id of its lesson. */
  lesson: string
  title: Localized
  /** `manifest`: the files are applied to the cluster; `answer`: the files hold predictions. */
  mode: 'manifest' | 'answer'
  /** The files a learner edits, relative to the workspace root (`exercises/<dir>/<file>`). */
  files: string[]
  /** Of `files`, those applied to the cluster (relative to the workspace root). */
  apply: string[]
  cluster: ClusterSetup
  /** Virtual time to let pass after applying, in ms. */
  runFor: number
  hints: Localized[]
  checks: CheckSpec[]
  /** Where the exercise is written (1-based line in lesson.yaml). */
  line: number
}

export interface Lesson {
  id: string
  /** The folder name under lessons/, exercises/ and solutions/ (e.g. `01-pod-phases`). */
  dir: string
  /** The learning goal (1–5) of the course document this lesson serves. */
  goal: number
  title: Localized
  exercises: Exercise[]
  /** The lesson text per language: absolute paths of en.md / zh.md. */
  text: Record<Lang, string>
  /** lesson.yaml's absolute path. */
  file: string
}

export interface Course {
  /** The course folder (holding lessons/, exercises/, solutions/). */
  root: string
  lessons: Lesson[]
}

/** A problem in a course file, with where it is. */
export interface CourseProblem {
  file: string
  line?: number
  message: string
}

export class CourseError extends UserError {
  constructor(readonly problems: CourseProblem[]) {
    super(problems.map(formatProblem).join('\n'), 3)
    this.name = 'CourseError'
  }
}

export function formatProblem(p: CourseProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`
}

/** Every exercise of the course, in course order. */
export function allExercises(course: Course): Exercise[] {
  return course.lessons.flatMap((l) => l.exercises)
}

export function findExercise(course: Course, id: string): Exercise | undefined {
  return allExercises(course).find((e) => e.id === id)
}

export function findLesson(course: Course, id: string): Lesson | undefined {
  return course.lessons.find((l) => l.id === id || l.dir === id)
}

/** The shipped copy (in the course) of a workspace-relative exercise file. */
export function shippedFile(course: Course, workspaceRelative: string): string {
  return join(course.root, ...workspaceRelative.split('/'))
}

/** The reference solution of a workspace-relative exercise file (`solutions/` at the same path). */
export function solutionFile(course: Course, workspaceRelative: string): string {
  return join(course.root, 'solutions', ...workspaceRelative.split('/').slice(1))
}

/**
 * Read a course. Problems are collected (not thrown one at a time); when `strict`, any problem
 * throws a CourseError listing all of them, so a broken course is one clear report.
 */
export function loadCourse(root: string, options: { strict?: boolean } = {}): { course: Course; problems: CourseProblem[] } {
  const problems: CourseProblem[] = []
  const lessonsDir = join(root, 'lessons')
  const lessons: Lesson[] = []
  if (!existsSync(lessonsDir) || !statSync(lessonsDir).isDirectory()) {
    problems.push({ file: lessonsDir, message: 'no lessons/ folder: this is not a kubelings course' })
  } else {
    for (const dir of readdirSync(lessonsDir).sort()) {
      const folder = join(lessonsDir, dir)
      if (!statSync(folder).isDirectory() || dir.startsWith('.')) continue
      const lesson = readLesson(root, dir, problems)
      if (lesson) lessons.push(lesson)
    }
  }
  checkUnique(lessons, problems)
  const course = { root, lessons }
  if (options.strict && problems.length > 0) throw new CourseError(problems)
  return { course, problems }
}

function checkUnique(lessons: Lesson[], problems: CourseProblem[]): void {
  const lessonIds = new Map<string, Lesson>()
  const exerciseIds = new Map<string, Exercise>()
  for (const l of lessons) {
    const other = lessonIds.get(l.id)
    if (other) problems.push({ file: l.file, line: 1, message: `lesson id "${l.id}" is also used by ${other.file}` })
    lessonIds.set(l.id, l)
    for (const e of l.exercises) {
      const twin = exerciseIds.get(e.id)
      if (twin) problems.push({ file: l.file, line: e.line, message: `exercise id "${e.id}" is also used in lesson "${twin.lesson}": exercise ids are unique across the course` })
      exerciseIds.set(e.id, e)
    }
  }
}

const ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/

/**
 * A file name inside the lesson's folder: relative, no `..`, no backslash. A course is untrusted
 * data, and `init`, `reset` and `solution` read and write these paths in the learner's workspace,
 * so a name must never reach outside it.
 */
export function isSafeCourseFile(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0') || posix.isAbsolute(name) || /^[A-Za-z]:/.test(name)) return false
  return name.split('/').every((part) => part !== '..' && part !== '.' && part !== '')
}

const DURATION = /^(\d+(?:\.\d+)?(?:ms|s|m|h))+$/

/** Go-style durations as lesson.yaml writes them (`90s`, `2m`, `1m30s`), in ms. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  let total = 0
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]]
  return Math.round(total)
}

function readLesson(root: string, dir: string, problems: CourseProblem[]): Lesson | undefined {
  const file = join(root, 'lessons', dir, LESSON_FILE)
  if (!existsSync(file)) {
    problems.push({ file: join(root, 'lessons', dir), message: `no ${LESSON_FILE} in this lesson folder` })
    return undefined
  }
  const counter = new LineCounter()
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: false })
  if (doc.errors.length > 0) {
    // Without prettyErrors, `yaml` leaves linePos unset: the line comes from the error's offset.
    for (const e of doc.errors) problems.push({ file, line: e.linePos?.[0].line ?? counter.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` })
    return undefined
  }
  const at = (node: unknown): number | undefined => {
    const range = (node as YamlNode | undefined)?.range
    return range ? counter.linePos(range[0]).line : undefined
  }
  const r = new Reader(file, problems, at)
  const top = doc.contents
  if (!isMap(top)) {
    problems.push({ file, line: 1, message: 'a lesson.yaml is a mapping (id, title, goal, exercises)' })
    return undefined
  }
  const id = r.id(top, 'id')
  const title = r.localized(top, 'title', true)
  const goal = r.number(top, 'goal', { min: 1, max: 5 })
  r.known(top, ['id', 'title', 'goal', 'exercises'])
  const text = { en: join(root, 'lessons', dir, 'en.md'), zh: join(root, 'lessons', dir, 'zh.md') }
  for (const lang of LANGS) if (!existsSync(text[lang])) problems.push({ file: text[lang], message: `the lesson text in ${lang === 'en' ? 'English' : 'Chinese'} is missing` })
  const exercisesNode = top.get('exercises', true)
  const exercises: Exercise[] = []
  if (!isSeq(exercisesNode) || exercisesNode.items.length === 0) {
    problems.push({ file, line: at(exercisesNode) ?? 1, message: 'exercises: a lesson has a list of one or more exercises' })
  } else {
    for (const item of exercisesNode.items) {
      const e = readExercise(r, item, id ?? dir, dir, root)
      if (e) exercises.push(e)
    }
  }
  if (!id || !title || goal === undefined) return undefined
  return { id, dir, goal, title, exercises, text, file }
}

function readExercise(r: Reader, node: unknown, lesson: string, dir: string, root: string): Exercise | undefined {
  if (!isMap(node)) {
    r.problem(node, 'an exercise is a mapping (id, title, files, checks, ...)')
    return undefined
  }
  const line = r.at(node) ?? 1
  const id = r.id(node, 'id')
  const title = r.localized(node, 'title', true)
  const modeText = r.string(node, 'mode', false) ?? 'manifest'
  if (modeText !== 'manifest' && modeText !== 'answer') r.problem(node.get('mode', true), `mode: must be "manifest" or "answer", not "${modeText}"`)
  const mode = modeText === 'answer' ? 'answer' : 'manifest'
  const names = (r.strings(node, 'files', true) ?? []).filter((f) => r.safeFile(node.get('files', true), 'files', f))
  const files = names.map((f) => posix.join('exercises', dir, f))
  for (const [i, f] of files.entries()) {
    if (!existsSync(join(root, ...f.split('/')))) r.problem(node.get('files', true), `files[${i}]: ${f} does not exist in the course`)
  }
  const applyNames = r.strings(node, 'apply', false)?.filter((f) => r.safeFile(node.get('apply', true), 'apply', f))
  const apply = applyNames ? applyNames.map((f) => posix.join('exercises', dir, f)) : mode === 'manifest' ? files : []
  for (const f of apply) if (!files.includes(f)) r.problem(node.get('apply', true), `apply: ${f} is not one of the exercise's files`)
  const cluster = readCluster(r, node.get('cluster', true), dir, root)
  const runText = r.string(node, 'runFor', false) ?? '2m'
  let runFor = parseDuration(runText)
  if (runFor === undefined) {
    r.problem(node.get('runFor', true), `runFor: "${runText}" is not a duration (use 30s, 2m, 1m30s)`)
    runFor = 120_000
  }
  const hintsNode = node.get('hints', true)
  const hints: Localized[] = []
  if (hintsNode !== undefined && !isSeq(hintsNode)) r.problem(hintsNode, 'hints: a list of hints, each with en and zh')
  if (isSeq(hintsNode)) for (const h of hintsNode.items) {
    const text = r.localizedNode(h, 'hints[]')
    if (text) hints.push(text)
  }
  const checks = readChecks(r, node.get('checks', true))
  r.known(node, ['id', 'title', 'mode', 'files', 'apply', 'cluster', 'runFor', 'hints', 'checks'])
  if (!id || !title) return undefined
  return { id, lesson, title, mode, files, apply, cluster, runFor, hints, checks, line }
}

function readCluster(r: Reader, node: unknown, dir: string, root: string): ClusterSetup {
  const setup: ClusterSetup = { workers: 2, seed: 1, stopped: [], setup: [], options: {} }
  if (node === undefined) return setup
  if (!isMap(node)) {
    r.problem(node, 'cluster: a mapping (workers, seed, stopped, setup, ...)')
    return setup
  }
  setup.workers = r.number(node, 'workers', { min: 0, max: 50, optional: true }) ?? 2
  setup.seed = r.number(node, 'seed', { min: 0, optional: true }) ?? 1
  setup.stopped = r.strings(node, 'stopped', false) ?? []
  setup.setup = (r.strings(node, 'setup', false) ?? []).filter((f) => r.safeFile(node.get('setup', true), 'setup', f)).map((f) => posix.join('lessons', dir, f))
  for (const f of setup.setup) if (!existsSync(join(root, ...f.split('/')))) r.problem(node.get('setup', true), `setup: ${f} does not exist in the course`)
  for (const item of node.items) {
    const key = String((item.key as { value?: unknown })?.value ?? item.key)
    if (!['workers', 'seed', 'stopped', 'setup'].includes(key)) setup.options[key] = (item.value as { toJSON?: () => unknown })?.toJSON?.() ?? item.value
  }
  return setup
}

function readChecks(r: Reader, node: unknown): CheckSpec[] {
  const checks: CheckSpec[] = []
  if (!isSeq(node) || node.items.length === 0) {
    r.problem(node, 'checks: an exercise has a list of one or more checks')
    return checks
  }
  for (const item of node.items) {
    if (!isMap(item)) {
      r.problem(item, 'a check is a mapping: an optional name and one check kind, e.g. `podStatus: {pod: web, status: Running}`')
      continue
    }
    const line = r.at(item) ?? 0
    const kinds = item.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)).filter((k) => k !== 'name')
    if (kinds.length !== 1) {
      r.problem(item, kinds.length === 0 ? `a check needs one check kind (${CHECK_KINDS.join(', ')})` : `a check has exactly one check kind, found ${kinds.join(', ')}`)
      continue
    }
    const kind = kinds[0]
    if (!(CHECK_KINDS as readonly string[]).includes(kind)) {
      r.problem(item, `unknown check kind "${kind}" (known: ${CHECK_KINDS.join(', ')})`)
      continue
    }
    const argsNode = item.get(kind, true)
    const args = (argsNode as { toJSON?: () => unknown })?.toJSON?.()
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      r.problem(argsNode ?? item, `${kind}: the check's fields are a mapping`)
      continue
    }
    const nameNode = item.get('name', true)
    const name = nameNode === undefined ? undefined : r.localizedNode(nameNode, 'name')
    checks.push({ kind: kind as CheckKind, name, args: args as Record<string, unknown>, line })
  }
  return checks
}

/** Reads typed fields off YAML nodes, recording a problem (with its line) for each bad one. */
class Reader {
  constructor(
    readonly file: string,
    readonly problems: CourseProblem[],
    readonly at: (node: unknown) => number | undefined,
  ) {}

  problem(node: unknown, message: string): void {
    this.problems.push({ file: this.file, line: this.at(node), message })
  }

  /** Keep `name` only when it stays inside the lesson's folder (see isSafeCourseFile). */
  safeFile(node: unknown, key: string, name: string): boolean {
    if (isSafeCourseFile(name)) return true
    this.problem(node, `${key}: "${name}" must be a path inside the lesson's folder (relative, without "..")`)
    return false
  }

  private value(map: { get(key: string, keepScalar: true): unknown }, key: string): unknown {
    return (map.get(key, true) as { toJSON?: () => unknown } | undefined)?.toJSON?.()
  }

  string(map: import('yaml').YAMLMap, key: string, required: boolean): string | undefined {
    const v = this.value(map, key)
    if (v === undefined || v === null) {
      if (required) this.problem(map, `${key}: Required value`)
      return undefined
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.problem(map.get(key, true), `${key}: must be a string`)
      return undefined
    }
    return String(v)
  }

  id(map: import('yaml').YAMLMap, key: string): string | undefined {
    const v = this.string(map, key, true)
    if (v !== undefined && !ID.test(v)) {
      this.problem(map.get(key, true), `${key}: "${v}" must be lower-case letters, digits and '-', starting and ending with a letter or digit`)
      return undefined
    }
    return v
  }

  number(map: import('yaml').YAMLMap, key: string, o: { min?: number; max?: number; optional?: boolean }): number | undefined {
    const v = this.value(map, key)
    if (v === undefined || v === null) {
      if (!o.optional) this.problem(map, `${key}: Required value`)
      return undefined
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || (o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) {
      this.problem(map.get(key, true), `${key}: must be a whole number${o.min !== undefined ? ` from ${o.min}` : ''}${o.max !== undefined ? ` to ${o.max}` : ''}`)
      return undefined
    }
    return v
  }

  strings(map: import('yaml').YAMLMap, key: string, required: boolean): string[] | undefined {
    const v = this.value(map, key)
    if (v === undefined || v === null) {
      if (required) this.problem(map, `${key}: Required value`)
      return undefined
    }
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string') || (required && v.length === 0)) {
      this.problem(map.get(key, true), `${key}: must be a list of file names`)
      return undefined
    }
    return v as string[]
  }

  localized(map: import('yaml').YAMLMap, key: string, required: boolean): Localized | undefined {
    const node = map.get(key, true)
    if (node === undefined) {
      if (required) this.problem(map, `${key}: Required value (with en and zh)`)
      return undefined
    }
    return this.localizedNode(node, key)
  }

  localizedNode(node: unknown, what: string): Localized | undefined {
    const v = (node as { toJSON?: () => unknown })?.toJSON?.()
    const o = v as Record<string, unknown> | null
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      this.problem(node, `${what}: must give the text in both languages, as {en: ..., zh: ...}`)
      return undefined
    }
    const missing = LANGS.filter((l) => typeof o[l] !== 'string' || (o[l] as string).trim() === '')
    if (missing.length > 0) {
      this.problem(node, `${what}: the ${missing.map((l) => (l === 'en' ? 'English (en)' : 'Chinese (zh)')).join(' and ')} text is missing`)
      return undefined
    }
    return { en: o.en as string, zh: o.zh as string }
  }

  known(map: import('yaml').YAMLMap, keys: string[]): void {
    for (const item of map.items) {
      const key = String((item.key as { value?: unknown })?.value ?? item.key)
      if (!keys.includes(key)) this.problem(item.key, `unknown field "${key}" (known: ${keys.join(', ')})`)
    }
  }
}
