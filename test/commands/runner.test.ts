// The runner's commands as a learner runs them: a real process, no terminal, exit codes and streams.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { updateSettings } from '../../src/course/settings.js'
import { initWorkspace } from '../../src/course/workspace.js'

const bin = resolve(__dirname, '../../bin/run.js')
const COURSE = resolve(__dirname, '../fixtures/runner/course')
const STACK = /^\s+at .*\.(js|ts|mjs|cjs):\d+/m

function run(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [bin, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', KUBELINGS_LANG: '', KUBELINGS_WORKSPACE: '', DEBUG: '', CI: '', npm_command: '' },
    input: '',
  })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

/** A workspace following the fixture course, made in-process (a spawn costs most of a second on a busy machine). */
function freshWorkspace(): string {
  const { workspace } = initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-runner-')), 'w'), COURSE)
  updateSettings(workspace, { course: COURSE })
  return workspace.root
}

let ws: string
beforeAll(() => {
  ws = freshWorkspace()
})

describe('kubelings init --course', () => {
  it('copies that course\'s exercises, makes the progress file and remembers the course', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-runner-')), 'w')
    const r = run(tmpdir(), 'init', dir, '--course', COURSE)
    expect(r).toEqual({
      stdout: [
        `Created a kubelings workspace in ${dir}.`,
        `This workspace follows the course in ${COURSE}.`,
        'Copied 3 exercise file(s).',
        `Next: cd ${dir} && kubelings   (the course: your progress, the next exercise and a menu)`,
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    })
    expect(JSON.parse(readFileSync(join(dir, '.kubelings', 'settings.json'), 'utf8'))).toEqual({ course: COURSE })
    expect(JSON.parse(readFileSync(join(dir, '.kubelings', 'progress.json'), 'utf8'))).toEqual({ version: 1, exercises: {} })
  })

  it('run again without --course, keeps to the workspace\'s course and to the learner\'s files', () => {
    const dir = freshWorkspace()
    writeFileSync(join(dir, 'exercises', '01-pods', 'pod.yaml'), 'mine\n')
    const r = run(tmpdir(), 'init', dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`This workspace follows the course in ${COURSE}.`)
    expect(r.stdout).toContain('Kept your edited file exercises/01-pods/pod.yaml.')
    expect(readFileSync(join(dir, 'exercises', '01-pods', 'pod.yaml'), 'utf8')).toBe('mine\n')
    expect(readdirSync(join(dir, 'exercises'))).toEqual(['01-pods', '02-services'])
  })

  it('refuses a folder that is not a course, making nothing', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-runner-')), 'w')
    const r = run(tmpdir(), 'init', dir, '--course', tmpdir())
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(`error: There is no kubelings course in ${tmpdir()} (a course has a lessons/ folder).\n`)
    expect(existsSync(dir)).toBe(false)
  })
})

describe('kubelings (no command) outside a terminal', () => {
  it('prints the progress list and exits 0', () => {
    const r = run(ws)
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('Lesson 1: Pods (pods)\n  ▸ first-pod      Your first pod\n')
    expect(r.stdout).toContain('0/3 exercises')
  })

  it('takes the global flags alone, --lang zh included', () => {
    const r = run(tmpdir(), '--lang', 'zh', `--workspace=${ws}`)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('第 1 课：Pod（pods）')
  })

  it('without a workspace, says how to make one and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-none-'))
    const r = run(dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`There is no kubelings workspace in ${dir} or any folder above it. If you are just starting, run \`kubelings init\` to make one (in ./kubelings), then \`cd kubelings\` and run \`kubelings\` again.\n`)
  })

  it('leaves --help to oclif', () => {
    const r = run(ws, '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('USAGE\n  $ kubelings [COMMAND]')
    expect(r.stderr).toBe('')
  })
})

