// The request walker: one HTTP request walked through the simulated network, as `kubelings curl`
// shows it and graders check it. Pure: it reads the cluster (objects, kube-proxy's rules, the
// kubelets' sandboxes) and changes only what the kernel would: the PRNG behind `-m statistic`
// (kube-proxy's endpoint choice) and the xt_recent tables of sessionAffinity: ClientIP.
//
// API (stable; other parts of the network plug in through hooks.ts):
//   sendRequest(cluster, { from: 'outside' | { node } | { pod, namespace? }, url, method?, headers? })
//     → Result<RequestResult, string>   (the error is bad input: an unknown pod or node)
//   RequestResult: exitCode as curl's (0 an answer, 1 not HTTP, 3 bad URL, 6 name not resolved,
//   7 refused / no endpoints, 28 connect time-out) with curl's stderr line in `error`; `dns`; every
//   `hop` with the IP header(s) on the wire there (outer + inner under VXLAN) and the rules that
//   fired; all `rules`; the `dnat` kube-proxy chose; who answered; the HTTP `response`.
//
// The walk: DNS (from a pod: its resolv.conf search list through CoreDNS; a node or your machine
// cannot resolve cluster names), then the TCP SYN: nat OUTPUT (from a node) or PREROUTING (from a
// pod, or arriving at a node), filter, the routing decision (local, cni0 bridge, VXLAN or underlay
// route to another node, the router), nat POSTROUTING (MASQUERADE), and so on node by node until a
// pod, a host-network process, a REJECT or a drop ends it. The reply retraces it through conntrack.
import type { SimulatedCluster } from '../cluster.js'
import { err, ok, type Result } from '../result.js'
import type { NodeSpec } from '../topology.js'
import type { Pod } from 'kubernetes-types/core/v1.js'
import { isIPv4, isLoopback } from './addresses.js'
import { gatewayOf } from './cni.js'
import { resolveFromPod, type DnsLookup } from './dns.js'
import { walkPacket, type Origin } from './path.js'
import type { MatchedRule } from './netfilter.js'

export type RequestOrigin = 'outside' | { readonly node: string } | { readonly pod: string; readonly namespace?: string }

export interface RequestInput {
  readonly from: RequestOrigin
  /** `http://web.default:80/path`, `10.96.0.1`, `web/ping` (curl's default scheme is http). */
  readonly url: string
  readonly method?: string
  readonly headers?: Readonly<Record<string, string>>
  /** curl's --connect-timeout in seconds (a packet dropped on the way ends in exit 28). Default 5. */
  readonly connectTimeout?: number
}

export interface IpHeader {
  readonly protocol: 'TCP' | 'UDP'
  readonly src: string
  readonly sport: number
  readonly dst: string
  readonly dport: number
}

/** The packet on the wire at a hop; under VXLAN, the outer UDP header between the nodes too. */
export interface Wire {
  readonly inner: IpHeader
  readonly outer?: IpHeader & { readonly vni: number }
}

export type HopKind =
  | 'dns' | 'send' | 'netfilter' | 'bridge' | 'vxlan' | 'routed' | 'router' | 'uplink' | 'arrive' | 'deliver'
  | 'reply' | 'dropped' | 'rejected' | 'refused' | 'unreachable' | 'load-balancer' | 'proxy' | 'hostport'

export interface Hop {
  readonly kind: HopKind | (string & {})
  /** Where it happens: `pod/default/web-7d4b9c8f6-x2b4q`, `node/node-1`, `outside`, `router`. */
  readonly at: string
  /** The device involved: cni0, flannel.1, eth0, the pod's veth. */
  readonly device?: string
  readonly wire?: Wire
  /** Linux' or Kubernetes' own words for it (a route, a chain): never translated. */
  readonly detail?: string
  readonly rules?: readonly MatchedRule[]
  /** Values for the sentence the UI writes about this hop (catalogue key `net.hop.<kind>`). */
  readonly params: Readonly<Record<string, string | number>>
}

