// What kubelings says to a command it does not have (src/hooks/command-not-found.ts).
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unknownCommandMessage } from '../../src/ui/unknown-command.js'

const IDS = ['verify', 'lesson', 'list', 'hint', 'cluster:status', 'cluster:start', 'cluster:stop', 'cluster:advance', 'config:get', 'config:set']
const TOPICS = ['cluster', 'config', 'author']

describe('unknownCommandMessage', () => {
  it.each([
    ['verfy', 'error: unknown command "verfy" for "kubelings"\nDid you mean "kubelings verify"?\nSee \'kubelings --help\' for usage.\n'],
    ['clustr:status', 'error: unknown command "clustr status" for "kubelings"\nDid you mean "kubelings cluster status"?\nSee \'kubelings --help\' for usage.\n'],
    ['cluster:stats', 'error: unknown command "cluster stats" for "kubelings"\nDid you mean "kubelings cluster status" or "kubelings cluster start"?\nSee \'kubelings --help\' for usage.\n'],
    ['li', 'error: unknown command "li" for "kubelings"\nDid you mean "kubelings list"?\nSee \'kubelings --help\' for usage.\n'],
    ['frobnicate', 'error: unknown command "frobnicate" for "kubelings"\nSee \'kubelings --help\' for usage.\n'],
    ['cluster:advanc:5m', 'error: unknown command "cluster advanc" for "kubelings"\nDid you mean "kubelings cluster advance"?\nSee \'kubelings --help\' for usage.\n'],
    ['help:clustr', 'error: unknown command "clustr" for "kubelings"\nDid you mean "kubelings cluster"?\nSee \'kubelings --help\' for usage.\n'],
    ['verfy:ex-1', 'error: unknown command "verfy" for "kubelings"\nDid you mean "kubelings verify"?\nSee \'kubelings --help\' for usage.\n'],
    ['--bogus', "error: Nonexistent flag: --bogus\nSee 'kubelings --help' for usage.\n"],
    ['cluster:status:now', "error: Unexpected argument: now\nSee 'kubelings cluster status --help' for usage.\n"],
  ])('%s', (id, message) => {
    expect(unknownCommandMessage(id, IDS, TOPICS)).toBe(message)
  })
})

describe('kubelings with a command it does not have', () => {
  it('says so on stderr, with the close one, exit 2', () => {
    const r = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../bin/run.js'), 'clustr', 'status'], { cwd: mkdtempSync(join(tmpdir(), 'kl-unknown-')), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } })
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.status }).toEqual({ stdout: '', stderr: 'error: unknown command "clustr status" for "kubelings"\nDid you mean "kubelings cluster status"?\nSee \'kubelings --help\' for usage.\n', code: 2 })
  })
})
