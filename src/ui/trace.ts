// `kubelings cluster trace`: the apiserver trace as the sequence the course document tells
// (kubectl → kube-apiserver → etcd → kube-controller-manager → kube-scheduler → kubelet → ...),
// one line per call, grouped by cluster time, with a legend of who runs where.
import { qualifiedName, RESOURCE_TYPES } from '../cluster/resources.js'
import { t, type Lang, type MessageKey } from '../course/i18n.js'
import { attribute, isRead, type AttributedEntry, type TraceSelection } from '../course/trace-query.js'

export interface TraceRenderOptions {
  lang: Lang
  /** ANSI colours by component (a terminal, NO_COLOR unset). */
  color?: boolean
}

/** Colours when writing to a terminal, unless NO_COLOR is set to anything (no-color.org). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === ''
}

/** The legend's order: the flow of the course document, then anyone else by first appearance. */
const COMPONENTS = ['kubectl', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'] as const

const ROLES: Record<string, MessageKey> = {
  kubectl: 'trace.role.kubectl',
  'kube-apiserver': 'trace.role.kube-apiserver',
  'kube-controller-manager': 'trace.role.kube-controller-manager',
  'kube-scheduler': 'trace.role.kube-scheduler',
  kubelet: 'trace.role.kubelet',
  'kube-proxy': 'trace.role.kube-proxy',
  kubelings: 'trace.role.kubelings',
  'cloud-controller-manager': 'trace.role.cloud-controller-manager',
  'ingress-nginx-controller': 'trace.role.ingress-nginx-controller',
}

const COLORS: Record<string, number> = {
  kubectl: 36, // cyan
  'kube-apiserver': 34, // blue
  'kube-controller-manager': 35, // magenta
  'kube-scheduler': 33, // yellow
  kubelet: 32, // green
  'kube-proxy': 92, // bright green
}
const RED = 31
const DIM = 2

/** The Status reason of an answer code, as the apiserver's errors name them. */
function reasonOf(e: AttributedEntry): string {
  switch (e.code) {
    case 400:
      return 'BadRequest'
    case 403:
      return 'Forbidden'
    case 404:
      return 'NotFound'
    case 409:
      // A create of an existing name is AlreadyExists; a lost race (or a bound pod) is Conflict.
      return e.verb === 'create' && !e.subresource ? 'AlreadyExists' : 'Conflict'
    case 410:
      return 'Expired'
    case 422:
      return 'Invalid'
    case 429:
      return 'TooManyRequests'
    case 500:
      return 'InternalError'
    case 503:
      return 'ServiceUnavailable'
    default:
      return ''
  }
}

const failed = (e: AttributedEntry): boolean => e.code < 200 || e.code >= 300

/** `kube-controller-manager (replicaset-controller)`, `kubelet (node-1)`, `kubectl`. */
export function actorOf(who: string): string {
  const a = attribute(who)
  return a.detail ? `${a.component} (${a.detail})` : a.component
}

const namespaced = (resource: string): boolean => RESOURCE_TYPES.find((x) => qualifiedName(x) === resource)?.namespaced ?? false

/** `create pods/web/binding`, `update pods/web/status`, `list pods -A`, `get pods/x -n kube-system`. */
export function callOf(e: AttributedEntry, home: string | undefined): string {
  let s = `${e.verb} ${e.resource}`
  if (e.name !== undefined) s += `/${e.name}`
  if (e.subresource) s += `/${e.subresource}`
  if (e.namespace !== undefined && e.namespace !== home) s += ` -n ${e.namespace}`
  else if (e.namespace === undefined && e.name === undefined && namespaced(e.resource)) s += ' -A'
  return s
}

interface Row {
  first: AttributedEntry
  last: AttributedEntry
  count: number
  unchanged: boolean
}

/** Consecutive identical calls (same time, caller, call and answer) become one row with a count. */
function collapse(sel: TraceSelection): Row[] {
  const unchanged = new Set(sel.unchanged)
  const rows: Row[] = []
  sel.entries.forEach((e, k) => {
    const prev = rows[rows.length - 1]
    const same =
      prev !== undefined &&
      prev.last.time === e.time &&
      prev.last.who === e.who &&
      prev.last.verb === e.verb &&
      prev.last.resource === e.resource &&
      prev.last.subresource === e.subresource &&
      prev.last.namespace === e.namespace &&
      prev.last.name === e.name &&
      prev.last.code === e.code &&
      prev.unchanged === unchanged.has(k)
    if (same) {
      prev.last = e
      prev.count++
    } else rows.push({ first: e, last: e, count: 1, unchanged: unchanged.has(k) })
  })
  return rows
}

/** Cluster time as RFC 3339, milliseconds only when there are some. */
export function clusterTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

const relative = (ms: number): string => `+${(ms / 1000).toFixed(3)}s`

export function renderTrace(sel: TraceSelection, opts: TraceRenderOptions): string {
  const { lang } = opts
  const paint = (text: string, code: number | undefined): string => (opts.color && code !== undefined && text !== '' ? `\x1b[${code}m${text}\x1b[0m` : text)
  const target = sel.target
  const object = target ? `${target.resource}/${target.name}` : ''
  const hidden = sel.hiddenReads
  const leases = sel.hiddenLeaseUpdates
  if (sel.entries.length === 0) {
    if (target && !leases) return t(lang, hidden ? 'trace.emptyForHidden' : 'trace.emptyFor', { object, hidden })
    if (leases) return t(lang, hidden ? 'trace.emptyHiddenLeases' : 'trace.emptyLeases', { hidden, leases })
    return t(lang, hidden ? 'trace.emptyHidden' : 'trace.empty', { hidden })
  }

  const out: string[] = []
  if (!target) out.push(t(lang, 'trace.title.all'))
  else if (target.namespace) out.push(t(lang, target.owns ? 'trace.title.forOwner' : 'trace.title.for', { object, namespace: target.namespace }))
  else out.push(t(lang, target.owns ? 'trace.title.forClusterOwner' : 'trace.title.forCluster', { object }))
  if (target && !target.exists) out.push(t(lang, 'trace.gone', { object }))
  const t0 = sel.entries[0].time
  const count = sel.entries.length
  const summary = leases ? (hidden ? 'trace.summaryHiddenLeases' : 'trace.summaryLeases') : hidden ? 'trace.summaryHidden' : 'trace.summary'
  out.push(t(lang, summary, { count, time: clusterTime(t0), hidden, leases }))
  if (sel.dropped > 0) out.push(t(lang, 'trace.dropped', { count: sel.dropped }))

  // The legend: kube-apiserver always (every call goes to it), and whoever else appears.
  const present = new Set(sel.entries.map((e) => e.component))
  const legend = [...COMPONENTS.filter((c) => c === 'kube-apiserver' || present.has(c)), ...[...present].filter((c) => !(COMPONENTS as readonly string[]).includes(c))]
  const lw = Math.max(...legend.map((c) => c.length))
  out.push('')
  for (const c of legend) out.push(`  ${paint(c, COLORS[c])}${' '.repeat(lw - c.length)}   ${t(lang, ROLES[c] ?? 'trace.role.other')}`)
  out.push('')

  const home = target ? target.namespace : 'default'
  const rows = collapse(sel).map((r) => {
    const e = r.first
    let outcome = ''
    let outcomeColor: number | undefined = DIM
    if (failed(e)) {
      outcome = `✗ ${e.code} ${reasonOf(e)}`.trimEnd()
      outcomeColor = RED
    } else if (!isRead(e)) {
      const revs = r.first.revision === r.last.revision ? `${r.first.revision}` : `${r.first.revision}-${r.last.revision}`
      outcome = r.unchanged ? `→ ${t(lang, 'trace.unchanged')}` : `→ etcd rev ${revs}`
    }
    return { time: e.time, actor: actorOf(e.who), component: e.component, call: callOf(e, home), outcome, outcomeColor, count: r.count }
  })
  const labels = rows.map((r, i) => (i > 0 && rows[i - 1].time === r.time ? '' : relative(r.time - t0)))
  const tw = Math.max(...labels.map((l) => l.length))
  const aw = Math.max(...rows.map((r) => r.actor.length))
  const cw = Math.max(...rows.map((r) => r.call.length))
  const ow = Math.max(...rows.map((r) => r.outcome.length))
  const pad = (s: string, w: number): string => ' '.repeat(Math.max(0, w - s.length))
  rows.forEach((r, i) => {
    const line =
      paint(labels[i], DIM) + pad(labels[i], tw) + '  ' +
      paint(r.actor, COLORS[r.component]) + pad(r.actor, aw) + '  → ' +
      paint('kube-apiserver', COLORS['kube-apiserver']) + '  ' +
      r.call + pad(r.call, cw) + '  ' +
      paint(r.outcome, r.outcomeColor) + (r.count > 1 ? pad(r.outcome, ow) + '  ×' + r.count : '')
    out.push(line.trimEnd())
  })
  if (!target) out.push('', t(lang, 'trace.hintFor'))
  return out.join('\n')
}
