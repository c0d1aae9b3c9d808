// The watch screen as one pure function of the watch's state: whole screens, spaces included.
import { describe, expect, it } from 'vitest'
import type { Course, Exercise } from '../../src/course/course.js'
import { emptyProgress, type Progress } from '../../src/course/progress.js'
import { renderWatchScreen, type WatchView } from '../../src/ui/watch-screen.js'
import { nextPending } from '../../src/ui/watch.js'

function exercise(id: string, over: Partial<Exercise> = {}): Exercise {
  return {
    id,
    lesson: 'pods',
    title: { en: `Title of ${id}`, zh: `${id} 的标题` },
    mode: 'manifest',
    files: [`exercises/01-pods/${id}.yaml`],
    apply: [`exercises/01-pods/${id}.yaml`],
    cluster: { workers: 2, seed: 1, stopped: [], setup: [], options: {} },
    runFor: 60_000,
    hints: [{ en: 'Look at restartPolicy.', zh: '看看 restartPolicy。' }, { en: 'Set it to Never.', zh: '把它设为 Never。' }],
    checks: [],
    line: 1,
    ...over,
  }
}

const a = exercise('a')
const b = exercise('b', { mode: 'answer' })
const c = exercise('c')
const course: Course = { root: '/course', lessons: [{ id: 'pods', dir: '01-pods', goal: 2, title: { en: 'Pods', zh: 'Pod' }, exercises: [a, b, c], text: { en: '', zh: '' }, file: '' }] }

function progress(passed: string[]): Progress {
  const p = emptyProgress()
  for (const id of passed) p.exercises[id] = { status: 'passed', attempts: 1 }
  return p
}

function view(over: Partial<WatchView>): WatchView {
  return { course, progress: emptyProgress(), exercise: a, hintsShown: 0, showList: false, notices: [], mode: 'events', watching: true, rawKeys: true, columns: 42, ...over }
}

describe('renderWatchScreen', () => {
  it('a failed verdict: the exercise named first, its file, the verdict, what to do, the keys', () => {
    expect(renderWatchScreen(view({ verdict: '✗ The Pod ends Completed\n    it is CrashLoopBackOff', passed: false }), 'en')).toBe(
      [
        'kubelings watch · exercise a (1/3): Title of a',
        'Lesson: Pods (`kubelings lesson pods` to read it)',
        'Edit: exercises/01-pods/a.yaml',
        '',
        '✗ The Pod ends Completed',
        '    it is CrashLoopBackOff',
        '',
        'Save your file to verify again; press h for a hint.',
        '',
        'Progress: [----------]  0/3 exercises',
        'Watching exercises/01-pods/a.yaml for saves.',
        'h hint · l list · n next · r re-run · q quit',
        '',
      ].join('\n'),
    )
  })

  it('a pass names the next exercise; hints shown so far stay; polling says why', () => {
    const screen = renderWatchScreen(
      view({ exercise: b, verdict: '✓ ok', passed: true, next: c, hintsShown: 3, progress: progress(['a', 'b']), mode: 'polling', modeReason: 'File events did not arrive here.' }),
      'en',
    )
    expect(screen).toBe(
      [
        'kubelings watch · exercise b (2/3): Title of b',
        'Lesson: Pods (`kubelings lesson pods` to read it)',
        'Answer in: exercises/01-pods/b.yaml',
        '',
        '✓ ok',
        '',
        '✓ b passed! Keep editing to experiment, or press n to move on to the next exercise (c).',
        '',
        'Hint 1/2: Look at restartPolicy.',
        'Hint 2/2: Set it to Never.',
        'That was the last hint. Still stuck? `kubelings solution b` shows the reference solution.',
        '',
        'Progress: [#####>----]  2/3 exercises',
        'File events did not arrive here.',
        'Checking exercises/01-pods/b.yaml for saves every 300 ms (polling).',
        'h hint · l list · n next · r re-run · q quit',
        '',
      ].join('\n'),
    )
  })

  it('in Chinese, with the list, before the first verdict, in manual mode, keys read as lines', () => {
    const screen = renderWatchScreen(view({ showList: true, progress: progress(['b']), mode: 'manual', rawKeys: false }), 'zh')
    expect(screen).toBe(
      [
        'kubelings watch · 练习 a（1/3）：a 的标题',
        '课程：Pod（运行 `kubelings lesson pods` 阅读）',
        '编辑：exercises/01-pods/a.yaml',
        '',
        '正在验证 a ……',
        '',
        '练习（✓ 已通过，▸ 当前显示）：',
        '  Pod (pods)',
        '    ▸ a  a 的标题',
        '    ✓ b  b 的标题',
        '    · c  c 的标题',
        '',
        '进度：[##>-------]  1/3 个练习',
        '手动模式：保存后按 Enter 进行验证。',
        '输入一个键再按 Enter：h 提示 · l 列表 · n 下一个 · r（或空行）重新验证 · q 退出',
        '',
      ].join('\n'),
    )
  })

  it('a verification that could not run says why; the mode line waits until saves are watched', () => {
    const screen = renderWatchScreen(view({ error: 'EACCES: permission denied', watching: false }), 'en')
    expect(screen).toContain('Could not verify a: EACCES: permission denied\n')
    expect(screen).not.toContain('Watching')
  })

  it('every exercise passed', () => {
    expect(renderWatchScreen(view({ exercise: undefined, progress: progress(['a', 'b', 'c']) }), 'en')).toBe(
      'Every exercise has passed. Well done! Press q to quit.\n\nProgress: [##########]  3/3 exercises\nh hint · l list · n next · r re-run · q quit\n',
    )
  })
})

