// hostPort (the CNI portmap plugin's DNAT on the pod's node only) and hostNetwork (the pod uses the
// node's IP; the scheduler's NodePorts filter keeps two such pods with one port off one node).
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { dnatChainName, portmapRules } from '../../../src/cluster/cri/portmap.js'
import { renderRule } from '../../../src/cluster/network/iptables.js'
import { sendRequest } from '../../../src/cluster/network/request.js'
import { sha512Hex } from '../../../src/cluster/runtime/sha512.js'
import { Kubelet } from '../../../src/cluster/kubelet/kubelet.js'

// The course document's hostPort example, as written there, with the image tag pinned.
const influxdb = `apiVersion: v1
kind: Pod
metadata:
  name: influxdb
spec:
  containers:
  - name: influxdb
    image: influxdb:2.9.1
    ports:
    - containerPort: 8086
      hostPort: 8087
`

const hostNetworkPod = (name: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  hostNetwork: true
  containers:
  - name: influxdb
    image: influxdb:2.9.1
    ports:
    - containerPort: 8086
`

describe('sha512', () => {
  it.each(['', 'abc', 'cbr0' + 'f'.repeat(64), 'x'.repeat(300)])('agrees with node:crypto for %j', (text) => {
    expect(sha512Hex(text)).toBe(createHash('sha512').update(text).digest('hex'))
  })
})

describe('hostPort', () => {
  it('gets the portmap plugin\'s rules on its node only, named from the sandbox ID', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(influxdb)
    c.advance(30_000)
    const node = c.sim.nodes.find((n) => n.name === 'node-1')!
    const sandbox = Object.values((c.sim.component('kubelet/node-1') as Kubelet).runtime.pods)[0].sandbox!.id
    const chain = dnatChainName(sandbox)
    expect(chain).toBe(`CNI-DN-${createHash('sha512').update(`cbr0${sandbox}`).digest('hex').slice(0, 21)}`)
    expect(portmapRules(c.sim, node).map((r) => renderRule(r.rule))).toEqual([
      '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
      '-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000',
      '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
      `-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"${sandbox}\\"" -m multiport --dports 8087 -j ${chain}`,
      `-A ${chain} -s 10.244.1.0/24 -p tcp -m tcp --dport 8087 -j CNI-HOSTPORT-SETMARK`,
      `-A ${chain} -s 127.0.0.1/32 -p tcp -m tcp --dport 8087 -j CNI-HOSTPORT-SETMARK`,
      `-A ${chain} -p tcp -m tcp --dport 8087 -j DNAT --to-destination 10.244.1.2:8086`,
    ])
    expect(portmapRules(c.sim, c.sim.nodes.find((n) => n.name === 'node-2')!)).toEqual([])
  })

  it('one multiport entry per protocol and 15 ports, each inserted at the top; every port reaches the pod', () => {
    const tcp = Array.from({ length: 16 }, (_, i) => 9000 + i)
    const ports = [...tcp.map((p) => `    - { containerPort: ${p}, hostPort: ${p} }`), '    - { containerPort: 8125, hostPort: 8125, protocol: UDP }'].join('\n')
    const c = Cluster.create({ systemPods: false })
    c.apply(`apiVersion: v1\nkind: Pod\nmetadata: { name: many }\nspec:\n  nodeName: node-1\n  containers:\n  - name: web\n    image: nginx\n    ports:\n${ports}\n`)
    c.advance(30_000)
    const node = c.sim.nodes.find((n) => n.name === 'node-1')!
    const sandbox = Object.values((c.sim.component('kubelet/node-1') as Kubelet).runtime.pods)[0].sandbox!.id
    const comment = `-m comment --comment "dnat name: \\"cbr0\\" id: \\"${sandbox}\\""`
    const entries = portmapRules(c.sim, node).map((r) => renderRule(r.rule)).filter((r) => r.startsWith('-A CNI-HOSTPORT-DNAT'))
    expect(entries).toEqual([
      `-A CNI-HOSTPORT-DNAT -p udp ${comment} -m multiport --dports 8125 -j ${dnatChainName(sandbox)}`,
      `-A CNI-HOSTPORT-DNAT -p tcp ${comment} -m multiport --dports 9015 -j ${dnatChainName(sandbox)}`,
      `-A CNI-HOSTPORT-DNAT -p tcp ${comment} -m multiport --dports ${tcp.slice(0, 15).join(',')} -j ${dnatChainName(sandbox)}`,
    ])
    for (const port of [9003, 9015]) {
      const r = sendRequest(c.sim, { from: 'outside', url: `http://192.168.49.3:${port}/` })
      expect(r.ok && r.value.rules.some((m) => m.rule.includes(`-m multiport --dports`) && m.chain === 'CNI-HOSTPORT-DNAT')).toBe(true)
      const podIP = (c.get('pods', 'many')?.status as { podIP: string }).podIP
      expect(r.ok && r.value.rules.some((m) => m.rule.endsWith(`-j DNAT --to-destination ${podIP}:${port}`))).toBe(true)
    }
  })

  it('reaches the pod at its node\'s IP:8087 and at 127.0.0.1:8087 on that node, as the course document curls it', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(influxdb)
    c.advance(30_000)
    const onNode = sendRequest(c.sim, { from: { node: 'node-1' }, url: 'http://127.0.0.1:8087/health' })
    expect(onNode.ok && [onNode.value.exitCode, onNode.value.answeredBy?.pod, onNode.value.response?.status, onNode.value.dnat?.to]).toEqual([0, 'influxdb', 200, '10.244.1.2:8086'])
    const outside = sendRequest(c.sim, { from: 'outside', url: 'http://192.168.49.3:8087/ping' })
    expect(outside.ok && [outside.value.exitCode, outside.value.response?.status]).toEqual([0, 204])
    // Only that node: the other node has no rule for 8087 and nothing listens there.
    const other = sendRequest(c.sim, { from: 'outside', url: 'http://192.168.49.4:8087/ping' })
    expect(other.ok && other.value.exitCode).toBe(7)
  })

  it('moves to the new pod IP when the sandbox is re-created', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(influxdb)
    c.advance(30_000)
    ;(c.sim.component('kubelet/node-1') as Kubelet).killSandbox(c.get('pod', 'influxdb')!.metadata.uid)
    c.advance(10_000)
    const r = sendRequest(c.sim, { from: 'outside', url: 'http://192.168.49.3:8087/ping' })
    expect(r.ok && [r.value.exitCode, r.value.dnat?.to]).toEqual([0, '10.244.1.3:8086'])
  })
})

