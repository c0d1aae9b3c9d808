// The hot paths' bundles (scripts/bundle.mjs) must answer exactly as the modules they are made from,
// with their code cache (bin/bundle.js) or without it, and a cache that V8 refuses, a missing one or a
// bundle older than its module must not change an answer.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const ws = mkdtempSync(join(tmpdir(), 'kl-bundle-'))
afterAll(() => rmSync(ws, { recursive: true, force: true }))

const env = { ...process.env, NO_COLOR: '1', CI: 'true' }

function viaModule(module: string, exported: string, args: string[]): string {
  const script = `const m = await import(${JSON.stringify(join(root, module))}); process.exitCode = await m.${exported}(${JSON.stringify(args)})`
  // stdout whatever the exit status (verify exits 1 on an exercise that does not pass yet)
  return spawnSync('node', ['--input-type=module', '-e', script], { cwd: ws, encoding: 'utf8', env }).stdout
}

/** Through a bundle loaded by bin/bundle.js from package root `at` (a copy, to play with its files). */
function viaBundle(at: string, name: string, exported: string, args: string[], module: string): string {
  const script = `const { loadBundle } = await import(${JSON.stringify(join(at, 'bin', 'bundle.js'))}); const m = loadBundle(${JSON.stringify(name)}, ${JSON.stringify(module)}); if (!m) throw new Error('no bundle'); process.exitCode = await m.${exported}(${JSON.stringify(args)})`
  // A script file, not `node -e`: a plain `node`, with no options, as bin/run.js runs (see the flags test).
  const file = join(mkdtempSync(join(tmpdir(), 'kl-bundle-run-')), 'run.mjs')
  writeFileSync(file, script)
  const r = spawnSync('node', [file], { cwd: ws, encoding: 'utf8', env })
  expect(r.stderr).not.toMatch(/no bundle|Error/)
  return r.stdout
}

const manifest = (): Record<string, string> => JSON.parse(readFileSync(join(root, 'dist/bundle/manifest.json'), 'utf8'))

describe('the package entry', () => {
  it('gives the programmatic API from its bundle: the names of dist/index.js, the same answers', () => {
    // `kubelings` resolves to the package itself (its package.json "exports"), as for a user.
    const script = `
      const entry = await import('kubelings')
      const modules = await import(${JSON.stringify(join(root, 'dist/index.js'))})
      const run = ({ Cluster }) => {
        const c = Cluster.create({ seed: 2 })
        c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } })
        c.advance('1m')
        return c.kubectl('get pods -o wide').stdout + JSON.stringify(c.snapshot()).length
      }
      console.log(JSON.stringify({ names: Object.keys(entry), modules: Object.keys(modules), bundled: entry.Cluster !== modules.Cluster, same: run(entry) === run(modules) }))`
    const r = spawnSync('node', ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env })
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout)
    expect(out.names).toEqual([...out.modules].sort())
    expect(out.names).toContain('Cluster')
    expect(out.bundled).toBe(true)
    expect(out.same).toBe(true)
  })
})

describe('the bundled hot paths', () => {
  it('exist after a build, each with the code cache of its warm-up run', () => {
    expect(Object.keys(manifest()).sort()).toEqual(['api', 'kubectl', 'verify'])
    for (const [name, hash] of Object.entries(manifest())) {
      expect(hash).toMatch(/^[0-9a-f]{16}$/)
      expect(existsSync(join(root, `dist/bundle/${name}.cjs`))).toBe(true)
      expect(statSync(join(root, `dist/bundle/${name}-${hash}.cache`)).size).toBeGreaterThan(100_000)
    }
  })

  it('kubectl answers as the compiled modules do', () => {
    execFileSync('node', [join(root, 'bin/run.js'), 'init', ws], { encoding: 'utf8' })
    execFileSync('node', [join(root, 'bin/run.js'), 'cluster', 'reset', '--manual-clock', '--seed', '4'], { cwd: ws, encoding: 'utf8' })
    for (const args of [['get', 'nodes', '-o', 'wide'], ['explain', 'pod.spec.restartPolicy']]) {
      expect(viaBundle(root, 'kubectl', 'kubectlMain', args, '../dist/ui/playground-main.js')).toBe(viaModule('dist/course/playground-kubectl.js', 'kubectlMain', args))
    }
  })

  it('verify finds the shipped course from its bundle', () => {
    const bundled = viaBundle(root, 'verify', 'verifyMain', ['--json'], '../dist/ui/verify-main.js')
    expect(JSON.parse(bundled)).toMatchObject({ exercise: 'pod-completes', passed: false })
  })
})

