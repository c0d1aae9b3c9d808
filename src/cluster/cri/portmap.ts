// hostPort, as the CNI portmap plugin (containernetworking/plugins plugins/meta/portmap,
// portmap_iptables.go) writes it on the pod's node when containerd sets up the sandbox's network:
//   nat PREROUTING, OUTPUT:  -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT       (appended)
//   CNI-HOSTPORT-DNAT:       -p tcp -m comment --comment "dnat name: \"cbr0\" id: \"<sandbox>\""
//                            -m multiport --dports 8087,8443 -j CNI-DN-<hash>      (newest first;
//                            one rule per protocol and 15 ports, each inserted at the top)
//   CNI-DN-<hash>, per port: -s <pod IP's network> ... -j CNI-HOSTPORT-SETMARK      (hairpin)
//                            -s 127.0.0.1 ... -j CNI-HOSTPORT-SETMARK               (from the node itself)
//                            -p tcp -m tcp --dport 8087 -j DNAT --to-destination <pod IP>:8086
//   CNI-HOSTPORT-SETMARK:    -j MARK --set-xmark 0x2000/0x2000 (markMasqBit 13)
//   POSTROUTING:             -j CNI-HOSTPORT-MASQ (prepended); CNI-HOSTPORT-MASQ: -m mark --mark 0x2000 -j MASQUERADE
// <hash> is the first 21 hex digits of sha512("cbr0" + sandbox ID): chain names are 28 characters.
// Only on that node, only for pods with their own network namespace (a hostNetwork pod binds the
// node's port itself) and only while the sandbox is up.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { SimulatedCluster } from '../cluster.js'
import { isSandboxReady } from '../kubelet/sandbox.js'
import type { Rule } from '../network/iptables.js'
import { sha512Hex } from '../runtime/sha512.js'
import type { NodeSpec } from '../topology.js'
import { nodeRuntimeView } from './view.js'

/** flannel's CNI network (its conflist name), which portmap's chain names and comments carry. */
export const CNI_NETWORK = 'cbr0'
const MARK = 0x2000

export interface HostPortMapping {
  readonly sandboxId: string
  readonly createdAt: number
  readonly podIP: string
  readonly podCIDR: string
  readonly protocol: 'tcp' | 'udp'
  readonly hostPort: number
  readonly containerPort: number
  readonly hostIP?: string
}

/** utils.MustFormatChainNameWithPrefix(name, id, "DN-"). */
export const dnatChainName = (sandboxId: string): string => `CNI-DN-${sha512Hex(`${CNI_NETWORK}${sandboxId}`)}`.slice(0, 28)

/** The port mappings the CRI passed to CNI for the running sandboxes of `node`. */
export function hostPortMappings(cluster: SimulatedCluster, node: NodeSpec): HostPortMapping[] {
  const view = nodeRuntimeView(cluster, node.name)
  if (!view) return []
  const out: HostPortMapping[] = []
  for (const rt of Object.values(view.runtime.pods)) {
    const sb = rt.sandbox
    const pod: Pod | undefined = view.pods.get(rt.uid)
    if (!sb || sb.hostNetwork || !isSandboxReady(sb) || !pod || !sb.ip) continue
    for (const c of pod.spec?.containers ?? [])
      for (const p of c.ports ?? []) {
        if (!p.hostPort) continue
        const protocol = (p.protocol ?? 'TCP') === 'UDP' ? 'udp' : 'tcp'
        out.push({ sandboxId: sb.id, createdAt: sb.createdAt, podIP: sb.ip, podCIDR: node.podCIDR, protocol, hostPort: p.hostPort, containerPort: p.containerPort, ...(p.hostIP && p.hostIP !== '0.0.0.0' ? { hostIP: p.hostIP } : {}) })
      }
  }
  return out
}

/** multiport takes at most 15 ports in one rule (splitPortList). */
const MULTIPORT_MAX = 15

