// The kernel's OOM killer on a node out of memory (mm/oom_kill.c oom_badness, with the kubelet's
// oom_score_adj from pkg/kubelet/qos/policy.go) and the kubelet's SystemOOM event on the node
// (pkg/kubelet/oom/oom_watcher_linux.go). A worker node has 4015732Ki of memory (1003933 pages);
// its own processes use 256Mi, kube-proxy 20Mi and flannel 15Mi (both system-node-critical).
import type { Container, Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { hostPid } from '../../../src/cluster/kubelet/context.js'
import { badness, oomScoreAdjust } from '../../../src/cluster/kubelet/oom.js'
import { Cluster } from '../../../src/index.js'

const GiB = 1024 ** 3
const container = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string): Container => ({
  name,
  image: 'busybox',
  ...(requests || limits ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } } : {}),
  ...(restartPolicy ? { restartPolicy } : {}),
})
const pod = (containers: Container[], extra: Partial<Pod['spec']> = {}, annotations?: Record<string, string>): Pod => ({ metadata: { name: 'p', ...(annotations ? { annotations } : {}) }, spec: { containers, ...extra } })

describe('oom_score_adj, as the kubelet sets it (GetContainerOOMScoreAdjust)', () => {
  it.each([
    ['BestEffort', pod([container('a')]), 1000],
    ['Guaranteed', pod([container('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), -997],
    ['Burstable without a memory request: 1000 − 0, then one below BestEffort', pod([container('a', { cpu: '100m' })]), 999],
    ['Burstable asking 1Gi of 4Gi: 1000 − 1000 × 1Gi / 4Gi', pod([container('a', { memory: '1Gi' })]), 750],
    ['Burstable asking for all of it: no lower than 3', pod([container('a', { memory: '4Gi' })]), 3],
    ['system-node-critical BestEffort (kube-proxy)', pod([container('a')], { priorityClassName: 'system-node-critical', priority: 2000001000 }), -997],
    ['system-cluster-critical BestEffort: only node-critical pods are spared', pod([container('a')], { priorityClassName: 'system-cluster-critical', priority: 2000000000 }), 1000],
  ])('%s', (_, p, adj) => {
    expect(oomScoreAdjust(p, p.spec!.containers[0], 4 * GiB)).toBe(adj)
  })

  it('keeps a sidecar at or below the regular containers with the least request', () => {
    const sidecar = container('proxy', { memory: '128Mi' }, undefined, 'Always')
    const p = pod([container('app', { memory: '2Gi' }), container('log', { memory: '1Gi' })], { initContainers: [sidecar] })
    // Its own 1000 − 31 = 969; the regular containers' least request (1Gi) gives 750.
    expect(oomScoreAdjust(p, sidecar, 4 * GiB)).toBe(750)
    expect(oomScoreAdjust(p, p.spec!.containers[0], 4 * GiB)).toBe(500)
  })

  it('weighs pages and the adjustment in thousandths of the machine (oom_badness)', () => {
    const total = 4015732 * 1024
    expect(badness(3000 * 1024 * 1024, 1000, total)).toBe(768000 + 1000 * 1003)
    expect(badness(100 * 1024 * 1024, -997, total)).toBe(25600 - 997 * 1003)
  })
})

const stress = (name: string, bytes: string, resources = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node-1\n  containers:\n  - name: stress\n    image: polinux/stress\n    command: [stress]\n    args: [--vm, "1", --vm-bytes, ${bytes}, --vm-hang, "1"]\n${resources}`
const guaranteed = '    resources:\n      requests: {cpu: 100m, memory: 1200Mi}\n      limits: {cpu: 100m, memory: 1200Mi}\n'

const status = (c: Cluster, name: string) => (c.get('pods', name)?.status as Pod['status'])!.containerStatuses![0]
const systemOoms = (c: Cluster): string[] =>
  c
    .list('events', { namespace: 'default' })
    .filter((e) => e.reason === 'SystemOOM')
    .map((e) => `${String(e.lastTimestamp).slice(11, 19)} ${String(e.type)} ${String((e.involvedObject as { kind: string; name: string }).kind)}/${String((e.involvedObject as { name: string }).name)} ${String(e.message)}`)

describe('a node out of memory', () => {
  it('kills the newcomer when it has the highest score, and the kubelet says so on the node', () => {
    const c = Cluster.create()
    c.apply(stress('huge', '5G'))
    c.advance('2s')
    expect(status(c, 'huge').state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' })
    // The victim is the worker stress forked, the PID after its main process's (crictl inspect's pid).
    const pid = hostPid(status(c, 'huge').containerID!.replace('containerd://', '')) + 1
    expect(systemOoms(c)).toEqual([`00:00:01 Warning Node/node-1 System OOM encountered, victim process: stress, pid: ${pid}`])
  })

  it('kills a BestEffort hog rather than a Guaranteed newcomer, which then runs; the hog restarts into a crash loop', () => {
    const c = Cluster.create()
    c.apply(stress('hog', '3000M'))
    c.advance('5s')
    expect(status(c, 'hog').state?.running).toBeDefined()
    // 4015732Ki − 256Mi − 20Mi − 15Mi − 3000Mi leaves about 618Mi: the Guaranteed pod's 1000M does not fit.
    c.apply(stress('tenant', '1000M', guaranteed))
    c.advance('5s')
    expect(status(c, 'tenant').state?.running).toBeDefined()
    expect(status(c, 'tenant').restartCount).toBe(0)
    expect(status(c, 'hog').lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' })
    expect(status(c, 'hog').restartCount).toBe(1)
    // Started again, the hog asks for 3000M with about 2618Mi free: it is the victim now, each time.
    c.advance('2m')
    expect(status(c, 'hog').state?.waiting?.reason).toBe('CrashLoopBackOff')
    expect(status(c, 'tenant').restartCount).toBe(0)
    // Killed as the tenant started, again at once on its first restart, then at each restart after its back-off.
    const oom = (at: string) => `${at} Warning Node/node-1 System OOM encountered, victim process: stress, pid: N`
    expect(systemOoms(c).map((e) => e.replace(/pid: \d+$/, 'pid: N'))).toEqual([oom('00:00:06'), oom('00:00:06'), oom('00:00:20'), oom('00:00:44'), oom('00:01:39')])
  })

  it('counts anew what runs once a hog is gone: the next big process fits, with no OOM', () => {
    const c = Cluster.create()
    c.apply(stress('hog', '3000M'))
    c.advance('5s')
    expect(status(c, 'hog').state?.running).toBeDefined()
    // stress as PID 1 ignores SIGTERM: the pod goes after its 30 s grace period.
    c.kubectl('delete pod hog --wait=false')
    c.advance('40s')
    expect(c.get('pods', 'hog')).toBeUndefined()
    c.apply(stress('next', '3000M'))
    c.advance('5s')
    expect(status(c, 'next').state?.running).toBeDefined()
    expect(status(c, 'next').restartCount).toBe(0)
    expect(systemOoms(c)).toEqual([])
  })
})
