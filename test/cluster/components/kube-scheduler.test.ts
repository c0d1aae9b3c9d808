import type { Event } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const pod = (name: string, extra: Record<string, unknown> = {}) =>
  `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
${Object.entries(extra)
  .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
  .join('\n')}
`

describe('kube-scheduler', () => {
  it('binds a new pod to a worker, says so in an event, and marks it PodScheduled', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(pod('web'))
    c.advance('1s')
    const p = c.get('pod', 'web')!
    const nodeName = (p.spec as { nodeName?: string }).nodeName
    expect(['node-1', 'node-2']).toContain(nodeName)
    expect((p.status as { conditions: { type: string; status: string }[] }).conditions.find((x) => x.type === 'PodScheduled')?.status).toBe('True')
    const events = c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=web,reason=Scheduled' })
    expect(events.map((e) => e.message)).toEqual([`Successfully assigned default/web to ${nodeName}`])
    expect(events[0]).toMatchObject({ reportingComponent: 'default-scheduler', action: 'Binding', source: {}, firstTimestamp: null })
  })

  it('tells why a pod fits nowhere, in the event and the PodScheduled condition', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(pod('big', { resources: { requests: { cpu: '3' } } }))
    c.advance('1s')
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.'
    const cond = (c.get('pod', 'big')!.status as { conditions: Record<string, unknown>[] }).conditions
    expect(cond).toEqual([{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Unschedulable', message }])
    const out = c.kubectl('get events --field-selector reason=FailedScheduling')
    expect(out.stdout).toBe(`LAST SEEN   TYPE      REASON             OBJECT    MESSAGE\n1s          Warning   FailedScheduling   pod/big   ${message}\n`)
    expect(c.kubectl('get pod big').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nbig    0/1     Pending   0          1s\n')
  })

  it('with the scheduler stopped, a pod stays Pending without a node; started again, it catches up', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    expect(c.sim.stop('kube-scheduler')).toBe(true)
    expect(c.get('pod', 'kube-scheduler-control-plane', 'kube-system')).toBeUndefined()
    c.apply(pod('web'))
    c.advance('1m')
    expect((c.get('pod', 'web')!.spec as { nodeName?: string }).nodeName).toBeUndefined()
    expect(c.sim.start('kube-scheduler')).toBe(true)
    expect(c.get('pod', 'kube-scheduler-control-plane', 'kube-system')).toBeDefined()
    c.advance('1s')
    expect((c.get('pod', 'web')!.spec as { nodeName?: string }).nodeName).toMatch(/^node-[12]$/)
  })

  it('places a pod that tolerates the control-plane taint and selects it', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(`apiVersion: v1
kind: Pod
metadata:
  name: cp
spec:
  nodeSelector:
    node-role.kubernetes.io/control-plane: ""
  tolerations:
  - key: node-role.kubernetes.io/control-plane
    operator: Exists
    effect: NoSchedule
  containers:
  - name: app
    image: nginx:1.27
`)
    c.advance('1s')
    expect((c.get('pod', 'cp')!.spec as { nodeName?: string }).nodeName).toBe('control-plane')
  })

  it('tries an unschedulable pod again when a node changes, and within 5 minutes at the latest', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(pod('big', { resources: { requests: { cpu: '3' } } }))
    c.advance('1s')
    c.kubectl(['patch', 'node', 'node-1', '--subresource=status', '--type=merge', '-p', '{"status":{"allocatable":{"cpu":"4"},"capacity":{"cpu":"4"}}}'])
    c.advance('2s')
    expect((c.get('pod', 'big')!.spec as { nodeName?: string }).nodeName).toBe('node-1')
  })

  it('a restored cluster schedules as the original would', () => {
    const a = Cluster.create({ seed: 5 })
    a.apply(pod('one'))
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())))
    a.advance('1s')
    b.advance('1s')
    expect(b.snapshot()).toEqual(a.snapshot())
  })
})

describe('kube-scheduler and a pod that fits nowhere', () => {
  it('tries it once, not again because of its own status write', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(pod('big', { resources: { requests: { cpu: '3' } } }))
    c.advance('1s')
    const failed = c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=big,reason=FailedScheduling' })
    expect(failed.map((e) => e.series ?? null)).toEqual([null])
  })

  it('tries it again at the first 30-s flush more than 5 minutes after its last try; a newer pod means a new event, the next try a series', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(pod('big', { resources: { requests: { cpu: '3' } } }))
    const failed = () => c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=big,reason=FailedScheduling' }) as unknown as Event[]
    // flushUnschedulablePodsLeftover runs every 30 s from the scheduler's start and moves pods that
    // waited more than podMaxInUnschedulablePodsDuration (5 min): not at 5:00, at 5:30.
    c.advance('5m')
    expect(failed()).toHaveLength(1)
    c.advance('30s')
    const [first, second] = failed()
    // The first try wrote PodScheduled=False, so the second is about a newer pod: a new event.
    expect(second.eventTime).toBe('2026-01-01T00:05:30.000000Z')
    expect(Number(second.involvedObject.resourceVersion)).toBeGreaterThan(Number(first.involvedObject.resourceVersion))
    expect([first.series, second.series]).toEqual([undefined, undefined])
    // Nothing changed on the pod since: the third try (5 min 30 s later) makes the second a series.
    c.advance('5m')
    expect(failed()[1].series).toBeUndefined()
    c.advance('30s')
    expect(failed().map((e) => e.series ?? null)).toEqual([null, { count: 2, lastObservedTime: '2026-01-01T00:11:00.000000Z' }])
    // The scheduler writes the pod's condition as PatchPodStatus does: a patch of pods/status.
    const writes = c.sim.trace.entries().filter((e) => e.who === 'kube-scheduler' && e.resource === 'pods' && e.subresource === 'status')
    expect(writes.map((e) => e.verb)).toEqual(['patch'])
  })
})
