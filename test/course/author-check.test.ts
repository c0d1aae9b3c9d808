// `kubelings author check` on a course that is ready and on one with every kind of mistake an author
// makes: each is reported once, with the file and line to fix.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authorCourseRoot, runAuthorCheck } from '../../src/course/author-command.js'
import { checkCourse } from '../../src/course/author-check.js'
import { PACKAGE_ROOT } from '../../src/course/workspace.js'

const good = resolve(__dirname, '../fixtures/courses/good')
const broken = resolve(__dirname, '../fixtures/courses/broken')
const lesson = 'lessons/01-broken/lesson.yaml'

describe('author check on a good course', () => {
  it('finds nothing, and says the course is ready in both languages', () => {
    expect(checkCourse(good, 'en')).toEqual({ root: good, lessons: 1, exercises: 2, problems: [] })
    expect(runAuthorCheck(good, 'en', good).lines).toEqual([
      `Checking the course in ${good}`,
      '✓ The course is ready: 1 lesson(s), 2 exercise(s); every solution passes and every untouched exercise fails.',
    ])
    expect(runAuthorCheck(good, 'zh', good).lines.at(-1)).toBe('✓ 课程已就绪：1 课，2 个练习；每个参考答案都通过，每个未修改的练习都不通过。')
  })
})

describe('author check on a broken course', () => {
  const report = checkCourse(broken, 'en')
  const at = (p: { file: string; line?: number }) => `${p.file}:${p.line ?? '-'}`

  it('reports every problem, sorted by file and line', () => {
    expect(report.problems.map((p) => [p.kind, at(p)])).toEqual([
      ['course', `${lesson}:9`],
      ['check', `${lesson}:17`],
      ['course', `${lesson}:18`],
      ['solution', `${lesson}:19`],
      ['grade', `${lesson}:29`],
      ['grade', `${lesson}:31`],
      ['course', 'lessons/02-bad-yaml/lesson.yaml:8'],
    ])
  })

  it.each([
    { what: 'a bad YAML line', file: 'lessons/02-bad-yaml/lesson.yaml', line: 8, message: 'not valid YAML: Nested mappings are not allowed in compact mappings' },
    { what: 'a missing Chinese title', file: lesson, line: 9, message: 'title: the Chinese (zh) text is missing' },
    { what: 'an unknown field of a check', file: lesson, line: 17, message: 'podStatus: unknown field "colour" (known: pod, selector, namespace, status, ready, restarts)' },
    { what: 'an unknown check kind', file: lesson, line: 18, message: 'unknown check kind "podPhase" (known: object, podStatus, flow, condition, count, endpoints, reach, trace, schedule, answer, afterFault)' },
    { what: 'a missing solution', file: lesson, line: 19, message: 'exercises/01-broken/c.yaml has no solution: expected solutions/01-broken/c.yaml' },
    {
      what: 'a solution that fails',
      file: lesson,
      line: 29,
      message: 'the solution fails check "The Pod ends Completed": Expected pod/d to show STATUS Completed, RESTARTS 0, but kubectl shows STATUS Error, READY 0/1, RESTARTS 0.',
    },
    { what: 'an exercise that passes untouched', file: lesson, line: 31, message: 'the exercise passes untouched: at least one check must fail before the learner changes exercises/01-broken/e.yaml' },
  ])('reports $what at $file:$line', ({ file, line, message }) => {
    const found = report.problems.filter((p) => p.file === file && p.line === line)
    expect(found).toHaveLength(1)
    expect(found[0].message.startsWith(message)).toBe(true)
  })

  it('says a check with a wrong field once, not again as a grading failure', () => {
    expect(report.problems.filter((p) => p.line === 17)).toHaveLength(1)
  })

  it('prints one line per problem and a summary, in English and in Chinese', () => {
    const en = runAuthorCheck(broken, 'en', broken).lines
    expect(en[0]).toBe(`Checking the course in ${broken}`)
    expect(en[1]).toBe(`✗ ${lesson}:9: title: the Chinese (zh) text is missing`)
    expect(en).toHaveLength(9)
    expect(en.at(-1)).toBe('7 problem(s) in 1 lesson(s), 4 exercise(s).')
    const zh = runAuthorCheck(broken, 'zh', broken).lines
    expect(zh[0]).toBe(`正在检查 ${broken} 中的课程`)
    expect(zh).toContain(`✗ ${lesson}:19: exercises/01-broken/c.yaml 没有参考答案：应当有 solutions/01-broken/c.yaml`)
    expect(zh).toContain(`✗ ${lesson}:31: 未修改的练习就能通过：在学习者修改 exercises/01-broken/e.yaml 之前，至少要有一项检查不通过`)
    expect(zh.at(-1)).toBe('1 课、4 个练习中共有 7 个问题。')
  })

  it('in Chinese, lists each problem in Chinese at its file:line (the parser and kubectl keep their own words)', () => {
    expect(runAuthorCheck(broken, 'zh', broken).lines).toEqual([
      `正在检查 ${broken} 中的课程`,
      `✗ ${lesson}:9: title：缺少中文（zh）文字`,
      `✗ ${lesson}:17: podStatus：未知字段“colour”（已知字段：pod、selector、namespace、status、ready、restarts）`,
      `✗ ${lesson}:18: 未知的检查类型“podPhase”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）`,
      `✗ ${lesson}:19: exercises/01-broken/c.yaml 没有参考答案：应当有 solutions/01-broken/c.yaml`,
      expect.stringMatching(new RegExp(`^✗ ${lesson}:29: 参考答案没有通过检查“Pod 最终为 Completed”：期望 pod/d 显示 STATUS Completed, RESTARTS 0，`)),
      `✗ ${lesson}:31: 未修改的练习就能通过：在学习者修改 exercises/01-broken/e.yaml 之前，至少要有一项检查不通过`,
      '✗ lessons/02-bad-yaml/lesson.yaml:8: 不是有效的 YAML：映射或列表嵌套在了不允许嵌套的位置（Nested mappings are not allowed in compact mappings）',
      '1 课、4 个练习中共有 7 个问题。',
    ])
    // The same problems, kinds and places as in English: only the words differ.
    expect(checkCourse(broken, 'zh').problems.map((p) => [p.kind, at(p)])).toEqual(report.problems.map((p) => [p.kind, at(p)]))
  })

  it('names files relative to the folder it runs in', () => {
    const lines = runAuthorCheck(broken, 'en', resolve(broken, '..')).lines
    expect(lines[1]).toBe(`✗ broken/${lesson}:9: title: the Chinese (zh) text is missing`)
  })
})

