// The hot paths' bundles (scripts/bundle.mjs) must answer exactly as the modules they are made from.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const ws = mkdtempSync(join(tmpdir(), 'kl-bundle-'))
afterAll(() => rmSync(ws, { recursive: true, force: true }))

function viaModule(module: string, exported: string, args: string[]): string {
  const script = `const m = await import(${JSON.stringify(join(root, module))}); process.exitCode = await m.${exported}(${JSON.stringify(args)})`
  // stdout whatever the exit status (verify exits 1 on an exercise that does not pass yet)
  return spawnSync('node', ['--input-type=module', '-e', script], { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } }).stdout
}

describe('the bundled hot paths', () => {
  it('exist after a build', () => {
    expect(existsSync(join(root, 'dist/bundle/kubectl.js'))).toBe(true)
    expect(existsSync(join(root, 'dist/bundle/verify.js'))).toBe(true)
  })

  it('kubectl answers as the compiled modules do', () => {
    execFileSync('node', [join(root, 'bin/run.js'), 'init', ws], { encoding: 'utf8' })
    execFileSync('node', [join(root, 'bin/run.js'), 'cluster', 'reset', '--manual-clock', '--seed', '4'], { cwd: ws, encoding: 'utf8' })
    for (const args of [['get', 'nodes', '-o', 'wide'], ['explain', 'pod.spec.restartPolicy']]) {
      expect(viaModule('dist/bundle/kubectl.js', 'kubectlMain', args)).toBe(viaModule('dist/course/playground-kubectl.js', 'kubectlMain', args))
    }
  })

  it('verify finds the shipped course from its bundle', () => {
    const bundled = viaModule('dist/bundle/verify.js', 'verifyMain', ['--json'])
    expect(JSON.parse(bundled)).toMatchObject({ exercise: 'pod-completes', passed: false })
  })
})
