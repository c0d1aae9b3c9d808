// The `verify` scenario of `npm run bench`: `kubelings verify` from process start to verdict
// (target: within 3× a bare `node -e 0`), and a re-grade inside one process as `watch` does it
// after a save (target: 100 ms). Graded on the grader's fixture course, so the figure does not move
// when the shipped lessons change.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Runs the scenario; returns its figures. `base` is the median of `node -e 0` in ms. */
export async function benchVerify({ root, bin, base, log = console.log, runs = 9 }) {
  const course = join(root, 'test', 'grader', 'fixtures', 'course')
  const ws = join(mkdtempSync(join(tmpdir(), 'kl-bench-verify-')), 'w')
  mkdirSync(join(ws, '.kubelings'), { recursive: true })
  cpSync(join(course, 'exercises'), join(ws, 'exercises'), { recursive: true })

  const times = []
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, [bin, 'verify', 'pod-completes', '--course', course], { cwd: ws, encoding: 'utf8' })
    const t = performance.now() - t0
    // An untouched exercise fails: exit 1 is the expected verdict, anything else is a failure of the bench.
    if (r.status !== 1) throw new Error(`kubelings verify exited ${r.status}: ${r.stderr}`)
    if (i >= 2) times.push(t)
  }
  const verifyMs = median(times)

  const { loadCourse, findExercise } = await import(join(root, 'dist', 'course', 'course.js'))
  const { gradeExercise, workspaceReader } = await import(join(root, 'dist', 'course', 'verify.js'))
  const loaded = loadCourse(course, { strict: true }).course
  const exercise = findExercise(loaded, 'pod-completes')
  const read = workspaceReader(ws)
  gradeExercise(loaded, exercise, read, 'en') // warm: watch has graded once before the save
  const regrades = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    gradeExercise(loaded, exercise, read, 'en')
    regrades.push(performance.now() - t0)
  }
  const regradeMs = median(regrades)

  const figures = { verifyMs, verifyTargetMs: 3 * base, regradeMs, regradeTargetMs: 100 }
  log('\nkubelings verify (the grader\'s fixture exercise, 6 checks):')
  log(`  process start to verdict            ${verifyMs.toFixed(0).padStart(6)} ms   (target ${(3 * base).toFixed(0)} ms: 3× node -e 0)`)
  log(`  re-grade in one process (watch)     ${regradeMs.toFixed(0).padStart(6)} ms   (target 100 ms)`)
  return figures
}
