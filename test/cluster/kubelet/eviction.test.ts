// The kubelet's eviction manager under memory pressure (pkg/kubelet/eviction, v1.32): the default
// hard threshold memory.available<100Mi, one pod evicted per sync (rankMemoryPressure), the pod
// Failed with reason Evicted and a DisruptionTarget condition once its containers have stopped, the
// node's MemoryPressure condition kept 5 minutes after it was last observed, and BestEffort pods
// refused at admission meanwhile. polinux/stress holds the memory `--vm-bytes` says (runtime/servers.ts).
//
// The cluster (Cluster.create()'s defaults) starts at 2026-01-01T00:00:00Z; the kubelets' heartbeats
// (and with them the eviction manager's syncs) fall on whole 10 s from then. A worker node has
// 4015732Ki of memory; its own processes use 256Mi (eviction.ts), kube-proxy 20Mi and flannel 15Mi:
// 3717748Ki for pods. Eviction needs less than 100Mi of that left; a process that asks for more than
// is left is OOM-killed by the kernel as it starts.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { admitUnderPressure, bytesText, evictionMessage, isCriticalPod, observe, PRESSURE_TRANSITION_PERIOD, rankForMemory, type EvictionState } from '../../../src/cluster/kubelet/eviction.js'
import type { ContainerInstance, PodRuntime } from '../../../src/cluster/kubelet/types.js'
import { Cluster } from '../../../src/index.js'

