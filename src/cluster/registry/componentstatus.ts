// ComponentStatus (v1, deprecated since 1.19; pkg/registry/core/componentstatus): nothing is stored.
// On every get and list the apiserver probes the servers it was told about
// (componentStatusStorage.serversToValidate in pkg/registry/core/rest/storage_core.go) and answers
// with one Healthy condition each: the controller-manager and the scheduler by an HTTPS GET of
// /healthz on 127.0.0.1 at their default ports, each etcd server by its storage backend's health
// check. Which of them answer is the cluster's to say (ApiServerDeps.componentHealth).
import type { StoredObject } from '../object.js'

/** Whether the process behind a probed component listens: `kube-scheduler`, `kube-controller-manager`. */
export type ComponentHealth = (component: string) => boolean

interface ProbedServer {
  /** The ComponentStatus name. */
  readonly name: string
  /** The simulator's component behind it, or undefined for etcd (which always runs here). */
  readonly component?: string
  /** `127.0.0.1:<port>`: ports.KubeControllerManagerPort, kubeschedulerconfig.DefaultKubeSchedulerPort. */
  readonly address?: string
}

/**
 * Upstream keeps them in a Go map and probes each in its own goroutine, so a real list comes in the
 * order the probes finish (it varies). Here it is fixed, in the order most often seen on a kubeadm
 * cluster. etcd-0: one entry per storage backend config; a kubeadm cluster has one.
 */
const SERVERS: readonly ProbedServer[] = [
  { name: 'scheduler', component: 'kube-scheduler', address: '127.0.0.1:10259' },
  { name: 'controller-manager', component: 'kube-controller-manager', address: '127.0.0.1:10257' },
  { name: 'etcd-0' },
]

interface ComponentCondition {
  type: 'Healthy'
  status: 'True' | 'False' | 'Unknown'
  message?: string
  error?: string
}

/**
 * The probe's answer as a condition (getComponentStatus, HttpServer.DoServerCheck). The HTTP
 * prober turns a failed request into probe.Failure with the Go error text as its *message*
 * (pkg/probe/http DoHTTPProbe: "Convert errors into failures to catch timeouts"), so a stopped
 * component is status False with the dial error in `message` and no `error`. A /healthz that
 * answers writes `ok` as its body; EtcdServer's success message is `ok` too.
 */
function probe(server: ProbedServer, health: ComponentHealth): ComponentCondition {
  if (server.address === undefined || health(server.component!)) return { type: 'Healthy', status: 'True', message: 'ok' }
  const url = `https://${server.address}/healthz`
  return { type: 'Healthy', status: 'False', message: `Get "${url}": dial tcp ${server.address}: connect: connection refused` }
}

/**
 * A ComponentStatus as the apiserver encodes it: TypeMeta, metadata with only the name (the zero
 * creationTimestamp is encoded as null), the one condition. Typed as a StoredObject for kubectl's
 * printers, though it has no uid or resourceVersion: it never was stored.
 */
function statusObject(server: ProbedServer, health: ComponentHealth): StoredObject {
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name: server.name, creationTimestamp: null },
    conditions: [probe(server, health)],
  } as unknown as StoredObject
}

/** REST.List: every probed server. */
export function listComponentStatuses(health: ComponentHealth): StoredObject[] {
  return SERVERS.map((s) => statusObject(s, health))
}

/** REST.Get: the one named, or undefined (upstream answers `Component not found: <name>`). */
export function getComponentStatus(name: string, health: ComponentHealth): StoredObject | undefined {
  const server = SERVERS.find((s) => s.name === name)
  return server && statusObject(server, health)
}
