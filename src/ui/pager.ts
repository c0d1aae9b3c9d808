// Long text in a terminal goes through a pager ($PAGER, else `less -R`), as git does; short text,
// piped output and a missing pager just print.
import { spawnSync } from 'node:child_process'

export interface PageTarget {
  isTTY?: boolean
  rows?: number
  write(text: string): unknown
}

/** Whether `text` needs a pager on `out`: a terminal, and taller than its screen. */
export function needsPager(text: string, out: PageTarget, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!out.isTTY || env.CI || !out.rows) return false
  if (env.PAGER === '' || env.PAGER === 'cat') return false
  return text.split('\n').length > out.rows - 1
}

export function page(text: string, out: PageTarget = process.stdout, env: NodeJS.ProcessEnv = process.env): void {
  if (needsPager(text, out, env)) {
    const pager = env.PAGER || 'less -R'
    // LESS=R keeps colours when $PAGER is plain `less`; a learner's own LESS wins.
    const r = spawnSync(pager, { shell: true, input: text, stdio: ['pipe', 'inherit', 'inherit'], env: { LESS: 'R', ...env } })
    if (!r.error && r.status !== 127) return
  }
  out.write(text)
}
