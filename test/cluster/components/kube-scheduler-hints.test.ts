// kube-scheduler's queueing hints (1.32, SchedulerQueueingHints on by default): a pod that fit
// nowhere is tried again only when an event helps one of the plugins that rejected it, or by the
// 5-minute flush. Each try that fails is another FailedScheduling, so the counts below are what a
// learner sees in `kubectl describe pod`.
import type { Event } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const pod = (name: string, spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  containers:
  - name: app
    image: nginx:1.27
`
const requesting = (name: string, cpu: string, node?: string) =>
  `${pod(name, node ? `  nodeSelector:\n    kubernetes.io/hostname: ${node}\n` : '')}    resources:\n      requests:\n        cpu: "${cpu}"\n`

const events = (c: Cluster, name: string) =>
  (c.list('events', { namespace: 'default', fieldSelector: `involvedObject.name=${name}` }) as unknown as Event[]).filter((e) => e.reportingComponent === 'default-scheduler')
const tries = (c: Cluster, name: string) => events(c, name).map((e) => `${e.reason} ${e.eventTime}`)
const nodeOf = (c: Cluster, name: string) => (c.get('pod', name)!.spec as { nodeName?: string }).nodeName
/** The scheduler's lines of `kubectl describe pod`'s Events (AGE and MESSAGE's start). */
const describeEvents = (c: Cluster, name: string) =>
  c
    .kubectl(['describe', 'pod', name])
    .stdout.split('Events:\n')[1]
    .split('\n')
    .filter((l) => l.includes('default-scheduler'))
    .map((l) => l.replace(/\s+/g, ' ').trim().slice(0, 90))

const T0 = '2026-01-01T00:00:00.000000Z'
const TAINTED = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {dedicated: db}.'

/** Both workers tainted dedicated=db:NoSchedule; pod p (no toleration) tried once at 0 s. */
function taintedWorkers(): Cluster {
  const c = Cluster.create({ seed: 1, systemPods: false })
  for (const n of ['node-1', 'node-2']) c.kubectl(['patch', 'node', n, '-p', '{"spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoSchedule"}]}}'])
  c.apply(pod('p', ''))
  c.advance('1s')
  expect(events(c, 'p').map((e) => e.message)).toEqual([`${TAINTED} preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`])
  return c
}

describe('kube-scheduler queueing hints: a pod rejected by NodeResourcesFit (Insufficient cpu)', () => {
  /** hog-1 and hog-2 take 1500m of each worker's 2 cpu; big (1 cpu) fits nowhere at 1 s. */
  function crowded(): Cluster {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(requesting('hog-1', '1500m', 'node-1'))
    c.apply(requesting('hog-2', '1500m', 'node-2'))
    c.advance('1s')
    c.apply(requesting('big', '1'))
    c.advance('1s')
    return c
  }

  it('is not tried again when a node is only labelled, nor when another pod changes labels', () => {
    const c = crowded()
    c.advance('30s')
    c.kubectl(['label', 'node', 'node-1', 'disk=ssd'])
    c.kubectl(['label', 'pod', 'hog-1', 'tier=db'])
    c.advance('1m')
    // Neither NodeResourcesFit nor TaintToleration (which rejected the control plane) listens for labels.
    expect(tries(c, 'big')).toEqual(['FailedScheduling 2026-01-01T00:00:01.000000Z'])
    expect(nodeOf(c, 'big')).toBeUndefined()
  })

  it('is tried at once when a bound pod is deleted, and now fits', () => {
    const c = crowded()
    c.advance('20s')
    c.kubectl(['delete', 'pod', 'hog-1', '--wait=false'])
    // Terminating, hog-1 still holds its cpu; the scheduler moves big when the pod object is gone.
    let gone = 0
    for (let i = 0; i < 600 && c.get('pod', 'hog-1'); i++) {
      c.advance(100)
      gone = c.now().getTime()
    }
    expect(gone).toBe(Date.parse('2026-01-01T00:00:22.100Z'))
    c.advance('1s')
    expect(nodeOf(c, 'big')).toBe('node-1')
    // The deletion (Pod/Delete, NodeResourcesFit: any bound pod's deletion may free room) moved it
    // to the active queue; its 1-s back-off had long run out.
    const [failed, scheduled] = events(c, 'big')
    expect(failed.reason).toBe('FailedScheduling')
    expect(scheduled.reason).toBe('Scheduled')
    expect(new Date(scheduled.eventTime!).getTime()).toBe(gone)
    expect(describeEvents(c, 'big').map((l) => l.split(' default-scheduler')[0])).toEqual(['Warning FailedScheduling 22s', 'Normal Scheduled 1s'])
  })

  it('is tried when a node gets more allocatable cpu, and is placed there', () => {
    const c = crowded()
    c.advance('10s')
    c.kubectl(['patch', 'node', 'node-2', '--subresource=status', '--type=merge', '-p', '{"status":{"allocatable":{"cpu":"4"},"capacity":{"cpu":"4"}}}'])
    c.advance('100ms')
    expect(nodeOf(c, 'big')).toBe('node-2')
    expect(tries(c, 'big')).toEqual(['FailedScheduling 2026-01-01T00:00:01.000000Z', 'Scheduled 2026-01-01T00:00:12.000000Z'])
  })

  it('still goes at the 5-minute flush when no event helped (a series of FailedScheduling)', () => {
    const c = crowded()
    c.kubectl(['label', 'node', 'node-2', 'disk=ssd'])
    c.advance('5m')
    expect(tries(c, 'big')).toHaveLength(1)
    // flushUnschedulablePodsLeftover every 30 s from the scheduler's start: the first run more than 5 min after 0:01.
    c.advance('30s')
    expect(tries(c, 'big')).toEqual(['FailedScheduling 2026-01-01T00:00:01.000000Z', 'FailedScheduling 2026-01-01T00:05:30.000000Z'])
  })
})

describe('kube-scheduler queueing hints: a pod rejected by TaintToleration', () => {
  it('is placed at once when it gets a toleration for the taint (kubectl patch)', () => {
    const c = taintedWorkers()
    c.advance('59s')
    c.kubectl(['patch', 'pod', 'p', '-p', '{"spec":{"tolerations":[{"key":"dedicated","operator":"Equal","value":"db","effect":"NoSchedule"}]}}'])
    c.advance('100ms')
    expect(['node-1', 'node-2']).toContain(nodeOf(c, 'p'))
    expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`, 'Scheduled 2026-01-01T00:01:00.000000Z'])
    expect(describeEvents(c, 'p')).toEqual([
      'Warning FailedScheduling 60s default-scheduler 0/3 nodes are available: 1 node(s) had unto',
      `Normal Scheduled 0s default-scheduler Successfully assigned default/p to ${nodeOf(c, 'p')}`,
    ])
  })

  it('is not tried again when it only gets a label (no plugin that rejected it listens)', () => {
    const c = taintedWorkers()
    c.kubectl(['label', 'pod', 'p', 'tier=web'])
    c.advance('2m')
    expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`])
  })

  it('is placed at once when the taint is removed from a node', () => {
    const c = taintedWorkers()
    c.advance('29s')
    c.kubectl(['patch', 'node', 'node-2', '--type=json', '-p', '[{"op":"remove","path":"/spec/taints"}]'])
    c.advance('100ms')
    expect(nodeOf(c, 'p')).toBe('node-2')
    expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`, 'Scheduled 2026-01-01T00:00:30.000000Z'])
  })

  it('is not tried when a node gets one more taint', () => {
    const c = taintedWorkers()
    c.kubectl(['patch', 'node', 'node-2', '-p', '{"spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoSchedule"},{"key":"gpu","effect":"NoSchedule"}]}}'])
    c.advance('1m')
    expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`])
  })
})

describe('kube-scheduler queueing hints: cordoned nodes (NodeUnschedulable)', () => {
  it('uncordoning a node tries the pod at once; the node lifecycle controller has not yet lifted the unschedulable taint, so it is placed after its back-off', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.kubectl(['cordon', 'node-1'])
    c.kubectl(['cordon', 'node-2'])
    c.advance('1s')
    c.apply(pod('p', ''))
    c.advance('9s')
    c.kubectl(['uncordon', 'node-1'])
    c.advance('5s')
    expect(nodeOf(c, 'p')).toBe('node-1')
    // 1: NodeUnschedulable rejects both workers. 2 (at the uncordon, 10 s): spec.unschedulable turned
    // off is UpdateNodeTaint, NodeUnschedulable says Queue, but node-1 still has the
    // node.kubernetes.io/unschedulable taint, so TaintToleration rejects it. 3: the taint's removal
    // (UpdateNodeTaint, TaintToleration says Queue) after the 2-s back-off of a second failure.
    expect(tries(c, 'p')).toEqual(['FailedScheduling 2026-01-01T00:00:01.000000Z', 'FailedScheduling 2026-01-01T00:00:10.000000Z', 'Scheduled 2026-01-01T00:00:12.000000Z'])
    expect(events(c, "p")[1].message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unschedulable: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
  })

  it('a pod that gets a toleration for the unschedulable taint is tried at once', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.kubectl(['cordon', 'node-1'])
    c.kubectl(['cordon', 'node-2'])
    c.advance('1s')
    c.apply(pod('p', ''))
    c.advance('9s')
    c.kubectl(['patch', 'pod', 'p', '-p', '{"spec":{"tolerations":[{"key":"node.kubernetes.io/unschedulable","operator":"Exists","effect":"NoSchedule"}]}}'])
    c.advance('100ms')
    expect(['node-1', 'node-2']).toContain(nodeOf(c, 'p'))
    expect(tries(c, 'p')).toEqual(['FailedScheduling 2026-01-01T00:00:01.000000Z', 'Scheduled 2026-01-01T00:00:10.000000Z'])
  })
})

describe('kube-scheduler queueing hints: scheduling gates (SchedulingGates PreEnqueue)', () => {
  it('a gated pod is never tried, not even by the flush; removing its gates schedules it at once', () => {
    const c = Cluster.create({ seed: 1, systemPods: false })
    c.apply(pod('g', '  schedulingGates:\n  - name: example.com/quota\n'))
    c.advance('6m')
    expect(tries(c, 'g')).toEqual([])
    expect(c.kubectl(['get', 'pod', 'g', '--no-headers']).stdout).toBe('g     0/1   SchedulingGated   0     6m\n')
    c.kubectl(['patch', 'pod', 'g', '--type=json', '-p', '[{"op":"remove","path":"/spec/schedulingGates"}]'])
    c.advance('100ms')
    expect(tries(c, 'g')).toEqual(['Scheduled 2026-01-01T00:06:00.000000Z'])
  })
})

describe('kube-scheduler queueing hints across a snapshot', () => {
  it('a restored cluster remembers what rejected each pod', () => {
    const a = taintedWorkers()
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())))
    for (const c of [a, b]) {
      c.kubectl(['label', 'node', 'node-1', 'disk=ssd'])
      c.advance('10s')
      expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`])
      c.kubectl(['patch', 'pod', 'p', '-p', '{"spec":{"tolerations":[{"key":"dedicated","operator":"Exists"}]}}'])
      c.advance('100ms')
      expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`, 'Scheduled 2026-01-01T00:00:11.000000Z'])
    }
    expect(b.snapshot()).toEqual(a.snapshot())
  })
})

describe('kube-scheduler restarted', () => {
  it('a new process tries every pending pod at once, whatever rejected it before', () => {
    const c = taintedWorkers()
    c.advance('20s')
    c.sim.stop('kube-scheduler')
    c.advance('10s')
    c.sim.start('kube-scheduler')
    c.advance('100ms')
    expect(tries(c, 'p')).toEqual([`FailedScheduling ${T0}`, 'FailedScheduling 2026-01-01T00:00:31.000000Z'])
  })
})
