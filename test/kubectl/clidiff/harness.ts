// The differential harness: one command line run by the real kubectl 1.32 (against a kubeconfig whose
// server cannot be reached, so nothing real is touched) and by our runKubectl, on the same files and
// the same kubeconfig, so what kubectl decides before it talks to a server can be compared exactly.
import { execFile, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO, type KubectlIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

export interface Outcome {
  stdout: string
  stderr: string
  exitCode: number
  /** The kubeconfig file after the command (config commands write it). */
  kubeconfig: string
}

export interface Case {
  argv: string[]
  /** Files in the working directory, by relative path. */
  files?: Record<string, string>
  /**
   * Why our answer differs on purpose (a command, flag or generator the playground does not model):
   * ours must then say so in its own words, non-zero.
   */
  deliberate?: string
  /** kubectl prints these lines in Go map order, which changes from run to run: compared sorted. */
  unordered?: boolean
}

/** The kubeconfig both kubectls read: one cluster at an address where nothing listens. */
export const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:1
  name: kubernetes
- cluster:
    server: https://10.0.0.9:6443
    insecure-skip-tls-verify: true
  name: other
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
- context:
    cluster: other
    namespace: team
    user: dev
  name: dev@other
current-context: kubernetes-admin@kubernetes
preferences: {}
users:
- name: kubernetes-admin
  user:
    token: abc
- name: dev
  user:
    username: dev
    password: secret
`

/** Whether the real kubectl on PATH is 1.32 (the version the emulation copies); why not, otherwise. */
export function realKubectl(): { ok: true; version: string } | { ok: false; reason: string } {
  try {
    const out = execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
    const version = (JSON.parse(out) as { clientVersion?: { gitVersion?: string; buildDate?: string } }).clientVersion
    const git = version?.gitVersion ?? ''
    return git.startsWith('v1.32.') ? { ok: true, version: `${git} ${version?.buildDate ?? ''}` } : { ok: false, reason: `kubectl on PATH is ${git}, not v1.32.x` }
  } catch {
    return { ok: false, reason: 'no kubectl on PATH' }
  }
}

/** A fresh directory for one case: its files and a copy of the kubeconfig. */
function caseDir(root: string, index: number, c: Case): string {
  const dir = join(root, `case${index}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'kubeconfig'), KUBECONFIG)
  for (const [path, text] of Object.entries(c.files ?? {})) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

/** klog's header (time and process ID) and the case's directory differ between any two runs. */
export function normalise(text: string, dir: string): string {
  return text.replace(/^([EWI])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ (\w+\.go:\d+)\]/gm, '$1<time> <pid> $2]').replaceAll(dir, '<dir>')
}

/**
 * The real kubectl's answers to every case, kept in the temporary directory under a hash of the
 * kubectl build, the kubeconfig and the cases: a second run of the suite costs no process at all.
 */
export async function realOutcomes(version: string, cases: readonly Case[]): Promise<Outcome[]> {
  const hash = createHash('sha256').update(JSON.stringify([version, KUBECONFIG, cases])).digest('hex').slice(0, 16)
  const cache = join(tmpdir(), `kubelings-clidiff-${hash}.json`)
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Outcome[]
  const outcomes = await runAllReal(cases)
  writeFileSync(`${cache}.tmp`, JSON.stringify(outcomes))
  renameSync(`${cache}.tmp`, cache)
  return outcomes
}

/** Run every case through the real kubectl, several at a time (one Go thread each, no GC: they live 50 ms). */
async function runAllReal(cases: readonly Case[], parallel = 6): Promise<Outcome[]> {
  const root = mkdtempSync(join(tmpdir(), 'clidiff-real-'))
  const results: Outcome[] = new Array(cases.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++
      const dir = caseDir(root, i, cases[i])
      const kubeconfig = join(dir, 'kubeconfig')
      results[i] = await new Promise<Outcome>((resolve) => {
        const child = execFile(
          'kubectl',
          cases[i].argv,
          { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache'), GOMAXPROCS: '1', GOGC: 'off' }, timeout: 20_000, encoding: 'utf8' },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
            resolve({ stdout: normalise(stdout, dir), stderr: normalise(stderr, dir), exitCode: code, kubeconfig: readFileSync(kubeconfig, 'utf8') })
          },
        )
        child.stdin?.end()
      })
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  rmSync(root, { recursive: true, force: true })
  return results
}

/** Our kubectl on a fresh simulated cluster, with the same working directory and kubeconfig path. */
export function runOurs(c: Case, dir = '/clidiff/case'): Outcome {
  const cluster = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
  let file = KUBECONFIG
  const io: KubectlIO = {
    ...memoryIO(c.files ?? {}, '', dir),
    cacheDir: join(dir, 'cache'),
    kubeconfig: { path: join(dir, 'kubeconfig'), read: () => file, write: (t) => void (file = t) },
  }
  const out = runKubectl(cluster, c.argv, io)
  return { stdout: normalise(out.stdout, dir), stderr: normalise(out.stderr, dir), exitCode: out.exitCode, kubeconfig: file }
}

/** The real kubectl got as far as the server (which is not there): not a client-side answer. */
export function reachedServer(o: Outcome): boolean {
  return /127\.0\.0\.1:1\b|10\.0\.0\.9:6443|connection refused|couldn't get current server API group list|the server could not find|Unable to connect to the server/.test(o.stderr)
}
