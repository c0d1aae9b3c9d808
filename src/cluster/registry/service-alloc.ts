// ClusterIP, NodePort and health check node port allocation for Services (pkg/registry/core/service/storage/alloc.go over
// the ipallocator and portallocator), with upstream's error texts. Create and update both go in
// two steps: `check` before validation (upstream allocates before it validates, so an allocation
// error is the only one reported) and `allocate` just before the write, which reverts itself when
// any part fails.
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js'
import * as S from '../status.js'
import type { Status } from '../status.js'
import { invalidValue } from '../validation/field.js'
import type { Allocators } from './strategy.js'

const SERVICE = { group: '', kind: 'Service' }

export const needsClusterIP = (svc: Service | undefined): boolean => !!svc && svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None'
export const needsNodePort = (svc: Service | undefined): boolean => svc?.spec?.type === 'NodePort' || svc?.spec?.type === 'LoadBalancer'
/** LoadBalancers may opt out of node ports (allocateLoadBalancerNodePorts: false). */
const allocatesNodePorts = (svc: Service): boolean =>
  svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false)

const ipError = (svc: Service, ip: string, reason: 'allocated' | 'range' | 'full', range: string): Status =>
  reason === 'full'
    ? S.internalError('failed to allocate a serviceIP: range is full')
    : S.invalid(SERVICE, svc.metadata?.name ?? '', [
        invalidValue(
          'spec.clusterIPs',
          svc.spec?.clusterIPs ?? [],
          `failed to allocate IP ${ip}: ${reason === 'allocated' ? 'provided IP is already allocated' : `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${range}`}`,
        ),
      ])

const portError = (svc: Service, index: number, port: number, reason: 'allocated' | 'range' | 'full', range: string): Status =>
  reason === 'full'
    ? S.internalError('failed to allocate a nodePort: range is full')
    : S.invalid(SERVICE, svc.metadata?.name ?? '', [
        invalidValue(
          `spec.ports[${index}].nodePort`,
          port,
          reason === 'allocated' ? 'provided port is already allocated' : `provided port is not in the valid range. The range of valid ports is ${range}`,
        ),
      ])

/** apiservice.NeedsHealthCheck: a LoadBalancer that keeps external traffic on the node it reaches. */
export const needsHealthCheck = (svc: Service | undefined): boolean => svc?.spec?.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local'

/** allocHealthCheckNodePort's refusals, which the registry returns as internal errors. */
const healthCheckError = (port: number, reason: 'allocated' | 'range' | 'full', range: string): Status =>
  S.internalError(
    reason === 'full'
      ? 'failed to allocate a HealthCheck NodePort 0: range is full'
      : `failed to allocate requested HealthCheck NodePort ${port}: ${reason === 'allocated' ? 'provided port is already allocated' : `provided port is not in the valid range. The range of valid ports is ${range}`}`,
  )

/** The health check node port a stored service holds, if it needs one. */
const heldHealthCheckPort = (svc: Service | undefined): number | undefined => (needsHealthCheck(svc) && svc?.spec?.healthCheckNodePort ? svc.spec.healthCheckNodePort : undefined)

/**
 * txnAllocNodePorts / updateHealthCheckNodePort, after the node ports: a service that comes to need
 * a health check node port takes the requested one or draws one from the node port range; one that
 * keeps needing it keeps it. Returns the port taken, if any.
 */
function assignHealthCheckPort(alloc: Allocators, svc: Service, old: Service | undefined, dry: boolean): { taken?: number; error?: Status } {
  if (!needsHealthCheck(svc) || (old && needsHealthCheck(old))) return {}
  const spec = svc.spec!
  const requested = spec.healthCheckNodePort || undefined
  if (requested === undefined && dry) return {}
  const r = alloc.allocateNodePort(requested)
  if (!r.ok) return { error: healthCheckError(requested ?? 0, r.reason, r.range) }
  spec.healthCheckNodePort = r.port
  return { taken: r.port }
}

const heldNodePorts = (svc: Service | undefined): Set<number> => new Set(needsNodePort(svc) ? (svc?.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n > 0) : [])
const heldIPs = (svc: Service | undefined): string[] => (needsClusterIP(svc) ? (svc?.spec?.clusterIPs ?? []).filter((ip) => ip && ip !== 'None') : [])

/**
 * Node ports as initNodePorts (create) and updateNodePorts (update) hand them out: requested ports
 * are taken (unless `old` held them), missing ones drawn; on create, ports sharing a service port
 * number (53/TCP and 53/UDP) share one node port. With `dry`, nothing is drawn and what was taken
 * is given back: only the refusals matter.
 */