export interface HttpExchange {
  readonly request: { readonly method: string; readonly path: string; readonly host: string; readonly headers: Readonly<Record<string, string>> }
  readonly response: { readonly status: number; readonly reason: string; readonly headers: readonly (readonly [string, string])[]; readonly body: string }
}

export type CurlExit = 0 | 1 | 3 | 6 | 7 | 28

export interface RequestResult {
  readonly url: string
  /** `outside`, `node/node-1` or `pod/default/web-…`. */
  readonly from: string
  readonly exitCode: CurlExit
  /** curl's line on stderr when it failed: `curl: (6) Could not resolve host: web`. */
  readonly error?: string
  readonly dns?: DnsLookup
  readonly hops: readonly Hop[]
  readonly rules: readonly MatchedRule[]
  /** The destination NAT kube-proxy (or a hostPort rule) chose, on the node where it fired. */
  readonly dnat?: { readonly node: string; readonly chain: string; readonly from: string; readonly to: string }
  readonly answeredBy?: { readonly namespace: string; readonly pod: string; readonly node: string; readonly container: string; readonly ip: string; readonly port: number }
  readonly request?: HttpExchange['request']
  readonly response?: HttpExchange['response']
  /** Time curl took, in ms (virtual: the cluster's clock does not move). */
  readonly elapsedMs: number
}

export interface ParsedUrl {
  readonly host: string
  readonly port: number
  readonly path: string
}

