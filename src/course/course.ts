// The course: lessons (lessons/<dir>/lesson.yaml + en.md + zh.md), the files a learner edits
// (exercises/<dir>/...) and their reference solutions (solutions/<dir>/...). A course is data:
// nothing in it runs as code. This module reads it into one model; `author check` (src/course/
// author-check.ts) goes further and reports every problem with file and line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { UserError } from './errors.js'
import { t, type Lang, type MessageKey } from './i18n.js'

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

/** A list in running text: `a, b, c` in English, `a、b、c` in Chinese. */
export function joinList(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'zh' ? '、' : ', ')
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
 * throws a CourseError listing all of them, so a broken course is one clear report. Problems are
 * written in `lang` (English by default): an author or learner reads them in their language.
 */
export function loadCourse(root: string, options: { strict?: boolean; lang?: Lang } = {}): { course: Course; problems: CourseProblem[] } {
  const lang = options.lang ?? 'en'
  const problems: CourseProblem[] = []
  const lessonsDir = join(root, 'lessons')
  const lessons: Lesson[] = []
  if (!existsSync(lessonsDir) || !statSync(lessonsDir).isDirectory()) {
    problems.push({ file: lessonsDir, message: t(lang, 'reader.noLessons') })
  } else {
    for (const dir of readdirSync(lessonsDir).sort()) {
      const folder = join(lessonsDir, dir)
      if (!statSync(folder).isDirectory() || dir.startsWith('.')) continue
      const lesson = readLesson(root, dir, problems, lang)
      if (lesson) lessons.push(lesson)
    }
  }
  checkUnique(lessons, problems, lang)
  const course = { root, lessons }
  if (options.strict && problems.length > 0) throw new CourseError(problems)
  return { course, problems }
}

