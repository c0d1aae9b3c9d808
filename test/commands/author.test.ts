// `kubelings author check|new` as a course author runs them: a real process, exit codes and streams.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const bin = resolve(__dirname, '../../bin/run.js')
const courses = resolve(__dirname, '../fixtures/courses')
const STACK = /^\s+at .*\.(js|ts|mjs|cjs):\d+/m

function run(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', DEBUG: '', KUBELINGS_LANG: '' }, input: '' })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

describe('kubelings author check', () => {
  it('passes the shipped course when run outside any course (exit 0)', () => {
    const r = run(tmpdir(), 'author', 'check')
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^Checking the course in .+\n✓ The course is ready: \d+ lesson\(s\), \d+ exercise\(s\); every solution passes and every untouched exercise fails.\n$/)
    expect(r.code).toBe(0)
  })

  it('checks the course in the current folder', () => {
    const r = run(join(courses, 'good'), 'author', 'check')
    expect(r.stdout).toBe(`Checking the course in ${join(courses, 'good')}\n✓ The course is ready: 1 lesson(s), 2 exercise(s); every solution passes and every untouched exercise fails.\n`)
    expect(r.code).toBe(0)
  })

  it('lists every problem of a broken course with file:line and exits 1', () => {
    const r = run(courses, 'author', 'check', 'broken')
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(9)
    expect(lines[1]).toBe('✗ broken/lessons/01-broken/lesson.yaml:9: title: the Chinese (zh) text is missing')
    expect(lines.at(-2)).toBe('✗ broken/lessons/02-bad-yaml/lesson.yaml:8: not valid YAML: Nested mappings are not allowed in compact mappings')
    expect(lines.at(-1)).toBe('7 problem(s) in 1 lesson(s), 4 exercise(s).')
    expect(r.stderr).not.toMatch(STACK)
  })

  it('speaks Chinese with --lang zh, the problems too, each at its file:line', () => {
    const r = run(courses, 'author', 'check', 'broken', '--lang', 'zh')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines.slice(1, 4)).toEqual([
      '✗ broken/lessons/01-broken/lesson.yaml:9: title：缺少中文（zh）文字',
      '✗ broken/lessons/01-broken/lesson.yaml:17: podStatus：未知字段“colour”（已知字段：pod、selector、namespace、status、ready、restarts）',
      '✗ broken/lessons/01-broken/lesson.yaml:18: 未知的检查类型“podPhase”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）',
    ])
    expect(lines.at(-2)).toBe('✗ broken/lessons/02-bad-yaml/lesson.yaml:8: 不是有效的 YAML：映射或列表嵌套在了不允许嵌套的位置（Nested mappings are not allowed in compact mappings）')
    expect(lines.at(-1)).toBe('1 课、4 个练习中共有 7 个问题。')
  })

  it('a learner who meets a broken course is told in their language (exit 3)', () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'kl-author-cli-')), 'w')
    expect(run(tmpdir(), 'init', ws, '--course', join(courses, 'good')).code).toBe(0)
    const lesson = join(courses, 'broken', 'lessons', '01-broken', 'lesson.yaml')
    const zh = run(ws, 'verify', '--course', join(courses, 'broken'), '--lang', 'zh')
    expect(zh.code).toBe(3)
    expect(zh.stderr).toContain(`${lesson}:9: title：缺少中文（zh）文字\n`)
    const en = run(ws, 'list', '--course', join(courses, 'broken'))
    expect(en.code).toBe(3)
    expect(en.stderr).toContain(`${lesson}:9: title: the Chinese (zh) text is missing\n`)
    expect(en.stderr).not.toMatch(STACK)
  })

  it('--json gives the whole report, exit 1 when there are problems', () => {
    const r = run(courses, 'author', 'check', 'broken', '--json')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { ok: boolean; lessons: number; problems: { kind: string; file: string; line?: number; message: string }[] }
    expect(report.ok).toBe(false)
    expect(report.problems).toHaveLength(7)
    expect(report.problems[0]).toEqual({ kind: 'course', file: 'lessons/01-broken/lesson.yaml', line: 9, message: 'title: the Chinese (zh) text is missing' })
  })

  it('a folder that does not exist: one sentence, exit 2', () => {
    const r = run(tmpdir(), 'author', 'check', 'no-such-course')
    expect(r.stderr).toBe(`error: There is no folder ${join(tmpdir(), 'no-such-course')}.\n`)
    expect(r.code).toBe(2)
  })
})

describe('kubelings author new', () => {
  it('scaffolds a lesson and an exercise that author check then lists as placeholders only, and never reuses an id (exit 2)', () => {
    const root = mkdtempSync(join(tmpdir(), 'kl-author-cli-'))
    const lesson = run(root, 'author', 'new', 'lesson', 'pause', '--goal', '5')
    expect(lesson.code).toBe(0)
    expect(lesson.stdout).toBe(
      [
        'Created lessons/01-pause/lesson.yaml',
        'Created lessons/01-pause/en.md',
        'Created lessons/01-pause/zh.md',
        'Created exercises/01-pause/pause-1.yaml',
        'Created solutions/01-pause/pause-1.yaml',
        'Fill in the TODOs (in both languages), then run `kubelings author check .`.',
        '',
      ].join('\n'),
    )
    const exercise = run(root, 'author', 'new', 'exercise', 'pause', 'pause-ip', '--mode', 'answer', '--lang', 'zh')
    expect(exercise.code).toBe(0)
    expect(exercise.stdout).toContain('已在 lessons/01-pause/lesson.yaml 中添加练习“pause-ip”')
    expect(existsSync(join(root, 'solutions/01-pause/pause-ip.yaml'))).toBe(true)
    const check = run(root, 'author', 'check', '--json')
    expect(check.code).toBe(1)
    const kinds = new Set((JSON.parse(check.stdout) as { problems: { kind: string }[] }).problems.map((p) => p.kind))
    expect(kinds).toEqual(new Set(['language']))
    const again = run(root, 'author', 'new', 'exercise', 'pause', 'pause-1')
    expect(again.stderr).toBe('error: There is already an exercise "pause-1" in lesson "pause": exercise ids are unique across the course.\n')
    expect(again.code).toBe(2)
  })
})
