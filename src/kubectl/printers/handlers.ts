// Which columns and row function print each kind (the TableHandler pairs of printers.go); any
// kind without its own printer gets the default NAME AGE (printObjectMeta).
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js'
import type { Lease } from 'kubernetes-types/coordination/v1.js'
import type { ComponentStatus, ConfigMap, Endpoints, Event, Namespace, Node, Pod, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js'
import type { Millis } from '../../cluster/clock.js'
import type { KubeObject } from '../../cluster/object.js'
import { v1EventToCore } from '../../cluster/registry/event-v1.js'
import { age } from '../format/time.js'
import { componentStatusColumns, printComponentStatus } from './componentstatus.js'
import { configMapColumns, printConfigMap, printSecret, printServiceAccount, secretColumns, serviceAccountColumns } from './config.js'
import { controllerRevisionColumns, printControllerRevision } from './controllerrevision.js'
import { daemonSetColumns, printDaemonSet } from './daemonset.js'
import { deploymentColumns, printDeployment } from './deployment.js'
import { endpointsColumns, printEndpoints } from './endpoints.js'
import { endpointSliceColumns, printEndpointSlice } from './endpointslice.js'
import { eventColumns, printEvent } from './event.js'
import { ingressClassColumns, ingressColumns, printIngress, printIngressClass } from './ingress.js'
import { leaseColumns, printLease } from './lease.js'
import { namespaceColumns, printNamespace } from './namespace.js'
import { nodeColumns, printNode } from './node.js'
import { podColumns, printPod } from './pod.js'
import { printReplicaSet, replicaSetColumns } from './replicaset.js'
import { printService, serviceColumns } from './service.js'
import type { Cell, ColumnDefinition, Table } from './table.js'

interface TableHandler {
  readonly columns: readonly ColumnDefinition[]
  /** All cells of one row, wide ones included; `wide` only matters where upstream's cell differs. */
  readonly print: (obj: KubeObject, now: Millis, wide: boolean) => Cell[]
}

// The objects come from the apiserver in these kinds' shapes; the casts name which shape.
const HANDLERS: Readonly<Record<string, TableHandler>> = {
  pods: { columns: podColumns, print: (o, now) => printPod(o as Pod, now) },
  nodes: { columns: nodeColumns, print: (o, now) => printNode(o as Node, now) },
  services: { columns: serviceColumns, print: (o, now, wide) => printService(o as Service, now, wide) },
  deployments: { columns: deploymentColumns, print: (o, now) => printDeployment(o as Deployment, now) },
  controllerrevisions: { columns: controllerRevisionColumns, print: (o, now) => printControllerRevision(o as unknown as ControllerRevision, now) },
  daemonsets: { columns: daemonSetColumns, print: (o, now) => printDaemonSet(o as DaemonSet, now) },
  replicasets: { columns: replicaSetColumns, print: (o, now) => printReplicaSet(o as ReplicaSet, now) },
  endpoints: { columns: endpointsColumns, print: (o, now) => printEndpoints(o as Endpoints, now) },
  endpointslices: { columns: endpointSliceColumns, print: (o, now) => printEndpointSlice(o as unknown as EndpointSlice, now) },
  namespaces: { columns: namespaceColumns, print: (o, now) => printNamespace(o as Namespace, now) },
  events: { columns: eventColumns, print: (o, now) => printEvent(o as unknown as Event, now) },
  // The server prints events.k8s.io Events from the internal object, as core's (printEvent).
  'events.events.k8s.io': { columns: eventColumns, print: (o, now) => printEvent(v1EventToCore(o) as unknown as Event, now) },
  leases: { columns: leaseColumns, print: (o, now) => printLease(o as Lease, now) },
  ingresses: { columns: ingressColumns, print: (o, now, wide) => printIngress(o as Ingress, now, wide) },
  ingressclasses: { columns: ingressClassColumns, print: (o, now) => printIngressClass(o as IngressClass, now) },
  configmaps: { columns: configMapColumns, print: (o, now) => printConfigMap(o as ConfigMap, now) },
  secrets: { columns: secretColumns, print: (o, now) => printSecret(o as Secret, now) },
  serviceaccounts: { columns: serviceAccountColumns, print: (o, now) => printServiceAccount(o as ServiceAccount, now) },
  componentstatuses: { columns: componentStatusColumns, print: (o) => printComponentStatus(o as ComponentStatus) },
}

export const defaultColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Age' }]

const DEFAULT_HANDLER: TableHandler = {
  columns: defaultColumns,
  print: (o, now) => [o.metadata?.name ?? '', age(o.metadata?.creationTimestamp, now)],
}

/** The table the apiserver would answer for these objects of one resource (`pods`, `events.events.k8s.io`). */
export function toTable(resource: string, objects: readonly KubeObject[], now: Millis, wide = false): Table {
  // A group-qualified name (`deployments.apps`) prints as its plain resource's, unless its group has a printer of its own.
  const dot = resource.indexOf('.')
  const handler = HANDLERS[resource] ?? (dot > 0 ? HANDLERS[resource.slice(0, dot)] : undefined) ?? DEFAULT_HANDLER
  return { columns: handler.columns, rows: objects.map((object) => ({ cells: handler.print(object, now, wide), object })) }
}
