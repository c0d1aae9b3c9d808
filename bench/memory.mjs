// Where the memory of a big cluster is: `node --expose-gc bench/memory.mjs [PODS] [NODES]` runs the
// pods scenario of scenario.mjs (Deployments of 1,000 replicas until all run) and prints the live
// heap after a full garbage collection (what the cluster holds, as opposed to the peak RSS, which V8's
// heap growing adds to), per pod, and the stored objects by resource with the size of their JSON.
// With SNAP=file it also writes a heap snapshot (open it in Chrome's DevTools, Memory tab).
// Not a test: it measures.
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'

if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { Cluster } = await import(join(root, 'dist', 'index.js'))
const count = Number(process.argv[2] ?? 10_000)
const nodes = Number(process.argv[3] ?? 1_000)
const MiB = 2 ** 20

const deployment = (name, replicas) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
})
const liveHeap = () => {
  global.gc()
  global.gc()
  return process.memoryUsage().heapUsed
}
const running = (c) => {
  let n = 0
  for (const kv of c.sim.etcd.range('/registry/pods/default/')) if (kv.value.status?.phase === 'Running') n++
  return n
}

const c = Cluster.create({ seed: 1, workers: nodes })
const created = liveHeap()
for (let i = 0; i < Math.ceil(count / 1000); i++) c.apply(deployment(`d${i}`, Math.min(1000, count - i * 1000)))
const start = c.sim.now()
while (running(c) < count && c.sim.now() - start < 30 * 60_000) c.advance('1s')
const ran = liveHeap()
const byResource = new Map()
for (const kv of c.sim.etcd.range('/registry/')) {
  const resource = kv.key.split('/')[2]
  const e = byResource.get(resource) ?? { objects: 0, json: 0 }
  e.objects++
  e.json += JSON.stringify(kv.value).length
  byResource.set(resource, e)
}
console.log(`live heap: ${(created / MiB).toFixed(1)} MiB after creating ${nodes} nodes, ${(ran / MiB).toFixed(1)} MiB with ${count} pods running (${((ran - created) / count / 1024).toFixed(1)} KiB per pod)`)
for (const [resource, e] of [...byResource].sort((a, b) => b[1].json - a[1].json)) console.log(`  ${resource.padEnd(22)} ${String(e.objects).padStart(8)} objects ${(e.json / MiB).toFixed(1).padStart(7)} MiB of JSON`)
console.log(`  trace: ${c.sim.trace.entries().length} entries kept of ${c.sim.trace.recorded}; etcd revision ${c.sim.etcd.revision}`)
if (process.env.SNAP) console.log(`heap snapshot: ${v8.writeHeapSnapshot(process.env.SNAP)}`)
