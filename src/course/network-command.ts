// `kubelings curl` and `kubelings cluster iptables` against the workspace's playground.
import { routeTable, type NetworkOptions } from '../cluster/network/cni.js'
import { renderTable, type Table } from '../cluster/network/iptables.js'
import { KubeProxy } from '../cluster/network/kube-proxy.js'
import { nodeRules } from '../cluster/network/path.js'
import { sendRequest, type RequestOrigin, type RequestResult } from '../cluster/network/request.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'
import { Playground, withPlaygroundLock } from './playground.js'
import { openWorkspace, sessionLang } from './settings.js'

interface CommonFlags {
  lang?: string
  workspace?: string
}

/** `outside`, `node/NAME`, `pod/NAME` or `pod/NAMESPACE/NAME` (a bare NAME is a pod, as kubectl reads it). */
export function parseFrom(value: string | undefined, lang: Lang): RequestOrigin {
  if (value === undefined || value === 'outside') return 'outside'
  const node = /^(?:node|nodes|no)\/([^/]+)$/.exec(value)
  if (node) return { node: node[1] }
  const pod = /^(?:(?:pod|pods|po)\/)?(?:([^/]+)\/)?([^/]+)$/.exec(value)
  if (pod && !value.includes(' ')) return pod[1] ? { pod: pod[2], namespace: pod[1] } : { pod: pod[2] }
  throw new UserError(t(lang, 'net.badFrom', { value }))
}

/** `-H 'Name: value'` pairs. */
export function parseHeaders(values: readonly string[], lang: Lang): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values) {
    const i = v.indexOf(':')
    if (i <= 0) throw new UserError(t(lang, 'net.badHeader', { value: v }))
    out[v.slice(0, i).trim()] = v.slice(i + 1).trim()
  }
  return out
}

export interface CurlOptions extends CommonFlags {
  from?: string
  method?: string
  headers?: readonly string[]
  connectTimeout?: number
}

export function curlInPlayground(url: string, flags: CurlOptions): { result: RequestResult; network: NetworkOptions } {
  const { ws, lang } = openWorkspace(flags)
  const from = parseFrom(flags.from, lang)
  const headers = parseHeaders(flags.headers ?? [], lang)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    if (typeof from === 'object' && 'node' in from && !p.cluster.nodes.some((n) => n.name === from.node))
      throw new UserError(t(lang, 'node.unknown', { node: from.node, known: p.cluster.nodes.map((n) => n.name).join(', ') }))
    const r = sendRequest(p.cluster, { from, url, method: flags.method, headers, connectTimeout: flags.connectTimeout })
    if (!r.ok) throw new UserError(r.error)
    // The endpoint choice drew from the PRNG and affinity tables changed: keep them.
    p.save()
    return { result: r.value, network: p.cluster.network }
  })
}

/** ctime(3) of a time in UTC, as iptables-save stamps its output: `Thu Jan  1 00:01:00 2026`. */
export function ctime(ms: number): string {
  const d = new Date(ms)
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`
}

/** `iptables-save [-t TABLE]` on one node of the playground. */
export function iptablesInPlayground(node: string, table: string | undefined, flags: CommonFlags): string {
  if (table !== undefined && table !== 'nat' && table !== 'filter') throw new UserError(t(sessionLang(flags), 'net.badTable', { value: table }))
  const { ws, lang } = openWorkspace(flags)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const name = node.replace(/^(?:node|nodes|no)\//, '')
    const spec = p.cluster.nodes.find((n) => n.name === name)
    if (!spec) throw new UserError(t(lang, 'node.unknown', { node: name, known: p.cluster.nodes.map((n) => n.name).join(', ') }))
    const rules = nodeRules(p.cluster, spec)
    const stamp = ctime(p.cluster.now())
    const proxy = p.cluster.component(`kube-proxy/${spec.name}`)
    const declared = ['KUBE-KUBELET-CANARY', ...(proxy instanceof KubeProxy && proxy.synced ? ['KUBE-PROXY-CANARY'] : [])]
    p.save()
    const tables: Table[] = table ? [table as Table] : ['filter', 'nat']
    return tables.map((tb) => renderTable(tb, rules, stamp, { declared })).join('')
  })
}

/** `ip route` on one node of the playground. */
export function routesInPlayground(node: string, flags: CommonFlags): string {
  const { ws, lang } = openWorkspace(flags)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const name = node.replace(/^(?:node|nodes|no)\//, '')
    const spec = p.cluster.nodes.find((n) => n.name === name)
    if (!spec) throw new UserError(t(lang, 'node.unknown', { node: name, known: p.cluster.nodes.map((n) => n.name).join(', ') }))
    p.save()
    return routeTable(p.cluster.network, spec, p.cluster.nodes).map((l) => `${l}\n`).join('')
  })
}
