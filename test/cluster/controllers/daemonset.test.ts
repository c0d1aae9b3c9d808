import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import type { StoredObject } from '../../../src/cluster/object.js'
import { targetNodeName } from '../../../src/cluster/controllers/daemonset-util.js'
import { events } from './helpers.js'

type Obj = Record<string, unknown>

const daemonSet = (spec: Obj = {}, podSpec: Obj = {}, image = 'nginx:1.27'): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }], ...podSpec } },
    ...spec,
  },
})

/** A cluster whose nodes are up (kubelets registered, Ready). */
function cluster(workers = 2): Cluster {
  const c = Cluster.create({ seed: 1, workers, systemPods: false })
  c.advance('30s')
  return c
}

const daemonPods = (c: Cluster): StoredObject[] => c.list('pods', { namespace: 'default', labelSelector: 'app=agent' }).filter((p) => !p.metadata.deletionTimestamp)
const nodeOf = (p: StoredObject): string => (p.spec as { nodeName?: string }).nodeName ?? '(unbound)'
const placement = (c: Cluster): string[] => daemonPods(c).map((p) => `${p.metadata.name}@${nodeOf(p)}`).sort((a, b) => (a.split('@')[1] < b.split('@')[1] ? -1 : 1))
const status = (c: Cluster): unknown => c.get('ds', 'agent')!.status

