import { describe, expect, it } from 'vitest'
import type { Service } from 'kubernetes-types/core/v1.js'
import type { KubeObject } from '../../../src/cluster/object.js'
import { created, newCluster, refused } from '../../fixtures/apiserver.js'

const svc = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
})
const specOf = (o: KubeObject): NonNullable<Service['spec']> => (o as Service).spec!

describe('a Service as the apiserver stores it', () => {
  it('gets the ClusterIP defaults and one IPv4 cluster IP', () => {
    const s = created(newCluster(), svc('web', { ports: [{ port: 80, targetPort: 8080 }] }))
    const spec = specOf(s)
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    })
    expect(spec.externalTrafficPolicy).toBeUndefined()
    expect(spec.clusterIPs).toEqual([spec.clusterIP])
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
    expect((s as Service).status).toEqual({ loadBalancer: {} })
  })

  it('targets the port itself when no targetPort is given', () => {
    expect(specOf(created(newCluster(), svc('web', {}))).ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }])
  })

  it('gives a NodePort service a node port from 30000-32767 and the Cluster external policy', () => {
    const spec = specOf(created(newCluster(), svc('web', { type: 'NodePort' })))
    expect(spec.externalTrafficPolicy).toBe('Cluster')
    const nodePort = spec.ports![0].nodePort!
    expect(nodePort >= 30000 && nodePort <= 32767).toBe(true)
  })

  it('lets a LoadBalancer allocate node ports by default', () => {
    const spec = specOf(created(newCluster(), svc('lb', { type: 'LoadBalancer' })))
    expect([spec.allocateLoadBalancerNodePorts, spec.externalTrafficPolicy, spec.ports![0].nodePort! > 0]).toEqual([true, 'Cluster', true])
  })

  it('gives ports that share a number (53/UDP, 53/TCP) one node port', () => {
    const spec = specOf(
      created(
        newCluster(),
        svc('dns', {
          type: 'NodePort',
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          ],
        }),
      ),
    )
    expect(spec.ports![0].nodePort).toBe(spec.ports![1].nodePort)
  })

  it('keeps a headless service headless', () => {
    const spec = specOf(created(newCluster(), svc('db', { clusterIP: 'None' })))
    expect([spec.clusterIP, spec.clusterIPs, spec.ipFamilyPolicy]).toEqual(['None', ['None'], 'SingleStack'])
  })

  it('gives an ExternalName service no IP', () => {
    const spec = specOf(created(newCluster(), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } }))
    expect([spec.clusterIP, spec.ipFamilies, spec.internalTrafficPolicy]).toEqual([undefined, undefined, undefined])
  })

  it('holds the kubernetes service at 10.96.0.1', () => {
    const spec = specOf(newCluster().object('services', 'default', 'kubernetes')!)
    expect(spec.clusterIPs).toEqual(['10.96.0.1'])
  })
})

