// ingress-nginx on the request path (a SERVER_HOOK of the walker): a request that reaches an
// ingress-nginx controller pod on port 80 is routed by the Ingresses of class nginx
// (ingress-routing.ts) and proxied from the controller pod straight to a backend pod's IP; the
// controller answers itself with 404 (no rule, its default backend), 503 (a backend Service without
// endpoints, or missing, or without that port), 502 (the backend refused) or 504 (it timed out).
//
// Host handling: the Host header decides the server, as in nginx. `kubelings curl` sends the URL's
// host as Host, so `curl http://172.18.255.200/ --header 'Host: a.example.com'` is how to reach a
// host rule (the simulated cluster has no public DNS for a.example.com).
import type { Pod, Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js'
import type { SimulatedCluster } from '../cluster.js'
import type { StoredObject } from '../object.js'
import { ingressNginxAnswer } from '../runtime/http.js'
import { sha256Hex } from '../runtime/sha256.js'
import type { ServerContext, ServerHook } from './hooks.js'
import { routeRequest, servedByIngressNginx, upstreamOf, type RouteTarget } from './ingress-routing.js'
import type { Hop, HttpExchange } from './request.js'

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx'
/** The labels of the add-on's controller pods (deploy/static/provider/cloud/deploy.yaml). */
export const CONTROLLER_LABELS = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' }
const READER = 'kubelings'

function list<T>(cluster: SimulatedCluster, resource: string, options: { namespace?: string; labelSelector?: string } = {}): T[] {
  const r = cluster.api.list(READER, resource, { ...options, silent: true })
  return r.ok ? (r.value.items as unknown as T[]) : []
}

/** Whether a pod is one of the add-on's ingress-nginx controllers. */
export function isIngressNginxPod(pod: Pod | StoredObject | undefined): boolean {
  const labels = pod?.metadata?.labels ?? {}
  return pod?.metadata?.namespace === INGRESS_NGINX_NAMESPACE && Object.entries(CONTROLLER_LABELS).every(([k, v]) => labels[k] === v)
}

/** The Ingresses ingress-nginx serves now. */
export function servedIngresses(cluster: SimulatedCluster): (StoredObject & Ingress)[] {
  const classes = list<IngressClass>(cluster, 'ingressclasses')
  return list<StoredObject & Ingress>(cluster, 'ingresses').filter((i) => servedByIngressNginx(i, classes))
}

type Answer = { readonly hops?: readonly Hop[]; readonly response: HttpExchange['response'] } | { readonly upstream: import('./request.js').RequestResult }

export const ingressNginxHook: ServerHook = (ctx) => {
  if (ctx.port !== 80 || ctx.namespace !== INGRESS_NGINX_NAMESPACE) return undefined
  const pod = ctx.cluster.object('pods', ctx.namespace, ctx.pod)
  if (!isIngressNginxPod(pod)) return undefined
  return proxy(ctx)
}

function proxy(ctx: ServerContext): Answer {
  const host = ctx.request.headers.Host ?? ctx.request.headers.host ?? ctx.request.host
  const route = routeRequest(servedIngresses(ctx.cluster), host, ctx.request.path)
  const at = `pod/${ctx.namespace}/${ctx.pod}`
  const base = { pod: ctx.pod, host: host.replace(/:\d+$/, ''), path: ctx.request.path, server: route.server }
  if (route.kind === 'default-backend') return own(ctx, 404, { kind: 'ingress-default-backend', at, params: base })
  const { target } = route
  const svcName = target.backend.service?.name ?? ''
  const service = ctx.cluster.object('services', target.namespace, svcName) as (StoredObject & Service) | undefined
  const slices = list<EndpointSlice>(ctx.cluster, 'endpointslices', { namespace: target.namespace, labelSelector: `kubernetes.io/service-name=${svcName}` })
  const upstream = upstreamOf(target, service, slices)
  const where = { ...base, ingress: target.ingress, location: target.location, backend: backendText(target) }
  if (upstream.kind === 'unavailable') return own(ctx, 503, { kind: 'ingress-no-endpoints', at, detail: upstream.why, params: { ...where, service: upstream.service } })
  // ingress-nginx balances round-robin over the endpoints; the seeded PRNG stands in for its counter.
  const pick = upstream.endpoints[upstream.endpoints.length === 1 ? 0 : ctx.cluster.rng.uint32() % upstream.endpoints.length]
  const endpoint = `${pick.ip}:${pick.port}`
  const hop: Hop = { kind: 'proxy', at, detail: `location ${target.location} → upstream ${upstream.service}-${upstream.port}`, params: { ...where, endpoint } }
  const result = ctx.forward(`http://${endpoint}${ctx.request.path}`, forwardedHeaders(ctx, host))
  // proxy_next_upstream error timeout: a refused or silent backend ends in 502 or 504 from nginx.
  if (result.exitCode !== 0 || !result.response) return own(ctx, result.exitCode === 28 ? 504 : 502, { kind: 'ingress-bad-gateway', at, params: { ...where, endpoint } }, [hop, ...result.hops])
  // `more_clear_headers Server`: the backend's Server header does not come through either.
  const response = { ...result.response, headers: result.response.headers.filter(([k]) => k.toLowerCase() !== 'server') }
  return { upstream: { ...result, hops: [hop, ...result.hops], response } }
}

/** An answer of the controller itself: its hop, then nginx's error page. */
function own(ctx: ServerContext, status: 404 | 502 | 503 | 504, hop: Hop, before: readonly Hop[] = []): Answer {
  const a = ingressNginxAnswer(status, ctx.cluster.now())
  return { hops: [...before, { ...hop, params: { ...hop.params, status } }], response: { status: a.status, reason: a.reason, headers: a.headers, body: a.body } }
}

function backendText(t: RouteTarget): string {
  const s = t.backend.service
  if (!s) return `${t.backend.resource?.kind ?? ''}/${t.backend.resource?.name ?? ''}`
  return `${s.name}:${s.port?.number ? s.port.number : (s.port?.name ?? '')}`
}

/** The headers ingress-nginx sets on the upstream request (nginx.tmpl's proxy_set_header lines). */
function forwardedHeaders(ctx: ServerContext, host: string): Record<string, string> {
  // $req_id is 32 random hex digits; derived from the request here, so that a run replays exactly.
  const requestId = sha256Hex(`${ctx.pod}|${ctx.cluster.now()}|${ctx.clientIP}|${host}|${ctx.request.path}`).slice(0, 32)
  return {
    ...ctx.request.headers,
    Host: host,
    'X-Request-ID': requestId,
    'X-Real-IP': ctx.clientIP,
    'X-Forwarded-For': ctx.clientIP,
    'X-Forwarded-Host': host.replace(/:\d+$/, ''),
    'X-Forwarded-Port': '80',
    'X-Forwarded-Proto': 'http',
    'X-Forwarded-Scheme': 'http',
    'X-Scheme': 'http',
  }
}
