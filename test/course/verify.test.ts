// `kubelings verify`: grading in a workspace records the verdict and moves on; through the bin,
// the exit codes and the --json shape of the contract, both languages, a corrupt progress file.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadCourse, findExercise } from '../../src/course/course.js'
import { readProgress } from '../../src/course/progress.js'
import { gradeExercise, verifyInWorkspace, workspaceReader } from '../../src/course/verify.js'
import { renderVerdict } from '../../src/ui/verdict.js'
import { FIXTURE_COURSE } from '../grader/helpers.js'

const bin = resolve(__dirname, '../../bin/run.js')
const STACK = /^\s+at .*\.(js|ts|mjs|cjs):\d+/m

/** A workspace following the fixture course, its exercises as shipped. */
function workspace(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'kl-verify-')), 'w')
  mkdirSync(join(root, '.kubelings'), { recursive: true })
  cpSync(join(FIXTURE_COURSE, 'exercises'), join(root, 'exercises'), { recursive: true })
  return root
}

const solve = (ws: string, file: string): void => cpSync(join(FIXTURE_COURSE, 'solutions', '01-basics', file), join(ws, 'exercises', '01-basics', file))

function run(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [bin, 'verify', '--course', FIXTURE_COURSE, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', DEBUG: '', KUBELINGS_LANG: '' }, input: '' })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

describe('verifyInWorkspace', () => {
  const { course } = loadCourse(FIXTURE_COURSE, { strict: true })
  const session = (root: string) => ({ ws: { root, stateDir: join(root, '.kubelings') }, settings: {}, lang: 'en' as const, course })

  test('records a failure, then a pass, and moves the current exercise on', () => {
    const root = workspace()
    const s = session(root)
    const e = findExercise(course, 'pod-completes')!
    const failed = verifyInWorkspace(s, e, new Date('2026-11-25T06:00:00Z'))
    expect(failed.verdict.passed).toBe(false)
    expect(failed.next).toBeUndefined()
    solve(root, 'pod.yaml')
    const passed = verifyInWorkspace(s, e, new Date('2026-11-25T06:01:00Z'))
    expect(passed.verdict.passed).toBe(true)
    expect(passed.next?.id).toBe('predict')
    const p = readProgress(s.ws, 'en').progress
    expect(p.current).toBe('predict')
    expect(p.exercises['pod-completes']).toEqual({ status: 'passed', attempts: 2, lastVerifiedAt: '2026-11-25T06:01:00.000Z', lastPassed: true, passedAt: '2026-11-25T06:01:00.000Z' })
  })

  test('every solution passes and every untouched exercise fails', () => {
    for (const e of course.lessons.flatMap((l) => l.exercises)) {
      const untouched = gradeExercise(course, e, workspaceReader(FIXTURE_COURSE), 'en')
      const solved = gradeExercise(course, e, (p) => workspaceReader(join(FIXTURE_COURSE, 'solutions'))(p.split('/').slice(1).join('/')), 'en')
      expect([e.id, untouched.passed, solved.passed]).toEqual([e.id, false, true])
    }
  })

  test('renders ✓/✗ lines with where, and colour only when asked', () => {
    const v = gradeExercise(course, findExercise(course, 'pod-completes')!, workspaceReader(FIXTURE_COURSE), 'en')
    const text = renderVerdict(v, 'en')
    expect(text.split('\n').slice(0, 3)).toEqual([
      '✗ The pod ends Completed',
      expect.stringMatching(/^ {4}Expected pod\/hello to show STATUS Completed, READY 0\/1, RESTARTS 0, but kubectl shows STATUS CrashLoopBackOff/),
      '    at exercises/01-basics/pod.yaml:5',
    ])
    expect(text.endsWith('Exercise pod-completes is not done yet: 3 of 6 check(s) failed.')).toBe(true)
    expect(text).not.toContain('\u001b[')
    expect(renderVerdict(v, 'zh', { color: true })).toContain('\u001b[31m✗\u001b[0m')
    expect(renderVerdict(v, 'zh')).toContain('    位置 exercises/01-basics/pod.yaml:5')
  })
})

describe('kubelings verify (the bin)', () => {
  test('exit 1 with ✗ lines when not passed, 0 when passed, then says what is next', () => {
    const ws = workspace()
    const failed = run(ws)
    expect([failed.code, failed.stderr]).toEqual([1, ''])
    expect(failed.stdout).toContain('✗ The pod ends Completed\n')
    expect(failed.stdout).toContain('Exercise pod-completes is not done yet: 3 of 6 check(s) failed.')
    solve(ws, 'pod.yaml')
    const passed = run(ws)
    expect(passed.code).toBe(0)
    expect(passed.stdout).toContain('✓ The pod ends Completed\n')
    expect(passed.stdout).toContain('Exercise pod-completes passed.\nNext: predict — Predict. Run `kubelings verify` when you are ready, or `kubelings watch`.\n')
    // Without EXERCISE it is now the next one.
    expect(run(ws, '--json').stdout).toContain('"exercise": "predict"')
  })

  test('--json prints the whole verdict in the contract\'s shape', () => {
    const ws = workspace()
    const r = run(ws, 'predict', '--json')
    expect([r.code, r.stderr]).toEqual([1, ''])
    const v = JSON.parse(r.stdout)
    expect(Object.keys(v)).toEqual(['exercise', 'passed', 'checks'])
    expect(v.exercise).toBe('predict')
    expect(v.passed).toBe(false)
    expect(v.checks[0]).toEqual({ name: 'answer q1', kind: 'answer', passed: false, message: 'q1 is not answered yet (exercises/01-basics/answers.yaml:2).', where: { file: 'exercises/01-basics/answers.yaml', line: 2 } })
    solve(ws, 'answers.yaml')
    const ok = run(ws, 'predict', '--json', '--lang', 'zh')
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ exercise: 'predict', passed: true, next: 'pod-completes' })
    expect(JSON.parse(ok.stdout).checks[1].message).toBe('q2：kube-scheduler 正确。')
  })

  test('when every exercise has passed it says so, exit 0', () => {
    const ws = workspace()
    solve(ws, 'pod.yaml')
    solve(ws, 'answers.yaml')
    for (let i = 0; i < 2; i++) {
      const passed = run(ws)
      expect([passed.code, passed.stderr]).toEqual([0, ''])
    }
    const r = run(ws)
    expect([r.code, r.stdout]).toEqual([0, 'Every exercise of the course has passed. Well done! `kubelings list` shows them all.\n'])
    expect(JSON.parse(run(ws, '--json').stdout)).toEqual({ exercise: null, passed: true, checks: [], allPassed: true })
  })

  test('an unknown exercise: exit 2 and one sentence; no workspace: one sentence; no stack traces', () => {
    const ws = workspace()
    const r = run(ws, 'nope')
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: There is no exercise "nope". `kubelings list` shows them all.\n'])
    const outside = run(mkdtempSync(join(tmpdir(), 'kl-none-')))
    expect(outside.code).not.toBe(0)
    expect(outside.stderr).toMatch(/^error: No kubelings workspace in .* Make one with `kubelings init`/)
    expect(outside.stderr).not.toMatch(STACK)
  })

  test('a broken course: exit 3', () => {
    const ws = workspace()
    const course = mkdtempSync(join(tmpdir(), 'kl-broken-'))
    cpSync(FIXTURE_COURSE, course, { recursive: true })
    writeFileSync(join(course, 'lessons', '01-basics', 'lesson.yaml'), 'id: basics\ntitle: [oops\n')
    const r = spawnSync(process.execPath, [bin, 'verify', '--course', course], { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C' } })
    expect(r.status).toBe(3)
    expect(r.stderr).toMatch(/^error: .*lesson\.yaml:\d+: not valid YAML/)
    expect(r.stderr).not.toMatch(STACK)
  })

  test('a corrupt progress file is moved aside, the learner is told, and the verdict recorded', () => {
    const ws = workspace()
    writeFileSync(join(ws, '.kubelings', 'progress.json'), '{"version": 1, "exerc')
    const r = run(ws, 'pod-completes')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('was damaged and could not be read; it was moved aside to')
    expect(readdirSync(join(ws, '.kubelings')).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true)
    expect(JSON.parse(readFileSync(join(ws, '.kubelings', 'progress.json'), 'utf8')).exercises['pod-completes'].attempts).toBe(1)
  })

  test('--help and a bad flag still reach oclif', () => {
    const r = run(workspace(), '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('$ kubelings verify [EXERCISE]')
    const bad = run(workspace(), '--bogus')
    // (oclif adds a warning of its own under NODE_ENV=test, which vitest sets)
    expect([bad.code, bad.stderr.split('\n').slice(0, 2)]).toEqual([2, ['error: Nonexistent flag: --bogus', "See 'kubelings verify --help' for usage."]])
  })
})

describe('a verdict names the place once', () => {
  test('does not repeat the file:line a message already gives', () => {
    const v = {
      exercise: 'x',
      passed: false,
      checks: [{ name: 'answer q1', kind: 'answer' as const, passed: false, message: 'q1 is not answered yet (exercises/01-basics/answers.yaml:2).', where: { file: 'exercises/01-basics/answers.yaml', line: 2 } }],
    }
    const out = renderVerdict(v, 'en')
    expect(out).toContain('q1 is not answered yet (exercises/01-basics/answers.yaml:2).')
    expect(out).not.toContain('    at exercises/01-basics/answers.yaml:2')
  })
})
