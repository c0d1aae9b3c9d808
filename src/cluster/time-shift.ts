// A booted cluster moved in time: the boot (kubeadm's phase before the start time) is the same
// whatever the start time, only every time in it is later or earlier by as much, so a boot image
// made for one start time serves any other (cluster.ts, BootImages). Times appear in a snapshot as
// Unix milliseconds (timers, component state, trace entries), as RFC 3339 texts (stored objects,
// second or microsecond precision) and as the hex UnixNano of event names (`<object>.<hex>`, in
// names, etcd keys and trace entries). Only values within the image's time window are moved, so
// that nothing that is not a time (sizes, counts, hashes) can be mistaken for one; a test checks
// that a moved image is exactly the cluster booted at the other start time.
import type { Millis } from './clock.js'
import type { ClusterSnapshot } from './cluster.js'

/** The times of a boot image lie within this much before and after its start time. */
const WINDOW_BEFORE: Millis = 86_400_000
const WINDOW_AFTER: Millis = 30 * 86_400_000

const RFC3339 = /(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z/g
/** `.` and 16 hex digits ending a name, or a path segment: a UnixNano from about 2001 to 2116. */
const NANO_NAME = /\.([0-9a-f]{16})(?=$|\/)/g

interface Shift {
  delta: Millis
  lo: Millis
  hi: Millis
  loNanos: bigint
  hiNanos: bigint
  deltaNanos: bigint
}

/**
 * Move every time of a snapshot's data by `delta` ms, in place (the caller hands the snapshot
 * over), and return it. `start` is the start time the data was made for.
 */
export function shiftTimes<T>(data: T, start: Millis, delta: Millis): T {
  if (delta === 0) return data
  return walk(data, shiftOf(start, delta)) as T
}

function shiftOf(start: Millis, delta: Millis): Shift {
  const lo = start - WINDOW_BEFORE
  const hi = start + WINDOW_AFTER
  return { delta, lo, hi, loNanos: BigInt(lo) * 1_000_000n, hiNanos: BigInt(hi) * 1_000_000n, deltaNanos: BigInt(delta) * 1_000_000n }
}

/**
 * Move every time of a cluster snapshot (shiftTimes), except the event recorders' cache keys (the
 * snapshot's `events` and each component's): each row of their caches starts with a 53-bit hash of
 * a key text, a number that may by chance lie in the time window, and is no time.
 */
export function shiftSnapshot(snapshot: ClusterSnapshot, delta: Millis): ClusterSnapshot {
  if (delta === 0) return snapshot
  const shift = shiftOf(snapshot.options.startTime, delta)
  const out: Record<string, unknown> = {}
  // Key by key, in the snapshot's order.
  for (const [key, value] of Object.entries(snapshot)) {
    if (key === 'events') out[key] = shiftRecorders(value, shift)
    else if (key === 'components') {
      const components: Record<string, unknown> = {}
      for (const [name, entry] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        const moved: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(entry)) moved[k] = k === 'events' ? shiftRecorders(v, shift) : walk(v, shift)
        components[name] = moved
      }
      out[key] = components
    } else out[key] = walk(value, shift)
  }
  return out as unknown as ClusterSnapshot
}

/** Event recorders' caches by source: every field of every row moved but the first, its key. */
function shiftRecorders(value: unknown, shift: Shift): unknown {
  for (const caches of Object.values((value ?? {}) as Record<string, Record<string, unknown[][]>>))
    for (const rows of Object.values(caches)) for (const row of rows) for (let i = 1; i < row.length; i++) row[i] = walk(row[i], shift)
  return value
}

function walk(v: unknown, s: Shift): unknown {
  if (typeof v === 'number') return v >= s.lo && v <= s.hi ? v + s.delta : v
  if (typeof v === 'string') return text(v, s)
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = walk(v[i], s)
    return v
  }
  const o = v as Record<string, unknown>
  let renamed = false
  for (const k in o) {
    o[k] = walk(o[k], s)
    if (!renamed && text(k, s) !== k) renamed = true
  }
  if (!renamed) return o
  // A key that is a time (a map by event name): the same keys, in the same order, moved.
  const out: Record<string, unknown> = {}
  for (const k in o) out[text(k, s)] = o[k]
  return out
}

/** A text with the times in it moved (the same text when it has none: most texts). */
function text(t: string, s: Shift): string {
  // Both forms have digits and a separator at least 17 characters long: skip short texts quickly.
  if (t.length < 17) return t
  let out = t
  if (out.includes('T') && out.includes(':')) out = out.replace(RFC3339, (m: string, ...g: string[]) => rfc3339(m, g, s))
  if (out.includes('.')) out = out.replace(NANO_NAME, (m: string, hex: string) => nanoName(m, hex, s))
  return out
}

function rfc3339(m: string, g: string[], s: Shift): string {
  const at = Date.UTC(+g[0], +g[1] - 1, +g[2], +g[3], +g[4], +g[5])
  if (!(at >= s.lo && at <= s.hi)) return m
  // The fraction (milliseconds and below, or microseconds) is the same: delta is whole seconds.
  return `${new Date(at + s.delta).toISOString().slice(0, 19)}${g[6] ?? ''}Z`
}

function nanoName(m: string, hex: string, s: Shift): string {
  const n = BigInt(`0x${hex}`)
  if (n < s.loNanos || n > s.hiNanos) return m
  return `.${(n + s.deltaNanos).toString(16).padStart(16, '0')}`
}
