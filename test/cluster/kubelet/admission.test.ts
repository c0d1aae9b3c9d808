// The kubelet's admission (scheduler.AdmissionCheck): resources first, then node affinity, then
// host ports against the pods it already admitted.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { deepFreeze } from '../../../src/cluster/etcd.js'
import { admitPod } from '../../../src/cluster/kubelet/admission.js'
import { clusterNodes } from '../scheduler/fixtures.js'

const pod = (name: string, o: { hostPort?: number; cpu?: string } = {}): Pod =>
  deepFreeze({
    metadata: { name, namespace: 'default', uid: name },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'nginx:1.27',
          ...(o.cpu ? { resources: { requests: { cpu: o.cpu } } } : {}),
          ...(o.hostPort ? { ports: [{ containerPort: 80, hostPort: o.hostPort }] } : {}),
        },
      ],
    },
  }) as Pod

describe('admitPod', () => {
  const [, node] = clusterNodes(1)

  it('refuses a host port an admitted pod holds, and admits a pod without host ports beside it', () => {
    const admitted = [pod('a', { hostPort: 8080 }), pod('b')]
    expect(admitPod(pod('c', { hostPort: 8080 }), node, admitted)).toEqual({ reason: 'NodePorts', message: "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports" })
    expect(admitPod(pod('d', { hostPort: 8081 }), node, admitted)).toBeUndefined()
    expect(admitPod(pod('e'), node, admitted)).toBeUndefined()
  })

  it('adds up the requests of the admitted pods, every time (stored specs remembered)', () => {
    const admitted = [pod('a', { cpu: '1500m' })]
    for (let i = 0; i < 2; i++)
      expect(admitPod(pod('b', { cpu: '600m' }), node, admitted)).toEqual({
        reason: 'OutOfcpu',
        message: 'Node didn\'t have enough resource: cpu, requested: 600, used: 1500, capacity: 2000',
      })
    expect(admitPod(pod('c', { cpu: '500m' }), node, admitted)).toBeUndefined()
  })
})

describe("the control-plane node's kubelet", () => {
  it('counts the static pods it runs (their mirror pods) among the admitted ones', async () => {
    const { Cluster } = await import('../../../src/index.js')
    const c = Cluster.create({ seed: 1, workers: 2 })
    // Requests on control-plane: etcd 100m, kube-apiserver 250m, kube-controller-manager 200m,
    // kube-scheduler 100m (static pods), CoreDNS 2 × 100m, flannel 100m: 950m of its 2 CPUs.
    c.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'big' },
      spec: { nodeName: 'control-plane', tolerations: [{ operator: 'Exists' }], containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '1500m' } } }] },
    })
    c.advance('5s')
    const status = c.get('pods', 'big')?.status as Pod['status']
    expect(status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 1500, used: 950, capacity: 2000" })
  })
})

describe('admission against the node taints', () => {
  it('rejects a pod bound by name to a node with a NoExecute taint it does not tolerate, and minds no NoSchedule taint', async () => {
    const { Cluster } = await import('../../../src/index.js')
    const c = Cluster.create({ seed: 1, workers: 2 })
    c.sim.api.patch('test', 'nodes', undefined, 'node-1', { spec: { taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] } }, 'merge')
    c.sim.api.patch('test', 'nodes', undefined, 'node-2', { spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] } }, 'merge')
    const pinned = (name: string, nodeName: string, tolerations: unknown[] = []) =>
      c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, tolerations, containers: [{ name: 'c', image: 'nginx:1.27' }] } })
    pinned('refused', 'node-1')
    pinned('tolerated', 'node-1', [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }])
    pinned('scheduling-only', 'node-2')
    c.advance('10s')
    const status = (name: string) => c.get('pods', name)?.status as Pod['status']
    // The taint eviction controller asked it to go as it was created; rejected, it goes at once.
    expect(status('refused')).toBeUndefined()
    const events = c.list('events', { namespace: 'default' }).filter((e) => (e.involvedObject as { name: string }).name === 'refused')
    expect(events.map((e) => `${String(e.reason)}: ${String(e.message)}`)).toEqual([
      'TaintManagerEviction: Marking for deletion Pod default/refused',
      "TaintToleration: Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate",
    ])
    expect(status('tolerated')?.phase).toBe('Running')
    expect(status('scheduling-only')?.phase).toBe('Running')
  })
})
