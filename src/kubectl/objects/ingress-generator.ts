// The Ingress `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]` builds
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_ingress.go): rules grouped by host in the order
// given, a path ending in `*` is Prefix (the `*` dropped) and any other Exact, a numeric port is a
// port number and anything else a port name; `,tls` adds the host to spec.tls (one entry per secret).
import type { KubeObject } from '../../cluster/object.js'
import { KubectlError } from '../context.js'

const HOST_PATH_SVC = String.raw`^(?<host>[\w\*\-\.]*)(?<path>/.*)=(?<svcname>[\w\-]+):(?<svcport>[\w\-]+)`
const TLS = String.raw`(,(?<istls>tls)=?(?<secretname>[\w\-]+)?)?`
// Not anchored at the end (regexp.MatchString on ruleRegex has no `$`): whatever follows a valid
// host/path=service:port is accepted, and a second comma-separated part counts as `tls`.
const RULE = new RegExp(`${HOST_PATH_SVC}${TLS}`)

export interface IngressSpecFlags {
  name: string
  namespace?: string
  className: string
  rules: readonly string[]
  defaultBackend: string
  annotations: readonly string[]
}

/** CreateIngressOptions.Validate, in its order and words. */
export function validateIngressFlags(f: IngressSpecFlags): void {
  if (f.defaultBackend === '' && f.rules.length === 0)
    throw new KubectlError('error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)')
  for (const rule of f.rules) if (!RULE.test(rule)) throw new KubectlError(`error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`)
  for (const a of f.annotations) if (!a.includes('=')) throw new KubectlError(`error: annotation ${a} is invalid and should be in format key=[value]`)
  if (f.defaultBackend !== '' && f.defaultBackend.split(':').length !== 2) throw new KubectlError('error: default-backend should be in format servicename:serviceport')
}

/** intstr.Parse: digits are a number, anything else a name. */
const backendPort = (port: string): Record<string, unknown> => (/^-?\d+$/.test(port) ? { number: Number(port) } : { name: port })

function backend(service: string): Record<string, unknown> {
  const [name, port] = service.split(':')
  return { service: { name, port: backendPort(port) } }
}

function httpPath(pathsvc: string): Record<string, unknown> {
  const [p, service] = pathsvc.split('=')
  let path = `/${p}`
  let pathType = 'Exact'
  if (path.endsWith('*')) {
    pathType = 'Prefix'
    path = path.slice(0, -1)
  }
  return { path, pathType, backend: backend(service) }
}

function rulesOf(rules: readonly string[]): Record<string, unknown>[] {
  const out: { host?: string; http: { paths: Record<string, unknown>[] } }[] = []
  for (const rule of rules) {
    const noTLS = rule.split(',')[0]
    const slash = noTLS.indexOf('/')
    const host = noTLS.slice(0, slash)
    const path = httpPath(noTLS.slice(slash + 1))
    const same = out.find((r) => (r.host ?? '') === host)
    if (same) same.http.paths.push(path)
    else out.push({ ...(host ? { host } : {}), http: { paths: [path] } })
  }
  return out
}

function tlsOf(rules: readonly string[]): { hosts?: string[]; secretName?: string }[] {
  const seen = new Set<string>()
  const out: { hosts?: string[]; secretName?: string }[] = []
  for (const rule of rules) {
    const parts = rule.split(',')
    if (parts.length !== 2) continue
    const host = rule.split('/')[0]
    const named = parts[1].split('=')
    const secret = named.length > 1 ? named[1] : ''
    if (seen.has(host)) continue
    seen.add(host)
    const existing = out.find((t) => (t.secretName ?? '') === secret)
    if (existing) {
      existing.hosts = [...(existing.hosts ?? []), host]
      continue
    }
    const tls = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) }
    if (tls.hosts || tls.secretName) out.push(tls)
  }
  return out
}

export function ingressObject(f: IngressSpecFlags): KubeObject {
  const annotations = Object.fromEntries(f.annotations.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]))
  const tls = tlsOf(f.rules)
  const rules = rulesOf(f.rules)
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: {
      name: f.name,
      ...(f.namespace ? { namespace: f.namespace } : {}),
      creationTimestamp: null as unknown as string,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      ...(f.className ? { ingressClassName: f.className } : {}),
      ...(f.defaultBackend ? { defaultBackend: backend(f.defaultBackend) } : {}),
      ...(tls.length ? { tls } : {}),
      ...(rules.length ? { rules } : {}),
    },
    status: { loadBalancer: {} },
  }
}
