// The scheduler alone: `node bench/scheduler.mjs [PODS] [REPLICASETS] [BATCH] [DIST]` takes the nodes
// and bound pods of `Cluster.create({ seed: 1, workers: 1000 })`, then schedules PODS pods of
// REPLICASETS ReplicaSets (nginx, default spreading; taken BATCH at a time from each in turn, as
// their slow-start batches interleave) through one kept Snapshot, as kube-scheduler does, each
// bound where it was placed. Prints the CPU time of the scheduling alone and a digest of every
// decision and of the PRNG after them: two builds that schedule alike print the same digest.
// Not a test: it measures. DIST (default: this checkout's dist/) lets one compare two builds.
import { createHash } from 'node:crypto'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const [count = 10000, sets = 10, batch = 64] = process.argv.slice(2, 5).map(Number)
const dist = process.argv[5] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const { Cluster } = await import(join(dist, 'index.js'))
const { schedulePod, Snapshot } = await import(join(dist, 'cluster', 'scheduler', 'schedule.js'))
const { Prng } = await import(join(dist, 'cluster', 'prng.js'))

const c = Cluster.create({ seed: 1, workers: 1000 })
const byNode = new Map()
for (const { value: p } of c.sim.etcd.range('/registry/pods/')) {
  const node = p.spec?.nodeName
  if (node) byNode.set(node, [...(byNode.get(node) ?? []), p])
}
const infos = [...c.sim.etcd.range('/registry/minions/')]
  .map(({ value: node }) => ({ node, pods: byNode.get(node.metadata.name) ?? [] }))
  .sort((a, b) => (a.node.metadata.name < b.node.metadata.name ? -1 : 1))
const replicaSets = new Map()
for (let d = 0; d < sets; d++) replicaSets.set(`d${d}-abc`, { metadata: { name: `d${d}-abc`, namespace: 'default' }, spec: { selector: { matchLabels: { app: `d${d}`, 'pod-template-hash': 'abc' } } } })
const lookups = { replicaSet: (_ns, name) => replicaSets.get(name), services: () => [], namespaceLabels: () => ({}), namespaces: () => [{ name: 'default', labels: {} }] }

/** A pod as the ReplicaSet controller and admission make it (the parts the scheduler reads). */
function pod(d, i) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `d${d}-abc-${i}`,
      namespace: 'default',
      uid: `u-${d}-${i}`,
      labels: { app: `d${d}`, 'pod-template-hash': 'abc' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `d${d}-abc`, uid: `rs${d}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
  }
}

const order = []
const per = Math.ceil(count / sets)
for (let i0 = 0; i0 < per; i0 += batch) for (let d = 0; d < sets; d++) for (let i = i0; i < Math.min(i0 + batch, per); i++) order.push([d, i])
const rng = Prng.fromSeed(7)
const snapshot = new Snapshot(infos)
const digest = createHash('sha256')
let startIndex = 0
const t0 = process.cpuUsage()
for (const [d, i] of order) {
  const p = pod(d, i)
  // diagnose: false as the component asks (builds before it ignore the option).
  const { result, nextStartIndex } = schedulePod(p, snapshot, rng, { ...lookups, startIndex, diagnose: false })
  startIndex = nextStartIndex
  if (result.kind !== 'scheduled') {
    digest.update(`unschedulable ${result.message};`)
    continue
  }
  digest.update(`${result.node},${result.evaluatedNodes},${result.feasibleNodes};`)
  snapshot.addPod({ ...p, spec: { ...p.spec, nodeName: result.node } }, result.node, p)
}
const used = process.cpuUsage(t0)
digest.update(String(rng.uint32()))
console.log(JSON.stringify({ pods: order.length, replicaSets: sets, cpuMs: (used.user + used.system) / 1000, digest: digest.digest('hex').slice(0, 16) }))
