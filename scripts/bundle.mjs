// The two hot paths of the command line — `kubelings kubectl ...` and `kubelings verify` — each as one
// bundled CommonJS script (dist/bundle/*.cjs), so that a learner's command does not pay for resolving
// and compiling hundreds of small ES modules (about half of a verify's start-up went there), and so
// that bin/bundle.js can run it with V8's code cache. dist/bundle/manifest.json names each bundle's
// hash, which names its cache: a rebuilt bundle never meets an old cache. Run after tsc.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'

const entries = { kubectl: 'dist/course/playground-kubectl.js', verify: 'dist/ui/verify-main.js' }

rmSync('dist/bundle', { recursive: true, force: true })
mkdirSync('dist/bundle', { recursive: true })
await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({
      entryPoints: [entry],
      outfile: `dist/bundle/${name}.cjs`, // two folders below the package root, as the modules it replaces
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
      // bin/bundle.js passes the bundle's own URL: modules find the package's files from it.
      define: { 'import.meta.url': '__kubelingsUrl' },
    }),
  ),
)
const manifest = {}
for (const name of Object.keys(entries)) manifest[name] = createHash('sha256').update(readFileSync(`dist/bundle/${name}.cjs`)).digest('hex').slice(0, 16)
writeFileSync('dist/bundle/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`)
console.log(`bundles: ${readdirSync('dist/bundle').join(', ')}`)