function assignNodePorts(alloc: Allocators, svc: Service, old: Service | undefined, dry: boolean): { taken: number[]; error?: Status } {
  const taken: number[] = []
  if (!needsNodePort(svc)) return { taken }
  const ports: ServicePort[] = svc.spec?.ports ?? []
  const held = heldNodePorts(old)
  const take = (i: number, port: number): Status | undefined => {
    if (held.has(port) || taken.includes(port)) return undefined
    const r = alloc.allocateNodePort(port)
    if (!r.ok) return portError(svc, i, port, r.reason, r.range)
    taken.push(port)
    return undefined
  }
  const draw = (i: number): number | Status => {
    const r = alloc.allocateNodePort(undefined)
    if (!r.ok) return portError(svc, i, 0, r.reason, r.range)
    taken.push(r.port)
    return r.port
  }
  const byServicePort = new Map<number, number>()
  for (const [i, p] of ports.entries()) {
    if (!p.nodePort && !allocatesNodePorts(svc)) continue
    if (old) {
      if (p.nodePort) {
        const refused = take(i, p.nodePort)
        if (refused) return { taken, error: refused }
      } else if (!dry) {
        const drawn = draw(i)
        if (typeof drawn !== 'number') return { taken, error: drawn }
        p.nodePort = drawn
      }
      continue
    }
    const shared = byServicePort.get(p.port)
    if (shared === undefined) {
      const requested = ports.find((q) => q.port === p.port && q.nodePort)?.nodePort
      if (requested) {
        const refused = take(i, requested)
        if (refused) return { taken, error: refused }
        p.nodePort = requested
        byServicePort.set(p.port, requested)
      } else if (!dry) {
        const drawn = draw(i)
        if (typeof drawn !== 'number') return { taken, error: drawn }
        p.nodePort = drawn
        byServicePort.set(p.port, drawn)
      }
    } else if (p.nodePort !== shared) {
      if (!p.nodePort) p.nodePort = shared
      else {
        const refused = take(i, p.nodePort)
        if (refused) return { taken, error: refused }
      }
    }
  }
  return { taken }
}

/** What `allocate` would refuse, found by taking and giving back each requested value. */
export function checkAllocation(alloc: Allocators, svc: Service, old?: Service): Status | undefined {
  if (needsClusterIP(svc)) {
    const ip = svc.spec?.clusterIPs?.[0]
    if (ip && !heldIPs(old).includes(ip)) {
      const r = alloc.allocateClusterIP(ip)
      if (!r.ok) return ipError(svc, ip, r.reason, r.range)
      alloc.releaseClusterIP(ip)
    }
  }
  const copy = structuredClone(svc)
  const probe = assignNodePorts(alloc, copy, old, true)
  const health = probe.error ? {} : assignHealthCheckPort(alloc, copy, old, true)
  for (const p of probe.taken) alloc.releaseNodePort(p)
  if (health.taken !== undefined) alloc.releaseNodePort(health.taken)
  return probe.error ?? health.error
}

/**
 * Take the cluster IP and node ports `svc` needs beyond what `old` held, filling in the drawn
 * values; release what `old` held and `svc` no longer does. All or nothing.
 */
export function allocate(alloc: Allocators, svc: Service, old?: Service): Status | undefined {
  const spec = svc.spec ?? {}
  const oldIPs = heldIPs(old)
  let takenIP: string | undefined
  if (needsClusterIP(svc)) {
    const ip = spec.clusterIPs?.[0]
    if (!ip || !oldIPs.includes(ip)) {
      const r = alloc.allocateClusterIP(ip || undefined)
      if (!r.ok) return ipError(svc, ip ?? '', r.reason, r.range)
      takenIP = r.ip
      spec.clusterIP = r.ip
      spec.clusterIPs = [r.ip]
    }
  } else if (spec.clusterIP === 'None') spec.clusterIPs = ['None']
  const oldPorts = heldNodePorts(old)
  const ports = assignNodePorts(alloc, svc, old, false)
  const health = ports.error ? {} : assignHealthCheckPort(alloc, svc, old, false)
  const error = ports.error ?? health.error
  if (error) {
    if (takenIP) alloc.releaseClusterIP(takenIP)
    for (const p of ports.taken) alloc.releaseNodePort(p)
    return error
  }
  for (const ip of oldIPs) if (!heldIPs(svc).includes(ip)) alloc.releaseClusterIP(ip)
  const now = heldNodePorts(svc)
  for (const p of oldPorts) if (!now.has(p)) alloc.releaseNodePort(p)
  // No longer a LoadBalancer with Local traffic: its health check node port goes back.
  const oldHealth = heldHealthCheckPort(old)
  if (oldHealth !== undefined && !needsHealthCheck(svc)) alloc.releaseNodePort(oldHealth)
  return undefined
}

/** Give back everything a deleted service held. */
export function release(alloc: Allocators, svc: Service): void {
  for (const ip of heldIPs(svc)) alloc.releaseClusterIP(ip)
  for (const p of heldNodePorts(svc)) alloc.releaseNodePort(p)
  const health = heldHealthCheckPort(svc)
  if (health !== undefined) alloc.releaseNodePort(health)
}

/** The node ports a stored service holds, its health check node port included (to reserve them after a restore). */
export function heldPorts(svc: Service): number[] {
  const health = heldHealthCheckPort(svc)
  return [...heldNodePorts(svc), ...(health !== undefined ? [health] : [])]
}
