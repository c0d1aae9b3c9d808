// The boot phase: a cluster is made as kubeadm makes one (init, the add-ons, the CNI, the workers
// joining) and by its start time every system pod runs, as on a fresh kubeadm or kind cluster.
import { describe, expect, it } from 'vitest'
import { BOOT, CONTROL_PLANE_ONLY, SimulatedCluster } from '../../src/cluster/cluster.js'
import { memoryIO } from '../../src/kubectl/io.js'
import { runKubectl } from '../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)
const kubectl = (c: SimulatedCluster, line: string): string => runKubectl(c, line.split(' '), memoryIO({})).stdout
/** NAME, READY, STATUS, NODE of `get pods -A -o wide`, generated suffixes as `*`. */
function pods(c: SimulatedCluster): string[] {
  return kubectl(c, 'get pods -A -o wide')
    .split('\n')
    .slice(1, -1)
    .map((l) => l.split(/ +/))
    .map((f) => [f[0], f[1].replace(/^(kube-flannel-ds|kube-proxy)-[a-z0-9]{5}$/, '$1-*').replace(/^coredns-[a-z0-9]+-[a-z0-9]{5}$/, 'coredns-*-*'), f[2], f[3], f[7]].join(' '))
}

describe('a new cluster', () => {
  it('runs kubeadm\'s system pods by its start time: CoreDNS on the control plane, kube-proxy and flannel on every node', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    expect(c.now()).toBe(T0)
    expect(pods(c).sort()).toEqual(
      [
        'kube-flannel kube-flannel-ds-* 1/1 Running control-plane',
        'kube-flannel kube-flannel-ds-* 1/1 Running node-1',
        'kube-flannel kube-flannel-ds-* 1/1 Running node-2',
        'kube-system coredns-*-* 1/1 Running control-plane',
        'kube-system coredns-*-* 1/1 Running control-plane',
        'kube-system etcd-control-plane 1/1 Running control-plane',
        'kube-system kube-apiserver-control-plane 1/1 Running control-plane',
        'kube-system kube-controller-manager-control-plane 1/1 Running control-plane',
        'kube-system kube-proxy-* 1/1 Running control-plane',
        'kube-system kube-proxy-* 1/1 Running node-1',
        'kube-system kube-proxy-* 1/1 Running node-2',
        'kube-system kube-scheduler-control-plane 1/1 Running control-plane',
      ].sort(),
    )
    // kubeadm init 90 s before the start, the workers 30 s later.
    expect(kubectl(c, 'get nodes')).toBe(
      [
        'NAME            STATUS   ROLES           AGE   VERSION',
        'control-plane   Ready    control-plane   90s   v1.32.4',
        'node-1          Ready    <none>          60s   v1.32.4',
        'node-2          Ready    <none>          60s   v1.32.4',
        '',
      ].join('\n'),
    )
    expect(BOOT).toEqual({ init: 90_000, join: 60_000 })
    expect(kubectl(c, 'get deploy,ds -A')).toBe(
      [
        'NAMESPACE     NAME                      READY   UP-TO-DATE   AVAILABLE   AGE',
        'kube-system   deployment.apps/coredns   2/2     2            2           90s',
        '',
        'NAMESPACE      NAME                             DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'kube-flannel   daemonset.apps/kube-flannel-ds   3         3         3       3            3           <none>                   90s',
        'kube-system    daemonset.apps/kube-proxy        3         3         3       3            3           kubernetes.io/os=linux   90s',
        '',
      ].join('\n'),
    )
  })

  it('finds the control plane\'s images present (kubeadm init pulls them first); a worker pulls kube-proxy', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    const events = kubectl(c, 'get events -n kube-system --field-selector reason=Pulled -o custom-columns=POD:.involvedObject.name,MESSAGE:.message')
    const lines = events.split('\n').slice(1, -1)
    const onControlPlane = (pod: string): boolean => (c.object('pods', 'kube-system', pod)?.spec as { nodeName?: string } | undefined)?.nodeName === 'control-plane'
    for (const line of lines) {
      const [pod, ...message] = line.split(/ +/)
      const text = message.join(' ')
      if (onControlPlane(pod)) expect(text).toMatch(/^Container image "registry\.k8s\.io\/(coredns\/coredns:v1\.11\.3|kube-proxy:v1\.32\.4)" already present on machine$/)
      else expect(text).toMatch(/^Successfully pulled image "registry\.k8s\.io\/kube-proxy:v1\.32\.4" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 30908429 bytes\.$/)
    }
    expect(lines.filter((l) => l.startsWith('kube-proxy-')).length).toBe(3)
  })

  it('registers each node once (RegisteredNode from the node controller)', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    const registered = kubectl(c, 'get events --field-selector reason=RegisteredNode -o custom-columns=NODE:.involvedObject.name,COUNT:.count')
    expect(registered).toBe('NODE            COUNT\ncontrol-plane   1\nnode-1          1\nnode-2          1\n')
  })

  it('answers DNS through CoreDNS: without a ready CoreDNS pod a name is not resolved', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    runKubectl(c, ['run', 'client', '--image=busybox:1.37', '--', 'sleep', '3600'], memoryIO({}))
    c.advance(20_000)
    expect(kubectl(c, 'exec client -- nslookup kubernetes.default')).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
    )
    runKubectl(c, ['scale', 'deployment', 'coredns', '-n', 'kube-system', '--replicas=0'], memoryIO({}))
    c.advance(40_000)
    const r = runKubectl(c, ['exec', 'client', '--', 'nslookup', 'kubernetes.default'], memoryIO({}))
    expect([r.stdout, r.exitCode]).toEqual([';; connection timed out; no servers could be reached\n\n', 1])
  })

  it('is the same cluster for the same seed', () => {
    const a = SimulatedCluster.create({ startTime: T0, seed: 9 }).snapshot()
    const b = SimulatedCluster.create({ startTime: T0, seed: 9 }).snapshot()
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it('made long ago (bootedAt) has old nodes and system pods made in the last minutes before the start', () => {
    const c = SimulatedCluster.create({ startTime: T0, bootedAt: T0 - 3 * 86_400_000, seed: 4 })
    expect(kubectl(c, 'get nodes')).toContain('control-plane   Ready    control-plane   3d    v1.32.4\n')
    expect(kubectl(c, 'get deploy coredns -n kube-system')).toBe('NAME      READY   UP-TO-DATE   AVAILABLE   AGE\ncoredns   2/2     2            2           90s\n')
  })

  it('has none without every component running, or when asked for a bare cluster', () => {
    for (const c of [
      SimulatedCluster.create({ startTime: T0, seed: 4, components: CONTROL_PLANE_ONLY }),
      SimulatedCluster.create({ startTime: T0, seed: 4, systemPods: false }),
    ]) {
      expect(pods(c)).toEqual([
        'kube-system etcd-control-plane 1/1 Running control-plane',
        'kube-system kube-apiserver-control-plane 1/1 Running control-plane',
        'kube-system kube-controller-manager-control-plane 1/1 Running control-plane',
        'kube-system kube-scheduler-control-plane 1/1 Running control-plane',
      ])
      expect(kubectl(c, 'get nodes')).toContain('control-plane   Ready    control-plane   0s    v1.32.4\n')
    }
  })

  it('under the host-gw underlay runs flannel with its host-gw backend', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4, network: { cni: 'underlay', routing: 'host-gw' } })
    expect(kubectl(c, 'get cm kube-flannel-cfg -n kube-flannel -o jsonpath={.data.net-conf\\.json}')).toContain('"Type": "host-gw"')
    expect(pods(c).filter((p) => p.startsWith('kube-flannel ')).length).toBe(3)
  })
})

