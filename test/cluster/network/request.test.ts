import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { sendRequest, type RequestInput, type RequestResult } from '../../../src/cluster/network/request.js'
import type { NetworkOptions } from '../../../src/cluster/network/cni.js'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { servicePortChainName } from '../../../src/cluster/network/chain-names.js'
import { INFLUX_NODEPORT } from '../../fixtures/course-document.js'

const T0 = Date.UTC(2026, 0, 1)

function cluster(manifests: string, network?: Partial<NetworkOptions>, seed = 3): SimulatedCluster {
  const sim = SimulatedCluster.create({ seed, workers: 2, startTime: T0, network })
  const c = Cluster.restore(sim.snapshot())
  c.apply(manifests)
  c.advance('60s')
  return c.sim
}

function send(c: SimulatedCluster, input: RequestInput): RequestResult {
  const r = sendRequest(c, input)
  if (!r.ok) throw new Error(r.error)
  return r.value
}

const podIP = (c: SimulatedCluster, name: string): string => (c.object('pods', 'default', name)?.status as { podIP: string }).podIP

/** Two pods pinned to their nodes: a client on node-1 and nginx on node-2. */
const PINNED = `
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { nodeName: node-1, containers: [{ name: c, image: busybox, command: [sleep, '3600'] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: server, labels: { app: server } }
spec: { nodeName: node-2, containers: [{ name: web, image: nginx }] }
`

