// Re-grade speed of `kubelings watch` (target: the verdict within 100 ms of the save being noticed).
// Two figures:
//  - noticed → verdict: in this process, the way watch does it (the course and modules loaded once):
//    from the debounced file event to the rendered verdict, median of several saves;
//  - save → verdict printed: a real `kubelings watch` in a pipe, from the rename that saves the file
//    to the new screen on its output (file-event latency and the 50 ms debounce included).
// Called from bench/run.mjs; also runs alone: `node bench/watch.mjs`.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const SAVES = 9

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** Save as editors do: a temporary file renamed over the real one. */
function save(path, text) {
  writeFileSync(`${path}.~tmp`, text)
  renameSync(`${path}.~tmp`, path)
}

function workspace(bin) {
  const ws = join(mkdtempSync(join(tmpdir(), 'kl-bench-watch-')), 'ws')
  const r = spawnSync(process.execPath, [bin, 'init', ws], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`kubelings init failed: ${r.stderr}`)
  return ws
}

async function inProcess(root, bin) {
  const ws = workspace(bin)
  const { openSession } = await import(join(root, 'dist/course/session.js'))
  const { allExercises, solutionFile } = await import(join(root, 'dist/course/course.js'))
  const { verifyInWorkspace } = await import(join(root, 'dist/course/verify.js'))
  const { renderVerdict } = await import(join(root, 'dist/ui/verdict.js'))
  const { watchFiles } = await import(join(root, 'dist/ui/watch-files.js'))
  const session = openSession({ workspace: ws }, ws)
  const exercise = allExercises(session.course)[0]
  const file = exercise.files[0]
  const texts = [readFileSync(solutionFile(session.course, file), 'utf8'), readFileSync(join(ws, file), 'utf8')]
  const regrade = () => renderVerdict(verifyInWorkspace(session, exercise).verdict, session.lang)
  regrade() // the first grade after start-up warms the simulator up; watch does it before any save
  const times = []
  let saved
  const watcher = await watchFiles({
    files: [join(ws, file)],
    polling: false,
    onSaved: () => {
      const t0 = performance.now()
      regrade()
      times.push(performance.now() - t0)
      saved?.()
    },
    onError: (e) => {
      throw e
    },
  })
  for (let i = 0; i < SAVES; i++) {
    const done = new Promise((resolve) => (saved = resolve))
    save(join(ws, file), texts[i % 2])
    await done
  }
  await watcher.close()
  return { exercise: exercise.id, ms: median(times), min: Math.min(...times), max: Math.max(...times) }
}

async function throughCli(root, bin) {
  const ws = workspace(bin)
  const { loadCourse, allExercises, solutionFile } = await import(join(root, 'dist/course/course.js'))
  const course = loadCourse(root, { strict: true }).course
  const exercise = allExercises(course)[0]
  const file = exercise.files[0]
  const texts = [readFileSync(solutionFile(course, file), 'utf8'), readFileSync(join(ws, file), 'utf8')]
  const child = spawn(process.execPath, [bin, 'watch'], { cwd: ws, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', NO_COLOR: '1' } })
  let out = ''
  let waiting
  child.stdout.on('data', (d) => {
    out += d
    waiting?.()
  })
  const screens = () => out.split('Type a key and Enter').length - 1
  const until = (test) => new Promise((resolve) => {
    waiting = () => test() && resolve()
    waiting()
  })
  await until(() => out.includes('for saves.'))
  const times = []
  for (let i = 0; i < SAVES; i++) {
    const before = screens()
    const t0 = performance.now()
    save(join(ws, file), texts[i % 2])
    await until(() => screens() > before)
    times.push(performance.now() - t0)
  }
  child.stdin.end('q\n')
  await new Promise((resolve) => child.on('close', resolve))
  return { ms: median(times), min: Math.min(...times), max: Math.max(...times) }
}

/** Run both and add them to `figures.watch`; `log` prints for people. */
export async function benchWatch({ root, bin, log, figures }) {
  const a = await inProcess(root, bin)
  const b = await throughCli(root, bin)
  figures.watch = { noticedToVerdict: { ...a, targetMs: 100 }, saveToScreen: b }
  log(`\nWatch re-grade (${a.exercise}, median of ${SAVES} saves):`)
  log(`  noticed → verdict (in process)        ${a.ms.toFixed(0).padStart(6)} ms   (${a.min.toFixed(0)}–${a.max.toFixed(0)})   target ≤ 100 ms ${a.ms <= 100 ? 'met' : 'NOT met'}`)
  log(`  save → verdict printed (watch, pipe)  ${b.ms.toFixed(0).padStart(6)} ms   (${b.min.toFixed(0)}–${b.max.toFixed(0)})   file event + 50 ms debounce included`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const figures = {}
  await benchWatch({ root, bin: join(root, 'bin', 'run.js'), log: console.log, figures })
}
