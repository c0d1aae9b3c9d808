// What a strategic merge patch knows about each field: the `patchStrategy` and `patchMergeKey` Go
// struct tags of the API types, for the kinds this apiserver serves. Upstream reads them by
// reflection (strategicpatch.PatchMetaFromStruct); here they are a table.
//
// Sources (kubernetes/api and apimachinery at v0.32.9):
//   meta/v1/types.go  ObjectMeta.ownerReferences merge/uid, ObjectMeta.finalizers merge (scalars)
//   core/v1/types.go  PodSpec.volumes merge,retainKeys/name; initContainers, containers,
//                     ephemeralContainers merge/name; imagePullSecrets merge/name; hostAliases merge/ip;
//                     topologySpreadConstraints merge/topologyKey; schedulingGates merge/name;
//                     resourceClaims merge,retainKeys/name. readinessGates and tolerations have no tag
//                     (replaced whole).
//                     Container (and EphemeralContainerCommon): ports merge/containerPort, env merge/name,
//                     volumeMounts merge/mountPath, volumeDevices merge/devicePath.
//                     PodStatus: conditions merge/type, hostIPs merge/ip, podIPs merge/ip,
//                     resourceClaimStatuses merge,retainKeys/name (containerStatuses: no tag).
//                     ServiceSpec.ports merge/port, ServiceStatus.conditions merge/type.
//                     NodeSpec.podCIDRs merge (scalars); NodeSpec.taints: no tag.
//                     NodeStatus.conditions merge/type, NodeStatus.addresses merge/type.
//                     NamespaceStatus.conditions merge/type.
//                     Endpoints.subsets: no tag.
//   apps/v1/types.go  DeploymentSpec.strategy retainKeys (DaemonSetSpec.updateStrategy: no tag); Deployment/ReplicaSet/DaemonSet status.conditions merge/type.
//   discovery/v1, coordination/v1: no tags (EndpointSlice endpoints and ports are replaced whole).

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys'

/** The patch tags of one field, and the struct type of the field (of its elements, for a list). */
export interface FieldPatchMeta {
  readonly strategies: readonly PatchStrategy[]
  readonly mergeKey: string
  readonly schema: PatchSchema
}

/** A struct type: its fields that carry tags or lead to fields that do. */
export interface PatchSchema {
  readonly fields: Readonly<Record<string, Partial<FieldPatchMeta>>>
}

/** A field without tags in a struct without tagged descendants: plain JSON-merge behaviour. */
export const UNTAGGED: PatchSchema = { fields: {} }

const struct = (fields: PatchSchema['fields']): PatchSchema => ({ fields })
const nested = (schema: PatchSchema): Partial<FieldPatchMeta> => ({ schema })
const mergeBy = (mergeKey: string, schema?: PatchSchema): Partial<FieldPatchMeta> => ({ strategies: ['merge'], mergeKey, schema })
const mergeRetainingKeysBy = (mergeKey: string): Partial<FieldPatchMeta> => ({ strategies: ['merge', 'retainKeys'], mergeKey })
/** A list of scalars merged as a set. */
const mergeScalars: Partial<FieldPatchMeta> = { strategies: ['merge'] }

const objectMeta = struct({ ownerReferences: mergeBy('uid'), finalizers: mergeScalars })

const container = struct({
  ports: mergeBy('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
})

const podSpec = struct({
  volumes: mergeRetainingKeysBy('name'),
  initContainers: mergeBy('name', container),
  containers: mergeBy('name', container),
  ephemeralContainers: mergeBy('name', container),
  imagePullSecrets: mergeBy('name'),
  hostAliases: mergeBy('ip'),
  topologySpreadConstraints: mergeBy('topologyKey'),
  schedulingGates: mergeBy('name'),
  resourceClaims: mergeRetainingKeysBy('name'),
})

const podStatus = struct({
  conditions: mergeBy('type'),
  hostIPs: mergeBy('ip'),
  podIPs: mergeBy('ip'),
  resourceClaimStatuses: mergeRetainingKeysBy('name'),
})

const podTemplateSpec = struct({ metadata: nested(objectMeta), spec: nested(podSpec) })
const conditionsByType = struct({ conditions: mergeBy('type') })

const kind = (fields: PatchSchema['fields']): PatchSchema => struct({ metadata: nested(objectMeta), ...fields })

/** Strategic merge patch information by `apiVersion/kind`; every kind served here is a built-in type. */
const SCHEMAS: Readonly<Record<string, PatchSchema>> = {
  'v1/Pod': kind({ spec: nested(podSpec), status: nested(podStatus) }),
  'v1/PodTemplate': kind({ template: nested(podTemplateSpec) }),
  'v1/Service': kind({ spec: nested(struct({ ports: mergeBy('port') })), status: nested(conditionsByType) }),
  'v1/Node': kind({
    spec: nested(struct({ podCIDRs: mergeScalars })),
    status: nested(struct({ conditions: mergeBy('type'), addresses: mergeBy('type') })),
  }),
  'v1/Namespace': kind({ status: nested(conditionsByType) }),
  'v1/Endpoints': kind({}),
  'v1/Event': kind({}),
  'v1/ConfigMap': kind({}),
  'v1/Secret': kind({}),
  'v1/ServiceAccount': kind({ secrets: mergeBy('name') }),
  'apps/v1/Deployment': kind({
    spec: nested(struct({ template: nested(podTemplateSpec), strategy: { strategies: ['retainKeys'] } })),
    status: nested(conditionsByType),
  }),
  'apps/v1/ReplicaSet': kind({ spec: nested(struct({ template: nested(podTemplateSpec) })), status: nested(conditionsByType) }),
  'apps/v1/ControllerRevision': kind({}),
  'apps/v1/DaemonSet': kind({ spec: nested(struct({ template: nested(podTemplateSpec) })), status: nested(conditionsByType) }),
  'coordination.k8s.io/v1/Lease': kind({}),
  'events.k8s.io/v1/Event': kind({}),
  'discovery.k8s.io/v1/EndpointSlice': kind({}),
}

/**
 * The strategic merge patch schema of a kind, or undefined for a kind without Go types (a custom
 * resource), which only JSON merge patch and JSON patch can change.
 */
export function patchSchemaFor(apiVersion: string, kind: string): PatchSchema | undefined {
  return SCHEMAS[`${apiVersion}/${kind}`]
}

/** LookupPatchMetadataForStruct / ForSlice: the tags of `key` in `schema`; untagged when unknown. */
export function lookupPatchMeta(schema: PatchSchema, key: string): FieldPatchMeta {
  const f = schema.fields[key]
  return { strategies: f?.strategies ?? [], mergeKey: f?.mergeKey ?? '', schema: f?.schema ?? UNTAGGED }
}

/**
 * extractRetainKeysPatchStrategy: whether `retainKeys` is among the strategies, and the other one
 * ('' when none).
 */
export function splitStrategies(strategies: readonly PatchStrategy[]): { retainKeys: boolean; strategy: '' | 'merge' | 'replace' } {
  const retainKeys = strategies.includes('retainKeys')
  const other = strategies.find((s) => s !== 'retainKeys')
  return { retainKeys, strategy: other === 'merge' || other === 'replace' ? other : '' }
}
