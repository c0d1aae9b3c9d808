// The queueing hints of kube-scheduler 1.32's filter plugins, row by row from upstream's
// isSchedulableAfter* functions (pkg/scheduler/framework/plugins/*), and which events a node or
// pod update is (pkg/scheduler/framework/events.go).
import type { Node, Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { Prng } from '../../../src/cluster/prng.js'
import {
  Action,
  isEventOfInterest,
  isPodWorthRequeuing,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
  type ClusterEvent,
  type RejectorPlugin,
} from '../../../src/cluster/scheduler/queueing-hints.js'
import { schedulePod } from '../../../src/cluster/scheduler/schedule.js'

const node = (name: string, o: { cpu?: string; pods?: string; labels?: Record<string, string>; taints?: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never; unschedulable?: boolean } = {}): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
  spec: { taints: o.taints, unschedulable: o.unschedulable },
  status: { allocatable: { cpu: o.cpu ?? '2', memory: '4Gi', pods: o.pods ?? '110' }, capacity: { cpu: o.cpu ?? '2', memory: '4Gi', pods: o.pods ?? '110' } },
})

const pod = (name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, meta: Partial<NonNullable<Pod['metadata']>> = {}): Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
})
const cpu = (n: string) => ({ containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: n } } }] })
const hostPort = (port: number, hostIP?: string) => ({ containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, hostPort: port, hostIP }] }] })

const nodeEvent = (action: number): ClusterEvent => ({ resource: 'Node', action })
const assigned = (action: number): ClusterEvent => ({ resource: 'AssignedPod', action })
const waiting = (action: number): ClusterEvent => ({ resource: 'UnschedulablePod', action })

const TAINT = { key: 'dedicated', value: 'db', effect: 'NoSchedule' as const }
const target = pod('target', cpu('1'))
const tainted = pod('target')
const spreading = pod(
  'target',
  { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] },
  { labels: { app: 'web' } },
)
const affine = pod('target', {
  affinity: {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'db' } } }] },
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] },
  },
})
const bound = (name: string, labels: Record<string, string>, ns = 'default') => pod(name, { nodeName: 'node-1' }, { labels, namespace: ns })

interface Row {
  what: string
  pod: Pod
  rejectors: RejectorPlugin[]
  event: ClusterEvent
  old?: Node | Pod
  new?: Node | Pod
  queue: boolean
}

