// `kubelings author new lesson|exercise`: scaffolds that load, number themselves after the last
// lesson, never overwrite, and leave placeholders that `author check` lists until they are written.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkCourse } from '../../src/course/author-check.js'
import { appendExercise, newExercise, newLesson, nextNumber } from '../../src/course/author-new.js'
import { loadCourse } from '../../src/course/course.js'
import { UserError } from '../../src/course/errors.js'

const good = resolve(__dirname, '../fixtures/courses/good')
const fresh = (): string => mkdtempSync(join(tmpdir(), 'kl-author-'))
const copyOfGood = (): string => {
  const dir = join(fresh(), 'course')
  cpSync(good, dir, { recursive: true })
  return dir
}
const thrown = (f: () => unknown): UserError => {
  try {
    f()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

describe('author new lesson', () => {
  it('makes a course in an empty folder: lesson 01, its texts, a first exercise and its solution', () => {
    const root = fresh()
    const files = newLesson(root, 'services', { goal: 3 }, 'en')
    expect(files).toEqual({
      exercise: 'services-1',
      created: [
        'lessons/01-services/lesson.yaml',
        'lessons/01-services/en.md',
        'lessons/01-services/zh.md',
        'exercises/01-services/services-1.yaml',
        'solutions/01-services/services-1.yaml',
      ],
    })
    const { course, problems } = loadCourse(root)
    expect(problems).toEqual([])
    expect(course.lessons[0]).toMatchObject({ id: 'services', goal: 3, dir: '01-services' })
    expect(course.lessons[0].exercises[0]).toMatchObject({ id: 'services-1', mode: 'manifest', files: ['exercises/01-services/services-1.yaml'] })
  })

  it('leaves only placeholders for author check to list: the scaffold fails untouched and passes solved', () => {
    const root = fresh()
    newLesson(root, 'services', { goal: 3 }, 'en')
    const problems = checkCourse(root, 'en').problems
    expect(problems.every((p) => p.kind === 'language')).toBe(true)
    expect(problems.map((p) => `${p.file}:${p.line ?? '-'} ${p.message}`)).toEqual([
      'lessons/01-services/en.md:3 the lesson text in English is still the placeholder written by `kubelings author new`',
      'lessons/01-services/lesson.yaml:1 title.en is still the placeholder written by `kubelings author new`: write the English text',
      'lessons/01-services/lesson.yaml:1 title.zh is still the placeholder written by `kubelings author new`: write the Chinese text',
      'lessons/01-services/lesson.yaml:7 services-1: title.en is still the placeholder written by `kubelings author new`: write the English text',
      'lessons/01-services/lesson.yaml:7 services-1: title.zh is still the placeholder written by `kubelings author new`: write the Chinese text',
      'lessons/01-services/lesson.yaml:7 services-1: hints[0].en is still the placeholder written by `kubelings author new`: write the English text',
      'lessons/01-services/lesson.yaml:7 services-1: hints[0].zh is still the placeholder written by `kubelings author new`: write the Chinese text',
      'lessons/01-services/lesson.yaml:17 services-1: checks[0].name.en is still the placeholder written by `kubelings author new`: write the English text',
      'lessons/01-services/lesson.yaml:17 services-1: checks[0].name.zh is still the placeholder written by `kubelings author new`: write the Chinese text',
      'lessons/01-services/zh.md:3 the lesson text in Chinese is still the placeholder written by `kubelings author new`',
    ])
  })

  it('numbers the folder after the last lesson', () => {
    expect(nextNumber([])).toBe('01')
    expect(nextNumber(['01-a', '07-b', 'notes'])).toBe('08')
    expect(nextNumber(['99-z'])).toBe('100')
    const root = copyOfGood()
    expect(newLesson(root, 'networking', { goal: 4, mode: 'answer', exercise: 'predict-ip' }, 'en').created[0]).toBe('lessons/02-networking/lesson.yaml')
    const { course, problems } = loadCourse(root)
    expect(problems).toEqual([])
    expect(course.lessons.map((l) => l.dir)).toEqual(['01-basics', '02-networking'])
    expect(course.lessons[1].exercises[0]).toMatchObject({ id: 'predict-ip', mode: 'answer' })
    // An answer scaffold grades too: untouched it fails, solved it passes.
    expect(checkCourse(root, 'en').problems.filter((p) => p.kind !== 'language')).toEqual([])
  })

  it('refuses a bad id, a goal out of range, a lesson or exercise id already used', () => {
    const root = copyOfGood()
    expect(thrown(() => newLesson(root, 'Bad_Slug', { goal: 1 }, 'en')).message).toBe(
      '"Bad_Slug" is not a valid id: use lower-case letters, digits and \'-\', starting and ending with a letter or digit.',
    )
    expect(thrown(() => newLesson(root, 'x', { goal: 6 }, 'en')).message).toBe('--goal must be a whole number from 1 to 5, got 6.')
    const empty = fresh()
    thrown(() => newLesson(empty, 'Bad', { goal: 1 }, 'en'))
    expect(readdirSync(empty)).toEqual([])
    expect(thrown(() => newLesson(root, 'basics', { goal: 1 }, 'en')).message).toBe('There is already a lesson "basics" (lessons/01-basics).')
    expect(thrown(() => newLesson(root, 'more', { goal: 1, exercise: 'done-pod' }, 'zh')).message).toBe('课程“basics”中已经有练习“done-pod”：练习的 id 在整个课程中必须唯一。')
  })

  it('never overwrites a file, and writes nothing when one is in the way', () => {
    const root = copyOfGood()
    mkdirSync(join(root, 'solutions', '02-more'), { recursive: true })
    writeFileSync(join(root, 'solutions', '02-more', 'more-1.yaml'), 'mine\n')
    const e = thrown(() => newLesson(root, 'more', { goal: 1 }, 'en'))
    expect(e.message).toBe('solutions/02-more/more-1.yaml already exists; kubelings author new never overwrites a file.')
    expect(readFileSync(join(root, 'solutions', '02-more', 'more-1.yaml'), 'utf8')).toBe('mine\n')
    expect(existsSync(join(root, 'lessons', '02-more'))).toBe(false)
  })
})

describe('author new exercise', () => {
  it('appends to the lesson as written, keeping the author\'s comments, with a TODO file and a solution', () => {
    const root = copyOfGood()
    const before = readFileSync(join(root, 'lessons/01-basics/lesson.yaml'), 'utf8')
    const files = newExercise(root, 'basics', 'init-wait', 'manifest', 'en')
    expect(files).toEqual({
      exercise: 'init-wait',
      created: ['exercises/01-basics/init-wait.yaml', 'solutions/01-basics/init-wait.yaml'],
      updated: 'lessons/01-basics/lesson.yaml',
    })
    const after = readFileSync(join(root, 'lessons/01-basics/lesson.yaml'), 'utf8')
    expect(after.startsWith(before)).toBe(true)
    expect(readFileSync(join(root, 'exercises/01-basics/init-wait.yaml'), 'utf8')).toContain('TODO')
    const { course, problems } = loadCourse(root)
    expect(problems).toEqual([])
    expect(course.lessons[0].exercises.map((e) => e.id)).toEqual(['done-pod', 'phase-question', 'init-wait'])
  })

  it('finds the lesson by id or folder, and refuses one that is not there or an id in use', () => {
    const root = copyOfGood()
    expect(newExercise(root, '01-basics', 'by-folder', 'answer', 'en').created).toEqual(['exercises/01-basics/by-folder.yaml', 'solutions/01-basics/by-folder.yaml'])
    expect(thrown(() => newExercise(root, 'nope', 'x', 'manifest', 'en')).message).toBe(`There is no lesson "nope" in ${root}. The lessons are: 01-basics.`)
    expect(thrown(() => newExercise(root, 'basics', 'by-folder', 'manifest', 'en')).message).toBe(
      'There is already an exercise "by-folder" in lesson "basics": exercise ids are unique across the course.',
    )
    expect(thrown(() => newExercise(fresh(), 'basics', 'x', 'manifest', 'en')).exitCode).toBe(2)
  })

  it('edits the YAML as a document when the exercises are not last in the file', () => {
    const text = 'id: a\nexercises:\n  - id: one # the first\n    title: {en: One, zh: 一}\ngoal: 1\ntitle: {en: A, zh: 甲}\n'
    const out = appendExercise(text, 'two', 'manifest', () => new Error('broken'))
    expect(out).toContain('# the first')
    expect(out.indexOf('id: two')).toBeLessThan(out.indexOf('goal: 1'))
    expect(() => appendExercise('id: [', 'two', 'manifest', () => new Error('broken'))).toThrow('broken')
  })
})

describe('author check flags what an author left undone', () => {
  it('an empty lesson text, an exercise file without TODO, a check the cluster cannot evaluate', () => {
    const root = copyOfGood()
    writeFileSync(join(root, 'lessons/01-basics/zh.md'), '\n')
    writeFileSync(join(root, 'exercises/01-basics/done.yaml'), readFileSync(join(root, 'exercises/01-basics/done.yaml'), 'utf8').replace(/# TODO.*\n/, '').replace(' # TODO', ''))
    const yaml = join(root, 'lessons/01-basics/lesson.yaml')
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('podStatus: {pod: done, status: Completed, restarts: 0}', 'answer: {file: elsewhere.yaml, question: q, equals: x}'))
    const problems = checkCourse(root, 'en').problems.map((p) => `${p.kind} ${p.file}:${p.line ?? '-'} ${p.message}`)
    expect(problems).toEqual([
      'todo exercises/01-basics/done.yaml:- exercises/01-basics/done.yaml has no TODO: tell the learner what to change in a comment that says TODO',
      expect.stringMatching(/^grade lessons\/01-basics\/lesson.yaml:17 check "The Pod ends Completed" cannot be evaluated: .*elsewhere\.yaml/),
      'language lessons/01-basics/zh.md:- the lesson text in Chinese is empty',
    ])
  })

  it('a solution kubectl refuses, at its own line', () => {
    const root = copyOfGood()
    writeFileSync(join(root, 'solutions/01-basics/done.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: done\nspec:\n  containers:\n  - name: app\n    image: busybox:1.37\n    ports:\n    - containerPort: 99999\n')
    const problems = checkCourse(root, 'en').problems
    expect(problems.map((p) => [p.kind, `${p.file}:${p.line}`])).toContainEqual(['grade', 'solutions/01-basics/done.yaml:10'])
  })
})
