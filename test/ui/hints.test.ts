import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findExercise, loadCourse } from '../../src/course/course.js'
import { readProgress } from '../../src/course/progress.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { renderHints, revealHints } from '../../src/ui/hints.js'

const { course } = loadCourse(resolve(__dirname, '../fixtures/runner/course'), { strict: true })
const exercise = findExercise(course, 'first-pod')!
const workspace = () => initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-hints-')), 'w'), course.root).workspace

describe('hints', () => {
  it('come one at a time, remembered in the progress file, then all of them again', () => {
    const ws = workspace()
    const first = revealHints(ws, exercise, 'en')
    expect(renderHints(first, 'en')).toBe('Hint 1 of 2 for first-pod:\n  A pod needs at least one container.\n\nRun `kubelings hint` again for the next hint.\n')
    expect(readProgress(ws, 'en').progress.exercises['first-pod'].hintsShown).toBe(1)
    const second = revealHints(ws, exercise, 'zh')
    expect(renderHints(second, 'zh')).toBe('first-pod 的提示（第 2 条，共 2 条）：\n  使用镜像 nginx:1.27。\n\n这是最后一条提示。仍然卡住了？`kubelings solution` 会显示参考答案。\n')
    const again = revealHints(ws, exercise, 'en')
    expect(again.hints.map((h) => h.n)).toEqual([1, 2])
    expect(again.last).toBe(true)
  })

  it('--all shows every hint at once', () => {
    const ws = workspace()
    const all = revealHints(ws, exercise, 'en', true)
    expect(all.hints).toEqual([
      { n: 1, text: 'A pod needs at least one container.' },
      { n: 2, text: 'Use the image nginx:1.27.' },
    ])
    expect(readProgress(ws, 'en').progress.exercises['first-pod'].hintsShown).toBe(2)
  })

  it('for an exercise without hints, says where else to look', () => {
    const ws = workspace()
    const step = revealHints(ws, findExercise(course, 'predict-port')!, 'en')
    expect(renderHints(step, 'en')).toBe('predict-port has no hints. Read the lesson (`kubelings lesson`) and what `kubelings verify` says about each check.\n')
  })
})
