// The differential check: each scenario's cluster is served to real kubectl 1.32 through the bridge
// (test/support/kube-http.ts), and every command's stdout, stderr and exit code must be what our
// kubectl prints on the same cluster. Runs when kubectl v1.32.x is on PATH, skipped otherwise.
//
// Time: real kubectl computes ages from the wall clock: describe's and `kubectl events`' itself,
// `get`'s in the apiserver's Table. Each scenario is built once at the default start time and
// snapshotted; its commands run on that snapshot moved in time (shiftSnapshot, whole seconds) to
// the wall clock. The bridge takes Table ages at the wall-clock instant of each request, and our
// kubectl runs with its "now" at the instant of real kubectl's last request (the cluster's state
// is the same; only the clock it reads ages from is): both then take every age at the same instant.
// A command whose outputs still differ (an age ticking over between that request and real kubectl
// printing) runs once more before it counts as a difference.
// Writes run on two twins of the snapshot, one per kubectl, and compare the object written too.
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { ClusterSnapshot } from '../../src/cluster/cluster.js'
import { shiftSnapshot } from '../../src/cluster/time-shift.js'
import type { SimulatedCluster } from '../../src/cluster/cluster.js'
import { Cluster, splitCommandLine, type KubectlOutput } from '../../src/index.js'
import { memoryIO } from '../../src/kubectl/io.js'
import { runKubectl } from '../../src/kubectl/run.js'
import { clockAt, startBridge, type Bridge } from '../support/kube-http.js'
import { realKubectl, realKubectlVersion } from '../support/real-kubectl.js'
import { SCENARIOS, type Scenario } from './differential-scenarios.js'

const version = realKubectlVersion()
const available = /^v1\.32\./.test(version ?? '')
const title = available
  ? `real kubectl ${version} and ours print the same`
  : `real kubectl differential (skipped: needs kubectl v1.32.x on PATH, found ${version ?? 'none'})`

/** The snapshot restored with its "now" moved to the wall clock's current second. */
function atWallClock(snapshot: ClusterSnapshot, now: number): Cluster {
  const delta = Math.floor(Date.now() / 1000) * 1000 - Math.floor(now / 1000) * 1000
  return Cluster.restore(shiftSnapshot(structuredClone(snapshot), delta))
}

/** Real kubectl on the bridge's cluster, then ours on `mine` (the same cluster, or its twin) at real kubectl's instant. */
async function both(bridge: Bridge, mine: SimulatedCluster, argv: string[], stdin = ''): Promise<{ real: KubectlOutput; ours: KubectlOutput }> {
  const real = await realKubectl(bridge, argv, { stdin })
  const ours = runKubectl(clockAt(mine, bridge.lastRequestAt), argv, memoryIO({}, stdin))
  return { real, ours }
}

/** Real kubectl runs this many at a time, each on a bridge of its own (whose last request is its own). */
const LANES = 4

/** Bridges handed out one per running command. */
class BridgePool {
  readonly #free: Bridge[] = []
  readonly #waiting: ((b: Bridge) => void)[] = []
  constructor(readonly all: readonly Bridge[]) {
    this.#free.push(...all)
  }

  async with<T>(fn: (b: Bridge) => Promise<T>): Promise<T> {
    const b = this.#free.pop() ?? (await new Promise<Bridge>((resolve) => this.#waiting.push(resolve)))
    try {
      return await fn(b)
    } finally {
      const next = this.#waiting.shift()
      if (next) next(b)
      else this.#free.push(b)
    }
  }
}

describe.skipIf(!available)(title, () => {
  let pool: BridgePool
  beforeAll(async () => {
    const idle = Cluster.create({ components: false, systemPods: false }).sim
    pool = new BridgePool(await Promise.all(Array.from({ length: LANES }, () => startBridge(idle, { clock: () => Date.now() }))))
  })
  afterAll(() => Promise.all(pool?.all.map((b) => b.close()) ?? []))

  describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario: Scenario) => {
    let snapshot: ClusterSnapshot
    let builtAt: number
    let cluster: Cluster
    beforeAll(() => {
      const c = Cluster.create({ ...scenario.options, seed: scenario.seed ?? 7 })
      scenario.setup(c)
      snapshot = c.snapshot()
      builtAt = c.now().getTime()
      // Reads change nothing: they all run on one copy, at the wall clock.
      cluster = atWallClock(snapshot, builtAt)
    })

    it.concurrent.for(scenario.reads.map((cmd) => [cmd] as const))('kubectl %s', ([cmd], { expect }) =>
      pool.with(async (bridge) => {
        bridge.use(cluster.sim)
        const argv = splitCommandLine(cmd)
        let { real, ours } = await both(bridge, cluster.sim, argv)
        if (!isDeepStrictEqual(ours, real)) ({ real, ours } = await both(bridge, cluster.sim, argv))
        expect(ours).toEqual(real)
      }),
    )

    it.concurrent.for((scenario.writes ?? []).map((w) => [w.command, w] as const))('kubectl %s (write)', ([, w], { expect }) =>
      pool.with(async (bridge) => {
        const theirs = atWallClock(snapshot, builtAt)
        const mine = Cluster.restore(theirs.snapshot())
        bridge.use(theirs.sim)
        const { real, ours } = await both(bridge, mine.sim, splitCommandLine(w.command), w.stdin)
        expect(ours).toEqual(real)
        // What was written: the same object on both twins. Its status is the cluster's reaction, which
        // may differ in timing: the bridge lets the components act between real kubectl's requests,
        // while our kubectl's requests of one command all happen at one instant.
        const [type, name, namespace] = w.object
        // `rollout restart` stamps the time: real kubectl reads its clock before its last request,
        // ours takes that request's instant, which may be the next second. Both must be within it.
        const stamps: number[] = []
        const strip = (o: object | undefined): unknown =>
          JSON.parse(
            JSON.stringify(o ?? null, (k, v: unknown) => {
              if (k === 'resourceVersion' || k === 'managedFields' || k === 'status') return undefined
              if (k === 'kubectl.kubernetes.io/restartedAt' && typeof v === 'string') {
                stamps.push(Date.parse(v))
                return '<restartedAt>'
              }
              return v
            }),
          )
        expect(strip(mine.get(type, name, namespace))).toEqual(strip(theirs.get(type, name, namespace)))
        if (stamps.length === 2) expect(Math.abs(stamps[0] - stamps[1])).toBeLessThanOrEqual(1000)
      }),
    )
  })
})