describe('Service validation and allocation errors', () => {
  it.each([
    {
      what: 'a node port below the range',
      spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
      error: 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
    { what: 'a node port on a ClusterIP service', spec: { ports: [{ port: 80, nodePort: 30080 }] }, error: "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
    { what: 'no ports', spec: { ports: [] }, error: 'spec.ports: Required value' },
    {
      what: 'port 0 (which the defaulted targetPort copies)',
      spec: { ports: [{ port: 0 }] },
      error: '[spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    },
    {
      what: 'two unnamed ports',
      spec: { ports: [{ port: 80 }, { port: 443 }] },
      error: '[spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    },
    {
      what: 'two ports of one name',
      spec: { ports: [{ name: 'web', port: 80 }, { name: 'web', port: 443 }] },
      error: 'spec.ports[1].name: Duplicate value: "web"',
    },
    {
      what: 'type Public',
      spec: { type: 'Public' },
      error: 'spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    },
    {
      what: 'a cluster IP outside the service CIDR',
      spec: { clusterIP: '10.0.0.5' },
      error: 'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      what: 'the cluster IP of the kubernetes service',
      spec: { clusterIP: '10.96.0.1' },
      error: 'spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    },
    { what: 'a cluster IP that is no IP', spec: { clusterIP: '10.96.0' }, error: 'spec.clusterIPs[0]: Invalid value: "10.96.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
    {
      what: 'a headless NodePort service',
      spec: { type: 'NodePort', clusterIP: 'None' },
      error: "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    },
    {
      what: 'protocol HTTP',
      spec: { ports: [{ port: 80, protocol: 'HTTP' }] },
      error: 'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    },
    {
      what: 'a bad selector value',
      spec: { selector: { app: 'web app' } },
      error:
        "spec.selector: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    },
    {
      what: 'a named target port that is no IANA name',
      spec: { ports: [{ port: 80, targetPort: 'Web_Port' }] },
      error: 'spec.ports[0].targetPort: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    },
  ])('$what: $error', ({ spec, error }) => {
    const s = refused(newCluster(), svc('web', spec))
    expect([s.reason, s.code, s.message]).toEqual(['Invalid', 422, `Service "web" is invalid: ${error}`])
  })

  it('requires a DNS-1035 name', () => {
    expect(refused(newCluster(), svc('1web', {})).message).toBe(
      'Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    )
  })

  it('refuses a node port another service holds, and frees it when that service goes', () => {
    const c = newCluster()
    created(c, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))
    expect(refused(c, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).message).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    )
    c.api.delete('test', 'services', 'default', 'a')
    expect(specOf(created(c, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).ports![0].nodePort).toBe(30080)
  })

  it('frees the cluster IP of a deleted service', () => {
    const c = newCluster()
    created(c, svc('a', { clusterIP: '10.96.100.100' }))
    c.api.delete('test', 'services', 'default', 'a')
    expect(specOf(created(c, svc('b', { clusterIP: '10.96.100.100' }))).clusterIP).toBe('10.96.100.100')
  })

  it('takes nothing when a create fails validation after allocation was checked', () => {
    const c = newCluster()
    refused(c, svc('Bad', { type: 'NodePort', clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30080 }] }))
    const spec = specOf(created(c, svc('good', { type: 'NodePort', clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30080 }] })))
    expect([spec.clusterIP, spec.ports![0].nodePort]).toEqual(['10.96.100.100', 30080])
  })

  it('gives back the cluster IP it took when a node port is refused', () => {
    const c = newCluster()
    created(c, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))
    refused(c, svc('b', { type: 'NodePort', clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30080 }] }))
    expect(specOf(created(c, svc('c', { clusterIP: '10.96.100.100' }))).clusterIP).toBe('10.96.100.100')
  })
})

describe('Service updates', () => {
  function withService(spec: Record<string, unknown> = {}) {
    const c = newCluster()
    const s = structuredClone(created(c, svc('web', spec))) as Service & KubeObject
    return { c, s }
  }

  it('keep the cluster IP and node ports when an update leaves them out', () => {
    const { c, s } = withService({ type: 'NodePort', ports: [{ name: 'http', port: 80 }] })
    const before = specOf(s)
    const r = c.api.update('test', { ...s, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } })
    expect(r.ok && [specOf(r.value).clusterIP, specOf(r.value).ports![0].nodePort]).toEqual([before.clusterIP, before.ports![0].nodePort])
  })

  it('may not change the cluster IP', () => {
    const { c, s } = withService()
    const r = c.api.update('test', { ...s, spec: { ...specOf(s), clusterIP: '10.96.100.100', clusterIPs: ['10.96.100.100'] } })
    expect(r.ok ? '' : r.error.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.100.100"}: may not change once set')
  })

  it('draw a node port when the type becomes NodePort, and free it when it goes back', () => {
    const { c, s } = withService()
    const r = c.api.update('test', { ...s, spec: { ...specOf(s), type: 'NodePort' } })
    expect(r.ok).toBe(true)
    const np = r.ok ? specOf(r.value).ports![0].nodePort! : 0
    expect(np >= 30000).toBe(true)
    const back = c.api.update('test', { ...(r.ok ? structuredClone(r.value) : s), spec: { ...(r.ok ? specOf(r.value) : {}), type: 'ClusterIP' } })
    expect(back.ok && [specOf(back.value).ports![0].nodePort, specOf(back.value).externalTrafficPolicy]).toEqual([undefined, undefined])
    expect(specOf(created(c, svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: np }] }))).ports![0].nodePort).toBe(np)
  })
})

