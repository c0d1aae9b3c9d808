// The strategy of every resource the apiserver serves.
import { controllerRevisionStrategy } from './controllerrevision.js'
import { daemonSetStrategy } from './daemonset.js'
import { configMapStrategy } from './configmap.js'
import { deploymentStrategy } from './deployment.js'
import { endpointSliceStrategy } from './endpointslice.js'
import { endpointsStrategy } from './endpoints.js'
import { eventStrategy } from './event.js'
import { eventV1Strategy } from './event-v1.js'
import { ingressStrategy } from './ingress.js'
import { ingressClassStrategy } from './ingressclass.js'
import { leaseStrategy } from './lease.js'
import { namespaceStrategy } from './namespace.js'
import { nodeStrategy } from './node.js'
import { podStrategy } from './pod.js'
import { replicaSetStrategy } from './replicaset.js'
import { secretStrategy } from './secret.js'
import { serviceStrategy } from './service.js'
import { serviceAccountStrategy } from './serviceaccount.js'
import type { Strategy } from './strategy.js'

const generic: Strategy = {
  hasStatus: true,
  tracksGeneration: false,
  nameRule: 'subdomain',
  default: () => {},
  validate: () => [],
}

const STRATEGIES: Record<string, Strategy> = {
  namespaces: namespaceStrategy,
  nodes: nodeStrategy,
  pods: podStrategy,
  services: serviceStrategy,
  endpoints: endpointsStrategy,
  endpointslices: endpointSliceStrategy,
  replicasets: replicaSetStrategy,
  deployments: deploymentStrategy,
  daemonsets: daemonSetStrategy,
  controllerrevisions: controllerRevisionStrategy,
  events: eventStrategy,
  leases: leaseStrategy,
  ingresses: ingressStrategy,
  ingressclasses: ingressClassStrategy,
  configmaps: configMapStrategy,
  secrets: secretStrategy,
  serviceaccounts: serviceAccountStrategy,
}

/** Strategies that differ by the request's group: `<resource>.<group>`. */
const GROUP_STRATEGIES: Record<string, Strategy> = {
  'events.events.k8s.io': eventV1Strategy,
}

export function strategyFor(resource: string, group = ''): Strategy {
  return (group === '' ? undefined : GROUP_STRATEGIES[`${resource}.${group}`]) ?? STRATEGIES[resource] ?? generic
}
