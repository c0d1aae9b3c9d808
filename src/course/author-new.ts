// `kubelings author new lesson|exercise`: the files of a new lesson or exercise, with every text a
// learner reads left as a placeholder in both languages, so `kubelings author check` lists what is
// still to write. Nothing is ever overwritten: a file that exists stops the command before it
// writes anything.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { isMap, isSeq, parseDocument } from 'yaml'
import { LESSON_FILE, loadCourse } from './course.js'
import { PLACEHOLDER_TEXT } from './author-check.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'

export type ExerciseMode = 'manifest' | 'answer'

export interface NewFiles {
  /** Course-relative paths written, in order. */
  created: string[]
  /** lesson.yaml, when an exercise was added to an existing one. */
  updated?: string
  /** The id of the exercise written. */
  exercise: string
}

const ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/

/** A new lesson folder, numbered after the last one, with one first exercise. */
export function newLesson(root: string, slug: string, options: { goal: number; exercise?: string; mode?: ExerciseMode }, lang: Lang): NewFiles {
  // A teacher's new course starts with its first lesson: in an empty folder, this makes the course.
  if (!ID.test(slug)) throw new UserError(t(lang, 'author.badSlug', { slug }), 2)
  if (!Number.isInteger(options.goal) || options.goal < 1 || options.goal > 5) throw new UserError(t(lang, 'author.badGoal', { value: String(options.goal) }), 2)
  const exerciseId = options.exercise ?? `${slug}-1`
  if (!ID.test(exerciseId)) throw new UserError(t(lang, 'author.badSlug', { slug: exerciseId }), 2)
  const dirs = lessonDirs(root)
  const same = dirs.find((d) => d.replace(/^\d+-/, '') === slug || lessonId(root, d) === slug)
  if (same) throw new UserError(t(lang, 'author.lessonExists', { id: slug, dir: `lessons/${same}` }), 2)
  const taken = exerciseIds(root)
  if (taken.has(exerciseId)) throw new UserError(t(lang, 'author.exerciseExists', { id: exerciseId, lesson: taken.get(exerciseId) ?? '' }), 2)
  const dir = `${nextNumber(dirs)}-${slug}`
  const mode = options.mode ?? 'manifest'
  const files: Record<string, string> = {
    [`lessons/${dir}/${LESSON_FILE}`]: lessonYaml(slug, options.goal, exerciseYaml(exerciseId, mode, '  ')),
    [`lessons/${dir}/en.md`]: `# TODO: the lesson's title\n\n${PLACEHOLDER_TEXT}\nTODO: the lesson text in English. Headings, tables, code blocks and diagrams in code blocks all render in the terminal.\n`,
    [`lessons/${dir}/zh.md`]: `# TODO：课程标题\n\n${PLACEHOLDER_TEXT}\nTODO：中文课文。标题、表格、代码块以及代码块中的示意图都会在终端中显示。\n`,
    ...exerciseFiles(dir, exerciseId, mode),
  }
  return { created: writeAll(root, files, lang), exercise: exerciseId }
}

/** A new exercise appended to a lesson's lesson.yaml, with its exercise and solution files. */
export function newExercise(root: string, lessonRef: string, id: string, mode: ExerciseMode, lang: Lang): NewFiles {
  requireCourse(root, lang)
  if (!ID.test(id)) throw new UserError(t(lang, 'author.badSlug', { slug: id }), 2)
  const dirs = lessonDirs(root)
  const dir = dirs.find((d) => d === lessonRef || d.replace(/^\d+-/, '') === lessonRef || lessonId(root, d) === lessonRef)
  if (!dir) throw new UserError(t(lang, 'author.noLesson', { lesson: lessonRef, dir: root, known: dirs.join(', ') || '-' }), 2)
  const taken = exerciseIds(root)
  if (taken.has(id)) throw new UserError(t(lang, 'author.exerciseExists', { id, lesson: taken.get(id) ?? '' }), 2)
  const lessonFile = `lessons/${dir}/${LESSON_FILE}`
  const text = appendExercise(readFileSync(join(root, lessonFile), 'utf8'), id, mode, () => new UserError(t(lang, 'author.brokenLesson', { file: lessonFile }), 2))
  const created = writeAll(root, exerciseFiles(dir, id, mode), lang)
  writeFileSync(join(root, lessonFile), text)
  return { created, updated: lessonFile, exercise: id }
}

function requireCourse(root: string, lang: Lang): void {
  if (!existsSync(join(root, 'lessons')) || !statSync(join(root, 'lessons')).isDirectory()) throw new UserError(t(lang, 'author.notCourse', { dir: root }), 2)
}

function lessonDirs(root: string): string[] {
  if (!existsSync(join(root, 'lessons'))) return []
  return readdirSync(join(root, 'lessons'))
    .filter((d) => !d.startsWith('.') && statSync(join(root, 'lessons', d)).isDirectory())
    .sort()
}

