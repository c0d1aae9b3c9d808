// The hot paths' code caches (bin/bundle.js), made at build time by a warm-up run of each bundle on
// a typical workload, so that even a learner's first command starts from the cache, and the cache
// holds the functions that such commands compile. Run after bundle.mjs (and boot-images.mjs, whose
// images verify restores). `node scripts/code-cache.mjs` runs both warm-ups, each in a process of its
// own; `node scripts/code-cache.mjs kubectl|verify|api DIR` is one warm-up (its output is not wanted).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const [which, ws] = process.argv.slice(2)

if (which === undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'kubelings-code-cache-'))
  try {
    const env = { ...process.env, NO_COLOR: '1', KUBELINGS_LANG: 'en', CI: 'true' }
    execFileSync(process.execPath, [join(root, 'bin', 'run.js'), 'init', join(dir, 'ws')], { env, stdio: 'ignore' })
    for (const bundle of ['kubectl', 'verify', 'api']) execFileSync(process.execPath, [fileURLToPath(import.meta.url), bundle, join(dir, 'ws')], { cwd: join(dir, 'ws'), env, stdio: 'ignore' })
    console.log('code caches: kubectl, verify, api')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
} else {
  const { loadBundle } = await import(join(root, 'bin', 'bundle.js'))
  if (which === 'kubectl') {
    const { kubectlMain, clusterMain } = loadBundle('kubectl', '../dist/ui/playground-main.js', 'always')
    for (const argv of [
      ['get', 'nodes', '-o', 'wide'],
      ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'],
      ['run', 'once', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'exit 1'],
      ['apply', '-f', join(root, 'exercises', '01-pod-phases')],
      ['expose', 'deployment', 'web', '--port=80', '--type=NodePort'],
      ['get', 'pods', '-A', '-o', 'wide'],
      ['get', 'deploy,rs,svc,endpoints', '-o', 'yaml'],
      ['describe', 'pod', 'once'],
      ['describe', 'node', 'node-1'],
      ['get', 'events', '--sort-by=.lastTimestamp'],
      ['logs', 'deploy/web'],
      ['delete', 'pod', 'once'],
    ])
      await kubectlMain(argv, ws)
    // `kubelings cluster advance|status` run from this bundle too (cwd is the workspace).
    clusterMain(['advance', '30s'])
    clusterMain(['status'])
  } else if (which === 'api') {
    // What a script of a course author, or a test, does with the API: a small cluster, a few
    // workloads, time passing, kubectl, a snapshot.
    const { Cluster } = loadBundle('api', '../dist/index.js', 'always')
    const c = Cluster.create({ seed: 1, workers: 2 })
    const deployment = (name, replicas, image) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } } },
    })
    c.apply([deployment('web', 3, 'nginx:1.27'), deployment('cache', 2, 'redis:8'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }])
    c.kubectl('run once --image=busybox:1.36 --restart=Never -- sh -c "exit 1"')
    c.advance('10m')
    c.kubectl('get pods -o wide')
    c.kubectl('describe deployment web')
    c.curl('http://web.default', { from: { node: 'node-1' } })
    Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
  } else {
    const { verifyMain } = loadBundle('verify', '../dist/ui/verify-main.js', 'always')
    process.chdir(ws)
    verifyMain(['--json'])
    verifyMain([])
  }
}
