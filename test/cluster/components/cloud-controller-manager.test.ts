import { describe, expect, it } from 'vitest'
import type { Service } from 'kubernetes-types/core/v1.js'
import { Cluster } from '../../../src/index.js'
import { events } from '../controllers/helpers.js'

const lb = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
})
const svcRow = (c: Cluster, name: string): string => c.kubectl(`get svc ${name} --no-headers`).stdout.split(/\s+/).slice(0, 4).join(' ')
const ingressOf = (c: Cluster, name: string) => (c.get('services', name) as Service | undefined)?.status?.loadBalancer

describe('cloud-controller-manager (the service controller over a simulated cloud)', () => {
  it('gives a LoadBalancer Service the lowest free pool address after the cloud answers, with upstream events', () => {
    const c = Cluster.create()
    c.apply(lb('web'))
    c.advance(1) // the controller has seen it: the finalizer is on, the cloud is working
    expect(svcRow(c, 'web')).toMatch(/^web LoadBalancer 10\.\d+\.\d+\.\d+ <pending>$/)
    expect(c.get('services', 'web')!.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup'])
    c.advance('3s')
    expect(ingressOf(c, 'web')).toEqual({ ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] })
    expect(svcRow(c, 'web')).toMatch(/^web LoadBalancer 10\.\d+\.\d+\.\d+ 172\.18\.255\.200$/)
    expect(events(c, 'service-controller')).toEqual(['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer'])
    c.apply(lb('api'))
    c.advance('5s')
    expect(ingressOf(c, 'api')).toEqual({ ingress: [{ ip: '172.18.255.201', ipMode: 'VIP' }] })
    expect(c.kubectl('describe svc web').stdout).toContain('LoadBalancer Ingress:     172.18.255.200 (VIP)\n')
  })

  it('leaves EXTERNAL-IP <pending> while it is stopped, and catches up when started', () => {
    const c = Cluster.create()
    c.sim.stop('cloud-controller-manager')
    c.apply(lb('web'))
    c.advance('1m')
    expect(svcRow(c, 'web')).toMatch(/<pending>$/)
    expect(events(c, 'service-controller')).toEqual([])
    c.sim.start('cloud-controller-manager')
    c.advance('3s')
    expect(svcRow(c, 'web')).toMatch(/172\.18\.255\.200$/)
  })

  it('deletes the load balancer and releases its address when the type changes, then reuses the address', () => {
    const c = Cluster.create()
    c.apply(lb('web'))
    c.advance('5s')
    const r = c.sim.api.patch('kubectl', 'services', 'default', 'web', { spec: { type: 'ClusterIP' } }, 'merge')
    expect(r.ok).toBe(true)
    c.advance('1s')
    expect(events(c, 'service-controller')).toEqual([
      'EnsuringLoadBalancer: Ensuring load balancer',
      'EnsuredLoadBalancer: Ensured load balancer',
      'Type: LoadBalancer -> ClusterIP',
      'DeletingLoadBalancer: Deleting load balancer',
      'DeletedLoadBalancer: Deleted load balancer',
    ])
    expect(c.get('services', 'web')!.metadata.finalizers).toBeUndefined()
    expect(ingressOf(c, 'web')).toEqual({})
    c.apply(lb('api'))
    c.advance('5s')
    expect(ingressOf(c, 'api')?.ingress?.[0].ip).toBe('172.18.255.200')
  })

  it('holds a deleted Service with its finalizer until the load balancer is gone', () => {
    const c = Cluster.create()
    c.apply(lb('web'))
    c.advance('5s')
    expect(c.kubectl('delete svc web --wait=false').stdout).toBe('service "web" deleted\n')
    expect(c.get('services', 'web')?.metadata.deletionTimestamp).toBeDefined()
    c.advance(1)
    expect(c.get('services', 'web')).toBeUndefined()
    expect(events(c, 'service-controller').slice(-2)).toEqual(['DeletingLoadBalancer: Deleting load balancer', 'DeletedLoadBalancer: Deleted load balancer'])
  })

  it('gives a requested loadBalancerIP from the pool, and says why it cannot give one outside it', () => {
    const c = Cluster.create()
    c.apply(lb('web', { loadBalancerIP: '172.18.255.240' }))
    c.apply(lb('bad', { loadBalancerIP: '10.1.2.3' }))
    c.advance('5s')
    expect(ingressOf(c, 'web')?.ingress?.[0].ip).toBe('172.18.255.240')
    expect(svcRow(c, 'bad')).toMatch(/<pending>$/)
    expect(c.list('events', { namespace: 'default' }).filter((e) => e.reason === 'SyncLoadBalancerFailed').map((e) => `${e.type as string} ${e.message as string}`)).toEqual([
      'Warning Error syncing load balancer: failed to ensure load balancer: requested load balancer IP 10.1.2.3 is not in the address pool 172.18.255.200-172.18.255.250',
    ])
  })

  it('keeps a load balancer being made across a snapshot', () => {
    const c = Cluster.create()
    c.apply(lb('web'))
    c.advance(1000)
    const restored = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    restored.advance('2s')
    expect(ingressOf(restored, 'web')).toEqual({ ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] })
  })
})
