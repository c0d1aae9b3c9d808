// bin/run.js's fast path for `kubelings cluster advance|status`: what it runs itself (the same lines
// as the oclif commands), and what it leaves to oclif (--json, --help, bad flags, other subcommands).
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { Playground } from '../../src/course/playground.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { advancePlayground, clusterMain, playgroundStatus } from '../../src/ui/cluster-main.js'

const bin = resolve(import.meta.dirname, '../../bin/run.js')
const START = Date.parse('2026-03-01T09:00:00Z')

let ws: string
beforeAll(() => {
  const { workspace } = initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-cluster-main-')), 'w'))
  Playground.reset(workspace, { manualClock: true, seed: 7, startTime: START }).playground.save()
  ws = workspace.root
})

const run = (...argv: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', LANG: 'C.UTF-8', LC_ALL: '', KUBELINGS_LANG: '', KUBELINGS_WORKSPACE: '' } })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

describe('clusterMain leaves to oclif', () => {
  test.each([
    [['advance', '5s', '--json']],
    [['status', '--json']],
    [['advance', '--help']],
    [['status', '-h']],
    [['advance']],
    [['advance', '5s', '10s']],
    [['status', 'extra']],
    [['advance', '5s', '--lang', 'fr']],
    [['advance', '5s', '--workspace']],
    [['advance', '-5s']],
    [['trace', '--for', 'pod/x']],
    [['reset']],
    [[]],
  ])('%j', (argv) => {
    expect(clusterMain(argv)).toBeUndefined()
  })
})

describe('the fast path answers as the oclif command', () => {
  test('advance: the line, the saved clock; --json (oclif) the same time', () => {
    expect(run('cluster', 'advance', '30s')).toEqual({ stdout: 'Advanced the cluster clock by 30s to 2026-03-01T09:00:30Z.\n', stderr: '', code: 0 })
    expect(JSON.parse(run('cluster', 'advance', '1m', '--json').stdout)).toEqual({ advancedMs: 60_000, time: '2026-03-01T09:01:30Z', manualClock: true })
    expect(run('cluster', 'advance', '1s', '--lang=zh').stdout).toBe('集群时钟已推进 1s，现在是 2026-03-01T09:01:31Z。\n')
  })

  test('status prints what the oclif command prints', () => {
    const fast = run('cluster', 'status')
    expect(fast.code).toBe(0)
    expect(fast.stdout).toBe(`${playgroundStatus({ workspace: ws }).lines[0]}\n`)
    expect(fast.stdout).toContain('Cluster time: 2026-03-01T09:01:31Z (manual clock)')
  })

  test('a bad duration: the sentence, exit 1, the clock untouched', () => {
    expect(run('cluster', 'advance', '1x')).toEqual({ stdout: '', stderr: 'error: Cannot read "1x" as a duration: use a number with a unit, such as 30s, 5m, 1h or 1h30m.\n', code: 1 })
    expect(advancePlayground('0s', { workspace: ws }).json.time).toBe('2026-03-01T09:01:31Z')
  })

  test('outside a workspace: the same error as before', () => {
    const r = spawnSync(process.execPath, [bin, 'cluster', 'status'], { cwd: mkdtempSync(join(tmpdir(), 'kl-nows-')), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', LANG: 'C.UTF-8', LC_ALL: '', KUBELINGS_LANG: '', KUBELINGS_WORKSPACE: '' } })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^error: .*kubelings init/)
  })
})
