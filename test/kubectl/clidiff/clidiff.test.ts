// kubectl's client-side words, checked against the real kubectl 1.32 binary: usage errors, flag
// parsing, argument checks, the generators' objects (--dry-run=client) and kubectl config, compared
// whole (stdout, stderr, exit code, the kubeconfig left behind). Help texts are compared line by line:
// ours may leave out lines (flags and examples the playground does not model), never change or add one.
// Skipped, saying why, where no kubectl v1.32.x is on PATH; what it found is pinned by plain unit
// tests next to each command's own tests. CLIDIFF_REPORT=FILE writes every difference to FILE.
import { writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { reachedServer, realKubectl, realOutcomes, runOurs, type Case, type Outcome } from './harness.js'
import { KNOWN } from './known.js'
import { helpCases, matrix } from './matrix.js'

const real = realKubectl()
const CASES = matrix()
const HELP = helpCases()
const results = new Map<Case, Outcome>()

/**
 * The lines of `real` that `ours` leaves out, or undefined when ours has a line real has not (in that
 * order). A paragraph saying what the playground does differently (it names the kubelings playground)
 * is ours to add.
 */
export function droppedLines(ours: string, theirs: string): string[] | undefined {
  const mine = ours
    .replace(/^.*kubelings playground.*\n\n?/gm, '')
    .split('\n')
    .map((l) => l.trimEnd())
  const full = theirs.split('\n').map((l) => l.trimEnd())
  const dropped: string[] = []
  let j = 0
  for (const line of mine) {
    while (j < full.length && full[j] !== line) dropped.push(full[j++])
    if (j === full.length) return undefined
    j++
  }
  return [...dropped, ...full.slice(j)]
}

const sortedLines = (text: string): string => text.split('\n').sort().join('\n')
const key = (c: Case): string => c.argv.join(' ')

describe.skipIf(!real.ok)(`kubectl against the real kubectl 1.32${real.ok ? '' : ` (skipped: ${real.reason})`}`, () => {
  beforeAll(async () => {
    const all = [...CASES, ...HELP]
    const outs = await realOutcomes(real.ok ? real.version : '', all)
    all.forEach((c, i) => results.set(c, outs[i]))
    const report = process.env.CLIDIFF_REPORT
    if (report) writeFileSync(report, reportOf(all))
  }, 120_000)

  describe('client-side answers', () => {
    for (const c of CASES) {
      const known = KNOWN[key(c)]
      const test = known ? it.fails : it
      test(`kubectl ${key(c)}${known ? ` (known difference: ${known})` : ''}`, (ctx) => {
        const theirs = results.get(c)!
        if (reachedServer(theirs)) return ctx.skip()
        const ours = runOurs(c)
        if (c.deliberate) {
          expect(ours.exitCode).not.toBe(0)
          expect(ours.stderr).toMatch(/kubelings playground|not available in this playground/)
          return
        }
        if (c.unordered) expect({ ...ours, stdout: sortedLines(ours.stdout) }).toEqual({ ...theirs, stdout: sortedLines(theirs.stdout) })
        else expect(ours).toEqual(theirs)
      })
    }
  })

  describe('help texts leave out lines, never change them', () => {
    for (const c of HELP) {
      const known = KNOWN[key(c)]
      const test = known ? it.fails : it
      test(`kubectl ${key(c)}${known ? ` (known difference: ${known})` : ''}`, () => {
        const theirs = results.get(c)!
        const ours = runOurs(c)
        expect(ours.exitCode).toBe(theirs.exitCode)
        expect(droppedLines(ours.stdout, theirs.stdout), `ours:\n${ours.stdout}`).toBeDefined()
      })
    }
  })
})

function reportOf(all: readonly Case[]): string {
  let s = ''
  for (const c of all) {
    const theirs = results.get(c)!
    if (reachedServer(theirs)) {
      s += `### SERVER kubectl ${key(c)}\n`
      continue
    }
    const ours = runOurs(c)
    if (c.argv.at(-1) === '-h') {
      const dropped = droppedLines(ours.stdout, theirs.stdout)
      s += dropped ? `### HELP-OK kubectl ${key(c)} drops ${dropped.filter((l) => l.trim()).length} lines\n` : `### HELP-DIFF kubectl ${key(c)}\n--- real\n${theirs.stdout}--- ours\n${ours.stdout}`
      continue
    }
    if (JSON.stringify(ours) === JSON.stringify(theirs)) {
      s += `### SAME kubectl ${key(c)}\n`
      continue
    }
    s += `### DIFF kubectl ${key(c)}${c.deliberate ? ` (deliberate: ${c.deliberate})` : ''}\n`
    for (const f of ['exitCode', 'stdout', 'stderr', 'kubeconfig'] as const) {
      if (ours[f] !== theirs[f]) s += `--- real ${f}\n${theirs[f]}\n--- ours ${f}\n${ours[f]}\n`
    }
  }
  return s
}
