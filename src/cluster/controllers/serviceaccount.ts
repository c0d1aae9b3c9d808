// The serviceaccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go), as
// `service-account-controller`: every active namespace has a ServiceAccount `default`. A namespace
// is queued when it is added or changes, and again when its `default` account is deleted, so a
// deleted account comes back. Level-triggered: the sync reads the caches, never the event.
import type { Namespace } from 'kubernetes-types/core/v1.js'
import type { Task } from '../clock.js'
import { KUBE_CONTROLLER_MANAGER, type Controller, type ControllerHost } from '../controller/controller-manager.js'
import type { Informer } from '../controller/informer.js'
import { WorkQueue, type WorkQueueSnapshot } from '../controller/workqueue.js'
import type { StoredObject } from '../object.js'

export const SERVICE_ACCOUNT_CONTROLLER = 'service-account-controller'
/** DefaultServiceAccountsControllerOptions: the accounts every namespace gets. */
const DEFAULT_ACCOUNTS = ['default'] as const

export function serviceAccountController(host: ControllerHost): Controller {
  return new ServiceAccountsController(host)
}

class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount'
  readonly #queue: WorkQueue
  readonly #namespaces: Informer<StoredObject & Namespace>
  readonly #accounts: Informer

  constructor(private readonly host: ControllerHost) {
    this.#queue = new WorkQueue(host.clock, KUBE_CONTROLLER_MANAGER, this.name)
    const enqueue = (ns: StoredObject): void => this.#queue.add(ns.metadata.name)
    this.#namespaces = host.informers.informer<StoredObject & Namespace>('namespaces').on({ add: enqueue, update: enqueue })
    // serviceAccountDeleted: only a deletion can leave a namespace without its accounts.
    this.#accounts = host.informers.informer('serviceaccounts').on({
      delete: (sa) => {
        if ((DEFAULT_ACCOUNTS as readonly string[]).includes(sa.metadata.name)) this.#queue.add(sa.metadata.namespace ?? '')
      },
    })
  }

  handle(task: Task): void {
    this.#queue.handle(task, (ns) => {
      if (this.#syncNamespace(ns)) this.#queue.forget(ns)
      else this.#queue.addRateLimited(ns)
    })
  }

  /** syncNamespace: create the missing accounts of an active namespace; false to retry. */
  #syncNamespace(name: string): boolean {
    const ns = this.#namespaces.get(name)
    // Gone, or terminating: the namespace controller is emptying it.
    if (!ns || ns.status?.phase !== 'Active') return true
    let ok = true
    for (const account of DEFAULT_ACCOUNTS) {
      if (this.#accounts.get(`${name}/${account}`)) continue
      const created = this.host.api.create(SERVICE_ACCOUNT_CONTROLLER, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: name } })
      // Already there (the cache is behind) is fine; a namespace that began terminating meanwhile too.
      if (!created.ok && created.error.reason !== 'AlreadyExists' && created.error.reason !== 'Forbidden' && created.error.reason !== 'NotFound') ok = false
    }
    return ok
  }

  snapshot(): WorkQueueSnapshot {
    return this.#queue.snapshot()
  }

  restore(state: unknown): void {
    if (state) this.#queue.restore(state as WorkQueueSnapshot)
  }
}
