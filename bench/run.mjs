// npm run bench: speed and memory figures, each beside its baseline. Not a test: it prints.
// `npm run bench -- --json` prints them as one JSON object instead, to compare from run to run;
// `--only lesson,pods-1000,...` runs some scenarios only (names as in the JSON).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'run.js')
const { Cluster } = await import(join(root, 'dist', 'index.js'))

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function time(argv, cwd, runs = 9) {
  const times = []
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8' })
    const t = performance.now() - t0
    if (r.status !== 0 && argv[0] !== '-e') throw new Error(`${argv.join(' ')} failed: ${r.stderr}`)
    if (i >= 2) times.push(t)
  }
  return median(times)
}

const json = process.argv.includes('--json')
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt >= 0 ? new Set(process.argv[onlyAt + 1].split(',')) : undefined
const wanted = (name) => !only || only.has(name)
const timeoutAt = process.argv.indexOf('--timeout')
/** Seconds a scenario may run before it is stopped and reported as timed out. */
const timeoutSeconds = timeoutAt >= 0 ? Number(process.argv[timeoutAt + 1]) : 1200
const log = (...args) => {
  if (!json) console.log(...args)
}
const figures = { node: process.version, startup: {}, scenarios: {}, cli: {}, api: {} }

const ws = mkdtempSync(join(tmpdir(), 'kl-bench-'))
spawnSync(process.execPath, [bin, 'init', ws], { encoding: 'utf8' })
spawnSync(process.execPath, [bin, 'cluster', 'reset', '--manual-clock', '--seed', '1'], { cwd: ws })

