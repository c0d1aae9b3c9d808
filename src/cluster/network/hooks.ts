// Extension points of the request walker (request.ts), for the parts of the network other files
// model. Each list is static data filled where the hook is defined: add one import and one entry
// here. Hooks are pure functions of the cluster; the walker calls them in list order.
//
// - RULE_PROVIDERS: more iptables rules on a node besides kube-proxy's, e.g. the CNI portmap
//   plugin's CNI-HOSTPORT-DNAT chain for hostPort (nat PREROUTING/OUTPUT jump into it). They are
//   walked exactly like kube-proxy's rules and printed by `kubelings cluster iptables`; a rule that
//   should run before KUBE-SERVICES sets `first: true`.
// - ADDRESS_HOOKS: an address that is neither a node, a pod nor a Service IP, reached from outside
//   or from a node: a cloud load balancer's IP, which forwards to a node (NodePort or the LB IP).
// - SERVER_HOOKS: a pod that answers by forwarding the request (an ingress controller proxying to
//   a backend): it gets the request and may walk a new one from its own pod with `forward`.
import type { SimulatedCluster } from '../cluster.js'
import { portmapRules } from '../cri/portmap.js'
import type { NodeSpec } from '../topology.js'
import type { Rule } from './iptables.js'
import type { Packet } from './netfilter.js'
import type { Hop, HttpExchange, RequestResult } from './request.js'
import { throughLoadBalancer } from './loadbalancer.js'
import { ingressNginxHook } from './ingress.js'

export interface ProvidedRule {
  readonly rule: Rule
  /** Put ahead of kube-proxy's rules in its chain (the portmap plugin inserts at the top). */
  readonly first?: boolean
}

export type RuleProvider = (cluster: SimulatedCluster, node: NodeSpec) => readonly ProvidedRule[]

/** What an address hook does with a packet for its address. */
export interface AddressForward {
  /** What happened on the way (e.g. a `load-balancer` hop), in order. */
  readonly hops: readonly Hop[]
  /** The node the packet now arrives at, and the packet as it arrives there. */
  readonly node: string
  readonly packet: Packet
}

export type AddressHook = (cluster: SimulatedCluster, packet: Packet) => AddressForward | undefined

/** A pod about to answer an HTTP request. */
export interface ServerContext {
  readonly cluster: SimulatedCluster
  readonly namespace: string
  readonly pod: string
  readonly node: string
  readonly podIP: string
  readonly port: number
  readonly request: HttpExchange['request']
  readonly clientIP: string
  /** Walk a new request from this pod (an upstream call), e.g. to `http://10.244.2.7:80/path`. */
  readonly forward: (url: string, headers?: Readonly<Record<string, string>>) => RequestResult
}

/** An answer in place of the container's own, or undefined to let the container answer. */
export type ServerHook = (ctx: ServerContext) => { readonly hops?: readonly Hop[]; readonly response: HttpExchange['response'] } | { readonly upstream: RequestResult } | undefined

export const RULE_PROVIDERS: RuleProvider[] = [portmapRules]
export const ADDRESS_HOOKS: AddressHook[] = [throughLoadBalancer]
export const SERVER_HOOKS: ServerHook[] = [ingressNginxHook]
