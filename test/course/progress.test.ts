// The progress file: atomic writes with a backup, a lock so that two processes never lose each
// other's update, and a damaged file moved aside (never deleted) with the learner told.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/course/errors.js'
import { isPassed, progressFile, readProgress, recordVerdict, updateProgress, type Progress } from '../../src/course/progress.js'
import type { Workspace } from '../../src/course/workspace.js'

function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'kl-progress-'))
  mkdirSync(join(root, '.kubelings'))
  return { root, stateDir: join(root, '.kubelings') }
}

const NOW = new Date('2026-11-25T08:00:00.000Z')
const saved = (ws: Workspace): Progress => JSON.parse(readFileSync(progressFile(ws), 'utf8')) as Progress

describe('the progress file', () => {
  it('starts empty, and an update is written with its schema version', () => {
    const ws = workspace()
    expect(readProgress(ws, 'en')).toEqual({ progress: { version: 1, exercises: {} }, notices: [] })
    updateProgress(ws, 'en', (p) => recordVerdict(p, 'first-pod', false, NOW))
    expect(saved(ws)).toEqual({ version: 1, exercises: { 'first-pod': { status: 'pending', attempts: 1, lastVerifiedAt: '2026-11-25T08:00:00.000Z', lastPassed: false } } })
  })

  it('keeps the previous version as a backup', () => {
    const ws = workspace()
    updateProgress(ws, 'en', (p) => (p.current = 'a'))
    updateProgress(ws, 'en', (p) => (p.current = 'b'))
    expect(JSON.parse(readFileSync(`${progressFile(ws)}.bak`, 'utf8')).current).toBe('a')
    expect(saved(ws).current).toBe('b')
  })

  it('keeps a pass for good: a later failure does not undo it', () => {
    const p: Progress = { version: 1, exercises: {} }
    recordVerdict(p, 'x', true, NOW)
    recordVerdict(p, 'x', false, new Date('2026-11-25T09:00:00.000Z'))
    expect(p.exercises.x).toEqual({ status: 'passed', attempts: 2, passedAt: '2026-11-25T08:00:00.000Z', lastVerifiedAt: '2026-11-25T09:00:00.000Z', lastPassed: false })
    expect(isPassed(p, 'x')).toBe(true)
    expect(isPassed(p, 'y')).toBe(false)
  })

  it('damaged, is moved aside to progress.json.corrupt-<time>, the backup restored, and the learner told', () => {
    const ws = workspace()
    updateProgress(ws, 'en', (p) => recordVerdict(p, 'first-pod', true, NOW))
    updateProgress(ws, 'en', (p) => recordVerdict(p, 'second', false, NOW))
    writeFileSync(progressFile(ws), '{"version": 1, "exercises": {"first-pod": {"sta')
    const read = readProgress(ws, 'en', NOW)
    const aside = join(ws.stateDir, 'progress.json.corrupt-2026-11-25T08-00-00-000Z')
    expect(read.notices).toEqual([
      `Your progress file ${progressFile(ws)} was damaged and could not be read; it was moved aside to ${aside} (nothing was deleted).`,
      `Your progress was restored from the backup ${progressFile(ws)}.bak.`,
    ])
    expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "exercises": {"first-pod": {"sta')
    expect(isPassed(read.progress, 'first-pod')).toBe(true)
    // The sound copy is back in place: the next read has nothing to report.
    expect(readProgress(ws, 'en').notices).toEqual([])
  })

  it('damaged with no sound backup, starts afresh and says so (in Chinese too)', () => {
    const ws = workspace()
    writeFileSync(progressFile(ws), '[]')
    const read = readProgress(ws, 'zh', NOW)
    expect(read.progress).toEqual({ version: 1, exercises: {} })
    expect(read.notices[1]).toBe('没有可用的备份，进度将重新开始；你的练习文件没有改动。')
    expect(readdirSync(ws.stateDir).filter((f) => f.startsWith('progress.json.corrupt-'))).toHaveLength(1)
  })

  it('never overwrites an earlier damaged copy', () => {
    const ws = workspace()
    writeFileSync(progressFile(ws), 'first damage')
    readProgress(ws, 'en', NOW)
    writeFileSync(progressFile(ws), 'second damage')
    readProgress(ws, 'en', NOW)
    const copies = readdirSync(ws.stateDir).filter((f) => f.startsWith('progress.json.corrupt-')).sort()
    expect(copies).toEqual(['progress.json.corrupt-2026-11-25T08-00-00-000Z', 'progress.json.corrupt-2026-11-25T08-00-00-000Z-1'])
    expect(copies.map((f) => readFileSync(join(ws.stateDir, f), 'utf8'))).toEqual(['first damage', 'second damage'])
  })

  it.each([
    ['an exercise with an unknown status', '{"version":1,"exercises":{"a":{"status":"done","attempts":1}}}'],
    ['exercises as a list', '{"version":1,"exercises":[]}'],
    ['a current that is not a name', '{"version":1,"current":7,"exercises":{}}'],
    ['no version', '{"exercises":{}}'],
  ])('with %s counts as damaged', (_, text) => {
    const ws = workspace()
    writeFileSync(progressFile(ws), text)
    expect(readProgress(ws, 'en', NOW).notices[0]).toMatch(/was damaged and could not be read/)
  })

  it('written by a newer kubelings, is left alone with a clear error', () => {
    const ws = workspace()
    writeFileSync(progressFile(ws), '{"version":2,"exercises":{}}')
    expect(() => readProgress(ws, 'en')).toThrow(UserError)
    expect(() => readProgress(ws, 'en')).toThrow(`Your progress file (${progressFile(ws)}) was written by a newer kubelings. Upgrade kubelings to go on; the file is left as it is.`)
    expect(readFileSync(progressFile(ws), 'utf8')).toBe('{"version":2,"exercises":{}}')
  })

  it('loses no update when two processes write it at once', async () => {
    const ws = workspace()
    const dist = pathToFileURL(resolve(__dirname, '../../dist/course/progress.js')).href
    expect(existsSync(new URL(dist))).toBe(true)
    // Each process records 25 attempts of its own exercise and 25 of a shared one.
    const script = `
      const { updateProgress, recordVerdict } = await import(${JSON.stringify(dist)})
      const ws = { root: ${JSON.stringify(ws.root)}, stateDir: ${JSON.stringify(ws.stateDir)} }
      for (let i = 0; i < 25; i++) updateProgress(ws, 'en', (p) => { recordVerdict(p, process.argv[1], false, new Date()); recordVerdict(p, 'shared', false, new Date()) })
    `
    const run = (name: string) =>
      new Promise<number | null>((done) => spawn(process.execPath, ['--input-type=module', '-e', script, name], { stdio: 'inherit' }).on('exit', done))
    expect(await Promise.all([run('one'), run('two')])).toEqual([0, 0])
    const p = saved(ws)
    expect([p.exercises.one.attempts, p.exercises.two.attempts, p.exercises.shared.attempts]).toEqual([25, 25, 50])
    expect(existsSync(`${progressFile(ws)}.lock`)).toBe(false)
  })
})
