// Fixtures for the endpoints, EndpointSlice, garbage collector and namespace controller tests: pods
// written as a kubelet would leave them (no kubelet is simulated here), and a Service `web`.
import type { OwnerReference } from 'kubernetes-types/meta/v1.js'
import type { StoredObject } from '../../../src/cluster/object.js'
import { Cluster } from '../../../src/index.js'

export const T0 = '2026-01-01T00:00:00Z'

/** A cluster without kube-scheduler, so that pods stay where the test puts them. */
export function cluster(): Cluster {
  // The test plays the kubelets (pod IPs and readiness) and places pods itself.
  const c = Cluster.create({ components: ['kube-controller-manager'] })
  return c
}

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

export function webService(c: Cluster, spec: Record<string, unknown> = {}): StoredObject {
  return must(
    c.sim.api.create('test', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
    }),
  )
}

export interface PodSpec {
  name: string
  node?: string
  ip?: string
  ready?: boolean
  namespace?: string
  labels?: Record<string, string>
  ownerReferences?: OwnerReference[]
}

/** A pod on `node` with `ip`, Running, Ready or not as of `at` (the status a kubelet writes). */
export function pod(c: Cluster, p: PodSpec, at = '2026-01-01T00:00:05Z'): StoredObject {
  const created = must(
    c.sim.api.create('test', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace ?? 'default', labels: p.labels ?? { app: 'web' }, ...(p.ownerReferences ? { ownerReferences: p.ownerReferences } : {}) },
      spec: { ...(p.node ? { nodeName: p.node } : {}), containers: [{ name: 'web', image: 'nginx:1.27' }] },
    }),
  )
  if (!p.ip) return created
  return setReady(c, created, p.ready ?? true, at, p.ip)
}

export function setReady(c: Cluster, pod: StoredObject, ready: boolean, at: string, ip?: string): StoredObject {
  const podIP = ip ?? (pod.status as { podIP: string }).podIP
  const status = { phase: 'Running', podIP, podIPs: [{ ip: podIP }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at }] }
  return must(c.sim.api.update('kubelet', { ...pod, status }, { subresource: 'status' }))
}

/** The writes (not reads) components made since `from`, as `who verb resource name code`. */
export function writes(c: Cluster, from: number, who: (w: string) => boolean = () => true): string[] {
  return c.sim.trace
    .entries()
    .slice(from)
    .filter((e) => who(e.who) && !['get', 'list', 'watch'].includes(e.verb))
    .map((e) => `${e.who} ${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''} ${e.name ?? ''} ${e.code}`)
}

/** The three pods of the examples: two ready, one not. */
export function threePods(c: Cluster): StoredObject[] {
  return [
    pod(c, { name: 'web-a', node: 'node-1', ip: '10.244.1.5' }),
    pod(c, { name: 'web-b', node: 'node-2', ip: '10.244.2.7' }),
    pod(c, { name: 'web-c', node: 'node-1', ip: '10.244.1.6', ready: false }),
  ]
}
