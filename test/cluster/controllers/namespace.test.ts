import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { cluster, must, pod, threePods, webService, writes } from './endpoints-fixtures.js'

function teamA(c: Cluster): void {
  must(c.sim.api.create('test', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }))
  must(c.sim.api.create('test', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'team-a' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }))
}

const conditions = (c: Cluster) =>
  ((c.get('ns', 'team-a')?.status as { conditions?: { type: string; status: string; reason: string; message: string }[] }).conditions ?? []).map(
    (x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`,
  )

describe('the namespace controller', () => {
  it('empties a deleted namespace and releases it; kubectl delete ns waits for that', () => {
    const c = cluster()
    teamA(c)
    pod(c, { name: 'web-a', namespace: 'team-a' }) // not on a node: deleted at once
    c.advance('1s')
    expect(c.kubectl('delete ns team-a')).toEqual({ stdout: 'namespace "team-a" deleted\n', stderr: '', exitCode: 0 })
    expect(c.get('ns', 'team-a')).toBeUndefined()
    expect(c.list('pods', { namespace: 'team-a' })).toEqual([])
    expect(c.list('services', { namespace: 'team-a' })).toEqual([])
    expect(c.list('endpointslices', { namespace: 'team-a' })).toEqual([])
  })

  it('deletes the events of the namespace through both groups that serve them, core first', () => {
    const c = cluster()
    teamA(c)
    must(c.sim.api.create('test', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1', namespace: 'team-a' }, involvedObject: { kind: 'Service', name: 'web', namespace: 'team-a' }, reason: 'Test', message: 'hello', type: 'Normal' }))
    c.advance('1s')
    const mark = c.sim.trace.entries().length
    c.kubectl('delete ns team-a')
    const calls = c.sim.trace.entries().slice(mark).filter((e) => e.who === 'namespace-controller' && e.resource.startsWith('events'))
    // deleteAllContent goes through every deletable resource of discovery: the core group's events
    // (the one Event goes), then events.k8s.io's (the same storage: nothing left).
    expect(calls.slice(0, 5).map((e) => `${e.verb} ${e.resource}${e.name ? ` ${e.name}` : ''}`)).toEqual([
      'list events',
      'delete events web.1',
      'list events',
      'list events.events.k8s.io',
      'list events.events.k8s.io',
    ])
    expect(c.get('ns', 'team-a')).toBeUndefined()
  })

  it('waits out the pods’ grace period, reporting what remains in the namespace status', () => {
    const c = cluster()
    teamA(c)
    pod(c, { name: 'web-a', namespace: 'team-a', node: 'node-1', ip: '10.244.1.5' })
    c.advance('1s')
    const mark = c.sim.trace.entries().length
    c.kubectl('delete ns team-a --wait=false')
    c.advance('5s') // namespaceDeletionGracePeriod
    expect(c.get('pods', 'web-a', 'team-a')?.metadata.deletionTimestamp).toBe('2026-01-01T00:00:36Z')
    expect(conditions(c)).toEqual([
      'NamespaceDeletionDiscoveryFailure=False ResourcesDiscovered: All resources successfully discovered',
      'NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed',
      'NamespaceDeletionContentFailure=False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      'NamespaceContentRemaining=True SomeResourcesRemain: Some resources are remaining: pods. has 1 resource instances',
      'NamespaceFinalizersRemaining=False ContentRemoved: All content successfully removed',
    ])
    expect(writes(c, mark, (w) => w === 'namespace-controller')).toEqual([
      'namespace-controller delete configmaps kube-root-ca.crt 200',
      'namespace-controller delete endpoints web 200',
      'namespace-controller delete pods web-a 200',
      'namespace-controller delete serviceaccounts default 200',
      'namespace-controller delete services web 200',
      'namespace-controller delete endpointslices.discovery.k8s.io ' + c.sim.trace.entries().find((e) => e.resource.startsWith('endpointslices') && e.verb === 'create' && e.namespace === 'team-a')!.name + ' 200',
      'namespace-controller update namespaces/status team-a 200',
    ])
    // Come back after estimate/2 + 1 = 16 s: still within the 30 s grace, still waiting.
    c.advance('16s')
    expect(c.get('ns', 'team-a')).toBeDefined()
    // The kubelet removes the pod when its grace period is over; the next look releases the namespace.
    c.advance('9s')
    must(c.sim.api.delete('kubelet/node-1', 'pods', 'team-a', 'web-a', { gracePeriodSeconds: 0 }))
    c.advance('16s')
    expect(c.get('ns', 'team-a')).toBeUndefined()
  })

  it('restored mid-way, carries on exactly as the original', () => {
    const run = (c: Cluster) => {
      c.advance('20s')
      must(c.sim.api.delete('kubelet/node-1', 'pods', 'team-a', 'web-a', { gracePeriodSeconds: 0 }))
      c.advance('30s')
    }
    const c = cluster()
    teamA(c)
    pod(c, { name: 'web-a', namespace: 'team-a', node: 'node-1', ip: '10.244.1.5' })
    webService(c)
    threePods(c)
    c.advance('1s')
    c.kubectl('delete ns team-a --wait=false')
    c.kubectl('delete svc web')
    c.advance('6s')
    const copy = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    run(c)
    run(copy)
    expect(copy.snapshot()).toEqual(c.snapshot())
    expect(c.get('ns', 'team-a')).toBeUndefined()
    expect(c.get('endpoints', 'web')).toBeUndefined()
  })
})
