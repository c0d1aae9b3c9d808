// A reader that stops early (`kubelings | head -3`) closes the pipe while kubelings still writes: it
// stops quietly, with the exit code it had, and no EPIPE stack trace on stderr.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const bin = resolve(import.meta.dirname, '../../bin/run.js')
const env = { ...process.env, NO_COLOR: '1', CI: 'true' }

/** Run kubelings with its stdout closed before it writes a byte; its exit code and stderr. */
function withClosedStdout(cwd: string, argv: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => done({ code, stderr }))
  })
}

describe('kubelings writing into a closed pipe', () => {
  const root = mkdtempSync(join(tmpdir(), 'kl-pipe-'))
  expect(spawnSync(process.execPath, [bin, 'init'], { cwd: root, env, encoding: 'utf8' }).status).toBe(0)
  const ws = join(root, 'kubelings')

  it.each([[[]], [['list']], [['kubectl', 'get', 'pods', '-A']]])('%j stops quietly', async (argv) => {
    const r = await withClosedStdout(ws, argv)
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/)
    expect(r.code).toBe(0)
  })
})
