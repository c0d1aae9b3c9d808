// How ingress-nginx routes a request (its nginx.conf as the controller writes it from the Ingresses
// of its class; internal/ingress/controller/controller.go createServers/createUpstreams and
// rootfs/etc/nginx/template/nginx.tmpl). Pure: Ingresses, Services and EndpointSlices in, a route out.
//
// - One nginx `server` per host: the rules' hosts, exact names before `*.example.com` wildcards (one
//   label), and the catch-all server `_` for rules without a host and for every other Host header.
// - In a server, nginx's location choice: an Exact path (`location = /p`) wins, else the longest
//   prefix. A Prefix path `/p` matches `/p` and `/p/...` by path elements (`location = /p` and
//   `location /p/`); ImplementationSpecific is nginx's plain string prefix (`location /p`).
// - No location: the server's `/` goes to the Ingress's spec.defaultBackend if it has one, else to
//   the controller's own default backend, which answers 404.
// - When several Ingresses define the same host and path, the oldest Ingress wins.
// - A backend Service that is missing, has no such port or no ready endpoint: 503.
import type { Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { HTTPIngressPath, Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1.js'

export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx'
/** --ingress-class=nginx: the annotation value ingress-nginx also accepts. */
export const INGRESS_NGINX_CLASS = 'nginx'
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class'

/** GetIngressClass: the Ingresses this controller serves. */
export function servedByIngressNginx(ing: Ingress, classes: readonly IngressClass[]): boolean {
  const name = ing.spec?.ingressClassName
  if (name != null) return classes.some((c) => c.metadata?.name === name && c.spec?.controller === INGRESS_NGINX_CONTROLLER)
  const annotation = ing.metadata?.annotations?.[CLASS_ANNOTATION]
  if (annotation !== undefined) return annotation === INGRESS_NGINX_CLASS
  return false // --watch-ingress-without-class is false
}

export interface RouteTarget {
  readonly ingress: string // namespace/name
  readonly namespace: string
  readonly backend: IngressBackend
  /** The nginx location that matched (`= /exact`, `/prefix/`, `/`), or `default` for spec.defaultBackend. */
  readonly location: string
}

export type Route =
  | { readonly kind: 'backend'; readonly server: string; readonly target: RouteTarget }
  /** The controller's own default backend: 404. */
  | { readonly kind: 'default-backend'; readonly server: string }

interface Location {
  readonly text: string
  readonly exact: boolean
  readonly target: RouteTarget
}

const byAge = (a: Ingress, b: Ingress): number =>
  (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`)

const keyOf = (ing: Ingress): string => `${ing.metadata?.namespace ?? ''}/${ing.metadata?.name ?? ''}`

/** The nginx locations of one Ingress path (normalizePrefixPath and the template's location blocks). */
function locationsOf(p: HTTPIngressPath, target: Omit<RouteTarget, 'location'>): Location[] {
  const path = p.path || '/'
  switch (p.pathType) {
    case 'Exact':
      return [{ text: `= ${path}`, exact: true, target: { ...target, location: `= ${path}` } }]
    case 'Prefix': {
      if (path === '/') return [{ text: '/', exact: false, target: { ...target, location: '/' } }]
      const bare = path.endsWith('/') ? path.slice(0, -1) : path
      return [
        { text: `= ${bare}`, exact: true, target: { ...target, location: `${bare}/` } },
        { text: `${bare}/`, exact: false, target: { ...target, location: `${bare}/` } },
      ]
    }
    default:
      return [{ text: path, exact: false, target: { ...target, location: path } }]
  }
}

/** The server a Host header lands on: exact name, then a one-label wildcard, then `_`. */
export function serverFor(host: string, names: readonly string[]): string {
  const h = host.toLowerCase().replace(/:\d+$/, '')
  if (names.includes(h)) return h
  const dot = h.indexOf('.')
  if (dot > 0 && names.includes(`*${h.slice(dot)}`)) return `*${h.slice(dot)}`
  return '_'
}

/** Where ingress-nginx sends a request for `host` and `path`, given the Ingresses it serves. */
export function routeRequest(ingresses: readonly Ingress[], host: string, rawPath: string): Route {
  const sorted = [...ingresses].sort(byAge)
  const servers = new Map<string, Location[]>()
  const fallbacks = new Map<string, RouteTarget>()
  for (const ing of sorted) {
    const base = { ingress: keyOf(ing), namespace: ing.metadata?.namespace ?? 'default' }
    const def = ing.spec?.defaultBackend
    if (def && !fallbacks.has('_')) fallbacks.set('_', { ...base, backend: def, location: 'default' })
    for (const rule of ing.spec?.rules ?? []) {
      const name = rule.host || '_'
      const locations = servers.get(name) ?? []
      servers.set(name, locations)
      if (def && !fallbacks.has(name)) fallbacks.set(name, { ...base, backend: def, location: 'default' })
      for (const p of rule.http?.paths ?? []) {
        for (const loc of locationsOf(p, { ...base, backend: p.backend })) {
          // The oldest Ingress keeps a location that several define.
          if (!locations.some((l) => l.text === loc.text)) locations.push(loc)
        }
      }
    }
  }
  const server = serverFor(host, [...servers.keys()].filter((n) => n !== '_'))
  const path = rawPath.split('?')[0] || '/'
  const locations = servers.get(server) ?? []
  const exact = locations.find((l) => l.exact && l.text === `= ${path}`)
  if (exact) return { kind: 'backend', server, target: exact.target }
  let best: Location | undefined
  for (const l of locations) if (!l.exact && path.startsWith(l.text) && (!best || l.text.length > best.text.length)) best = l
  if (best) return { kind: 'backend', server, target: best.target }
  const fallback = fallbacks.get(server)
  return fallback ? { kind: 'backend', server, target: fallback } : { kind: 'default-backend', server }
}

export type Upstream =
  | { readonly kind: 'endpoints'; readonly service: string; readonly port: string; readonly endpoints: readonly { ip: string; port: number }[] }
  /** Why there is nothing to proxy to (ingress-nginx then answers 503), in the controller's log words. */
  | { readonly kind: 'unavailable'; readonly service: string; readonly why: string }

/**
 * The endpoints behind a service backend: the Service's port named by number or name, then the
 * ready endpoints of its EndpointSlices on that port (ingress-nginx proxies to pod IPs directly,
 * not through the Service's ClusterIP).
 */
export function upstreamOf(target: RouteTarget, service: Service | undefined, slices: readonly EndpointSlice[]): Upstream {
  const b = target.backend.service
  const svcKey = `${target.namespace}/${b?.name ?? ''}`
  if (!b) return { kind: 'unavailable', service: svcKey, why: 'resource backends are not supported by ingress-nginx' }
  if (!service) return { kind: 'unavailable', service: svcKey, why: `Error obtaining Endpoints for Service "${svcKey}": no object matching key "${svcKey}" in local store` }
  const wanted = b.port?.number ? String(b.port.number) : (b.port?.name ?? '')
  const port = (service.spec?.ports ?? []).find((p) => (b.port?.number ? p.port === b.port.number : p.name === b.port?.name))
  if (!port) return { kind: 'unavailable', service: svcKey, why: `Service "${svcKey}" does not have any port ${wanted}` }
  const endpoints: { ip: string; port: number }[] = []
  for (const s of slices)
    for (const sp of s.ports ?? [])
      if ((sp.name ?? '') === (port.name ?? '') && sp.port)
        for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false && e.addresses[0]) endpoints.push({ ip: e.addresses[0], port: sp.port })
  if (endpoints.length === 0) return { kind: 'unavailable', service: svcKey, why: `Service "${svcKey}" does not have any active Endpoint.` }
  return { kind: 'endpoints', service: svcKey, port: wanted, endpoints }
}
