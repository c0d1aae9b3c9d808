// `kubelings watch` in a pseudo-terminal, as a learner uses it: the exercise on screen, a save
// verified again, a pass recorded and `n` to move on, a broken file that recovers, and the keys.
import { spawnSync } from 'node:child_process'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { flat, KEY } from '../helpers/pty.js'
import { BIN, course, ENV, exercises, killAll, newWorkspace, progressOf, saveByDeleteAndCreate, saveByRename, solutionOf, solve, watch } from './watch-fixture.js'

const [first, second] = exercises
const firstFile = first.files[0]
const watching = `Watching ${first.files.join(', ')} for saves.`

beforeAll(() => {
  // The shipped course must offer what these tests walk through.
  expect(exercises.length).toBeGreaterThanOrEqual(2)
  expect(first.hints.length).toBeGreaterThanOrEqual(2)
})
afterEach(killAll)

describe('kubelings watch in a terminal', () => {
  it('names the current exercise, its file and its verdict; q quits with exit 0', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    const screen = term.screen()
    expect(screen).toContain(`kubelings watch · exercise ${first.id} (1/${exercises.length}): ${first.title.en}`)
    expect(screen).toContain(`Edit: ${firstFile}`)
    expect(screen).toContain(`✗ ${first.checks.length === 0 ? '' : (first.checks[0].name?.en ?? '')}`)
    expect(screen).toContain(`Exercise ${first.id} is not done yet`)
    expect(screen).toMatch(new RegExp(`^Progress: \\[-+\\]  0/${exercises.length} exercises$`, 'm'))
    expect(screen).toContain('h hint · l list · n next · r re-run · q quit')
    term.press('q')
    expect(await term.exit()).toEqual({ code: 0, signal: null })
    expect(term.output()).toContain('Bye! Your progress is saved; run `kubelings watch` to carry on.')
    expect(progressOf(ws).exercises[first.id]).toMatchObject({ status: 'pending', attempts: 1 })
  })

  it('a save of the solution turns the verdict to passed, records it, and n moves on to the next exercise', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    let mark = term.mark()
    solve(ws, first) // written to a temporary file and renamed over, as editors do
    await term.waitFor(`✓ ${first.id} passed! Keep editing to experiment, or press n to move on to the next exercise (${second.id}).`, { after: mark, flat: true })
    expect(term.screen()).toMatch(new RegExp(`^Progress: \\[#*>-+\\]  1/${exercises.length} exercises$`, 'm'))
    expect(progressOf(ws).exercises[first.id].status).toBe('passed')
    expect(progressOf(ws).current).toBe(second.id)

    mark = term.mark()
    term.press('n')
    await term.waitFor(`Watching ${second.files.join(', ')} for saves.`, { after: mark })
    expect(term.screen()).toContain(`kubelings watch · exercise ${second.id} (2/${exercises.length}): ${second.title.en}`)
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('a file that does not parse shows as a failed verdict pointing at it, and the next save recovers', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    let mark = term.mark()
    saveByDeleteAndCreate(ws, firstFile, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [hello\n')
    await term.waitFor(`at ${firstFile}:`, { after: mark })
    expect(term.output(mark)).toContain(`✗ kubectl apply -f ${firstFile}`)
    expect(term.output(mark)).not.toMatch(/^\s+at .*\.js:\d+/m) // no stack trace
    mark = term.mark()
    saveByRename(ws, firstFile, solutionOf(firstFile))
    await term.waitFor(`✓ ${first.id} passed!`, { after: mark })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('a kubelings verify run meanwhile in another process loses nothing, and watch keeps both', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    solve(ws, second)
    const other = spawnSync(process.execPath, [BIN, 'verify', second.id, '--json'], { cwd: ws, encoding: 'utf8', env: { ...process.env, ...ENV } })
    expect(JSON.parse(other.stdout)).toMatchObject({ exercise: second.id, passed: true })
    const mark = term.mark()
    solve(ws, first)
    await term.waitFor(`✓ ${first.id} passed!`, { after: mark })
    const p = progressOf(ws)
    expect(p.exercises[first.id]).toMatchObject({ status: 'passed', attempts: 2 })
    expect(p.exercises[second.id]).toMatchObject({ status: 'passed', attempts: 1 })
    expect(term.screen()).toMatch(new RegExp(`^Progress: \\[#+>-+\\]  2/${exercises.length} exercises$`, 'm'))
    // Both passed: n goes on to the first exercise neither process has passed.
    const third = exercises.find((e) => e !== first && e !== second)
    if (third) expect(flat(term.screen())).toContain(flat(`press n to move on to the next exercise (${third.id}).`))
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('h shows the hints one at a time, then says there are no more', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    const total = first.hints.length
    term.press('h')
    await term.waitFor(`Hint 1/${total}: ${first.hints[0].en}`, { flat: true })
    expect(term.screen()).not.toContain(`Hint 2/${total}`)
    for (let i = 1; i < total; i++) term.press('h')
    await term.waitFor(`Hint ${total}/${total}: ${first.hints[total - 1].en}`, { flat: true })
    term.press('h')
    await term.waitFor(`That was the last hint. Still stuck? \`kubelings solution ${first.id}\` shows the reference solution.`, { flat: true })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('h counts hints with kubelings hint: one seen there, h shows it and the next', async () => {
    const ws = newWorkspace()
    const hint = spawnSync(process.execPath, [BIN, 'hint'], { cwd: ws, encoding: 'utf8', env: { ...process.env, ...ENV } })
    expect(hint.status).toBe(0)
    const term = watch(ws)
    await term.waitFor(watching)
    term.press('h')
    await term.waitFor(`Hint 2/${first.hints.length}: ${first.hints[1].en}`, { flat: true })
    expect(flat(term.screen())).toContain(flat(`Hint 1/${first.hints.length}: ${first.hints[0].en}`))
    expect(progressOf(ws).exercises[first.id]).toMatchObject({ hintsShown: 2 })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('r verifies again (one more attempt recorded); l lists every exercise', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    expect(progressOf(ws).exercises[first.id].attempts).toBe(1)
    let mark = term.mark()
    term.press('r')
    await term.waitFor(watching, { after: mark }) // r redraws once the new verdict is in
    expect(progressOf(ws).exercises[first.id].attempts).toBe(2)
    mark = term.mark()
    term.press('l')
    await term.waitFor('Exercises (✓ passed, ▸ shown here):', { after: mark })
    for (const e of exercises) expect(term.screen()).toContain(`${e.id === first.id ? '▸' : '·'} ${e.id}  ${e.title.en}`)
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('n before a pass skips to the next exercise and saves it as the current one', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    const mark = term.mark()
    term.press('n')
    await term.waitFor(`Watching ${second.files.join(', ')} for saves.`, { after: mark })
    expect(flat(term.screen())).toContain(flat(`Skipped to ${second.id}. ${first.id} stays as it is`))
    expect(term.screen()).toContain(`exercise ${second.id} (2/${exercises.length})`)
    expect(progressOf(ws).current).toBe(second.id)
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('Ctrl-C leaves cleanly with exit 130, progress saved, the cursor shown again', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    term.press(KEY.ctrlC)
    expect((await term.exit()).code).toBe(130)
    expect(term.output()).toContain('Interrupted. Your progress is saved.')
    expect(term.raw().lastIndexOf('\x1b[?25h')).toBeGreaterThan(term.raw().lastIndexOf('\x1b[?25l'))
    expect(progressOf(ws).exercises[first.id].attempts).toBe(1)
  })

  it('in a small terminal (80×24) the exercise stays named at the top and the keys at the bottom', async () => {
    const ws = newWorkspace()
    const term = watch(ws, [], { columns: 80, rows: 24 })
    await term.waitFor(watching)
    term.press('h')
    await term.waitFor('Hint 1/')
    const rows = term.screen().split('\n')
    expect(rows[0]).toMatch(new RegExp(`^kubelings watch · exercise ${first.id} \\(1/${exercises.length}\\):`))
    expect(rows.at(-1)).toBe('h hint · l list · n next · r re-run · q quit')
    expect(rows.length).toBeLessThanOrEqual(23)
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('redraws for a new window size (the progress bar fits the new width)', async () => {
    const ws = newWorkspace()
    const term = watch(ws, [], { columns: 120, rows: 40 })
    await term.waitFor(watching)
    expect(term.screen()).toContain(`Progress: [${'-'.repeat(58)}]  0/${exercises.length} exercises`)
    const mark = term.mark()
    term.resize(70, 30)
    await term.waitFor(`Progress: [${'-'.repeat(38)}]  0/${exercises.length} exercises`, { after: mark })
    expect(term.screen().split('\n')[0]).toMatch(new RegExp(`^kubelings watch · exercise ${first.id} \\(1/${exercises.length}\\):`))
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })

  it('speaks Chinese with --lang zh', async () => {
    const ws = newWorkspace()
    const term = watch(ws, ['--lang', 'zh'])
    await term.waitFor(`正在监视 ${first.files.join(', ')}，保存即验证。`)
    expect(term.screen()).toContain(`kubelings watch · 练习 ${first.id}（1/${exercises.length}）：${first.title.zh}`)
    expect(term.screen()).toContain('h 提示 · l 列表 · n 下一个 · r 重新验证 · q 退出')
    term.press('h')
    await term.waitFor(`提示 1/${first.hints.length}：${first.hints[0].zh}`, { flat: true })
    term.press('q')
    expect((await term.exit()).code).toBe(0)
    expect(term.output()).toContain('再见！你的进度已保存；运行 `kubelings watch` 继续。')
  })

  it('uses the whole course it was given: every lesson title shows in the list', async () => {
    const ws = newWorkspace()
    const term = watch(ws)
    await term.waitFor(watching)
    term.press('l')
    for (const lesson of course.lessons) await term.waitFor(`${lesson.title.en} (${lesson.id})`)
    term.press('q')
    expect((await term.exit()).code).toBe(0)
  })
})
