// hostPort, as the CNI portmap plugin (containernetworking/plugins plugins/meta/portmap,
// portmap_iptables.go) writes it on the pod's node when containerd sets up the sandbox's network:
//   nat PREROUTING, OUTPUT:  -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT       (appended)
//   CNI-HOSTPORT-DNAT:       -p tcp -m comment --comment "dnat name: \"cbr0\" id: \"<sandbox>\""
//                            --dport 8087 -j CNI-DN-<hash>                          (newest first)
//   CNI-DN-<hash>, per port: -s <pod IP's network> ... -j CNI-HOSTPORT-SETMARK      (hairpin)
//                            -s 127.0.0.1 ... -j CNI-HOSTPORT-SETMARK               (from the node itself)
//                            -p tcp -m tcp --dport 8087 -j DNAT --to-destination <pod IP>:8086
//   CNI-HOSTPORT-SETMARK:    -j MARK --set-xmark 0x2000/0x2000 (markMasqBit 13)
//   POSTROUTING:             -j CNI-HOSTPORT-MASQ (prepended); CNI-HOSTPORT-MASQ: -m mark --mark 0x2000 -j MASQUERADE
// <hash> is the first 21 hex digits of sha512("cbr0" + sandbox ID): chain names are 28 characters.
// Only on that node, only for pods with their own network namespace (a hostNetwork pod binds the
// node's port itself) and only while the sandbox is up. The plugin writes the per-pod entry with
// `-m multiport --destination-ports`; this model's rules have no multiport match, so the entry
// matches each port with `-m tcp --dport` (the same packets, printed differently).
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
    for (const m of mine) out.push({ rule: nat('CNI-HOSTPORT-DNAT', { protocol: m.protocol, matches: [{ module: 'comment', comment }, { module: m.protocol, dport: m.hostPort }], target: { jump: chain } }) })
    for (const m of mine) {
      const base = { protocol: m.protocol, ...(m.hostIP ? { dst: m.hostIP } : {}), matches: [{ module: m.protocol, dport: m.hostPort }] as Rule['matches'] }
      out.push({ rule: nat(chain, { ...base, src: m.podCIDR, target: { jump: 'CNI-HOSTPORT-SETMARK' } }) })
      out.push({ rule: nat(chain, { ...base, src: '127.0.0.1', target: { jump: 'CNI-HOSTPORT-SETMARK' } }) })
      out.push({ rule: nat(chain, { ...base, target: { dnat: `${m.podIP}:${m.containerPort}` } }) })
    }
  }
  return out
}
