import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCourse } from '../../src/course/course.js'
import { recordVerdict, type Progress } from '../../src/course/progress.js'
import { buildListing, renderListing } from '../../src/ui/course-list.js'

const { course } = loadCourse(resolve(__dirname, '../fixtures/runner/course'), { strict: true })
const progress: Progress = { version: 1, exercises: {} }
recordVerdict(progress, 'first-pod', true, new Date('2026-11-25T08:00:00Z'))

describe('the listing', () => {
  it('has the contract shape: lessons, exercises with files and status, and the current one', () => {
    const listing = buildListing(course, progress, 'en')
    expect(listing.current).toBe('pod-completes')
    expect([listing.done, listing.total]).toEqual([1, 3])
    expect(listing.lessons.map((l) => ({ id: l.id, title: l.title, exercises: l.exercises.map((e) => [e.id, e.title, e.files, e.status, e.current]) }))).toEqual([
      {
        id: 'pods',
        title: 'Pods',
        exercises: [
          ['first-pod', 'Your first pod', ['exercises/01-pods/pod.yaml'], 'passed', false],
          ['pod-completes', 'A pod that finishes its work', ['exercises/01-pods/job-pod.yaml'], 'pending', true],
        ],
      },
      { id: 'services', title: 'Services', exercises: [['predict-port', 'Predict the NodePort range', ['exercises/02-services/answer.yaml'], 'pending', false]] },
    ])
    expect(listing.lessons[0].exercises[0].titles).toEqual({ en: 'Your first pod', zh: '你的第一个 Pod' })
  })

  it('reads as a table with ✓, ▸ and ·', () => {
    expect(renderListing(buildListing(course, progress, 'en'), 'en', 42)).toBe(
      [
        'Lesson 1: Pods (pods)',
        '  ✓ first-pod      Your first pod',
        '  ▸ pod-completes  A pod that finishes its work',
        '',
        'Lesson 2: Services (services)',
        '  · predict-port   Predict the NodePort range',
        '',
        'Progress: [##>-------]  1/3 exercises',
        '✓ passed   ▸ current   · to do',
        '',
      ].join('\n'),
    )
  })

  it('reads in Chinese with the Chinese titles', () => {
    expect(renderListing(buildListing(course, progress, 'zh'), 'zh', 42)).toBe(
      [
        '第 1 课：Pod（pods）',
        '  ✓ first-pod      你的第一个 Pod',
        '  ▸ pod-completes  完成工作的 Pod',
        '',
        '第 2 课：Service（services）',
        '  · predict-port   预测 NodePort 的范围',
        '',
        '进度：[##>-------]  1/3 个练习',
        '✓ 已通过   ▸ 当前   · 待完成',
        '',
      ].join('\n'),
    )
  })
})