describe('the code cache', () => {
  // A copy of the package's bin/ and dist/bundle/ (beside links to the rest), to spoil its caches.
  const copy = (): string => {
    const at = mkdtempSync(join(tmpdir(), 'kl-bundle-copy-'))
    cpSync(join(root, 'bin'), join(at, 'bin'), { recursive: true, preserveTimestamps: true })
    cpSync(join(root, 'dist'), join(at, 'dist'), { recursive: true, preserveTimestamps: true })
    return at
  }
  const args = ['get', 'pods', '-A', '-o', 'wide']
  const MODULE = '../dist/ui/playground-main.js'

  it('is written after a run that had none, and then used, with the same answers', () => {
    const at = copy()
    const cache = join(at, 'dist/bundle', `kubectl-${manifest().kubectl}.cache`)
    rmSync(cache)
    const without = viaBundle(at, 'kubectl', 'kubectlMain', args, MODULE)
    expect(existsSync(cache)).toBe(true)
    expect(viaBundle(at, 'kubectl', 'kubectlMain', args, MODULE)).toBe(without)
    expect(without).toBe(viaModule('dist/course/playground-kubectl.js', 'kubectlMain', args))
    rmSync(at, { recursive: true, force: true })
  })

  it('a cache V8 refuses changes nothing but is made anew', () => {
    const at = copy()
    const cache = join(at, 'dist/bundle', `kubectl-${manifest().kubectl}.cache`)
    writeFileSync(cache, 'not a code cache')
    expect(viaBundle(at, 'kubectl', 'kubectlMain', args, MODULE)).toBe(viaModule('dist/course/playground-kubectl.js', 'kubectlMain', args))
    expect(statSync(cache).size).toBeGreaterThan(100_000)
    expect(readdirSync(join(at, 'dist/bundle')).filter((f) => f.includes('.cache.'))).toEqual([]) // no partial file left
    rmSync(at, { recursive: true, force: true })
  })

  it('a run under other V8 flags keeps a cache of its own, and leaves the usual one as it was', () => {
    const at = copy()
    const usual = join(at, 'dist/bundle', `kubectl-${manifest().kubectl}.cache`)
    const before = readFileSync(usual)
    const script = `const { loadBundle } = await import(${JSON.stringify(join(at, 'bin', 'bundle.js'))}); const m = loadBundle('kubectl', ${JSON.stringify(MODULE)}); process.exitCode = await m.kubectlMain(${JSON.stringify(args)})`
    const run = () => spawnSync('node', ['--max-old-space-size=3000', '--input-type=module', '-e', script], { cwd: ws, encoding: 'utf8', env })
    expect(run().stdout).toBe(viaModule('dist/course/playground-kubectl.js', 'kubectlMain', args))
    const own = readdirSync(join(at, 'dist/bundle')).filter((f) => f.startsWith(`kubectl-${manifest().kubectl}-`) && f.endsWith('.cache'))
    expect(own).toHaveLength(1)
    expect(readFileSync(usual).equals(before)).toBe(true)
    // The next such run reads its own (accepted: nothing is written again).
    const made = statSync(join(at, 'dist/bundle', own[0])).mtimeMs
    run()
    expect(statSync(join(at, 'dist/bundle', own[0])).mtimeMs).toBe(made)
    rmSync(at, { recursive: true, force: true })
  })

  it('a bundle older than its module is not used', () => {
    const at = copy()
    const old = new Date(Date.now() - 3_600_000)
    utimesSync(join(at, 'dist/bundle/kubectl.cjs'), old, old)
    const script = `const { loadBundle } = await import(${JSON.stringify(join(at, 'bin', 'bundle.js'))}); console.log(loadBundle('kubectl', ${JSON.stringify(MODULE)}) === undefined)`
    expect(spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout.trim()).toBe('true')
    copyFileSync(join(root, 'dist/bundle/kubectl.cjs'), join(at, 'dist/bundle/kubectl.cjs')) // newer again
    expect(spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout.trim()).toBe('false')
    rmSync(at, { recursive: true, force: true })
  })
})
