// `kubelings author check`: everything a course author can get wrong, each with its file and line.
// The shape of lesson.yaml comes from the course reader (course.ts); this module adds what only a
// whole-course look can tell: texts present in both languages and no longer placeholders, every
// check's fields valid for its kind, a solution beside every exercise file, a TODO in every
// exercise file, and — by grading — every solution passing and every untouched exercise failing,
// as rustlings' `dev check` does for its exercises.
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { checkProblems } from '../grader/index.js'
import { LANGS, loadCourse, shippedFile, solutionFile, type CheckSpec, type Course, type CourseProblem, type Exercise, type Lesson, type Localized } from './course.js'
import { t, type Lang } from './i18n.js'
import { gradeExercise } from './verify.js'

/** What is wrong, so a report (or a test) can group problems. */
export type ProblemKind = 'course' | 'language' | 'check' | 'solution' | 'todo' | 'grade'

export interface AuthorProblem {
  kind: ProblemKind
  /** Relative to the course folder. */
  file: string
  line?: number
  message: string
}

export interface AuthorReport {
  root: string
  lessons: number
  exercises: number
  problems: AuthorProblem[]
}

/** The marker `kubelings author new` writes into texts it leaves for the author to fill. */
export const PLACEHOLDER = 'TODO'
/** The marker in a scaffolded en.md / zh.md, invisible when rendered. */
export const PLACEHOLDER_TEXT = '<!-- kubelings: placeholder -->'

/** Check the course in `root`; every problem found is reported, not only the first. */
export function checkCourse(root: string, lang: Lang): AuthorReport {
  const { course, problems: shape } = loadCourse(root, { lang })
  const problems: AuthorProblem[] = shape.map((p) => fromCourseProblem(root, p))
  for (const lesson of course.lessons) {
    problems.push(...lessonTexts(root, lesson, lang))
    for (const exercise of lesson.exercises) {
      problems.push(...exerciseTexts(root, lesson, exercise, lang))
      const fields = checkFields(root, lesson, exercise, lang)
      problems.push(...fields)
      problems.push(...exerciseFiles(course, lesson, exercise, lang))
      // A check whose fields are wrong fails grading as an authoring error too: say it once.
      const known = new Set(fields.map((p) => p.line))
      problems.push(...grading(course, lesson, exercise, lang).filter((p) => !(p.authoring && known.has(p.line))).map(({ authoring: _, ...p }) => p))
    }
  }
  return {
    root,
    lessons: course.lessons.length,
    exercises: course.lessons.reduce((n, l) => n + l.exercises.length, 0),
    problems: sortProblems(problems),
  }
}

/** By file, then line: the order an author fixes them in. */
function sortProblems(problems: AuthorProblem[]): AuthorProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i))
    .map(({ p }) => p)
}

