// The CNI plugin's part of the packet path: how a packet for a pod on another node gets there.
// - overlay: flannel's VXLAN backend (flannel-io/flannel v0.26 pkg/backend/vxlan): device flannel.1,
//   VNI 1, UDP 8472 (the Linux default port), MTU 1450 (1500 - 50 of VXLAN headers); a route
//   `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink` per remote node. The pod packet travels
//   inside a UDP packet between the node IPs, so the node network never sees pod IPs and nodes may
//   sit in different subnets.
// - underlay, host-gw: a route `10.244.2.0/24 via <node IP> dev eth0` per remote node: pod IPs go on
//   the wire as they are. It needs the nodes on one L2 segment; across a router flannel cannot
//   install the route (the next hop is not directly reachable) and the router, which knows no pod
//   CIDR, drops the packet.
// - underlay, bgp: each node announces its pod CIDR over BGP (as Calico does with its route
//   reflector or top-of-rack peering), so the routers carry pod routes and pod IPs cross subnets.
// Same-node traffic never leaves the cni0 bridge, whatever the mode.
import type { NodeSpec } from '../topology.js'
import { inCidr, nthAddress } from './addresses.js'

export type CniMode = 'overlay' | 'underlay'
export type UnderlayRouting = 'host-gw' | 'bgp'

export interface NetworkOptions {
  /** overlay (flannel VXLAN, the default) or underlay (routed pod IPs). */
  readonly cni: CniMode
  /** How an underlay spreads pod routes: host-gw static routes (default) or BGP. */
  readonly routing: UnderlayRouting
  /** How many L2 segments (subnets) the nodes are spread over, behind one router; 1 by default. */
  readonly nodeSubnets: number
}

export const DEFAULT_NETWORK: NetworkOptions = { cni: 'overlay', routing: 'host-gw', nodeSubnets: 1 }

export const VXLAN = { device: 'flannel.1', vni: 1, port: 8472, mtu: 1450 } as const
export const BRIDGE = 'cni0'
export const UPLINK = 'eth0'

/** The bridge's address on a node: the first address of its pod CIDR (the pods' gateway). */
export const bridgeIP = (node: NodeSpec): string => nthAddress(node.podCIDR, 1)
/** flannel.1's address: the network address of the node's pod CIDR, as a /32. */
export const vtepIP = (node: NodeSpec): string => nthAddress(node.podCIDR, 0)
/** The L2 segment a node sits on (its subnet): one, 192.168.49.0/24 (172.16.0.0/12 for a large cluster), unless spread. */
export const segmentOf = (node: NodeSpec): string => node.subnet ?? (inCidr(node.ip, '172.16.0.0/12') ? '172.16.0.0/12' : '192.168.49.0/24')
/** The router of a segment: its first address. */
export const gatewayOf = (node: NodeSpec): string => nthAddress(segmentOf(node), 1)

/** How a packet from `from` reaches a pod on `to` (another node). */
export type Crossing =
  | { readonly kind: 'vxlan'; readonly route: string; readonly viaRouter: boolean }
  | { readonly kind: 'host-gw'; readonly route: string; readonly viaRouter: false }
  | { readonly kind: 'bgp'; readonly route: string; readonly viaRouter: boolean }
  /** No usable route: the packet takes the default route and the router drops it. */
  | { readonly kind: 'no-route'; readonly route: string; readonly reason: string }

export function sameSegment(a: NodeSpec, b: NodeSpec): boolean {
  return segmentOf(a) === segmentOf(b)
}

export function crossing(options: NetworkOptions, from: NodeSpec, to: NodeSpec): Crossing {
  const near = sameSegment(from, to)
  if (options.cni === 'overlay') return { kind: 'vxlan', route: `${to.podCIDR} via ${vtepIP(to)} dev ${VXLAN.device} onlink`, viaRouter: !near }
  if (options.routing === 'bgp')
    return near
      ? { kind: 'bgp', route: `${to.podCIDR} via ${to.ip} dev ${UPLINK} proto bird`, viaRouter: false }
      : { kind: 'bgp', route: `default via ${gatewayOf(from)} dev ${UPLINK}`, viaRouter: true }
  if (near) return { kind: 'host-gw', route: `${to.podCIDR} via ${to.ip} dev ${UPLINK}`, viaRouter: false }
  return {
    kind: 'no-route',
    route: `default via ${gatewayOf(from)} dev ${UPLINK}`,
    reason: `host-gw cannot add ${to.podCIDR} via ${to.ip}: ${to.ip} is not on ${from.name}'s subnet ${segmentOf(from)}`,
  }
}

/**
 * `ip route` of a node: its default route, then by destination its link, its bridge, and a route
 * per remote pod CIDR that the CNI could install (none across subnets with host-gw: the packet
 * then follows the default route to a router that knows no pod network).
 */
export function routeTable(options: NetworkOptions, node: NodeSpec, nodes: readonly NodeSpec[]): string[] {
  const routes: [string, string][] = [
    [segmentOf(node), `${segmentOf(node)} dev ${UPLINK} proto kernel scope link src ${node.ip}`],
    [node.podCIDR, `${node.podCIDR} dev ${BRIDGE} proto kernel scope link src ${bridgeIP(node)}`],
  ]
  for (const other of nodes) {
    if (other.name === node.name) continue
    const c = crossing(options, node, other)
    if (c.kind === 'vxlan' || c.kind === 'host-gw' || (c.kind === 'bgp' && !c.viaRouter)) routes.push([other.podCIDR, c.route])
    else if (c.kind === 'bgp') routes.push([other.podCIDR, `${other.podCIDR} via ${gatewayOf(node)} dev ${UPLINK} proto bird`])
  }
  const key = (cidr: string): number => ipValue(cidr.split('/')[0])
  routes.sort((a, b) => key(a[0]) - key(b[0]))
  return [`default via ${gatewayOf(node)} dev ${UPLINK}`, ...routes.map(([, line]) => line)]
}

function ipValue(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

/** The node whose pod CIDR holds `ip`. */
export function nodeOfPodIP(nodes: readonly NodeSpec[], ip: string): NodeSpec | undefined {
  return nodes.find((n) => inCidr(ip, n.podCIDR))
}
