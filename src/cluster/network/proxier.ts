// What kube-proxy (iptables mode, pkg/proxy/iptables/proxier.go in 1.32) makes of Services and
// EndpointSlices: first the service ports with their usable endpoints (serviceMap/endpointsMap),
// then syncProxyRules' nat and filter rules. Headless and ExternalName Services get no rules.
// externalTrafficPolicy Local sends external traffic only to the node's own endpoints (KUBE-SVL),
// unmasqueraded, and drops it on a node without one; internalTrafficPolicy Local does the same for
// cluster IP traffic. A health check node port is let in (filter KUBE-NODEPORTS). Not modelled:
// loadBalancerSourceRanges (KUBE-FW), topology hints, terminating-endpoint fallback, IPv6.
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Service } from 'kubernetes-types/core/v1.js'
import { servicePortChainName, servicePortEndpointChainName, servicePortName } from './chain-names.js'
import type { Match, Rule } from './iptables.js'

export interface ProxiedEndpoint {
  readonly ip: string
  readonly port: number
  readonly nodeName?: string
}

/** One port of one Service as kube-proxy holds it. */
export interface ServicePortInfo {
  readonly namespace: string
  readonly name: string
  readonly portName?: string
  readonly protocol: 'TCP' | 'UDP' | 'SCTP'
  readonly clusterIP: string
  readonly port: number
  readonly nodePort?: number
  readonly loadBalancerIPs: readonly string[]
  readonly externalIPs: readonly string[]
  /** externalTrafficPolicy Local (on a NodePort or LoadBalancer Service). */
  readonly externalLocal?: boolean
  /** internalTrafficPolicy Local: cluster IP traffic only to the node's own endpoints. */
  readonly internalLocal?: boolean
  /** A LoadBalancer with externalTrafficPolicy Local: the port its health checks come to. */
  readonly healthCheckNodePort?: number
  /** sessionAffinity ClientIP: its timeout in seconds. */
  readonly affinitySeconds?: number
  /** Ready endpoints, sorted as kube-proxy sorts them (by `ip:port`). */
  readonly endpoints: readonly ProxiedEndpoint[]
}

export const MASQ_MARK = 0x4000