describe('kubelings list', () => {
  it('--json has the contract shape', () => {
    const r = run(ws, 'list', '--json')
    expect(r.code).toBe(0)
    const listing = JSON.parse(r.stdout)
    expect(listing.lessons.map((l: { id: string }) => l.id)).toEqual(['pods', 'services'])
    expect(listing.lessons[0].exercises[0]).toMatchObject({ id: 'first-pod', title: 'Your first pod', files: ['exercises/01-pods/pod.yaml'], status: 'pending', current: true })
    expect(listing.current).toBe('first-pod')
  })

  it('tells about a damaged progress file on stderr and keeps the damaged copy', () => {
    const dir = freshWorkspace()
    writeFileSync(join(dir, '.kubelings', 'progress.json'), '{oops')
    const r = run(dir, 'list', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).current).toBe('first-pod')
    expect(r.stderr).toMatch(/^Your progress file .*progress\.json was damaged and could not be read; it was moved aside to .*progress\.json\.corrupt-\S+ \(nothing was deleted\)\.\n/)
    expect(readdirSync(join(dir, '.kubelings')).filter((f) => f.startsWith('progress.json.corrupt-'))).toHaveLength(1)
  })
})

describe('kubelings lesson', () => {
  it('prints the current lesson as plain text when piped', () => {
    const r = run(ws, 'lesson')
    expect(r.code).toBe(0)
    expect(r.stdout.startsWith('Pods\n====\n\nA pod is the smallest thing Kubernetes runs: one or more containers that share a\nnetwork namespace')).toBe(true)
    expect(r.stdout).not.toMatch(/\u001b\[/)
  })

  it('takes a lesson, its language and a width', () => {
    expect(run(ws, 'lesson', '02-services', '--lang', 'zh', '--width', '20').stdout).toBe('Service\n=======\n\nService 为一组 Pod\n提供一个稳定的地址。\n')
  })

  it('names an unknown lesson in one sentence, exit 2', () => {
    expect(run(ws, 'lesson', 'nope')).toEqual({ stdout: '', stderr: 'error: There is no lesson "nope". `kubelings list` shows them all.\n', code: 2 })
  })
})

describe('kubelings hint, solution and reset', () => {
  it('hint shows the next hint on each call', () => {
    const dir = freshWorkspace()
    expect(run(dir, 'hint').stdout).toBe('Hint 1 of 2 for first-pod:\n  A pod needs at least one container.\n\nRun `kubelings hint` again for the next hint.\n')
    expect(run(dir, 'hint', '--lang', 'zh').stdout).toBe('first-pod 的提示（第 2 条，共 2 条）：\n  使用镜像 nginx:1.27。\n\n这是最后一条提示。仍然卡住了？`kubelings solution` 会显示参考答案。\n')
  })

  it('solution stays hidden before a pass without a terminal to confirm in, and --force shows it', () => {
    const dir = freshWorkspace()
    const hidden = run(dir, 'solution')
    expect(hidden).toEqual({
      stdout: '',
      stderr: 'error: You have not passed first-pod yet, so its solution stays hidden: looking now skips the learning. Run `kubelings solution first-pod --force` if you are sure.\n',
      code: 1,
    })
    const shown = run(dir, 'solution', 'first-pod', '--force')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toBe(`Solution of exercises/01-pods/pod.yaml:\n\n${readFileSync(join(COURSE, 'solutions', '01-pods', 'pod.yaml'), 'utf8')}`)
    expect(JSON.parse(readFileSync(join(dir, '.kubelings', 'progress.json'), 'utf8')).exercises['first-pod'].sawSolution).toBe(true)
  })

  it('solution is shown at once after a pass', () => {
    const dir = freshWorkspace()
    writeFileSync(join(dir, '.kubelings', 'progress.json'), JSON.stringify({ version: 1, exercises: { 'pod-completes': { status: 'passed', attempts: 1 } } }))
    const r = run(dir, 'solution', 'pod-completes', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ exercise: 'pod-completes', shown: true, files: [{ file: 'exercises/01-pods/job-pod.yaml' }] })
  })

  it('reset restores the shipped file and says where the learner\'s version went', () => {
    const dir = freshWorkspace()
    const file = join(dir, 'exercises', '01-pods', 'pod.yaml')
    writeFileSync(file, 'my attempt\n')
    const r = run(dir, 'reset')
    expect(r.code).toBe(0)
    const [restored, kept] = r.stdout.trimEnd().split('\n')
    expect(restored).toBe('Restored exercises/01-pods/pod.yaml as shipped.')
    const backup = /^Your version is kept as (exercises\/01-pods\/pod\.yaml\.bak-\S+)\.$/.exec(kept)?.[1]
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe('my attempt\n')
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(COURSE, 'exercises', '01-pods', 'pod.yaml'), 'utf8'))
  })

  it('an unknown exercise is one sentence with exit 2, never a stack trace', () => {
    for (const command of ['hint', 'reset']) {
      const r = run(ws, command, 'nope')
      expect(r).toEqual({ stdout: '', stderr: 'error: There is no exercise "nope". `kubelings list` shows them all.\n', code: 2 })
      expect(r.stderr).not.toMatch(STACK)
    }
  })
})

