// `kubelings kubectl exec -it POD -- sh` in a terminal: an interactive shell in the simulated
// container. Each line typed runs as the shell would run it (src/cluster/runtime/exec.ts), against
// the playground as it is at that moment; `exit [N]` or Ctrl-D leave, as with a real shell, and a
// non-zero exit is reported as kubectl reports it. Without a terminal the exec command itself runs
// the lines of stdin (src/kubectl/cmd/exec.ts).
import { createInterface } from 'node:readline'
import type { Pod } from 'kubernetes-types/core/v1.js'
import { execInPod } from '../cluster/kubelet/exec.js'
import { lookupImage } from '../cluster/runtime/images.js'
import { parseArgs } from '../kubectl/args.js'
import exec, { podFor } from '../kubectl/cmd/exec.js'
import { KubectlError, type KubectlContext } from '../kubectl/context.js'
import type { KubectlIO } from '../kubectl/io.js'
import { defaultNamespace } from '../kubectl/kubeconfig.js'
import type { SimulatedCluster } from '../cluster/cluster.js'
import { reportFailure } from './failure.js'
import type { Lang } from './i18n.js'
import { Playground, playgroundIO, withPlaygroundLock } from './playground.js'
import type { Workspace } from './workspace.js'

const SHELLS = ['sh', 'ash', 'bash', 'dash']

/** Whether `argv` (a kubectl command line) is `exec -it ... -- <shell>` with no -c: a shell to talk to. */
export function isInteractiveShell(argv: readonly string[]): boolean {
  const at = argv.indexOf('exec')
  const dd = argv.indexOf('--')
  if (at < 0 || dd < at) return false
  const flags = argv.slice(at + 1, dd)
  const has = (short: string, long: string): boolean => flags.some((f) => f === `--${long}` || f === `--${long}=true` || (/^-[a-zA-Z]+$/.test(f) && f.includes(short)))
  const command = argv.slice(dd + 1)
  return has('i', 'stdin') && has('t', 'tty') && command.length === 1 && SHELLS.includes(command[0].split('/').pop() ?? '')
}

/** The prompt of the image's shell as root in / : busybox and alpine ash `/ # `, dash `# `, bash `root@HOST:/# `. */
function promptFor(image: string, shell: string, hostname: string): string {
  const found = lookupImage(image)
  if (shell.endsWith('bash')) return `root@${hostname}:/# `
  return found.ok && found.value.userland === 'debian' ? '# ' : '/ # '
}

function contextFor(cluster: SimulatedCluster, namespace: string, files: KubectlIO): KubectlContext {
  return { cluster, api: cluster.api, io: files, namespace: namespace || defaultNamespace(cluster, files), namespaceGiven: namespace !== '', now: () => cluster.now(), out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }
}

export async function execShellMain(ws: Workspace, argv: readonly string[], cwd: string, lang: Lang): Promise<number> {
  try {
    const at = argv.indexOf('exec')
    const parsed = parseArgs([...argv.slice(0, at), ...argv.slice(at + 1)], exec.flags)
    if (!parsed.ok) {
      process.stderr.write(`Error: ${parsed.error}\nSee 'kubectl exec --help' for usage.\n`)
      return 1
    }
    const args = parsed.value
    const namespace = typeof args.flags['namespace'] === 'string' ? (args.flags['namespace'] as string) : ''
    const shell = args.rest[0]
    // What the exec command checks first: the pod, its phase, the container (defaulted aloud).
    const target = withPlaygroundLock(ws, lang, () => {
      const p = Playground.open(ws, lang)
      p.cluster.settle()
      const ctx = contextFor(p.cluster, namespace, playgroundIO(ws, cwd))
      const pod = podFor(ctx, args.positionals[0] ?? '') as Pod & { metadata: { name: string; namespace?: string } }
      const phase = pod.status?.phase
      if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`)
      let container = typeof args.flags['container'] === 'string' ? (args.flags['container'] as string) : ''
      if (!container) {
        const names = [...(pod.spec?.containers ?? []).map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)]
        container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec?.containers[0]?.name ?? ''
        if (names.length > 1) process.stderr.write(`Defaulted container "${container}" out of: ${names.join(', ')}\n`)
      }
      const probe = execInPod(p.cluster, pod as never, container, [shell, '-c', 'true'])
      if (!probe.ok) throw new KubectlError(probe.error)
      const image = pod.spec?.containers.find((c) => c.name === container)?.image ?? ''
      const hostname = pod.spec?.hostNetwork ? pod.spec.nodeName ?? '' : pod.spec?.hostname ?? pod.metadata.name
      p.save()
      return { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, container, prompt: promptFor(image, shell, hostname) }
    })
    return await converse(ws, lang, target, shell)
  } catch (e) {
    if (e instanceof KubectlError) {
      process.stderr.write(e.message.endsWith('\n') ? e.message : `${e.message}\n`)
      return e.exitCode
    }
    return reportFailure(e, lang)
  }
}

interface Target { namespace: string; name: string; container: string; prompt: string }

function converse(ws: Workspace, lang: Lang, target: Target, shell: string): Promise<number> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: target.prompt, terminal: true })
    let status = 0
    let finished = false
    const finish = (code: number): void => {
      if (finished) return
      finished = true
      rl.close()
      if (code !== 0) process.stderr.write(`command terminated with exit code ${code}\n`)
      resolve(code)
    }
    rl.on('line', (line) => {
      const exit = /^\s*exit(?:\s+(\d+))?\s*$/.exec(line)
      if (exit) return finish(exit[1] === undefined ? status : Number(exit[1]) & 0xff)
      if (line.trim() !== '') {
        const r = withPlaygroundLock(ws, lang, () => {
          const p = Playground.open(ws, lang)
          const pod = p.cluster.object('pods', target.namespace, target.name)
          const out = pod ? execInPod(p.cluster, pod, target.container, [shell, '-c', line]) : { ok: false as const, error: 'error: lost connection to pod' }
          p.save()
          return out
        })
        if (!r.ok) {
          process.stderr.write(`${r.error}\n`)
          return finish(1)
        }
        process.stdout.write(r.output.stdout)
        process.stderr.write(r.output.stderr)
        status = r.output.exitCode
        // `...; exit N` ends the shell too.
        if (/(^|[;&|])\s*exit(\s+\d+)?\s*$/.test(line)) return finish(status)
      }
      rl.prompt()
    })
    rl.on('SIGINT', () => {
      process.stdout.write('^C\n')
      rl.prompt()
    })
    rl.on('close', () => finish(status))
    rl.prompt()
  })
}
