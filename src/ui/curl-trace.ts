// What `kubelings curl` prints: curl's own output (the body; with -i the status line and headers;
// with -v curl's `*`, `>` and `<` lines on stderr; on failure curl's one line on stderr), and with
// --trace the path of the request as boxes and arrows, one box per place the packet passes (the
// client, each node, the router, the pod that answers), with the IP headers on the wire between
// them: outer and inner under VXLAN.
import type { NetworkOptions } from '../cluster/network/cni.js'
import type { Hop, IpHeader, RequestResult, Wire } from '../cluster/network/request.js'
import { catalogueKeys, t, type Lang, type MessageKey } from '../course/i18n.js'

export interface CurlRenderOptions {
  readonly lang: Lang
  readonly color: boolean
  readonly trace: boolean
  readonly verbose: boolean
  readonly include: boolean
  readonly network: NetworkOptions
}

/** The version of curl whose output this imitates (its User-Agent, its -v lines). */
export const CURL_VERSION = '8.11.1'

type Paint = (text: string, code: number) => string

const painter = (color: boolean): Paint => (text, code) => (color && text ? `\x1b[${code}m${text}\x1b[0m` : text)

const header = (h: IpHeader): string => `${h.protocol} ${h.src}:${h.sport} → ${h.dst}:${h.dport}`

function wireLines(w: Wire, o: CurlRenderOptions): string[] {
  if (!w.outer) return [header(w.inner)]
  return [`${t(o.lang, 'net.trace.outer')} ${header(w.outer)}  VNI ${w.outer.vni}`, `  ${t(o.lang, 'net.trace.inner')} ${header(w.inner)}`]
}

let known: Set<string> | undefined

/** Whether the catalogue has a sentence for this key (hops of kinds added later may not). */
function hasKey(key: string): key is MessageKey {
  known ??= new Set(catalogueKeys('en'))
  return known.has(key)
}

/** The sentence about one hop, in the learner's language; hops of other kinds fall back to their data. */
function sentence(h: Hop, o: CurlRenderOptions): string {
  const params = h.params as Record<string, string | number>
  if (h.kind === 'dropped') {
    const key = `net.drop.${String(params.reason)}`
    return hasKey(key) ? t(o.lang, key, params) : `dropped (${String(params.reason)})`
  }
  const key = `net.hop.${h.kind}`
  if (hasKey(key)) return t(o.lang, key, params)
  return `${h.kind}: ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')}`
}

/** The lines of one hop inside its box. */
function hopLines(h: Hop, o: CurlRenderOptions, paint: Paint): string[] {
  const lines = [sentence(h, o)]
  if (h.kind === 'netfilter' && h.rules) {
    // A jump that returns shows its chain again: keep each chain once where it repeats in a row.
    const chains = h.rules.filter((r) => r.table === 'nat').map((r) => r.chain).filter((c, i, all) => c !== all[i - 1])
    if (chains.length > 0) lines.push(`  ${chains.join(' → ')}`)
    const pick = h.rules.find((r) => r.rule.includes('--probability'))
    if (pick) lines.push(paint(`  ${pick.rule}`, 2))
    if (h.params.dnat !== undefined) lines.push(paint(`  ${t(o.lang, 'net.hop.dnat', { to: h.params.dnat })}`, 33))
    if (h.params.snat !== undefined) lines.push(paint(`  ${t(o.lang, 'net.hop.snat', { to: h.params.snat })}`, 33))
  } else if (h.kind === 'rejected' && h.rules?.length) lines.push(paint(`  ${h.rules[h.rules.length - 1].rule}`, 2))
  if (h.detail && h.kind !== 'netfilter') lines.push(paint(`  ${h.detail}`, 2))
  if (h.kind === 'reply' && h.wire) lines.push(paint(`  ${header(h.wire.inner)}`, 35))
  const bad = h.kind === 'dropped' || h.kind === 'rejected' || h.kind === 'refused' || h.kind === 'unreachable'
  return bad ? [paint(lines[0], 31), ...lines.slice(1)] : lines
}

/** Consecutive hops at the same place make one box. */
function groups(hops: readonly Hop[]): Hop[][] {
  const out: Hop[][] = []
  for (const h of hops) {
    const last = out[out.length - 1]
    if (last && last[0].at === h.at) last.push(h)
    else out.push([h])
  }
  return out
}

