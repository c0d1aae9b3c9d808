// kube-controller-manager: one component (stopped and started as one, like the real process) that
// runs many controllers. Each controller is its own loop with its own work queue; their clock tasks
// are addressed to kube-controller-manager and carry the controller's name (`replicaset/work`). They
// read through one set of shared informers (shared-informers.ts), as upstream's do.
import type { Task } from '../clock.js'
import type { Component, ComponentHost } from './component.js'
import { SharedInformerFactory } from './shared-informers.js'

export const KUBE_CONTROLLER_MANAGER = 'kube-controller-manager'

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

  constructor(
    host: ComponentHost,
    factories: readonly ControllerFactory[],
    /** Its controllers' event sources (CONTROLLER_EVENT_SOURCES). */
    readonly eventSources: readonly string[] = [],
  ) {
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
  }

  /** Run each controller, then start the shared informers (informerFactory.Start), then the controllers' first work. */
  start(restoring: boolean): void {
    for (const c of this.#controllers) c.start?.(restoring)
    this.#informers.start(restoring)
    for (const c of this.#controllers) c.synced?.(restoring)
  }

  stop(): void {
    for (const c of this.#controllers) c.stop?.()
    this.#informers.stop()
  }

  handle(task: Task): void {
    const slash = task.type.indexOf('/')
    const name = slash < 0 ? task.type : task.type.slice(0, slash)
    this.#controllers.find((c) => c.name === name)?.handle(task)
  }

  snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.#controllers.map((c) => [c.name, c.snapshot()]))
  }

  restore(state: unknown): void {
    const s = (state ?? {}) as Record<string, unknown>
    for (const c of this.#controllers) c.restore(s[c.name])
  }
}
