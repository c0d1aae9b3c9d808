// The Service `kubectl expose` builds (pkg/cmd/expose/expose.go createService, with the
// polymorphichelpers that read selectors, ports and protocols from the object exposed). Keys are in
// the Go struct's order, so that `-o json` prints as kubectl does.
import type { Container } from 'kubernetes-types/core/v1.js'
import type { StoredObject } from '../../cluster/object.js'

export interface ExposeOptions {
  name: string
  selector: string
  labels: string
  port: string
  /** Several ports of the object, when --port was not given. */
  ports: string
  protocol: string
  /** `port/protocol,...` read from the object. */
  protocols: string
  targetPort: string
  type: string
  externalIP: string
  loadBalancerIP: string
  sessionAffinity: string
  clusterIP: string
  namespace?: string
}

type Spec = { selector?: Record<string, string>; template?: { spec?: { containers?: Container[] } }; containers?: Container[]; ports?: { port: number; protocol?: string }[] }

const containersOf = (o: StoredObject): Container[] => {
  const spec = (o.spec ?? {}) as Spec
  return o.kind === 'Pod' ? (spec.containers ?? []) : (spec.template?.spec?.containers ?? [])
}

/** MapBasedSelectorForObject: `k=v,...`, or why the object has none. */
export function selectorForObject(o: StoredObject): { selector: string } | { error: string } {
  const spec = (o.spec ?? {}) as Spec & { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } }
  switch (o.kind) {
    case 'Pod':
      if (Object.keys(o.metadata.labels ?? {}).length === 0) return { error: 'the pod has no labels and cannot be exposed' }
      return { selector: makeLabels(o.metadata.labels) }
    case 'Service':
      if (!spec.selector) return { error: 'the service has no pod selector set' }
      return { selector: makeLabels(spec.selector as Record<string, string>) }
    case 'Deployment':
    case 'ReplicaSet': {
      const what = o.kind === 'Deployment' ? 'deployment' : 'replicaset'
      const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] } | undefined
      if (!sel || Object.keys(sel.matchLabels ?? {}).length === 0) return { error: `invalid ${what}: no selectors, therefore cannot be exposed` }
      if ((sel.matchExpressions ?? []).length > 0) return { error: `couldn't convert expressions - "${requirementsText(sel.matchExpressions!)}" to map-based selector format` }
      return { selector: makeLabels(sel.matchLabels) }
    }
    default:
      return { error: `cannot extract pod selector from *v1.${o.kind}` }
  }
}

/** PortsForObject: container ports (or a Service's ports), duplicates dropped, in order. */
export function portsForObject(o: StoredObject): string[] {
  const ports = o.kind === 'Service' ? (((o.spec ?? {}) as Spec).ports ?? []).map((p) => p.port) : containersOf(o).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort))
  return [...new Set(ports.map(String))]
}

/** MultiProtocolsForObject, flattened by makeProtocols to `port/protocol,...`. */
export function protocolsForObject(o: StoredObject): string {
  const pairs = o.kind === 'Service' ? (((o.spec ?? {}) as Spec).ports ?? []).map((p) => [p.port, p.protocol]) : containersOf(o).flatMap((c) => (c.ports ?? []).map((p) => [p.containerPort, p.protocol]))
  return pairs.map(([port, protocol]) => `${port}/${protocol || 'TCP'}`).join(',')
}

export function makeLabels(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}

/** parseLabels of expose.go. */
function parseLabels(spec: string): Record<string, string> {
  if (spec.length === 0) throw new Error('no label spec passed')
  const labels: Record<string, string> = {}
  for (const part of spec.split(',')) {
    const kv = part.split('=')
    if (kv.length !== 2) throw new Error(`unexpected label spec: ${part}`)
    if (kv[0].length === 0) throw new Error('unexpected empty label key')
    labels[kv[0]] = kv[1]
  }
  return labels
}

function parseProtocols(protocols: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of protocols.split(',')) {
    const pp = part.split('/')
    if (pp.length !== 2) throw new Error(`unexpected port protocol mapping: ${part}`)
    if (pp[0].length === 0) throw new Error('unexpected empty port')
    if (pp[1].length === 0) throw new Error('unexpected empty protocol')
    map.set(pp[0], [...(map.get(pp[0]) ?? []), pp[1]])
  }
  return map
}

/** createService; throws an Error with kubectl's message for bad input. */
export function createService(o: ExposeOptions): Record<string, unknown> {
  if (o.selector.length === 0) throw new Error('selector must be specified')
  const selector = parseLabels(o.selector)
  const labels = o.labels.length > 0 ? parseLabels(o.labels) : undefined
  if (o.name.length === 0) throw new Error('name must be specified')
  const protocolMap = o.protocols !== '' ? parseProtocols(o.protocols) : new Map<string, string[]>()
  const portString = o.ports.length > 0 ? o.ports : o.port
  const ports: Record<string, unknown>[] = []
  if (portString.length > 0) {
    const list = portString.split(',')
    list.forEach((text, i) => {
      if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`)
      const port = Number(text)
      const name = list.length > 1 ? `port-${i + 1}` : ''
      let protocol = o.protocol
      if (protocol === '' && protocolMap.size === 0) protocol = 'TCP'
      else if (protocol === '' && protocolMap.size > 0) {
        protocol = 'TCP'
        const found = protocolMap.get(text)
        if (found && found.length === 1) protocol = found[0]
        else if (found) {
          for (const p of found) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port })
          return
        }
      }
      ports.push({ ...(name ? { name } : {}), protocol, port })
    })
  }
  const targetPort = o.targetPort
  for (const p of ports) p['targetPort'] = targetPort.length > 0 ? (/^-?\d+$/.test(targetPort) ? Number(targetPort) : targetPort) : p['port']
  const spec: Record<string, unknown> = { ...(ports.length > 0 ? { ports } : {}), selector }
  if (o.clusterIP.length > 0) spec['clusterIP'] = o.clusterIP
  if (o.type.length > 0) spec['type'] = o.type
  if (o.externalIP.length > 0) spec['externalIPs'] = [o.externalIP]
  if (o.sessionAffinity.length > 0) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new Error(`unknown session affinity: ${o.sessionAffinity}`)
    spec['sessionAffinity'] = o.sessionAffinity
  }
  if (o.type === 'LoadBalancer' && o.loadBalancerIP.length > 0) spec['loadBalancerIP'] = o.loadBalancerIP
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), creationTimestamp: null, ...(labels ? { labels } : {}) },
    spec,
    status: { loadBalancer: {} },
  }
}

interface Requirement {
  key: string
  operator: string
  values?: string[]
}

/** Go's `%+v` of []metav1.LabelSelectorRequirement: `[{Key:tier Operator:In Values:[a b]}]`. */
function requirementsText(requirements: readonly Requirement[]): string {
  return `[${requirements.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`).join(' ')}]`
}
