// core/v1 Events (pkg/registry/core/event/strategy.go): no status, names only need to be a path
// segment.
import type { Event } from 'kubernetes-types/core/v1.js'
import { validateEvent } from '../validation/event.js'
import type { Strategy } from './strategy.js'

export const eventStrategy: Strategy = {
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'path',
  // The leader elections' `became leader` events, made in the background as the cluster starts: see
  // Strategy.uidFromKey and uidText.
  uidText: (o) => {
    const ref = (o as unknown as Event).involvedObject
    return ref?.kind === 'Lease' ? `events/${ref.namespace ?? ''}/${ref.name ?? ''}` : undefined
  },
  default: () => {},
  validate: (obj) => validateEvent(obj as unknown as Event),
}
