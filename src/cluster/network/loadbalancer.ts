// The simulated cloud's load balancer on the request path (an ADDRESS_HOOK of the walker): a packet
// for a LoadBalancer Service's EXTERNAL-IP reaches the load balancer, which hands it to one node, the
// destination unchanged (a pass-through load balancer, as GCP's network LB or MetalLB's L2 mode); on
// the node, kube-proxy's rule for the load-balancer IP (KUBE-SERVICES → KUBE-EXT-…) takes it on.
//
// Which nodes: the Ready ones without the `node.kubernetes.io/exclude-from-external-load-balancers`
// label (kubeadm puts it on the control plane; the service controller leaves such nodes out). With
// externalTrafficPolicy Local, only the nodes with a ready endpoint of the Service: the cloud's
// health checks (on healthCheckNodePort) fail on the others. The choice among them is the seeded
// PRNG's, as a cloud's flow hash is to a client.
import type { Node, Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { SimulatedCluster } from '../cluster.js'
import type { StoredObject } from '../object.js'
import type { AddressForward } from './hooks.js'
import { inPool } from './loadbalancer-pool.js'
import type { Packet } from './netfilter.js'

const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers'
const READER = 'kubelings'

/** The LoadBalancer Service whose status holds `ip`, if any. */
export function serviceWithLoadBalancerIP(cluster: SimulatedCluster, ip: string): (StoredObject & Service) | undefined {
  if (!inPool(ip)) return undefined
  const listed = cluster.api.list(READER, 'services', { silent: true })
  if (!listed.ok) return undefined
  return (listed.value.items as (StoredObject & Service)[]).find(
    (s) => s.spec?.type === 'LoadBalancer' && (s.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip),
  )
}

const isReady = (n: Node): boolean => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false

/** The nodes the load balancer sends this Service's traffic to, by name, sorted. */
export function loadBalancerNodes(cluster: SimulatedCluster, svc: StoredObject & Service): string[] {
  const nodes = cluster.api.list(READER, 'nodes', { silent: true })
  if (!nodes.ok) return []
  let names = (nodes.value.items as (StoredObject & Node)[])
    .filter((n) => isReady(n) && !(EXCLUDE_LABEL in (n.metadata.labels ?? {})))
    .map((n) => n.metadata.name)
  if (svc.spec?.externalTrafficPolicy === 'Local') {
    const slices = cluster.api.list(READER, 'endpointslices', { namespace: svc.metadata.namespace, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}`, silent: true })
    const local = new Set<string>()
    for (const s of slices.ok ? (slices.value.items as unknown as EndpointSlice[]) : [])
      for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false && e.nodeName) local.add(e.nodeName)
    names = names.filter((n) => local.has(n))
  }
  return names.sort()
}

/** A packet for a load-balancer IP: one hop through the load balancer, to a node. */
export function throughLoadBalancer(cluster: SimulatedCluster, p: Packet): AddressForward | undefined {
  const svc = serviceWithLoadBalancerIP(cluster, p.dst)
  if (!svc) return undefined
  const service = `${svc.metadata.namespace}/${svc.metadata.name}`
  const listens = (svc.spec?.ports ?? []).some((port) => port.port === p.dport && (port.protocol ?? 'TCP').toLowerCase() === p.protocol)
  const nodes = listens ? loadBalancerNodes(cluster, svc) : []
  if (nodes.length === 0) return undefined // no listener or no healthy node: the packet goes nowhere
  const node = nodes[nodes.length === 1 ? 0 : cluster.rng.uint32() % nodes.length]
  const wire = { inner: { protocol: p.protocol === 'tcp' ? ('TCP' as const) : ('UDP' as const), src: p.src, sport: p.sport, dst: p.dst, dport: p.dport } }
  return {
    hops: [
      {
        kind: 'load-balancer',
        at: 'load-balancer',
        wire,
        detail: `${service} ${p.dst}:${p.dport} → ${node}`,
        params: { service, ip: p.dst, port: p.dport, node, policy: svc.spec?.externalTrafficPolicy ?? 'Cluster', nodes: nodes.join(', ') },
      },
    ],
    node,
    packet: p,
  }
}
