#!/usr/bin/env node
// `kubelings kubectl ...` is the hot path: dispatch it before loading oclif, so that every flag
// (including --help and -h) reaches the kubectl emulation untouched, and start-up stays short.
// `kubelings` with no command (only the global flags, if any) is the home screen, as rustlings
// starts: oclif would print its help there, so that route is taken here too.
import { loadBundle } from './bundle.js'

const argv = process.argv.slice(2)

// A reader that stops early (`kubelings | head -3`, `kubelings kubectl get events -A | head`) closes
// the pipe: what is left to print has nowhere to go. Stop quietly, as kubectl does, instead of dying
// on an unhandled EPIPE with a stack trace. Writes are synchronous, so state files are already saved.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })

/** A hot path: its bundle (bin/bundle.js) when built and up to date, else the compiled module. */
async function hotPath(name, module) {
  return loadBundle(name, module) ?? (await import(module))
}

/** Only --lang/--workspace/--course (as `--flag value` or `--flag=value`): no command was named. */
function isHome(args) {
  for (let i = 0; i < args.length; i++) {
    const flag = /^--(lang|workspace|course)(=.*)?$/.exec(args[i])
    if (!flag) return false
    if (flag[2] === undefined) i++ // its value is the next argument
  }
  return true
}

/** `kubelings verify ...` graded without loading oclif (start-up counts); false: oclif parses it (--help, a bad flag). */
async function verifyFast(args) {
  const { verifyMain } = await hotPath('verify', '../dist/ui/verify-main.js')
  const code = verifyMain(args)
  if (code === undefined) return false
  process.exitCode = code
  return true
}

/** `kubelings cluster advance|status` without oclif (start-up counts); false: oclif runs it (--json, --help, a bad flag, another subcommand). */
async function clusterFast(args) {
  const { clusterMain } = await hotPath('kubectl', '../dist/ui/playground-main.js')
  const code = clusterMain(args)
  if (code === undefined) return false
  process.exitCode = code
  return true
}

try {
  if (argv[0] === 'kubectl') {
    const { kubectlMain } = await hotPath('kubectl', '../dist/ui/playground-main.js')
    process.exitCode = await kubectlMain(argv.slice(1))
  } else if (argv[0] === 'cluster' && (await clusterFast(argv.slice(1)))) {
    // advanced or shown by clusterFast
  } else if (argv[0] === 'verify' && (await verifyFast(argv.slice(1)))) {
    // graded and printed by verifyFast
  } else if (isHome(argv)) {
    const { homeMain } = await import('../dist/ui/home-main.js')
    const code = await homeMain(argv)
    if (code !== undefined) process.exitCode = code
    else {
      const { default: Home } = await import('../dist/ui/home-command.js')
      await Home.run(argv, import.meta.url)
    }
  } else {
    const { execute } = await import('@oclif/core')
    await execute({ dir: import.meta.url })
  }
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('/dist/')) {
    process.stderr.write('error: kubelings is not built yet: run `npm install` (or `npm run build`) in its folder first.\n')
    process.exitCode = 1
  } else {
    throw e
  }
}
