// `kubelings` with no command in a pseudo-terminal, as a learner meets it: the welcome screen, the
// menu driven by keys, a language switch, Quit (exit 0), Ctrl-C (exit 130), and the offer to make a
// workspace. The menu's choices, top to bottom: lesson, verify, watch, hint, solution, list,
// language, quit.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { updateSettings } from '../../src/course/settings.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { KEY, spawnKubelings, type Pty } from '../helpers/pty.js'

const COURSE = resolve(__dirname, '../fixtures/runner/course')
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, KUBELINGS_LANG: undefined, KUBELINGS_WORKSPACE: undefined, NO_COLOR: '1', CI: undefined, npm_command: undefined, PAGER: 'cat' }
const down = (n: number) => Array<string>(n).fill(KEY.down)

function workspace(): string {
  const { workspace: ws } = initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-menu-')), 'w'), COURSE)
  updateSettings(ws, { course: COURSE })
  return ws.root
}

let term: Pty | undefined
afterEach(() => term?.kill())

/** Wait for text after `mark` (the whole output by default), patient with a busy machine. */
const until = (t: Pty, pattern: string | RegExp, after = 0) => t.waitFor(pattern, { after, timeout: 30_000 })

function start(cwd: string, argv: string[] = []): Pty {
  term = spawnKubelings(argv, { cwd, columns: 80, rows: 40, env: ENV })
  return term
}

describe('the menu in a terminal', () => {
  it('shows the welcome screen, gives a hint, and quits with exit 0', async () => {
    const t = start(workspace())
    await until(t, 'What next?')
    const screen = t.screen()
    expect(screen).toContain('kubelings: learn Kubernetes in your terminal')
    expect(screen).toContain('Progress: [------------------------------------------------]  0/3 exercises')
    expect(screen).toContain('Next: first-pod (Your first pod), lesson pods')
    expect(screen).toContain('❯ Read the lesson (pods)')
    const mark = t.mark()
    t.press(...down(3), KEY.enter)
    await until(t, /Hint 1 of 2 for first-pod:[\s\S]*What next\?/, mark)
    t.press(...down(7), KEY.enter)
    await until(t, 'Bye! Your progress is saved')
    expect(await t.exit()).toEqual({ code: 0, signal: null })
  })

  it('switches to Chinese, saves it, and the next start speaks Chinese', async () => {
    const ws = workspace()
    const t = start(ws)
    await until(t, 'What next?')
    const mark = t.mark()
    t.press(...down(6), KEY.enter)
    await until(t, '接下来做什么？', mark)
    expect(t.output()).toContain('从现在起，kubelings 在这里使用简体中文')
    expect(t.screen()).toContain('进度：[------------------------------------------------]  0/3 个练习')
    t.press(...down(7), KEY.enter)
    await until(t, '再见！')
    expect((await t.exit()).code).toBe(0)
    const again = start(ws)
    await until(again, '接下来做什么？')
    again.press(KEY.ctrlC)
    await until(again, '已中断。你的进度已保存。')
    expect((await again.exit()).code).toBe(130)
  })

  it('reads the lesson, then is back at the menu', async () => {
    const t = start(workspace())
    await until(t, 'What next?')
    const mark = t.mark()
    t.press(KEY.enter)
    await until(t, /What a pod goes through[\s\S]*What next\?/, mark)
    expect(t.output()).toContain('│ ContainerCreating │ the kubelet is pulling the image │')
    t.press(KEY.ctrlC)
    expect((await t.exit()).code).toBe(130)
  })

  it('starts watch on the current exercise, and is back at the menu when watch quits', async () => {
    const t = start(workspace())
    await until(t, 'What next?')
    const before = t.mark()
    t.press(...down(2), KEY.enter)
    await until(t, /kubelings watch · exercise first-pod[\s\S]*q quit/, before)
    const mark = t.mark()
    t.press('q')
    await until(t, 'What next?', mark)
    t.press(...down(7), KEY.enter)
    expect((await t.exit()).code).toBe(0)
  })

  it('pages a lesson taller than the screen through $PAGER', async () => {
    term = spawnKubelings(['lesson'], { cwd: workspace(), columns: 80, rows: 10, env: { ...ENV, PAGER: "sed 's/^/paged: /'" } })
    await until(term, 'paged: A pod is the smallest thing Kubernetes runs')
    expect((await term.exit()).code).toBe(0)
    expect(term.output().startsWith('paged: Pods\npaged: ====\n')).toBe(true)
  })

  it('solution asks first in a terminal; Ctrl-C there leaves cleanly with exit 130', async () => {
    const ws = workspace()
    const t = start(ws, ['solution'])
    await until(t, 'You have not passed first-pod yet. Show its solution anyway?')
    t.press('n', KEY.enter)
    await until(t, 'The solution stays hidden.')
    expect((await t.exit()).code).toBe(0)
    const again = start(ws, ['solution'])
    await until(again, 'Show its solution anyway?')
    again.press(KEY.ctrlC)
    await until(again, 'Interrupted. Your progress is saved.')
    expect((await again.exit()).code).toBe(130)
    expect(again.output()).not.toMatch(/internal error|^\s+at |error: Interrupted/m)
  })

  it('leaves on Ctrl-C with exit 130 and no stack trace', async () => {
    const t = start(workspace())
    await until(t, 'What next?')
    t.press(KEY.ctrlC)
    await until(t, 'Interrupted. Your progress is saved.')
    expect(await t.exit()).toEqual({ code: 130, signal: null })
    expect(t.output()).not.toMatch(/^\s+at /m)
  })

  it('without a workspace, offers to make ./kubelings and then shows the menu', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-menu-none-'))
    const t = start(dir, ['--course', COURSE])
    await until(t, 'There is no kubelings workspace here. Make one in')
    t.press('y', KEY.enter)
    await until(t, 'What next?')
    expect(t.output()).toContain(`Created a kubelings workspace in ${join(dir, 'kubelings')}.`)
    expect(existsSync(join(dir, 'kubelings', 'exercises', '01-pods', 'pod.yaml'))).toBe(true)
    t.press(...down(7), KEY.enter)
    expect((await t.exit()).code).toBe(0)
  })
})
