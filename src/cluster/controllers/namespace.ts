// The namespace controller (pkg/controller/namespace/namespace_controller.go): a namespace with a
// deletionTimestamp is emptied by the NamespacedResourcesDeleter, looked at again while content
// remains (after half the estimated wait, plus a second), then released from the `kubernetes`
// finalizer so that the apiserver removes it.
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import { type Informer, keyOf } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import type { StoredObject } from '../object.js'
import { NAMESPACE_CONTROLLER, NamespacedResourcesDeleter } from './namespace-deleter.js'

const NAME = 'namespace'
/**
 * namespaceDeletionGracePeriod: a deleted namespace is looked at after 5 s, so that every apiserver
 * refuses new content in it and late creations are visible to the cleanup.
 */
const NAMESPACE_DELETION_GRACE_PERIOD = 5000

export function namespaceController(host: ControllerHost): Controller {
  return new NamespaceController(host)
}

class NamespaceController implements Controller {
  readonly name = NAME
  readonly #queue: WorkQueue
  readonly #namespaces: Informer
  readonly #deleter: NamespacedResourcesDeleter

  constructor(host: ControllerHost) {
    // nsControllerRateLimiter: per-item back-off from 5 ms up to 60 s.
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, NAME, { base: 5, max: 60_000 })
    this.#deleter = new NamespacedResourcesDeleter(host.api, () => host.now())
    const enqueue = (ns: StoredObject): void => {
      if (ns.metadata.deletionTimestamp) this.#queue.addAfter(keyOf(ns), NAMESPACE_DELETION_GRACE_PERIOD)
    }
    this.#namespaces = host.informers.informer('namespaces').on({ add: enqueue, update: enqueue })
  }

  handle(task: Task): void {
    this.#queue.handle(task, (key) => {
      // syncNamespaceFromKey: a namespace gone from the cache is done.
      const outcome = this.#namespaces.get(key) ? this.#deleter.delete(key) : { kind: 'done' as const }
      switch (outcome.kind) {
        case 'done':
          this.#queue.forget(key)
          break
        case 'remaining':
          this.#queue.addAfter(key, (Math.floor(outcome.estimate / 2) + 1) * 1000)
          break
        case 'error':
          this.#queue.addRateLimited(key)
          break
        default: {
          const never: never = outcome
          return never
        }
      }
    })
  }

  snapshot(): WorkQueueSnapshot {
    return this.#queue.snapshot()
  }

  restore(state: unknown): void {
    if (state) this.#queue.restore(state as WorkQueueSnapshot)
  }
}
