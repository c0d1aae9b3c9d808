// A small model of netfilter's iptables as kube-proxy, flannel and the CNI portmap plugin use it:
// rules as data, printed as `iptables-save` prints them, and walked by a packet the way the kernel
// walks them (first match wins, jumps return, DNAT and REJECT end the walk of a table).
//
// iptables-save normalises a rule: -s, -d (with /32 on a bare address) and -p come first, then the
// match modules in the order they were written, then the target. A comment is quoted unless it is
// made of [A-Za-z0-9_-] only (libxtables xtables_save_string).

export type Table = 'nat' | 'filter'

export type Match =
  | { readonly module: 'comment'; readonly comment: string }
  | { readonly module: 'tcp' | 'udp'; readonly dport?: number }
  /** xt_multiport: any of up to 15 destination ports (the protocol comes from `-p`). */
  | { readonly module: 'multiport'; readonly dports: readonly number[] }
  | { readonly module: 'addrtype'; readonly dstType?: 'LOCAL'; readonly srcType?: 'LOCAL' }
  | { readonly module: 'mark'; readonly not?: boolean; readonly mark: number }
  | { readonly module: 'statistic'; readonly probability: number }
  | { readonly module: 'recent'; readonly mode: 'rcheck' | 'set'; readonly name: string; readonly seconds?: number; readonly reap?: boolean }
  | { readonly module: 'conntrack'; readonly ctstate: 'NEW' | 'INVALID' | 'RELATED,ESTABLISHED' }
  /** A counter kube-proxy reads for its metrics (it matches every packet). */
  | { readonly module: 'nfacct'; readonly name: string }

export type Target =
  | { readonly jump: string }
  | { readonly dnat: string }
  | { readonly setMark: number }
  | { readonly xorMark: number }
  | { readonly masquerade: true; readonly randomFully?: boolean }
  | { readonly reject: true }
  | { readonly verdict: 'ACCEPT' | 'DROP' | 'RETURN' }

export interface Rule {
  readonly table: Table
  readonly chain: string
  readonly src?: string
  readonly notSrc?: boolean
  readonly dst?: string
  readonly protocol?: 'tcp' | 'udp'
  readonly matches?: readonly Match[]
  readonly target: Target
}

export const BUILTIN_CHAINS: Readonly<Record<Table, readonly string[]>> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
}

const NO_QUOTE = /^[A-Za-z0-9_-]+$/
const quoted = (s: string): string => (NO_QUOTE.test(s) ? s : `"${s.replace(/(["\\'])/g, '\\$1')}"`)
const hex = (n: number): string => `0x${n.toString(16)}`
const withMask = (a: string): string => (a.includes('/') ? a : `${a}/32`)

/** xt_statistic keeps the probability as a 31-bit fraction and prints it with 11 decimals. */
export function renderProbability(p: number): string {
  return (Math.round(p * 0x80000000) / 0x80000000).toFixed(11)
}

function renderMatch(m: Match): string {
  switch (m.module) {
    case 'comment': return `-m comment --comment ${quoted(m.comment)}`
    case 'tcp': case 'udp': return `-m ${m.module}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`
    // `--destination-ports` as written; libxt_multiport saves it as `--dports`.
    case 'multiport': return `-m multiport --dports ${m.dports.join(',')}`
    case 'addrtype': return m.srcType ? `-m addrtype --src-type ${m.srcType}` : `-m addrtype --dst-type ${m.dstType}`
    case 'mark': return `-m mark ${m.not ? '! ' : ''}--mark ${hex(m.mark)}/${hex(m.mark)}`
    case 'statistic': return `-m statistic --mode random --probability ${renderProbability(m.probability)}`
    case 'recent':
      return m.mode === 'rcheck'
        ? `-m recent --rcheck --seconds ${m.seconds} ${m.reap ? '--reap ' : ''}--name ${m.name} --mask 255.255.255.255 --rsource`
        : `-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`
    case 'conntrack': return `-m conntrack --ctstate ${m.ctstate}`
    // libxt_nfacct prints the option with its own leading space: two spaces in iptables-save.
    case 'nfacct': return `-m nfacct --nfacct-name  ${m.name}`
    default: {
      const never: never = m
      return never
    }
  }
}

function renderTarget(t: Target): string {
  if ('jump' in t) return `-j ${t.jump}`
  if ('dnat' in t) return `-j DNAT --to-destination ${t.dnat}`
  if ('setMark' in t) return `-j MARK --set-xmark ${hex(t.setMark)}/${hex(t.setMark)}`
  if ('xorMark' in t) return `-j MARK --set-xmark ${hex(t.xorMark)}/0x0`
  if ('masquerade' in t) return `-j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`
  if ('reject' in t) return '-j REJECT --reject-with icmp-port-unreachable'
  return `-j ${t.verdict}`
}

/** One rule as `iptables-save` prints it: `-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment ...`. */
export function renderRule(r: Rule): string {
  const parts = [`-A ${r.chain}`]
  if (r.src) parts.push(`${r.notSrc ? '! ' : ''}-s ${withMask(r.src)}`)
  if (r.dst) parts.push(`-d ${withMask(r.dst)}`)
  if (r.protocol) parts.push(`-p ${r.protocol}`)
  for (const m of r.matches ?? []) parts.push(renderMatch(m))
  parts.push(renderTarget(r.target))
  return parts.join(' ')
}

/**
 * One table as `iptables-save -t TABLE` prints it: the chains (built-in ones first, then the others
 * sorted, as the kernel keeps them), then each chain's rules in that order.
 */
export function renderTable(table: Table, rules: readonly Rule[], stamp: string, options: { declared?: readonly string[]; version?: string } = {}): string {
  const version = options.version ?? 'v1.8.9 (nf_tables)'
  const own = rules.filter((r) => r.table === table)
  const builtin = BUILTIN_CHAINS[table]
  // Chains that exist without rules: the canaries kubelet and kube-proxy watch to notice a flush.
  const custom = new Set<string>(options.declared ?? [])
  for (const r of own) {
    if (!builtin.includes(r.chain)) custom.add(r.chain)
    if ('jump' in r.target && !builtin.includes(r.target.jump)) custom.add(r.target.jump)
  }
  const chains = [...builtin, ...[...custom].sort()]
  const lines = [`# Generated by iptables-save ${version} on ${stamp}`, `*${table}`]
  for (const c of chains) lines.push(builtin.includes(c) ? `:${c} ACCEPT [0:0]` : `:${c} - [0:0]`)
  for (const c of chains) for (const r of own) if (r.chain === c) lines.push(renderRule(r))
  lines.push('COMMIT', `# Completed on ${stamp}`)
  return lines.join('\n') + '\n'
}
