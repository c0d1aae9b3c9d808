// Noticing saves: the ways editors save are each one save of the same file, other files in the
// folder are not the exercise's, polling finds what events would, and the probe tells a file
// system that sends no events from one that does. Real files in a temporary folder.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { probeFileEvents, silentFileEvents, watchFiles, wslWindowsDrive, type FileWatch } from '../../src/ui/watch-files.js'

const open: FileWatch[] = []
afterEach(async () => {
  for (const w of open.splice(0)) await w.close()
})

/** Watch `file` and collect each save (one array of files per debounced save). */
async function collect(file: string, polling = false, simulateSilent = false) {
  const saves: string[][] = []
  let wake: (() => void) | undefined
  const w = await watchFiles({ files: [file], polling, simulateSilent, onSaved: (files) => (saves.push(files), wake?.()), onError: (e) => { throw e } })
  open.push(w)
  const next = (ms = 8000) => new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    wake = () => (clearTimeout(timer), resolve(true))
  })
  return { saves, next }
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'kl-watch-files-'))
}

describe('watchFiles', () => {
  it('a save by renaming a temporary file over the file is one save of that file', async () => {
    const dir = folder()
    const file = join(dir, 'pod.yaml')
    writeFileSync(file, 'a: 1\n')
    const { saves, next } = await collect(file)
    writeFileSync(join(dir, '.pod.yaml.swp'), 'b: 2\n')
    renameSync(join(dir, '.pod.yaml.swp'), file)
    expect(await next()).toBe(true)
    expect(saves).toEqual([[file]])
  })

  it('a save by deleting and creating the file again is one save', async () => {
    const dir = folder()
    const file = join(dir, 'pod.yaml')
    writeFileSync(file, 'a: 1\n')
    const { saves, next } = await collect(file)
    rmSync(file)
    writeFileSync(file, 'b: 2\n')
    expect(await next()).toBe(true)
    expect(saves).toEqual([[file]])
  })

  it('another file in the same folder is not a save of the exercise', async () => {
    const dir = folder()
    const file = join(dir, 'pod.yaml')
    writeFileSync(file, 'a: 1\n')
    const { saves, next } = await collect(file)
    writeFileSync(join(dir, 'notes.txt'), 'x\n')
    expect(await next(500)).toBe(false)
    expect(saves).toEqual([])
  })

  it('polling finds a save too', async () => {
    const dir = folder()
    const file = join(dir, 'pod.yaml')
    writeFileSync(file, 'a: 1\n')
    const { saves, next } = await collect(file, true)
    writeFileSync(file, 'a: 22\n')
    expect(await next()).toBe(true)
    expect(saves).toEqual([[file]])
  })

  it('with events simulated silent, the event watcher reports nothing, and polling still does', async () => {
    const dir = folder()
    const file = join(dir, 'pod.yaml')
    writeFileSync(file, 'a: 1\n')
    const silent = await collect(file, false, true)
    const polled = await collect(file, true, true)
    writeFileSync(file, 'a: 22\n')
    expect(await polled.next()).toBe(true)
    expect(await silent.next(500)).toBe(false)
  })
})

describe('probeFileEvents', () => {
  it('sees its test save on this file system, and leaves no file behind', async () => {
    const dir = folder()
    const probe = await probeFileEvents(dir)
    expect(probe.silent).toBe(false)
    expect(probe.waited).toBeLessThan(1000)
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(dir)).toEqual([])
  })

  it('reports silence when no event arrives within the timeout', async () => {
    const probe = await probeFileEvents(folder(), { simulateSilent: true, timeoutMs: 200 })
    expect(probe.silent).toBe(true)
    expect(probe.waited).toBeGreaterThanOrEqual(199)
  })
})

describe('wslWindowsDrive', () => {
  const wslKernel = 'Linux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1) (gcc (GCC) 11.2.0)'
  it.each([
    { name: 'a Windows drive under WSL 2', root: '/mnt/c/Users/ana/kubelings', env: {}, kernel: wslKernel, drive: '/mnt/c' },
    { name: 'the drive itself', root: '/mnt/d', env: {}, kernel: wslKernel, drive: '/mnt/d' },
    { name: 'WSL known by its environment', root: '/mnt/e/work', env: { WSL_DISTRO_NAME: 'Ubuntu' }, kernel: 'Linux version 6.1', drive: '/mnt/e' },
    { name: 'the Linux side of WSL', root: '/home/ana/kubelings', env: {}, kernel: wslKernel, drive: undefined },
    { name: 'a /mnt folder that is not a drive letter', root: '/mnt/data/kubelings', env: {}, kernel: wslKernel, drive: undefined },
    { name: '/mnt/c on plain Linux', root: '/mnt/c/kubelings', env: {}, kernel: 'Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)', drive: undefined },
  ])('$name: $drive', ({ root, env, kernel, drive }) => {
    expect(wslWindowsDrive(root, env, kernel)).toBe(drive)
  })
})

describe('silentFileEvents', () => {
  it('a workspace on a Windows drive under WSL is silent without a probe', async () => {
    expect(await silentFileEvents({ root: '/mnt/c/Users/ana/kubelings', stateDir: '/mnt/c/Users/ana/kubelings/.kubelings' }, { WSL_DISTRO_NAME: 'Ubuntu' })).toEqual({ kind: 'wsl', dir: '/mnt/c' })
  })

  it('elsewhere the probe decides: here events arrive, unless the test makes them silent', async () => {
    const dir = folder()
    expect(await silentFileEvents({ root: dir, stateDir: dir }, {})).toBeUndefined()
    expect(await silentFileEvents({ root: dir, stateDir: dir }, { KUBELINGS_WATCH_SILENT: '1' })).toMatchObject({ kind: 'probe', dir })
  })
})