/** Lesson folders are numbered `NN-slug`: the next number after the highest, two digits at least. */
export function nextNumber(dirs: readonly string[]): string {
  const numbers = dirs.map((d) => /^(\d+)-/.exec(d)?.[1]).filter((n): n is string => n !== undefined).map(Number)
  const next = (numbers.length ? Math.max(...numbers) : 0) + 1
  return String(next).padStart(2, '0')
}

function lessonId(root: string, dir: string): string | undefined {
  const file = join(root, 'lessons', dir, LESSON_FILE)
  if (!existsSync(file)) return undefined
  const id = parseDocument(readFileSync(file, 'utf8')).get('id')
  return typeof id === 'string' ? id : undefined
}

/** Exercise id → its lesson, over the whole course (ids are unique across it). */
function exerciseIds(root: string): Map<string, string> {
  const ids = new Map<string, string>()
  for (const lesson of loadCourse(root).course.lessons) for (const e of lesson.exercises) ids.set(e.id, lesson.id)
  return ids
}

/**
 * Add an exercise at the end of the lesson's `exercises:` list. When that list is the last thing in
 * the file (as scaffolded lessons are), the text is appended as written, keeping the author's
 * comments and layout; otherwise the YAML is edited as a document.
 */
export function appendExercise(text: string, id: string, mode: ExerciseMode, broken: () => Error): string {
  const doc = parseDocument(text)
  const top = doc.contents
  if (doc.errors.length > 0 || !isMap(top)) throw broken()
  const exercises = top.get('exercises', true)
  const lastKey = top.items.at(-1)?.key
  const last = String((lastKey as { value?: unknown } | undefined)?.value ?? lastKey)
  if (isSeq(exercises) && exercises.items.length > 0 && last === 'exercises' && !exercises.flow) {
    const indent = /^( *)- /m.exec(text.slice(text.indexOf('exercises:')))?.[1] ?? '  '
    return `${text.replace(/\s*$/, '\n')}\n${exerciseYaml(id, mode, indent)}`
  }
  const added = parseDocument(exerciseYaml(id, mode, '')).contents
  if (isSeq(exercises) && isSeq(added)) exercises.items.push(added.items[0] as (typeof exercises.items)[number])
  else doc.set('exercises', added)
  return doc.toString()
}

function lessonYaml(slug: string, goal: number, exercise: string): string {
  return `id: ${slug}\ngoal: ${goal}\ntitle:\n  en: "TODO: the lesson's title in English"\n  zh: "TODO：中文课程标题"\nexercises:\n${exercise}`
}

/** One exercise entry of lesson.yaml, as a list item indented by `indent`. */
function exerciseYaml(id: string, mode: ExerciseMode, indent: string): string {
  const i = `${indent}  `
  const lines = [
    `${indent}- id: ${id}`,
    `${i}title:`,
    `${i}  en: "TODO: what the learner does, in English"`,
    `${i}  zh: "TODO：练习标题"`,
    ...(mode === 'answer' ? [`${i}mode: answer`] : []),
    `${i}files: [${id}.yaml]`,
    `${i}runFor: 1m`,
    `${i}hints:`,
    `${i}  - en: "TODO: a first hint in English"`,
    `${i}    zh: "TODO：第一条提示"`,
    `${i}checks:`,
    ...(mode === 'answer'
      ? [
          `${i}  - name: {en: "TODO: what is checked", zh: "TODO：检查的内容"}`,
          `${i}    answer: {file: ${id}.yaml, question: answer, equals: Running}`,
        ]
      : [
          `${i}  - name: {en: "TODO: what is checked", zh: "TODO：检查的内容"}`,
          `${i}    podStatus: {pod: ${id}, status: Running}`,
        ]),
  ]
  return `${lines.join('\n')}\n`
}

/** The exercise file (with its TODO) and its solution, at the same path under solutions/. */
function exerciseFiles(dir: string, id: string, mode: ExerciseMode): Record<string, string> {
  const name = `${id}.yaml`
  if (mode === 'answer') {
    const question = '# TODO: ask the question in English, and say what to write below.\n# TODO：用中文提出问题，并说明在下面写什么。\n'
    return {
      [`exercises/${dir}/${name}`]: `${question}answer: "" # TODO\n`,
      [`solutions/${dir}/${name}`]: 'answer: Running\n',
    }
  }
  const pod = (image: string): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${id}\nspec:\n  containers:\n  - name: app\n    image: ${image}\n`
  return {
    [`exercises/${dir}/${name}`]: `# TODO: tell the learner what to change, in English.\n# TODO：用中文告诉学习者要修改什么。\n${pod('"" # TODO')}`,
    [`solutions/${dir}/${name}`]: pod('nginx:1.27'),
  }
}

/** Write every file, or none: any that exists stops the command first. */
function writeAll(root: string, files: Record<string, string>, lang: Lang): string[] {
  for (const path of Object.keys(files)) if (existsSync(join(root, path))) throw new UserError(t(lang, 'author.exists', { file: path }), 2)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text, { flag: 'wx' })
  }
  return Object.keys(files).map((p) => relative(root, join(root, p)).split('\\').join('/'))
}
