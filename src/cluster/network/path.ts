// The packet's path, node by node (see request.ts for the whole walk). Each node runs its netfilter
// tables on the packet in the kernel's order: nat PREROUTING (arriving) or OUTPUT (sent by the node
// itself), the routing decision, filter INPUT / FORWARD / OUTPUT, nat POSTROUTING on the way out.
// Conntrack makes the reply retrace the translations, so one walk of the first packet (the SYN) is
// the whole connection's path.
import type { SimulatedCluster } from '../cluster.js'
import type { Result } from '../result.js'
import type { HttpRequest } from '../runtime/http.js'
import { sha256Hex } from '../runtime/sha256.js'
import type { NodeSpec } from '../topology.js'
import { inCidr, isLoopback } from './addresses.js'
import { BRIDGE, bridgeIP, crossing, gatewayOf, nodeOfPodIP, sameSegment, UPLINK, VXLAN, vtepIP } from './cni.js'
import { answerOn, nodeUp, podsAt, type PodAtAddress } from './delivery.js'
import { ADDRESS_HOOKS, RULE_PROVIDERS, SERVER_HOOKS } from './hooks.js'
import type { Rule } from './iptables.js'
import { KubeProxy } from './kube-proxy.js'
import { walkTable, type NetfilterEnv, type Packet, type WalkResult } from './netfilter.js'
import type { Hop, HttpExchange, IpHeader, RequestOrigin, RequestResult, Wire } from './request.js'

export interface Origin {
  readonly kind: 'outside' | 'node' | 'pod'
  readonly label: string
  readonly ip: string
  readonly node?: NodeSpec
  readonly namespace?: string
  readonly pod?: string
}

export interface Walked {
  readonly end: 'answered' | 'refused' | 'unreachable' | 'dropped'
  readonly hops: Hop[]
  readonly dnat?: { node: string; chain: string; from: string; to: string }
  readonly answeredBy?: { namespace: string; pod: string; node: string; container: string; ip: string; port: number }
  readonly response?: HttpExchange['response']
  readonly notHttp?: boolean
}

/** A new request from a pod (an ingress controller's upstream call), walked as any other. */
type Forward = (url: string, headers: Readonly<Record<string, string>> | undefined, from: RequestOrigin) => Result<RequestResult, string>

const header = (p: Packet): IpHeader => ({ protocol: p.protocol === 'tcp' ? 'TCP' : 'UDP', src: p.src, sport: p.sport, dst: p.dst, dport: p.dport })
const wireOf = (p: Packet): Wire => ({ inner: header(p) })
const nodeLabel = (n: NodeSpec): string => `node/${n.name}`

/** A port from a hash of the flow: Linux picks ephemeral ports (and VXLAN source ports) by hashing. */
function flowPort(low: number, span: number, ...parts: (string | number)[]): number {
  return low + (parseInt(sha256Hex(parts.join('|')).slice(0, 8), 16) % span)
}

/** Every rule on a node: kube-proxy's as it last wrote them, and those of the hooks (portmap ...). */
export function nodeRules(cluster: SimulatedCluster, node: NodeSpec): Rule[] {
  const proxy = cluster.component(`kube-proxy/${node.name}`)
  const own = proxy instanceof KubeProxy ? [...proxy.rules()] : []
  const provided = RULE_PROVIDERS.flatMap((p) => p(cluster, node))
  const first = provided.filter((p) => p.first).map((p) => p.rule)
  const last = provided.filter((p) => !p.first).map((p) => p.rule)
  return [...first, ...own, ...last]
}

function isLocal(cluster: SimulatedCluster, node: NodeSpec, ip: string): boolean {
  return ip === node.ip || ip === bridgeIP(node) || isLoopback(ip) || (cluster.network.cni === 'overlay' && ip === vtepIP(node))
}

