// kube-controller-manager's SharedInformerFactory: one informer per resource for all of its
// controllers, so one list and one watch per resource and one cache (upstream's controllers take
// their listers and add their handlers from `ctx.InformerFactory`, whose client calls the apiserver
// as `shared-informers`). The controllers add their handlers and indexes when they are made; the
// factory starts the informers after all of them.
import type { ApiServer } from '../apiserver.js'
import type { StoredObject } from '../object.js'
import { RESOURCE_TYPES } from '../resources.js'
import { Informer } from './informer.js'

/** The name the factory's client gives the apiserver (ClientBuilder.ClientOrDie("shared-informers")). */
export const SHARED_INFORMERS = 'shared-informers'

export class SharedInformerFactory {
  readonly #informers = new Map<string, Informer>()

  constructor(
    private readonly api: ApiServer,
    private readonly who: string = SHARED_INFORMERS,
  ) {}

  /** The one informer of `resource` (all namespaces, no selectors), made on first use. */
  informer<T extends StoredObject = StoredObject>(resource: string): Informer<T> {
    let informer = this.#informers.get(resource)
    if (!informer) this.#informers.set(resource, (informer = new Informer(this.api, this.who, resource)))
    return informer as unknown as Informer<T>
  }

  /**
   * List and watch every informer asked for (a restore fills their caches silently), in discovery
   * order. Upstream starts them all at once and the small lists (namespaces, nodes) tend to be in
   * before the pods; an order of our own would have the controllers meet pods whose nodes they do
   * not know yet (the garbage collector would look each such owner up).
   */
  start(restoring: boolean): void {
    const place = (resource: string): number => RESOURCE_TYPES.findIndex((t) => t.resource === resource)
    for (const informer of [...this.#informers.values()].sort((a, b) => place(a.resource) - place(b.resource))) informer.start(restoring)
  }

  /** Stop watching and empty the caches; the handlers stay for the next start. */
  stop(): void {
    for (const informer of this.#informers.values()) informer.stop()
  }
}