const rows: Row[] = [
  { what: 'no rejecting plugin (no nodes): any event', pod: target, rejectors: [], event: nodeEvent(Action.UpdateNodeLabel), old: node('n'), new: node('n'), queue: true },
  // NodeResourcesFit
  { what: 'Fit: a node only labelled', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.UpdateNodeLabel), old: node('n'), new: node('n', { labels: { a: 'b' } }), queue: false },
  { what: 'Fit: a node added that the pod fits', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.Add), new: node('n'), queue: true },
  { what: 'Fit: a node added too small', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.Add), new: node('n', { cpu: '500m' }), queue: false },
  { what: 'Fit: a node added that takes no pods', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.Add), new: node('n', { pods: '0' }), queue: false },
  { what: 'Fit: more allocatable cpu', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.UpdateNodeAllocatable), old: node('n', { cpu: '1' }), new: node('n', { cpu: '4' }), queue: true },
  { what: 'Fit: less allocatable cpu that still fits', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.UpdateNodeAllocatable), old: node('n', { cpu: '4' }), new: node('n', { cpu: '2' }), queue: false },
  { what: 'Fit: more pods allowed', pod: target, rejectors: ['NodeResourcesFit'], event: nodeEvent(Action.UpdateNodeAllocatable), old: node('n', { pods: '10' }), new: node('n', { pods: '20' }), queue: true },
  { what: 'Fit: a bound pod deleted', pod: target, rejectors: ['NodeResourcesFit'], event: assigned(Action.Delete), old: bound('other', {}), queue: true },
  { what: 'Fit: an unbound pod deleted', pod: target, rejectors: ['NodeResourcesFit'], event: waiting(Action.Delete), old: pod('other'), queue: false },
  { what: 'Fit: a bound pod added', pod: target, rejectors: ['NodeResourcesFit'], event: assigned(Action.Add), new: bound('other', {}), queue: false },
  // TaintToleration
  { what: 'Taint: the taint removed', pod: tainted, rejectors: ['TaintToleration'], event: nodeEvent(Action.UpdateNodeTaint), old: node('n', { taints: [TAINT] }), new: node('n'), queue: true },
  { what: 'Taint: one more taint', pod: tainted, rejectors: ['TaintToleration'], event: nodeEvent(Action.UpdateNodeTaint), old: node('n', { taints: [TAINT] }), new: node('n', { taints: [TAINT, { key: 'gpu', effect: 'NoSchedule' }] }), queue: false },
  { what: 'Taint: a PreferNoSchedule taint only', pod: tainted, rejectors: ['TaintToleration'], event: nodeEvent(Action.UpdateNodeTaint), old: node('n', { taints: [TAINT] }), new: node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), queue: true },
  { what: 'Taint: an untainted node added', pod: tainted, rejectors: ['TaintToleration'], event: nodeEvent(Action.Add), new: node('n'), queue: true },
  { what: 'Taint: a tainted node added', pod: tainted, rejectors: ['TaintToleration'], event: nodeEvent(Action.Add), new: node('n', { taints: [TAINT] }), queue: false },
  { what: 'Taint: the pod itself got a toleration', pod: tainted, rejectors: ['TaintToleration'], event: waiting(Action.UpdatePodTolerations), old: tainted, new: { ...tainted, spec: { ...tainted.spec!, tolerations: [{ key: 'x', operator: 'Exists' }] } }, queue: true },
  { what: 'Taint: another pod got a toleration', pod: tainted, rejectors: ['TaintToleration'], event: waiting(Action.UpdatePodTolerations), old: pod('other'), new: pod('other', { tolerations: [{ operator: 'Exists' }] }), queue: false },
  { what: 'Taint: its own status written (UpdatePodOther)', pod: tainted, rejectors: ['TaintToleration'], event: waiting(Action.updatePodOther), old: tainted, new: tainted, queue: false },
  { what: 'Taint: a node label change', pod: tainted, rejectors: ['TaintToleration'], event: nodeEvent(Action.UpdateNodeLabel), old: node('n', { taints: [TAINT] }), new: node('n'), queue: false },
  // NodeUnschedulable
  { what: 'Unschedulable: a node uncordoned', pod: tainted, rejectors: ['NodeUnschedulable'], event: nodeEvent(Action.UpdateNodeTaint), old: node('n', { unschedulable: true }), new: node('n'), queue: true },
  { what: 'Unschedulable: a cordoned node added', pod: tainted, rejectors: ['NodeUnschedulable'], event: nodeEvent(Action.Add), new: node('n', { unschedulable: true }), queue: false },
  { what: 'Unschedulable: a taint changed on a cordoned node', pod: tainted, rejectors: ['NodeUnschedulable'], event: nodeEvent(Action.UpdateNodeTaint), old: node('n', { unschedulable: true }), new: node('n', { unschedulable: true, taints: [TAINT] }), queue: false },
  { what: 'Unschedulable: it now tolerates the unschedulable taint', pod: tainted, rejectors: ['NodeUnschedulable'], event: waiting(Action.UpdatePodTolerations), old: tainted, new: pod('target', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), queue: true },
  { what: 'Unschedulable: it got an unrelated toleration', pod: tainted, rejectors: ['NodeUnschedulable'], event: waiting(Action.UpdatePodTolerations), old: tainted, new: pod('target', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }), queue: false },
  // NodeAffinity
  { what: 'Affinity: a node labelled to match', pod: pod('target', { nodeSelector: { disk: 'ssd' } }), rejectors: ['NodeAffinity'], event: nodeEvent(Action.UpdateNodeLabel), old: node('n'), new: node('n', { labels: { disk: 'ssd' } }), queue: true },
  { what: 'Affinity: a matching node relabelled, still matching', pod: pod('target', { nodeSelector: { disk: 'ssd' } }), rejectors: ['NodeAffinity'], event: nodeEvent(Action.UpdateNodeLabel), old: node('n', { labels: { disk: 'ssd' } }), new: node('n', { labels: { disk: 'ssd', a: 'b' } }), queue: false },
  { what: 'Affinity: a node added that does not match', pod: pod('target', { nodeSelector: { disk: 'ssd' } }), rejectors: ['NodeAffinity'], event: nodeEvent(Action.Add), new: node('n'), queue: false },
  { what: 'Affinity: a node tainted (not registered)', pod: pod('target', { nodeSelector: { disk: 'ssd' } }), rejectors: ['NodeAffinity'], event: nodeEvent(Action.UpdateNodeTaint), old: node('n', { labels: { disk: 'ssd' } }), new: node('n', { labels: { disk: 'ssd' } }), queue: false },
  // NodePorts
  { what: 'Ports: a bound pod holding the port deleted', pod: pod('target', hostPort(8080)), rejectors: ['NodePorts'], event: assigned(Action.Delete), old: pod('other', { nodeName: 'n', ...hostPort(8080, '10.0.0.1') }), queue: true },
  { what: 'Ports: a bound pod with another port deleted', pod: pod('target', hostPort(8080)), rejectors: ['NodePorts'], event: assigned(Action.Delete), old: pod('other', { nodeName: 'n', ...hostPort(9090) }), queue: false },
  { what: 'Ports: a node added (no hint: Queue)', pod: pod('target', hostPort(8080)), rejectors: ['NodePorts'], event: nodeEvent(Action.Add), new: node('n'), queue: true },
  // PodTopologySpread
  { what: 'Spread: a node given the topology key', pod: spreading, rejectors: ['PodTopologySpread'], event: nodeEvent(Action.UpdateNodeLabel), old: node('n'), new: node('n', { labels: { zone: 'a' } }), queue: true },
  { what: 'Spread: another label on a node with the key', pod: spreading, rejectors: ['PodTopologySpread'], event: nodeEvent(Action.UpdateNodeLabel), old: node('n', { labels: { zone: 'a' } }), new: node('n', { labels: { zone: 'a', x: 'y' } }), queue: false },
  { what: 'Spread: a node with the key deleted', pod: spreading, rejectors: ['PodTopologySpread'], event: nodeEvent(Action.Delete), old: node('n', { labels: { zone: 'a' } }), queue: true },
  { what: 'Spread: a matching bound pod deleted', pod: spreading, rejectors: ['PodTopologySpread'], event: assigned(Action.Delete), old: bound('other', { app: 'web' }), queue: true },
  { what: 'Spread: a matching bound pod of another namespace deleted', pod: spreading, rejectors: ['PodTopologySpread'], event: assigned(Action.Delete), old: bound('other', { app: 'web' }, 'prod'), queue: false },
  { what: 'Spread: a bound pod relabelled out of the selector', pod: spreading, rejectors: ['PodTopologySpread'], event: assigned(Action.UpdatePodLabel), old: bound('other', { app: 'web' }), new: bound('other', { app: 'api' }), queue: true },
  // InterPodAffinity
  { what: 'InterPod: a bound pod added that the affinity matches', pod: affine, rejectors: ['InterPodAffinity'], event: assigned(Action.Add), new: bound('db', { app: 'db' }), queue: true },
  { what: 'InterPod: an unbound matching pod added', pod: affine, rejectors: ['InterPodAffinity'], event: waiting(Action.Add), new: pod('db', {}, { labels: { app: 'db' } }), queue: false },
  { what: 'InterPod: a bound pod deleted that the anti-affinity matched', pod: affine, rejectors: ['InterPodAffinity'], event: assigned(Action.Delete), old: bound('web', { app: 'web' }), queue: true },
  { what: 'InterPod: a bound pod deleted that nothing matched', pod: affine, rejectors: ['InterPodAffinity'], event: assigned(Action.Delete), old: bound('x', { app: 'x' }), queue: false },
  { what: 'InterPod: a node added with a topology key', pod: affine, rejectors: ['InterPodAffinity'], event: nodeEvent(Action.Add), new: node('n'), queue: true },
  // SchedulingGates
  { what: 'Gates: its own gates removed', pod: tainted, rejectors: ['SchedulingGates'], event: waiting(Action.UpdatePodSchedulingGatesEliminated), old: tainted, new: tainted, queue: true },
  { what: 'Gates: another pod’s gates removed', pod: tainted, rejectors: ['SchedulingGates'], event: waiting(Action.UpdatePodSchedulingGatesEliminated), old: pod('other'), new: pod('other'), queue: false },
  // Only the rejecting plugins are asked.
  { what: 'a node added that would fit, but only TaintToleration rejected the pod and the node is tainted', pod: target, rejectors: ['TaintToleration'], event: nodeEvent(Action.Add), new: node('n', { taints: [TAINT] }), queue: false },
  { what: 'any one rejecting plugin saying Queue is enough', pod: target, rejectors: ['TaintToleration', 'NodeResourcesFit'], event: nodeEvent(Action.Add), new: node('n', { taints: [TAINT] }), queue: true },
]

