// `kubelings verify [EXERCISE] [--json]`: grade, print the verdict (or the JSON of it), record it in
// the progress, say what is next. Shared by the oclif command and bin/run.js's fast path (which
// skips loading oclif, so a verdict comes quickly).
import { findExercise } from '../course/course.js'
import { reportFailure } from '../course/failure.js'
import { t } from '../course/i18n.js'
import { readProgress } from '../course/progress.js'
import { openSession, pickExercise } from '../course/session.js'
import { sessionFlagAt, sessionLang, type SessionFlags } from '../course/settings.js'
import { verifyInWorkspace } from '../course/verify.js'
import { renderVerdict, verdictStyle } from './verdict.js'

export interface VerifyOptions extends SessionFlags {
  exercise?: string
  json?: boolean
}

export interface VerifyIO {
  out: (s: string) => void
  err: (s: string) => void
  color: boolean
}

const processIO = (): VerifyIO => ({ out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s), color: verdictStyle().color })

/** Run `verify`; returns the exit code (0 passed, 1 not, 2 unknown exercise, 3 broken course). */
export function runVerify(options: VerifyOptions, io: VerifyIO = processIO()): number {
  const flags: SessionFlags = { lang: options.lang, workspace: options.workspace, course: options.course }
  const lang = sessionLang(flags)
  try {
    const session = openSession(flags)
    const read = readProgress(session.ws, session.lang)
    for (const n of read.notices) io.err(`${n}\n`)
    const exercise = pickExercise(session, read.progress, options.exercise)
    if (!exercise) {
      if (options.json) io.out(`${JSON.stringify({ exercise: null, passed: true, checks: [], allPassed: true }, null, 2)}\n`)
      else io.out(`${t(session.lang, 'verify.allDone')}\n`)
      return 0
    }
    const { verdict, notices, next } = verifyInWorkspace(session, exercise)
    for (const n of notices) io.err(`${n}\n`)
    if (options.json) {
      io.out(`${JSON.stringify({ ...verdict, ...(verdict.passed ? { next: next?.id ?? null } : {}) }, null, 2)}\n`)
    } else {
      io.out(`${renderVerdict(verdict, session.lang, { color: io.color })}\n`)
      if (verdict.passed) {
        const nextExercise = next && findExercise(session.course, next.id)
        io.out(`${nextExercise ? t(session.lang, 'verify.next', { id: nextExercise.id, title: nextExercise.title[session.lang] }) : t(session.lang, 'verify.lastOne')}\n`)
      }
    }
    return verdict.passed ? 0 : 1
  } catch (e) {
    return reportFailure(e, lang)
  }
}

/**
 * bin/run.js's fast path: `verify` with only the flags it knows; undefined means "let oclif do it"
 * (help, an unknown flag), so every other form behaves as the oclif command does.
 */
export function verifyMain(argv: readonly string[]): number | undefined {
  const o: VerifyOptions = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const flag = sessionFlagAt(argv, i)
    if (flag === 'unparsed') return undefined
    if (flag) {
      o[flag.name] = flag.value
      i += flag.used - 1
    } else if (a === '--json') o.json = true
    else if (!a.startsWith('-') && o.exercise === undefined) o.exercise = a
    else return undefined
  }
  return runVerify(o)
}