function checkUnique(lessons: Lesson[], problems: CourseProblem[], lang: Lang): void {
  const lessonIds = new Map<string, Lesson>()
  const exerciseIds = new Map<string, Exercise>()
  for (const l of lessons) {
    const other = lessonIds.get(l.id)
    if (other) problems.push({ file: l.file, line: 1, message: t(lang, 'reader.lessonIdTaken', { id: l.id, file: other.file }) })
    lessonIds.set(l.id, l)
    for (const e of l.exercises) {
      const twin = exerciseIds.get(e.id)
      if (twin) problems.push({ file: l.file, line: e.line, message: t(lang, 'reader.exerciseIdTaken', { id: e.id, lesson: twin.lesson }) })
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

/** The YAML parser's error, with what it means for the errors authors meet most (the parser speaks English only). */
function yamlProblem(lang: Lang, code: string, error: string): string {
  const meaning = `reader.yaml.${code}`
  return YAML_MEANINGS.has(meaning) ? t(lang, 'reader.badYamlExplained', { error, meaning: t(lang, meaning as MessageKey) }) : t(lang, 'reader.badYaml', { error })
}

const YAML_MEANINGS = new Set(['BAD_INDENT', 'TAB_AS_INDENT', 'DUPLICATE_KEY', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_DQ_ESCAPE', 'MISSING_CHAR', 'UNEXPECTED_TOKEN'].map((c) => `reader.yaml.${c}`))

function readLesson(root: string, dir: string, problems: CourseProblem[], lang: Lang): Lesson | undefined {
  const file = join(root, 'lessons', dir, LESSON_FILE)
  if (!existsSync(file)) {
    problems.push({ file: join(root, 'lessons', dir), message: t(lang, 'reader.noLessonFile', { file: LESSON_FILE }) })
    return undefined
  }
  const counter = new LineCounter()
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: false })
  if (doc.errors.length > 0) {
    // Without prettyErrors, `yaml` leaves linePos unset: the line comes from the error's offset.
    for (const e of doc.errors) problems.push({ file, line: e.linePos?.[0].line ?? counter.linePos(e.pos[0]).line, message: yamlProblem(lang, e.code, e.message.split('\n')[0]) })
    return undefined
  }
  const at = (node: unknown): number | undefined => {
    const range = (node as YamlNode | undefined)?.range
    return range ? counter.linePos(range[0]).line : undefined
  }
  const r = new Reader(file, problems, at, lang)
  const top = doc.contents
  if (!isMap(top)) {
    problems.push({ file, line: 1, message: r.say('reader.lessonNotMapping') })
    return undefined
  }
  const id = r.id(top, 'id')
  const title = r.localized(top, 'title', true)
  const goal = r.number(top, 'goal', { min: 1, max: 5 })
  r.known(top, ['id', 'title', 'goal', 'exercises'])
  const text = { en: join(root, 'lessons', dir, 'en.md'), zh: join(root, 'lessons', dir, 'zh.md') }
  for (const of of LANGS) if (!existsSync(text[of])) problems.push({ file: text[of], message: r.say('reader.textMissing', { language: t(lang, of === 'en' ? 'author.language.en' : 'author.language.zh') }) })
  const exercisesNode = top.get('exercises', true)
  const exercises: Exercise[] = []
  if (!isSeq(exercisesNode) || exercisesNode.items.length === 0) {
    problems.push({ file, line: at(exercisesNode) ?? 1, message: r.say('reader.noExercises') })
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
    r.problem(node, r.say('reader.exerciseNotMapping'))
    return undefined
  }
  const line = r.at(node) ?? 1
  const id = r.id(node, 'id')
  const title = r.localized(node, 'title', true)
  const modeText = r.string(node, 'mode', false) ?? 'manifest'
  if (modeText !== 'manifest' && modeText !== 'answer') r.problem(node.get('mode', true), r.say('reader.badMode', { mode: modeText }))
  const mode = modeText === 'answer' ? 'answer' : 'manifest'
  const names = (r.strings(node, 'files', true) ?? []).filter((f) => r.safeFile(node.get('files', true), 'files', f))
  const files = names.map((f) => posix.join('exercises', dir, f))
  for (const [i, f] of files.entries()) {
    if (!existsSync(join(root, ...f.split('/')))) r.problem(node.get('files', true), r.say('reader.fileMissing', { field: `files[${i}]`, file: f }))
  }
  const applyNames = r.strings(node, 'apply', false)?.filter((f) => r.safeFile(node.get('apply', true), 'apply', f))
  const apply = applyNames ? applyNames.map((f) => posix.join('exercises', dir, f)) : mode === 'manifest' ? files : []
  for (const f of apply) if (!files.includes(f)) r.problem(node.get('apply', true), r.say('reader.applyNotFile', { file: f }))
  const cluster = readCluster(r, node.get('cluster', true), dir, root)
  const runText = r.string(node, 'runFor', false) ?? '2m'
  let runFor = parseDuration(runText)
  if (runFor === undefined) {
    r.problem(node.get('runFor', true), r.say('reader.badDuration', { field: 'runFor', value: runText }))
    runFor = 120_000
  }
  const hintsNode = node.get('hints', true)
  const hints: Localized[] = []
  if (hintsNode !== undefined && !isSeq(hintsNode)) r.problem(hintsNode, r.say('reader.hintsNotList'))
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
    r.problem(node, r.say('reader.clusterNotMapping'))
    return setup
  }
  setup.workers = r.number(node, 'workers', { min: 0, max: 50, optional: true }) ?? 2
  setup.seed = r.number(node, 'seed', { min: 0, optional: true }) ?? 1
  setup.stopped = r.strings(node, 'stopped', false) ?? []
  setup.setup = (r.strings(node, 'setup', false) ?? []).filter((f) => r.safeFile(node.get('setup', true), 'setup', f)).map((f) => posix.join('lessons', dir, f))
  for (const f of setup.setup) if (!existsSync(join(root, ...f.split('/')))) r.problem(node.get('setup', true), r.say('reader.fileMissing', { field: 'setup', file: f }))
  for (const item of node.items) {
    const key = String((item.key as { value?: unknown })?.value ?? item.key)
    if (!['workers', 'seed', 'stopped', 'setup'].includes(key)) setup.options[key] = (item.value as { toJSON?: () => unknown })?.toJSON?.() ?? item.value
  }
  return setup
}

function readChecks(r: Reader, node: unknown): CheckSpec[] {
  const checks: CheckSpec[] = []
  if (!isSeq(node) || node.items.length === 0) {
    r.problem(node, r.say('reader.noChecks'))
    return checks
  }
  for (const item of node.items) {
    if (!isMap(item)) {
      r.problem(item, r.say('reader.checkNotMapping'))
      continue
    }
    const line = r.at(item) ?? 0
    const kinds = item.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)).filter((k) => k !== 'name')
    if (kinds.length !== 1) {
      r.problem(item, kinds.length === 0 ? r.say('reader.noCheckKind', { known: r.list(CHECK_KINDS) }) : r.say('reader.manyCheckKinds', { kinds: r.list(kinds) }))
      continue
    }
    const kind = kinds[0]
    if (!(CHECK_KINDS as readonly string[]).includes(kind)) {
      r.problem(item, r.say('reader.unknownCheckKind', { kind, known: r.list(CHECK_KINDS) }))
      continue
    }
    const argsNode = item.get(kind, true)
    const args = (argsNode as { toJSON?: () => unknown })?.toJSON?.()
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      r.problem(argsNode ?? item, r.say('reader.fieldsNotMapping', { kind }))
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
    readonly lang: Lang,
  ) {}

  /** A message in the reader's language. */
  say(key: MessageKey, params: Record<string, string | number> = {}): string {
    return t(this.lang, key, params)
  }

  list(items: readonly string[]): string {
    return joinList(this.lang, items)
  }

  problem(node: unknown, message: string): void {
    this.problems.push({ file: this.file, line: this.at(node), message })
  }

  /** Keep `name` only when it stays inside the lesson's folder (see isSafeCourseFile). */
  safeFile(node: unknown, key: string, name: string): boolean {
    if (isSafeCourseFile(name)) return true
    this.problem(node, this.say('reader.unsafePath', { field: key, name }))
    return false
  }

  private value(map: { get(key: string, keepScalar: true): unknown }, key: string): unknown {
    return (map.get(key, true) as { toJSON?: () => unknown } | undefined)?.toJSON?.()
  }

  string(map: import('yaml').YAMLMap, key: string, required: boolean): string | undefined {
    const v = this.value(map, key)
    if (v === undefined || v === null) {
      if (required) this.problem(map, this.say('reader.required', { field: key }))
      return undefined
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.problem(map.get(key, true), this.say('reader.notString', { field: key }))
      return undefined
    }
    return String(v)
  }

  id(map: import('yaml').YAMLMap, key: string): string | undefined {
    const v = this.string(map, key, true)
    if (v !== undefined && !ID.test(v)) {
      this.problem(map.get(key, true), this.say('reader.badId', { field: key, value: v }))
      return undefined
    }
    return v
  }

  number(map: import('yaml').YAMLMap, key: string, o: { min?: number; max?: number; optional?: boolean }): number | undefined {
    const v = this.value(map, key)
    if (v === undefined || v === null) {
      if (!o.optional) this.problem(map, this.say('reader.required', { field: key }))
      return undefined
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || (o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) {
      this.problem(map.get(key, true), this.wholeNumber(key, o.min, o.max))
      return undefined
    }
    return v
  }

  /** `must be a whole number`, with the bounds there are. */
  private wholeNumber(field: string, min: number | undefined, max: number | undefined): string {
    if (min !== undefined && max !== undefined) return this.say('reader.wholeNumberRange', { field, min, max })
    if (min !== undefined) return this.say('reader.wholeNumberFrom', { field, min })
    if (max !== undefined) return this.say('reader.wholeNumberTo', { field, max })
    return this.say('reader.wholeNumber', { field })
  }

  strings(map: import('yaml').YAMLMap, key: string, required: boolean): string[] | undefined {
    const v = this.value(map, key)
    if (v === undefined || v === null) {
      if (required) this.problem(map, this.say('reader.required', { field: key }))
      return undefined
    }
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string') || (required && v.length === 0)) {
      this.problem(map.get(key, true), this.say('reader.fileList', { field: key }))
      return undefined
    }
    return v as string[]
  }

  localized(map: import('yaml').YAMLMap, key: string, required: boolean): Localized | undefined {
    const node = map.get(key, true)
    if (node === undefined) {
      if (required) this.problem(map, this.say('reader.requiredLocalized', { field: key }))
      return undefined
    }
    return this.localizedNode(node, key)
  }

  localizedNode(node: unknown, what: string): Localized | undefined {
    const v = (node as { toJSON?: () => unknown })?.toJSON?.()
    const o = v as Record<string, unknown> | null
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      this.problem(node, this.say('reader.notLocalized', { field: what }))
      return undefined
    }
    const missing = LANGS.filter((l) => typeof o[l] !== 'string' || (o[l] as string).trim() === '')
    if (missing.length > 0) {
      const [first, second] = missing.map((l) => this.say(l === 'en' ? 'reader.lang.en' : 'reader.lang.zh'))
      const languages = second === undefined ? first : this.say('reader.both', { first, second })
      this.problem(node, this.say('reader.textsMissing', { field: what, languages }))
      return undefined
    }
    return { en: o.en as string, zh: o.zh as string }
  }

  known(map: import('yaml').YAMLMap, keys: string[]): void {
    for (const item of map.items) {
      const key = String((item.key as { value?: unknown })?.value ?? item.key)
      if (!keys.includes(key)) this.problem(item.key, this.say('reader.unknownField', { field: key, known: this.list(keys) }))
    }
  }
}
