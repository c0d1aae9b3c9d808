// The playground cluster of a workspace: one simulated cluster that survives between commands, kept
// in `.kubelings/playground.json`. Between commands its virtual time follows the wall clock (things
// progress while the learner reads), unless it was reset with --manual-clock. The file is the state
// in gzip members, range by range (playground-state.ts): what a command did not change is written
// back as it was read, and what it does not need is never parsed. Files from before are still read:
// the whole state as one gzip-compressed JSON text (version 1), or as plain JSON.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import writeFileAtomic from 'write-file-atomic'
import { SimulatedCluster, SNAPSHOT_VERSION, type ClusterSnapshot } from '../cluster/cluster.js'
import type { DeferredRange } from '../cluster/etcd.js'
import type { NetworkOptions } from '../cluster/network/cni.js'
import { nodeIO, type KubectlIO } from '../kubectl/io.js'
import { shippedBootImages } from './boot-images.js'
import { UserError } from './errors.js'
import { withFileLock } from './file-lock.js'
import { t, type Lang } from './i18n.js'
import { decodeRange, decodeState, encodeState, isStateV2, STATE_FORMAT_VERSION, type StateReuse } from './playground-state.js'
import type { Workspace } from './workspace.js'

export const PLAYGROUND_FILE = 'playground.json'
const FORMAT_VERSION = STATE_FORMAT_VERSION

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
    /** What the next save may take over unchanged from the file read (see playground-state.ts). */
    private reuse: StateReuse = {},
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
    const { state, deferred, reuse } = readState(file, lang)
    let cluster: SimulatedCluster
    try {
      // The parsed state is nobody else's: its objects are taken over rather than copied. The
      // components start when first needed: a command that only reads starts none of them.
      const damaged = () => new UserError(t(lang, 'playground.corrupt', { file }))
      cluster = SimulatedCluster.restore(state.cluster, { adopt: true, deferred, lazyComponents: true, damaged })
    } catch (e) {
      throw e instanceof UserError ? e : new UserError(t(lang, 'playground.corrupt', { file }))
    }
    const offset = typeof state.clockOffset === 'number' ? state.clockOffset : cluster.now() - state.wallClock
    if (!state.manualClock) cluster.advanceTo(wallNow + offset)
    return new Playground(ws, cluster, state.manualClock, offset, reuse)
  }

  /** A fresh cluster; a damaged state file is kept aside (returned), never deleted. */
  static reset(ws: Workspace, options: ResetOptions, wallNow = Date.now()): { playground: Playground; keptCorrupt?: string } {
    const file = Playground.file(ws)
    let keptCorrupt: string | undefined
    if (existsSync(file)) {
      let damaged = false
      try {
        // Every range read and parsed: a file is kept only when all of it restores.
        const { state, deferred } = readState(file, 'en')
        const s = { ...state.cluster, etcd: { ...state.cluster.etcd, entries: [...state.cluster.etcd.entries, ...deferred.flatMap((r) => r.load())] } }
        SimulatedCluster.restore(s, { adopt: true })
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
      // A cluster booted at build time for these options (at any start time) is restored instead of booting again.
      images: shippedBootImages(),
    })
    return new Playground(ws, cluster, options.manualClock ?? false, startTime - wallNow)
  }

  /** `kubelings cluster advance`: time added on purpose stays added, also on a wall-clock cluster. */
  advance(ms: number): void {
    this.cluster.advance(ms)
    this.clockOffset += ms
  }

  /**
   * Write the state atomically: a crash mid-write leaves the previous file whole. The ranges of
   * stored objects no write touched, and the components' state when unchanged, are written as read.
   */
  save(wallNow = Date.now()): void {
    // Components still dormant are as read: their member is written back without a snapshot.
    const unchanged = this.cluster.componentsDormant && this.reuse.componentsMember !== undefined && this.reuse.componentsText !== undefined
    const { components, ...cluster } = this.cluster.snapshot({ etcdEntries: false, components: !unchanged, forText: true })
    const head = { manualClock: this.manualClock, wallClock: wallNow, clockOffset: this.clockOffset, cluster }
    const { bytes, componentsText, componentsMember } = encodeState(head, unchanged ? undefined : components, this.cluster.etcd.snapshotChanges(), this.reuse)
    writeFileAtomic.sync(Playground.file(this.workspace), bytes)
    this.reuse = { ...this.reuse, componentsText, componentsMember }
  }
}

