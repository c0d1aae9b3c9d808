// kube-controller-manager: one component (stopped and started as one, like the real process) that
// runs many controllers. Each controller is its own loop with its own work queue; their clock tasks
// are addressed to kube-controller-manager and carry the controller's name (`replicaset/work`).
import type { Task } from '../clock.js'
import type { Component, ComponentHost } from './component.js'

export const KUBE_CONTROLLER_MANAGER = 'kube-controller-manager'

/** One controller inside kube-controller-manager. */
export interface Controller {
  /** Its name as upstream's controller name (`replicaset`, `deployment`, `endpointslice`, ...). */
  readonly name: string
  /** Build informers and start them (a restore fills caches silently and reacts to nothing). */
  start(restoring: boolean): void
  stop(): void
  /** A task whose type starts with `<name>/`. */
  handle(task: Task): void
  snapshot(): unknown
  restore(state: unknown): void
}

export type ControllerFactory = (host: ComponentHost) => Controller

export class ControllerManager implements Component {
  readonly name = KUBE_CONTROLLER_MANAGER
  readonly #controllers: Controller[]

  constructor(
    host: ComponentHost,
    factories: readonly ControllerFactory[],
    /** Its controllers' event sources (CONTROLLER_EVENT_SOURCES). */
    readonly eventSources: readonly string[] = [],
  ) {
    this.#controllers = factories.map((f) => f(host))
  }

  start(restoring: boolean): void {
    for (const c of this.#controllers) c.start(restoring)
  }

  stop(): void {
    for (const c of this.#controllers) c.stop()
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
