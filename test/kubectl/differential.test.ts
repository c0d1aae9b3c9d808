// The differential check: each scenario's cluster is served to real kubectl 1.32 through the bridge
// (test/support/kube-http.ts), and every command's stdout, stderr and exit code must be what our
// kubectl prints on the same cluster. Runs when kubectl v1.32.x is on PATH, skipped otherwise.
//
// Time: real kubectl computes describe's ages (and `kubectl events`') from the wall clock. Each
// scenario is built once at the default start time and snapshotted; the commands then run on that
// snapshot moved in time (shiftSnapshot) by whole seconds, so that the cluster's "now" is the wall
// clock's current second: ages, truncated to seconds from whole-second timestamps, agree as long as
// real kubectl prints within that second. A command that would start late in it waits for the
// next one, on a cluster moved one second further (the same state, only later).
// Writes run on two twins of the snapshot, one per kubectl, and compare the object written too.
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterSnapshot } from '../../src/cluster/cluster.js'
import { shiftSnapshot } from '../../src/cluster/time-shift.js'
import { Cluster, splitCommandLine } from '../../src/index.js'
import { startBridge, type Bridge } from '../support/kube-http.js'
import { realKubectl, realKubectlVersion } from '../support/real-kubectl.js'
import { SCENARIOS, type Scenario } from './differential-scenarios.js'

const version = realKubectlVersion()
const available = /^v1\.32\./.test(version ?? '')
const title = available
  ? `real kubectl ${version} and ours print the same`
  : `real kubectl differential (skipped: needs kubectl v1.32.x on PATH, found ${version ?? 'none'})`

/** Past this much of the wall clock's second, a command waits for the next one. */
const LATE_IN_SECOND = 600

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * The snapshot restored with its "now" moved to the wall clock's current second (waiting for a
 * fresh one if late; with `fresh`, always, so that real kubectl runs within ~100 ms of "now").
 */
async function atWallClock(snapshot: ClusterSnapshot, now: number, fresh = false): Promise<Cluster> {
  let wall = Date.now()
  if (fresh || wall % 1000 > LATE_IN_SECOND) {
    await sleep(1000 - (wall % 1000) + 5)
    wall = Date.now()
  }
  const second = Math.floor(wall / 1000) * 1000
  const delta = second - Math.floor(now / 1000) * 1000
  return Cluster.restore(shiftSnapshot(structuredClone(snapshot), delta))
}

const stillCurrent = (c: Cluster): boolean => {
  const wall = Date.now()
  return Math.floor(wall / 1000) === Math.floor(c.now().getTime() / 1000) && wall % 1000 <= LATE_IN_SECOND
}

describe.skipIf(!available)(title, () => {
  let bridge: Bridge
  beforeAll(async () => {
    bridge = await startBridge(Cluster.create({ components: false, systemPods: false }).sim)
  })
  afterAll(() => bridge?.close())

  describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario: Scenario) => {
    let snapshot: ClusterSnapshot
    let builtAt: number
    let cluster: Cluster | undefined
    beforeAll(() => {
      const c = Cluster.create({ seed: scenario.seed ?? 7 })
      scenario.setup(c)
      snapshot = c.snapshot()
      builtAt = c.now().getTime()
      cluster = undefined
    })

    it.each(scenario.reads.map((cmd) => [cmd]))('kubectl %s', async (cmd) => {
      if (!cluster || !stillCurrent(cluster)) {
        cluster = await atWallClock(snapshot, builtAt)
        bridge.use(cluster.sim)
      }
      const argv = splitCommandLine(cmd)
      let real = await realKubectl(bridge, argv)
      let ours = cluster.kubectl(argv)
      if (!isDeepStrictEqual(ours, real)) {
        // Ages from sub-second times (an event series' lastObservedTime) can tick over while real
        // kubectl runs later in the second: once more, right at the start of a fresh second.
        cluster = await atWallClock(snapshot, builtAt, true)
        bridge.use(cluster.sim)
        real = await realKubectl(bridge, argv)
        ours = cluster.kubectl(argv)
      }
      expect(ours).toEqual(real)
    })

    it.each((scenario.writes ?? []).map((w) => [w.command, w] as const))('kubectl %s (write)', async (_cmd, w) => {
      const theirs = await atWallClock(snapshot, builtAt)
      const mine = Cluster.restore(theirs.snapshot())
      bridge.use(theirs.sim)
      const argv = splitCommandLine(w.command)
      const real = await realKubectl(bridge, argv, { stdin: w.stdin })
      const ours = mine.kubectl(argv, { stdin: w.stdin })
      expect(ours).toEqual(real)
      // What was written: the same object on both twins (the cluster's own work after it aside).
      const [type, name, namespace] = w.object
      const strip = (o: object | undefined): unknown => JSON.parse(JSON.stringify(o ?? null, (k, v) => (k === 'resourceVersion' || k === 'managedFields' ? undefined : v)))
      expect(strip(mine.get(type, name, namespace))).toEqual(strip(theirs.get(type, name, namespace)))
      cluster = undefined
    })
  })
})
