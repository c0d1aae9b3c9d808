// The playground's state file on disk, version 2: a run of gzip members, one for the head (clock,
// trace, options), one for the components' state, and one per range of stored objects (all pods,
// all events, ...). Each member is compressed on its own and carries its own length in its gzip
// header (an FEXTRA subfield `KL`), so that
//   - a range that no command wrote to since the file was read is written back as the very bytes
//     read, without parsing, encoding or compressing it again (a `kubectl get` on a cluster of
//     10,000 pods re-encodes the head only), and the same goes for unchanged component state;
//   - a range is inflated and parsed only when the cluster first needs one of its keys (etcd.ts,
//     DeferredRange): reading deployments does not parse 50 MiB of events.
// The texts of all members put together are still one JSON document (a multi-member gzip file
// decompresses to their concatenation), whose `version` 2 tells a kubelings from before this format
// that the file is newer than it, rather than damaged.
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib'
import type { ClusterSnapshot } from '../cluster/cluster.js'
import { rangeGroup, type KeyValue } from '../cluster/etcd.js'

export const STATE_FORMAT_VERSION = 2

/** Everything but the stored entries and the components' state. */
export interface StateHead {
  manualClock: boolean
  /** Wall-clock time (Unix ms) of the last save. */
  wallClock: number
  clockOffset: number
  /** The cluster snapshot without `components`, with `etcd.entries` empty. */
  cluster: Omit<ClusterSnapshot, 'components'>
  /** The prefix of each range member, in the order of the members. */
  ranges: string[]
}

/** A state file read: the head and components parsed, the ranges still compressed. */
export interface StateRead {
  head: StateHead
  components: ClusterSnapshot['components']
  /** The components member's text (to know at the next save whether they changed) and bytes. */
  componentsText: string
  componentsMember: Buffer
  /** Each range's member, by prefix. */
  ranges: Map<string, Buffer>
}

/** What a save may take over from the file it read instead of encoding again. */
export interface StateReuse {
  componentsText?: string
  componentsMember?: Buffer
  ranges?: ReadonlyMap<string, Buffer>
}

const COMPONENTS_OPEN = ',"components":'
const COMPONENTS_CLOSE = ',"etcd":[null'
const TAIL = ']}'
/** The FEXTRA field of a member: XLEN 8, subfield `KL` of 4 bytes, the member's length. */
const EXTRA_LENGTH = 10

/** Thrown for a file that is not a whole state file of this format. */
export class DamagedState extends Error {}

/** Whether these bytes are a state file of this format (a gzip member with the `KL` length field). */
export function isStateV2(bytes: Buffer): boolean {
  return bytes.length >= 10 + EXTRA_LENGTH && bytes[0] === 0x1f && bytes[1] === 0x8b && (bytes[3] & 4) !== 0 && bytes[12] === 0x4b && bytes[13] === 0x4c
}

/** Gzip `text` into one member that carries its own length. */
export function member(text: string): Buffer {
  // Level 1: nearly all of the size saved (the text repeats itself a lot) for the least time.
  const gz = gzipSync(bytesOf(text), { level: 1 })
  if (gz[3] !== 0) throw new Error('unexpected gzip header flags')
  const out = Buffer.allocUnsafe(gz.length + EXTRA_LENGTH)
  gz.copy(out, 0, 0, 10)
  out[3] = 4 // FEXTRA
  out.writeUInt16LE(8, 10)
  out[12] = 0x4b // 'K'
  out[13] = 0x4c // 'L'
  out.writeUInt16LE(4, 14)
  out.writeUInt32LE(out.length, 16)
  gz.copy(out, 10 + EXTRA_LENGTH, 10)
  return out
}

/** Rows of a range stringified together: large enough for deflate, small enough to stay out of the large-object space. */
const ROWS_PER_PIECE = 1000

/**
 * One member of texts given piece by piece (a range of 100 MB of JSON): each piece is compressed on
 * its own and flushed to a byte boundary, so that the pieces' deflate data put one after the other
 * is one deflate stream (as pigz makes it), and the gzip trailer carries the CRC and size of all of
 * them. No text or buffer of the whole range is ever made: those cost more to allocate and collect
 * than to fill.
 */