describe('kubelings config', () => {
  it('set lang zh is saved and used by the next command', () => {
    const dir = freshWorkspace()
    expect(run(dir, 'config', 'set', 'lang', 'zh')).toEqual({ stdout: `lang = zh（已保存到 ${join(dir, '.kubelings', 'settings.json')}）。\n`, stderr: '', code: 0 })
    expect(run(dir, 'config', 'get', 'lang').stdout).toBe('lang = zh\n')
    expect(run(dir, 'list').stdout).toContain('第 1 课：Pod（pods）')
    expect(run(dir, 'list', '--lang', 'en').stdout).toContain('Lesson 1: Pods (pods)')
  })

  it('the saved language is the playground commands\' too (they once heard only --lang and LANG)', () => {
    const dir = freshWorkspace()
    run(dir, 'config', 'set', 'lang', 'zh')
    expect(run(dir, 'cluster', 'advance', '1x')).toEqual({ stdout: '', stderr: 'error: 无法把 "1x" 识别为时长：请使用带单位的数字，例如 30s、5m、1h 或 1h30m。\n', code: 1 })
    expect(run(dir, 'cluster', 'iptables', '--node', 'node-1', '--table', 'raw').stderr).toBe('error: --table 的取值是 nat 或 filter，而不是 "raw"。\n')
    expect(run(dir, 'cluster', 'fail', 'node/node-9').stderr).toMatch(/^error: 没有名为 "node-9" 的节点。现有节点：control-plane, node-1, node-2。\n$/)
    expect(run(dir, 'cluster', 'advance', '1x', '--lang', 'en').stderr).toBe('error: Cannot read "1x" as a duration: use a number with a unit, such as 30s, 5m, 1h or 1h30m.\n')
  })

  it('get without a key shows every setting, and what applies when one is unset', () => {
    const dir = freshWorkspace()
    expect(run(dir, 'config', 'get').stdout).toBe(`lang is not set; the default is taken from LANG (en here).\ncourse = ${COURSE}\n`)
  })

  it.each([
    { argv: ['set', 'lang', 'fr'], stderr: 'error: lang must be one of en, zh, not "fr".\n' },
    { argv: ['set', 'colour', 'red'], stderr: 'error: There is no setting "colour". The settings are: lang, course.\n' },
  ])('refuses $argv with one clear sentence, exit 2', ({ argv, stderr }) => {
    expect(run(ws, 'config', ...argv)).toEqual({ stdout: '', stderr, code: 2 })
  })

  it('set course checks the folder holds a course before saving it', () => {
    const dir = freshWorkspace()
    const r = run(dir, 'config', 'set', 'course', tmpdir())
    expect(r.code).toBe(3)
    expect(JSON.parse(readFileSync(join(dir, '.kubelings', 'settings.json'), 'utf8')).course).toBe(COURSE)
  })
})
