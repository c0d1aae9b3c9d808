// Small exercises built in memory, graded as `kubelings verify` grades them.
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import type { CheckKind, CheckSpec, ClusterSetup, Course, Exercise } from '../../src/course/course.js'
import type { Lang } from '../../src/course/i18n.js'
import { gradeExercise } from '../../src/course/verify.js'
import type { Verdict } from '../../src/grader/types.js'

export const FIXTURE_COURSE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'course')

export interface Case {
  /** The learner's files by name (under exercises/01-test/); undefined: listed in lesson.yaml but missing. */
  files?: Record<string, string | undefined>
  checks: Record<string, unknown>[]
  mode?: 'manifest' | 'answer'
  cluster?: Partial<ClusterSetup>
  runFor?: number
  lang?: Lang
}

/** A check as lesson.yaml writes it: `{podStatus: {...}}`, optionally with `name`. */
function spec(check: Record<string, unknown>, line: number): CheckSpec {
  const { name, ...rest } = check
  const [kind, args] = Object.entries(rest)[0]
  return { kind: kind as CheckKind, args: args as Record<string, unknown>, line, ...(name ? { name: name as { en: string; zh: string } } : {}) }
}

export function exerciseOf(c: Case): { course: Course; exercise: Exercise } {
  const files = Object.keys(c.files ?? {}).map((f) => `exercises/01-test/${f}`)
  const exercise: Exercise = {
    id: 'test',
    lesson: 'test',
    title: { en: 'Test', zh: '测试' },
    mode: c.mode ?? 'manifest',
    files,
    apply: c.mode === 'answer' ? [] : files,
    cluster: { workers: 2, seed: 1, stopped: [], setup: [], options: {}, ...c.cluster },
    runFor: c.runFor ?? 60_000,
    hints: [],
    checks: c.checks.map((x, i) => spec(x, i + 1)),
    line: 1,
  }
  const course: Course = { root: FIXTURE_COURSE, lessons: [{ id: 'test', dir: '01-test', goal: 2, title: exercise.title, exercises: [exercise], text: { en: '', zh: '' }, file: 'lesson.yaml' }] }
  return { course, exercise }
}

export function grade(c: Case): Verdict {
  const { course, exercise } = exerciseOf(c)
  const table = new Map(Object.entries(c.files ?? {}).map(([k, v]) => [`exercises/01-test/${k}`, v]))
  return gradeExercise(course, exercise, (p) => table.get(p), c.lang ?? 'en')
}

/** The messages of a verdict, one per check, for exact assertions. */
export const messages = (v: Verdict): string[] => v.checks.map((c) => `${c.passed ? '✓' : '✗'} ${c.message}`)

export const POD = (name: string, body: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
${body}`

export const DEPLOYMENT = (name: string, replicas: number, container: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
${container}`

export const SERVICE = (name: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports:
    - port: 80
      targetPort: 80
`