/** The service ports kube-proxy proxies, from the Services and EndpointSlices it has seen. */
export function servicePorts(services: Iterable<Service>, slicesOf: (namespace: string, name: string) => readonly EndpointSlice[]): ServicePortInfo[] {
  const out: ServicePortInfo[] = []
  for (const svc of services) {
    const spec = svc.spec ?? {}
    const ns = svc.metadata?.namespace ?? 'default'
    const name = svc.metadata?.name ?? ''
    // proxier skips a Service whose ClusterIP is None (headless) or empty (ExternalName).
    if (!spec.clusterIP || spec.clusterIP === 'None' || spec.type === 'ExternalName') continue
    const slices = slicesOf(ns, name)
    for (const p of spec.ports ?? []) {
      const protocol = (p.protocol ?? 'TCP') as ServicePortInfo['protocol']
      const seen = new Set<string>()
      const endpoints: ProxiedEndpoint[] = []
      for (const slice of slices) {
        const sp = (slice.ports ?? []).find((x) => (x.name ?? '') === (p.name ?? '') && (x.protocol ?? 'TCP') === protocol)
        if (!sp?.port) continue
        for (const e of slice.endpoints ?? []) {
          // A nil ready condition counts as ready (EndpointConditions docs).
          if (e.conditions?.ready === false) continue
          for (const ip of e.addresses.slice(0, 1)) {
            const key = `${ip}:${sp.port}`
            if (seen.has(key)) continue
            seen.add(key)
            endpoints.push({ ip, port: sp.port, ...(e.nodeName ? { nodeName: e.nodeName } : {}) })
          }
        }
      }
      endpoints.sort((a, b) => (`${a.ip}:${a.port}` < `${b.ip}:${b.port}` ? -1 : `${a.ip}:${a.port}` > `${b.ip}:${b.port}` ? 1 : 0))
      out.push({
        namespace: ns,
        name,
        ...(p.name ? { portName: p.name } : {}),
        protocol,
        clusterIP: spec.clusterIP,
        port: p.port,
        ...(p.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer') ? { nodePort: p.nodePort } : {}),
        loadBalancerIPs: (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : [])),
        externalIPs: spec.externalIPs ?? [],
        ...(spec.externalTrafficPolicy === 'Local' && (spec.type === 'NodePort' || spec.type === 'LoadBalancer') ? { externalLocal: true } : {}),
        ...(spec.internalTrafficPolicy === 'Local' ? { internalLocal: true } : {}),
        ...(spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && spec.healthCheckNodePort ? { healthCheckNodePort: spec.healthCheckNodePort } : {}),
        ...(spec.sessionAffinity === 'ClientIP' ? { affinitySeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 } : {}),
        endpoints,
      })
    }
  }
  return out.sort((a, b) => cmp(portNameOf(a), portNameOf(b)))
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
export const portNameOf = (s: ServicePortInfo): string => servicePortName(s.namespace, s.name, s.portName)

/** kube-proxy's probability for endpoint i of n: 1/(n-i), written with 10 decimals. */
const probability = (i: number, n: number): number => Number((1 / (n - i)).toFixed(10))

const nat = (chain: string, rest: Omit<Rule, 'table' | 'chain'>): Rule => ({ table: 'nat', chain, ...rest })
const filter = (chain: string, rest: Omit<Rule, 'table' | 'chain'>): Rule => ({ table: 'filter', chain, ...rest })
const comment = (text: string): Match => ({ module: 'comment', comment: text })

/** The fixed rules kube-proxy keeps whatever the Services (iptablesJumpChains, KUBE-POSTROUTING, KUBE-MARK-MASQ). */
function baseRules(): Rule[] {
  const portals = comment('kubernetes service portals')
  const isNew: Match = { module: 'conntrack', ctstate: 'NEW' }
  return [
    nat('PREROUTING', { matches: [portals], target: { jump: 'KUBE-SERVICES' } }),
    nat('OUTPUT', { matches: [portals], target: { jump: 'KUBE-SERVICES' } }),
    nat('POSTROUTING', { matches: [comment('kubernetes postrouting rules')], target: { jump: 'KUBE-POSTROUTING' } }),
    nat('KUBE-MARK-MASQ', { target: { setMark: MASQ_MARK } }),
    nat('KUBE-POSTROUTING', { matches: [{ module: 'mark', not: true, mark: MASQ_MARK }], target: { verdict: 'RETURN' } }),
    nat('KUBE-POSTROUTING', { target: { xorMark: MASQ_MARK } }),
    nat('KUBE-POSTROUTING', { matches: [comment('kubernetes service traffic requiring SNAT')], target: { masquerade: true, randomFully: true } }),
    filter('INPUT', { matches: [isNew, comment('kubernetes load balancer firewall')], target: { jump: 'KUBE-PROXY-FIREWALL' } }),
    filter('INPUT', { matches: [comment('kubernetes health check service ports')], target: { jump: 'KUBE-NODEPORTS' } }),
    filter('INPUT', { matches: [isNew, comment('kubernetes externally-visible service portals')], target: { jump: 'KUBE-EXTERNAL-SERVICES' } }),
    filter('FORWARD', { matches: [isNew, comment('kubernetes load balancer firewall')], target: { jump: 'KUBE-PROXY-FIREWALL' } }),
    filter('FORWARD', { matches: [comment('kubernetes forwarding rules')], target: { jump: 'KUBE-FORWARD' } }),
    filter('FORWARD', { matches: [isNew, portals], target: { jump: 'KUBE-SERVICES' } }),
    filter('FORWARD', { matches: [isNew, comment('kubernetes externally-visible service portals')], target: { jump: 'KUBE-EXTERNAL-SERVICES' } }),
    filter('OUTPUT', { matches: [isNew, comment('kubernetes load balancer firewall')], target: { jump: 'KUBE-PROXY-FIREWALL' } }),
    filter('OUTPUT', { matches: [isNew, portals], target: { jump: 'KUBE-SERVICES' } }),
    filter('KUBE-FORWARD', { matches: [{ module: 'conntrack', ctstate: 'INVALID' }, { module: 'nfacct', name: 'ct_state_invalid_dropped_pkts' }], target: { verdict: 'DROP' } }),
    filter('KUBE-FORWARD', { matches: [comment('kubernetes forwarding rules'), { module: 'mark', mark: MASQ_MARK }], target: { verdict: 'ACCEPT' } }),
    filter('KUBE-FORWARD', { matches: [comment('kubernetes forwarding conntrack rule'), { module: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], target: { verdict: 'ACCEPT' } }),
  ]
}

/**
 * writeServiceToEndpointRules: from a service chain to its endpoints' chains, the affinity checks
 * first, then one random pick per endpoint (the last one always taken).
 */
function endpointJumps(chain: string, spn: string, affinitySeconds: number | undefined, seps: readonly { e: ProxiedEndpoint; chain: string }[]): Rule[] {
  const out: Rule[] = []
  if (affinitySeconds !== undefined)
    for (const sep of seps) out.push(nat(chain, { matches: [comment(spn), { module: 'recent', mode: 'rcheck', name: sep.chain, seconds: affinitySeconds, reap: true }], target: { jump: sep.chain } }))
  seps.forEach(({ e, chain: sep }, i) => {
    const pick: Match[] = i === seps.length - 1 ? [] : [{ module: 'statistic', probability: probability(i, seps.length) }]
    out.push(nat(chain, { matches: [comment(`${spn} -> ${e.ip}:${e.port}`), ...pick], target: { jump: sep } }))
  })
  return out
}

/**
 * The endpoints one node's kube-proxy uses for a service port (proxy.CategorizeEndpoints, without
 * topology hints or terminating endpoints): every ready one for Cluster policy, this node's for
 * Local, and which of the two chains (KUBE-SVC, KUBE-SVL) the port needs.
 */
function categorize(s: ServicePortInfo, nodeName: string, externallyAccessible: boolean) {
  const usesCluster = !s.internalLocal || externallyAccessible
  const usesLocal = s.internalLocal === true || (s.externalLocal === true && externallyAccessible)
  const local = usesLocal ? s.endpoints.filter((e) => e.nodeName === nodeName) : []
  const cluster = usesCluster ? s.endpoints : []
  // Every KUBE-SEP chain this node writes: the union, in the order the endpoints came.
  const reachable = usesCluster ? cluster : local
  return { cluster, local, reachable, usesCluster, usesLocal }
}

/** syncProxyRules: every rule of one node, from the service ports kube-proxy last synced. */
export function proxyRules(ports: readonly ServicePortInfo[], clusterCIDR: string, nodeName: string): Rule[] {
  const rules = baseRules()
  const services: Rule[] = []
  const svcChains: Rule[] = []
  for (const s of ports) {
    const spn = portNameOf(s)
    const protocol = s.protocol.toLowerCase() as 'tcp' | 'udp'
    const l4 = (dport?: number): Match => ({ module: protocol, ...(dport !== undefined ? { dport } : {}) })
    const svc = servicePortChainName('KUBE-SVC-', spn, s.protocol)
    const svl = servicePortChainName('KUBE-SVL-', spn, s.protocol)
    const ext = servicePortChainName('KUBE-EXT-', spn, s.protocol)
    const externallyAccessible = s.nodePort !== undefined || s.loadBalancerIPs.length > 0 || s.externalIPs.length > 0
    const { cluster, local, reachable, usesCluster, usesLocal } = categorize(s, nodeName, externallyAccessible)
    const hasEndpoints = s.endpoints.length > 0
    // Internal (cluster IP) traffic goes to KUBE-SVL under internalTrafficPolicy Local; external
    // traffic to KUBE-SVL under externalTrafficPolicy Local. Without a local endpoint, either is dropped.
    const internalChain = s.internalLocal ? svl : svc
    const hasInternal = hasEndpoints && (!s.internalLocal || local.length > 0)
    const externalChain = s.externalLocal ? svl : svc
    const hasExternal = hasEndpoints && (!s.externalLocal || local.length > 0)
    const noLocal = comment(`${spn} has no local endpoints`)
    const internalFilter = hasEndpoints ? { comment: noLocal, target: { verdict: 'DROP' as const } } : { comment: comment(`${spn} has no endpoints`), target: { reject: true as const } }
    const externalFilter = hasEndpoints ? { comment: noLocal, target: { verdict: 'DROP' as const } } : { comment: comment(`${spn} has no endpoints`), target: { reject: true as const } }

    if (hasInternal) services.push(nat('KUBE-SERVICES', { dst: s.clusterIP, protocol, matches: [comment(`${spn} cluster IP`), l4(s.port)], target: { jump: internalChain } }))
    else rules.push(filter('KUBE-SERVICES', { dst: s.clusterIP, protocol, matches: [internalFilter.comment, l4(s.port)], target: internalFilter.target }))
    for (const ip of s.externalIPs) {
      if (hasEndpoints) services.push(nat('KUBE-SERVICES', { dst: ip, protocol, matches: [comment(`${spn} external IP`), l4(s.port)], target: { jump: ext } }))
      if (!hasExternal) rules.push(filter('KUBE-EXTERNAL-SERVICES', { dst: ip, protocol, matches: [externalFilter.comment, l4(s.port)], target: externalFilter.target }))
    }
    if (hasEndpoints) for (const ip of s.loadBalancerIPs) services.push(nat('KUBE-SERVICES', { dst: ip, protocol, matches: [comment(`${spn} loadbalancer IP`), l4(s.port)], target: { jump: ext } }))
    if (!hasExternal) for (const ip of s.loadBalancerIPs) rules.push(filter('KUBE-EXTERNAL-SERVICES', { dst: ip, protocol, matches: [externalFilter.comment, l4(s.port)], target: externalFilter.target }))
    if (s.nodePort !== undefined) {
      if (hasEndpoints) {
        // Node ports on 127.0.0.1 too (--iptables-localhost-nodeports, on by default), counted for metrics.
        svcChains.push(nat('KUBE-NODEPORTS', { dst: '127.0.0.0/8', protocol, matches: [comment(spn), l4(s.nodePort), { module: 'nfacct', name: 'localhost_nps_accepted_pkts' }], target: { jump: ext } }))
        svcChains.push(nat('KUBE-NODEPORTS', { protocol, matches: [comment(spn), l4(s.nodePort)], target: { jump: ext } }))
      }
      if (!hasExternal)
        rules.push(filter('KUBE-EXTERNAL-SERVICES', { protocol, matches: [externalFilter.comment, { module: 'addrtype', dstType: 'LOCAL' }, l4(s.nodePort)], target: externalFilter.target }))
    }
    // The health check node port is let in whether or not this node has an endpoint: the cloud's
    // load balancer asks it which nodes do.
    if (s.healthCheckNodePort !== undefined)
      rules.push(filter('KUBE-NODEPORTS', { protocol: 'tcp', matches: [comment(`${spn} health check node port`), { module: 'tcp', dport: s.healthCheckNodePort }], target: { verdict: 'ACCEPT' } }))
    if (!hasEndpoints) continue

    // Off-cluster sources reaching the cluster IP are masqueraded (kube-proxy knows the cluster CIDR).
    if (hasInternal)
      svcChains.push(nat(internalChain, { src: clusterCIDR, notSrc: true, dst: s.clusterIP, protocol, matches: [comment(`${spn} cluster IP`), l4(s.port)], target: { jump: 'KUBE-MARK-MASQ' } }))
    if (externallyAccessible) {
      if (!s.externalLocal) svcChains.push(nat(ext, { matches: [comment(`masquerade traffic for ${spn} external destinations`)], target: { jump: 'KUBE-MARK-MASQ' } }))
      else {
        // Pods and the node itself still reach every endpoint, as if through an outside load
        // balancer; traffic from elsewhere only this node's, its client address kept.
        svcChains.push(nat(ext, { src: clusterCIDR, matches: [comment(`pod traffic for ${spn} external destinations`)], target: { jump: svc } }))
        svcChains.push(nat(ext, { matches: [comment(`masquerade LOCAL traffic for ${spn} external destinations`), { module: 'addrtype', srcType: 'LOCAL' }], target: { jump: 'KUBE-MARK-MASQ' } }))
        svcChains.push(nat(ext, { matches: [comment(`route LOCAL traffic for ${spn} external destinations`), { module: 'addrtype', srcType: 'LOCAL' }], target: { jump: svc } }))
      }
      if (hasExternal) svcChains.push(nat(ext, { target: { jump: externalChain } }))
    }
    const sepOf = (e: ProxiedEndpoint) => ({ e, chain: servicePortEndpointChainName(spn, s.protocol, `${e.ip}:${e.port}`) })
    if (usesCluster && cluster.length > 0) svcChains.push(...endpointJumps(svc, spn, s.affinitySeconds, cluster.map(sepOf)))
    if (usesLocal && local.length > 0) svcChains.push(...endpointJumps(svl, spn, s.affinitySeconds, local.map(sepOf)))
    for (const { e, chain } of reachable.map(sepOf)) {
      svcChains.push(nat(chain, { src: e.ip, matches: [comment(spn)], target: { jump: 'KUBE-MARK-MASQ' } }))
      const affinity: Match[] = s.affinitySeconds !== undefined ? [{ module: 'recent', mode: 'set', name: chain }] : []
      svcChains.push(nat(chain, { protocol, matches: [comment(spn), ...affinity, l4()], target: { dnat: `${e.ip}:${e.port}` } }))
    }
  }
  services.push(
    nat('KUBE-SERVICES', {
      matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { module: 'addrtype', dstType: 'LOCAL' }],
      target: { jump: 'KUBE-NODEPORTS' },
    }),
  )
  return [...rules, ...services, ...svcChains]
}
