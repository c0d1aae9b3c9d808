// Where a connection made from inside a pod (`kubectl exec ... wget/curl/nslookup`) ends up: cluster
// DNS names as CoreDNS answers them (search path from the pod's resolv.conf, ndots:5), then the IP:
// loopback is the pod itself (its containers share one network namespace), a ClusterIP goes to one
// ready endpoint of the Service as kube-proxy would send it, a pod IP to that pod, a node IP to a
// hostNetwork pod, a hostPort (portmap DNAT) or a NodePort. This is the exec-side shortcut; the
// request walker of src/cluster/network (hops, IP headers) is the full path.
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Pod, Service } from 'kubernetes-types/core/v1.js'
import type { SimulatedCluster } from '../cluster.js'
import type { StoredObject } from '../object.js'
import type { HttpAnswer } from '../runtime/http.js'
import { CLUSTER_DOMAIN } from '../topology.js'
import { answerInPod, runningPod, type RunningPod } from './serve.js'

export type Resolution = { ok: true; ip: string; fqdn: string } | { ok: false }

export type FetchResult =
  | { kind: 'answer'; ip: string; port: number; answer: Exclude<HttpAnswer, { kind: 'refused' }> }
  | { kind: 'refused'; ip: string; port: number }
  | { kind: 'unresolved'; host: string }
  | { kind: 'unreachable'; ip: string; port: number }

const silent = { silent: true } as const
const list = <T>(cluster: SimulatedCluster, resource: string, options: { namespace?: string; fieldSelector?: string; labelSelector?: string } = {}): (StoredObject & T)[] => {
  const r = cluster.api.list('kubelings', resource, { ...options, ...silent })
  return r.ok ? (r.value.items as (StoredObject & T)[]) : []
}
const isIPv4 = (s: string): boolean => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)

/** The names a lookup tries, as the resolver does with `search <ns>.svc.cluster.local svc.cluster.local cluster.local` and ndots:5. */
export function searchNames(host: string, namespace: string): string[] {
  if (host.endsWith('.')) return [host.slice(0, -1)]
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map((d) => `${host}.${d}`)
  return host.split('.').length - 1 >= 5 ? [host, ...search] : [...search, host]
}

/** One name as CoreDNS's kubernetes plugin answers it: `<svc>.<ns>.svc.cluster.local`, `<a-b-c-d>.<ns>.pod.cluster.local`. */
export function lookupName(cluster: SimulatedCluster, fqdn: string): string[] {
  const suffix = `.${CLUSTER_DOMAIN}`
  if (!fqdn.endsWith(suffix)) return []
  const parts = fqdn.slice(0, -suffix.length).split('.')
  if (parts.length === 3 && parts[2] === 'svc') {
    const svc = cluster.object('services', parts[1], parts[0]) as (StoredObject & Service) | undefined
    if (!svc) return []
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return [svc.spec.clusterIP]
    return readyEndpoints(cluster, svc).map((e) => e.ip) // headless: the pods' IPs
  }
  if (parts.length === 3 && parts[2] === 'pod' && /^\d+-\d+-\d+-\d+$/.test(parts[0])) return [parts[0].replace(/-/g, '.')]
  return []
}

export function resolveHost(cluster: SimulatedCluster, host: string, namespace: string): Resolution {
  if (host === 'localhost') return { ok: true, ip: '127.0.0.1', fqdn: host }
  if (isIPv4(host)) return { ok: true, ip: host, fqdn: host }
  for (const name of searchNames(host, namespace)) {
    const ips = lookupName(cluster, name)
    if (ips.length) return { ok: true, ip: ips[0], fqdn: name }
  }
  return { ok: false }
}

interface Endpoint { ip: string; port: number; pod?: { namespace: string; name: string } }