const hog = (name: string, node: string, bytes: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: ${node}\n${extra}  containers:\n  - name: stress\n    image: polinux/stress\n    command: [stress]\n    args: [--vm, "1", --vm-bytes, ${bytes}, --vm-hang, "1"]\n`
const web = (name: string, node: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: ${node}\n  containers:\n  - name: nginx\n    image: nginx:1.27\n`

/** `NAME READY STATUS` of the pods, by name. */
const rows = (c: Cluster): string[] =>
  c
    .kubectl('get pods --no-headers')
    .stdout.trim()
    .split('\n')
    .map((l) => l.split(/\s+/).slice(0, 3).join(' '))

/** `time reason message` of the events about one object. */
const events = (c: Cluster, name: string): string[] =>
  c
    .list('events', { namespace: 'default' })
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${String(e.lastTimestamp).slice(11, 19)} ${String(e.reason)} ${String(e.message)}`)

const nodeEvents = (c: Cluster, node: string, reasons: readonly string[]): string[] =>
  c
    .list('events', { namespace: 'default' })
    .filter((e) => (e.involvedObject as { name: string; kind: string }).kind === 'Node' && (e.involvedObject as { name: string }).name === node && reasons.includes(String(e.reason)))
    .map((e) => `${String(e.lastTimestamp).slice(11, 19)} ${String(e.type)} ${String(e.reason)} ${String(e.message)} x${String(e.count)}`)

const memoryPressure = (c: Cluster, node: string): string => {
  const cond = (c.get('nodes', node)?.status as { conditions: { type: string; status: string; reason: string; lastTransitionTime: string }[] }).conditions.find((x) => x.type === 'MemoryPressure')!
  return `${cond.status} ${cond.reason} since ${cond.lastTransitionTime.slice(11, 19)}`
}

const taints = (c: Cluster, node: string): string[] => ((c.get('nodes', node)?.spec as { taints?: { key: string; effect: string }[] }).taints ?? []).map((t) => `${t.key}:${t.effect}`)

describe('the eviction manager, under memory pressure', () => {
  it('evicts the pod that uses the most memory beyond its request, at its next sync, and reports MemoryPressure', () => {
    const c = Cluster.create()
    c.apply(hog('hog', 'node-1', '3600M'))
    c.apply(web('web', 'node-1'))
    c.advance('9s')
    expect(rows(c)).toEqual(['hog 1/1 Running', 'web 1/1 Running'])
    expect(memoryPressure(c, 'node-1')).toBe('False KubeletHasSufficientMemory since 23:59:00')
    // 00:00:10, the first sync after the hog started: 4015732Ki − 256Mi − 3600Mi − 8Mi − 20Mi − 15Mi = 23156Ki.
    c.advance('1s')
    const message =
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 23156Ki. Container stress was using 3600Mi, request is 0, has larger consumption of memory. '
    expect(events(c, 'hog').slice(-2)).toEqual([`00:00:10 Evicted ${message}`, '00:00:10 Killing Stopping container stress'])
    expect(nodeEvents(c, 'node-1', ['EvictionThresholdMet', 'NodeHasInsufficientMemory'])).toEqual([
      '00:00:10 Warning EvictionThresholdMet Attempting to reclaim memory x1',
      '00:00:10 Normal NodeHasInsufficientMemory Node node-1 status is now: NodeHasInsufficientMemory x1',
    ])
    expect(memoryPressure(c, 'node-1')).toBe('True KubeletHasInsufficientMemory since 00:00:10')
    // The node controller taints the node for it (taintNodeByCondition).
    expect(taints(c, 'node-1')).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule'])
    // stress ignores SIGTERM: SIGKILL after the 2 s minimum grace; only then is the pod written Failed.
    c.advance('1s')
    expect(c.get('pods', 'hog')?.status).toMatchObject({ phase: 'Running' })
    c.advance('1s')
    const status = c.get('pods', 'hog')?.status as Pod['status'] & {}
    expect({ phase: status.phase, reason: status.reason, message: status.message }).toEqual({ phase: 'Failed', reason: 'Evicted', message })
    expect(status.conditions?.map((x) => `${x.type}=${x.status}${x.reason ? ` ${x.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False PodFailed',
      'ContainersReady=False PodFailed',
      'PodScheduled=True',
      'DisruptionTarget=True TerminationByKubelet',
    ])
    expect(status.conditions?.at(-1)).toMatchObject({ message, lastTransitionTime: '2026-01-01T00:00:12Z' })
    expect(status.containerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: '2026-01-01T00:00:12Z' })
    // kubectl shows the container's reason (printPod's container pass overrides status.reason).
    expect(rows(c)).toEqual(['hog 0/1 Error', 'web 1/1 Running'])
    expect(c.kubectl('describe pod hog').stdout).toContain(`Status:           Failed\nReason:           Evicted\nMessage:          ${message}\n`)
  })

  it('keeps MemoryPressure until 5 minutes after it was last observed, then clears it and the taint', () => {
    const c = Cluster.create()
    c.apply(hog('hog', 'node-1', '3600M'))
    c.advance('4m59s')
    expect(memoryPressure(c, 'node-1')).toBe('True KubeletHasInsufficientMemory since 00:00:10')
    c.advance('11s') // to the sync at 00:05:10, 5 minutes after the one that saw the pressure
    expect(memoryPressure(c, 'node-1')).toBe('False KubeletHasSufficientMemory since 00:05:10')
    expect(taints(c, 'node-1')).toEqual([])
    // The same message as at the start: the recorder counts it up.
    expect(nodeEvents(c, 'node-1', ['NodeHasSufficientMemory'])).toEqual(['00:05:10 Normal NodeHasSufficientMemory Node node-1 status is now: NodeHasSufficientMemory x2'])
  })

  it('evicts one pod per sync, and stops once the threshold is no longer met', () => {
    const c = Cluster.create()
    c.apply(hog('a', 'node-1', '1750M'))
    c.apply(hog('b', 'node-1', '1800M'))
    c.advance('10s')
    expect(events(c, 'b').filter((e) => e.includes('Evicted')).map((e) => e.slice(0, 17))).toEqual(['00:00:10 Evicted '])
    expect(events(c, 'a').filter((e) => e.includes('Evicted'))).toEqual([])
    // b's containers are gone at 00:00:12; the manager's poll sees it at 00:00:13 and syncs again:
    // a alone leaves 4015732Ki − 256Mi − 1750Mi − 35Mi = 1925748Ki, above the threshold.
    c.advance('1m')
    expect(events(c, 'a').filter((e) => e.includes('Evicted'))).toEqual([])
    expect(rows(c)).toEqual(['a 1/1 Running', 'b 0/1 Error'])
  })

  it('evicts the next pod as soon as the first is cleaned up while the threshold is still met', () => {
    const c = Cluster.create()
    c.apply(hog('critical', 'node-1', '3500M', '  priorityClassName: system-node-critical\n'))
    c.apply(hog('a', 'node-1', '60M'))
    c.apply(hog('b', 'node-1', '50M'))
    c.advance('10s')
    expect(events(c, 'a').filter((e) => e.includes('Evicted')).map((e) => e.slice(0, 17))).toEqual(['00:00:10 Evicted '])
    // a is killed at 00:00:12 (SIGKILL after the 2 s grace); the poll after it, at 00:00:13, syncs:
    // 4015732Ki − 256Mi − 3500Mi − 50Mi − 35Mi = 82548Ki is still below 100Mi.
    c.advance('2s')
    expect(events(c, 'b').filter((e) => e.includes('Evicted'))).toEqual([])
    c.advance('1s')
    expect(events(c, 'b').filter((e) => e.includes('Evicted'))).toEqual([
      '00:00:13 Evicted The node was low on resource: memory. Threshold quantity: 100Mi, available: 82548Ki. Container stress was using 50Mi, request is 0, has larger consumption of memory. ',
    ])
    expect(nodeEvents(c, 'node-1', ['EvictionThresholdMet'])).toEqual(['00:00:13 Warning EvictionThresholdMet Attempting to reclaim memory x2'])
    // Without b: 133748Ki available, and the critical pod stays.
    c.advance('1m')
    expect(rows(c)).toEqual(['a 0/1 Error', 'b 0/1 Error', 'critical 1/1 Running'])
  })

  it('never evicts a critical pod (system-node-critical priority): it evicts the next one by rank', () => {
    const c = Cluster.create()
    c.apply(hog('critical', 'node-1', '3000M', '  priorityClassName: system-node-critical\n'))
    c.apply(hog('small', 'node-1', '600M'))
    c.advance('10s')
    expect(events(c, 'critical').filter((e) => e.includes('Evicted'))).toEqual([])
    expect(events(c, 'small').filter((e) => e.includes('Evicted')).map((e) => e.slice(0, 17))).toEqual(['00:00:10 Evicted '])
  })

  it('refuses a BestEffort pod at admission while the node has MemoryPressure, and admits a Burstable one', () => {
    const c = Cluster.create()
    c.apply(hog('hog', 'node-1', '3600M'))
    c.advance('20s')
    c.apply(web('late', 'node-1'))
    c.apply(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: burstable\nspec:\n  nodeName: node-1\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    resources:\n      requests:\n        memory: 10Mi\n`,
    )
    c.advance('1s')
    expect(c.get('pods', 'late')?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message: 'Pod was rejected: The node had condition: [MemoryPressure]. ' })
    expect(events(c, 'late')).toEqual(['00:00:20 Evicted The node had condition: [MemoryPressure]. '])
    expect(rows(c).find((r) => r.startsWith('late'))).toBe('late 0/1 Evicted')
    expect(rows(c).find((r) => r.startsWith('burstable'))).not.toContain('Evicted')
  })

  it('has the kernel OOM-kill a process that asks for more memory than the node has left', () => {
    const c = Cluster.create()
    c.apply(hog('huge', 'node-1', '5G'))
    c.advance('2s')
    expect(rows(c)).toEqual(['huge 0/1 OOMKilled'])
    expect((c.get('pods', 'huge')?.status as Pod['status'])?.containerStatuses?.[0].state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' })
    // It restarts (restartPolicy Always) and dies again: a crash loop, and no eviction (nothing stays running).
    c.advance('58s')
    expect(rows(c)).toEqual(['huge 0/1 CrashLoopBackOff'])
    expect(memoryPressure(c, 'node-1')).toBe('False KubeletHasSufficientMemory since 23:59:00')
  })

  it('lets a Deployment replace its evicted pod, whose replacement waits while the node is tainted for memory pressure', () => {
    const c = Cluster.create()
    c.apply(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hogs\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: hogs}\n  template:\n    metadata:\n      labels: {app: hogs}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: node-1}\n      containers:\n      - name: stress\n        image: polinux/stress\n        command: [stress]\n        args: [--vm, "1", --vm-bytes, 3600M, --vm-hang, "1"]\n`,
    )
    c.advance('30s')
    const pods = c.list('pods', { namespace: 'default' })
    const failed = pods.filter((p) => (p.status as Pod['status'])?.reason === 'Evicted')
    expect(failed).toHaveLength(1)
    // The replacement waits: node-1 is tainted memory-pressure:NoSchedule and the selector wants node-1.
    const replacement = pods.find((p) => (p.status as Pod['status'])?.phase === 'Pending')
    expect(replacement?.status).toMatchObject({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] })
    expect(((replacement?.status as Pod['status'])?.conditions ?? [])[0].message).toContain("1 node(s) had untolerated taint {node.kubernetes.io/memory-pressure: }")
  })
})

describe('eviction helpers', () => {
  const rt = (uid: string, bytes: number): PodRuntime => ({
    uid,
    namespace: 'default',
    name: uid,
    startTime: 0,
    containers: [{ id: uid, name: 'c', init: false, attempt: 0, image: 'polinux/stress', imageRef: '', imageID: '', spec: { command: ['stress'], args: ['--vm', '1', '--vm-bytes', `${bytes}M`, '--vm-hang', '1'], env: {} }, createdAt: 0, startedAt: 0 } as unknown as ContainerInstance],
    crashBackoff: {},
    pullBackoff: {},
    reasons: {},
  })
  const pod = (name: string, o: { memory?: string; priority?: number } = {}): Pod => ({
    metadata: { name, namespace: 'default', uid: name },
    spec: { ...(o.priority !== undefined ? { priority: o.priority } : {}), containers: [{ name: 'c', image: 'polinux/stress', ...(o.memory ? { resources: { requests: { memory: o.memory } } } : {}) }] },
  })

  it('ranks pods over their request first, then by priority, then by usage above the request', () => {
    const ranked = rankForMemory(
      [
        { pod: pod('within', { memory: '500Mi' }), rt: rt('within', 400) },
        { pod: pod('low-prio', { priority: -10 }), rt: rt('low-prio', 100) },
        { pod: pod('big'), rt: rt('big', 900) },
        { pod: pod('small'), rt: rt('small', 200) },
      ],
      1,
    )
    expect(ranked.map((c) => c.pod.metadata!.name)).toEqual(['low-prio', 'big', 'small', 'within'])
  })

  it('writes the message as evictionMessage does, quantities as resource.Quantity prints them', () => {
    expect(bytesText(100 * 1024 * 1024)).toBe('100Mi')
    expect(bytesText(23156 * 1024)).toBe('23156Ki')
    expect(bytesText(1000)).toBe('1k')
    expect(evictionMessage(pod('p', { memory: '100Mi' }), rt('p', 300), 50 * 1024 * 1024, 1)).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container c was using 300Mi, request is 100Mi, has larger consumption of memory. ',
    )
    // A container within its request is not named.
    expect(evictionMessage(pod('p', { memory: '1Gi' }), rt('p', 300), 1024, 1)).toBe('The node was low on resource: memory. Threshold quantity: 100Mi, available: 1Ki. ')
  })

  it('reports pressure from the sync that sees the threshold met until the transition period has passed', () => {
    const s: EvictionState = {}
    expect(observe(s, 200 * 1024 * 1024, 0)).toEqual({ met: false, pressure: false })
    expect(observe(s, 50 * 1024 * 1024, 10_000)).toEqual({ met: true, pressure: true })
    expect(observe(s, 500 * 1024 * 1024, 10_000 + PRESSURE_TRANSITION_PERIOD - 1)).toEqual({ met: false, pressure: true })
    expect(observe(s, 500 * 1024 * 1024, 10_000 + PRESSURE_TRANSITION_PERIOD)).toEqual({ met: false, pressure: false })
    expect(s).toEqual({})
  })

  it('knows critical pods and whom memory pressure keeps out', () => {
    expect(isCriticalPod(pod('p', { priority: 2_000_000_000 }))).toBe(true)
    expect(isCriticalPod({ metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } } })).toBe(true)
    expect(isCriticalPod(pod('p', { priority: 1_999_999_999 }))).toBe(false)
    expect(admitUnderPressure(pod('p'), false)).toBeUndefined()
    expect(admitUnderPressure(pod('p'), true)).toEqual({ reason: 'Evicted', message: 'The node had condition: [MemoryPressure]. ' })
    expect(admitUnderPressure(pod('p', { memory: '1Mi' }), true)).toBeUndefined()
    const tolerant = { ...pod('p'), spec: { ...pod('p').spec!, tolerations: [{ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' }] } }
    expect(admitUnderPressure(tolerant, true)).toBeUndefined()
  })
})
