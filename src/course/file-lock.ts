// A lock file next to a state file, so that two kubelings processes (a `watch` and a `verify`, a
// `kubectl` and a `cluster advance`) never interleave their read-modify-write. A lock left by a
// dead process is taken over.
//
// The lock is born whole: the holder's pid is written to a file of its own, which is then hard-linked
// to the lock's name (link fails when the name exists), so a waiting process never reads a lock
// that is half written. A lock that vanishes while being inspected was released, not abandoned:
// only a lock whose holder is gone is removed, and only if it is still the very file inspected.
import { closeSync, fstatSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'

/** Run `fn` holding `lock`; after `timeoutMs` of waiting, throw what `busy()` makes. */
export function withFileLock<T>(lock: string, busy: () => Error, fn: () => T, timeoutMs = 10_000): T {
  const deadline = Date.now() + timeoutMs
  const mine = `${lock}.${process.pid}`
  writeFileSync(mine, String(process.pid))
  try {
    for (;;) {
      try {
        linkSync(mine, lock)
        break
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      }
      if (removeIfAbandoned(lock)) continue
      if (Date.now() > deadline) throw busy()
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25)
    }
  } finally {
    unlinkQuietly(mine)
  }
  try {
    return fn()
  } finally {
    unlinkQuietly(lock)
  }
}

/** Remove `lock` when the process that holds it has died; true when it was removed. */
function removeIfAbandoned(lock: string): boolean {
  let fd: number
  try {
    fd = openSync(lock, 'r')
  } catch {
    return false // released meanwhile: try again to take it
  }
  try {
    const inspected = fstatSync(fd)
    const pid = Number(readFileSync(fd, 'utf8'))
    if (!Number.isInteger(pid) || pid <= 0) {
      // Not ours (an older kubelings wrote its pid after creating the file): judge by its age.
      if (Date.now() - inspected.mtimeMs <= 2_000) return false
    } else if (alive(pid)) return false
    // The holder is gone. Remove the lock only if it is still the file just inspected.
    const now = statSync(lock, { throwIfNoEntry: false })
    if (!now || now.ino !== inspected.ino || now.dev !== inspected.dev) return false
    unlinkQuietly(lock)
    return true
  } finally {
    closeSync(fd)
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone
  }
}