describe('renderWatchScreen in a short terminal', () => {
  const verdict = ['✗ check one', '    why one', '✗ check two', '    why two', '✗ check three', '    why three', '', 'Exercise a is not done yet: 3 of 3 check(s) failed.'].join('\n')

  it("cuts the middle of the verdict so the exercise's name and the keys stay on screen", () => {
    const screen = renderWatchScreen(view({ verdict, passed: false, rows: 16, columns: 60 }), 'en')
    expect(screen).toBe(
      [
        'kubelings watch · exercise a (1/3): Title of a',
        'Lesson: Pods (`kubelings lesson pods` to read it)',
        'Edit: exercises/01-pods/a.yaml',
        '',
        '✗ check one',
        '    why one',
        '… 5 more line(s) of the verdict: make the window taller, or',
        'run `kubelings verify` to see them all.',
        'Exercise a is not done yet: 3 of 3 check(s) failed.',
        '',
        'Save your file to verify again; press h for a hint.',
        '',
        'Progress: [############################]  0/3 exercises'.replace(/#/g, '-'),
        'Watching exercises/01-pods/a.yaml for saves.',
        'h hint · l list · n next · r re-run · q quit',
        '',
      ].join('\n'),
    )
    expect(screen.split('\n').length - 1).toBe(15) // rows - 1: the last row is the cursor's
  })

  it('wraps long lines by display width, Chinese counting two columns a character', () => {
    const screen = renderWatchScreen(view({ verdict: '✗ 检查'.padEnd(30, '很'), passed: false, rows: 40, columns: 20 }), 'zh')
    const lines = screen.split('\n')
    expect(lines).toContain('✗ 检查很很很很很很很') // 1 + 1 + 2 × 9 = 20 columns
  })

  it('leaves a verdict that fits alone', () => {
    expect(renderWatchScreen(view({ verdict, passed: false, rows: 40, columns: 60 }), 'en')).toContain(verdict)
  })
})

describe('nextPending', () => {
  it.each([
    { from: a, passed: [], next: 'b' },
    { from: a, passed: ['b'], next: 'c' },
    { from: c, passed: [], next: 'a' }, // wraps round
    { from: b, passed: ['a', 'c'], next: undefined }, // never itself
    { from: b, passed: ['a', 'b', 'c'], next: undefined },
  ])('after $from.id with $passed passed: $next', ({ from, passed, next }) => {
    expect(nextPending([a, b, c], progress(passed), from)?.id).toBe(next)
  })
})