/** The path as a diagram. */
export function renderPath(r: RequestResult, o: CurlRenderOptions): string {
  const paint = painter(o.color)
  const mode = o.network.cni === 'overlay' ? t(o.lang, 'net.mode.overlay') : t(o.lang, 'net.mode.underlay', { routing: o.network.routing })
  const lines = [paint(t(o.lang, 'net.trace.title', { method: r.request?.method ?? 'GET', url: r.url, from: r.from }), 1), paint(t(o.lang, 'net.trace.mode', { mode }), 2), '']
  const boxes = groups(r.hops)
  boxes.forEach((box, i) => {
    lines.push(`┌─ ${paint(box[0].at, 36)}${box[0].device ? paint(` (${box[0].device})`, 2) : ''}`)
    for (const h of box) for (const l of hopLines(h, o, paint)) lines.push(`│ ${l}`)
    lines.push('└─')
    const next = boxes[i + 1]
    if (!next) return
    // The packet as it travels to the next place: what the last hop here put on the wire.
    const wire = [...box].reverse().find((h) => h.wire)?.wire
    const arrow = next[0].kind === 'reply' ? '⋮' : '│'
    if (wire && next[0].kind !== 'reply') for (const l of wireLines(wire, o)) lines.push(`    ${arrow} ${paint(l, 35)}`)
    lines.push(`    ${next[0].kind === 'reply' ? '⋮' : '▼'}`)
  })
  lines.push('')
  if (r.exitCode === 0 && r.response && r.answeredBy)
    lines.push(paint(t(o.lang, 'net.trace.answer', { status: r.response.status, reason: r.response.reason, pod: `pod/${r.answeredBy.namespace}/${r.answeredBy.pod}` }), 32))
  return lines.join('\n') + '\n'
}

/** curl -v's lines (stderr), as curl 8.x writes them. */
function verboseLines(r: RequestResult): string[] {
  const req = r.request
  if (!req) return []
  const [host, port] = [req.host.split(':')[0], req.host.includes(':') ? req.host.split(':')[1] : '80']
  const ip = r.dns?.addresses[0] ?? host
  const out: string[] = []
  if (r.dns) out.push(`* Host ${host}:${port} was resolved.`, '* IPv6: (none)', `* IPv4: ${r.dns.addresses.join(', ')}`)
  out.push(`*   Trying ${ip}:${port}...`)
  if (!r.response && r.exitCode !== 1) return out
  out.push(`* Connected to ${host} (${ip}) port ${port}`, '* using HTTP/1.x')
  out.push(`> ${req.method} ${req.path} HTTP/1.1`, `> Host: ${req.host}`, `> User-Agent: curl/${CURL_VERSION}`, '> Accept: */*')
  for (const [k, v] of Object.entries(req.headers)) out.push(`> ${k}: ${v}`)
  out.push('> ', '* Request completely sent off')
  if (r.response) {
    out.push(`< HTTP/1.1 ${r.response.status} ${r.response.reason}`, ...r.response.headers.map(([k, v]) => `< ${k}: ${v}`), '< ')
  }
  return out
}

export type Chunk = readonly ['stdout' | 'stderr', string]

/**
 * Everything `kubelings curl` prints, in order: -v's lines come before the body and its last line
 * after it, as curl writes them; -s keeps quiet about errors unless -S.
 */
export function renderCurl(r: RequestResult, o: CurlRenderOptions & { silent?: boolean; showError?: boolean }): { chunks: Chunk[]; stdout: string; stderr: string } {
  const chunks: Chunk[] = []
  if (o.trace) chunks.push(['stdout', renderPath(r, o) + (r.response ? '\n' : '')])
  if (o.verbose) chunks.push(['stderr', verboseLines(r).map((l) => `${l}\n`).join('')])
  if (r.response) {
    if (o.include) chunks.push(['stdout', `HTTP/1.1 ${r.response.status} ${r.response.reason}\r\n${r.response.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`])
    chunks.push(['stdout', r.response.body])
    if (o.verbose) chunks.push(['stderr', `* Connection #0 to host ${r.request?.host.split(':')[0]} left intact\n`])
  }
  if (r.error && (!o.silent || o.showError)) chunks.push(['stderr', `${r.error}\n`])
  const kept = chunks.filter(([, text]) => text !== '')
  const join = (stream: Chunk[0]): string => kept.filter(([s]) => s === stream).map(([, text]) => text).join('')
  return { chunks: kept, stdout: join('stdout'), stderr: join('stderr') }
}
