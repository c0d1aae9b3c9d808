// A component of the cluster (kube-scheduler, a controller, a kubelet): it talks to the cluster
// only through the apiserver, reads through informers, and does its work in clock tasks addressed
// to it by name. It can be stopped and started, and its in-memory state goes into snapshots.
import type { ApiServer } from '../apiserver.js'
import type { Millis, Task, VirtualClock } from '../clock.js'
import type { Prng } from '../prng.js'

/** What a component gets from the cluster it runs in. */
export interface ComponentHost {
  readonly api: ApiServer
  readonly clock: VirtualClock
  readonly rng: Prng
  now(): Millis
}

export interface Component {
  /** Its name in the trace and in task addresses: `kube-scheduler`, `kubelet/node-1`. */
  readonly name: string
  /**
   * The sources of the classic events it records (`kubelet/node-1`, `replicaset-controller`): each
   * has an event broadcaster in the real process, whose caches a restart empties (events.ts).
   */
  readonly eventSources?: readonly string[]
  /** Start it: a fresh start lists and reacts to everything; a restore resumes silently. */
  start(restoring: boolean): void
  stop(): void
  /** A clock task addressed to it. */
  handle(task: Task): void
  /**
   * Its in-memory state (queues, back-offs), as JSON. `forText`: the caller makes text of it at once
   * and keeps nothing, so live state may be handed out instead of a copy (a large kubelet's).
   */
  snapshot(forText?: boolean): unknown
  restore(state: unknown): void
}
