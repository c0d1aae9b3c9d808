// `kubelings` with no command, driven through a scripted HomeIO: what it shows and what each menu
// choice does. test/commands/home.test.ts drives the real thing in a pseudo-terminal.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { updateProgress } from '../../src/course/progress.js'
import { updateSettings } from '../../src/course/settings.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { home, type HomeIO, type MenuAction } from '../../src/ui/home.js'

const COURSE = resolve(__dirname, '../fixtures/runner/course')

function workspace(): string {
  const { workspace: ws } = initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-home-')), 'w'), COURSE)
  updateSettings(ws, { course: COURSE })
  return ws.root
}

/** A terminal that answers from a script; `out` collects everything written. */
function scripted(answers: (MenuAction | boolean | Error)[], interactive = true) {
  const out: string[] = []
  const menus: string[][] = []
  const watched: string[][] = []
  const next = () => {
    const a = answers.shift()
    if (a instanceof Error) throw a
    if (a === undefined) throw new Error('the script ran out of answers')
    return a
  }
  const io: HomeIO = {
    write: (text) => void out.push(text),
    interactive,
    color: false,
    columns: 42,
    select: async (message, choices) => {
      menus.push(choices.map((c) => c.name))
      return next() as MenuAction
    },
    confirm: async () => next() as boolean,
    watch: async (argv) => {
      watched.push(argv)
      return 0
    },
    page: (text) => void out.push(text),
  }
  return { io, text: () => out.join(''), menus, watched }
}

const ctrlC = () => Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' })

