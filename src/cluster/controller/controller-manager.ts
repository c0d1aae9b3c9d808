// kube-controller-manager: one component (stopped and started as one, like the real process) that
// runs many controllers. Each controller is its own loop with its own work queue; their clock tasks
// are addressed to kube-controller-manager and carry the controller's name (`replicaset/work`). They
// read through one set of shared informers (shared-informers.ts), as upstream's do.
import type { Task } from '../clock.js'
import type { Component, ComponentHost } from './component.js'
import { SharedInformerFactory } from './shared-informers.js'
import { LEADER_ELECTION_TASK, LeaderElector, type LeaderElectionState } from './leader-election.js'
import { CONTROL_PLANE } from '../topology.js'

export const KUBE_CONTROLLER_MANAGER = 'kube-controller-manager'
/** Where its snapshot keeps its leader election, beside its controllers' states (as kube-scheduler's: see leaderElectionWaiting). */
const LEADER_ELECTION_STATE = 'leaderElection'

/** One controller inside kube-controller-manager. */
export interface Controller {
  /** Its name as upstream's controller name (`replicaset`, `deployment`, `endpointslice`, ...). */
  readonly name: string
  /**
   * The process starts (a restore resumes): reset what only lives while it runs. Its handlers and
   * indexes were put on the shared informers when it was made; they have not listed yet.
   */
  start?(restoring: boolean): void
  /**
   * The shared informers have listed and watch (WaitForCacheSync returned): what it does first. A
   * restore filled their caches silently, telling the handlers nothing.
   */
  synced?(restoring: boolean): void
  /** The process stops: drop what only lives while it runs (the shared informers stop on their own). */
  stop?(): void
  /** A task whose type starts with `<name>/`. */
  handle(task: Task): void
  snapshot(): unknown
  restore(state: unknown): void
}

/** What a controller gets: the component host, and kube-controller-manager's shared informers. */
export interface ControllerHost extends ComponentHost {
  readonly informers: SharedInformerFactory
}

export type ControllerFactory = (host: ControllerHost) => Controller

export class ControllerManager implements Component {
  readonly name = KUBE_CONTROLLER_MANAGER
  readonly #controllers: Controller[]
  readonly #informers: SharedInformerFactory
  /**
   * Only the holder of the Lease kube-system/kube-controller-manager runs the controllers. In 1.32 it
   * does not give the lease up when it stops: a new process waits for it to expire.
   */
  readonly #election: LeaderElector
  /** Its controllers' event sources, and its own recorder's (the leader election's events). */
  readonly eventSources: readonly string[]

  constructor(
    host: ComponentHost,
    factories: readonly ControllerFactory[],
    /** Its controllers' event sources (CONTROLLER_EVENT_SOURCES). */
    controllerEventSources: readonly string[] = [],
  ) {
    this.eventSources = [...controllerEventSources, KUBE_CONTROLLER_MANAGER]
    const informers = new SharedInformerFactory(host.api)
    this.#informers = informers
    const controllerHost: ControllerHost = {
      get api() {
        return host.api
      },
      get clock() {
        return host.clock
      },
      get rng() {
        return host.rng
      },
      now: () => host.now(),
      informers,
    }
    this.#controllers = factories.map((f) => f(controllerHost))
    this.#election = new LeaderElector(host, {
      owner: KUBE_CONTROLLER_MANAGER,
      lease: KUBE_CONTROLLER_MANAGER,
      eventSource: KUBE_CONTROLLER_MANAGER,
      hostname: CONTROL_PLANE,
      releaseOnCancel: false,
      startedLeading: () => this.#run(false),
      stoppedLeading: () => this.#halt(),
    })
  }

  /** A new process first takes the lease, then runs; a restored one resumes, running only if it led. */
  start(restoring: boolean): void {
    if (!restoring) return this.#election.start()
    if (this.#election.leading) this.#run(true)
  }

  /** Who it is (`control-plane_<uuid>`), and whether it holds the lease. */
  get leaderElection(): { identity: string; leading: boolean } {
    return { identity: this.#election.identity, leading: this.#election.leading }
  }

  /** Run each controller, then start the shared informers (informerFactory.Start), then the controllers' first work. */
  #run(restoring: boolean): void {
    for (const c of this.#controllers) c.start?.(restoring)
    this.#informers.start(restoring)
    for (const c of this.#controllers) c.synced?.(restoring)
  }

  stop(): void {
    if (this.#election.leading) this.#halt()
    this.#election.stop()
  }

  #halt(): void {
    for (const c of this.#controllers) c.stop?.()
    this.#informers.stop()
  }

  handle(task: Task): void {
    if (task.type.startsWith(`${LEADER_ELECTION_TASK}/`)) return this.#election.handle(task)
    if (!this.#election.leading) return
    const slash = task.type.indexOf('/')
    const name = slash < 0 ? task.type : task.type.slice(0, slash)
    this.#controllers.find((c) => c.name === name)?.handle(task)
  }

  snapshot(): Record<string, unknown> {
    return { ...Object.fromEntries(this.#controllers.map((c) => [c.name, c.snapshot()])), [LEADER_ELECTION_STATE]: this.#election.snapshot() }
  }

  restore(state: unknown): void {
    const s = (state ?? {}) as Record<string, unknown>
    for (const c of this.#controllers) c.restore(s[c.name])
    this.#election.restore(s[LEADER_ELECTION_STATE] as LeaderElectionState | undefined)
  }
}