class PathWalk {
  readonly hops: Hop[] = []
  dnat?: Walked['dnat']
  answeredBy?: Walked['answeredBy']
  response?: HttpExchange['response']
  notHttp = false
  /** The destination before any DNAT: what the reply comes back from. */
  readonly original: { ip: string; port: number }

  constructor(
    readonly cluster: SimulatedCluster,
    readonly origin: Origin,
    readonly request: HttpExchange['request'],
    readonly forward: Forward,
    dst: string,
    dport: number,
    /** The client's ephemeral port: the reply goes back to it. */
    readonly sport: number,
  ) {
    this.original = { ip: dst, port: dport }
  }

  env(node: NodeSpec, masqueradeAs?: string): NetfilterEnv {
    const proxy = this.cluster.component(`kube-proxy/${node.name}`)
    return {
      node: node.name,
      isLocal: (ip) => isLocal(this.cluster, node, ip),
      random: () => this.cluster.rng.next(),
      recent: proxy instanceof KubeProxy ? proxy.recent : {},
      now: this.cluster.now(),
      ...(masqueradeAs ? { masqueradeAs } : {}),
    }
  }

  hop(h: Hop): void {
    this.hops.push(h)
  }

  netfilterHop(node: NodeSpec, chain: string, r: WalkResult): void {
    this.hop({ kind: 'netfilter', at: nodeLabel(node), wire: wireOf(r.packet), rules: r.matched, params: { node: node.name, chain, ...(r.dnat ? { dnat: r.dnat.to } : {}), ...(r.snat ? { snat: r.snat.to } : {}) } })
  }

  /** nat POSTROUTING as the packet leaves `node` by an interface whose address is `outIP`. */
  postrouting(node: NodeSpec, p: Packet, outIP: string): Packet {
    const r = walkTable(nodeRules(this.cluster, node), 'nat', 'POSTROUTING', p, this.env(node, outIP))
    if (r.snat) this.netfilterHop(node, 'POSTROUTING', r)
    return { ...r.packet, mark: 0 }
  }

  /** The walk from the origin to the end. */
  run(p0: Packet): Walked['end'] {
    let p = p0
    const o = this.origin
    if (o.kind === 'pod' && isLoopback(p.dst)) return this.deliverPod(o.node!, { ...p, src: p.dst }, 'lo', true)
    let at: NodeSpec | undefined = o.node
    let hook: 'PREROUTING' | 'OUTPUT' = o.kind === 'node' ? 'OUTPUT' : 'PREROUTING'
    this.hop({ kind: 'send', at: o.label, device: o.kind === 'pod' ? 'eth0' : o.kind === 'node' ? UPLINK : undefined, wire: wireOf(p), params: { from: o.label, to: `${p.dst}:${p.dport}` } })
    if (o.kind === 'outside') {
      const arrival = this.fromOutside(p)
      if (!arrival) return 'dropped'
      ;[at, p] = arrival
    }
    for (let transits = 0; at && transits < 8; transits++) {
      const node: NodeSpec = at
      if (!nodeUp(this.cluster, node.name)) {
        this.hop({ kind: 'dropped', at: nodeLabel(node), wire: wireOf(p), params: { node: node.name, reason: 'node-down' } })
        return 'dropped'
      }
      const rules = nodeRules(this.cluster, node)
      const nat = walkTable(rules, 'nat', hook, p, this.env(node))
      if (nat.dnat || nat.packet.mark !== p.mark) this.netfilterHop(node, hook, nat)
      if (nat.dnat && !this.dnat) this.dnat = { node: node.name, chain: nat.dnat.chain, from: `${p.dst}:${p.dport}`, to: nat.dnat.to }
      p = nat.packet
      const local = isLocal(this.cluster, node, p.dst)
      const filterChain = hook === 'OUTPUT' ? 'OUTPUT' : local ? 'INPUT' : 'FORWARD'
      const filter = walkTable(rules, 'filter', filterChain, p, this.env(node))
      if (filter.outcome === 'reject') {
        this.hop({ kind: 'rejected', at: nodeLabel(node), wire: wireOf(p), rules: filter.matched, params: { node: node.name, chain: filterChain } })
        return 'refused'
      }
      if (filter.outcome === 'drop') {
        this.hop({ kind: 'dropped', at: nodeLabel(node), wire: wireOf(p), rules: filter.matched, params: { node: node.name, reason: 'filter' } })
        return 'dropped'
      }
      if (local) return this.deliverHost(node, p)
      const next = this.route(node, p)
      if (next === 'dropped' || next === 'refused' || next === 'unreachable' || next === 'answered') return next
      ;[at, p] = next
      hook = 'PREROUTING'
    }
    return 'dropped'
  }

