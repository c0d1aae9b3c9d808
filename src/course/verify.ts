// Grading one exercise: build its starting cluster (lesson.yaml's `cluster`), apply the setup
// manifests and then the learner's files as `kubectl apply` would, let `runFor` of virtual time
// pass, and evaluate the checks. Deterministic: a fixed start time and the exercise's seed, so the
// same files always give the same verdict.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SimulatedCluster } from '../cluster/cluster.js'
import { kubectlApply } from '../grader/apply.js'
import { checkName, evaluateCheck, PodRecorder, simulatorView, SourceIndex, type CheckResult, type GradeContext, type Verdict } from '../grader/index.js'
import { shippedBootImages } from './boot-images.js'
import { allExercises, type Course, type Exercise } from './course.js'
import { t, type Lang } from './i18n.js'
import { isPassed, recordVerdict, updateProgress } from './progress.js'
import type { Session } from './session.js'

export type { CheckResult, Verdict }

/** Every grading run starts at the same virtual instant, so ages and timestamps repeat exactly. */
export const GRADING_START = Date.UTC(2026, 0, 1)

const COMPONENT_ALIASES: Record<string, string> = { scheduler: 'kube-scheduler', 'controller-manager': 'kube-controller-manager' }

/** Apply one file with kubectl; its failure becomes a failed check pointing into the file. */
function applyFile(sim: SimulatedCluster, file: string, text: string, sources: SourceIndex, lang: Lang): CheckResult | undefined {
  const out = kubectlApply(sim, file, text)
  if (out.exitCode === 0) return undefined
  const message = out.stderr.trim().replace(/^error: /, '')
  return { name: `kubectl apply -f ${file}`, kind: 'apply', passed: false, message: t(lang, 'grader.apply.failed', { error: message }), ...whereOfApplyError(file, message, sources) }
}

/** Where kubectl's complaint points: the YAML problem's line, or the invalid field of the named object. */
function whereOfApplyError(file: string, message: string, sources: SourceIndex): { where?: { file: string; line: number } } {
  const parse = sources.parseErrors.get(file)
  if (parse && /error parsing|error converting YAML/.test(message)) return { where: { file, line: parse.line } }
  const invalid = /The (\w+) "([^"]+)" is invalid: ([^:\s]+):/.exec(message)
  if (invalid) {
    const at = sources.locateField(invalid[1], invalid[2], undefined, invalid[3]) ?? sources.locate(invalid[1], invalid[2], undefined)
    if (at) return { where: at }
  }
  if (/error validating/.test(message)) return { where: { file, line: 1 } }
  return {}
}

function authoringResult(name: string, message: string): CheckResult {
  return { name, kind: 'apply', passed: false, authoringError: true, message }
}

/** Grade `exercise` with its files read through `read` (workspace-relative path → text, or undefined when missing). */
export function gradeExercise(course: Course, exercise: Exercise, read: (path: string) => string | undefined, lang: Lang): Verdict {
  const results: CheckResult[] = []
  const stopped = exercise.cluster.stopped.map((c) => COMPONENT_ALIASES[c] ?? c)
  const sim = SimulatedCluster.create({ seed: exercise.cluster.seed, workers: exercise.cluster.workers, startTime: GRADING_START, components: true, images: shippedBootImages() })
  for (const c of stopped) if (!sim.stop(c)) results.push(authoringResult('cluster.stopped', t(lang, 'grader.cluster.noComponent', { component: c, known: sim.componentNames().join(', ') })))
  const recorder = new PodRecorder(sim)
  const sources = new SourceIndex()

  for (const setup of exercise.cluster.setup) {
    let text: string
    try {
      text = readFileSync(join(course.root, ...setup.split('/')), 'utf8')
    } catch {
      results.push(authoringResult(`setup ${setup}`, t(lang, 'grader.setup.missing', { file: setup })))
      continue
    }
    const failed = applyFile(sim, setup, text, new SourceIndex(), lang)
    if (failed) results.push({ ...failed, authoringError: true, message: t(lang, 'grader.setup.failed', { file: setup, error: failed.message }) })
  }

  for (const file of exercise.files) {
    const text = read(file)
    if (text === undefined) {
      results.push({ name: file, kind: 'apply', passed: false, message: t(lang, 'grader.file.missing', { file }) })
      continue
    }
    sources.add(file, text)
    if (!exercise.apply.includes(file)) continue
    const failed = applyFile(sim, file, text, sources, lang)
    if (failed) results.push(failed)
  }

  sim.advance(exercise.runFor)
  const view = simulatorView(sim, recorder)
  const ctx: GradeContext = {
    view,
    lang,
    sources,
    files: exercise.files,
    read,
    sim,
    evaluate: (kind, args, other) => evaluateCheck(ctx, kind, args, other),
  }
  for (const spec of exercise.checks) {
    const outcome = evaluateCheck(ctx, spec.kind, spec.args)
    results.push({ name: checkName(spec, lang), kind: spec.kind, ...outcome })
  }
  recorder.stop()
  return { exercise: exercise.id, passed: results.every((r) => r.passed), checks: results }
}

/** Read a workspace file, or undefined when it is not there. */
export function workspaceReader(root: string): (path: string) => string | undefined {
  return (path) => {
    try {
      return readFileSync(join(root, ...path.split('/')), 'utf8')
    } catch {
      return undefined
    }
  }
}

/** Grade in a workspace and record the verdict in its progress (moving `current` on when it passes). */
export function verifyInWorkspace(session: Session, exercise: Exercise, now = new Date()): { verdict: Verdict; notices: string[]; next?: Exercise } {
  const verdict = gradeExercise(session.course, exercise, workspaceReader(session.ws.root), session.lang)
  let next: Exercise | undefined
  const { notices } = updateProgress(
    session.ws,
    session.lang,
    (p) => {
      recordVerdict(p, exercise.id, verdict.passed, now)
      if (!verdict.passed) return
      const all = allExercises(session.course)
      const after = all.slice(all.indexOf(exercise) + 1)
      next = [...after, ...all].find((e) => !isPassed(p, e.id))
      if (p.current === exercise.id || p.current === undefined || isPassed(p, p.current)) p.current = next?.id
    },
    now,
  )
  return { verdict, notices, next }
}
