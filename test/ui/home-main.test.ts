// bin/run.js's fast path to the home screen: the global flags it takes itself, and what it leaves to
// oclif's parser (whose errors then name `kubelings --help`, the home screen having no command name).
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { homeFlags } from '../../src/ui/home-main.js'

const bin = resolve(import.meta.dirname, '../../bin/run.js')

describe('homeFlags', () => {
  test.each([
    [[], {}],
    [['--lang', 'zh'], { lang: 'zh' }],
    [['--lang=en', '--workspace', '/w', '--course=/c'], { lang: 'en', workspace: '/w', course: '/c' }],
  ])('%j gives %j', (argv, flags) => {
    expect(homeFlags(argv)).toEqual(flags)
  })

  test.each([[['--lang', 'fr']], [['--lang']], [['--workspace']], [['--lang=de']], [['-h']], [['--help']]])('%j is left to oclif', (argv) => {
    expect(homeFlags(argv)).toBeUndefined()
  })
})

describe('kubelings with a bad global flag', () => {
  const run = (...argv: string[]) => spawnSync(process.execPath, [bin, ...argv], { cwd: mkdtempSync(join(tmpdir(), 'kl-home-')), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } })

  test('a language that does not exist: oclif says so, and names `kubelings --help`', () => {
    const r = run('--lang', 'fr')
    expect(r.status).toBe(2)
    expect(r.stderr).toBe("error: Expected --lang=fr to be one of: en, zh\nSee 'kubelings --help' for usage.\n")
  })

  test('a flag without its value', () => {
    const r = run('--lang')
    expect(r.status).toBe(2)
    expect(r.stderr).toBe("error: Flag --lang expects one of these values: en, zh\nSee 'kubelings --help' for usage.\n")
  })
})