/** `lessons/01-x/lesson.yaml:12: message`. */
export function formatAuthorProblem(p: AuthorProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`
}

const rel = (root: string, file: string): string => relative(root, file).split('\\').join('/') || file
const language = (lang: Lang, of: Lang): string => t(lang, of === 'en' ? 'author.language.en' : 'author.language.zh')

function fromCourseProblem(root: string, p: CourseProblem): AuthorProblem {
  return { kind: 'course', file: rel(root, p.file), ...(p.line ? { line: p.line } : {}), message: p.message }
}

/** en.md and zh.md: present (the reader says when not), not empty, not the scaffold's placeholder. */
function lessonTexts(root: string, lesson: Lesson, lang: Lang): AuthorProblem[] {
  const out: AuthorProblem[] = []
  for (const of of LANGS) {
    const file = lesson.text[of]
    if (!existsSync(file)) continue
    const text = readFileSync(file, 'utf8')
    if (text.trim() === '') out.push({ kind: 'language', file: rel(root, file), message: t(lang, 'author.textEmpty', { language: language(lang, of) }) })
    else if (text.includes(PLACEHOLDER_TEXT)) {
      const line = text.split('\n').findIndex((l) => l.includes(PLACEHOLDER_TEXT)) + 1
      out.push({ kind: 'language', file: rel(root, file), line, message: t(lang, 'author.placeholderText', { language: language(lang, of) }) })
    }
  }
  out.push(...placeholders(root, lesson.file, 'title', lesson.title, 1, lang))
  return out
}

/** Titles, hints and check names the author has not written yet (the reader checks both exist). */
function exerciseTexts(root: string, lesson: Lesson, e: Exercise, lang: Lang): AuthorProblem[] {
  const out = placeholders(root, lesson.file, `${e.id}: title`, e.title, e.line, lang)
  e.hints.forEach((h, i) => out.push(...placeholders(root, lesson.file, `${e.id}: hints[${i}]`, h, e.line, lang)))
  e.checks.forEach((c, i) => c.name && out.push(...placeholders(root, lesson.file, `${e.id}: checks[${i}].name`, c.name, c.line, lang)))
  return out
}

function placeholders(root: string, file: string, what: string, text: Localized, line: number, lang: Lang): AuthorProblem[] {
  return LANGS.filter((of) => text[of].trimStart().startsWith(PLACEHOLDER)).map((of) => ({
    kind: 'language' as const,
    file: rel(root, file),
    line,
    message: t(lang, 'author.placeholder', { what: `${what}.${of}`, language: language(lang, of) }),
  }))
}

/** Each check's own fields, as the grader validates them (unknown fields, bad values). */
function checkFields(root: string, lesson: Lesson, e: Exercise, lang: Lang): AuthorProblem[] {
  return e.checks.flatMap((spec: CheckSpec) => checkProblems(spec, lang).map((message) => ({ kind: 'check' as const, file: rel(root, lesson.file), line: spec.line, message })))
}

/** Every exercise file has a solution at the same path, and tells the learner what to do (TODO). */
function exerciseFiles(course: Course, lesson: Lesson, e: Exercise, lang: Lang): AuthorProblem[] {
  const out: AuthorProblem[] = []
  for (const file of e.files) {
    const shipped = shippedFile(course, file)
    if (!existsSync(shipped)) continue // the reader has said so
    const solution = solutionFile(course, file)
    if (!existsSync(solution)) out.push({ kind: 'solution', file: rel(course.root, lesson.file), line: e.line, message: t(lang, 'author.noSolution', { file, solution: rel(course.root, solution) }) })
    if (!readFileSync(shipped, 'utf8').includes('TODO')) out.push({ kind: 'todo', file, message: t(lang, 'author.noTodo', { file }) })
  }
  return out
}

/**
 * Grade the exercise twice: with its solutions it must pass, as shipped it must fail. A check the
 * cluster cannot evaluate is an authoring error whichever files it reads, so it is reported once.
 */
function grading(course: Course, lesson: Lesson, e: Exercise, lang: Lang): (AuthorProblem & { authoring?: boolean })[] {
  if (e.files.some((f) => !existsSync(shippedFile(course, f)) || !existsSync(solutionFile(course, f)))) return []
  const file = rel(course.root, lesson.file)
  const out: (AuthorProblem & { authoring?: boolean })[] = []
  const solved = grade(course, e, (p) => solutionFile(course, p), lang)
  if ('crash' in solved) return [{ kind: 'grade', file, line: e.line, message: t(lang, 'author.gradeCrashed', { which: t(lang, 'author.which.solution'), message: solved.crash }) }]
  // The verdict lists what went wrong before the checks ran (setup, kubectl apply) first, then one
  // result per check in lesson.yaml's order.
  const offset = solved.checks.length - e.checks.length
  solved.checks.forEach((result, i) => {
    if (result.passed) return
    const key = result.authoringError ? 'author.authoringError' : 'author.solutionFails'
    const message = t(lang, key, { name: result.name, message: result.message })
    if (i >= offset) out.push({ kind: 'grade', file, line: e.checks[i - offset].line, message, authoring: result.authoringError })
    else if (result.where) out.push({ kind: 'grade', file: whereInCourse(course, result.where.file), line: result.where.line, message })
    else out.push({ kind: 'grade', file, line: e.line, message })
  })
  const untouched = grade(course, e, (p) => shippedFile(course, p), lang)
  if ('crash' in untouched) out.push({ kind: 'grade', file, line: e.line, message: t(lang, 'author.gradeCrashed', { which: t(lang, 'author.which.untouched'), message: untouched.crash }) })
  else if (untouched.passed) out.push({ kind: 'grade', file, line: e.line, message: t(lang, 'author.untouchedPasses', { files: e.files.join(', ') }) })
  return out
}

/** A learner's file (`exercises/…`) was read from its solution; a setup file is the course's own. */
function whereInCourse(course: Course, file: string): string {
  return file.startsWith('exercises/') ? rel(course.root, solutionFile(course, file)) : file
}

/** Grade with the exercise's files read from where `locate` says; a grader bug is a report, not a crash. */
function grade(course: Course, e: Exercise, locate: (path: string) => string, lang: Lang): ReturnType<typeof gradeExercise> | { crash: string } {
  const read = (path: string): string | undefined => {
    const file = locate(path)
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined
  }
  try {
    return gradeExercise(course, e, read, lang)
  } catch (err) {
    return { crash: err instanceof Error ? err.message : String(err) }
  }
}
