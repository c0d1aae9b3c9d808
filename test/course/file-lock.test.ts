// The lock beside a state file: processes that write at once never interleave, a lock whose holder
// died is taken over, and a live holder is waited for until the time runs out.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { withFileLock } from '../../src/course/file-lock.js'

const dir = () => mkdtempSync(join(tmpdir(), 'kl-lock-'))
const busy = () => new Error('busy')

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

describe('withFileLock', () => {
  it('lets three processes add 150 each to one counter without losing one', async () => {
    const d = dir()
    const counter = join(d, 'counter')
    const lib = pathToFileURL(resolve(__dirname, '../../dist/course/file-lock.js')).href
    expect(existsSync(new URL(lib))).toBe(true)
    const script = `
      import { existsSync, readFileSync, writeFileSync } from 'node:fs'
      const { withFileLock } = await import(${JSON.stringify(lib)})
      const f = ${JSON.stringify(counter)}
      for (let i = 0; i < 150; i++)
        withFileLock(f + '.lock', () => new Error('busy'), () => writeFileSync(f, String((existsSync(f) ? Number(readFileSync(f, 'utf8')) : 0) + 1)))
    `
    const run = () => new Promise<number | null>((done) => spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' }).on('exit', done))
    expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0])
    expect(readFileSync(counter, 'utf8')).toBe('450')
    expect(readdirSync(d)).toEqual(['counter'])
  })

  it('returns what the function returns, and removes the lock even when it throws', () => {
    const lock = join(dir(), 'state.lock')
    expect(withFileLock(lock, busy, () => 42)).toBe(42)
    expect(() => withFileLock(lock, busy, () => { throw new Error('inside') })).toThrow('inside')
    expect(existsSync(lock)).toBe(false)
    expect(withFileLock(lock, busy, () => 'again')).toBe('again')
  })

  it('takes over a lock whose holder has died', () => {
    const lock = join(dir(), 'state.lock')
    writeFileSync(lock, String(deadPid()))
    expect(withFileLock(lock, busy, () => 'taken', 200)).toBe('taken')
    expect(existsSync(lock)).toBe(false)
  })

  it('waits for a live holder, then throws what busy() makes', () => {
    const lock = join(dir(), 'state.lock')
    writeFileSync(lock, String(process.pid))
    expect(() => withFileLock(lock, busy, () => 'never', 100)).toThrow('busy')
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
  })

  it('waits for a lock without a pid while it is young, and takes it over once it is old', () => {
    const lock = join(dir(), 'state.lock')
    writeFileSync(lock, '')
    expect(() => withFileLock(lock, busy, () => 'never', 100)).toThrow('busy')
    const old = new Date(Date.now() - 5_000)
    utimesSync(lock, old, old)
    expect(withFileLock(lock, busy, () => 'taken', 100)).toBe('taken')
  })
})
