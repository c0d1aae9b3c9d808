// What kubectl reads from the outside world, injected so that tests can give it files and stdin.
import { spawnSync } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
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
  /** The editor `kubectl edit` opens (none: edit cannot run here). */
  readonly editor?: EditorIO
}

/** What `kubectl edit` does with files and the editor (k8s.io/kubectl pkg/cmd/util/editor/editor.go). */
export interface EditorIO {
  /**
   * LaunchTempFile: `text` into a new file in the temp directory named `<prefix><random><ext>`, the
   * editor opened on it; what the file holds when the editor exits. The path also on failure, when
   * the file was made.
   */
  launchTempFile(prefix: string, ext: string, text: string): { ok: true; path: string; text: string } | { ok: false; path?: string; error: string }
  remove(path: string): void
  exists(path: string): boolean
}

export interface KubeconfigFile {
  readonly path: string
  /** Its text, or undefined when there is no file yet. */
  read(): string | undefined
  write(text: string): void
}

export function nodeIO(cwd = process.cwd(), beforeEditor?: () => void): KubectlIO {
  return {
    cwd,
    editor: nodeEditor(beforeEditor),
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

/**
 * The editor `kubectl edit` launches: $KUBE_EDITOR, else $EDITOR, else vi; one with spaces in it runs
 * through $SHELL -c (else /bin/bash) when it starts with a quote, and is split at its spaces
 * otherwise (defaultEnvEditor). It gets the terminal. `beforeLaunch` lets the caller show what
 * kubectl wrote so far first.
 */
export function nodeEditor(beforeLaunch?: () => void): EditorIO {
  return {
    launchTempFile(prefix, ext, text) {
      let path = ''
      for (;;) {
        path = join(tmpdir(), `${prefix}${randomInt(2 ** 32)}${ext}`)
        try {
          writeFileSync(path, text, { flag: 'wx' })
          break
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, error: (e as Error).message }
        }
      }
      const editor = process.env.KUBE_EDITOR || process.env.EDITOR || 'vi'
      const shell = !editor.includes(' ') ? undefined : editor.startsWith('"') ? [process.env.SHELL || '/bin/bash', '-c'] : undefined
      const args = shell ? [...shell, `${editor} ${JSON.stringify(path)}`] : [...editor.split(' '), path]
      beforeLaunch?.()
      const run = spawnSync(args[0], args.slice(1), { stdio: 'inherit' })
      const named = editor.split(' ')[0]
      if (run.error) return { ok: false, path, error: (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? `unable to launch the editor "${named}"` : `there was a problem with the editor "${named}"` }
      if (run.status !== 0) return { ok: false, path, error: `there was a problem with the editor "${named}"` }
      return { ok: true, path, text: readFileSync(path, 'utf8') }
    },
    remove: (path) => rmSync(path, { force: true }),
    exists: (path) => existsSync(path),
  }
}

/**
 * An editor for tests and the programmatic API: `edit` gets each file's text (and its path) and
 * gives the text the user would have saved. Files live in memory under /tmp.
 */
export function memoryEditor(edit: (text: string, path: string) => string): EditorIO {
  const files = new Map<string, string>()
  let next = 1000000000
  return {
    launchTempFile(prefix, ext, text) {
      const path = `/tmp/${prefix}${next++}${ext}`
      const edited = edit(text, path)
      files.set(path, edited)
      return { ok: true, path, text: edited }
    },
    remove: (path) => void files.delete(path),
    exists: (path) => files.has(path),
  }
}

/** An in-memory file system, for tests and the programmatic API. */
export function memoryIO(files: Record<string, string>, stdin = '', cwd = '/work', editor?: EditorIO): KubectlIO {
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
    ...(editor ? { editor } : {}),
  }
}