describe('hostNetwork', () => {
  it('gives the pod its node\'s IP, and the scheduler puts two pods with one port on different nodes', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply([hostNetworkPod('a'), hostNetworkPod('b'), hostNetworkPod('c')].join('---\n'))
    c.advance(30_000)
    const rows = c.kubectl('get pods -o wide').stdout.split('\n').slice(1, -1).map((l) => l.split(/\s+/))
    const placed = rows.filter((r) => r[2] === 'Running').map((r) => [r[5], r[6]]).sort()
    expect(placed).toEqual([['192.168.49.3', 'node-1'], ['192.168.49.4', 'node-2']])
    const pending = rows.find((r) => r[2] === 'Pending')!
    const events = c.list('events', { namespace: 'default', fieldSelector: `involvedObject.name=${pending[0]},reason=FailedScheduling` }) as unknown as { message: string }[]
    expect(events[0].message).toContain("2 node(s) didn't have free ports for the requested pod ports")
  })

  it('answers on the node\'s IP at the container port', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(hostNetworkPod('a'))
    c.advance(30_000)
    const ip = (c.get('pod', 'a')!.status as { podIP: string }).podIP
    const r = sendRequest(c.sim, { from: 'outside', url: `http://${ip}:8086/ping` })
    expect(r.ok && [r.value.exitCode, r.value.answeredBy?.pod, r.value.response?.status]).toEqual([0, 'a', 204])
    expect(c.kubectl('exec a -- hostname').stdout).toBe(`${(c.get('pod', 'a')!.spec as { nodeName: string }).nodeName}\n`)
  })
})
