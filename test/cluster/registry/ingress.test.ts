import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/object.js'
import { created, newCluster, refused } from '../../fixtures/apiserver.js'

const backend = (name = 'web', port: Record<string, unknown> = { number: 80 }) => ({ service: { name, port } })
const ingress = (name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, ...metadata },
  spec,
})
const rule = (paths: Record<string, unknown>[], host?: string) => ({ ...(host ? { host } : {}), http: { paths } })
const ingressClass = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name }, spec })

describe('an Ingress as the apiserver stores it', () => {
  it('starts with generation 1 and an empty load-balancer status, whatever the client sent', () => {
    const c = newCluster()
    const ing = created(c, { ...ingress('web', { rules: [rule([{ path: '/', pathType: 'Prefix', backend: backend() }], 'a.example.com')] }), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } })
    expect(ing.metadata.generation).toBe(1)
    expect(ing.status).toEqual({ loadBalancer: {} })
  })

  it('writes status.loadBalancer only through the status subresource, and bumps the generation on a spec change', () => {
    const c = newCluster()
    const ing = created(c, ingress('web', { defaultBackend: backend() }))
    const withStatus = c.api.update('test', { ...ing, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } }, { subresource: 'status' })
    expect(withStatus.ok && withStatus.value.status).toEqual({ loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } })
    const changed = c.api.update('test', { ...(withStatus.ok ? withStatus.value : ing), spec: { defaultBackend: backend('other') }, status: {} })
    expect(changed.ok && changed.value.metadata.generation).toBe(2)
    expect(changed.ok && changed.value.status).toEqual({ loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } })
  })

  it.each([
    {
      name: 'has neither rules nor a default backend',
      spec: {},
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    },
    {
      name: 'has a path without pathType',
      spec: { rules: [rule([{ path: '/', backend: backend() }])] },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    },
    {
      name: 'has an unknown pathType',
      spec: { rules: [rule([{ path: '/', pathType: 'Regex', backend: backend() }])] },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    },
    {
      name: 'has a relative Prefix path',
      spec: { rules: [rule([{ path: 'api', pathType: 'Prefix', backend: backend() }])] },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    },
    {
      name: 'has a path with // and a trailing /.',
      spec: { rules: [rule([{ path: '/a//b/.', pathType: 'Exact', backend: backend() }])] },
      message:
        'Ingress.networking.k8s.io "bad" is invalid: [spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": must not contain \'//\', spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": cannot end with \'/.\']',
    },
    {
      name: 'has a backend with both a service and a resource',
      spec: { defaultBackend: { ...backend(), resource: { kind: 'StorageBucket', name: 'b' } } },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.defaultBackend: Invalid value: "": cannot set both resource and service backends',
    },
    {
      name: 'has an empty backend',
      spec: { defaultBackend: {} },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.defaultBackend: Invalid value: "": resource or service backend is required',
    },
    {
      name: 'names a service port both ways',
      spec: { defaultBackend: backend('web', { name: 'http', number: 80 }) },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.defaultBackend: Invalid value: "": cannot set both port name & port number',
    },
    {
      name: 'names no service port',
      spec: { defaultBackend: backend('web', {}) },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.defaultBackend: Required value: port name or number is required',
    },
    {
      name: 'has an IP as host',
      spec: { rules: [rule([{ path: '/', pathType: 'Prefix', backend: backend() }], '10.0.0.1')] },
      message: 'Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    },
    {
      name: 'has a bare * host',
      spec: { rules: [rule([{ path: '/', pathType: 'Prefix', backend: backend() }], '*')] },
      message:
        "Ingress.networking.k8s.io \"bad\" is invalid: spec.rules[0].host: Invalid value: \"*\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    },
  ])('is refused when it $name', ({ spec, message }) => {
    const status = refused(newCluster(), ingress('bad', spec))
    expect(status).toMatchObject({ reason: 'Invalid', code: 422 })
    expect(status.message).toBe(message)
  })

  it('refuses a class annotation that disagrees with spec.ingressClassName', () => {
    const status = refused(newCluster(), ingress('bad', { ingressClassName: 'nginx', defaultBackend: backend() }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }))
    expect(status.message).toBe('Ingress.networking.k8s.io "bad" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified')
  })

  it('accepts a wildcard host and an ImplementationSpecific path without a path', () => {
    const c = newCluster()
    created(c, ingress('ok', { rules: [rule([{ pathType: 'ImplementationSpecific', backend: backend() }], '*.example.com')] }))
  })
})

describe('an IngressClass as the apiserver stores it', () => {
  it('is cluster-scoped, and its parameters default to the Cluster scope', () => {
    const c = newCluster()
    const ic = created(c, ingressClass('nginx', { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } }))
    expect(ic.metadata.namespace).toBeUndefined()
    expect(ic.spec).toEqual({ controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Cluster' } })
  })

  it.each([
    { spec: {}, message: 'IngressClass.networking.k8s.io "bad" is invalid: spec.controller: Required value' },
    { spec: { controller: 'nginx' }, message: 'IngressClass.networking.k8s.io "bad" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")' },
    {
      spec: { controller: 'k8s.io/x', parameters: { kind: 'P', name: 'p', scope: 'Namespace' } },
      message: "IngressClass.networking.k8s.io \"bad\" is invalid: spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    },
  ])('refuses the spec $spec', ({ spec, message }) => {
    expect(refused(newCluster(), ingressClass('bad', spec)).message).toBe(message)
  })

  it('keeps its controller once set', () => {
    const c = newCluster()
    const ic = created(c, ingressClass('nginx', { controller: 'k8s.io/ingress-nginx' }))
    const r = c.api.update('test', { ...ic, spec: { controller: 'example.com/other' } })
    expect(!r.ok && r.error.message).toBe('IngressClass.networking.k8s.io "nginx" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable')
  })
})

describe('the DefaultIngressClass admission plugin', () => {
  const isDefault = (name: string): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: { controller: 'k8s.io/ingress-nginx' },
  })
  it('gives an Ingress without a class the default one, and leaves one with a class or the annotation alone', () => {
    const c = newCluster()
    created(c, isDefault('nginx'))
    expect((created(c, ingress('a', { defaultBackend: backend() })).spec as { ingressClassName?: string }).ingressClassName).toBe('nginx')
    expect((created(c, ingress('b', { defaultBackend: backend() }, { annotations: { 'kubernetes.io/ingress.class': 'other' } })).spec as { ingressClassName?: string }).ingressClassName).toBeUndefined()
  })
  it('refuses an Ingress without a class when two classes are the default', () => {
    const c = newCluster()
    created(c, isDefault('a'))
    created(c, isDefault('b'))
    expect(refused(c, ingress('x', { defaultBackend: backend() }))).toMatchObject({
      code: 403,
      message: 'ingresses.networking.k8s.io "x" is forbidden: Internal error occurred: 2 default IngressClasses were found, only 1 allowed',
    })
  })
})
