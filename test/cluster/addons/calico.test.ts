import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1.js'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { CALICO_CNI_NETWORK_CONFIG, calicoManifests, installCalico } from '../../../src/cluster/addons/calico.js'
import { lookupImage } from '../../../src/cluster/runtime/images.js'
import { planContainer } from '../../../src/cluster/runtime/shell.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

/** A BGP underlay cluster without kubeadm's system pods, so that the test installs Calico itself. */
function clusterWithCalico(workers: number): SimulatedCluster {
  const c = SimulatedCluster.create({ seed: 1, workers, startTime: T0, components: true, systemPods: false, network: { cni: 'underlay', routing: 'bgp' } })
  installCalico(c.api)
  return c
}

const kubectl = (c: SimulatedCluster, line: string) => runKubectl(c, line.split(' '), memoryIO({}))

function pods(c: SimulatedCluster, labelSelector: string): Pod[] {
  const list = c.api.list('system:admin', 'pods', { namespace: 'kube-system', labelSelector })
  if (!list.ok) throw new Error(list.error.message)
  return list.value.items as Pod[]
}

type PodSpecShape = {
  hostNetwork?: boolean
  priorityClassName: string
  tolerations: unknown
  terminationGracePeriodSeconds?: number
  initContainers?: { name: string; image: string; command: string[] }[]
  containers: { name: string; image: string; env: { name: string; value?: string; valueFrom?: unknown }[]; readinessProbe: unknown }[]
}
const templateOf = (o: unknown): PodSpecShape => (o as { spec: { template: { spec: PodSpecShape } } }).spec.template.spec

