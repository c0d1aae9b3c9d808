// The playground cluster of a workspace: one simulated cluster that survives between commands, kept
// in `.kubelings/playground.json`. Between commands its virtual time follows the wall clock (things
// progress while the learner reads), unless it was reset with --manual-clock. The file is the state
// as JSON, gzip-compressed (a big cluster's state is a tenth of the size, for a few per cent more
// work); a file written before compression, plain JSON, is still read.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import writeFileAtomic from 'write-file-atomic'
import { SimulatedCluster, SNAPSHOT_VERSION, type ClusterSnapshot } from '../cluster/cluster.js'
import type { NetworkOptions } from '../cluster/network/cni.js'
import { UserError } from './errors.js'
import { withFileLock } from './file-lock.js'
import { t, type Lang } from './i18n.js'
import type { Workspace } from './workspace.js'

export const PLAYGROUND_FILE = 'playground.json'
const FORMAT_VERSION = 1

/** The state file: the cluster snapshot plus how its clock relates to the wall clock. */
interface PlaygroundFile {
  kind: 'KubelingsPlayground'
  version: number
  manualClock: boolean
  /** Wall-clock time (Unix ms) of the last save. */
  wallClock: number
  /**
   * Virtual minus wall time that the cluster keeps: 0 for a cluster that started now, more after
   * `cluster advance`. A waiting command may run the cluster ahead of it for a while; the wall
   * clock then catches up before time moves on.
   */
  clockOffset: number
  cluster: ClusterSnapshot
}

export interface ResetOptions {
  workers?: number
  seed?: number
  manualClock?: boolean
  /** Virtual start time; default: now on the wall clock. */
  startTime?: number
  /** The pod network: CNI mode, underlay routing, node subnets (cluster/network/cni.ts). */
  network?: Partial<NetworkOptions>
  /** Add-ons to install (`ingress`: ingress-nginx), as `minikube addons enable` does. */
  addons?: readonly 'ingress'[]
}

export class Playground {
  private constructor(
    readonly workspace: Workspace,
    readonly cluster: SimulatedCluster,
    readonly manualClock: boolean,
    private clockOffset: number,
  ) {}

  static file(ws: Workspace): string {
    return join(ws.stateDir, PLAYGROUND_FILE)
  }

  /**
   * Open the workspace's playground (making a fresh cluster the first time) and bring its clock up
   * to the wall clock unless it is manual.
   */
  static open(ws: Workspace, lang: Lang, wallNow = Date.now()): Playground {
    const file = Playground.file(ws)
    if (!existsSync(file)) return Playground.#fresh(ws, {}, wallNow)
    const state = readState(file, lang)
    let cluster: SimulatedCluster
    try {
      // The parsed state is nobody else's: its objects are taken over rather than copied.
      cluster = SimulatedCluster.restore(state.cluster, { adopt: true })
    } catch {
      throw new UserError(t(lang, 'playground.corrupt', { file }))
    }
    const offset = typeof state.clockOffset === 'number' ? state.clockOffset : cluster.now() - state.wallClock
    if (!state.manualClock) cluster.advanceTo(wallNow + offset)
    return new Playground(ws, cluster, state.manualClock, offset)
  }

  /** A fresh cluster; a damaged state file is kept aside (returned), never deleted. */
  static reset(ws: Workspace, options: ResetOptions, wallNow = Date.now()): { playground: Playground; keptCorrupt?: string } {
    const file = Playground.file(ws)
    let keptCorrupt: string | undefined
    if (existsSync(file)) {
      let damaged = false
      try {
        const s = JSON.parse(readStateText(file)) as PlaygroundFile
        SimulatedCluster.restore(s.cluster)
      } catch {
        damaged = true
      }
      if (damaged) {
        keptCorrupt = `${file}.corrupt-${new Date(wallNow).toISOString().replace(/[:.]/g, '-')}`
        renameSync(file, keptCorrupt)
      }
    }
    const playground = Playground.#fresh(ws, options, wallNow)
    return { playground, keptCorrupt }
  }

  static #fresh(ws: Workspace, options: ResetOptions, wallNow: number): Playground {
    // Stored times have whole seconds (metav1.Time), so the clock starts on a second.
    const startTime = options.startTime ?? Math.floor(wallNow / 1000) * 1000
    const cluster = SimulatedCluster.create({
      startTime,
      seed: options.seed ?? (Math.floor(Math.random() * 2 ** 31) || 1),
      workers: options.workers ?? 2,
      ...(options.network ? { network: options.network } : {}),
      ...(options.addons?.length ? { addons: options.addons } : {}),
    })
    return new Playground(ws, cluster, options.manualClock ?? false, startTime - wallNow)
  }

  /** `kubelings cluster advance`: time added on purpose stays added, also on a wall-clock cluster. */
  advance(ms: number): void {
    this.cluster.advance(ms)
    this.clockOffset += ms
  }

  /** Write the state atomically: a crash mid-write leaves the previous file whole. */
  save(wallNow = Date.now()): void {
    const state: PlaygroundFile = {
      kind: 'KubelingsPlayground',
      version: FORMAT_VERSION,
      manualClock: this.manualClock,
      wallClock: wallNow,
      clockOffset: this.clockOffset,
      cluster: this.cluster.snapshot(),
    }
    // Level 1: nearly all of the size saved (the text repeats itself a lot) for the least time.
    writeFileAtomic.sync(Playground.file(this.workspace), gzipSync(JSON.stringify(state), { level: 1 }))
  }
}

/** The state file's text: gunzipped, or as it is when written before compression (plain JSON). */
function readStateText(file: string): string {
  const bytes = readFileSync(file)
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8')
}

function readState(file: string, lang: Lang): PlaygroundFile {
  let state: PlaygroundFile
  try {
    state = JSON.parse(readStateText(file)) as PlaygroundFile
  } catch {
    throw new UserError(t(lang, 'playground.corrupt', { file }))
  }
  if (state?.kind !== 'KubelingsPlayground' || typeof state.wallClock !== 'number' || typeof state.cluster !== 'object')
    throw new UserError(t(lang, 'playground.corrupt', { file }))
  if (state.version > FORMAT_VERSION || (state.cluster?.version ?? 0) > SNAPSHOT_VERSION) throw new UserError(t(lang, 'playground.newer', { file }))
  return state
}

/**
 * Run `fn` holding the workspace's playground lock, so that two commands at once (a `watch` and a
 * `kubectl`) never interleave their read-modify-write. A lock left by a dead process is taken over.
 */
export function withPlaygroundLock<T>(ws: Workspace, lang: Lang, fn: () => T): T {
  const lock = join(ws.stateDir, 'playground.lock')
  return withFileLock(lock, () => new UserError(t(lang, 'playground.locked', { file: lock })), fn)
}
