// A session: the workspace, the course it follows, the language, and which exercise is current.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CourseError } from '../../src/course/course.js'
import { UserError } from '../../src/course/errors.js'
import { recordVerdict, type Progress } from '../../src/course/progress.js'
import { courseRoot, currentExercise, openCourse, openSession, pickExercise } from '../../src/course/session.js'
import { updateSettings } from '../../src/course/settings.js'
import { initWorkspace, PACKAGE_ROOT } from '../../src/course/workspace.js'

const FIXTURE = resolve(__dirname, '../fixtures/runner/course')
const NOW = new Date('2026-11-25T08:00:00Z')

function workspaceFollowing(course: string) {
  const dir = join(mkdtempSync(join(tmpdir(), 'kl-session-')), 'w')
  const { workspace } = initWorkspace(dir, course)
  updateSettings(workspace, { course })
  return workspace
}

const progress = (passed: string[], current?: string): Progress => {
  const p: Progress = { version: 1, exercises: {}, ...(current ? { current } : {}) }
  for (const id of passed) recordVerdict(p, id, true, NOW)
  return p
}

describe('openSession', () => {
  it('follows the course saved in the workspace, from any folder inside it', () => {
    const ws = workspaceFollowing(FIXTURE)
    const s = openSession({}, join(ws.root, 'exercises', '01-pods'), { LANG: 'zh_CN.UTF-8' })
    expect(s.ws.root).toBe(ws.root)
    expect(s.course.root).toBe(FIXTURE)
    expect(s.lang).toBe('zh')
  })

  it('takes --course over the saved one, relative to the current folder', () => {
    const ws = workspaceFollowing('/nowhere')
    expect(openSession({ course: 'course', workspace: ws.root }, resolve(FIXTURE, '..'), {}).course.root).toBe(FIXTURE)
    expect(courseRoot({}, {}, ws.root)).toBe(PACKAGE_ROOT)
    // A saved relative path is read from the workspace root, wherever the command runs.
    expect(courseRoot({}, { course: '../c' }, '/elsewhere', '/ws/root')).toBe('/ws/c')
  })

  it('refuses a folder that is not a course (exit 3) and a broken course (one report, exit 3)', () => {
    const ws = workspaceFollowing(mkdtempSync(join(tmpdir(), 'kl-notacourse-')))
    expect(() => openSession({}, ws.root, {})).toThrow(expect.objectContaining({ exitCode: 3, message: expect.stringMatching(/^There is no kubelings course in .* \(a course has a lessons\/ folder\)\.$/) }))
    const broken = resolve(__dirname, '../fixtures/courses/broken')
    expect(() => openSession({ course: broken }, ws.root, {})).toThrow(CourseError)
  })

  it("reports a broken course in the learner's language", () => {
    const broken = resolve(__dirname, '../fixtures/courses/broken')
    const lesson = join(broken, 'lessons', '01-broken', 'lesson.yaml')
    expect(() => openCourse(broken, 'en')).toThrow(`${lesson}:9: title: the Chinese (zh) text is missing`)
    let error: unknown
    try {
      openCourse(broken, 'zh')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CourseError)
    expect((error as CourseError).exitCode).toBe(3)
    expect((error as CourseError).message.split('\n')).toEqual([
      `${lesson}:9: title：缺少中文（zh）文字`,
      `${lesson}:18: 未知的检查类型“podPhase”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）`,
      `${join(broken, 'lessons', '02-bad-yaml', 'lesson.yaml')}:8: 不是有效的 YAML：映射或列表嵌套在了不允许嵌套的位置（Nested mappings are not allowed in compact mappings）`,
    ])
  })

  it('without a workspace, says how to make one', () => {
    const outside = mkdtempSync(join(tmpdir(), 'kl-nows-'))
    expect(() => openSession({}, outside, {})).toThrow(UserError)
  })
})

describe('the current exercise', () => {
  const ws = workspaceFollowing(FIXTURE)
  const session = openSession({}, ws.root, {})

  it.each([
    { name: 'is the first one at the start', p: progress([]), id: 'first-pod' },
    { name: 'is the first one not passed', p: progress(['first-pod']), id: 'pod-completes' },
    { name: 'stays where the learner moved on by hand', p: progress([], 'predict-port'), id: 'predict-port' },
    { name: 'moves on when the saved one has passed', p: progress(['predict-port'], 'predict-port'), id: 'first-pod' },
    { name: 'skips every passed one', p: progress(['first-pod', 'pod-completes']), id: 'predict-port' },
    { name: 'is none once all passed', p: progress(['first-pod', 'pod-completes', 'predict-port']), id: undefined },
  ])('$name', ({ p, id }) => {
    expect(currentExercise(session.course, p)?.id).toBe(id)
  })

  it('can be named; an unknown name is one sentence with exit 2', () => {
    expect(pickExercise(session, progress([]), 'predict-port')?.id).toBe('predict-port')
    expect(() => pickExercise(session, progress([]), 'nope')).toThrow(expect.objectContaining({ exitCode: 2, message: 'There is no exercise "nope". `kubelings list` shows them all.' }))
  })
})
