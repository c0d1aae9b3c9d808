// A worker fails: its kubelet stops (as `kubelings cluster fail node/node-1` does), and the control
// plane alone notices, marks the node NotReady, evicts its pods after their toleration and lets the
// ReplicaSet replace them on the node that lives. Every component runs; nothing is written by hand.
// Times (K8S-FACTS §8.4, 1.32 defaults): leases renewed every 10 s; node-monitor-period 5 s;
// node-monitor-grace-period 50 s; the NoExecute taint one pass after the node was seen not ready;
// default tolerations node.kubernetes.io/unreachable:NoExecute for 300 s.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { conditionsOf, eventsOf, play, table, type Look, NARRATED } from './flow.js'

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`

// With seed 1 the scheduler spreads the two replicas over both workers (PodTopologySpread's system
// default constraints, §9); the ReplicaSet's replacement is named by the seeded PRNG.
const ON_NODE_1 = 'web-5c94f75b5d-q7gn7'
const ON_NODE_2 = 'web-5c94f75b5d-v6tm6'
const REPLACEMENT = 'web-5c94f75b5d-jzrvl'

interface NodeView {
  spec: { taints?: { key: string; effect: string; timeAdded?: string }[] }
  status: { conditions: { type: string; status: string; reason: string; message: string }[] }
}
const node = (c: Cluster, name: string): NodeView => c.get('node', name) as unknown as NodeView
const taints = (c: Cluster): string[] => (node(c, 'node-1').spec.taints ?? []).map((t) => `${t.key}:${t.effect}${t.timeAdded ? ` since ${t.timeAdded}` : ''}`)
const nodeConditions = (c: Cluster): string[] => node(c, 'node-1').status.conditions.map((x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`)

const NODES_READY = table(
  'NAME            STATUS   ROLES           AGE   VERSION',
  'control-plane   Ready    control-plane   80s   v1.32.4',
  'node-1          Ready    <none>          80s   v1.32.4',
  'node-2          Ready    <none>          80s   v1.32.4',
)