/**
 * The state in a file: its cluster snapshot (whose stored entries may be only some of them) and the
 * ranges of stored entries to load when needed, with what a save may reuse.
 */
function readState(file: string, lang: Lang): { state: PlaygroundFile; deferred: DeferredRange[]; reuse: StateReuse } {
  const corrupt = () => new UserError(t(lang, 'playground.corrupt', { file }))
  const bytes = readFileSync(file)
  if (isStateV2(bytes)) {
    let read
    try {
      read = decodeState(bytes)
    } catch {
      throw corrupt()
    }
    const { head } = read
    if (typeof head.wallClock !== 'number' || typeof head.cluster !== 'object' || head.cluster === null) throw corrupt()
    if ((head.cluster.version ?? 0) > SNAPSHOT_VERSION) throw new UserError(t(lang, 'playground.newer', { file }))
    const state: PlaygroundFile = { kind: 'KubelingsPlayground', version: FORMAT_VERSION, manualClock: head.manualClock, wallClock: head.wallClock, clockOffset: head.clockOffset, cluster: { ...head.cluster, components: read.components } }
    // A range damaged inside (its gzip checksum or its JSON) is found when first loaded, and refused the same way.
    const load = (prefix: string, m: Buffer) => () => {
      try {
        return decodeRange(prefix, m)
      } catch {
        throw corrupt()
      }
    }
    const deferred: DeferredRange[] = []
    const eager = []
    for (const [prefix, m] of read.ranges) {
      if (prefix === '') eager.push(...load(prefix, m)())
      else deferred.push({ prefix, load: load(prefix, m) })
    }
    if (eager.length > 0) state.cluster = { ...state.cluster, etcd: { ...state.cluster.etcd, entries: eager } }
    return { state, deferred, reuse: { componentsText: read.componentsText, componentsMember: read.componentsMember, ranges: read.ranges } }
  }
  let state: PlaygroundFile
  try {
    // Before this format: the whole state as one JSON text, gzip-compressed or plain.
    state = JSON.parse(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8')) as PlaygroundFile
  } catch {
    throw corrupt()
  }
  if (state?.kind !== 'KubelingsPlayground' || typeof state.wallClock !== 'number' || typeof state.cluster !== 'object') throw corrupt()
  if (state.version > FORMAT_VERSION || (state.cluster?.version ?? 0) > SNAPSHOT_VERSION) throw new UserError(t(lang, 'playground.newer', { file }))
  return { state, deferred: [], reuse: {} }
}

/**
 * Run `fn` holding the workspace's playground lock, so that two commands at once (a `watch` and a
 * `kubectl`) never interleave their read-modify-write. A lock left by a dead process is taken over.
 */
export function withPlaygroundLock<T>(ws: Workspace, lang: Lang, fn: () => T): T {
  const lock = join(ws.stateDir, 'playground.lock')
  return withFileLock(lock, () => new UserError(t(lang, 'playground.locked', { file: lock })), fn)
}

/**
 * What kubectl reads on the learner's machine: the files around `cwd`, and the kubeconfig, kept in
 * the workspace's `.kubelings/kubeconfig` once `kubectl config` changes it (kubeadm's admin.conf
 * until then).
 */
export function playgroundIO(ws: Workspace, cwd: string, beforeEditor?: () => void): KubectlIO {
  const path = join(ws.stateDir, 'kubeconfig')
  return {
    ...nodeIO(cwd, beforeEditor),
    kubeconfig: {
      path,
      read: () => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
      write: (text) => writeFileAtomic.sync(path, text),
    },
  }
}
