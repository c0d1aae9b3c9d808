// Services (pkg/registry/core/service/strategy.go and storage/storage.go, alloc.go): defaults,
// the IP family fields, the ClusterIP and NodePorts they hold, and what an update keeps.
import type { Service } from 'kubernetes-types/core/v1.js'
import type { KubeObject } from '../object.js'
import * as S from '../status.js'
import { type FieldError, invalidValue } from '../validation/field.js'
import { isExternallyAccessible, isHeadless, validateService, validateServiceClusterIPsRelatedFields, validateServiceUpdate } from '../validation/service.js'
import { allocate, checkAllocation, needsClusterIP, needsHealthCheck, needsNodePort, release } from './service-alloc.js'
import type { Strategy } from './strategy.js'

const asService = (o: KubeObject): Service => o as Service
const SERVICE = { group: '', kind: 'Service' }

/** SetDefaults_Service (pkg/apis/core/v1/defaults.go). */
export function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {})
  spec.sessionAffinity ||= 'None'
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined)
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } }
  spec.type ||= 'ClusterIP'
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP'
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port
  }
  if (isExternallyAccessible(svc)) spec.externalTrafficPolicy ||= 'Cluster'
  if (spec.internalTrafficPolicy === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster'
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
}

/** Old clients send only clusterIP: keep clusterIPs in step with it (normalizeClusterIPs). */
function normalizeClusterIPs(svc: Service, old?: Service): void {
  const spec = svc.spec ?? {}
  if (!old) {
    if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP]
    return
  }
  const was = old.spec ?? {}
  if ((was.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length === 0 && was.clusterIP === spec.clusterIP) spec.clusterIPs = was.clusterIPs
  if (was.clusterIP !== spec.clusterIP) {
    if (was.clusterIP && !spec.clusterIP) delete spec.clusterIPs
    else if ((was.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length > 0 && was.clusterIPs![0] === spec.clusterIPs![0]) spec.clusterIPs![0] = spec.clusterIP!
  }
}

/** An update that leaves out allocated values keeps them (patchAllocatedValues): apply, replace. */
function patchAllocatedValues(svc: Service, old: Service): void {
  const spec = svc.spec ?? {}
  const was = old.spec ?? {}
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    spec.clusterIP ||= was.clusterIP
    if ((spec.clusterIPs ?? []).length === 0 && (was.clusterIPs ?? []).length > 0) spec.clusterIPs = was.clusterIPs
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (s: Service): Set<number> => new Set((s.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n > 0))
    const newUsed = used(svc)
    const both = new Set([...used(old)].filter((n) => newUsed.has(n)))
    const byName = new Map((was.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]))
    for (const p of spec.ports ?? []) {
      const before = byName.get(p.name ?? '') ?? 0
      if (!p.nodePort && before && !both.has(before)) p.nodePort = before
    }
  }
  if (spec.type === 'LoadBalancer' && was.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort)
    spec.healthCheckNodePort = was.healthCheckNodePort
}

/** A type change wipes what no longer applies, unless the user changed it too (dropTypeDependentFields). */
function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec ?? {}
  const was = old.spec ?? {}
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (spec.clusterIP === was.clusterIP && same(spec.clusterIPs, was.clusterIPs)) {
      delete spec.clusterIP
      delete spec.clusterIPs
    }
    if (same(spec.ipFamilies, was.ipFamilies)) delete spec.ipFamilies
    if (spec.ipFamilyPolicy === was.ipFamilyPolicy) delete spec.ipFamilyPolicy
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    if (same((spec.ports ?? []).map((p) => p.nodePort), (was.ports ?? []).map((p) => p.nodePort))) for (const p of spec.ports ?? []) delete p.nodePort
  }
  if (was.type === 'LoadBalancer' && spec.type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === was.allocateLoadBalancerNodePorts)
    delete spec.allocateLoadBalancerNodePorts
  if (isExternallyAccessible(old) && !isExternallyAccessible(svc) && spec.externalTrafficPolicy === was.externalTrafficPolicy) delete spec.externalTrafficPolicy
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && spec.healthCheckNodePort === was.healthCheckNodePort) delete spec.healthCheckNodePort
}

/**
 * initIPFamilyFields for a single-stack IPv4 cluster: SingleStack and [IPv4] unless set; headless
 * services without a selector get RequireDualStack. Its loose pre-validation comes first.
 */
function initIPFamilyFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {}
  if (spec.type === 'ExternalName') return []
  const pre = validateServiceClusterIPsRelatedFields(svc)
  if (pre.length) return pre
  if (isHeadless(svc) && Object.keys(spec.selector ?? {}).length === 0) {
    spec.ipFamilyPolicy ??= 'RequireDualStack'
    spec.ipFamilies = (spec.ipFamilies ?? []).length ? spec.ipFamilies : ['IPv4']
    return []
  }
  spec.ipFamilyPolicy ??= 'SingleStack'
  if (spec.ipFamilyPolicy === 'RequireDualStack')
    return [invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services')]
  const families = spec.ipFamilies ?? []
  for (const [i, f] of families.entries()) if (f !== 'IPv4') return [invalidValue(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster')]
  if (families.length === 0) spec.ipFamilies = ['IPv4']
  return []
}

export const serviceStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: false,
  nameRule: 'dns1035',
  default: (obj) => defaultService(asService(obj)),
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} }
    normalizeClusterIPs(asService(obj))
  },
  prepareForUpdate(obj, old, _ctx, subresource) {
    if (subresource === 'status') return
    patchAllocatedValues(asService(obj), old as Service)
    normalizeClusterIPs(asService(obj), old as Service)
    dropTypeDependentFields(asService(obj), old as Service)
  },
  // Upstream allocates before it validates (the store's BeginCreate/BeginUpdate hooks), so the
  // allocator's refusal is the whole error. We check here and take the values in beforeStore.
  admit(obj, ctx, old) {
    const svc = asService(obj)
    const families = initIPFamilyFields(svc)
    if (families.length) return S.invalid(SERVICE, svc.metadata?.name ?? '', families)
    return checkAllocation(ctx.allocators, svc, old as Service | undefined)
  },
  validate: (obj) => validateService(asService(obj)),
  validateUpdate: (obj, old) => validateServiceUpdate(asService(obj), old as Service),
  beforeStore: (obj, ctx, old) => allocate(ctx.allocators, asService(obj), old as Service | undefined),
  afterDelete: (obj, ctx) => release(ctx.allocators, obj as Service),
}