function readyEndpoints(cluster: SimulatedCluster, svc: StoredObject & Service, portName?: string): Endpoint[] {
  const slices = list<EndpointSlice>(cluster, 'endpointslices', { namespace: svc.metadata.namespace, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` })
  const out: Endpoint[] = []
  for (const s of slices) {
    const port = (s.ports ?? []).find((p) => portName === undefined || (p.name ?? '') === portName)?.port ?? 0
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue
      for (const ip of e.addresses) out.push({ ip, port, ...(e.targetRef?.name ? { pod: { namespace: e.targetRef.namespace ?? svc.metadata.namespace ?? 'default', name: e.targetRef.name } } : {}) })
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
}

function podByIP(cluster: SimulatedCluster, ip: string): RunningPod | undefined {
  for (const p of list<Pod>(cluster, 'pods')) {
    if (p.status?.podIP !== ip || p.spec?.hostNetwork) continue
    const running = runningPod(cluster, p)
    if (running?.rt.sandbox?.ip === ip) return running
  }
  return undefined
}

/** What a TCP connection from `from` to ip:port reaches, and the HTTP answer to a GET of `path`. */
export function fetchFrom(cluster: SimulatedCluster, from: RunningPod, ip: string, port: number, path: string): FetchResult {
  const now = cluster.now()
  const clientIP = from.rt.sandbox?.ip ?? ''
  const ask = (target: RunningPod, targetPort: number, answerIP = ip, answerPort = port): FetchResult => {
    const answer = answerInPod(target, targetPort, { method: 'GET', path, clientIP, userAgent: undefined }, now)
    return answer.kind === 'refused' ? { kind: 'refused', ip: answerIP, port: answerPort } : { kind: 'answer', ip: answerIP, port: answerPort, answer }
  }
  if (ip.startsWith('127.')) return ask(from, port)
  const svc = list<Service>(cluster, 'services').find((s) => s.spec?.clusterIP === ip)
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP')
    // kube-proxy REJECTs a service port without endpoints: the client sees connection refused.
    const endpoints = sp ? readyEndpoints(cluster, svc, sp.name ?? '') : []
    if (!sp || endpoints.length === 0) return sp ? { kind: 'refused', ip, port } : { kind: 'unreachable', ip, port }
    const e = endpoints[cluster.rng.int(endpoints.length)] // KUBE-SVC-…: one endpoint at random
    const target = e.pod ? cluster.object('pods', e.pod.namespace, e.pod.name) : undefined
    const running = target ? runningPod(cluster, target) : undefined
    return running ? ask(running, e.port) : { kind: 'refused', ip, port }
  }
  const pod = podByIP(cluster, ip)
  if (pod) return ask(pod, port)
  const node = cluster.nodes.find((n) => n.ip === ip)
  if (node) return fetchOnNode(cluster, node.name, ip, port, path, clientIP)
  return { kind: 'unreachable', ip, port }
}

/** A connection to a node's own IP: a hostNetwork pod, a hostPort (CNI portmap DNAT) or a NodePort. */
function fetchOnNode(cluster: SimulatedCluster, node: string, ip: string, port: number, path: string, clientIP: string): FetchResult {
  const now = cluster.now()
  const onNode = list<Pod>(cluster, 'pods', { fieldSelector: `spec.nodeName=${node}` })
  for (const p of onNode) {
    const running = runningPod(cluster, p)
    if (!running) continue
    let target: number | undefined
    if (p.spec?.hostNetwork) target = port
    else for (const c of p.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.hostPort === port && (cp.protocol ?? 'TCP') === 'TCP') target = cp.containerPort
    if (target === undefined) continue
    const answer = answerInPod(running, target, { method: 'GET', path, clientIP }, now)
    if (answer.kind !== 'refused') return { kind: 'answer', ip, port, answer }
  }
  const svc = list<Service>(cluster, 'services').find((s) => (s.spec?.ports ?? []).some((p) => p.nodePort === port))
  const sp = svc?.spec?.ports?.find((p) => p.nodePort === port)
  if (svc?.spec?.clusterIP && sp) return { ...fetchViaService(cluster, svc, sp.port, path, clientIP), ip, port } as FetchResult
  return { kind: 'refused', ip, port }
}

function fetchViaService(cluster: SimulatedCluster, svc: StoredObject & Service, port: number, path: string, clientIP: string): FetchResult {
  const sp = (svc.spec?.ports ?? []).find((p) => p.port === port)
  const endpoints = sp ? readyEndpoints(cluster, svc, sp.name ?? '') : []
  if (endpoints.length === 0) return { kind: 'refused', ip: svc.spec?.clusterIP ?? '', port }
  const e = endpoints[cluster.rng.int(endpoints.length)]
  const target = e.pod ? cluster.object('pods', e.pod.namespace, e.pod.name) : undefined
  const running = target ? runningPod(cluster, target) : undefined
  if (!running) return { kind: 'refused', ip: e.ip, port: e.port }
  const answer = answerInPod(running, e.port, { method: 'GET', path, clientIP }, cluster.now())
  return answer.kind === 'refused' ? { kind: 'refused', ip: e.ip, port: e.port } : { kind: 'answer', ip: e.ip, port: e.port, answer }
}