describe('Calico v3.29.7 as calico.yaml installs it, for the BGP underlay', () => {
  it("is calico.yaml's ServiceAccounts, ConfigMap, DaemonSet and Deployment, in its order", () => {
    const objects = calicoManifests()
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'ServiceAccount/calico-kube-controllers', 'ServiceAccount/calico-node', 'ServiceAccount/calico-cni-plugin',
      'ConfigMap/calico-config', 'DaemonSet/calico-node', 'Deployment/calico-kube-controllers',
    ])
    expect((objects[3] as { data: Record<string, string> }).data).toEqual({ typha_service_name: 'none', calico_backend: 'bird', veth_mtu: '0', cni_network_config: CALICO_CNI_NETWORK_CONFIG })
    const node = templateOf(objects[4])
    expect(node.hostNetwork).toBe(true)
    expect(node.priorityClassName).toBe('system-node-critical')
    expect(node.terminationGracePeriodSeconds).toBe(0)
    expect(node.tolerations).toEqual([{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }])
    expect(node.initContainers?.map((i) => [i.name, i.image, i.command.join(' ')])).toEqual([
      ['upgrade-ipam', 'docker.io/calico/cni:v3.29.7', '/opt/cni/bin/calico-ipam -upgrade'],
      ['install-cni', 'docker.io/calico/cni:v3.29.7', '/opt/cni/bin/install'],
      ['mount-bpffs', 'docker.io/calico/node:v3.29.7', 'calico-node -init -best-effort'],
    ])
    const env = Object.fromEntries(node.containers[0].env.map((e) => [e.name, e.value ?? e.valueFrom]))
    expect(env.CALICO_IPV4POOL_IPIP).toBe('Never')
    expect(env.CALICO_IPV4POOL_VXLAN).toBe('Never')
    expect(env.CLUSTER_TYPE).toBe('k8s,bgp')
    expect(env.CALICO_NETWORKING_BACKEND).toEqual({ configMapKeyRef: { name: 'calico-config', key: 'calico_backend' } })
    expect(node.containers[0].readinessProbe).toEqual({ exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] }, periodSeconds: 10, timeoutSeconds: 10 })
    const controllers = templateOf(objects[5])
    expect(controllers.priorityClassName).toBe('system-cluster-critical')
    expect(controllers.tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ])
  })

  it('runs calico-node on every node, Ready after its exec probe, with its three init containers Completed', () => {
    const c = clusterWithCalico(2)
    c.advance(120_000)
    const nodes = pods(c, 'k8s-app=calico-node')
    expect(nodes.map((p) => [p.spec?.nodeName, p.status?.phase, p.status?.podIP]).sort()).toEqual([
      ['control-plane', 'Running', '192.168.49.2'],
      ['node-1', 'Running', '192.168.49.3'],
      ['node-2', 'Running', '192.168.49.4'],
    ])
    for (const p of nodes) {
      expect(p.status?.initContainerStatuses?.map((s) => [s.name, s.state?.terminated?.reason, s.state?.terminated?.exitCode])).toEqual([
        ['upgrade-ipam', 'Completed', 0],
        ['install-cni', 'Completed', 0],
        ['mount-bpffs', 'Completed', 0],
      ])
      expect(p.status?.containerStatuses?.map((s) => [s.name, s.ready, !!s.state?.running, s.restartCount])).toEqual([['calico-node', true, true, 0]])
    }
    expect(kubectl(c, 'get ds calico-node -n kube-system').stdout).toBe(
      'NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'calico-node   3         3         3       3            3           kubernetes.io/os=linux   2m\n',
    )
    expect(kubectl(c, 'get deploy calico-kube-controllers -n kube-system').stdout).toBe(
      'NAME                      READY   UP-TO-DATE   AVAILABLE   AGE\n' + 'calico-kube-controllers   1/1     1            1           2m\n',
    )
    const [controller] = pods(c, 'k8s-app=calico-kube-controllers')
    expect(controller.status?.containerStatuses?.map((s) => [s.name, s.ready, !!s.state?.running])).toEqual([['calico-kube-controllers', true, true]])
  })

  it('shows no pod Ready before calico/node is pulled (the largest image, about 12 s at the modelled bandwidth)', () => {
    const c = clusterWithCalico(1)
    c.advance(10_000)
    expect(kubectl(c, 'get ds calico-node -n kube-system').stdout.split('\n')[1]).toBe('calico-node   2         2         0       2            0           kubernetes.io/os=linux   10s')
  })

  it.each([
    { image: 'docker.io/calico/cni:v3.29.7', command: ['/opt/cni/bin/calico-ipam', '-upgrade'], exit: { at: 200, code: 0 }, logs: [] },
    { image: 'docker.io/calico/cni:v3.29.7', command: ['/opt/cni/bin/install'], exit: { at: 1000, code: 0 }, logs: [] },
    { image: 'docker.io/calico/node:v3.29.7', command: ['calico-node', '-init', '-best-effort'], exit: { at: 300, code: 0 }, logs: [] },
    { image: 'docker.io/calico/node:v3.29.7', command: ['/bin/calico-node', '-felix-ready', '-bird-ready'], exit: { at: 50, code: 0 }, logs: [] },
    { image: 'docker.io/calico/node:v3.29.7', command: ['calico-node', '-v'], exit: { at: 0, code: 0 }, logs: ['v3.29.7'] },
    { image: 'docker.io/calico/node:v3.29.7', command: ['calico-node'], exit: { at: 0, code: 1 }, logs: ['No valid options provided. Usage:'] },
    {
      image: 'docker.io/calico/node:v3.29.7', command: ['start_runit'], exit: undefined,
      // rc.local's `calico-node -startup` (the node's name is filled in when the log is read: system-logs.test.ts)
      logs: [
        'startup.go 439: Early log level set to info', 'utils.go 126: Using NODENAME environment for node name {{node.name}}', 'utils.go 138: Determined node name: {{node.name}}',
        'startup.go 95: Starting node {{node.name}} with version v3.29.7', 'startup.go 444: Checking datastore connection', 'startup.go 468: Datastore connection verified', 'startup.go 105: Datastore is ready',
      ].map((l) => `[INFO][9] startup/${l}`),
    },
    { image: 'docker.io/calico/kube-controllers:v3.29.7', command: ['/usr/bin/check-status', '-r'], exit: { at: 10, code: 0 }, logs: [] },
  ])('$command.0 $command.1 in $image: exit $exit.code', ({ image, command, exit, logs }) => {
    const found = lookupImage(image)
    if (!found.ok) throw new Error(found.error.message)
    const plan = planContainer({ image: found.value, spec: { command } })
    if (plan.kind !== 'process') throw new Error(plan.message)
    expect(plan.exit).toEqual(exit)
    expect(plan.logs.map((l) => l.text)).toEqual(logs)
  })
})
