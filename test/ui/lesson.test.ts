import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCourse } from '../../src/course/course.js'
import { recordVerdict, type Progress } from '../../src/course/progress.js'
import { pickLesson, renderLesson } from '../../src/ui/lesson.js'

const { course } = loadCourse(resolve(__dirname, '../fixtures/runner/course'), { strict: true })
const none: Progress = { version: 1, exercises: {} }

describe('which lesson', () => {
  it.each([
    ['services', 'services'],
    ['02-services', 'services'],
    ['predict-port', 'services'],
    ['first-pod', 'pods'],
  ])('%s names lesson %s', (id, lesson) => {
    expect(pickLesson(course, none, id, 'en').id).toBe(lesson)
  })

  it('is the current exercise\'s lesson by default, and the first once all passed', () => {
    const p: Progress = { version: 1, exercises: {} }
    for (const id of ['first-pod', 'pod-completes']) recordVerdict(p, id, true, new Date(0))
    expect(pickLesson(course, p, undefined, 'en').id).toBe('services')
    recordVerdict(p, 'predict-port', true, new Date(0))
    expect(pickLesson(course, p, undefined, 'en').id).toBe('pods')
  })

  it('unknown, is one sentence in the learner\'s language, exit 2', () => {
    expect(() => pickLesson(course, none, 'nope', 'zh')).toThrow(expect.objectContaining({ exitCode: 2, message: '没有名为 “nope” 的课程。运行 `kubelings list` 查看全部课程。' }))
  })
})

describe('a lesson\'s text', () => {
  it('comes in the learner\'s language', async () => {
    const services = pickLesson(course, none, 'services', 'en')
    expect(await renderLesson(services, 'en', { width: 80, color: false })).toBe('Services\n========\n\nA Service gives pods one stable address.\n')
    expect(await renderLesson(services, 'zh', { width: 80, color: false })).toBe('Service\n=======\n\nService 为一组 Pod 提供一个稳定的地址。\n')
  })

  it('missing, is a broken course (exit 3)', async () => {
    const services = { ...pickLesson(course, none, 'services', 'en'), text: { en: '/nowhere/en.md', zh: '/nowhere/zh.md' } }
    await expect(renderLesson(services, 'en', { width: 80, color: false })).rejects.toMatchObject({ exitCode: 3, message: 'The text of lesson "services" in this language is missing (/nowhere/en.md).' })
  })
})
