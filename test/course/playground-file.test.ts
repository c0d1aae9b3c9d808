// The playground's state file on disk: gzip-compressed JSON; a plain JSON file written before
// compression still opens; a damaged compressed file is refused as any damaged file is.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { Playground } from '../../src/course/playground.js'
import { initWorkspace } from '../../src/course/workspace.js'

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

describe('the playground state file', () => {
  it('is the state as JSON, gzip-compressed to a fraction of its size', () => {
    const { ws, snapshot } = saved()
    const bytes = readFileSync(Playground.file(ws))
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
    const text = gunzipSync(bytes).toString('utf8')
    const state = JSON.parse(text) as { kind: string; version: number; manualClock: boolean; cluster: unknown }
    expect(state).toMatchObject({ kind: 'KubelingsPlayground', version: 1, manualClock: true })
    expect(JSON.stringify(state.cluster)).toBe(snapshot)
    expect(bytes.length * 5).toBeLessThan(text.length)
  })

  it('opens as the cluster that was saved', () => {
    const { ws, snapshot } = saved()
    expect(JSON.stringify(Playground.open(ws, 'en', T0).cluster.snapshot())).toBe(snapshot)
  })

  it('still opens when written before compression (plain JSON)', () => {
    const { ws, snapshot } = saved()
    const file = Playground.file(ws)
    writeFileSync(file, gunzipSync(readFileSync(file)))
    expect(readFileSync(file, 'utf8').startsWith('{"kind":"KubelingsPlayground"')).toBe(true)
    const p = Playground.open(ws, 'en', T0)
    expect(JSON.stringify(p.cluster.snapshot())).toBe(snapshot)
    p.save(T0)
    expect(readFileSync(file)[0]).toBe(0x1f)
  })

  it('refuses a cut-off compressed file as damaged, in English and Chinese', () => {
    const { ws } = saved()
    const file = Playground.file(ws)
    const bytes = readFileSync(file)
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1))
    expect(() => Playground.open(ws, 'en', T0)).toThrow(/damaged.*`kubelings cluster reset`/)
    expect(() => Playground.open(ws, 'zh', T0)).toThrow(/已损坏/)
    const { keptCorrupt } = Playground.reset(ws, { seed: 1, startTime: T0 }, T0)
    expect(readFileSync(keptCorrupt!)).toEqual(bytes.subarray(0, bytes.length >> 1))
  })
})