describe("kube-proxy's birth cry", () => {
  /** The Starting events kube-proxy wrote (events.k8s.io: eventTime, no timestamps), as `node time` lines. */
  const starts = (c: SimulatedCluster): string[] =>
    kubectl(c, 'get events --field-selector reason=Starting,reportingComponent=kube-proxy -o custom-columns=NODE:.involvedObject.name,TIME:.eventTime')
      .split('\n')
      .slice(1, -1)
      .map((l) => l.replace(/ +/, ' '))

  it('comes when its pod\'s container runs on the node, and describe node lists it first, without a message', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    const running = (node: string): string => {
      const pod = c.api.list('test', 'pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-proxy', fieldSelector: `spec.nodeName=${node}` })
      const status = pod.ok ? (pod.value.items[0] as { status?: { containerStatuses?: { state?: { running?: { startedAt?: string } } }[] } }).status : undefined
      return status?.containerStatuses?.[0]?.state?.running?.startedAt ?? ''
    }
    const lines = starts(c)
    expect(lines).toHaveLength(3)
    for (const node of ['control-plane', 'node-1', 'node-2']) {
      const line = lines.find((l) => l.startsWith(`${node} `))!
      // eventTime is MicroTime; the container started within the second the status says.
      expect(Date.parse(line.split(' ')[1]) - Date.parse(running(node))).toBeGreaterThanOrEqual(0)
      expect(Date.parse(line.split(' ')[1]) - Date.parse(running(node))).toBeLessThan(1000)
    }
    const event = c.api.list('test', 'events', { namespace: 'default', fieldSelector: 'involvedObject.name=node-1,reason=Starting,reportingComponent=kube-proxy' })
    expect(event.ok && event.value.items[0]).toMatchObject({
      action: 'StartKubeProxy',
      involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1' },
      reportingComponent: 'kube-proxy',
      reportingInstance: 'kube-proxy-node-1',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
    })
    expect(event.ok && 'message' in event.value.items[0]).toBe(false)
    const described = kubectl(c, 'describe node node-1').split('Events:\n')[1].split('\n')
    expect(described[2]).toMatch(/^ {2}Normal {2}Starting {17}\d+s {3}kube-proxy {7}$/)
    expect(described[3]).toMatch(/RegisteredNode/)
  })

  it('comes again when kube-proxy is started again, a new event each time (a new process has no series)', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    for (let i = 0; i < 2; i++) {
      c.stop('kube-proxy/node-2')
      c.advance(10_000)
      c.start('kube-proxy/node-2')
      c.advance(10_000)
    }
    expect(starts(c).filter((l) => l.startsWith('node-2 ')).map((l) => l.split(' ')[1])).toEqual(expect.arrayContaining(['2026-11-25T08:00:10.000000Z', '2026-11-25T08:00:30.000000Z']))
    expect(starts(c).filter((l) => l.startsWith('node-2 '))).toHaveLength(3)
  })

  it('a restored cluster does not cry again', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 4 })
    const copy = SimulatedCluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    copy.advance(60_000)
    expect(starts(copy)).toEqual(starts(c))
  })
})
