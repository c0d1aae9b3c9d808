// The playground's state file on disk: gzip members range by range (playground-state.ts). What a
// command did not change is written back byte for byte; files from before (one gzip-compressed
// JSON text, or plain JSON) still open; a damaged file is refused as any damaged file is.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { Playground } from '../../src/course/playground.js'
import { decodeState } from '../../src/course/playground-state.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { runKubectl } from '../../src/kubectl/run.js'
import { memoryIO } from '../../src/kubectl/io.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'kl-pgf-'))
  return initWorkspace(dir, join(dir, 'no-course')).workspace
}

/** A manual-clock playground with a Deployment that ran for a minute, saved. */
function saved() {
  const ws = workspace()
  const { playground } = Playground.reset(ws, { seed: 9, workers: 2, manualClock: true, startTime: T0 }, T0)
  playground.cluster.api.create('kubectl', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
  })
  playground.advance(60_000)
  playground.save(T0)
  return { ws, snapshot: JSON.stringify(playground.cluster.snapshot()) }
}

/** The file as a kubelings from before this format wrote it: the whole state as one JSON text. */
function versionOneText(snapshot: string): string {
  return `{"kind":"KubelingsPlayground","version":1,"manualClock":true,"wallClock":${T0},"clockOffset":60000,"cluster":${snapshot}}`
}

const kubectl = (p: Playground, argv: string[]) => runKubectl(p.cluster, argv, memoryIO({}, ''))

