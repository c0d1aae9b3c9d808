// Traffic policies as kube-proxy 1.32 writes them (pkg/proxy/iptables/proxier.go syncProxyRules):
// externalTrafficPolicy Local keeps external traffic on the node it reached (KUBE-SVL, no
// masquerade), internalTrafficPolicy Local does the same for cluster IP traffic, and a LoadBalancer
// with Local external traffic has its health check node port let in. Golden iptables-save per node.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { KubeProxy } from '../../../src/cluster/network/kube-proxy.js'
import { renderTable } from '../../../src/cluster/network/iptables.js'
import { sendRequest, type RequestInput, type RequestResult } from '../../../src/cluster/network/request.js'
import { servicePortChainName } from '../../../src/cluster/network/chain-names.js'

const T0 = Date.UTC(2026, 0, 1)
const STAMP = 'Thu Jan  1 00:01:00 2026'

/** A server pod pinned to node-1 and a client pod on node-2, then the Service under test. */
const PODS = `
apiVersion: v1
kind: Pod
metadata: { name: server, labels: { app: server } }
spec: { nodeName: node-1, containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { nodeName: node-2, containers: [{ name: c, image: busybox, command: [sleep, '3600'] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: neighbour }
spec: { nodeName: node-1, containers: [{ name: c, image: busybox, command: [sleep, '3600'] }] }
`

function cluster(service: string): SimulatedCluster {
  const sim = SimulatedCluster.create({ seed: 5, workers: 2, startTime: T0 })
  const c = Cluster.restore(sim.snapshot())
  c.apply(`${PODS}---\napiVersion: v1\nkind: Service\nmetadata: { name: server }\nspec: ${service}\n`)
  c.advance('60s')
  return c.sim
}

/**
 * The node's iptables-save, kept to kube-proxy's fixed rules and those of default/server: the rules
 * of other Services (default/kubernetes, the cluster's add-ons) are left out, so that this golden
 * file speaks of traffic policy only.
 */
const iptablesSave = (c: SimulatedCluster, node: string): string => {
  const rules = (c.component(`kube-proxy/${node}`) as KubeProxy).rules()
  const ours = (comment: string): boolean => comment === 'default/server' || comment.startsWith('default/server ') || comment.includes(' default/server ')
  const serviceComment = (r: (typeof rules)[number]): string | undefined => {
    const text = r.matches?.find((m) => m.module === 'comment')
    return text && 'comment' in text && /(^|\s)[a-z0-9-]+\/[a-z0-9.-]+(:[a-z0-9-]+)?(\s|$)/.test(text.comment) ? text.comment : undefined
  }
  const keptChains = new Set<string>()
  for (const r of rules) {
    const comment = serviceComment(r)
    if (comment !== undefined && ours(comment)) {
      if (/^KUBE-(SVC|SVL|EXT|SEP|FW)-/.test(r.chain)) keptChains.add(r.chain)
      if ('jump' in r.target) keptChains.add(r.target.jump)
    }
  }
  const kept = rules.filter((r) => {
    if (/^KUBE-(SVC|SVL|EXT|SEP|FW)-/.test(r.chain)) return keptChains.has(r.chain)
    const comment = serviceComment(r)
    return comment === undefined || ours(comment)
  })
  return renderTable('filter', kept, STAMP) + renderTable('nat', kept, STAMP)
}

function send(c: SimulatedCluster, input: RequestInput): RequestResult {
  const r = sendRequest(c, input)
  if (!r.ok) throw new Error(r.error)
  return r.value
}

const svl = servicePortChainName('KUBE-SVL-', 'default/server', 'TCP')
const svc = servicePortChainName('KUBE-SVC-', 'default/server', 'TCP')

describe('externalTrafficPolicy: Local on a LoadBalancer', () => {
  const c = cluster('{ type: LoadBalancer, clusterIP: 10.96.100.100, externalTrafficPolicy: Local, selector: { app: server }, ports: [{ port: 80, nodePort: 30080 }], healthCheckNodePort: 30990 }')

  it('node-1 (with the endpoint): EXT short-circuits pods and the node to KUBE-SVC, the rest to KUBE-SVL; the health check port is let in', async () => {
    await expect(iptablesSave(c, 'node-1')).toMatchFileSnapshot('./__snapshots__/iptables-save-local-lb-node-1.txt')
  })

  it('node-2 (without one): no KUBE-SVL chain, EXT has no last jump, external traffic is dropped in the filter table', async () => {
    const text = iptablesSave(c, 'node-2')
    expect(text).not.toContain(`:${svl}`)
    expect(text).toContain('-A KUBE-NODEPORTS -p tcp -m comment --comment "default/server health check node port" -m tcp --dport 30990 -j ACCEPT')
    await expect(text).toMatchFileSnapshot('./__snapshots__/iptables-save-local-lb-node-2.txt')
  })

  it('describe svc shows the health check node port', () => {
    const out = Cluster.restore(c.snapshot()).kubectl('describe svc server').stdout
    expect(out).toContain('External Traffic Policy:  Local\nInternal Traffic Policy:  Cluster\nHealthCheck NodePort:     30990\n')
  })

  it('a pod on a node without an endpoint still reaches the load balancer IP (through KUBE-SVC)', () => {
    const lb = (c.object('services', 'default', 'server')?.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0].ip
    const r = send(c, { from: { pod: 'client' }, url: `http://${lb}/` })
    expect(r.exitCode).toBe(0)
    expect(r.answeredBy?.pod).toBe('server')
    expect(r.rules.some((m) => m.rule.includes('pod traffic for default/server external destinations'))).toBe(true)
  })
})

describe('internalTrafficPolicy: Local', () => {
  const c = cluster('{ clusterIP: 10.96.100.101, internalTrafficPolicy: Local, selector: { app: server }, ports: [{ port: 80 }] }')

  it('node-1: the cluster IP goes to KUBE-SVL, which masquerades off-cluster sources; no KUBE-SVC chain', async () => {
    const text = iptablesSave(c, 'node-1')
    expect(text).not.toContain(`:${svc}`)
    await expect(text).toMatchFileSnapshot('./__snapshots__/iptables-save-local-internal-node-1.txt')
  })

  it('node-2: the cluster IP is dropped ("has no local endpoints"), not rejected, and no nat chain is written', () => {
    const text = iptablesSave(c, 'node-2')
    const ip = (c.object('services', 'default', 'server')?.spec as { clusterIP: string }).clusterIP
    expect(text).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/server has no local endpoints" -m tcp --dport 80 -j DROP`)
    expect(text).not.toContain('default/server -> ')
    expect(text).not.toContain('--comment "default/server" -j')
    expect(text).not.toContain(svl)
  })

  it('a pod beside the endpoint is answered; a pod on another node times out', () => {
    const here = send(c, { from: { pod: 'neighbour' }, url: 'http://10.96.100.101/' })
    expect([here.exitCode, here.answeredBy?.pod]).toEqual([0, 'server'])
    expect(here.rules.map((m) => m.chain)).toContain(svl)
    const there = send(c, { from: { pod: 'client' }, url: 'http://10.96.100.101/', connectTimeout: 2 })
    expect(there.exitCode).toBe(28)
    expect(there.rules.at(-1)?.rule).toContain('"default/server has no local endpoints"')
  })
})