describe('author check finds what only a whole-course look can tell', () => {
  it('a folder that is not a course', () => {
    const report = checkCourse(resolve(__dirname, '../fixtures/manifests'), 'en')
    expect(report.problems.map((p) => p.message)).toEqual(['no lessons/ folder: this is not a kubelings course'])
    expect(checkCourse(resolve(__dirname, '../fixtures/manifests'), 'zh').problems.map((p) => p.message)).toEqual(['没有 lessons/ 文件夹：这不是 kubelings 课程'])
  })
})

describe('which course author check looks at', () => {
  it('the folder named, else the course in the current folder, else the one the workspace follows, else the shipped one', () => {
    expect(authorCourseRoot('broken', { cwd: resolve(broken, '..') })).toBe(broken)
    expect(authorCourseRoot(undefined, { cwd: good })).toBe(good)
    const ws = mkdtempSync(join(tmpdir(), 'kl-author-ws-'))
    expect(authorCourseRoot(undefined, { cwd: ws })).toBe(PACKAGE_ROOT)
    mkdirSync(join(ws, '.kubelings'))
    writeFileSync(join(ws, '.kubelings', 'settings.json'), JSON.stringify({ course: good }))
    mkdirSync(join(ws, 'exercises'))
    expect(authorCourseRoot(undefined, { cwd: join(ws, 'exercises') })).toBe(good)
    expect(authorCourseRoot(undefined, { cwd: ws, shipped: false })).toBe(ws)
  })

  it('a folder that does not exist is one clear sentence, exit 2', () => {
    expect(() => authorCourseRoot('nope', { cwd: good, lang: 'zh' })).toThrow(`文件夹 ${join(good, 'nope')} 不存在。`)
  })
})
