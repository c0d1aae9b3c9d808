import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { sendRequest, type RequestResult } from '../../../src/cluster/network/request.js'

const APP = (opts: { selector?: string; portName?: string; replicas?: number; targetPort?: number } = {}) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${opts.replicas ?? 2}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginxdemos/hello:plain-text }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: ${opts.selector ?? 'web'} }
  ports: [{ name: http, port: 80, targetPort: ${opts.targetPort ?? 80} }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  ingressClassName: nginx
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: { service: { name: web, port: { ${opts.portName ? `name: ${opts.portName}` : 'number: 80'} } } }
`

function cluster(manifests: string): Cluster {
  const c = Cluster.create({ seed: 3, workers: 2, startTime: Date.UTC(2026, 0, 1), addons: ['ingress'] })
  c.advance('40s') // the controller pulls, starts and passes its readiness probe (10 s delay)
  c.apply(manifests)
  c.advance('70s')
  return c
}

function curl(c: Cluster, host?: string, path = '/'): RequestResult {
  const r = sendRequest(c.sim, { from: 'outside', url: `http://172.18.255.200${path}`, headers: host ? { Host: host } : {} })
  if (!r.ok) throw new Error(r.error)
  return r.value
}

const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
const NGINX_503 =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

describe('a request through ingress-nginx', () => {
  it('with the rule’s Host goes load balancer → controller pod → backend pod, which answers', () => {
    const c = cluster(APP())
    const r = curl(c, 'a.example.com', '/hello')
    expect(r.exitCode).toBe(0)
    expect(r.hops.map((h) => h.kind).filter((k) => ['load-balancer', 'proxy', 'deliver'].includes(k))).toEqual(['load-balancer', 'proxy', 'deliver'])
    const proxy = r.hops.find((h) => h.kind === 'proxy')!
    expect(proxy.at).toMatch(/^pod\/ingress-nginx\/ingress-nginx-controller-/)
    expect(proxy.params).toMatchObject({ host: 'a.example.com', path: '/hello', server: 'a.example.com', ingress: 'default/web', location: '/', backend: 'web:80' })
    expect(r.answeredBy?.pod).toMatch(/^web-/)
    expect(r.response?.status).toBe(200)
    expect(r.response?.body).toContain(`Server name: ${r.answeredBy?.pod}\nDate: 01/Jan/2026:00:01:50 +0000\nURI: /hello\n`)
    // The backend's own Server header does not come through ingress-nginx (more_clear_headers Server).
    expect(r.response?.headers.map(([k]) => k)).not.toContain('Server')
  })

  it('without a matching host gets the default backend’s 404, as ingress-nginx serves it', () => {
    const c = cluster(APP())
    const r = curl(c)
    expect(r.hops.at(-1)).toMatchObject({ kind: 'ingress-default-backend', params: { host: '172.18.255.200', server: '_', status: 404 } })
    expect(r.response).toEqual({
      status: 404,
      reason: 'Not Found',
      headers: [['Date', 'Thu, 01 Jan 2026 00:01:50 GMT'], ['Content-Type', 'text/html'], ['Content-Length', '146'], ['Connection', 'keep-alive']],
      body: NGINX_404,
    })
  })

  it.each([
    { what: 'a Service selector that matches no pod', opts: { selector: 'wbe' }, why: 'Service "default/web" does not have any active Endpoint.' },
    { what: 'a service port name the Service does not have', opts: { portName: 'web' }, why: 'Service "default/web" does not have any port web' },
  ])('to $what gets 503 Service Temporarily Unavailable', ({ opts, why }) => {
    const c = cluster(APP(opts))
    const r = curl(c, 'a.example.com')
    expect(r.exitCode).toBe(0)
    expect(r.hops.at(-1)).toMatchObject({ kind: 'ingress-no-endpoints', detail: why, params: { status: 503, service: 'default/web' } })
    expect(r.response?.status).toBe(503)
    expect(r.response?.reason).toBe('Service Temporarily Unavailable')
    expect(r.response?.body).toBe(NGINX_503)
    expect(r.response?.headers).toContainEqual(['Content-Length', '190'])
  })

  it('by the Service port name reaches the pods too', () => {
    const r = curl(cluster(APP({ portName: 'http' })), 'a.example.com')
    expect(r.response?.status).toBe(200)
  })

  it('to pods that do not listen on the targetPort gets 502 Bad Gateway from ingress-nginx', () => {
    const r = curl(cluster(APP({ targetPort: 8080 })), 'a.example.com')
    expect(r.hops.filter((h) => h.kind === 'refused')).toHaveLength(1)
    expect(r.hops.at(-1)).toMatchObject({ kind: 'ingress-bad-gateway', params: { status: 502, backend: 'web:80' } })
    expect(r.response?.status).toBe(502)
    expect(r.response?.body).toContain('<center><h1>502 Bad Gateway</h1></center>')
  })
})
