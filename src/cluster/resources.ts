// The API resources this apiserver serves: discovery data, as `kubectl api-resources` lists it and
// as kubectl resolves `po`, `deploy`, `svc` to a resource.

export interface ResourceType {
  /** Plural resource name, as in URLs and etcd keys: `pods`. */
  readonly resource: string
  readonly singular: string
  readonly kind: string
  /** API group; '' is the core group. */
  readonly group: string
  readonly version: string
  readonly namespaced: boolean
  readonly shortNames: readonly string[]
  readonly categories: readonly string[]
  readonly verbs: readonly string[]
  /** Top-level of the etcd key, when it differs from `resource` (upstream keeps a few legacy names). */
  readonly etcdPrefix?: string
  /** Not stored: the apiserver makes its objects when asked (componentstatuses). */
  readonly computed?: true
  /** The release that deprecated this version of the kind (its APILifecycleDeprecated): `1.19`. */
  readonly deprecatedIn?: string
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const

function r(t: Omit<ResourceType, 'verbs' | 'categories' | 'shortNames'> & Partial<ResourceType>): ResourceType {
  return { verbs: ALL_VERBS, categories: [], shortNames: [], ...t }
}

/** In the order `kubectl api-resources` prints them: core group first, then groups by name. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  r({ resource: 'componentstatuses', singular: 'componentstatus', kind: 'ComponentStatus', group: '', version: 'v1', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'], computed: true, deprecatedIn: '1.19' }),
  r({ resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, shortNames: ['cm'] }),
  r({ resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', group: '', version: 'v1', namespaced: true, shortNames: ['ep'], etcdPrefix: 'services/endpoints' }),
  r({ resource: 'events', singular: 'event', kind: 'Event', group: '', version: 'v1', namespaced: true, shortNames: ['ev'] }),
  r({ resource: 'namespaces', singular: 'namespace', kind: 'Namespace', group: '', version: 'v1', namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  r({ resource: 'nodes', singular: 'node', kind: 'Node', group: '', version: 'v1', namespaced: false, shortNames: ['no'], etcdPrefix: 'minions' }),
  r({ resource: 'pods', singular: 'pod', kind: 'Pod', group: '', version: 'v1', namespaced: true, shortNames: ['po'], categories: ['all'] }),
  r({ resource: 'secrets', singular: 'secret', kind: 'Secret', group: '', version: 'v1', namespaced: true }),
  r({ resource: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true, shortNames: ['sa'] }),
  r({ resource: 'services', singular: 'service', kind: 'Service', group: '', version: 'v1', namespaced: true, shortNames: ['svc'], categories: ['all'], etcdPrefix: 'services/specs', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  r({ resource: 'controllerrevisions', singular: 'controllerrevision', kind: 'ControllerRevision', group: 'apps', version: 'v1', namespaced: true }),
  r({ resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['ds'], categories: ['all'] }),
  r({ resource: 'deployments', singular: 'deployment', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy'], categories: ['all'] }),
  r({ resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['rs'], categories: ['all'] }),
  r({ resource: 'leases', singular: 'lease', kind: 'Lease', group: 'coordination.k8s.io', version: 'v1', namespaced: true }),
  r({ resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true }),
  // The same Events as core's, served from the same storage (/registry/events) in another shape
  // (pkg/registry/events/rest: eventstore.NewREST again; the short name comes with it). Listed after
  // core's, so that `events` and `ev` stay core's, as kubectl's RESTMapper prefers the legacy group.
  r({ resource: 'events', singular: 'event', kind: 'Event', group: 'events.k8s.io', version: 'v1', namespaced: true, shortNames: ['ev'] }),
  r({ resource: 'ingressclasses', singular: 'ingressclass', kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', namespaced: false }),
  r({ resource: 'ingresses', singular: 'ingress', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true, shortNames: ['ing'] }),
]

export const apiVersionOf = (t: ResourceType): string => (t.group ? `${t.group}/${t.version}` : t.version)

/**
 * The Warning header the apiserver sends with every answer about a deprecated kind
 * (deprecation.WarningMessage): `v1 ComponentStatus is deprecated in v1.19+`.
 */
export function deprecationWarning(t: ResourceType): string | undefined {
  return t.deprecatedIn === undefined ? undefined : `${apiVersionOf(t)} ${t.kind} is deprecated in v${t.deprecatedIn}+`
}

/** `pods`, `deployments.apps`: how errors and kubectl name a resource. */
export function qualifiedName(t: ResourceType): string {
  // One string per type: every trace entry names its resource so.
  let name = qualifiedNames.get(t)
  if (name === undefined) qualifiedNames.set(t, (name = t.group ? `${t.resource}.${t.group}` : t.resource))
  return name
}

const qualifiedNames = new WeakMap<ResourceType, string>()

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind && apiVersionOf(t) === apiVersion)
}

/**
 * A resource by its plural name (`events`: core's, the first of that name) or by its name qualified
 * with its group (`events.events.k8s.io`, `deployments.apps`), as the apiserver's callers name it.
 */
export function resourceByName(resource: string): ResourceType | undefined {
  return byName.get(resource)
}

const byName = new Map<string, ResourceType>()
for (const t of RESOURCE_TYPES) {
  if (!byName.has(t.resource)) byName.set(t.resource, t)
  byName.set(qualifiedName(t), t)
}

/** Is there a kind of this name in some other version or group? (for kubectl's "no matches" text) */
export function kindsNamed(kind: string): ResourceType[] {
  return RESOURCE_TYPES.filter((t) => t.kind === kind)
}

const top = (t: ResourceType): string => `/registry/${t.etcdPrefix ?? t.resource}`

/** The etcd key of an object: `/registry/pods/default/web`, `/registry/minions/node-1`. */
export function etcdKey(t: ResourceType, namespace: string | undefined, name: string): string {
  return t.namespaced ? `${top(t)}/${namespace}/${name}` : `${top(t)}/${name}`
}

/** The key prefix under which all objects of a type (in one namespace, if given) live. */
export function etcdPrefix(t: ResourceType, namespace?: string): string {
  return t.namespaced && namespace ? `${top(t)}/${namespace}/` : `${top(t)}/`
}
