// Which describer prints which kind (describerMap in pkg/describe/describe.go); every other kind
// gets the generic describer, as kubectl gives it to kinds it has no describer for.
import { qualifiedName, type ResourceType } from '../../cluster/resources.js'
import { configMapDescriber, secretDescriber, serviceAccountDescriber } from './config.js'
import { daemonSetDescriber } from './daemonset.js'
import { deploymentDescriber } from './deployment.js'
import { endpointSliceDescriber, endpointsDescriber } from './endpoints.js'
import type { Describer } from './describer.js'
import { genericDescriber } from './generic.js'
import { ingressClassDescriber, ingressDescriber } from './ingress.js'
import { namespaceDescriber } from './namespace.js'
import { nodeDescriber } from './node.js'
import { podDescriber } from './pod.js'
import { replicaSetDescriber } from './replicaset.js'
import { serviceDescriber } from './service.js'

export type { Describer, DescriberSettings } from './describer.js'

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  '/Pod': podDescriber,
  '/Node': nodeDescriber,
  '/Service': serviceDescriber,
  '/Namespace': namespaceDescriber,
  '/ConfigMap': configMapDescriber,
  '/Secret': secretDescriber,
  '/ServiceAccount': serviceAccountDescriber,
  '/Endpoints': endpointsDescriber,
  'discovery.k8s.io/EndpointSlice': endpointSliceDescriber,
  'apps/Deployment': deploymentDescriber,
  'apps/ReplicaSet': replicaSetDescriber,
  'apps/DaemonSet': daemonSetDescriber,
  'networking.k8s.io/Ingress': ingressDescriber,
  'networking.k8s.io/IngressClass': ingressClassDescriber,
}

export function describerFor(t: ResourceType): Describer {
  return DESCRIBERS[`${t.group}/${t.kind}`] ?? genericDescriber(qualifiedName(t))
}