const WEB = (replicas: number, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
${extra}
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { nodeName: node-1, containers: [{ name: c, image: busybox, command: [sleep, '3600'] }] }
`

describe('requests to a Service', () => {
  it('spread over its ready endpoints by the rules\' probabilities, the same under the same seed', () => {
    const counts = (seed: number) => {
      const c = cluster(WEB(3), undefined, seed)
      const n: Record<string, number> = {}
      for (let i = 0; i < 300; i++) {
        const r = send(c, { from: { pod: 'client' }, url: 'http://web/' })
        expect(r.exitCode).toBe(0)
        n[r.answeredBy!.pod] = (n[r.answeredBy!.pod] ?? 0) + 1
      }
      return n
    }
    const first = counts(3)
    expect(Object.keys(first)).toHaveLength(3)
    for (const k of Object.keys(first)) expect(first[k]).toBeGreaterThan(70) // 1/3 each of 300
    expect(counts(3)).toEqual(first)
  })

  it('are DNATed by a KUBE-SEP chain and answered by nginx; the reply comes back from the Service IP', () => {
    const c = cluster(WEB(1))
    const r = send(c, { from: { pod: 'client' }, url: 'http://web/' })
    const svcIP = (c.object('services', 'default', 'web')?.spec as { clusterIP: string }).clusterIP
    expect(r.dns?.tried).toEqual([{ name: 'web.default.svc.cluster.local', rcode: 'NOERROR' }])
    expect(r.dnat?.from).toBe(`${svcIP}:80`)
    expect(r.dnat?.chain).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/)
    expect(r.rules.map((m) => m.chain)).toEqual(['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC-LOLE4ISW44XBNF3G', r.dnat!.chain])
    expect(r.response?.status).toBe(200)
    expect(r.response?.body).toContain('<title>Welcome to nginx!</title>')
    expect(r.hops.at(-1)?.wire?.inner.src).toBe(svcIP)
  })

  it('with a wrong selector has no endpoints: filter KUBE-SERVICES rejects, curl exits 7', () => {
    const c = cluster(WEB(1).replace('selector: { app: web }\n  ports', 'selector: { app: wbe }\n  ports'))
    const svcIP = (c.object('services', 'default', 'web')?.spec as { clusterIP: string }).clusterIP
    const r = send(c, { from: { pod: 'client' }, url: 'http://web.default.svc.cluster.local/' })
    expect(r.exitCode).toBe(7)
    expect(r.error).toBe("curl: (7) Failed to connect to web.default.svc.cluster.local port 80 after 0 ms: Couldn't connect to server")
    expect(r.hops.at(-1)?.kind).toBe('rejected')
    expect(r.hops.at(-1)?.rules?.at(-1)?.rule).toBe(`-A KUBE-SERVICES -d ${svcIP}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`)
  })

  it('with a wrong targetPort reaches the pod, which refuses the connection', () => {
    const c = cluster(WEB(1).replace('targetPort: 80', 'targetPort: 8080'))
    const r = send(c, { from: { pod: 'client' }, url: 'http://web:80/' })
    expect(r.exitCode).toBe(7)
    expect(r.dnat?.to).toMatch(/:8080$/)
    expect(r.hops.at(-1)?.kind).toBe('refused')
  })

  it('whose pod is not Ready has no endpoint to go to', () => {
    const c = cluster(WEB(1).replace('image: nginx }', 'image: nginx, readinessProbe: { httpGet: { path: /healthz, port: 80 } } }'))
    const r = send(c, { from: { pod: 'client' }, url: 'http://web/' })
    expect(r.exitCode).toBe(7)
    expect(r.hops.at(-1)?.kind).toBe('rejected')
  })

  it('with sessionAffinity ClientIP always reach the same pod', () => {
    const c = cluster(WEB(3, '  sessionAffinity: ClientIP'))
    const pods = new Set<string>()
    for (let i = 0; i < 20; i++) pods.add(send(c, { from: { pod: 'client' }, url: 'http://web/' }).answeredBy!.pod)
    expect(pods.size).toBe(1)
  })

  it('go nowhere when kube-proxy never wrote their rules (stopped before the Service existed)', () => {
    const sim = SimulatedCluster.create({ seed: 3, workers: 2, startTime: T0 })
    sim.stop('kube-proxy/node-1')
    const c = Cluster.restore(sim.snapshot())
    c.apply(WEB(1))
    c.advance('60s')
    const r = send(c.sim, { from: { pod: 'client' }, url: 'http://web/', connectTimeout: 2 })
    expect(r.exitCode).toBe(28)
    expect(r.error).toMatch(/^curl: \(28\) Failed to connect to web port 80 after 2000 ms: Timeout was reached$/)
    expect(r.hops.at(-1)).toMatchObject({ kind: 'dropped', at: 'router' })
  })
})

describe('names', () => {
  it('a name CoreDNS does not know is not resolved: curl exits 6', () => {
    const c = cluster(WEB(1))
    const r = send(c, { from: { pod: 'client' }, url: 'http://nope/' })
    expect(r.exitCode).toBe(6)
    expect(r.error).toBe('curl: (6) Could not resolve host: nope')
    expect(r.dns?.tried.map((t) => t.name)).toEqual(['nope.default.svc.cluster.local', 'nope.svc.cluster.local', 'nope.cluster.local', 'nope'])
  })

  it('a node does not use cluster DNS', () => {
    const c = cluster(WEB(1))
    expect(send(c, { from: { node: 'node-1' }, url: 'http://web.default.svc.cluster.local/' }).error).toBe('curl: (6) Could not resolve host: web.default.svc.cluster.local')
  })

  it('a headless Service resolves to its ready pods', () => {
    const c = cluster(WEB(2, '  clusterIP: None'))
    const r = send(c, { from: { pod: 'client' }, url: 'http://web.default/' })
    const ips = c.api.list('t', 'pods', { labelSelector: 'app=web', silent: true })
    expect(r.dns?.addresses).toEqual((ips.ok ? ips.value.items : []).map((p) => (p.status as { podIP: string }).podIP).sort())
    expect(r.exitCode).toBe(0)
    expect(r.dnat).toBeUndefined()
  })
})

describe('pod to pod across nodes', () => {
  it('overlay: VXLAN carries the pod packet inside UDP 8472 between the node IPs', () => {
    const c = cluster(PINNED)
    const r = send(c, { from: { pod: 'client' }, url: `http://${podIP(c, 'server')}/` })
    expect(r.exitCode).toBe(0)
    const vxlan = r.hops.find((h) => h.kind === 'vxlan')!
    expect(vxlan.device).toBe('flannel.1')
    expect(vxlan.detail).toBe('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink')
    expect(vxlan.wire?.outer).toMatchObject({ protocol: 'UDP', src: '192.168.49.3', dst: '192.168.49.4', dport: 8472, vni: 1 })
    expect(vxlan.wire?.inner).toMatchObject({ protocol: 'TCP', src: podIP(c, 'client'), dst: podIP(c, 'server'), dport: 80 })
  })

  it('underlay (host-gw): the pod IPs are on the wire as they are', () => {
    const c = cluster(PINNED, { cni: 'underlay' })
    const r = send(c, { from: { pod: 'client' }, url: `http://${podIP(c, 'server')}/` })
    expect(r.exitCode).toBe(0)
    expect(r.hops.some((h) => h.kind === 'vxlan')).toBe(false)
    const routed = r.hops.find((h) => h.kind === 'routed')!
    expect(routed.detail).toBe('10.244.2.0/24 via 192.168.49.4 dev eth0')
    expect(routed.wire).toEqual({ inner: expect.objectContaining({ src: podIP(c, 'client'), dst: podIP(c, 'server') }) })
  })

  it('underlay host-gw across subnets: the router knows no pod CIDR and drops it; overlay and BGP get through', () => {
    const hostGw = cluster(PINNED, { cni: 'underlay', nodeSubnets: 2 })
    const r = send(hostGw, { from: { pod: 'client' }, url: `http://${podIP(hostGw, 'server')}/` })
    expect(r.exitCode).toBe(28)
    expect(r.hops.at(-1)).toMatchObject({ kind: 'dropped', at: 'router', detail: 'host-gw cannot add 10.244.2.0/24 via 192.168.49.3: 192.168.49.3 is not on node-1\'s subnet 192.168.50.0/24' })
    const overlay = cluster(PINNED, { nodeSubnets: 2 })
    expect(send(overlay, { from: { pod: 'client' }, url: `http://${podIP(overlay, 'server')}/` }).exitCode).toBe(0)
    const bgp = cluster(PINNED, { cni: 'underlay', routing: 'bgp', nodeSubnets: 2 })
    const viaBgp = send(bgp, { from: { pod: 'client' }, url: `http://${podIP(bgp, 'server')}/` })
    expect(viaBgp.exitCode).toBe(0)
    expect(viaBgp.hops.filter((h) => h.kind === 'router')).toHaveLength(1)
  })

  it('a packet for a failed node is lost: curl times out', () => {
    const c = cluster(PINNED)
    c.stop('kubelet/node-2')
    expect(send(c, { from: { pod: 'client' }, url: `http://${podIP(c, 'server')}/` }).exitCode).toBe(28)
  })
})