describe('the DaemonSet controller', () => {
  it('creates one pod per schedulable node, pinned by node affinity, with the daemon tolerations and the revision labels', () => {
    const c = cluster()
    c.apply(daemonSet())
    c.advance('1s')
    const pods = daemonPods(c)
    expect(pods.map(nodeOf).sort()).toEqual(['node-1', 'node-2'])
    const pod = pods.find((p) => nodeOf(p) === 'node-1')!
    expect(pod.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/)
    expect(pod.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': expect.stringMatching(/^[0-9a-z]+$/), 'pod-template-generation': '1' })
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: c.get('ds', 'agent')!.metadata.uid, controller: true, blockOwnerDeletion: true }])
    const spec = pod.spec as Obj
    expect(spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] } } })
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ])
    expect(events(c, 'daemonset-controller')).toEqual(
      c.sim.trace
        .entries()
        .filter((e) => e.who === 'daemonset-controller' && e.verb === 'create' && e.resource === 'pods')
        .map((e) => `SuccessfulCreate: Created pod: ${e.name}`),
    )
    expect(status(c)).toEqual({ currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 0, observedGeneration: 1, updatedNumberScheduled: 2, numberUnavailable: 2 })
    c.advance('30s')
    expect(status(c)).toEqual({ currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2, numberAvailable: 2 })
  })

  it('runs on the control plane too when the pods tolerate its taint; hostNetwork pods tolerate network-unavailable', () => {
    const c = cluster()
    c.apply(daemonSet({}, { hostNetwork: true, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }))
    c.advance('1s')
    const pods = daemonPods(c)
    expect(pods.map(nodeOf).sort()).toEqual(['control-plane', 'node-1', 'node-2'])
    const tolerations = (pods[0].spec as { tolerations: Obj[] }).tolerations
    expect(tolerations[0]).toEqual({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' })
    expect(tolerations.at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' })
  })

  it('follows the node selector: a node that loses its label loses its pod, one that gains it gets one', () => {
    const c = cluster()
    c.kubectl('label node node-1 disk=ssd')
    c.apply(daemonSet({}, { nodeSelector: { disk: 'ssd' } }))
    c.advance('1s')
    expect(daemonPods(c).map(nodeOf)).toEqual(['node-1'])
    const first = daemonPods(c)[0].metadata.name
    c.kubectl('label node node-1 disk-')
    c.kubectl('label node node-2 disk=ssd')
    c.advance('1s')
    expect(daemonPods(c).map(nodeOf)).toEqual(['node-2'])
    expect(events(c, 'daemonset-controller')).toContain(`SuccessfulDelete: Deleted pod: ${first}`)
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 })
  })

  it('gives a new node a pod, and stops counting a deleted node once its pod is collected', () => {
    const c = cluster()
    c.apply(daemonSet())
    c.advance('30s')
    const r = c.sim.api.create('test', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-3', labels: { 'kubernetes.io/hostname': 'node-3' } } })
    expect(r.ok).toBe(true)
    c.advance('1s')
    // The new pod is pinned to node-3 by affinity; the scheduler binds it when it fits (it does not:
    // node-3 reports no allocatable resources).
    expect(daemonPods(c).map((p) => targetNodeName(p as never)).sort()).toEqual(['node-1', 'node-2', 'node-3'])
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3 })
    c.kubectl('delete node node-2')
    c.advance('2m')
    expect(daemonPods(c).some((p) => nodeOf(p) === 'node-2')).toBe(false)
    // node-3 has no kubelet: once unreachable it is tainted NoSchedule, which daemon pods do not
    // tolerate, so it is no longer desired; its pod may stay (NoExecute is tolerated): misscheduled.
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 })
  })

  it('rolls a new template out one node at a time (maxUnavailable 1)', () => {
    const c = cluster(3)
    c.apply(daemonSet())
    c.advance('60s')
    c.apply(daemonSet({}, {}, 'nginx:1.28'))
    const seen: number[] = []
    for (let i = 0; i < 120; i++) {
      c.advance('1s')
      const st = status(c) as { numberAvailable?: number; updatedNumberScheduled?: number }
      seen.push(st.numberAvailable ?? 0)
    }
    expect(Math.min(...seen)).toBe(2)
    expect(status(c)).toEqual({ currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 })
    const labels = daemonPods(c).map((p) => p.metadata.labels!['pod-template-generation'])
    expect(labels).toEqual(['2', '2', '2'])
    expect(c.get('ds', 'agent')!.metadata.annotations).toMatchObject({ 'deprecated.daemonset.template.generation': '2' })
  })

  it('with OnDelete keeps the old pods until they are deleted', () => {
    const c = cluster()
    c.apply(daemonSet({ updateStrategy: { type: 'OnDelete' } }))
    c.advance('60s')
    const before = daemonPods(c).map((p) => p.metadata.name).sort()
    c.apply(daemonSet({ updateStrategy: { type: 'OnDelete' } }, {}, 'nginx:1.28'))
    c.advance('60s')
    expect(daemonPods(c).map((p) => p.metadata.name).sort()).toEqual(before)
    expect(status(c)).toMatchObject({ observedGeneration: 2, desiredNumberScheduled: 2, numberAvailable: 2 })
    expect((status(c) as Obj).updatedNumberScheduled).toBeUndefined()
    c.kubectl(['delete', 'pod', before[0]])
    c.advance('60s')
    expect(status(c)).toMatchObject({ updatedNumberScheduled: 1, numberAvailable: 2 })
  })

  it('deletes its pods with it (garbage collector)', () => {
    const c = cluster()
    c.apply(daemonSet())
    c.advance('30s')
    c.kubectl('delete ds agent')
    c.advance('60s')
    expect(daemonPods(c)).toEqual([])
  })

  it('keeps running on a cordoned node (unschedulable is tolerated) and puts a pod on it', () => {
    const c = cluster()
    c.kubectl('cordon node-1')
    c.apply(daemonSet())
    c.advance('1s')
    expect(daemonPods(c).map(nodeOf).sort()).toEqual(['node-1', 'node-2'])
  })

  it('replaces a failed daemon pod, with a warning, and backs off when the next one fails too', () => {
    const c = cluster()
    c.apply(daemonSet())
    c.advance('30s')
    const fail = (name: string) => {
      const pod = c.get('pods', name)!
      const r = c.sim.api.update('kubelet/node-1', { ...pod, status: { ...(pod.status as object), phase: 'Failed', reason: 'Evicted' } }, { subresource: 'status' })
      if (!r.ok) throw new Error(r.error.message)
    }
    const onNode1 = () => daemonPods(c).filter((p) => nodeOf(p) === 'node-1' || targetNodeName(p as never) === 'node-1')
    const first = onNode1()[0].metadata.name
    fail(first)
    c.advance('100ms')
    expect(events(c, 'daemonset-controller')).toContain(`FailedDaemonPod: Found failed daemon pod default/${first} on node node-1, will try to kill it`)
    expect(events(c, 'daemonset-controller')).toContain(`SuccessfulDelete: Deleted pod: ${first}`)
    const second = onNode1().find((p) => p.metadata.name !== first)!.metadata.name
    fail(second)
    // The back-off after the first failure is 1 s, so the second failed pod stays a moment.
    c.advance('100ms')
    expect(events(c, 'daemonset-controller')).not.toContain(`SuccessfulDelete: Deleted pod: ${second}`)
    c.advance('2s')
    expect(events(c, 'daemonset-controller')).toContain(`SuccessfulDelete: Deleted pod: ${second}`)
    expect(onNode1().filter((p) => ![first, second].includes(p.metadata.name))).toHaveLength(1)
  })

  it('keeps a ControllerRevision per template: a new one on change, the old one renumbered when it comes back, the oldest dropped past the limit', () => {
    const c = cluster()
    const revisions = () =>
      c
        .list('controllerrevisions', { namespace: 'default' })
        .map((r) => `${r.metadata.name}:${r.revision as number}`)
        .sort()
    c.apply(daemonSet({ revisionHistoryLimit: 1 }))
    c.advance('30s')
    const first = c.list('controllerrevisions', { namespace: 'default' })
    expect(first).toHaveLength(1)
    const hash1 = first[0].metadata.labels!['controller-revision-hash']
    expect(first[0].metadata.name).toBe(`agent-${hash1}`)
    expect(first[0].data).toEqual({ spec: { template: { $patch: 'replace', metadata: { creationTimestamp: null, labels: { app: 'agent' } }, spec: expect.objectContaining({ containers: [expect.objectContaining({ image: 'nginx:1.27' })] }) } } })
    expect(daemonPods(c).map((p) => p.metadata.labels!['controller-revision-hash'])).toEqual([hash1, hash1])
    c.apply(daemonSet({ revisionHistoryLimit: 1 }, {}, 'nginx:1.28'))
    c.advance('30s')
    const hash2 = daemonPods(c)[0].metadata.labels!['controller-revision-hash']
    expect(revisions()).toEqual([`agent-${hash1}:1`, `agent-${hash2}:2`].sort())
    c.apply(daemonSet({ revisionHistoryLimit: 1 }))
    c.advance('30s')
    expect(revisions()).toEqual([`agent-${hash1}:3`, `agent-${hash2}:2`].sort())
    c.apply(daemonSet({ revisionHistoryLimit: 1 }, {}, 'nginx:1.29'))
    c.advance('30s')
    // Two old revisions, one kept: revision 2 (no pod runs it any more) goes.
    expect(revisions().map((r) => r.split(':')[1]).sort()).toEqual(['3', '4'])
  })
})
