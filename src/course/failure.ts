// The one place where a failure becomes words on stderr and an exit code: a learner's mistake gets
// its sentence, a bug gets one line (and its stack only with DEBUG=kubelings).
import { Interrupted, UserError } from './errors.js'
import { t, type Lang } from './i18n.js'

export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.DEBUG ?? '').split(/[\s,]+/).some((d) => d === 'kubelings' || d === 'kubelings:*' || d === '*')
}

export function reportFailure(e: unknown, lang: Lang): number {
  if (e instanceof Interrupted) {
    process.stderr.write(`${e.message}\n`)
    return e.exitCode
  }
  if (e instanceof UserError) {
    process.stderr.write(`error: ${e.message}\n`)
    return e.exitCode
  }
  const message = e instanceof Error ? e.message : String(e)
  process.stderr.write(`${t(lang, 'internal', { message })}\n`)
  if (debugEnabled() && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`)
  return 70
}