export function memberOfPieces(pieces: Iterable<string>): Buffer {
  const parts: Buffer[] = [Buffer.alloc(10 + EXTRA_LENGTH)]
  let crc = 0
  let size = 0
  let last: Buffer | undefined
  for (const text of pieces) {
    if (last) parts.push(deflateRawSync(last, { level: 1, finishFlush: constants.Z_SYNC_FLUSH }))
    last = bytesOf(text)
    crc = crc32(last, crc)
    size += last.length
  }
  parts.push(deflateRawSync(last ?? Buffer.alloc(0), { level: 1 }))
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size % 2 ** 32, 4)
  parts.push(trailer)
  const out = Buffer.concat(parts)
  // The gzip header as gzipSync writes it at level 1 (XFL 4: fastest; OS 3: Unix), with the length field.
  out.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 4, 3], 0)
  out.writeUInt16LE(8, 10)
  out[12] = 0x4b // 'K'
  out[13] = 0x4c // 'L'
  out.writeUInt16LE(4, 14)
  out.writeUInt32LE(out.length, 16)
  return out
}

/** A text's UTF-8 bytes; an ASCII one (nearly always: JSON of ASCII data) copied rather than encoded. */
function bytesOf(text: string): Buffer {
  return Buffer.byteLength(text) === text.length ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8')
}

