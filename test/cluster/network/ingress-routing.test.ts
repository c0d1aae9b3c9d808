import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js'
import { describe, expect, it } from 'vitest'
import { routeRequest, servedByIngressNginx, serverFor, upstreamOf } from '../../../src/cluster/network/ingress-routing.js'

const backend = (name: string, port: number | string = 80) => ({ service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } })
const path = (p: string, pathType: string, svc: string) => ({ path: p, pathType, backend: backend(svc) })
const ing = (name: string, created: string, spec: Ingress['spec']): Ingress => ({ metadata: { name, namespace: 'default', creationTimestamp: created }, spec })
const T1 = '2026-01-01T00:00:00Z'
const T2 = '2026-01-01T00:01:00Z'

const routed = (ingresses: Ingress[], host: string, p: string): string => {
  const r = routeRequest(ingresses, host, p)
  return r.kind === 'default-backend' ? `404 (server ${r.server})` : `${r.target.backend.service?.name} via ${r.target.location} (server ${r.server})`
}

describe('which nginx server a Host header lands on', () => {
  it.each([
    { host: 'a.example.com', server: 'a.example.com' },
    { host: 'A.example.com:80', server: 'a.example.com' },
    { host: 'b.example.com', server: '*.example.com' },
    { host: 'x.b.example.com', server: '_' }, // a wildcard matches one label only
    { host: '172.18.255.200', server: '_' },
  ])('$host → $server', ({ host, server }) => {
    expect(serverFor(host, ['a.example.com', '*.example.com'])).toBe(server)
  })
})

describe('how ingress-nginx picks a location', () => {
  const shop = ing('shop', T1, {
    rules: [
      {
        host: 'shop.example.com',
        http: { paths: [path('/', 'Prefix', 'web'), path('/api', 'Prefix', 'api'), path('/api/v2/health', 'Exact', 'health'), path('/static', 'ImplementationSpecific', 'cdn')] },
      },
    ],
  })
  it.each([
    { p: '/', to: 'web via / (server shop.example.com)' },
    { p: '/cart?id=1', to: 'web via / (server shop.example.com)' },
    { p: '/api', to: 'api via /api/ (server shop.example.com)' },
    { p: '/api/users', to: 'api via /api/ (server shop.example.com)' },
    { p: '/apix', to: 'web via / (server shop.example.com)' }, // Prefix matches by path element
    { p: '/api/v2/health', to: 'health via = /api/v2/health (server shop.example.com)' },
    { p: '/api/v2/health/x', to: 'api via /api/ (server shop.example.com)' },
    { p: '/staticfiles/a.css', to: 'cdn via /static (server shop.example.com)' }, // ImplementationSpecific: nginx's string prefix
  ])('$p goes to $to', ({ p, to }) => {
    expect(routed([shop], 'shop.example.com', p)).toBe(to)
  })

  it('answers 404 from the default backend for another host, and where no path matches', () => {
    expect(routed([shop], 'other.example.com', '/')).toBe('404 (server _)')
    const exactOnly = ing('x', T1, { rules: [{ host: 'x.example.com', http: { paths: [path('/only', 'Exact', 'web')] } }] })
    expect(routed([exactOnly], 'x.example.com', '/only/')).toBe('404 (server x.example.com)')
  })

  it("sends what matches no path to the Ingress's defaultBackend, for its hosts and the catch-all server", () => {
    const withDefault = ing('d', T1, { defaultBackend: backend('fallback'), rules: [{ host: 'x.example.com', http: { paths: [path('/app', 'Prefix', 'app')] } }] })
    expect(routed([withDefault], 'x.example.com', '/other')).toBe('fallback via default (server x.example.com)')
    expect(routed([withDefault], 'y.example.com', '/')).toBe('fallback via default (server _)')
  })

  it('lets rules without a host catch every Host header, and the oldest Ingress keep a path two define', () => {
    const old = ing('old', T1, { rules: [{ http: { paths: [path('/', 'Prefix', 'first')] } }] })
    const young = ing('young', T2, { rules: [{ http: { paths: [path('/', 'Prefix', 'second'), path('/b', 'Prefix', 'b')] } }] })
    expect(routed([young, old], 'anything', '/')).toBe('first via / (server _)')
    expect(routed([young, old], 'anything', '/b/c')).toBe('b via /b/ (server _)')
  })
})

describe('which Ingresses ingress-nginx serves', () => {
  const classes: IngressClass[] = [
    { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    { metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } },
  ]
  it.each([
    { what: 'ingressClassName nginx', i: { spec: { ingressClassName: 'nginx' } }, served: true },
    { what: 'another controller’s class', i: { spec: { ingressClassName: 'traefik' } }, served: false },
    { what: 'a class that does not exist', i: { spec: { ingressClassName: 'missing' } }, served: false },
    { what: 'the old annotation nginx', i: { metadata: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }, spec: {} }, served: true },
    { what: 'no class at all', i: { spec: {} }, served: false },
  ])('$what: $served', ({ i, served }) => {
    expect(servedByIngressNginx(i as Ingress, classes)).toBe(served)
  })
})

describe('the upstream behind a backend', () => {
  const target = (port: number | string) => ({ ingress: 'default/web', namespace: 'default', backend: backend('web', port), location: '/' })
  const svc = { metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } }
  const slice = { addressType: 'IPv4', ports: [{ name: 'http', port: 8080 }], endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }, { addresses: ['10.244.2.7'], conditions: { ready: false } }] }
  it('is the ready endpoints on the port, by number or by name', () => {
    expect(upstreamOf(target(80), svc, [slice])).toEqual({ kind: 'endpoints', service: 'default/web', port: '80', endpoints: [{ ip: '10.244.1.5', port: 8080 }] })
    expect(upstreamOf(target('http'), svc, [slice])).toMatchObject({ kind: 'endpoints', port: 'http' })
  })
  it.each([
    { what: 'a port name the Service does not have', port: 'web', service: svc, slices: [slice], why: 'Service "default/web" does not have any port web' },
    { what: 'a missing Service', port: 80, service: undefined, slices: [], why: 'Error obtaining Endpoints for Service "default/web": no object matching key "default/web" in local store' },
    { what: 'no ready endpoint (a selector that matches nothing)', port: 80, service: svc, slices: [{ ...slice, endpoints: [] }], why: 'Service "default/web" does not have any active Endpoint.' },
  ])('is unavailable (503) with $what', ({ port, service, slices, why }) => {
    expect(upstreamOf(target(port), service, slices)).toEqual({ kind: 'unavailable', service: 'default/web', why })
  })
})
