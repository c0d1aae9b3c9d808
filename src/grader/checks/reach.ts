// `reach`: a simulated request (from outside, a node or a pod) walked through the simulated network
// — DNS, kube-proxy's rules, the CNI's paths — reaches a pod matching a selector, with the HTTP
// status or curl exit code expected. The walk is the network's own (src/cluster/network/request.ts).
import { parseSelector } from '../../cluster/labels.js'
import type { RequestOrigin, RequestResult } from '../../cluster/network/request.js'
import { msg, nsOf, type GradeContext } from '../context.js'
import { authoring, fail, pass, type Outcome } from '../types.js'
import type { ClusterView } from '../view.js'

/** `outside`, `node/NAME`, `pod/NAME` as the walker takes them. */
export function requestOrigin(from: string, namespace: string): RequestOrigin | undefined {
  if (from === 'outside') return 'outside'
  const m = /^(node|nodes|no|pod|pods|po)\/(.+)$/.exec(from)
  if (!m) return undefined
  return m[1].startsWith('no') ? { node: m[2] } : { pod: m[2], namespace }
}

/** Where the request ended when it did not get an answer: the last hop, in the network's words. */
function lastHop(ctx: GradeContext, r: RequestResult): string {
  const hop = r.hops.at(-1)
  // A name that did not resolve says all in curl's line; a packet that died on the way says where.
  if (!hop || hop.kind === 'dns') return ''
  return `\n${msg(ctx, 'grader.reach.lastHop', { kind: hop.kind, at: hop.at, detail: hop.detail ? ` (${hop.detail})` : '' })}`
}

export function reachCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  if (!view.request) return authoring(msg(ctx, 'grader.reach.noNetwork'))
  const namespace = nsOf(args)
  const from = String(args.from)
  const origin = requestOrigin(from, namespace)
  if (!origin) return authoring(msg(ctx, 'grader.authoring', { problems: msg(ctx, 'check.from', { at: 'reach.from' }) }))
  const url = String(args.url)
  const sent = view.request(origin, url)
  const base = { from, url }
  if (typeof sent === 'string') return fail(msg(ctx, 'grader.reach.cannotSend', { ...base, error: sent }))
  const r = sent
  const wantExit = args.exitCode !== undefined ? Number(args.exitCode) : 0
  if (r.exitCode !== wantExit) {
    if (r.exitCode !== 0) return fail(msg(ctx, 'grader.reach.curlFailed', { ...base, exit: r.exitCode, error: r.error ?? '' }) + lastHop(ctx, r))
    const by = r.answeredBy ? `pod/${r.answeredBy.pod}` : '?'
    return fail(msg(ctx, 'grader.reach.answeredInstead', { ...base, expected: wantExit, pod: by, status: r.response?.status ?? 0 }))
  }
  if (wantExit !== 0) return pass(msg(ctx, 'grader.reach.failedAsExpected', { ...base, exit: r.exitCode, error: r.error ?? '' }))
  const who = r.answeredBy
  const pod = who ? `pod/${who.pod}` : '?'
  const status = r.response?.status ?? 0
  const answered = { ...base, pod, node: who?.node ?? '?', status: `${status} ${r.response?.reason ?? ''}`.trim() }
  if (typeof args.pod === 'string' && who?.pod !== args.pod) return fail(msg(ctx, 'grader.reach.wrongPod', { ...answered, expected: `pod/${args.pod}` }))
  if (typeof args.selector === 'string') {
    const selector = parseSelector(args.selector)
    const labels = who ? view.get('pods', who.namespace, who.pod)?.metadata?.labels : undefined
    if (!selector.ok || !who || !selector.value.matches(labels ?? {})) return fail(msg(ctx, 'grader.reach.wrongPod', { ...answered, expected: args.selector }))
  }
  if (args.status !== undefined && status !== Number(args.status)) return fail(msg(ctx, 'grader.reach.wrongStatus', { ...answered, expected: Number(args.status) }))
  return pass(msg(ctx, 'grader.reach.answered', answered))
}
