// Real kubectl, when one of version 1.32 is on PATH, run against a bridge (kube-http.ts).
import { execFile, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import type { KubectlOutput } from '../../src/kubectl/run.js'
import type { Bridge } from './kube-http.js'

/** The gitVersion of a kubectl binary (`v1.32.5`), or undefined when it does not run. */
function versionOf(binary: string): string | undefined {
  try {
    const out = execFileSync(binary, ['version', '--client', '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 })
    return (JSON.parse(out) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion
  } catch {
    return undefined
  }
}

/**
 * The kubectl to run: $KUBELINGS_REAL_KUBECTL if set, else the one on PATH. The Google Cloud SDK's
 * `kubectl` is a dispatcher (`v1.32.4-dispatcher`) that asks the server's /version and then runs
 * `kubectl.1.NN` beside it: that one is taken directly, one process and one request fewer a run.
 */
function resolveKubectl(): string {
  const chosen = process.env.KUBELINGS_REAL_KUBECTL
  if (chosen) return chosen
  const onPath = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'kubectl')).find((f) => existsSync(f))
  if (!onPath) return 'kubectl'
  const versioned = join(dirname(realpathSync(onPath)), 'kubectl.1.32')
  if (!versionOf(onPath)?.endsWith('-dispatcher') || !existsSync(versioned)) return onPath
  // Run through a link named kubectl: kubectl names itself by argv[0] in some messages. One link
  // per binary, kept between runs (test workers may end without an exit event to clean up after).
  const dir = join(tmpdir(), `kubelings-real-kubectl-${createHash('sha256').update(versioned).digest('hex').slice(0, 12)}`)
  const link = join(dir, 'kubectl')
  mkdirSync(dir, { recursive: true })
  try {
    symlinkSync(versioned, link)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  return link
}

let resolved: { binary: string; version: string | undefined } | undefined
const kubectl = (): { binary: string; version: string | undefined } => {
  if (!resolved) {
    const binary = resolveKubectl()
    resolved = { binary, version: versionOf(binary) }
  }
  return resolved
}

/** The gitVersion of the real kubectl the suite runs (`v1.32.5`), or undefined when there is none. */
export function realKubectlVersion(): string | undefined {
  return kubectl().version
}

/** Whether the kubectl on PATH is a 1.32 one, the version our emulation follows. */
export const hasKubectl132 = (): boolean => /^v1\.32\./.test(realKubectlVersion() ?? '')

/**
 * Run real kubectl with `argv` against the bridge. Asynchronous on purpose: the bridge answers on
 * this process's event loop, which a synchronous child would block. Its HOME, cache and kubeconfig
 * are the bridge's directory's, so nothing of the user's is read or written.
 */
export function realKubectl(bridge: Bridge, argv: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<KubectlOutput> {
  return new Promise((resolve) => {
    const child = execFile(
      kubectl().binary,
      [...argv],
      {
        encoding: 'utf8',
        // A command that waits for something only virtual time brings would wait for ever.
        timeout: 15_000,
        env: { PATH: process.env.PATH, HOME: bridge.dir, KUBECONFIG: bridge.kubeconfig, KUBECACHEDIR: join(bridge.dir, 'cache'), NO_COLOR: '1', ...options.env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ stdout, stderr, exitCode: code })
      },
    )
    child.stdin?.end(options.stdin ?? '')
  })
}