/** curl's reading of a URL: scheme http (default) only, port 80 unless given. */
export function parseUrl(url: string): Result<ParsedUrl, { exit: CurlExit; message: string }> {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::([^/?#]*))?([^#]*)/.exec(url)
  const scheme = (m?.[1] ?? 'http').toLowerCase()
  if (!m) return err({ exit: 3, message: 'curl: (3) URL rejected: Malformed input to a URL function' })
  if (scheme !== 'http') return err({ exit: 1, message: `curl: (1) Protocol "${scheme}" not supported` })
  if (m[2] === '') return err({ exit: 3, message: 'curl: (3) URL rejected: No host part in the URL' })
  const port = m[3] === undefined || m[3] === '' ? 80 : /^\d+$/.test(m[3]) && Number(m[3]) <= 65535 ? Number(m[3]) : -1
  if (port < 0) return err({ exit: 3, message: 'curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535' })
  const rest = m[4] || '/'
  return ok({ host: m[2].toLowerCase(), port, path: rest.startsWith('/') ? rest : `/${rest}` })
}

/** Who sends the request, and from which address and node. */
function originOf(cluster: SimulatedCluster, from: RequestOrigin): Result<Origin, string> {
  if (from === 'outside') return ok({ kind: 'outside', label: 'outside', ip: outsideIP(cluster) })
  if ('node' in from) {
    const node = cluster.nodes.find((n) => n.name === from.node)
    if (!node) return err(`nodes "${from.node}" not found`)
    return ok({ kind: 'node', label: `node/${node.name}`, ip: node.ip, node })
  }
  const namespace = from.namespace ?? 'default'
  const got = cluster.api.get('kubelings', 'pods', namespace, from.pod, { silent: true })
  if (!got.ok) return err(`pods "${from.pod}" not found`)
  const pod = got.value as Pod
  const node = cluster.nodes.find((n) => n.name === pod.spec?.nodeName)
  const ip = pod.status?.podIP
  if (!node || !ip || pod.status?.phase !== 'Running') return err(`pod ${from.pod} is not running (phase ${pod.status?.phase ?? 'Pending'}): it has no network to send from`)
  const label = `pod/${namespace}/${from.pod}`
  if (pod.spec?.hostNetwork) return ok({ kind: 'node', label, ip: node.ip, node, namespace, pod: from.pod })
  return ok({ kind: 'pod', label, ip, node, namespace, pod: from.pod })
}

/** Your machine: on the node network, at its router (kind's and minikube's host side). */
function outsideIP(cluster: SimulatedCluster): string {
  const first: NodeSpec | undefined = cluster.nodes[0]
  return first ? gatewayOf(first) : '192.168.49.1'
}

export function sendRequest(cluster: SimulatedCluster, input: RequestInput): Result<RequestResult, string> {
  const origin = originOf(cluster, input.from)
  if (!origin.ok) return origin
  const base = { url: input.url, from: origin.value.label, hops: [] as Hop[], rules: [] as MatchedRule[] }
  const url = parseUrl(input.url)
  if (!url.ok) return ok({ ...base, exitCode: url.error.exit, error: url.error.message, elapsedMs: 0 })
  const { host, port, path } = url.value
  let ip = host
  let dns: DnsLookup | undefined
  if (host === 'localhost') ip = '127.0.0.1'
  else if (!isIPv4(host)) {
    // Only a pod with dnsPolicy ClusterFirst asks CoreDNS; a node's (and your machine's)
    // resolv.conf points at the host's resolver, which knows no cluster names.
    if (origin.value.kind !== 'pod') return ok({ ...base, exitCode: 6, error: `curl: (6) Could not resolve host: ${host}`, elapsedMs: 0 })
    dns = resolveFromPod(cluster.api, host, origin.value.namespace ?? 'default')
    const answer = dns.unreachable ? 'no reply (kube-dns has no ready endpoint)' : dns.addresses.join(', ') || 'NXDOMAIN'
    const detail = dns.unreachable ? `${dns.server}:53 unreachable` : dns.tried.map((t) => `${t.name} ${t.rcode}`).join(', ')
    const hop: Hop = { kind: 'dns', at: origin.value.label, detail, params: { query: host, server: dns.server, answer } }
    base.hops.push(hop)
    if (dns.addresses.length === 0) return ok({ ...base, dns, exitCode: 6, error: `curl: (6) Could not resolve host: ${host}`, elapsedMs: 0 })
    ip = dns.addresses[0]
  }
  if (isLoopback(ip) && origin.value.kind === 'outside') return ok({ ...base, exitCode: 7, error: `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`, elapsedMs: 0 })
  const method = input.method ?? 'GET'
  const request = { method, path, host: port === 80 ? host : `${host}:${port}`, headers: { ...(input.headers ?? {}) } }
  const walked = walkPacket(cluster, origin.value, ip, port, request, (url2, headers, from) => sendRequest(cluster, { from, url: url2, headers, connectTimeout: input.connectTimeout }))
  const timeoutMs = Math.round((input.connectTimeout ?? 5) * 1000)
  const out: RequestResult = {
    ...base,
    hops: [...base.hops, ...walked.hops],
    rules: walked.hops.flatMap((h) => h.rules ?? []),
    ...(dns ? { dns } : {}),
    ...(walked.dnat ? { dnat: walked.dnat } : {}),
    ...(walked.answeredBy ? { answeredBy: walked.answeredBy } : {}),
    request,
    exitCode: 0,
    elapsedMs: 0,
  }
  switch (walked.end) {
    case 'answered':
      if (walked.notHttp) return ok({ ...out, exitCode: 1, error: 'curl: (1) Received HTTP/0.9 when not allowed', elapsedMs: 1 })
      return ok({ ...out, response: walked.response, elapsedMs: 1 })
    case 'refused':
      return ok({ ...out, exitCode: 7, error: `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server` })
    case 'unreachable':
      // No neighbour answers ARP for the address: EHOSTUNREACH after the kernel's 3 s of ARP probes.
      return ok({ ...out, exitCode: 7, error: `curl: (7) Failed to connect to ${host} port ${port} after 3000 ms: Couldn't connect to server`, elapsedMs: 3000 })
    case 'dropped':
      return ok({ ...out, exitCode: 28, error: `curl: (28) Failed to connect to ${host} port ${port} after ${timeoutMs} ms: Timeout was reached`, elapsedMs: timeoutMs })
    default: {
      const never: never = walked.end
      return never
    }
  }
}
