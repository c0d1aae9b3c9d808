// One scenario of `npm run bench`, in a process of its own so that its peak memory (max RSS) is its
// own: `node bench/scenario.mjs NAME` prints one JSON line with the figures. Not a test: it measures.
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// The package's entry, as `import { Cluster } from 'kubelings'` loads it (its bundle, with V8's code
// cache); `--modules`: the compiled ES modules instead, compiled as they load.
const modules = process.argv.includes('--modules')
const { Cluster } = await import(join(root, 'dist', modules ? 'index.js' : 'api.js'))

/** A Deployment of `replicas` nginx pods, named `name`. */
function deployment(name, replicas, image = 'nginx:1.27') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image, ports: [{ containerPort: 80 }] }] } },
    },
  }
}

/** Pods in the default namespace, and how many of them are Running (read from storage, no trace entry). */
function podPhases(c) {
  let total = 0
  let running = 0
  for (const kv of c.sim.etcd.range('/registry/pods/default/')) {
    total++
    if (kv.value.status?.phase === 'Running') running++
  }
  return { total, running }
}

/** (a): the 3-node lesson cluster with a few Deployments and a Service, 10 virtual minutes. */
function lesson() {
  const t0 = performance.now()
  const c = Cluster.create({ seed: 1, workers: 2 })
  for (const m of [
    deployment('web', 3),
    deployment('cache', 2, 'redis:8'),
    deployment('api', 2, 'httpd:2.4'),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  ])
    c.apply(m)
  c.advance('10m')
  const ms = performance.now() - t0
  const { total, running } = podPhases(c)
  return { ms, pods: total, running, traceEntries: c.sim.trace.entries().length }
}

/**
 * The pods of the default namespace and how many are Running, kept up to date by a watch that makes
 * no trace entry: counting them all after each virtual second cost as much as scheduling a few
 * thousand pods at 50,000.
 */
function watchPhases(c) {
  const phases = new Map()
  let running = 0
  const watched = c.sim.api.watch('bench', 'pods', { namespace: 'default', silent: true }, (e) => {
    const name = e.object.metadata.name
    const was = phases.get(name) === 'Running'
    const phase = e.type === 'DELETED' ? undefined : e.object.status?.phase
    if (e.type === 'DELETED') phases.delete(name)
    else phases.set(name, phase)
    running += (phase === 'Running' ? 1 : 0) - (was ? 1 : 0)
  })
  if (!watched.ok) throw new Error(watched.error.message)
  return { get total() { return phases.size }, get running() { return running } }
}

/** (b)/(c): `pods` pods from Deployments of 1,000 replicas on `nodes` workers, until all run. */
function pods(count, nodes) {
  const t0 = performance.now()
  const c = Cluster.create({ seed: 1, workers: nodes })
  const createMs = performance.now() - t0
  const deployments = []
  for (let i = 0; i < Math.ceil(count / 1000); i++) deployments.push(deployment(`d${i}`, Math.min(1000, count - i * 1000)))
  const t1 = performance.now()
  const watched = watchPhases(c)
  for (const d of deployments) c.apply(d)
  const start = c.sim.now()
  while (watched.running < count && c.sim.now() - start < 30 * 60_000) c.advance('1s')
  const runMs = performance.now() - t1
  const virtualSeconds = (c.sim.now() - start) / 1000
  // Read from storage at the end, to check the watch's count.
  const phases = podPhases(c)
  if (phases.running !== watched.running || phases.total !== watched.total) throw new Error(`watched ${watched.running}/${watched.total} Running, stored ${phases.running}/${phases.total}`)
  return { ms: createMs + runMs, createMs, runMs, pods: phases.total, running: phases.running, virtualSeconds, usPerPod: (runMs * 1000) / count }
}

/** A quiet cluster of 1,000 nodes, ten virtual minutes with nothing to do but heartbeats. */
function quiet(nodes) {
  const c = Cluster.create({ seed: 1, workers: nodes })
  const t0 = performance.now()
  c.advance('10m')
  return { ms: performance.now() - t0 }
}

const [name, ...args] = process.argv.slice(2).filter((a) => a !== '--modules')
const arg = Number(args[0] ?? 0)
const arg2 = Number(args[1] ?? 0)
const run = { lesson, pods: () => pods(arg, arg2), quiet: () => quiet(arg) }[name]
if (!run) throw new Error(`unknown scenario ${name}`)
const cpu0 = process.cpuUsage()
const result = run()
const cpu = process.cpuUsage(cpu0)
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20
// maxRSS is in KiB. cpuMs (user + system) is what the scenario cost the machine: on a busy
// machine the wall time grows with everyone else's work, the CPU time much less.
console.log(JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000, heapMiB, maxRssMiB: process.resourceUsage().maxRSS / 1024 }))