/**
 * fillDnatRules' entry rules of one sandbox: its host ports grouped by protocol (protocols sorted,
 * ports in the order the CRI gave them), cut into lists of at most 15.
 */
function entryPorts(mappings: readonly HostPortMapping[]): [HostPortMapping['protocol'], number[]][] {
  const byProtocol = new Map<HostPortMapping['protocol'], number[]>()
  for (const m of mappings) (byProtocol.get(m.protocol) ?? byProtocol.set(m.protocol, []).get(m.protocol)!).push(m.hostPort)
  const out: [HostPortMapping['protocol'], number[]][] = []
  for (const protocol of [...byProtocol.keys()].sort())
    for (let i = 0; i < byProtocol.get(protocol)!.length; i += MULTIPORT_MAX) out.push([protocol, byProtocol.get(protocol)!.slice(i, i + MULTIPORT_MAX)])
  return out
}

/** The nat rules portmap keeps on the node, in chain order; `first` for rules that go ahead of others in a shared chain. */
export function portmapRules(cluster: SimulatedCluster, node: NodeSpec): { rule: Rule; first?: boolean }[] {
  const mappings = hostPortMappings(cluster, node)
  if (mappings.length === 0) return []
  const nat = (chain: string, rule: Omit<Rule, 'table' | 'chain'>): Rule => ({ table: 'nat', chain, ...rule })
  const out: { rule: Rule; first?: boolean }[] = [
    { rule: nat('PREROUTING', { matches: [{ module: 'addrtype', dstType: 'LOCAL' }], target: { jump: 'CNI-HOSTPORT-DNAT' } }) },
    { rule: nat('OUTPUT', { matches: [{ module: 'addrtype', dstType: 'LOCAL' }], target: { jump: 'CNI-HOSTPORT-DNAT' } }) },
    { rule: nat('POSTROUTING', { matches: [{ module: 'comment', comment: 'CNI portfwd requiring masquerade' }], target: { jump: 'CNI-HOSTPORT-MASQ' } }), first: true },
    { rule: nat('CNI-HOSTPORT-SETMARK', { matches: [{ module: 'comment', comment: 'CNI portfwd masquerade mark' }], target: { setMark: MARK } }) },
    { rule: nat('CNI-HOSTPORT-MASQ', { matches: [{ module: 'mark', mark: MARK }], target: { masquerade: true } }) },
  ]
  // Each sandbox's entry is prepended: the newest pod's comes first.
  const sandboxes = [...new Set(mappings.sort((a, b) => b.createdAt - a.createdAt || (a.sandboxId < b.sandboxId ? -1 : 1)).map((m) => m.sandboxId))]
  for (const id of sandboxes) {
    const mine = mappings.filter((m) => m.sandboxId === id)
    const chain = dnatChainName(id)
    const comment = `dnat name: "${CNI_NETWORK}" id: "${id}"`
    // Each entry rule is inserted at the top of CNI-HOSTPORT-DNAT (prependEntry): the last one written comes first.
    for (const [protocol, ports] of entryPorts(mine).reverse())
      out.push({ rule: nat('CNI-HOSTPORT-DNAT', { protocol, matches: [{ module: 'comment', comment }, { module: 'multiport', dports: ports }], target: { jump: chain } }) })
    for (const m of mine) {
      const base = { protocol: m.protocol, ...(m.hostIP ? { dst: m.hostIP } : {}), matches: [{ module: m.protocol, dport: m.hostPort }] as Rule['matches'] }
      out.push({ rule: nat(chain, { ...base, src: m.podCIDR, target: { jump: 'CNI-HOSTPORT-SETMARK' } }) })
      out.push({ rule: nat(chain, { ...base, src: '127.0.0.1', target: { jump: 'CNI-HOSTPORT-SETMARK' } }) })
      out.push({ rule: nat(chain, { ...base, target: { dnat: `${m.podIP}:${m.containerPort}` } }) })
    }
  }
  return out
}
