// The pod sandbox: the pause container holds the pod's IP; a container restart keeps it, a lost
// sandbox means SandboxChanged, a new sandbox (next attempt, new IP) and every container restarted.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { Kubelet } from '../../../src/cluster/kubelet/kubelet.js'
import type { StoredObject } from '../../../src/cluster/object.js'

const pod = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node-1\n${spec}`
const nginx = (name: string): string => pod(name, '  containers:\n  - name: web\n    image: nginx:1.27\n')

type PodStatus = { podIP?: string; containerStatuses: { name: string; restartCount: number; state: Record<string, unknown> }[]; conditions: { type: string; status: string }[] }
const statusOf = (c: Cluster, name: string): PodStatus => c.get('pod', name)!.status as PodStatus
const kubelet = (c: Cluster, node = 'node-1'): Kubelet => c.sim.component(`kubelet/${node}`) as Kubelet
const events = (c: Cluster, name: string): [string, string][] =>
  (c.list('events', { namespace: 'default', fieldSelector: `involvedObject.name=${name}` }) as (StoredObject & { reason: string; message: string })[]).map((e) => [e.reason, e.message])
const killSandbox = (c: Cluster, name: string): boolean => kubelet(c).killSandbox(c.get('pod', name)!.metadata.uid)

describe('the pod sandbox', () => {
  it('keeps the pod IP when an app container restarts', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('crash', '  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sh, -c, "sleep 2; exit 1"]\n'))
    c.advance(5_000)
    const ip = statusOf(c, 'crash').podIP
    c.advance(30_000)
    const s = statusOf(c, 'crash')
    expect(s.containerStatuses[0].restartCount).toBeGreaterThan(0)
    expect([ip, s.podIP]).toEqual(['10.244.1.2', '10.244.1.2'])
    const sandboxes = Object.values(kubelet(c).runtime.pods).map((p) => [p.sandbox?.attempt, p.oldSandboxes?.length ?? 0])
    expect(sandboxes).toEqual([[0, 0]])
  })

  it('is re-created after it is lost: SandboxChanged, the containers stopped, a new attempt, a new IP, a restart', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(10_000)
    expect(statusOf(c, 'web').podIP).toBe('10.244.1.2')
    expect(killSandbox(c, 'web')).toBe(true)
    c.advance(0)
    expect(statusOf(c, 'web').conditions.find((x) => x.type === 'PodReadyToStartContainers')?.status).toBe('False')
    c.advance(5_000)
    const s = statusOf(c, 'web')
    expect(s.podIP).toBe('10.244.1.3')
    expect(s.containerStatuses[0].restartCount).toBe(1)
    expect(Object.keys(s.containerStatuses[0].state)).toEqual(['running'])
    expect(events(c, 'web').slice(4)).toEqual([
      ['SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.'],
      ['Killing', 'Stopping container web'],
      ['Pulled', 'Container image "nginx:1.27" already present on machine'],
    ]) // Created and Started are the same events again: their count goes to 2
    const counts = (c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=web' }) as (StoredObject & { reason: string; count: number })[]).map((e) => `${e.reason}:${e.count}`)
    expect(counts).toEqual(['Pulling:1', 'Pulled:1', 'Created:2', 'Started:2', 'SandboxChanged:1', 'Killing:1', 'Pulled:1'])
    const rt = Object.values(kubelet(c).runtime.pods)[0]
    expect([rt.sandbox?.attempt, rt.oldSandboxes?.map((x) => x.attempt)]).toEqual([1, [0]])
    expect(kubelet(c).runtime.ipam.allocated).toEqual({ '10.244.1.3': rt.sandbox!.id })
  })

  it('waits for a container that ignores the stop signal, then makes the new sandbox after the grace period', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('sleeper', '  terminationGracePeriodSeconds: 5\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sleep, "3600"]\n'))
    c.advance(5_000)
    killSandbox(c, 'sleeper')
    c.advance(4_000)
    expect(statusOf(c, 'sleeper').podIP).toBe('10.244.1.2')
    c.advance(3_000)
    expect(statusOf(c, 'sleeper').podIP).toBe('10.244.1.3')
    expect(statusOf(c, 'sleeper').containerStatuses[0].restartCount).toBe(1)
  })

  it('is not re-created for a restartPolicy Never pod whose containers ran: the pod fails', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('once', '  restartPolicy: Never\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sleep, "3600"]\n'))
    c.advance(5_000)
    killSandbox(c, 'once')
    c.advance(5_000)
    expect(c.get('pod', 'once')!.status).toMatchObject({ phase: 'Failed' })
    expect(events(c, 'once').map((e) => e[0])).not.toContain('SandboxChanged')
  })

  it('runs the init containers again from the first in the new sandbox', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('init', '  initContainers:\n  - name: setup\n    image: busybox:1.37\n    command: [sh, -c, "sleep 1"]\n  containers:\n  - name: web\n    image: nginx:1.27\n'))
    c.advance(15_000)
    killSandbox(c, 'init')
    c.advance(0)
    c.advance(1_500)
    expect((c.get('pod', 'init')!.status as { initContainerStatuses: { state: Record<string, unknown> }[] }).initContainerStatuses[0].state).toHaveProperty('running')
    c.advance(5_000)
    expect(statusOf(c, 'init').containerStatuses[0]).toMatchObject({ restartCount: 1, state: { running: {} } })
  })

  it('survives a snapshot while it is being re-created', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(10_000)
    killSandbox(c, 'web')
    c.advance(0)
    const restored = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    restored.advance(5_000)
    c.advance(5_000)
    expect(statusOf(restored, 'web')).toEqual(statusOf(c, 'web'))
  })

  it('shares one network namespace: a second container binding the same port fails as nginx does and crash-loops', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('two', '  containers:\n  - name: a\n    image: nginx:1.27\n  - name: b\n    image: nginx:1.27\n'))
    c.advance(42_000)
    expect(c.kubectl('get pod two').stdout).toBe('NAME   READY   STATUS             RESTARTS      AGE\ntwo    1/2     CrashLoopBackOff   2 (16s ago)   42s\n')
    const logs = c.kubectl('logs two -c b').stdout.split('\n')
    expect(logs.slice(9, 14)).toEqual([
      '2026/01/01 00:00:24 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)',
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
      '2026/01/01 00:00:24 [emerg] 1#1: bind() to [::]:80 failed (98: Address already in use)',
      'nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)',
      '2026/01/01 00:00:24 [notice] 1#1: try again to bind() after 500ms',
    ])
    expect(logs.slice(-3)).toEqual(['2026/01/01 00:00:26 [emerg] 1#1: still could not bind()', 'nginx: [emerg] still could not bind()', ''])
    const b = statusOf(c, 'two').containerStatuses.find((x) => x.name === 'b')!
    expect(b).toMatchObject({ restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } })
  })
})

describe('a node reboot', () => {
  it('loses every sandbox: the kubelet replaces them, and the containers\' last state is Unknown, 255', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(10_000)
    c.sim.stop('kubelet/node-1')
    kubelet(c).reboot()
    c.sim.start('kubelet/node-1')
    c.advance(5_000)
    const s = c.get('pod', 'web')!.status as { podIP: string; containerStatuses: { restartCount: number; lastState: { terminated?: { exitCode: number; reason: string } }; state: Record<string, unknown> }[] }
    expect(s.podIP).toBe('10.244.1.3')
    expect(s.containerStatuses[0]).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 255, reason: 'Unknown' } }, state: { running: {} } })
    expect(events(c, 'web').map((e) => e[0])).toContain('SandboxChanged')
    expect(events(c, 'web').map((e) => e[0])).not.toContain('Killing')
  })
})