describe('the playground state file', () => {
  it('is gzip members that decompress to one JSON document, whose version tells an older kubelings it is newer', () => {
    const { ws, snapshot } = saved()
    const bytes = readFileSync(Playground.file(ws))
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
    const text = gunzipSync(bytes).toString('utf8')
    const state = JSON.parse(text) as { kind: string; version: number; wallClock: number; cluster: { version: number } }
    expect(state).toMatchObject({ kind: 'KubelingsPlayground', version: 2, wallClock: T0, cluster: { version: 1 } })
    expect(bytes.length * 5).toBeLessThan(text.length)
    const read = decodeState(bytes)
    expect(read.head).toMatchObject({ manualClock: true, wallClock: T0, clockOffset: 60_000 })
    expect([...read.ranges.keys()]).toEqual(read.head.ranges)
    expect(read.head.ranges).toEqual(expect.arrayContaining(['/registry/pods/', '/registry/events/', '/registry/deployments/']))
    expect(JSON.stringify(read.components)).toBe(JSON.stringify(JSON.parse(snapshot).components))
  })

  it('opens as the cluster that was saved', () => {
    const { ws, snapshot } = saved()
    expect(JSON.stringify(Playground.open(ws, 'en', T0).cluster.snapshot())).toBe(snapshot)
  })

  it('runs on exactly as the cluster that was saved would have', () => {
    const ws = workspace()
    const { playground } = Playground.reset(ws, { seed: 3, workers: 2, manualClock: true, startTime: T0 }, T0)
    playground.save(T0)
    const reopened = Playground.open(ws, 'en', T0)
    for (const p of [playground, reopened]) {
      expect(kubectl(p, ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=4']).exitCode).toBe(0)
      p.advance(90_000)
      expect(kubectl(p, ['scale', 'deployment', 'web', '--replicas=1']).exitCode).toBe(0)
      p.advance(45_000)
    }
    expect(JSON.stringify(reopened.cluster.snapshot())).toBe(JSON.stringify(playground.cluster.snapshot()))
  })

  it('writes back what a command did not change byte for byte, and re-encodes only what it changed', () => {
    const { ws, snapshot } = saved()
    const file = Playground.file(ws)
    const before = decodeState(readFileSync(file))
    const reader = Playground.open(ws, 'en', T0)
    expect(kubectl(reader, ['get', 'deployments']).stdout).toContain('web')
    reader.save(T0)
    const afterGet = decodeState(readFileSync(file))
    for (const [prefix, m] of before.ranges) expect(afterGet.ranges.get(prefix)?.equals(m), prefix).toBe(true)
    expect(afterGet.componentsMember.equals(before.componentsMember)).toBe(true)
    // The trace has the get: the head is new.
    expect(JSON.parse(snapshot).trace.entries.length + 1).toBe(afterGet.head.cluster.trace.entries.length)

    const writer = Playground.open(ws, 'en', T0)
    expect(kubectl(writer, ['label', 'deployment', 'web', 'tier=front']).exitCode).toBe(0)
    const expected = JSON.stringify(writer.cluster.snapshot())
    writer.save(T0)
    const afterLabel = decodeState(readFileSync(file))
    const changed = [...afterLabel.ranges].filter(([prefix, m]) => !before.ranges.get(prefix)?.equals(m)).map(([prefix]) => prefix)
    expect(changed).toEqual(['/registry/deployments/'])
    expect(JSON.stringify(Playground.open(ws, 'en', T0).cluster.snapshot())).toBe(expected)
  })

  it('reopened two hours later on the wall clock, has let its events expire as the apiserver does (1 h TTL)', () => {
    const ws = workspace()
    const { playground } = Playground.reset(ws, { seed: 4, workers: 1, startTime: T0 }, T0)
    expect(kubectl(playground, ['run', 'web', '--image=nginx:1.27']).exitCode).toBe(0)
    playground.advance(60_000)
    playground.save(T0)
    const events = (p: Playground) => kubectl(p, ['get', 'events', '-A', '--no-headers']).stdout.split('\n').filter(Boolean)
    expect(events(Playground.open(ws, 'en', T0 + 3_000_000)).length).toBeGreaterThan(5)
    // The events' range is still unparsed when the leases expire: it is loaded to delete them.
    const later = Playground.open(ws, 'en', T0 + 2 * 3_600_000)
    expect(events(later)).toEqual([])
    expect(kubectl(later, ['get', 'pod', 'web', '--no-headers']).stdout).toMatch(/^web +1\/1 +Running /)
    later.save(T0 + 2 * 3_600_000)
    expect(events(Playground.open(ws, 'en', T0 + 2 * 3_600_000))).toEqual([])
  })

  it('still opens when written before this format (one gzip-compressed JSON text), and is rewritten in it', () => {
    const { ws, snapshot } = saved()
    const file = Playground.file(ws)
    writeFileSync(file, gzipSync(versionOneText(snapshot)))
    const p = Playground.open(ws, 'en', T0)
    expect(JSON.stringify(p.cluster.snapshot())).toBe(snapshot)
    expect(p.manualClock).toBe(true)
    p.save(T0)
    expect(decodeState(readFileSync(file)).head.clockOffset).toBe(60_000)
    expect(JSON.stringify(Playground.open(ws, 'en', T0).cluster.snapshot())).toBe(snapshot)
  })

  it('still opens when written before compression (plain JSON)', () => {
    const { ws, snapshot } = saved()
    const file = Playground.file(ws)
    writeFileSync(file, versionOneText(snapshot))
    expect(JSON.stringify(Playground.open(ws, 'en', T0).cluster.snapshot())).toBe(snapshot)
  })

  it('refuses a cut-off file as damaged, in English and Chinese, and reset keeps it', () => {
    const { ws } = saved()
    const file = Playground.file(ws)
    const bytes = readFileSync(file)
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1))
    expect(() => Playground.open(ws, 'en', T0)).toThrow(/damaged.*`kubelings cluster reset`/)
    expect(() => Playground.open(ws, 'zh', T0)).toThrow(/已损坏/)
    const { keptCorrupt } = Playground.reset(ws, { seed: 1, startTime: T0 }, T0)
    expect(readFileSync(keptCorrupt!)).toEqual(bytes.subarray(0, bytes.length >> 1))
  })

  it('refuses a file damaged inside a range (its checksum fails) when the range is read, and reset keeps it', () => {
    const { ws } = saved()
    const file = Playground.file(ws)
    const bytes = Buffer.from(readFileSync(file))
    const read = decodeState(bytes)
    const pods = read.ranges.get('/registry/pods/')!
    // Flip a byte in the middle of the pods' compressed data: the members still chain up, the checksum fails.
    const podsAt = bytes.indexOf(pods)
    expect(podsAt).toBeGreaterThan(0)
    bytes[podsAt + (pods.length >> 1)] ^= 0xff
    writeFileSync(file, bytes)
    // Opening reads no pods (the components start when first needed); the first command that does is refused.
    const p = Playground.open(ws, 'en', T0)
    expect(kubectl(p, ['get', 'deployments']).exitCode).toBe(0)
    expect(() => kubectl(p, ['get', 'pods'])).toThrow(/damaged.*`kubelings cluster reset`/)
    expect(() => Playground.open(ws, 'en', T0).advance(1000)).toThrow(/damaged.*`kubelings cluster reset`/)
    const { keptCorrupt } = Playground.reset(ws, { seed: 1, startTime: T0 }, T0)
    expect(readFileSync(keptCorrupt!)).toEqual(bytes)
  })
})
