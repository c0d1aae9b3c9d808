import { describe, expect, it } from 'vitest'
import { CLUSTER_CA_CRT } from '../../../src/cluster/controllers/root-ca-publisher.js'
import { Cluster } from '../../../src/index.js'
import { must } from './endpoints-fixtures.js'

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'
const rootCA = (c: Cluster, ns: string) => c.get('configmaps', 'kube-root-ca.crt', ns) as { data?: Record<string, string>; metadata: { annotations?: Record<string, string> } } | undefined

describe('the root CA certificate publisher', () => {
  it('publishes kube-root-ca.crt with the cluster CA in every namespace, a new one at once', () => {
    const c = Cluster.create({ components: ['kube-controller-manager'] })
    c.advance('1s')
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      expect(rootCA(c, ns)?.data).toEqual({ 'ca.crt': CLUSTER_CA_CRT })
      expect(rootCA(c, ns)?.metadata.annotations).toEqual({ 'kubernetes.io/description': DESCRIPTION })
    }
    must(c.sim.api.create('test', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }))
    c.advance('10ms')
    expect(rootCA(c, 'team-a')?.data?.['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/]{64}\n[\s\S]*\n-----END CERTIFICATE-----\n$/)
  })

  it('puts back its data when someone edits it, and the whole ConfigMap when someone deletes it', () => {
    const c = Cluster.create({ components: ['kube-controller-manager'] })
    c.advance('1s')
    expect(c.kubectl(['patch', 'cm', 'kube-root-ca.crt', '-p', '{"data":{"ca.crt":"mine"}}']).stdout).toBe('configmap/kube-root-ca.crt patched\n')
    c.advance('10ms')
    expect(rootCA(c, 'default')?.data).toEqual({ 'ca.crt': CLUSTER_CA_CRT })
    c.kubectl('delete cm kube-root-ca.crt')
    c.advance('10ms')
    expect(rootCA(c, 'default')?.data).toEqual({ 'ca.crt': CLUSTER_CA_CRT })
    const writes = c.sim.trace.entries().filter((e) => e.resource === 'configmaps' && e.namespace === 'default' && e.verb !== 'list' && e.verb !== 'watch' && e.verb !== 'get')
    expect(writes.map((e) => `${e.who} ${e.verb}`)).toEqual([
      'root-ca-cert-publisher create',
      'kubectl patch',
      'root-ca-cert-publisher update',
      'kubectl delete',
      'root-ca-cert-publisher create',
    ])
  })
})