  /** A packet from your machine: to a node's IP over the node network, or to an address a hook owns. */
  fromOutside(p: Packet): [NodeSpec, Packet] | undefined {
    const node = this.cluster.nodes.find((n) => n.ip === p.dst)
    if (node) {
      this.hop({ kind: 'uplink', at: nodeLabel(node), device: UPLINK, wire: wireOf(p), params: { from: 'outside', to: node.name } })
      return [node, p]
    }
    for (const hook of ADDRESS_HOOKS) {
      const fwd = hook(this.cluster, p)
      if (!fwd) continue
      for (const h of fwd.hops) this.hop(h)
      const target = this.cluster.nodes.find((n) => n.name === fwd.node)
      if (target) return [target, fwd.packet]
    }
    this.hop({ kind: 'dropped', at: 'router', wire: wireOf(p), params: { node: 'router', reason: 'no-route' }, detail: `no route to ${p.dst}` })
    return undefined
  }

  /** The routing decision on `node` for a packet not for the node itself. */
  route(node: NodeSpec, p: Packet): [NodeSpec, Packet] | Walked['end'] {
    if (inCidr(p.dst, node.podCIDR)) {
      const out = this.postrouting(node, p, bridgeIP(node))
      this.hop({ kind: 'bridge', at: nodeLabel(node), device: BRIDGE, wire: wireOf(out), detail: `${node.podCIDR} dev ${BRIDGE}`, params: { node: node.name } })
      return this.deliverPod(node, out, BRIDGE, false)
    }
    const podNode = nodeOfPodIP(this.cluster.nodes, p.dst)
    if (podNode) return this.cross(node, podNode, p)
    const peer = this.cluster.nodes.find((n) => n.ip === p.dst)
    if (peer) {
      const out = this.postrouting(node, p, node.ip)
      const viaRouter = !sameSegment(node, peer)
      this.hop({ kind: 'routed', at: nodeLabel(node), device: UPLINK, wire: wireOf(out), detail: viaRouter ? `default via ${gatewayOf(node)} dev ${UPLINK}` : `${peer.ip} dev ${UPLINK}`, params: { from: node.name, to: peer.name } })
      if (viaRouter) this.hop({ kind: 'router', at: 'router', wire: wireOf(out), params: { to: peer.name } })
      return [peer, out]
    }
    for (const hook of ADDRESS_HOOKS) {
      const fwd = hook(this.cluster, p)
      if (!fwd) continue
      for (const h of fwd.hops) this.hop(h)
      const target = this.cluster.nodes.find((n) => n.name === fwd.node)
      if (target) return [target, fwd.packet]
    }
    // A Service IP no rule caught (kube-proxy never wrote it), or an address nobody has: the
    // default route hands it to the router, which has nowhere to send it.
    this.hop({ kind: 'dropped', at: 'router', wire: wireOf(p), detail: `default via ${gatewayOf(node)} dev ${UPLINK}`, params: { node: 'router', reason: 'no-route' } })
    return 'dropped'
  }

