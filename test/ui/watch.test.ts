// The watch loop in this process, with plain streams for a terminal's input and output, where a
// test needs to stand in for part of the machine: a file watcher that fails.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { allExercises } from '../../src/course/course.js'
import { openSession } from '../../src/course/session.js'
import { verifyInWorkspace } from '../../src/course/verify.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { renderVerdict } from '../../src/ui/verdict.js'
import { runWatch, type WatchIo } from '../../src/ui/watch.js'
import { watchFiles } from '../../src/ui/watch-files.js'
import { solve } from '../commands/watch-fixture.js'

const ROOT = resolve(__dirname, '../..')

function setUp() {
  const ws = initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-watch-loop-')), 'ws'), ROOT).workspace.root
  const session = openSession({ workspace: ws, lang: 'en' }, ws, {})
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  let text = ''
  const seen: (() => void)[] = []
  stdout.on('data', (d: Buffer) => {
    text += d.toString()
    for (const wake of seen) wake()
  })
  const waitFor = (wanted: string) =>
    new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`not seen: ${wanted}\n${text}`)), 10_000)
      const wake = () => text.includes(wanted) && (clearTimeout(timer), done())
      seen.push(wake)
      wake()
    })
  const grader = { verify: (e: Parameters<typeof verifyInWorkspace>[1]) => verifyInWorkspace(session, e), render: (v: Parameters<typeof renderVerdict>[0]) => renderVerdict(v, 'en') }
  return { ws, session, stdin, stdout, grader, waitFor, text: () => text }
}

describe('the watch loop', () => {
  it('falls back on polling when the file watcher fails, says why, and still notices a save', async () => {
    const { ws, session, stdin, stdout, grader, waitFor } = setUp()
    const first = allExercises(session.course)[0]
    let attempts = 0
    const failingFirst: typeof watchFiles = async (options) => {
      if (attempts++ === 0) {
        setImmediate(() => options.onError(new Error('ENOSPC: System limit for number of file watchers reached')))
        return { close: async () => undefined }
      }
      return watchFiles(options)
    }
    const io = { stdin, stdout, env: {}, watchFiles: failingFirst } as unknown as WatchIo
    const running = runWatch(session, { manual: false, poll: false }, grader, io)
    await waitFor('Watching your files failed (ENOSPC: System limit for number of file watchers reached); kubelings checks them by polling instead.')
    await waitFor(`Checking ${first.files.join(', ')} for saves every 300 ms (polling).`)
    solve(ws, first)
    await waitFor(`✓ ${first.id} passed!`)
    stdin.end('q\n')
    expect(await running).toBe(0)
    expect(attempts).toBe(2)
  })
})
