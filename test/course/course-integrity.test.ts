// The shipped course checks itself, as rustlings' `dev check` does: it loads without a problem, every
// exercise fails as shipped and passes with its solution, every exercise file says TODO, and every
// lesson's text exists and renders in both languages.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkCourse } from '../../src/course/author-check.js'
import { allExercises, loadCourse, shippedFile, solutionFile, type Course, type Exercise } from '../../src/course/course.js'
import { LANGS } from '../../src/course/course.js'
import type { Lang } from '../../src/course/i18n.js'
import { gradeExercise } from '../../src/course/verify.js'
import { PACKAGE_ROOT } from '../../src/course/workspace.js'
import { renderMarkdown } from '../../src/ui/markdown.js'

const { course, problems } = loadCourse(PACKAGE_ROOT)

const readFrom = (locate: (c: Course, path: string) => string) => (path: string) => {
  const file = locate(course, path)
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}
const grade = (e: Exercise, locate: (c: Course, path: string) => string, lang: Lang = 'en') => gradeExercise(course, e, readFrom(locate), lang)
const failed = (v: ReturnType<typeof grade>) => v.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}`)

describe('the shipped course', () => {
  it('loads without a problem', () => {
    expect(problems).toEqual([])
    expect(course.lessons.length).toBeGreaterThan(0)
  })

  it('passes `kubelings author check` with nothing to report', () => {
    expect(checkCourse(PACKAGE_ROOT, 'en').problems).toEqual([])
  })

  it('has both a manifest and an answer exercise', () => {
    expect(new Set(allExercises(course).map((e) => e.mode))).toEqual(new Set(['manifest', 'answer']))
  })
})

describe.each(allExercises(course).map((e) => ({ id: e.id, e })))('exercise $id', ({ e }) => {
  it('passes with its solution, every check', () => {
    const v = grade(e, solutionFile)
    expect(failed(v)).toEqual([])
    expect(v.passed).toBe(true)
  })

  it('fails as shipped, and no failure is an authoring error', () => {
    const v = grade(e, shippedFile)
    expect(v.passed).toBe(false)
    expect(v.checks.filter((c) => c.authoringError)).toEqual([])
  })

  it('gives the same verdict every time', () => {
    expect(grade(e, shippedFile)).toEqual(grade(e, shippedFile))
  })

  it('names every check in both languages', () => {
    for (const check of e.checks) for (const lang of LANGS) expect(check.name?.[lang]).toMatch(/\S/)
    expect(e.hints.length).toBeGreaterThan(0)
  })

  it('tells the learner what to change with a TODO in both languages', () => {
    for (const file of e.files) {
      const text = readFileSync(shippedFile(course, file), 'utf8')
      expect(text).toMatch(/TODO:/)
      expect(text).toMatch(/TODO：/)
    }
  })
})

describe.each(course.lessons.flatMap((l) => LANGS.map((lang) => ({ id: l.id, lang, lesson: l }))))('lesson $id in $lang', ({ lang, lesson }) => {
  it('has a text that renders with its heading, tables and code blocks', async () => {
    const markdown = readFileSync(lesson.text[lang], 'utf8')
    expect(markdown.trim()).not.toBe('')
    const out = await renderMarkdown(markdown, { width: 100, color: false })
    const heading = /^# (.+)$/m.exec(markdown)?.[1]
    expect(heading).toBeDefined()
    expect(out).toContain(heading)
    // Every table cell and every line of every code block reaches the screen.
    const shown = out.replace(/`/g, '')
    for (const row of markdown.split('\n').filter((l) => /^\| [^-]/.test(l))) for (const cell of row.split('|').slice(1, -1)) expect(shown).toContain(cell.trim().replace(/`/g, ''))
    for (const block of markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) for (const line of block[1].split('\n').filter((l) => l.trim())) expect(out).toContain(line.trimEnd())
    expect(out).not.toMatch(/\*\*|^#+ /m)
  })
})

describe('lesson pod-phases teaches what the simulation does', () => {
  const lesson = course.lessons.find((l) => l.id === 'pod-phases')
  const exercise = (id: string) => allExercises(course).find((e) => e.id === id) as Exercise

  it('exists with its three exercises, for learning goal 2', () => {
    expect(lesson?.goal).toBe(2)
    expect(lesson?.exercises.map((e) => [e.id, e.mode])).toEqual([
      ['pod-completes', 'manifest'],
      ['crash-loop', 'answer'],
      ['too-big', 'manifest'],
    ])
  })

  it('pod-completes as shipped crash-loops a container that exits 0, because restartPolicy is Always', () => {
    const v = grade(exercise('pod-completes'), shippedFile)
    // At 2 minutes the fourth restart has exited 0 and the kubelet has not looked again: its pass that saw it wrote the
    // terminated state (Completed); CrashLoopBackOff shows only from its next pass on (kubelet.go SyncPod).
    expect(v.checks[0].message).toMatch(/STATUS Completed, READY 0\/1, RESTARTS 4 \(\d\ds ago\)/)
    // The grader points into the learner's file (which line is the grader's choice).
    expect(v.checks[0].where?.file).toBe('exercises/01-pod-phases/hello.yaml')
  })

  it('crash-loop as shipped points at each unanswered line', () => {
    const v = grade(exercise('crash-loop'), shippedFile)
    expect(v.checks.map((c) => c.where?.line)).toEqual([27, 31, 35])
  })

  it('too-big as shipped explains the refusal with the scheduler\'s own message', () => {
    const v = grade(exercise('too-big'), shippedFile, 'zh')
    expect(v.checks[0].message).toContain('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.')
  })
})