/** A range's member: `,{"prefix":...,"entries":[row,...]}`, its rows stringified a thousand at a time. */
function rangeMember(prefix: string, rows: readonly unknown[]): Buffer {
  function* pieces(): Generator<string> {
    yield `,{"prefix":${JSON.stringify(prefix)},"entries":[`
    for (let at = 0; at < rows.length; at += ROWS_PER_PIECE) {
      const text = JSON.stringify(rows.slice(at, at + ROWS_PER_PIECE))
      // The rows without the brackets of their slice, after a comma from the second on.
      yield at === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`
    }
    yield ']}'
  }
  return memberOfPieces(pieces())
}

/** The members of a file, checked to follow each other exactly up to its end. */
function members(bytes: Buffer): Buffer[] {
  const out: Buffer[] = []
  let at = 0
  while (at < bytes.length) {
    if (!isStateV2(bytes.subarray(at))) throw new DamagedState('not a state file member')
    const length = bytes.readUInt32LE(at + 16)
    if (length < 10 + EXTRA_LENGTH + 8 || at + length > bytes.length) throw new DamagedState('cut-off member')
    out.push(bytes.subarray(at, at + length))
    at += length
  }
  return out
}

function inflate(m: Buffer): string {
  try {
    return gunzipSync(m).toString('utf8')
  } catch {
    throw new DamagedState('damaged member')
  }
}

/**
 * Encode a state: the head, the components, and the stored entries range by range. `components`
 * undefined: they are those read (`reuse`), written back as they were.
 */
export function encodeState(
  head: Omit<StateHead, 'ranges'>,
  components: ClusterSnapshot['components'] | undefined,
  stored: { untouched: readonly string[]; entries: readonly KeyValue[] },
  reuse: StateReuse = {},
): { bytes: Buffer; componentsText: string; componentsMember: Buffer } {
  const byRange = new Map<string, EntryRow[]>()
  for (const kv of stored.entries) {
    const prefix = rangeGroup(kv.key)
    let rows = byRange.get(prefix)
    if (!rows) byRange.set(prefix, (rows = []))
    rows.push(kv.lease === undefined ? [kv.key, kv.createRevision, kv.modRevision, kv.version, kv.value] : [kv.key, kv.createRevision, kv.modRevision, kv.version, kv.value, kv.lease])
  }
  const rangeMembers = new Map<string, Buffer>()
  for (const prefix of stored.untouched) {
    const kept = reuse.ranges?.get(prefix)
    if (!kept || byRange.has(prefix)) throw new Error(`no stored form of the range ${prefix} to keep`)
    rangeMembers.set(prefix, kept)
  }
  // Each range stringified a thousand rows at a time and compressed piece by piece (rangeMember).
  for (const [prefix, rows] of byRange) rangeMembers.set(prefix, rangeMember(prefix, rows))
  const ranges = [...rangeMembers.keys()].sort()
  let componentsText: string
  let componentsMember: Buffer
  if (components === undefined) {
    if (reuse.componentsText === undefined || reuse.componentsMember === undefined) throw new Error('no components to keep')
    ;({ componentsText, componentsMember } = reuse as Required<StateReuse>)
  } else {
    componentsText = JSON.stringify(components)
    componentsMember = componentsText === reuse.componentsText && reuse.componentsMember ? reuse.componentsMember : member(`${COMPONENTS_OPEN}${componentsText}${COMPONENTS_CLOSE}`)
  }
  // Kind, version and wallClock first, as a kubelings that reads the whole text as JSON checks them.
  const headText = `{"kind":"KubelingsPlayground","version":${STATE_FORMAT_VERSION},"wallClock":${JSON.stringify(head.wallClock)},"cluster":{"kind":"KubelingsCluster","version":${JSON.stringify(head.cluster.version)}},"head":${JSON.stringify({ ...head, ranges })}`
  const bytes = Buffer.concat([member(headText), componentsMember, ...ranges.map((p) => rangeMembers.get(p)!), member(TAIL)])
  return { bytes, componentsText, componentsMember }
}

/** Read a state file of this format; DamagedState when it is not whole. The ranges stay compressed. */
export function decodeState(bytes: Buffer): StateRead {
  const all = members(bytes)
  if (all.length < 3) throw new DamagedState('too few members')
  let head: StateHead
  try {
    head = (JSON.parse(`${inflate(all[0])}}`) as { head: StateHead }).head
  } catch (e) {
    throw e instanceof DamagedState ? e : new DamagedState('damaged head')
  }
  if (typeof head !== 'object' || head === null || !Array.isArray(head.ranges) || head.ranges.length !== all.length - 3) throw new DamagedState('damaged head')
  const componentsText = inflate(all[1])
  if (!componentsText.startsWith(COMPONENTS_OPEN) || !componentsText.endsWith(COMPONENTS_CLOSE)) throw new DamagedState('damaged components')
  const json = componentsText.slice(COMPONENTS_OPEN.length, componentsText.length - COMPONENTS_CLOSE.length)
  let components: ClusterSnapshot['components']
  try {
    components = JSON.parse(json) as ClusterSnapshot['components']
  } catch {
    throw new DamagedState('damaged components')
  }
  if (inflate(all[all.length - 1]) !== TAIL) throw new DamagedState('damaged tail')
  const ranges = new Map<string, Buffer>()
  head.ranges.forEach((prefix, i) => ranges.set(prefix, all[i + 2]))
  if (ranges.size !== head.ranges.length) throw new DamagedState('a range twice')
  return { head, components, componentsText: json, componentsMember: all[1], ranges }
}

/** The entries of one range member (DamagedState when it is not whole or not of that range). */
export function decodeRange(prefix: string, m: Buffer): KeyValue[] {
  let parsed: { prefix: string; entries: EntryRow[] }
  try {
    parsed = JSON.parse(inflate(m).slice(1)) as typeof parsed
  } catch (e) {
    throw e instanceof DamagedState ? e : new DamagedState(`damaged range ${prefix}`)
  }
  if (parsed?.prefix !== prefix || !Array.isArray(parsed.entries)) throw new DamagedState(`damaged range ${prefix}`)
  return parsed.entries.map(([key, createRevision, modRevision, version, value, lease]) =>
    lease === undefined ? { key, value, createRevision, modRevision, version } : { key, value, createRevision, modRevision, version, lease },
  )
}

/** A stored entry in a range member: key, revisions, version, value, and its lease if it has one. */
type EntryRow = [string, number, number, number, KeyValue['value'], number?]
