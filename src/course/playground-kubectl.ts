// `kubelings kubectl ARGS...`: kubectl against the workspace's playground cluster. bin/run.js calls
// this before loading oclif, so every flag reaches kubectl untouched and start-up stays short.
import { runKubectlTo } from '../kubectl/run.js'
import { isInteractiveShell } from './exec-shell.js'
import { reportFailure } from './failure.js'
import { Playground, playgroundIO, withPlaygroundLock } from './playground.js'
import { sessionLang } from './settings.js'
import { requireWorkspace } from './workspace.js'

/** Take kubelings' own options (`--workspace DIR`, `--lang zh`) out of a kubectl command line. */
export function splitOwnOptions(argv: readonly string[]): { workspace?: string; lang?: string; rest: string[] } {
  const rest: string[] = []
  let workspace: string | undefined
  let lang: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      rest.push(...argv.slice(i))
      break
    }
    const m = /^--(workspace|lang)(?:=(.*))?$/.exec(a)
    if (m) {
      const value = m[2] ?? argv[++i]
      if (m[1] === 'workspace') workspace = value
      else lang = value
      continue
    }
    rest.push(a)
  }
  return { workspace, lang, rest }
}

export async function kubectlMain(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const own = splitOwnOptions(argv)
  const lang = sessionLang({ lang: own.lang, workspace: own.workspace }, cwd)
  try {
    const ws = requireWorkspace(cwd, own.workspace ?? process.env.KUBELINGS_WORKSPACE, lang)
    // port-forward keeps running with real listeners: it has its own loop (port-forward.ts).
    if (isPortForward(own.rest)) return (await import('./port-forward.js')).portForwardMain(ws, own.rest, cwd, lang)
    // exec -it ... -- sh in a terminal talks to the shell line by line (exec-shell.ts).
    if (process.stdin.isTTY && isInteractiveShell(own.rest)) return (await import('./exec-shell.js')).execShellMain(ws, own.rest, cwd, lang)
    // What kubectl wrote, in its order (a Warning before the table), printed once the state is saved.
    const written: [NodeJS.WriteStream, string][] = []
    // kubectl edit shows what it wrote so far before it opens the editor (a pass's errors).
    const flush = (): void => {
      for (const [stream, text] of written.splice(0)) stream.write(text)
    }
    const exitCode = withPlaygroundLock(ws, lang, () => {
      const playground = Playground.open(ws, lang)
      const code = runKubectlTo(playground.cluster, own.rest, playgroundIO(ws, cwd, flush), {
        out: (s) => void written.push([process.stdout, s]),
        err: (s) => void written.push([process.stderr, s]),
      })
      playground.save()
      return code
    })
    for (const [stream, text] of written) stream.write(text)
    return exitCode
  } catch (e) {
    return reportFailure(e, lang)
  }
}

/** Whether the kubectl command of `argv` is port-forward (only global flags and their values before it). */
function isPortForward(argv: readonly string[]): boolean {
  const at = argv.indexOf('port-forward')
  // Its --help is kubectl's to print, as for every command.
  if (at < 0 || argv.includes('--help') || argv.includes('-h')) return false
  return argv.slice(0, at).every((a, i, before) => a.startsWith('-') || (i > 0 && before[i - 1].startsWith('-') && !before[i - 1].includes('=')))
}
