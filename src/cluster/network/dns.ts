// What CoreDNS (the kubernetes plugin, as kubeadm's Corefile sets it up: `kubernetes cluster.local
// in-addr.arpa ip6.arpa { pods insecure }`) answers for A queries, and how a pod's resolver walks
// its search list. A pod with dnsPolicy ClusterFirst has in /etc/resolv.conf:
//   search <ns>.svc.cluster.local svc.cluster.local cluster.local
//   nameserver 10.96.0.10
//   options ndots:5
// so a name with fewer than 5 dots is tried with each search domain first, then as it is.
// Services: `<svc>.<ns>.svc.cluster.local` → the ClusterIP; a headless Service → the IPs of its
// ready endpoints; pods: `<a-b-c-d>.<ns>.pod.cluster.local` → a.b.c.d.
import type { Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { ApiServer } from '../apiserver.js'
import { CLUSTER_DOMAIN } from '../topology.js'
import { CLUSTER_DNS_IP, isIPv4 } from './addresses.js'

export interface DnsLookup {
  /** The name as asked. */
  readonly query: string
  /** The nameserver asked (kube-dns' ClusterIP). */
  readonly server: string
  /** The names tried, in order, with what each got. */
  readonly tried: readonly { readonly name: string; readonly rcode: 'NOERROR' | 'NXDOMAIN' }[]
  /** The name that answered and its addresses; none when every name was NXDOMAIN. */
  readonly name?: string
  readonly addresses: readonly string[]
  /**
   * No CoreDNS answered: kube-dns has no ready endpoint (its pods not Ready yet, or none), so kube-proxy
   * REJECTs the query to 10.96.0.10:53 and the resolver gives up with no answer at all.
   */
  readonly unreachable?: true
}

export function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
}

/** The candidate names of a query under a pod's resolv.conf (ndots:5). */
export function candidates(query: string, namespace: string): string[] {
  if (query.endsWith('.')) return [query.slice(0, -1)]
  const dots = query.split('.').length - 1
  const searched = searchList(namespace).map((d) => `${query}.${d}`)
  return dots >= 5 ? [query, ...searched] : [...searched, query]
}

/** CoreDNS' A answer for one fully qualified name, or undefined (NXDOMAIN). */
export function answerA(api: ApiServer, fqdn: string): string[] | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`
  if (!fqdn.endsWith(suffix)) return undefined
  const labels = fqdn.slice(0, -suffix.length).split('.')
  if (labels.length === 3 && labels[2] === 'svc') return serviceA(api, labels[1], labels[0])
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = labels[0].replace(/-/g, '.')
    return isIPv4(ip) ? [ip] : undefined
  }
  return undefined
}

function serviceA(api: ApiServer, namespace: string, name: string): string[] | undefined {
  const got = api.get('coredns', 'services', namespace, name, { silent: true })
  if (!got.ok) return undefined
  const svc = got.value as Service
  if (svc.spec?.type === 'ExternalName') return undefined
  if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return [svc.spec.clusterIP]
  // Headless: one A record per ready endpoint address.
  const slices = api.list('coredns', 'endpointslices', { namespace, labelSelector: `kubernetes.io/service-name=${name}`, silent: true })
  if (!slices.ok) return undefined
  const ips = new Set<string>()
  for (const s of slices.value.items as unknown as EndpointSlice[])
    for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) ips.add(a)
  return ips.size > 0 ? [...ips].sort() : undefined
}

/**
 * Whether a query to 10.96.0.10:53 reaches a CoreDNS pod: the kube-dns Service (kube-system) has a
 * ready endpoint. The answers themselves are read from the Services (as CoreDNS' kubernetes plugin
 * does); this is only whether anyone is there to give them. A cluster made without the DNS add-on
 * (no kube-dns Service; ClusterOptions.addons) answers as if CoreDNS ran, as before the add-on existed.
 */
export function dnsServing(api: ApiServer): boolean {
  if (!api.get('coredns', 'services', 'kube-system', 'kube-dns', { silent: true }).ok) return true
  const slices = api.list('coredns', 'endpointslices', { namespace: 'kube-system', labelSelector: 'kubernetes.io/service-name=kube-dns', silent: true })
  if (!slices.ok) return false
  return (slices.value.items as unknown as EndpointSlice[]).some((s) => (s.endpoints ?? []).some((e) => e.conditions?.ready !== false))
}

/** A pod's lookup of `query` through its search list, as its resolver does it. */
export function resolveFromPod(api: ApiServer, query: string, namespace: string): DnsLookup {
  if (!dnsServing(api)) return { query, server: CLUSTER_DNS_IP, tried: [], addresses: [], unreachable: true }
  const tried: { name: string; rcode: 'NOERROR' | 'NXDOMAIN' }[] = []
  for (const name of candidates(query, namespace)) {
    const addresses = answerA(api, name)
    tried.push({ name, rcode: addresses ? 'NOERROR' : 'NXDOMAIN' })
    if (addresses) return { query, server: CLUSTER_DNS_IP, tried, name, addresses }
  }
  return { query, server: CLUSTER_DNS_IP, tried, addresses: [] }
}
