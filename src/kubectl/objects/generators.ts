// The objects `kubectl create deployment|namespace|service` and `kubectl run` build, field for field
// and in the field order of the Go structs (which `-o json` keeps), as captured from kubectl 1.32
// `--dry-run=client -o json` (pkg/cmd/create/create_deployment.go, create_service.go, run/run.go).
import type { KubeObject } from '../../cluster/object.js'
import { isDNS1123Subdomain } from '../../cluster/validation/names.js'
import { KubectlError } from '../context.js'

/** The container name kubectl derives from an image: `registry/nginx:1.27` → `nginx`. */
export function containerNameFor(image: string, suffix: () => string): string {
  let name = image.split('/').pop() ?? image
  if (name.includes(':')) name = name.split(':')[0]
  if (name.includes('@')) name = name.split('@')[0]
  // sanitizeAndUniquify: `.` and `_` are not allowed in a container name; a random suffix keeps it unique
  if (/[._]/.test(name)) name = `${name.replace(/[._]/g, '-')}-${suffix()}`
  return name
}

export interface DeploymentSpec {
  name: string
  namespace?: string
  images: string[]
  replicas: number
  port: number
  command: string[]
}

export function deploymentObject(d: DeploymentSpec, suffix: () => string): KubeObject {
  const labels = { app: d.name }
  const containers = d.images.map((image, i) => ({
    name: containerNameFor(image, suffix),
    image,
    ...(d.command.length > 0 ? { command: d.command } : {}),
    ...(i === 0 && d.port >= 0 ? { ports: [{ containerPort: d.port }] } : {}),
    resources: {},
  }))
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: d.name, ...(d.namespace ? { namespace: d.namespace } : {}), creationTimestamp: null as unknown as string, labels },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  }
}

export function namespaceObject(name: string): KubeObject {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null as unknown as string }, spec: {}, status: {} }
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'

export interface ServiceSpec {
  name: string
  namespace?: string
  type: ServiceType
  tcp: string[]
  clusterIP?: string
  nodePort: number
  /** ExternalName's --external-name, a DNS subdomain. */
  externalName?: string
}

/** `--tcp=80:8080` → port 80, targetPort 8080, name `80-8080` (create_service.go parsePorts). */
function servicePort(spec: string, nodePort: number): Record<string, unknown> {
  const [first, second] = spec.split(':')
  const port = parsePort(first)
  let targetPort: number | string = port
  if (second !== undefined) {
    if (/^[-+]?\d+$/.test(second)) {
      const n = Number(second)
      if (n < 1 || n > 65535) throw new KubectlError('error: must be between 1 and 65535, inclusive')
      targetPort = n
    } else {
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(second) || second.length > 15 || !/[a-z]/.test(second) || second.includes('--'))
        throw new KubectlError(`error: invalid port name: ${JSON.stringify(second)}`)
      targetPort = second
    }
  }
  return { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, ...(nodePort > 0 ? { nodePort } : {}) }
}

/** utilsnet.ParsePort(s, allowZero=true): strconv.ParseUint's words on junk. */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new KubectlError(`error: strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`)
  const n = Number(s)
  if (n > 65535) throw new KubectlError(`error: port "${s}" is out of range`)
  return n
}

export function serviceObject(s: ServiceSpec): KubeObject {
  if (s.clusterIP === 'None' && s.type !== 'ClusterIP') throw new KubectlError('error: ClusterIP=None can only be used with ClusterIP service type')
  if (s.type === 'ExternalName' && isDNS1123Subdomain(s.externalName ?? '').length > 0) throw new KubectlError(`error: invalid service external name ${s.externalName}`)
  if (s.clusterIP !== 'None' && s.type !== 'ExternalName' && s.tcp.length === 0) throw new KubectlError('error: at least one tcp port specifier must be provided')
  const ports = s.tcp.map((t) => servicePort(t, s.nodePort))
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}), creationTimestamp: null as unknown as string, labels: { app: s.name } },
    spec: {
      ...(ports.length > 0 ? { ports } : {}),
      selector: { app: s.name },
      ...(s.clusterIP ? { clusterIP: s.clusterIP } : {}),
      type: s.type,
      ...(s.externalName ? { externalName: s.externalName } : {}),
    },
    status: { loadBalancer: {} },
  }
}
