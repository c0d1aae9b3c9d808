// The hot paths of the command line — `kubelings kubectl ...` (with `cluster advance|status`) and
// `kubelings verify` — and the programmatic API (`import { Cluster } from 'kubelings'`), each as one
// bundled CommonJS script (dist/bundle/*.cjs), so that a learner's command does not pay for
// resolving and compiling hundreds of small ES modules (about half of a verify's start-up went
// there), and so that bin/bundle.js can run it with V8's code cache. dist/bundle/manifest.json names each bundle's hash, which names its
// cache: a rebuilt bundle never meets an old cache. The API's entry, dist/api.js (the package's
// main), loads its bundle, or the modules when the bundle is missing or older. Run after tsc.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const entries = { kubectl: 'dist/ui/playground-main.js', verify: 'dist/ui/verify-main.js', api: 'dist/index.js' }

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

// The package's entry: the API's exports, by name (an ES module's exports must be named where it is
// written), from the bundle when bin/bundle.js finds it up to date, else from the modules.
const names = Object.keys(await import(pathToFileURL('dist/index.js').href)).sort()
writeFileSync(
  'dist/api.js',
  `// The package's entry (written by scripts/bundle.mjs): dist/index.js's exports, from its bundle with\n` +
    `// V8's code cache when that is built and up to date (bin/bundle.js), else from the modules.\n` +
    `import { loadBundle } from '../bin/bundle.js'\n\n` +
    `const api = loadBundle('api', '../dist/index.js') ?? (await import('./index.js'))\n` +
    `export const { ${names.join(', ')} } = api\n`,
)
writeFileSync('dist/api.d.ts', `export * from './index.js'\n`)
