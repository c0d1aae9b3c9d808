// The two hot paths of the command line — `kubelings kubectl ...` and `kubelings verify` — each as one
// bundled module (dist/bundle/*.js), so a learner's command does not pay for resolving and compiling
// hundreds of small ES modules: about half of a verify's start-up went there. bin/run.js uses a bundle
// only when it is at least as new as the compiled module it was made from, else the module itself.
import { build } from 'esbuild'

const entries = { kubectl: 'dist/course/playground-kubectl.js', verify: 'dist/ui/verify-main.js' }

await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({
      entryPoints: [entry],
      outfile: `dist/bundle/${name}.js`, // two folders below the package root, as the modules it replaces
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      // CommonJS dependencies call require() for Node's own modules and read __filename/__dirname.
      banner: {
        js: [
          "import { createRequire as __kubelingsRequire } from 'node:module';",
          "import { fileURLToPath as __kubelingsPath } from 'node:url';",
          'const require = __kubelingsRequire(import.meta.url);',
          'const __filename = __kubelingsPath(import.meta.url);',
          "const __dirname = __kubelingsPath(new URL('.', import.meta.url));",
        ].join(' '),
      },
    }),
  ),
)