  /** From `node` to a pod on `to`, the CNI's way (cni.ts). */
  cross(node: NodeSpec, to: NodeSpec, p: Packet): [NodeSpec, Packet] | Walked['end'] {
    const c = crossing(this.cluster.network, node, to)
    if (c.kind === 'no-route') {
      const out = this.postrouting(node, p, node.ip)
      this.hop({ kind: 'routed', at: nodeLabel(node), device: UPLINK, wire: wireOf(out), detail: c.route, params: { from: node.name, to: 'router' } })
      this.hop({ kind: 'dropped', at: 'router', wire: wireOf(out), detail: c.reason, params: { node: 'router', reason: 'no-pod-route' } })
      return 'dropped'
    }
    if (c.kind === 'vxlan') {
      const inner = this.postrouting(node, p, vtepIP(node))
      const outer = { protocol: 'UDP' as const, src: node.ip, sport: flowPort(32768, 28232, inner.src, inner.sport, inner.dst, inner.dport), dst: to.ip, dport: VXLAN.port, vni: VXLAN.vni }
      const wire: Wire = { inner: header(inner), outer }
      this.hop({ kind: 'vxlan', at: nodeLabel(node), device: VXLAN.device, wire, detail: c.route, params: { from: node.name, to: to.name } })
      if (c.viaRouter) this.hop({ kind: 'router', at: 'router', wire, params: { to: to.name } })
      if (!nodeUp(this.cluster, to.name)) return this.lost(to, wire)
      this.hop({ kind: 'arrive', at: nodeLabel(to), device: VXLAN.device, wire: { inner: header(inner) }, params: { node: to.name } })
      return [to, inner]
    }
    const out = this.postrouting(node, p, node.ip)
    this.hop({ kind: 'routed', at: nodeLabel(node), device: UPLINK, wire: wireOf(out), detail: c.route, params: { from: node.name, to: c.viaRouter ? 'router' : to.name } })
    if (c.viaRouter) this.hop({ kind: 'router', at: 'router', wire: wireOf(out), detail: `${to.podCIDR} via ${to.ip} proto bgp`, params: { to: to.name } })
    if (!nodeUp(this.cluster, to.name)) return this.lost(to, wireOf(out))
    this.hop({ kind: 'arrive', at: nodeLabel(to), device: UPLINK, wire: wireOf(out), params: { node: to.name } })
    return [to, out]
  }

  lost(to: NodeSpec, wire: Wire): 'dropped' {
    this.hop({ kind: 'dropped', at: nodeLabel(to), wire, params: { node: to.name, reason: 'node-down' } })
    return 'dropped'
  }

  /** A process in the node's own network namespace: a hostNetwork pod listening on the port. */
  deliverHost(node: NodeSpec, p: Packet): Walked['end'] {
    const pods = podsAt(this.cluster, node, node.ip).filter((x) => x.hostNetwork)
    for (const pod of pods) {
      const end = this.answer(pod, p, UPLINK)
      if (end !== 'refused') return end
    }
    this.hop({ kind: 'refused', at: nodeLabel(node), wire: wireOf(p), params: { target: `${node.name}`, port: p.dport } })
    return 'refused'
  }

  deliverPod(node: NodeSpec, p: Packet, device: string, loopback: boolean): Walked['end'] {
    const pods = loopback
      ? podsAt(this.cluster, node, this.origin.ip).filter((x) => !x.hostNetwork && x.rt.name === this.origin.pod)
      : podsAt(this.cluster, node, p.dst).filter((x) => !x.hostNetwork)
    if (pods.length === 0) {
      this.hop({ kind: 'unreachable', at: nodeLabel(node), device, wire: wireOf(p), params: { ip: p.dst, node: node.name } })
      return 'unreachable'
    }
    const end = this.answer(pods[0], p, device)
    if (end === 'refused') this.hop({ kind: 'refused', at: `pod/${pods[0].rt.namespace}/${pods[0].rt.name}`, wire: wireOf(p), params: { target: pods[0].rt.name, port: p.dport } })
    return end
  }

