// Real kubectl, when one of version 1.32 is on PATH, run against a bridge (kube-http.ts).
import { execFile, execFileSync } from 'node:child_process'
import { join } from 'node:path'
import type { KubectlOutput } from '../../src/kubectl/run.js'
import type { Bridge } from './kube-http.js'

/** The gitVersion of the kubectl on PATH (`v1.32.4-dispatcher`), or undefined when there is none. */
export function realKubectlVersion(): string | undefined {
  try {
    const out = execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 })
    return (JSON.parse(out) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion
  } catch {
    return undefined
  }
}

/** Whether the kubectl on PATH is a 1.32 one, the version our emulation follows. */
export const hasKubectl132 = (): boolean => /^v1\.32\./.test(realKubectlVersion() ?? '')

/**
 * Run real kubectl with `argv` against the bridge. Asynchronous on purpose: the bridge answers on
 * this process's event loop, which a synchronous child would block. Its HOME, cache and kubeconfig
 * are the bridge's directory's, so nothing of the user's is read or written.
 */
export function realKubectl(bridge: Bridge, argv: readonly string[], options: { stdin?: string } = {}): Promise<KubectlOutput> {
  return new Promise((resolve) => {
    const child = execFile(
      'kubectl',
      [...argv],
      {
        encoding: 'utf8',
        // A command that waits for something only virtual time brings would wait for ever.
        timeout: 15_000,
        env: { PATH: process.env.PATH, HOME: bridge.dir, KUBECONFIG: bridge.kubeconfig, KUBECACHEDIR: join(bridge.dir, 'cache'), NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ stdout, stderr, exitCode: code })
      },
    )
    child.stdin?.end(options.stdin ?? '')
  })
}