describe('isPodWorthRequeuing', () => {
  it.each(rows)('$what → Queue: $queue', (r) => {
    expect(isPodWorthRequeuing(r.pod, r.rejectors, r.event, r.old, r.new)).toBe(r.queue)
  })
})

describe('isEventOfInterest', () => {
  it('node conditions and annotations interest no plugin; node deletion interests PodTopologySpread', () => {
    expect([Action.UpdateNodeCondition, Action.UpdateNodeAnnotation, Action.Delete, Action.UpdateNodeAllocatable].map((a) => isEventOfInterest(nodeEvent(a)))).toEqual([false, false, true, true])
    expect([Action.updatePodOther, Action.UpdatePodLabel].map((a) => isEventOfInterest(waiting(a)))).toEqual([false, true])
  })
})

describe('NodeSchedulingPropertiesChange and PodSchedulingPropertiesChange', () => {
  const n = node('n', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] })
  it('uncordoning with the taint lifted at once is two UpdateNodeTaint events', () => {
    expect(nodeSchedulingPropertiesChange(node('n'), n)).toEqual([nodeEvent(Action.UpdateNodeTaint), nodeEvent(Action.UpdateNodeTaint)])
  })
  it('cordoning alone is no event (spec.unschedulable counts only when turned off)', () => {
    expect(nodeSchedulingPropertiesChange(node('n', { unschedulable: true }), node('n'))).toEqual([])
  })
  it('a heartbeat is no event; a condition status change is UpdateNodeCondition; "2" and "2000m" cpu are equal', () => {
    const a = { ...node('n'), status: { ...node('n').status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:00:00Z' }] } }
    const b = { ...a, status: { ...a.status, allocatable: { ...a.status.allocatable, cpu: '2000m' }, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:00:10Z' }] } }
    const c = { ...a, status: { ...a.status, conditions: [{ type: 'Ready', status: 'False' }] } }
    expect(nodeSchedulingPropertiesChange(b, a)).toEqual([])
    expect(nodeSchedulingPropertiesChange(c, a)).toEqual([nodeEvent(Action.UpdateNodeCondition)])
  })
  it('a pod update: labels, gates, tolerations in that order; a status write is UpdatePodOther', () => {
    const old = pod('p', { schedulingGates: [{ name: 'g' }] })
    const updated = pod('p', { tolerations: [{ operator: 'Exists' }] }, { labels: { a: 'b' } })
    expect(podSchedulingPropertiesChange(updated, old)).toEqual([waiting(Action.UpdatePodLabel), waiting(Action.UpdatePodSchedulingGatesEliminated), waiting(Action.UpdatePodTolerations)])
    expect(podSchedulingPropertiesChange({ ...old, status: { phase: 'Pending' } }, old)).toEqual([waiting(Action.updatePodOther)])
    expect(podSchedulingPropertiesChange(bound('p', { a: 'c' }), bound('p', { a: 'b' }))).toEqual([assigned(Action.UpdatePodLabel)])
  })
})

describe('schedulePod: the plugins that rejected the pod (Diagnosis.UnschedulablePlugins)', () => {
  const rng = () => Prng.fromSeed(1)
  it('the first rejecting plugin of each node, in profile order', () => {
    const nodes = [
      { node: node('a', { taints: [TAINT] }), pods: [] },
      { node: node('b', { cpu: '500m' }), pods: [] },
      { node: node('c', { unschedulable: true }), pods: [] },
    ]
    expect(schedulePod(target, nodes, rng(), { diagnose: false }).unschedulablePlugins).toEqual(['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'])
  })
  it('NodeAffinity when its PreFilter narrowed the nodes, though another plugin rejected them', () => {
    const p = pod('p', {
      ...cpu('1'),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } },
    })
    expect(schedulePod(p, [{ node: node('a'), pods: [] }, { node: node('b', { cpu: '500m' }), pods: [] }], rng()).unschedulablePlugins).toEqual(['NodeAffinity', 'NodeResourcesFit'])
  })
  it('none when there are no nodes; none when the pod is placed', () => {
    expect(schedulePod(target, [], rng()).unschedulablePlugins).toEqual([])
    expect(schedulePod(target, [{ node: node('a'), pods: [] }], rng()).unschedulablePlugins).toBeUndefined()
  })
})
