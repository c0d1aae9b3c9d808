// The lesson.yaml reader: a good course reads into the model; each kind of mistake is one problem
// with its file and line; a course may not name files outside its lesson folders.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { allExercises, CourseError, findExercise, findLesson, isSafeCourseFile, loadCourse, parseDuration, shippedFile, solutionFile } from '../../src/course/course.js'

const FIXTURE = resolve(__dirname, '../fixtures/runner/course')

/** A copy of the fixture course whose first lesson.yaml is `yaml`. */
function courseWith(yaml: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kl-course-'))
  cpSync(FIXTURE, root, { recursive: true })
  writeFileSync(join(root, 'lessons', '01-pods', 'lesson.yaml'), yaml)
  return root
}

const EXERCISE = `id: pods
goal: 2
title: {en: Pods, zh: Pod}
exercises:
  - id: first-pod
    title: {en: Your first pod, zh: 你的第一个 Pod}
    files: [pod.yaml]
    checks:
      - podStatus: {pod: web, status: Running}
`

describe('loadCourse', () => {
  it('reads lessons in folder order, with exercises, files, hints and checks', () => {
    const { course, problems } = loadCourse(FIXTURE)
    expect(problems).toEqual([])
    expect(course.lessons.map((l) => [l.id, l.dir, l.goal])).toEqual([
      ['pods', '01-pods', 2],
      ['services', '02-services', 3],
    ])
    expect(allExercises(course).map((e) => e.id)).toEqual(['first-pod', 'pod-completes', 'predict-port'])
    const first = findExercise(course, 'first-pod')!
    expect(first).toMatchObject({
      lesson: 'pods',
      mode: 'manifest',
      files: ['exercises/01-pods/pod.yaml'],
      apply: ['exercises/01-pods/pod.yaml'],
      cluster: { workers: 2, seed: 1, stopped: [], setup: [], options: {} },
      runFor: 120_000,
      hints: [
        { en: 'A pod needs at least one container.', zh: 'Pod 至少需要一个容器。' },
        { en: 'Use the image nginx:1.27.', zh: '使用镜像 nginx:1.27。' },
      ],
      checks: [{ kind: 'podStatus', args: { pod: 'web', status: 'Running' }, line: 18 }],
      line: 7,
    })
    expect(findExercise(course, 'predict-port')).toMatchObject({ mode: 'answer', apply: [] })
  })

  it('finds a lesson by id or by folder, and maps files to the shipped copy and the solution', () => {
    const { course } = loadCourse(FIXTURE)
    expect(findLesson(course, 'services')?.dir).toBe('02-services')
    expect(findLesson(course, '02-services')?.id).toBe('services')
    expect(shippedFile(course, 'exercises/01-pods/pod.yaml')).toBe(join(FIXTURE, 'exercises', '01-pods', 'pod.yaml'))
    expect(solutionFile(course, 'exercises/01-pods/pod.yaml')).toBe(join(FIXTURE, 'solutions', '01-pods', 'pod.yaml'))
  })

  it.each([
    { name: 'an unknown check kind', yaml: EXERCISE.replace('podStatus:', 'podPhase:'), line: 9, message: 'unknown check kind "podPhase" (known: object, podStatus, flow, condition, count, endpoints, reach, trace, schedule, answer, afterFault)' },
    { name: 'a title without Chinese', yaml: EXERCISE.replace('title: {en: Your first pod, zh: 你的第一个 Pod}', 'title: {en: Your first pod}'), line: 6, message: 'title: the Chinese (zh) text is missing' },
    { name: 'a file outside the lesson folder', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [../../../etc/passwd]'), line: 7, message: 'files: "../../../etc/passwd" must be a path inside the lesson\'s folder (relative, without "..")' },
    { name: 'an absolute setup file', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [pod.yaml]\n    cluster: {setup: [/etc/hosts]}'), line: 8, message: 'setup: "/etc/hosts" must be a path inside the lesson\'s folder (relative, without "..")' },
    { name: 'a file the course lacks', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [pods.yaml]'), line: 7, message: 'files[0]: exercises/01-pods/pods.yaml does not exist in the course' },
    { name: 'a duration it cannot read', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [pod.yaml]\n    runFor: soon'), line: 8, message: 'runFor: "soon" is not a duration (use 30s, 2m, 1m30s)' },
    { name: 'an exercise id used twice', yaml: EXERCISE.replace('id: first-pod', 'id: predict-port'), line: 7, message: 'exercise id "predict-port" is also used in lesson "pods": exercise ids are unique across the course' },
    { name: 'an unknown field', yaml: EXERCISE.replace('goal: 2', 'goal: 2\nlevel: easy'), line: 3, message: 'unknown field "level" (known: id, title, goal, exercises)' },
    { name: 'a goal out of range', yaml: EXERCISE.replace('goal: 2', 'goal: 9'), line: 2, message: 'goal: must be a whole number from 1 to 5' },
    { name: 'broken YAML', yaml: 'id: pods\ntitle: {en: Pods\n', line: 3, message: expect.stringMatching(/^not valid YAML: /) },
  ])('reports $name with its line', ({ yaml, line, message }) => {
    const root = courseWith(yaml)
    const { problems } = loadCourse(root)
    expect(problems).toContainEqual({ file: expect.stringMatching(/lesson\.yaml$/), line, message })
  })

  it('strictly, throws one CourseError listing every problem, with exit code 3', () => {
    const root = courseWith(EXERCISE.replace('podStatus:', 'podPhase:').replace('goal: 2', 'goal: 0'))
    let error: unknown
    try {
      loadCourse(root, { strict: true })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CourseError)
    const e = error as CourseError
    expect(e.exitCode).toBe(3)
    expect(e.problems).toHaveLength(2)
    expect(e.message.split('\n')).toEqual([
      `${join(root, 'lessons', '01-pods', 'lesson.yaml')}:2: goal: must be a whole number from 1 to 5`,
      `${join(root, 'lessons', '01-pods', 'lesson.yaml')}:9: unknown check kind "podPhase" (known: object, podStatus, flow, condition, count, endpoints, reach, trace, schedule, answer, afterFault)`,
    ])
  })

  it('says so when a folder is not a course at all', () => {
    const root = mkdtempSync(join(tmpdir(), 'kl-empty-'))
    expect(loadCourse(root).problems).toEqual([{ file: join(root, 'lessons'), message: 'no lessons/ folder: this is not a kubelings course' }])
  })
})

describe('loadCourse in Chinese', () => {
  it.each([
    { name: 'an unknown check kind', yaml: EXERCISE.replace('podStatus:', 'podPhase:'), line: 9, message: '未知的检查类型“podPhase”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）' },
    { name: 'a title without Chinese', yaml: EXERCISE.replace('title: {en: Your first pod, zh: 你的第一个 Pod}', 'title: {en: Your first pod}'), line: 6, message: 'title：缺少中文（zh）文字' },
    { name: 'a title in neither language', yaml: EXERCISE.replace('title: {en: Your first pod, zh: 你的第一个 Pod}', 'title: {fr: Premier pod}'), line: 6, message: 'title：缺少英文（en）和中文（zh）文字' },
    { name: 'a title that is one string', yaml: EXERCISE.replace('title: {en: Your first pod, zh: 你的第一个 Pod}', 'title: Your first pod'), line: 6, message: 'title：必须给出两种语言的文字，写成 {en: ..., zh: ...}' },
    { name: 'a file outside the lesson folder', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [../../../etc/passwd]'), line: 7, message: 'files：“../../../etc/passwd”必须是这一课文件夹中的路径（相对路径，不含“..”）' },
    { name: 'a file the course lacks', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [pods.yaml]'), line: 7, message: 'files[0]：课程中不存在 exercises/01-pods/pods.yaml' },
    { name: 'a duration it cannot read', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [pod.yaml]\n    runFor: soon'), line: 8, message: 'runFor：“soon”不是时长（请写成 30s、2m、1m30s 这样）' },
    { name: 'an unknown mode', yaml: EXERCISE.replace('files: [pod.yaml]', 'files: [pod.yaml]\n    mode: quiz'), line: 8, message: 'mode：必须是“manifest”或“answer”，而不是“quiz”' },
    { name: 'an exercise id used twice', yaml: EXERCISE.replace('id: first-pod', 'id: predict-port'), line: 7, message: '练习 id“predict-port”也用在课程“pods”中：练习的 id 在整个课程中必须唯一' },
    { name: 'an unknown field', yaml: EXERCISE.replace('goal: 2', 'goal: 2\nlevel: easy'), line: 3, message: '未知字段“level”（已知字段：id、title、goal、exercises）' },
    { name: 'a goal out of range', yaml: EXERCISE.replace('goal: 2', 'goal: 9'), line: 2, message: 'goal：必须是 1 到 5 之间的整数' },
    { name: 'a missing goal', yaml: EXERCISE.replace('goal: 2\n', ''), line: 1, message: 'goal：必须填写' },
    { name: 'an id that is not a name', yaml: EXERCISE.replace('id: first-pod', 'id: First_Pod'), line: 5, message: 'id：“First_Pod”只能含小写字母、数字和“-”，并以字母或数字开头和结尾' },
    { name: 'a check with two kinds', yaml: EXERCISE.replace('- podStatus: {pod: web, status: Running}', '- podStatus: {pod: web, status: Running}\n        flow: {pod: web}'), line: 9, message: '一项检查只能有一种检查类型，却有 podStatus、flow' },
    { name: 'no checks', yaml: EXERCISE.replace('    checks:\n      - podStatus: {pod: web, status: Running}\n', ''), line: undefined, message: 'checks：一个练习要有一个检查列表，其中至少有一项检查' },
    { name: 'broken YAML', yaml: 'id: pods\ntitle: {en: Pods\n', line: 3, message: expect.stringMatching(/^不是有效的 YAML：/) },
  ])('says $name in Chinese, with its line', ({ yaml, line, message }) => {
    const root = courseWith(yaml)
    const { problems } = loadCourse(root, { lang: 'zh' })
    expect(problems).toContainEqual({ file: expect.stringMatching(/lesson\.yaml$/), line, message })
  })

  it('strictly, the CourseError lists every problem in Chinese', () => {
    const root = courseWith(EXERCISE.replace('podStatus:', 'podPhase:').replace('goal: 2', 'goal: 0'))
    expect(() => loadCourse(root, { strict: true, lang: 'zh' })).toThrow(
      [
        `${join(root, 'lessons', '01-pods', 'lesson.yaml')}:2: goal：必须是 1 到 5 之间的整数`,
        `${join(root, 'lessons', '01-pods', 'lesson.yaml')}:9: 未知的检查类型“podPhase”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）`,
      ].join('\n'),
    )
  })

  it('a folder that is not a course, and a lesson folder without its lesson.yaml', () => {
    const root = mkdtempSync(join(tmpdir(), 'kl-empty-'))
    expect(loadCourse(root, { lang: 'zh' }).problems).toEqual([{ file: join(root, 'lessons'), message: '没有 lessons/ 文件夹：这不是 kubelings 课程' }])
    const course = courseWith(EXERCISE)
    mkdirSync(join(course, 'lessons', '03-empty'))
    writeFileSync(join(course, 'lessons', '03-empty', 'en.md'), '# x\n')
    expect(loadCourse(course, { lang: 'zh' }).problems).toEqual([{ file: join(course, 'lessons', '03-empty'), message: '这一课的文件夹中没有 lesson.yaml' }])
    rmSync(join(course, 'lessons', '01-pods', 'zh.md'))
    expect(loadCourse(course, { lang: 'zh' }).problems).toContainEqual({ file: join(course, 'lessons', '01-pods', 'zh.md'), message: '缺少中文课文' })
    expect(loadCourse(course).problems).toContainEqual({ file: join(course, 'lessons', '01-pods', 'zh.md'), message: 'the lesson text in Chinese is missing' })
  })
})

describe('course file names', () => {
  it.each([
    ['pod.yaml', true],
    ['sub/pod.yaml', true],
    ['../pod.yaml', false],
    ['sub/../../pod.yaml', false],
    ['/etc/passwd', false],
    ['C:/x.yaml', false],
    ['a\\b.yaml', false],
    ['./pod.yaml', false],
    ['', false],
  ])('%s is safe: %s', (name, safe) => {
    expect(isSafeCourseFile(name)).toBe(safe)
  })
})

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['250ms', 250],
    ['1.5s', 1_500],
  ])('%s is %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', '30', 's', '-1s', '1d', 'soon', '1 m'])('"%s" is not a duration', (text) => expect(parseDuration(text)).toBeUndefined())
})
