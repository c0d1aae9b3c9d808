// A boot image moved in time is exactly the cluster booted at the other start time: the boot does
// the same whatever the start time, and every time in a snapshot (milliseconds, RFC 3339 texts, the
// hex UnixNano of event names) is found and moved. `create` uses an image made for any start time.
import { describe, expect, test } from 'vitest'
import { anyStartKey, bootKey, SimulatedCluster, type BootImages, type ClusterOptions, type ClusterSnapshot } from '../../src/cluster/cluster.js'
import { shiftSnapshot, shiftTimes } from '../../src/cluster/time-shift.js'
import { runKubectl } from '../../src/kubectl/run.js'
import { memoryIO } from '../../src/kubectl/io.js'

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0)
const DAY = 86_400_000

const text = (s: ClusterSnapshot): string => JSON.stringify(s)
const boot = (options: ClusterOptions): ClusterSnapshot => SimulatedCluster.create(options).snapshot()
/** A fresh copy of a snapshot, as an image read from its file is. */
const copy = (s: ClusterSnapshot): ClusterSnapshot => JSON.parse(text(s)) as ClusterSnapshot

/** Boot images in memory, counting the lookups that found one. */
function store(images: Record<string, ClusterSnapshot>): BootImages & { hits: number } {
  const s = {
    hits: 0,
    get(key: string) {
      const found = images[key]
      if (found) s.hits++
      return found ? copy(found) : undefined
    },
  }
  return s
}

describe('shiftTimes', () => {
  const variants: [string, Omit<ClusterOptions, 'startTime'>][] = [
    ['2 workers, overlay', { seed: 3, workers: 2 }],
    ['3 workers, BGP underlay over 2 subnets, ingress', { seed: 11, workers: 3, network: { cni: 'underlay', routing: 'bgp', nodeSubnets: 2 }, addons: ['ingress'] }],
  ]
  for (const [what, options] of variants)
    test(`moves a booted cluster (${what}) to exactly the cluster booted at another start time`, () => {
      const image = boot({ ...options, startTime: T0 })
      for (const delta of [1000, 40 * DAY + 13_000, -300 * DAY]) expect(text(shiftSnapshot(copy(image), delta)), `delta ${delta}`).toBe(text(boot({ ...options, startTime: T0 + delta })))
    })

  test('moves only times near the start: other numbers, texts and names stay as they are', () => {
    const data = {
      at: T0 - 90_000,
      size: 1_048_576,
      far: T0 + 400 * DAY,
      stamp: '2026-11-25T09:58:30Z',
      micro: { renewTime: '2026-11-25T10:00:10.123456Z' },
      old: '1999-01-01T00:00:00Z',
      message: 'pulled at 2026-11-25T09:59:00Z',
      event: `web.${(BigInt(T0) * 1_000_000n + 7n).toString(16)}`,
      key: `/registry/events/default/web.${(BigInt(T0) * 1_000_000n).toString(16)}`,
      digest: 'sha256.0123456789abcdef',
      [`node-1.${(BigInt(T0) * 1_000_000n).toString(16)}`]: 1,
    }
    const moved = shiftTimes(structuredClone(data), T0, 3_600_000)
    expect(moved).toEqual({
      at: T0 - 90_000 + 3_600_000,
      size: 1_048_576,
      far: T0 + 400 * DAY,
      stamp: '2026-11-25T10:58:30Z',
      micro: { renewTime: '2026-11-25T11:00:10.123456Z' },
      old: '1999-01-01T00:00:00Z',
      message: 'pulled at 2026-11-25T10:59:00Z',
      event: `web.${(BigInt(T0 + 3_600_000) * 1_000_000n + 7n).toString(16)}`,
      key: `/registry/events/default/web.${(BigInt(T0 + 3_600_000) * 1_000_000n).toString(16)}`,
      digest: 'sha256.0123456789abcdef',
      [`node-1.${(BigInt(T0 + 3_600_000) * 1_000_000n).toString(16)}`]: 1,
    })
    expect(Object.keys(moved)).toEqual(Object.keys(data).map((k) => (k.startsWith('node-1.') ? `node-1.${(BigInt(T0 + 3_600_000) * 1_000_000n).toString(16)}` : k)))
  })
})

test("leaves the event recorders' cache keys (hashes) alone, however time-like", () => {
  const image = boot({ seed: 3, workers: 2, startTime: T0 })
  // A kubelet's recorder caches go with its component in the snapshot.
  const events = image.components['kubelet/node-1'].events
  expect(Object.keys(events ?? {})).toEqual(['kubelet/node-1'])
  const logs = events!['kubelet/node-1'].logs as unknown as unknown[][]
  expect(logs.length).toBeGreaterThan(0)
  logs[0][0] = T0 // a hash that happens to look like the start time
  logs[0][2] = new Date(T0).toISOString().replace('.000Z', 'Z') // its firstTimestamp, a time
  const moved = shiftSnapshot(copy(image), 5000)
  const movedLogs = moved.components['kubelet/node-1'].events!['kubelet/node-1'].logs as unknown as unknown[][]
  expect(movedLogs[0][0]).toBe(T0)
  expect(movedLogs[0][2]).toBe(new Date(T0 + 5000).toISOString().replace('.000Z', 'Z'))
})

describe('create from an image made for any start time', () => {
  const options = { seed: 5, workers: 2 }

  test('is the cluster the boot makes, and lives on as it does', () => {
    const images = store({ [anyStartKey({ ...options, startTime: T0 })!]: boot({ ...options, startTime: T0 }) })
    const at = T0 + 17 * DAY + 5000
    const fromImage = SimulatedCluster.create({ ...options, startTime: at, images })
    expect(images.hits).toBe(1)
    const booted = SimulatedCluster.create({ ...options, startTime: at })
    expect(text(fromImage.snapshot())).toBe(text(booted.snapshot()))
    for (const c of [fromImage, booted]) {
      expect(runKubectl(c, ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3'], memoryIO({}, '')).exitCode).toBe(0)
      c.advance(120_000)
      c.stop('kubelet/node-1')
      c.advance(60_000)
    }
    expect(text(fromImage.snapshot())).toBe(text(booted.snapshot()))
  })

  test('prefers the image of the very start time, and boots for a start time not a whole second away', () => {
    const exact = boot({ ...options, startTime: T0 + 1000 })
    const images = store({ [bootKey({ ...options, startTime: T0 + 1000 })!]: exact, [anyStartKey({ ...options, startTime: T0 })!]: boot({ ...options, startTime: T0 }) })
    expect(text(SimulatedCluster.create({ ...options, startTime: T0 + 1000, images }).snapshot())).toBe(text(exact))
    expect(images.hits).toBe(1)
    const odd = T0 + 1500
    expect(text(SimulatedCluster.create({ ...options, startTime: odd, images }).snapshot())).toBe(text(boot({ ...options, startTime: odd })))
    expect(images.hits).toBe(2) // found, but not used
  })

  test('has no key for a cluster made earlier than its start (bootedAt) or without every component', () => {
    expect(anyStartKey({ ...options, startTime: T0, bootedAt: T0 - DAY })).toBeUndefined()
    expect(anyStartKey({ ...options, startTime: T0, components: false })).toBeUndefined()
    expect(anyStartKey({ ...options, startTime: T0 })).toBe(anyStartKey({ ...options, startTime: T0 + 5 * DAY }))
    expect(anyStartKey({ ...options, startTime: T0 })).not.toBe(anyStartKey({ ...options, workers: 3, startTime: T0 }))
  })
})