describe('allocation that is not stored is given back', () => {
  it('a dry-run create shows an allocated node port but keeps it free', async () => {
    const { SimulatedCluster } = await import('../../../src/cluster/cluster.js')
    const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 })
    const svc = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] },
    })
    const dry = c.api.create('test', svc('dry'), undefined, { dryRun: true })
    expect(dry.ok && (dry.value.spec as { ports: { nodePort: number }[] }).ports[0].nodePort).toBe(30080)
    expect(c.api.create('test', svc('real')).ok).toBe(true)
  })
})

describe('healthCheckNodePort (a LoadBalancer with externalTrafficPolicy Local)', () => {
  const local = (extra: Record<string, unknown> = {}) => ({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ...extra })

  it('is drawn from the node port range, apart from the node ports', () => {
    const spec = specOf(created(newCluster(), svc('web', local())))
    const hc = spec.healthCheckNodePort!
    expect(hc >= 30000 && hc <= 32767).toBe(true)
    expect(hc).not.toBe(spec.ports![0].nodePort)
  })

  it('is not given to a Cluster LoadBalancer or a Local NodePort', () => {
    expect(specOf(created(newCluster(), svc('a', { type: 'LoadBalancer' }))).healthCheckNodePort).toBeUndefined()
    expect(specOf(created(newCluster(), svc('b', { type: 'NodePort', externalTrafficPolicy: 'Local' }))).healthCheckNodePort).toBeUndefined()
  })

  it('takes a requested port; one already held is an internal error, as allocHealthCheckNodePort reports it', () => {
    const c = newCluster()
    created(c, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30081 }] }))
    expect(specOf(created(c, svc('b', local({ healthCheckNodePort: 30082 })))).healthCheckNodePort).toBe(30082)
    const r = refused(c, svc('c', local({ healthCheckNodePort: 30081 })))
    expect([r.code, r.reason, r.message]).toEqual([500, 'InternalError', 'Internal error occurred: failed to allocate requested HealthCheck NodePort 30081: provided port is already allocated'])
    expect(refused(c, svc('d', local({ healthCheckNodePort: 80 }))).message).toBe(
      'Internal error occurred: failed to allocate requested HealthCheck NodePort 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    )
  })

  it('a refused health check port gives back the node ports and cluster IP it took', () => {
    const c = newCluster()
    created(c, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30081 }] }))
    refused(c, svc('b', local({ clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30090 }], healthCheckNodePort: 30081 })))
    const spec = specOf(created(c, svc('c', { type: 'NodePort', clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30090 }] })))
    expect([spec.clusterIP, spec.ports![0].nodePort]).toEqual(['10.96.100.100', 30090])
  })

  it('is freed when the service is deleted', () => {
    const c = newCluster()
    created(c, svc('a', local({ healthCheckNodePort: 30082 })))
    c.api.delete('test', 'services', 'default', 'a')
    expect(specOf(created(c, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30082 }] }))).ports![0].nodePort).toBe(30082)
  })

  it('on update: kept when left out, drawn when the policy becomes Local, freed and dropped when it goes back', () => {
    const c = newCluster()
    const s = structuredClone(created(c, svc('web', { type: 'LoadBalancer' }))) as Service & KubeObject
    const toLocal = c.api.update('test', { ...s, spec: { ...specOf(s), externalTrafficPolicy: 'Local' } })
    const hc = toLocal.ok ? specOf(toLocal.value).healthCheckNodePort! : 0
    expect(hc >= 30000 && hc <= 32767).toBe(true)
    const kept = toLocal.ok ? structuredClone(toLocal.value) : s
    const same = c.api.update('test', { ...kept, spec: { ...specOf(kept), healthCheckNodePort: undefined } })
    expect(same.ok && specOf(same.value).healthCheckNodePort).toBe(hc)
    const back = c.api.update('test', { ...kept, spec: { ...specOf(kept), externalTrafficPolicy: 'Cluster' } })
    expect(back.ok && specOf(back.value).healthCheckNodePort).toBeUndefined()
    expect(specOf(created(c, svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: hc }] }))).ports![0].nodePort).toBe(hc)
  })

  it('stays held across a snapshot and restore', async () => {
    const { SimulatedCluster } = await import('../../../src/cluster/cluster.js')
    const c = newCluster()
    created(c, svc('a', local({ healthCheckNodePort: 30082 })))
    const again = SimulatedCluster.restore(c.snapshot())
    expect(refused(again, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30082 }] })).message).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30082: provided port is already allocated',
    )
  })
})
