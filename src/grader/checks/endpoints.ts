// `endpoints`: the ready and not-ready addresses of a Service, as its EndpointSlices list them
// (what kube-proxy reads to send traffic only to ready pods).
import { msg, nsOf, objectRef, type GradeContext } from '../context.js'
import { fail, pass, type Outcome } from '../types.js'
import type { ClusterView } from '../view.js'

interface SliceEndpoint {
  addresses?: string[]
  conditions?: { ready?: boolean }
  targetRef?: { name?: string }
}

export function endpointsCheck(ctx: GradeContext, view: ClusterView, args: Record<string, unknown>): Outcome {
  const namespace = nsOf(args)
  const service = String(args.service)
  const ref = objectRef('services', service, namespace)
  if (!view.get('services', namespace, service)) return fail(msg(ctx, 'grader.object.notFound', { object: ref }))
  const slices = view.list('endpointslices', { namespace, labelSelector: `kubernetes.io/service-name=${service}` })
  const ready: string[] = []
  const notReady: string[] = []
  for (const slice of slices)
    for (const e of ((slice as { endpoints?: SliceEndpoint[] }).endpoints ?? [])) {
      // An endpoint without a ready condition counts as ready (EndpointConditions docs: nil means unknown, treat as ready).
      const label = `${e.addresses?.[0] ?? ''}${e.targetRef?.name ? ` (${e.targetRef.name})` : ''}`
      if (e.conditions?.ready === false) notReady.push(label)
      else ready.push(label)
    }
  const params = {
    service: ref,
    ready: ready.length,
    notReady: notReady.length,
    list: ready.length ? `${msg(ctx, 'grader.sep')}${msg(ctx, 'grader.endpoints.readyList', { list: ready.join(', ') })}` : '',
    expected: [
      args.ready !== undefined ? msg(ctx, 'grader.endpoints.wantReady', { n: Number(args.ready) }) : '',
      args.notReady !== undefined ? msg(ctx, 'grader.endpoints.wantNotReady', { n: Number(args.notReady) }) : '',
    ].filter(Boolean).join(msg(ctx, 'grader.and')),
  }
  const ok = (args.ready === undefined || ready.length === Number(args.ready)) && (args.notReady === undefined || notReady.length === Number(args.notReady))
  if (ok) return pass(msg(ctx, 'grader.endpoints.pass', params))
  // Too few endpoints is most often a selector that matches no pod's labels: point at it.
  return fail(msg(ctx, 'grader.endpoints.fail', params), ctx.sources.locate('Service', service, namespace, ['spec', 'selector']))
}
