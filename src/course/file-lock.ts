// A lock file next to a state file, so that two kubelings processes (a `watch` and a `verify`, a
// `kubectl` and a `cluster advance`) never interleave their read-modify-write. A lock left by a
// dead process is taken over.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'

/** Run `fn` holding `lock`; after `timeoutMs` of waiting, throw what `busy()` makes. */
export function withFileLock<T>(lock: string, busy: () => Error, fn: () => T, timeoutMs = 10_000): T {
  const deadline = Date.now() + timeoutMs
  let fd: number | undefined
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx')
      writeSync(fd, String(process.pid))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      if (staleLock(lock)) {
        try {
          unlinkSync(lock)
        } catch {
          // another process took it over first
        }
        continue
      }
      if (Date.now() > deadline) throw busy()
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25)
    }
  }
  try {
    return fn()
  } finally {
    closeSync(fd)
    try {
      unlinkSync(lock)
    } catch {
      // already gone
    }
  }
}

function staleLock(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'))
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lock).mtimeMs > 2_000
    process.kill(pid, 0)
    return false
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' || (e as NodeJS.ErrnoException).code === 'ENOENT'
  }
}