const base = time(['-e', '0'], ws)
figures.startup['node -e 0'] = base
if (wanted('startup')) {
  const rows = [['node -e 0 (baseline)', base]]
  for (const [name, argv] of [
    ['kubelings kubectl get nodes', [bin, 'kubectl', 'get', 'nodes']],
    ['kubelings kubectl version', [bin, 'kubectl', 'version']],
    ['kubelings cluster status', [bin, 'cluster', 'status']],
  ]) {
    const ms = time(argv, ws)
    figures.startup[name] = ms
    rows.push([name, ms])
  }
  log('Start-up, median of 9 runs (ms), and the ratio to a bare `node -e 0`:')
  for (const [name, ms] of rows) log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / base).toFixed(2)}x`)
}

// The scenarios of the issue, each in a child process of its own (its max RSS is its peak memory).
const scenarios = [
  ['lesson', '(a) 3-node cluster, 3 Deployments + a Service, 10 virtual minutes', ['lesson'], 50],
  ['lesson-modules', '(a) the same, the API from its ES modules (no code cache)', ['lesson', '--modules']],
  ['quiet-1000', 'a quiet cluster of 1,000 nodes, 10 virtual minutes', ['quiet', '1000']],
  ['pods-1000', '(c) 1,000 pods on 1,000 nodes until all Running', ['pods', '1000', '1000']],
  ['pods-10000', '(b) 10,000 pods on 1,000 nodes until all Running', ['pods', '10000', '1000'], 1500],
  ['pods-50000', '(c) 50,000 pods on 1,000 nodes until all Running', ['pods', '50000', '1000']],
]
const scenarioRows = []
for (const [name, title, argv, target] of scenarios) {
  if (!wanted(name)) continue
  // The big runs get room to grow; the lesson runs as `import { Cluster } from 'kubelings'` does, in
  // a plain node (V8 refuses a code cache made under other flags: it would measure compiling).
  const flags = name.startsWith('pods-') ? ['--max-old-space-size=4096'] : []
  const r = spawnSync(process.execPath, [...flags, join(root, 'bench', 'scenario.mjs'), ...argv], { encoding: 'utf8', timeout: timeoutSeconds * 1000 })
  if (r.status !== 0) {
    figures.scenarios[name] = { error: r.signal === 'SIGTERM' ? `timed out after ${timeoutSeconds} s` : (r.stderr || r.signal || 'failed').trim().split('\n').slice(-3).join(' ') }
    scenarioRows.push([{ title, name }, undefined, target])
    continue
  }
  const f = JSON.parse(r.stdout.trim().split('\n').pop())
  figures.scenarios[name] = { ...f, ...(target ? { targetMs: target } : {}) }
  scenarioRows.push([title, f, target])
}
if (scenarioRows.length > 0) {
  log('\nScenarios, each in its own process (wall time; cluster creation included; peak = max RSS):')
  log(`  ${'scenario'.padEnd(66)} ${'total'.padStart(9)} ${'create'.padStart(8)} ${'run'.padStart(8)} ${'µs/pod'.padStart(7)} ${'virtual'.padStart(8)} ${'peak'.padStart(9)}  target`)
  for (const [row, f, target] of scenarioRows) {
    const title = row.title ?? row
    if (!f) {
      log(`  ${title.padEnd(66)}   ${figures.scenarios[row.name]?.error ?? 'failed'}`)
      continue
    }
    const cell = (v, w, d = 0) => (v === undefined ? '' : v.toFixed(d)).padStart(w)
    log(
      `  ${title.padEnd(66)} ${cell(f.ms, 6)} ms ${cell(f.createMs, 5)} ms ${cell(f.runMs, 5)} ms ${cell(f.usPerPod, 7)} ${f.virtualSeconds === undefined ? ''.padStart(8) : `${f.virtualSeconds}s`.padStart(8)} ${cell(f.maxRssMiB, 5)} MiB  ${target ? `≤ ${target} ms ${f.ms <= target ? 'met' : 'NOT met'}` : ''}`,
    )
  }
}

// Through the command line: reset 1,000 nodes, apply 10,000 replicas, advance 5 minutes.
if (wanted('cli')) {
  const cws = mkdtempSync(join(tmpdir(), 'kl-bench-cli-'))
  spawnSync(process.execPath, [bin, 'init', cws], { encoding: 'utf8' })
  const manifest = join(cws, 'big.yaml')
  writeFileSync(
    manifest,
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'big' },
      spec: { replicas: 10000, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    }),
  )
  const steps = [
    ['cluster reset --nodes 1000', [bin, 'cluster', 'reset', '--nodes', '1000', '--manual-clock', '--seed', '1']],
    ['kubectl apply -f (10,000 replicas)', [bin, 'kubectl', 'apply', '-f', manifest]],
    ['cluster advance 5m', [bin, 'cluster', 'advance', '5m']],
    ['kubectl get deployment big', [bin, 'kubectl', 'get', 'deployment', 'big']],
  ]
  let total = 0
  log('\nThrough the command line (one run each; the playground state file is read and written each time):')
  for (const [name, argv] of steps) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, argv, { cwd: cws, encoding: 'utf8', timeout: timeoutSeconds * 1000 })
    const ms = performance.now() - t0
    if (r.status !== 0) {
      figures.cli[name] = { error: r.signal === 'SIGTERM' ? `timed out after ${timeoutSeconds} s` : r.stderr.trim() }
      log(`  ${name.padEnd(40)} ${figures.cli[name].error}`)
      total = NaN
      break
    }
    total += ms
    const stateMiB = statSync(join(cws, '.kubelings', 'playground.json')).size / 2 ** 20
    figures.cli[name] = { ms, stateMiB }
    log(`  ${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   state ${stateMiB.toFixed(1)} MiB${name.startsWith('kubectl get') ? `   ${r.stdout.trim().split('\n').pop()}` : ''}`)
  }
  figures.cli.totalMs = total
  figures.cli.targetMs = 5000
  log(`  ${'total'.padEnd(40)} ${total.toFixed(0).padStart(6)} ms   target ≤ 5000 ms ${total <= 5000 ? 'met' : 'NOT met'}`)
  if (Number.isNaN(total)) figures.cli.totalMs = null
}

if (wanted('watch')) await (await import('./watch.mjs')).benchWatch({ root, bin, log, figures })

if (wanted('verify')) figures.verify = await (await import('./verify.mjs')).benchVerify({ root, bin, base, log })

if (!wanted('api')) {
  if (json) console.log(JSON.stringify(figures))
  process.exit(0)
}

// The simulator on its own: many objects through the apiserver, snapshots and restores.
const c = Cluster.create({ seed: 1 })
const n = 5000
let t0 = performance.now()
for (let i = 0; i < n; i++) {
  const r = c.sim.api.create('bench', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default', labels: { app: i % 2 ? 'a' : 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } })
  if (!r.ok) throw new Error(r.error.message)
}
const createMs = performance.now() - t0
t0 = performance.now()
const listed = c.sim.api.list('bench', 'pods', { namespace: 'default', labelSelector: 'app=a' })
const listMs = performance.now() - t0
t0 = performance.now()
const snap = JSON.stringify(c.snapshot())
const snapMs = performance.now() - t0
t0 = performance.now()
Cluster.restore(JSON.parse(snap))
const restoreMs = performance.now() - t0
t0 = performance.now()
c.advance('1h')
const advanceMs = performance.now() - t0
const heapMb = process.memoryUsage().heapUsed / 2 ** 20
figures.api = { pods: n, createMs, listMs, snapshotMs: snapMs, snapshotMiB: snap.length / 2 ** 20, restoreMs, advance1hMs: advanceMs, heapMiB: heapMb }

log(`\nSimulator with ${n} pods (in this process):`)
log(`  create ${n} pods                    ${createMs.toFixed(0).padStart(6)} ms   (${((createMs / n) * 1000).toFixed(0)} µs each)`)
log(`  list with a label selector          ${listMs.toFixed(1).padStart(6)} ms   (${listed.ok ? listed.value.items.length : 0} items)`)
log(`  snapshot to JSON                    ${snapMs.toFixed(0).padStart(6)} ms   (${(snap.length / 2 ** 20).toFixed(1)} MiB)`)
log(`  restore from JSON                   ${restoreMs.toFixed(0).padStart(6)} ms`)
log(`  advance 1h of virtual time          ${advanceMs.toFixed(1).padStart(6)} ms`)
log(`  heap used                           ${heapMb.toFixed(0).padStart(6)} MiB`)
if (json) console.log(JSON.stringify(figures))
