// A packet's walk through one netfilter table of one node, over rules from iptables.ts: the first
// rule whose matches all hold fires; a jump walks the target chain and comes back on RETURN or at
// its end; DNAT, MASQUERADE, ACCEPT, DROP and REJECT end the table. Only the first packet of a
// connection walks the nat table (conntrack remembers its translation), so `-m conntrack --ctstate
// NEW` holds and RELATED/ESTABLISHED/INVALID do not.
import type { Millis } from '../clock.js'
import { inCidr } from './addresses.js'
import { renderRule, type Match, type Rule, type Table } from './iptables.js'

export interface Packet {
  readonly protocol: 'tcp' | 'udp'
  readonly src: string
  readonly sport: number
  readonly dst: string
  readonly dport: number
  /** The skb mark (kube-proxy's masquerade bit is 0x4000). */
  readonly mark: number
}

/** xt_recent's tables: per list name, the source addresses seen and when (kept on the node). */
export type RecentTables = Record<string, Record<string, Millis>>

export interface NetfilterEnv {
  readonly node: string
  /** `-m addrtype --dst-type LOCAL`: an address of this node (node IP, cni0, flannel.1, loopback). */
  readonly isLocal: (ip: string) => boolean
  /** A draw in [0, 1) for `-m statistic --mode random` (the cluster's seeded PRNG). */
  readonly random: () => number
  readonly recent: RecentTables
  readonly now: Millis
  /** The address MASQUERADE puts as source: the one of the interface the packet leaves by. */
  readonly masqueradeAs?: string
}

/** A rule that fired, as `iptables-save` prints it. */
export interface MatchedRule {
  readonly node: string
  readonly table: Table
  readonly chain: string
  readonly rule: string
}

export type Outcome = 'continue' | 'accept' | 'drop' | 'reject'

export interface WalkResult {
  readonly packet: Packet
  readonly outcome: Outcome
  readonly matched: readonly MatchedRule[]
  /** The DNAT that fired: the KUBE-SEP chain (or portmap chain) and the new destination. */
  readonly dnat?: { readonly chain: string; readonly to: string }
  readonly snat?: { readonly to: string }
}

const MAX_DEPTH = 32

function matches(m: Match, p: Packet, env: NetfilterEnv): boolean {
  switch (m.module) {
    case 'comment': return true
    case 'tcp': case 'udp': return p.protocol === m.module && (m.dport === undefined || p.dport === m.dport)
    case 'multiport': return m.dports.includes(p.dport)
    case 'addrtype': return m.srcType ? env.isLocal(p.src) : env.isLocal(p.dst)
    case 'mark': return ((p.mark & m.mark) === m.mark) !== (m.not ?? false)
    case 'statistic': return env.random() < m.probability
    case 'recent': {
      if (m.mode === 'set') {
        ;(env.recent[m.name] ??= {})[p.src] = env.now
        return true
      }
      const seen = env.recent[m.name]?.[p.src]
      const fresh = seen !== undefined && (m.seconds === undefined || env.now - seen <= m.seconds * 1000)
      if (!fresh && seen !== undefined && m.reap) delete env.recent[m.name][p.src]
      return fresh
    }
    case 'conntrack': return m.ctstate === 'NEW'
    case 'nfacct': return true
    default: {
      const never: never = m
      return never
    }
  }
}

function ruleHolds(r: Rule, p: Packet, env: NetfilterEnv): boolean {
  if (r.src && inCidr(p.src, r.src.includes('/') ? r.src : `${r.src}/32`) === (r.notSrc ?? false)) return false
  if (r.dst && !inCidr(p.dst, r.dst.includes('/') ? r.dst : `${r.dst}/32`)) return false
  if (r.protocol && r.protocol !== p.protocol) return false
  return (r.matches ?? []).every((m) => matches(m, p, env))
}

/** Walk `chain` of `table` (a built-in chain: PREROUTING, OUTPUT, POSTROUTING, FORWARD ...). */
export function walkTable(rules: readonly Rule[], table: Table, chain: string, packet: Packet, env: NetfilterEnv): WalkResult {
  const byChain = new Map<string, Rule[]>()
  for (const r of rules) if (r.table === table) (byChain.get(r.chain) ?? byChain.set(r.chain, []).get(r.chain)!).push(r)
  const matched: MatchedRule[] = []
  let p = packet
  let dnat: WalkResult['dnat']
  let snat: WalkResult['snat']
  const walk = (name: string, depth: number): Outcome => {
    if (depth > MAX_DEPTH) return 'drop'
    for (const r of byChain.get(name) ?? []) {
      if (!ruleHolds(r, p, env)) continue
      matched.push({ node: env.node, table, chain: name, rule: renderRule(r) })
      const t = r.target
      if ('jump' in t) {
        const outcome = walk(t.jump, depth + 1)
        if (outcome !== 'continue') return outcome
      } else if ('dnat' in t) {
        const [ip, port] = t.dnat.split(':')
        p = { ...p, dst: ip, dport: port ? Number(port) : p.dport }
        dnat = { chain: name, to: t.dnat }
        return 'accept'
      } else if ('setMark' in t) p = { ...p, mark: p.mark | t.setMark }
      else if ('xorMark' in t) p = { ...p, mark: p.mark ^ t.xorMark }
      else if ('masquerade' in t) {
        if (env.masqueradeAs) {
          p = { ...p, src: env.masqueradeAs }
          snat = { to: env.masqueradeAs }
        }
        return 'accept'
      } else if ('reject' in t) return 'reject'
      else if (t.verdict === 'RETURN') return 'continue'
      else return t.verdict === 'ACCEPT' ? 'accept' : 'drop'
    }
    return 'continue'
  }
  const outcome = walk(chain, 0)
  return { packet: p, outcome: outcome === 'continue' ? 'accept' : outcome, matched, ...(dnat ? { dnat } : {}), ...(snat ? { snat } : {}) }
}