const looks: Look[] = [
  {
    at: 30,
    kubectl: 'get pods -o wide',
    want: table(
      'NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
      `${ON_NODE_1}   1/1     Running   0          30s   10.244.1.2   node-1   <none>           <none>`,
      `${ON_NODE_2}   1/1     Running   0          30s   10.244.2.2   node-2   <none>           <none>`,
    ),
    because: 'one replica per worker, each with an IP from its node\'s pod CIDR 10.244.N.0/24',
  },
  { at: 30, act: (c) => void c.sim.stop('kubelet/node-1'), because: 'the kubelet dies right after renewing its lease at 30 s' },
  {
    at: 80,
    kubectl: 'get nodes',
    want: NODES_READY,
    because: 'at 80 s the lease is exactly 50 s old: not yet MORE than node-monitor-grace-period (tryUpdateNodeHealth, §8.4)',
  },
  {
    at: 85,
    kubectl: 'get nodes',
    want: table(
      'NAME            STATUS     ROLES           AGE   VERSION',
      'control-plane   Ready      control-plane   85s   v1.32.4',
      'node-1          NotReady   <none>          85s   v1.32.4',
      'node-2          Ready      <none>          85s   v1.32.4',
    ),
    because: 'the monitor pass at 85 s sees 55 s without a lease renewal or status: Ready Unknown, shown as NotReady (§8.4)',
  },
  {
    at: 85,
    read: nodeConditions,
    want: [
      'MemoryPressure=Unknown NodeStatusUnknown: Kubelet stopped posting node status.',
      'DiskPressure=Unknown NodeStatusUnknown: Kubelet stopped posting node status.',
      'PIDPressure=Unknown NodeStatusUnknown: Kubelet stopped posting node status.',
      'Ready=Unknown NodeStatusUnknown: Kubelet stopped posting node status.',
    ],
    because: 'tryUpdateNodeHealth sets the four kubelet conditions Unknown (§8.4)',
  },
  {
    at: 85,
    read: (c) => ({ taints: taints(c), ready: conditionsOf(c, ON_NODE_1).find((x) => x.startsWith('Ready=')), events: eventsOf(c, ON_NODE_1).slice(-1), node: eventsOf(c, 'node-1').slice(-1) }),
    want: {
      taints: ['node.kubernetes.io/unreachable:NoSchedule since 2026-01-01T00:01:25Z'],
      ready: 'Ready=False',
      events: ['Warning NodeNotReady (node-controller): Node is not ready'],
      node: ['Normal NodeNotReady (node-controller): Node node-1 status is now: NodeNotReady'],
    },
    because: 'doNoScheduleTaintingPass mirrors the Unknown condition at once; MarkPodsNotReady sets only the pod\'s Ready condition and warns on each pod; RecordNodeStatusChange on the node (§8.4)',
  },
  {
    at: 85,
    kubectl: 'get deployment web',
    want: table('NAME   READY   UP-TO-DATE   AVAILABLE   AGE', 'web    1/2     2            1           85s'),
    because: 'the pod on node-1 is no longer Ready, so its ReplicaSet counts one ready replica (§8.2)',
  },
  {
    at: 90.1,
    read: taints,
    want: ['node.kubernetes.io/unreachable:NoSchedule since 2026-01-01T00:01:25Z', 'node.kubernetes.io/unreachable:NoExecute since 2026-01-01T00:01:30Z'],
    because: 'processTaintBaseEviction reads the condition OBSERVED before the pass, so the pass at 90 s queues the node and doNoExecuteTaintingPass (every 100 ms) taints it (§8.4)',
  },
  {
    at: 390,
    kubectl: 'get pods -o wide',
    want: table(
      'NAME                   READY   STATUS    RESTARTS   AGE     IP           NODE     NOMINATED NODE   READINESS GATES',
      `${ON_NODE_1}   1/1     Running   0          6m30s   10.244.1.2   node-1   <none>           <none>`,
      `${ON_NODE_2}   1/1     Running   0          6m30s   10.244.2.2   node-2   <none>           <none>`,
    ),
    because: 'the pods tolerate node.kubernetes.io/unreachable:NoExecute for 300 s from the taint\'s timeAdded (DefaultTolerationSeconds admission, taint_eviction.go)',
  },
  {
    at: 391,
    kubectl: 'get pods -o wide',
    want: table(
      'NAME                   READY   STATUS              RESTARTS   AGE     IP           NODE     NOMINATED NODE   READINESS GATES',
      `${REPLACEMENT}   0/1     ContainerCreating   0          1s      <none>       node-2   <none>           <none>`,
      `${ON_NODE_1}   1/1     Terminating         0          6m31s   10.244.1.2   node-1   <none>           <none>`,
      `${ON_NODE_2}   1/1     Running             0          6m31s   10.244.2.2   node-2   <none>           <none>`,
    ),
    because: 'evicted at 390.1 s: deleted with its 30 s grace, which the dead kubelet never confirms, so it stays Terminating (never Unknown in 1.32, §2 step 6); the ReplicaSet does not count terminating pods and creates a replacement, which only node-2 can take (untolerated NoSchedule taint on node-1, §9)',
  },
  {
    at: 391,
    read: (c) => ({ conditions: conditionsOf(c, ON_NODE_1).filter((x) => x.startsWith('DisruptionTarget')), events: eventsOf(c, ON_NODE_1).slice(-1) }),
    want: {
      conditions: ['DisruptionTarget=True DeletionByTaintManager: Taint manager: deleting due to NoExecute taint'],
      events: [`Normal TaintManagerEviction (taint-eviction-controller): Marking for deletion Pod default/${ON_NODE_1}`],
    },
    because: 'the taint-eviction controller adds DisruptionTarget before deleting and records TaintManagerEviction (§8.4)',
  },
  {
    at: 392,
    kubectl: 'get deployment web',
    want: table('NAME   READY   UP-TO-DATE   AVAILABLE   AGE', 'web    2/2     2            2           6m32s'),
    because: 'nginx:1.27 is already on node-2 (IfNotPresent), so the replacement runs after its 1 s sandbox and the Deployment is whole again',
  },
  {
    at: 3990,
    kubectl: 'get pods -o wide',
    want: table(
      'NAME                   READY   STATUS        RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
      `${REPLACEMENT}   1/1     Running       0          60m   10.244.2.3   node-2   <none>           <none>`,
      `${ON_NODE_1}   1/1     Terminating   0          66m   10.244.1.2   node-1   <none>           <none>`,
      `${ON_NODE_2}   1/1     Running       0          66m   10.244.2.2   node-2   <none>           <none>`,
    ),
    because: 'an hour later the evicted pod is still Terminating: only its kubelet (or deleting the Node, then PodGC) can finish the deletion (§8.4)',
  },
  { at: 3990, act: (c) => void c.sim.start('kubelet/node-1'), because: 'the node comes back (kubelings cluster recover node/node-1)' },
  {
    at: 4005,
    read: (c) => ({ pods: c.list('pods', { namespace: 'default' }).map((p) => p.metadata.name), ready: node(c, 'node-1').status.conditions.find((x) => x.type === 'Ready')?.status, taints: taints(c) }),
    want: { pods: [REPLACEMENT, ON_NODE_2], ready: 'True', taints: [] },
    because: 'the kubelet sees the deletionTimestamp, stops the container and deletes the pod; it posts Ready, and the next monitor pass removes the NoExecute taint (markNodeAsReachable) as the NoSchedule pass removes the other (§8.4)',
  },
]

describe('a worker whose kubelet stops', () => {
  it('goes NotReady after more than 50 s; its Deployment pod is evicted after the 300 s toleration and comes back on the other worker', () => {
    const c = Cluster.create(NARRATED)
    c.apply(DEPLOYMENT)
    const { seen, wanted } = play(c, looks)
    expect(seen).toEqual(wanted)
  })
})
