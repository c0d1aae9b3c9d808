import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { sendRequest, type RequestInput, type RequestResult } from '../../../src/cluster/network/request.js'
import type { SimulatedCluster } from '../../../src/cluster/cluster.js'

function cluster(manifests: string, seed = 3): SimulatedCluster {
  const c = Cluster.create({ seed, workers: 2, startTime: Date.UTC(2026, 0, 1) })
  c.apply(manifests)
  c.advance('60s')
  return c.sim
}

function send(c: SimulatedCluster, input: RequestInput): RequestResult {
  const r = sendRequest(c, input)
  if (!r.ok) throw new Error(r.error)
  return r.value
}

const WEB = (policy = 'Cluster', replicas = 2) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginxdemos/hello:plain-text }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: LoadBalancer
  externalTrafficPolicy: ${policy}
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
`

describe('a request to a LoadBalancer Service from outside', () => {
  it('goes through the cloud load balancer to a worker node, then kube-proxy sends it to a pod', () => {
    const c = cluster(WEB())
    const r = send(c, { from: 'outside', url: 'http://172.18.255.200/' })
    expect(r.exitCode).toBe(0)
    expect(r.response?.status).toBe(200)
    const lb = r.hops.find((h) => h.kind === 'load-balancer')!
    expect(lb.at).toBe('load-balancer')
    expect(lb.params).toMatchObject({ service: 'default/web', ip: '172.18.255.200', port: 80, policy: 'Cluster', nodes: 'node-1, node-2' })
    expect(lb.wire?.inner).toMatchObject({ dst: '172.18.255.200', dport: 80, src: '192.168.49.1' })
    expect(r.answeredBy?.pod).toMatch(/^web-/)
    expect(r.response?.body).toContain(`Server name: ${r.answeredBy?.pod}`)
    expect(r.dnat?.chain).toMatch(/^KUBE-SEP-/)
  })

  it('with externalTrafficPolicy Local goes only to a node that has an endpoint', () => {
    const c = cluster(WEB('Local', 1))
    const pod = c.api.list('kubelings', 'pods', { namespace: 'default', labelSelector: 'app=web', silent: true })
    const node = pod.ok ? (pod.value.items[0].spec as { nodeName: string }).nodeName : ''
    for (let i = 0; i < 4; i++) {
      const r = send(c, { from: 'outside', url: 'http://172.18.255.200/' })
      expect(r.hops.find((h) => h.kind === 'load-balancer')?.params.node).toBe(node)
      expect(r.exitCode).toBe(0)
    }
  })

  it('goes nowhere while the Service has no address or on a port it does not listen on', () => {
    const c = cluster(WEB())
    expect(send(c, { from: 'outside', url: 'http://172.18.255.200:8080/', connectTimeout: 2 })).toMatchObject({ exitCode: 28, error: 'curl: (28) Failed to connect to 172.18.255.200 port 8080 after 2000 ms: Timeout was reached' })
    expect(send(c, { from: 'outside', url: 'http://172.18.255.201/' }).exitCode).toBe(28)
  })
})
