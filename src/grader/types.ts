// What a check gives back, and what a verdict is: shared by the grader, `kubelings verify`, watch
// and the menu.
import type { CheckKind } from '../course/course.js'

export interface CheckResult {
  name: string
  passed: boolean
  message: string
  /** The check's kind; `apply` for applying the learner's (or the setup's) files. */
  kind: CheckKind | 'apply'
  /** The check itself is wrong (or needs what this kubelings cannot simulate yet): never a pass. */
  authoringError?: boolean
  /** Where in the learner's files the problem is, when the grader can tell (workspace-relative). */
  where?: { file: string; line: number }
}

export interface Verdict {
  exercise: string
  passed: boolean
  checks: CheckResult[]
}

/** What one check's evaluation says, before the grader names it. */
export interface Outcome {
  passed: boolean
  message: string
  authoringError?: boolean
  where?: { file: string; line: number }
}

export const pass = (message: string): Outcome => ({ passed: true, message })
export const fail = (message: string, where?: { file: string; line: number }): Outcome => ({ passed: false, message, ...(where ? { where } : {}) })
export const authoring = (message: string): Outcome => ({ passed: false, message, authoringError: true })
