// What kubectl reads from the outside world, injected so that tests can give it files and stdin.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface KubectlIO {
  readonly cwd: string
  /** The file's text; throws an Error with code ENOENT when it does not exist. */
  readFile(path: string): string
  /** undefined when the path does not exist. */
  stat(path: string): { isDirectory: boolean; size: number } | undefined
  readdir(path: string): string[]
  /** All of standard input, for `-f -`. */
  readStdin(): string
  /** The kubeconfig file (`kubectl config`); without one, kubeadm's admin.conf applies and changes are not kept. */
  readonly kubeconfig?: KubeconfigFile
  /** kubectl's cache directory, --cache-dir's default: $KUBECACHEDIR, else ~/.kube/cache (none in memory). */
  readonly cacheDir?: string
}

export interface KubeconfigFile {
  readonly path: string
  /** Its text, or undefined when there is no file yet. */
  read(): string | undefined
  write(text: string): void
}

export function nodeIO(cwd = process.cwd()): KubectlIO {
  return {
    cwd,
    cacheDir: process.env.KUBECACHEDIR || join(homedir(), '.kube', 'cache'),
    readFile: (p) => readFileSync(resolve(cwd, p), 'utf8'),
    stat: (p) => {
      try {
        const s = statSync(resolve(cwd, p))
        return { isDirectory: s.isDirectory(), size: s.size }
      } catch {
        return undefined
      }
    },
    readdir: (p) => readdirSync(resolve(cwd, p)).sort(),
    readStdin: () => {
      try {
        return readFileSync(0, 'utf8')
      } catch {
        return ''
      }
    },
  }
}

/** An in-memory file system, for tests and the programmatic API. */
export function memoryIO(files: Record<string, string>, stdin = '', cwd = '/work'): KubectlIO {
  const abs = (p: string): string => resolve(cwd, p)
  const table = new Map(Object.entries(files).map(([k, v]) => [abs(k), v]))
  const isDir = (p: string): boolean => [...table.keys()].some((k) => k.startsWith(abs(p) + '/'))
  return {
    cwd,
    readFile: (p) => {
      const v = table.get(abs(p))
      if (v === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' })
      return v
    },
    stat: (p) => (table.has(abs(p)) ? { isDirectory: false, size: table.get(abs(p))!.length } : isDir(p) ? { isDirectory: true, size: 0 } : undefined),
    readdir: (p) => {
      const base = abs(p) + '/'
      return [...new Set([...table.keys()].filter((k) => k.startsWith(base)).map((k) => k.slice(base.length).split('/')[0]))].sort()
    },
    readStdin: () => stdin,
  }
}