  answer(pod: PodAtAddress, p: Packet, device: string): Walked['end'] {
    const at = pod.hostNetwork ? nodeLabel(pod.node) : `pod/${pod.rt.namespace}/${pod.rt.name}`
    for (const hook of SERVER_HOOKS) {
      const got = hook({
        cluster: this.cluster, namespace: pod.rt.namespace, pod: pod.rt.name, node: pod.node.name, podIP: pod.ip, port: p.dport,
        request: this.request, clientIP: p.src,
        forward: (url, headers) => {
          const r = this.forward(url, headers, { pod: pod.rt.name, namespace: pod.rt.namespace })
          if (!r.ok) throw new Error(r.error) // a hook forwarding from its own pod: cannot be bad input
          return r.value
        },
      })
      if (!got) continue
      if ('upstream' in got) {
        this.hops.push(...got.upstream.hops)
        if (got.upstream.response) this.response = got.upstream.response
        if (got.upstream.answeredBy) this.answeredBy = got.upstream.answeredBy
        return got.upstream.exitCode === 0 ? 'answered' : got.upstream.exitCode === 28 ? 'dropped' : 'refused'
      }
      this.hops.push(...(got.hops ?? []))
      this.response = got.response
      this.answeredBy = { namespace: pod.rt.namespace, pod: pod.rt.name, node: pod.node.name, container: '', ip: pod.ip, port: p.dport }
      return 'answered'
    }
    const req: HttpRequest = { method: this.request.method, path: this.request.path, clientIP: p.src, userAgent: this.request.headers['User-Agent'] ?? 'curl/8.11.1' }
    const listener = answerOn(this.cluster, pod, p.dport, req)
    if (!listener) return 'refused'
    this.answeredBy = { namespace: pod.rt.namespace, pod: pod.rt.name, node: pod.node.name, container: listener.container, ip: pod.ip, port: p.dport }
    this.hop({ kind: 'deliver', at, device: pod.hostNetwork ? device : 'eth0', wire: wireOf(p), params: { pod: pod.rt.name, container: listener.container, port: p.dport } })
    const reply: Wire = { inner: { protocol: 'TCP', src: this.original.ip, sport: this.original.port, dst: this.origin.ip, dport: this.sport } }
    this.hop({ kind: 'reply', at: this.origin.label, wire: reply, params: { from: `${pod.ip}:${p.dport}`, as: `${this.original.ip}:${this.original.port}` } })
    if (listener.answer.kind === 'not-http') {
      this.notHttp = true
      return 'answered'
    }
    if (listener.answer.kind === 'http') this.response = { status: listener.answer.status, reason: listener.answer.reason, headers: listener.answer.headers, body: listener.answer.body }
    return 'answered'
  }
}

export function walkPacket(cluster: SimulatedCluster, origin: Origin, dst: string, dport: number, request: HttpExchange['request'], forward: Forward): Walked {
  const sport = flowPort(32768, 28232, origin.ip, dst, dport, cluster.now(), cluster.rng.uint32())
  const w = new PathWalk(cluster, origin, request, forward, dst, dport, sport)
  let src = origin.ip
  // A node process talking to a pod IP takes the source address of the route's device.
  if (origin.kind === 'node' && origin.node) {
    const podNode = nodeOfPodIP(cluster.nodes, dst)
    if (podNode?.name === origin.node.name) src = bridgeIP(origin.node)
    else if (podNode && cluster.network.cni === 'overlay') src = vtepIP(origin.node)
  }
  const end = w.run({ protocol: 'tcp', src, sport, dst, dport, mark: 0 })
  return {
    end,
    hops: w.hops,
    ...(w.dnat ? { dnat: w.dnat } : {}),
    ...(w.answeredBy ? { answeredBy: w.answeredBy } : {}),
    ...(w.response ? { response: w.response } : {}),
    ...(w.notHttp ? { notHttp: true } : {}),
  }
}
