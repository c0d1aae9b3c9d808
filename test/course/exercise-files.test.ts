import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findExercise, loadCourse } from '../../src/course/course.js'
import { resetExercise, solutionFiles } from '../../src/course/exercise-files.js'
import { initWorkspace } from '../../src/course/workspace.js'

const ROOT = resolve(__dirname, '../fixtures/runner/course')
const { course } = loadCourse(ROOT, { strict: true })
const exercise = findExercise(course, 'first-pod')!
const NOW = new Date('2026-11-25T08:00:00.000Z')
const shipped = readFileSync(join(ROOT, 'exercises', '01-pods', 'pod.yaml'), 'utf8')

function workspace() {
  return initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-reset-')), 'w'), ROOT).workspace
}

describe('reset', () => {
  it('restores the shipped file and keeps the learner\'s version beside it', () => {
    const ws = workspace()
    const file = join(ws.root, 'exercises', '01-pods', 'pod.yaml')
    writeFileSync(file, 'my work\n')
    expect(resetExercise(course, ws, exercise, 'en', NOW)).toEqual([
      { file: 'exercises/01-pods/pod.yaml', restored: true, backup: 'exercises/01-pods/pod.yaml.bak-2026-11-25T08-00-00-000Z' },
    ])
    expect(readFileSync(file, 'utf8')).toBe(shipped)
    expect(readFileSync(`${file}.bak-2026-11-25T08-00-00-000Z`, 'utf8')).toBe('my work\n')
  })

  it('never overwrites an earlier backup', () => {
    const ws = workspace()
    const file = join(ws.root, 'exercises', '01-pods', 'pod.yaml')
    writeFileSync(file, 'first try\n')
    resetExercise(course, ws, exercise, 'en', NOW)
    writeFileSync(file, 'second try\n')
    expect(resetExercise(course, ws, exercise, 'en', NOW)[0].backup).toBe('exercises/01-pods/pod.yaml.bak-2026-11-25T08-00-00-000Z-1')
    const backups = readdirSync(join(ws.root, 'exercises', '01-pods')).filter((f) => f.includes('.bak-')).sort()
    expect(backups.map((f) => readFileSync(join(ws.root, 'exercises', '01-pods', f), 'utf8'))).toEqual(['first try\n', 'second try\n'])
  })

  it('leaves a file that is already as shipped, and brings back a deleted one', () => {
    const ws = workspace()
    expect(resetExercise(course, ws, exercise, 'en', NOW)).toEqual([{ file: 'exercises/01-pods/pod.yaml', restored: false }])
    rmSync(join(ws.root, 'exercises', '01-pods', 'pod.yaml'))
    expect(resetExercise(course, ws, exercise, 'en', NOW)).toEqual([{ file: 'exercises/01-pods/pod.yaml', restored: true }])
    expect(existsSync(join(ws.root, 'exercises', '01-pods', 'pod.yaml'))).toBe(true)
  })
})

describe('solutions', () => {
  it('are read from solutions/ at the same path', () => {
    expect(solutionFiles(course, exercise, 'en')).toEqual([
      { file: 'exercises/01-pods/pod.yaml', path: join(ROOT, 'solutions', '01-pods', 'pod.yaml'), text: readFileSync(join(ROOT, 'solutions', '01-pods', 'pod.yaml'), 'utf8') },
    ])
  })

  it('missing, are a broken course (exit 3)', () => {
    const broken = { ...course, root: mkdtempSync(join(tmpdir(), 'kl-nosol-')) }
    expect(() => solutionFiles(broken, exercise, 'en')).toThrow(expect.objectContaining({ exitCode: 3, message: expect.stringMatching(/^The course has no solution for exercises\/01-pods\/pod\.yaml \(expected .*\)\.$/) }))
  })
})
