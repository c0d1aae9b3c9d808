// `kubelings watch` where saves are not noticed by file events: --manual (Enter verifies), --poll,
// and a file system whose events never arrive (the probe notices and polling takes over); and
// watch without a terminal, where keys come as lines and the end of input ends it.
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { flat, KEY } from '../helpers/pty.js'
import { BIN, ENV, exercises, killAll, newWorkspace, progressOf, solve, watch, watchPiped } from './watch-fixture.js'

const [first, second] = exercises
const files = first.files.join(', ')
afterEach(killAll)

describe('kubelings watch --manual', () => {
  it('does not verify on save, only when Enter is pressed', async () => {
    const ws = newWorkspace()
    const term = watch(ws, ['--manual'])
    await term.waitFor('Manual mode: press Enter to verify after you save.')
    expect(term.screen()).toContain('Enter or r verify · h hint · l list · n next · q quit')
    expect(progressOf(ws).exercises[first.id].attempts).toBe(1)
    solve(ws, first)
    // A watcher would have verified within a few hundred ms; manual mode must not have.
    await new Promise((r) => setTimeout(r, 600))
    expect(term.screen()).not.toContain(`${first.id} passed!`)
    expect(progressOf(ws).exercises[first.id].attempts).toBe(1)
    const mark = term.mark()
    term.press(KEY.enter)
    await term.waitFor(`✓ ${first.id} passed!`, { after: mark })
    expect(progressOf(ws).exercises[first.id]).toMatchObject({ status: 'passed', attempts: 2 })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('refuses --manual with --poll in one sentence, exit 2', async () => {
    const ws = newWorkspace()
    const r = watchPiped(ws, '', ['--manual', '--poll'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('error: --manual and --poll do not go together: --manual verifies only when you press Enter, --poll keeps checking your files.\n')
  })
})

describe('kubelings watch --poll', () => {
  it('polls the files and verifies a save', async () => {
    const ws = newWorkspace()
    const term = watch(ws, ['--poll'])
    await term.waitFor(`Checking ${files} for saves every 300 ms (polling).`)
    const mark = term.mark()
    solve(ws, first)
    await term.waitFor(`✓ ${first.id} passed!`, { after: mark })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })
})

describe('kubelings watch where file events never arrive', () => {
  // KUBELINGS_WATCH_SILENT makes the event watcher drop every event, as such file systems do: the
  // probe has to notice, and polling has to find the save, or this test fails.
  it('notices, says so, polls instead, and still verifies a save', async () => {
    const ws = newWorkspace()
    const term = watch(ws, [], { env: { KUBELINGS_WATCH_SILENT: '1' } })
    await term.waitFor(`Checking ${files} for saves every 300 ms (polling).`)
    const said = flat(term.output()) // wrapped to the window: compare without whitespace
    expect(said).toContain(flat(`File events did not arrive here (a network file system, a container mount?): a test save in ${ws}/.kubelings went unnoticed for`))
    expect(said).toMatch(/wentunnoticedfor\d+ms\.kubelingschecksyourfilesbypollinginstead/)
    const mark = term.mark()
    solve(ws, first)
    await term.waitFor(`✓ ${first.id} passed!`, { after: mark })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('says it in Chinese too', async () => {
    const ws = newWorkspace()
    const term = watch(ws, ['--lang', 'zh'], { env: { KUBELINGS_WATCH_SILENT: '1' } })
    await term.waitFor(`每 300 毫秒轮询一次 ${files}，检查是否已保存。`)
    expect(flat(term.output())).toContain('这里收不到文件事件（网络文件系统或容器挂载？）')
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('without the simulation, events arrive and no fallback is announced', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(`Watching ${files} for saves.`)
    expect(term.output()).not.toContain('File events did not arrive')
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })
})

describe('kubelings watch without a terminal', () => {
  it('verifies once and ends with exit 0 when its input ends', () => {
    const ws = newWorkspace()
    const r = watchPiped(ws, '')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(`kubelings watch · exercise ${first.id} (1/${exercises.length}): ${first.title.en}`)
    expect(r.stdout).toContain(`Exercise ${first.id} is not done yet`)
    expect(r.stdout).toContain('Type a key and Enter: h hint · l list · n next · r (or an empty line) re-run · q quit')
    expect(r.stdout).not.toContain('\x1b[') // no screen clearing, no colour in a pipe
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Bye! Your progress is saved; run `kubelings watch` to carry on.')
  })

  it('reads keys as lines: h, then n, then q', () => {
    const ws = newWorkspace()
    const r = watchPiped(ws, 'h\nn\nq\n')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`Hint 1/${first.hints.length}: ${first.hints[0].en}`)
    expect(r.stdout).toContain(`Skipped to ${second.id}.`)
    expect(progressOf(ws).current).toBe(second.id)
  })

  it('a solved exercise passes at start, and the pass is recorded', () => {
    const ws = newWorkspace()
    solve(ws, first)
    const r = watchPiped(ws, '')
    expect(r.stdout).toContain(`✓ ${first.id} passed! Keep editing to experiment, or press n to move on to the next exercise (${second.id}).`)
    expect(progressOf(ws).exercises[first.id].status).toBe('passed')
  })

  it('walks the whole course when every file is solved: n after each pass, and the last pass says so', () => {
    const ws = newWorkspace()
    for (const e of exercises) solve(ws, e)
    const r = watchPiped(ws, 'n\n'.repeat(exercises.length - 1))
    expect(r.code).toBe(0)
    for (const [i, e] of exercises.entries()) expect(r.stdout).toContain(`kubelings watch · exercise ${e.id} (${i + 1}/${exercises.length})`)
    expect(r.stdout).toContain(`✓ ${exercises.at(-1)!.id} passed, and so has every other exercise. Well done! Press q to quit.`)
    expect(Object.values(progressOf(ws).exercises).map((e) => e.status)).toEqual(exercises.map(() => 'passed'))
  })

  it('SIGINT (Ctrl-C from a shell) leaves cleanly with exit 130', async () => {
    const ws = newWorkspace()
    const child = spawn(process.execPath, [BIN, 'watch'], { cwd: ws, env: { ...process.env, ...ENV } })
    let out = ''
    const shown = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => ((out += d), out.includes('for saves.') && resolve())))
    await shown
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await closed).toBe(130)
    expect(out.trimEnd().split('\n').at(-1)).toBe('Interrupted. Your progress is saved.')
  })

  it('outside a workspace, says so in one sentence', () => {
    const r = watchPiped(newWorkspace() + '/..', '', [], {})
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/^error: No kubelings workspace in .*\n$/)
    expect(r.stderr.split('\n')).toHaveLength(2) // one sentence, no stack trace
  })
})