describe('the course document\'s NodePort Service', () => {
  const INFLUX = INFLUX_NODEPORT
  it.each(['192.168.49.2', '192.168.49.3', '192.168.49.4'])('answers /ping with 204 on %s:30000 from outside', (ip) => {
    const c = cluster(INFLUX)
    const r = send(c, { from: 'outside', url: `http://${ip}:30000/ping` })
    expect(r.exitCode).toBe(0)
    expect(r.response?.status).toBe(204)
    expect(r.rules.some((m) => m.chain === 'KUBE-NODEPORTS')).toBe(true)
  })

  it('answers on 127.0.0.1:30000 from a node, as the document\'s curl does', () => {
    const c = cluster(INFLUX)
    expect(send(c, { from: { node: 'node-1' }, url: 'http://127.0.0.1:30000/ping' }).response?.status).toBe(204)
  })
})

describe('externalTrafficPolicy: Local', () => {
  const LOCAL = PINNED + `
---
apiVersion: v1
kind: Service
metadata: { name: server }
spec: { type: NodePort, externalTrafficPolicy: Local, selector: { app: server }, ports: [{ port: 80, nodePort: 30080 }] }
`
  it('keeps the client\'s IP on the node that has the pod, and drops the packet on a node without one', () => {
    const c = cluster(LOCAL)
    const here = send(c, { from: 'outside', url: 'http://192.168.49.4:30080/' })
    expect(here.exitCode).toBe(0)
    expect(here.hops.find((h) => h.kind === 'deliver')?.wire?.inner.src).toBe('192.168.49.1')
    expect(here.rules.map((r) => r.chain)).toContain(servicePortChainName('KUBE-SVL-', 'default/server', 'TCP'))
    const there = send(c, { from: 'outside', url: 'http://192.168.49.3:30080/' })
    expect(there.exitCode).toBe(28)
    expect(there.hops.at(-1)?.rules?.at(-1)?.rule).toBe('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/server has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP')
  })
})
