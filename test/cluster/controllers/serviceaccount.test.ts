import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { must } from './endpoints-fixtures.js'

const names = (c: Cluster, resource: string, namespace: string) => c.list(resource, { namespace }).map((o) => o.metadata.name)

describe('the serviceaccount controller', () => {
  it('gives every namespace a ServiceAccount default, a new one at once', () => {
    const c = Cluster.create({ components: ['kube-controller-manager'] })
    c.advance('1s')
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) expect(names(c, 'serviceaccounts', ns)).toContain('default')
    must(c.sim.api.create('test', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }))
    c.advance('10ms')
    expect(names(c, 'serviceaccounts', 'team-a')).toEqual(['default'])
  })

  it('puts back a deleted default account, as service-account-controller', () => {
    const c = Cluster.create({ components: ['kube-controller-manager'] })
    c.advance('1s')
    expect(c.kubectl('delete sa default').stdout).toBe('serviceaccount "default" deleted\n')
    c.advance('10ms')
    expect(names(c, 'serviceaccounts', 'default')).toEqual(['default'])
    const creates = c.sim.trace.entries().filter((e) => e.verb === 'create' && e.resource === 'serviceaccounts' && e.namespace === 'default')
    expect(creates.map((e) => e.who)).toEqual(['service-account-controller', 'service-account-controller'])
  })
})
