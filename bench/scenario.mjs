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

/** (b)/(c): `pods` pods from Deployments of 1,000 replicas on `nodes` workers, until all run. */
function pods(count, nodes) {
  const t0 = performance.now()
  const c = Cluster.create({ seed: 1, workers: nodes })
  const createMs = performance.now() - t0
  const deployments = []
  for (let i = 0; i < Math.ceil(count / 1000); i++) deployments.push(deployment(`d${i}`, Math.min(1000, count - i * 1000)))
  const t1 = performance.now()
  for (const d of deployments) c.apply(d)
  const start = c.sim.now()
  let phases = podPhases(c)
  while (phases.running < count && c.sim.now() - start < 30 * 60_000) {
    c.advance('1s')
    phases = podPhases(c)
  }
  const runMs = performance.now() - t1
  const virtualSeconds = (c.sim.now() - start) / 1000
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
