// A node is NotReady until its container runtime has a CNI config: the kubelet registers it with
// Ready=False (KubeletNotReady, containerd's "cni plugin not initialized"), the node controller taints
// it not-ready, pods that need the pod network get no sandbox, and once the CNI's install-cni
// container has written its config the kubelet's next runtime check (every 5 s from its start) sees
// it and the node turns Ready, with the one NodeReady event (kubelet nodestatus setters).
import type { Node, Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { NETWORK_NOT_READY, nextRuntimeCheck } from '../../../src/cluster/kubelet/network.js'
import { Cluster } from '../../../src/index.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
/** RFC 3339 to the second, as a condition's or an event's time is written. */
const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
const kubectl = (c: Cluster, line: string): string => c.kubectl(line).stdout

/** Every version the node had, oldest first (etcd's history, replayed by a watch from revision 1). */
function versions(c: Cluster, node: string): Node[] {
  const out: Node[] = []
  const stop = c.sim.etcd.watch(`/registry/minions/${node}`, 1, (e) => {
    if (e.type !== 'DELETED') out.push(e.value as Node)
  })
  stop?.()
  return out
}

const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')
const taints = (n: Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort()

describe('a node without a CNI config', () => {
  it('registers NotReady with containerd\'s reason, is tainted not-ready, and turns Ready at the runtime check after install-cni wrote the config', () => {
    const c = Cluster.create({ startTime: T0, seed: 4 })
    const joined = T0 - 60_000
    const history = versions(c, 'node-1')
    expect(history[0].metadata?.creationTimestamp).toBe(at(joined))
    expect(ready(history[0])).toEqual({
      type: 'Ready',
      status: 'False',
      lastHeartbeatTime: at(joined),
      lastTransitionTime: at(joined),
      reason: 'KubeletNotReady',
      message: NETWORK_NOT_READY,
    })
    expect(NETWORK_NOT_READY).toBe(
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    )
    // While NotReady the node controller taints it (NoSchedule mirrors the condition; NoExecute once observed).
    const notReady = history.filter((n) => ready(n)?.status === 'False')
    expect(notReady.map(taints)).toContainEqual(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/not-ready:NoSchedule'])

    // flannel's install-cni init container copies the config into the hostPath /etc/cni/net.d.
    const flannel = (c.list('pods', { namespace: 'kube-flannel' }) as Pod[]).find((p) => p.spec?.nodeName === 'node-1')!
    const installCni = flannel.status?.initContainerStatuses?.find((s) => s.name === 'install-cni')
    const written = Date.parse(installCni!.state!.terminated!.finishedAt!)
    expect(installCni?.state?.terminated?.exitCode).toBe(0)
    // In its first 2 minutes the kubelet's fast status loop checks the runtime every 100 ms.
    const seen = nextRuntimeCheck(joined, written)
    expect(seen).toBeGreaterThanOrEqual(written)
    expect(seen - written).toBeLessThan(100)
    expect((seen - joined) % 100).toBe(0)

    const firstReady = history.find((n) => ready(n)?.status === 'True')!
    expect(ready(firstReady)).toEqual({
      type: 'Ready',
      status: 'True',
      lastHeartbeatTime: at(seen),
      lastTransitionTime: at(seen),
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
    })
    // The pressure conditions did not change: their lastTransitionTime stays the registration's.
    expect(firstReady.status?.conditions?.filter((x) => x.type !== 'Ready').map((x) => x.lastTransitionTime)).toEqual([at(joined), at(joined), at(joined)])
    const now = c.get('node', 'node-1') as Node
    expect(taints(now)).toEqual([])
    expect(kubectl(c, 'get nodes node-1')).toBe('NAME     STATUS   ROLES    AGE   VERSION\nnode-1   Ready    <none>   60s   v1.32.4\n')
  })

  it('records NodeReady once, when Ready turns True, not at registration', () => {
    const c = Cluster.create({ startTime: T0, seed: 4 })
    const out = kubectl(c, 'get events --field-selector involvedObject.name=node-1 -o custom-columns=REASON:.reason,FROM:.source.component,COUNT:.count,FIRST:.firstTimestamp')
    const rows = out.split('\n').slice(1, -1).map((l) => l.split(/ +/))
    const kubeletReasons = rows.filter((r) => r[1] === 'kubelet').map((r) => r[0])
    expect(kubeletReasons).toEqual(['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'NodeReady'])
    const nodeReady = rows.find((r) => r[0] === 'NodeReady')!
    const readyAt = Date.parse(ready(c.get('node', 'node-1') as Node)!.lastTransitionTime!)
    expect(nodeReady.slice(2)).toEqual(['1', at(readyAt)])
    expect(readyAt).toBeGreaterThan(T0 - 60_000)
  })

  it('keeps CoreDNS Pending on the NotReady control plane with the scheduler\'s real message, then schedules it as the taint goes', () => {
    const c = Cluster.create({ startTime: T0, seed: 4 })
    const out = kubectl(c, 'get events -n kube-system --field-selector involvedObject.kind=Pod -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name,MESSAGE:.message')
    const coredns = out.split('\n').filter((l) => / coredns-/.test(l) && /FailedScheduling|Scheduled|TaintManagerEviction/.test(l))
    // One per pod: the node controller's NoExecute not-ready taint, added meanwhile, leaves the
    // NoSchedule one in place, so TaintToleration's queueing hint does not try the pods again;
    // the NoSchedule taint's removal does.
    const failed = coredns.filter((l) => l.startsWith('FailedScheduling'))
    expect(failed.length).toBe(2)
    for (const l of failed)
      expect(l).toMatch(
        / 0\/1 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/not-ready: \}\. preemption: 0\/1 nodes are available: 1 Preemption is not helpful for scheduling\.$/,
      )
    // Scheduled when the NoSchedule taint goes (the node's Ready post); the NoExecute taint, which
    // CoreDNS tolerates for 300 s, goes at the node controller's next pass: its eviction is cancelled.
    expect(coredns.filter((l) => l.startsWith('TaintManagerEviction')).map((l) => l.replace(/ +/g, ' ').replace(/coredns-\w+-\w+/g, 'coredns-*'))).toEqual([
      'TaintManagerEviction coredns-* Cancelling deletion of Pod kube-system/coredns-*',
      'TaintManagerEviction coredns-* Cancelling deletion of Pod kube-system/coredns-*',
    ])
    const cpReady = Date.parse(ready(c.get('node', 'control-plane') as Node)!.lastTransitionTime!)
    for (const p of (c.list('pods', { namespace: 'kube-system' }) as Pod[]).filter((p) => p.metadata?.name?.startsWith('coredns-')))
      expect(p.status?.conditions?.find((x) => x.type === 'PodScheduled')?.lastTransitionTime).toBe(at(cpReady))
  })
})

describe('a node whose CNI config is lost', () => {
  /** The cluster with node-1's CNI config gone from its disk (as if someone removed /etc/cni/net.d/10-flannel.conflist). */
  function withoutCniConfig(): Cluster {
    const s = Cluster.create({ startTime: T0, seed: 4 }).snapshot()
    const kubelet = s.components['kubelet/node-1'].state as { state: { cni?: unknown } }
    delete kubelet.state.cni
    return Cluster.restore(s)
  }

  it('goes NotReady at its next status sync (NodeNotReady), and a pod bound to it gets no sandbox: NetworkNotReady, retried', () => {
    const c = withoutCniConfig()
    c.advance(10_000)
    expect(kubectl(c, 'get nodes node-1')).toBe('NAME     STATUS     ROLES    AGE   VERSION\nnode-1   NotReady   <none>   70s   v1.32.4\n')
    expect(kubectl(c, 'get events --field-selector involvedObject.name=node-1,reason=NodeNotReady -o custom-columns=FROM:.source.component,MESSAGE:.message')).toBe(
      'FROM      MESSAGE\nkubelet   Node node-1 status is now: NodeNotReady\n',
    )
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } })
    c.advance(40_000)
    expect(kubectl(c, 'get pod p')).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\np +0\/1 +ContainerCreating +0 +40s\n$/)
    const events = kubectl(c, 'get events --field-selector involvedObject.name=p -o custom-columns=TYPE:.type,REASON:.reason,COUNT:.count,MESSAGE:.message')
    const [header, row, end] = events.split('\n')
    expect(header).toMatch(/^TYPE +REASON +COUNT +MESSAGE$/)
    expect(row).toMatch(new RegExp(`^Warning +NetworkNotReady +[34] +network is not ready: ${NETWORK_NOT_READY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    expect(end).toBe('')
    // A hostNetwork pod needs no pod network: it runs.
    c.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'h', namespace: 'default' },
      spec: { nodeName: 'node-1', hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    })
    c.advance(10_000)
    expect(kubectl(c, 'get pod h -o jsonpath={.status.phase}')).toBe('Running')
  })

  it('turns Ready again once a container writes a config into the hostPath /etc/cni/net.d and exits 0', () => {
    const c = withoutCniConfig()
    c.advance(10_000)
    c.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'install-cni', namespace: 'default' },
      spec: {
        nodeName: 'node-1',
        hostNetwork: true,
        restartPolicy: 'Never',
        containers: [
          { name: 'cp', image: 'busybox:1.36', command: ['cp', '/config/10-flannel.conflist', '/etc/cni/net.d/'], volumeMounts: [{ name: 'cni', mountPath: '/etc/cni/net.d' }] },
        ],
        volumes: [{ name: 'cni', hostPath: { path: '/etc/cni/net.d' } }],
      },
    })
    c.advance(60_000)
    expect(kubectl(c, 'get pod install-cni -o jsonpath={.status.phase}')).toBe('Succeeded')
    // The node had been Ready, so the fast status loop is over: the runtime check (every 5 s) sees
    // the config, and the next status sync (every 10 s, from the kubelet's start at T0 - 60 s) posts it.
    const finished = Date.parse(kubectl(c, 'get pod install-cni -o jsonpath={.status.containerStatuses[0].state.terminated.finishedAt}'))
    const readyAt = Date.parse(ready(c.get('node', 'node-1') as Node)!.lastTransitionTime!)
    expect((readyAt - (T0 - 60_000)) % 10_000).toBe(0)
    expect(readyAt - finished).toBeGreaterThanOrEqual(0)
    expect(readyAt - finished).toBeLessThan(16_000)
    expect(kubectl(c, 'get nodes node-1')).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\nnode-1 +Ready +<none>/)
    const reasons = kubectl(c, 'get events --field-selector involvedObject.name=node-1 -o custom-columns=REASON:.reason,FROM:.source.component,COUNT:.count')
    expect(reasons.split('\n').filter((r) => /^Node(Not)?Ready /.test(r)).map((r) => r.split(/ +/))).toEqual([
      ['NodeReady', 'kubelet', '2'],
      ['NodeNotReady', 'kubelet', '1'],
    ])
  })
})

describe('the kubelet\'s runtime checks', () => {
  it('come every 100 ms in the fast status loop\'s first 2 minutes, then every 5 s', () => {
    expect(nextRuntimeCheck(1_000, 1_000)).toBe(1_000)
    expect(nextRuntimeCheck(1_000, 8_450)).toBe(8_500)
    expect(nextRuntimeCheck(1_000, 120_850)).toBe(120_900)
    expect(nextRuntimeCheck(1_000, 120_950)).toBe(121_000)
    expect(nextRuntimeCheck(1_000, 121_001)).toBe(126_000)
    // After the node was Ready once, the fast loop is over.
    expect(nextRuntimeCheck(1_000, 8_450, false)).toBe(11_000)
  })
})

describe('a snapshot from before the CNI config was modelled', () => {
  it('keeps its nodes Ready: their kubelets had run pods, so the config was there', () => {
    const s = Cluster.create({ startTime: T0, seed: 4 }).snapshot()
    for (const name of ['kubelet/control-plane', 'kubelet/node-1', 'kubelet/node-2']) {
      const kubelet = s.components[name].state as { state: { cni?: unknown; startedAt?: unknown } }
      delete kubelet.state.cni
      delete kubelet.state.startedAt
    }
    const c = Cluster.restore(s)
    c.advance(60_000)
    expect(kubectl(c, 'get nodes')).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\ncontrol-plane +Ready .*\nnode-1 +Ready .*\nnode-2 +Ready .*\n$/)
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } })
    c.advance(20_000)
    expect(kubectl(c, 'get pod p -o jsonpath={.status.phase}')).toBe('Running')
  })
})
