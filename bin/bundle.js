// Loading a hot path's bundle (scripts/bundle.mjs) with V8's code cache: compiling the 1–2 MB bundle
// and then each function it runs took about a third of a `kubelings kubectl` or `verify` (Node 20 has
// no module.enableCompileCache). The bundle is CommonJS, run through vm.Script with the cache of an
// earlier run (`<name>-<hash>.cache`, the hash of the bundle's text from dist/bundle/manifest.json,
// so that a cache never serves another bundle). A missing or rejected cache (another Node version)
// costs nothing but the compile: the cache is written after the run, for the next one.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import vm from 'node:vm'

const dir = new URL('../dist/bundle/', import.meta.url)

/** Where bundle `name`'s code cache is, or undefined without a manifest entry. */
export function cacheFile(name) {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'))
  return typeof manifest[name] === 'string' ? fileURLToPath(new URL(`${name}-${manifest[name]}.cache`, dir)) : undefined
}

/**
 * The exports of bundle `name`, or undefined when it is missing or older than `module`, the compiled
 * module it was made from (a `tsc` without a bundle run): then the caller imports the module.
 * `saveCache`: after the process's run, write the cache if it had none (true), always (`'always'`:
 * the build's warm-up run), or never (false).
 */
export function loadBundle(name, module, saveCache = true) {
  const file = fileURLToPath(new URL(`${name}.cjs`, dir))
  let source, cache
  try {
    if (statSync(file).mtimeMs < statSync(new URL(module, import.meta.url)).mtimeMs) return undefined
    source = readFileSync(file, 'utf8')
    cache = cacheFile(name)
  } catch {
    return undefined
  }
  // V8 refuses a cache made under other V8 flags (`node --max-old-space-size=...`, `--expose-gc`,
  // NODE_OPTIONS), and a run that rewrote the usual cache under its flags would have the next plain
  // `node` refuse it in turn. A run with options reads a cache of its own first (named with a hash of
  // them), then the usual one (which options that are not V8's, such as `-e`, leave acceptable); when
  // what it read is refused, it writes its own. A plain `node` reads and rewrites the usual one.
  const own = cache && flagsTag() ? cache.replace(/\.cache$/, `-${flagsTag()}.cache`) : undefined
  let cachedData
  for (const candidate of own ? [own, cache] : [cache]) {
    try {
      if (candidate) cachedData = readFileSync(candidate)
      break
    } catch {
      // no cache there yet
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname, __kubelingsUrl) {${source}\n})`
  const script = new vm.Script(wrapper, { filename: file, cachedData })
  const loaded = { exports: {} }
  script.runInThisContext()(loaded.exports, createRequire(file), loaded, file, dirname(file), pathToFileURL(file).href)
  const target = cachedData === undefined || !own ? cache : own
  if (target && (saveCache === 'always' || (saveCache && (cachedData === undefined || script.cachedDataRejected)))) process.once('exit', () => writeCache(target, script))
  return loaded.exports
}

/** This process's V8-affecting options as a short hash ('' for a plain `node`). */
function flagsTag() {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)]
  if (flags.length === 0) return ''
  let h = 0x811c9dc5
  for (const ch of flags.join('\0')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  return h.toString(16).padStart(8, '0')
}

/** Write the code cache beside the bundle, atomically; a read-only install just goes without. */
function writeCache(cache, script) {
  const partial = `${cache}.${process.pid}`
  try {
    writeFileSync(partial, script.createCachedData())
    renameSync(partial, cache)
  } catch {
    // not writable: every run compiles, as without a cache
  }
}