describe('kubelings with no command', () => {
  // As a learner starts it (not under `npx vitest`), in English unless a test asks otherwise.
  beforeEach(() => {
    vi.stubEnv('npm_command', '')
    vi.stubEnv('LANG', 'C.UTF-8')
    vi.stubEnv('LC_ALL', '')
    vi.stubEnv('KUBELINGS_LANG', '')
  })
  afterEach(() => void vi.unstubAllEnvs())

  it('outside a terminal prints the progress list and exits 0 without asking anything', async () => {
    const ws = workspace()
    const t = scripted([], false)
    expect(await home({}, t.io, ws)).toBe(0)
    expect(t.text()).toBe(
      [
        'kubelings: learn Kubernetes in your terminal',
        `Course: ${COURSE}`,
        '',
        'Lesson 1: Pods (pods)',
        '  ▸ first-pod      Your first pod',
        '  · pod-completes  A pod that finishes its work',
        '',
        'Lesson 2: Services (services)',
        '  · predict-port   Predict the NodePort range',
        '',
        'Progress: [----------]  0/3 exercises',
        '✓ passed   ▸ current   · to do',
        '',
        'Next: first-pod (Your first pod), lesson pods',
        'In a terminal, `kubelings` opens a menu; `kubelings watch` re-verifies each time you save.',
        '',
      ].join('\n'),
    )
    expect(t.menus).toEqual([])
  })

  it('in a terminal shows the welcome screen and the menu, and Quit exits 0', async () => {
    const ws = workspace()
    updateProgress({ root: ws, stateDir: join(ws, '.kubelings') }, 'en', (p) => (p.exercises['first-pod'] = { status: 'passed', attempts: 1 }))
    const t = scripted(['quit'])
    expect(await home({ lang: 'en' }, t.io, ws)).toBe(0)
    expect(t.text()).toBe(
      [
        'kubelings: learn Kubernetes in your terminal',
        `Course: ${COURSE}`,
        'Progress: [##>-------]  1/3 exercises',
        'Next: pod-completes (A pod that finishes its work), lesson pods',
        '',
        'Bye! Your progress is saved; run `kubelings` to carry on.',
        '',
      ].join('\n'),
    )
    expect(t.menus).toEqual([
      ['Read the lesson (pods)', 'Verify pod-completes', 'Watch: verify pod-completes each time you save', 'Get a hint', 'See the solution', 'List every exercise', 'Switch language: 中文', 'Quit'],
    ])
  })

  it('gives a hint, then switches to Chinese (saved), then speaks Chinese', async () => {
    const ws = workspace()
    const t = scripted(['hint', 'lang', 'quit'])
    expect(await home({}, t.io, ws)).toBe(0)
    expect(t.text()).toContain('Hint 1 of 2 for first-pod:\n  A pod needs at least one container.\n')
    expect(t.text()).toContain(`从现在起，kubelings 在这里使用简体中文（已保存到 ${join(ws, '.kubelings', 'settings.json')}）。`)
    expect(t.text()).toContain('进度：[----------]  0/3 个练习\n下一个：first-pod（你的第一个 Pod），课程 pods')
    expect(t.text().endsWith('再见！你的进度已保存；运行 `kubelings` 即可继续。\n')).toBe(true)
    expect(t.menus[2]).toContain('切换语言：English')
    expect(JSON.parse(readFileSync(join(ws, '.kubelings', 'settings.json'), 'utf8')).lang).toBe('zh')
  })

  it('reads the lesson, lists the exercises and starts watch with the workspace and language', async () => {
    const ws = workspace()
    const t = scripted(['lesson', 'list', 'watch', 'quit'])
    expect(await home({ lang: 'en' }, t.io, ws)).toBe(0)
    expect(t.text()).toContain('Pods\n====\n\nA pod is the smallest thing Kubernetes\nruns: ')
    expect(t.text()).toContain('  ▸ first-pod      Your first pod\n')
    expect(t.watched).toEqual([['watch', '--workspace', ws, '--lang', 'en']])
  })

  it('verifies the current exercise, and moves on once it passes', async () => {
    const ws = workspace()
    const t = scripted(['verify', 'verify', 'quit'])
    const io = t.io
    const select = io.select
    // Between the two verifications the learner fixes their file.
    io.select = async (message, choices) => {
      if (t.menus.length === 1) copyFileSync(join(COURSE, 'solutions', '01-pods', 'pod.yaml'), join(ws, 'exercises', '01-pods', 'pod.yaml'))
      return select(message, choices)
    }
    expect(await home({ lang: 'en' }, io, ws)).toBe(0)
    expect(t.text()).toContain('Exercise first-pod is not done yet: 2 of 2 check(s) failed.')
    expect(t.text()).toContain('✓ podStatus web\n    pod/web: STATUS Running, READY 1/1, RESTARTS 0.\n\nExercise first-pod passed.')
    expect(t.text()).toContain('Progress: [##>-------]  1/3 exercises\nNext: pod-completes (A pod that finishes its work), lesson pods')
  })

  it('asks before showing the solution of an exercise not passed yet', async () => {
    const ws = workspace()
    const t = scripted(['solution', false, 'solution', true, 'quit'])
    expect(await home({ lang: 'en' }, t.io, ws)).toBe(0)
    expect(t.text().match(/Solution of exercises\/01-pods\/pod\.yaml:/g)).toHaveLength(1)
    expect(JSON.parse(readFileSync(join(ws, '.kubelings', 'progress.json'), 'utf8')).exercises['first-pod'].sawSolution).toBe(true)
  })

  it('leaves with exit 130 on Ctrl-C, progress intact', async () => {
    const ws = workspace()
    const t = scripted(['hint', ctrlC()])
    expect(await home({ lang: 'en' }, t.io, ws)).toBe(130)
    expect(t.text().endsWith('\nInterrupted. Your progress is saved.\n')).toBe(true)
    expect(JSON.parse(readFileSync(join(ws, '.kubelings', 'progress.json'), 'utf8')).exercises['first-pod'].hintsShown).toBe(1)
  })

  it('without a workspace, offers to make ./kubelings in a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-home-none-'))
    const t = scripted([true, 'quit'])
    expect(await home({ lang: 'en', course: COURSE }, t.io, dir)).toBe(0)
    expect(t.text()).toContain(`Created a kubelings workspace in ${join(dir, 'kubelings')}.\nCopied 3 exercise file(s).\n`)
    expect(existsSync(join(dir, 'kubelings', 'exercises', '01-pods', 'pod.yaml'))).toBe(true)
    expect(existsSync(join(dir, 'kubelings', '.kubelings', 'progress.json'))).toBe(true)
  })

  it('without a workspace, makes nothing when the learner says no', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-home-none-'))
    const t = scripted([false])
    expect(await home({ lang: 'en' }, t.io, dir)).toBe(0)
    expect(t.text()).toBe('No workspace was made. Run `kubelings init [DIR]` when you are ready.\n')
    expect(existsSync(join(dir, 'kubelings'))).toBe(false)
  })

  it('with --workspace naming a folder that is not one, says so and makes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-home-none-'))
    const t = scripted([true, 'quit'])
    await expect(home({ lang: 'en', workspace: 'missing' }, t.io, dir)).rejects.toThrow(`No kubelings workspace in ${join(dir, 'missing')} or any folder above it.`)
    expect(existsSync(join(dir, 'kubelings'))).toBe(false)
  })

  it('without a workspace and no terminal, says how to make one and exits 1 (as rustlings)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-home-none-'))
    const t = scripted([], false)
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      expect(await home({ lang: 'en' }, t.io, dir)).toBe(1)
      expect(stderr).toHaveBeenCalledWith(
        `There is no kubelings workspace in ${dir} or any folder above it. If you are just starting, run \`kubelings init\` to make one (in ./kubelings), then \`cd kubelings\` and run \`kubelings\` again.\n`,
      )
    } finally {
      stderr.mockRestore()
    }
  })
})
