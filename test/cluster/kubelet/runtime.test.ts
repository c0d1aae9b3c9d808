// The kubelet's events, status fields, logs, IPs, heartbeats and snapshots.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import type { StoredObject } from '../../../src/cluster/object.js'

const pod = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node-1\n${spec}`
const nginx = (name: string): string => pod(name, '  containers:\n  - name: web\n    image: nginx:1.27\n')
const sh = (name: string, script: string, restartPolicy = 'Always'): string =>
  pod(name, `  restartPolicy: ${restartPolicy}\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sh, -c, ${JSON.stringify(script)}]\n`)

type Status = {
  phase: string
  podIP?: string
  hostIP?: string
  startTime?: string
  qosClass?: string
  conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[]
  containerStatuses: { name: string; ready: boolean; restartCount: number; started: boolean; image: string; imageID: string; containerID?: string; state: Record<string, unknown>; lastState: Record<string, unknown> }[]
}
const statusOf = (c: Cluster, name: string): Status => c.get('pod', name)!.status as Status

describe('the kubelet', () => {
  it('records the pull, create and start events of a container, with its field path', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(10_000)
    const events = c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=web' }) as (StoredObject & { reason: string; message: string; involvedObject: { fieldPath?: string }; source: { component: string; host: string } })[]
    expect(events.map((e) => [e.reason, e.message, e.involvedObject.fieldPath, `${e.source.component}/${e.source.host}`])).toEqual([
      ['Pulling', 'Pulling image "nginx:1.27"', 'spec.containers{web}', 'kubelet/node-1'],
      ['Pulled', 'Successfully pulled image "nginx:1.27" in 6.175s (6.175s including waiting). Image size: 72188133 bytes.', 'spec.containers{web}', 'kubelet/node-1'],
      ['Created', 'Created container: web', 'spec.containers{web}', 'kubelet/node-1'],
      ['Started', 'Started container web', 'spec.containers{web}', 'kubelet/node-1'],
    ])
  })

  it('pulls a tagged image once per node; the next pod finds it present', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('a'))
    c.advance(10_000)
    c.apply(nginx('b'))
    c.advance(2_000)
    const messages = (c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=b' }) as (StoredObject & { message: string })[]).map((e) => e.message)
    expect(messages).toEqual(['Container image "nginx:1.27" already present on machine', 'Created container: web', 'Started container web'])
  })

  it('pulls serially: a pull waits for the one before it, and says so', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply([nginx('a'), pod('b', '  containers:\n  - name: app\n    image: redis\n')].join('\n---\n'))
    c.advance(30_000)
    const pulled = (c.list('events', { namespace: 'default', fieldSelector: 'reason=Pulled' }) as (StoredObject & { message: string })[]).map((e) => e.message)
    expect(pulled).toEqual([
      'Successfully pulled image "nginx:1.27" in 6.175s (6.175s including waiting). Image size: 72188133 bytes.',
      'Successfully pulled image "redis" in 4.59s (10.765s including waiting). Image size: 52380114 bytes.',
    ])
  })

  it('writes the status of a running pod: phase, conditions in order, IPs, container status', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(10_000)
    const s = statusOf(c, 'web')
    expect(s.phase).toBe('Running')
    expect(s.conditions.map((x) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'])
    expect([s.hostIP, s.podIP, s.startTime, s.qosClass]).toEqual(['192.168.49.3', '10.244.1.2', '2026-01-01T00:00:00Z', 'BestEffort'])
    const cs = s.containerStatuses[0]
    expect(cs).toMatchObject({ name: 'web', ready: true, restartCount: 0, started: true, image: 'docker.io/library/nginx:1.27', state: { running: { startedAt: '2026-01-01T00:00:07Z' } }, lastState: {} })
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
  })

  it('says which containers are not ready while a pod starts, and PodCompleted when it is done', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(sh('job', 'sleep 5', 'Never'))
    c.advance(0) // what is due now (the kubelet's first pass) runs
    const pending = statusOf(c, 'job')
    expect(pending.conditions.map((x) => [x.type, x.status, x.reason ?? '', x.message ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', '', ''],
      ['Initialized', 'True', '', ''],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [app]'],
      ['PodScheduled', 'True', '', ''],
    ])
    expect(pending.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } })
    c.advance(10_000)
    const done = statusOf(c, 'job')
    expect(done.phase).toBe('Succeeded')
    expect(done.conditions.map((x) => [x.type, x.status, x.reason ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', ''],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', ''],
    ])
    // The sandbox is gone, its IP released; the status keeps the IP.
    expect(done.podIP).toBe('10.244.1.2')
  })

  it('shows PodInitializing for app containers while init containers run', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('p', '  initContainers:\n  - name: init\n    image: busybox:1.37\n    command: [sleep, "10"]\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sleep, "3600"]\n'))
    c.advance(5_000)
    const s = c.get('pod', 'p')!.status as Status & { initContainerStatuses: Status['containerStatuses'] }
    expect(s.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } })
    expect(s.initContainerStatuses[0].state).toHaveProperty('running')
    expect(s.conditions.find((x) => x.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]' })
    c.advance(10_000)
    expect(c.kubectl('get pod p --no-headers').stdout).toMatch(/^p\s+1\/1\s+Running\s+0\s/)
  })

  it('describe shows State, Last State and Restart Count of a crash-looping container', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(sh('crash', 'echo boom; exit 1'))
    // Restarted at 1.573 s, 14 s, 41 s; the requeued pass at 56 s is inside the 40 s back-off.
    c.advance(57_000)
    const out = c.kubectl('describe pod crash').stdout
    expect(out).toContain(
      [
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Thu, 01 Jan 2026 00:00:41 +0000',
        '      Finished:     Thu, 01 Jan 2026 00:00:41 +0000',
        '    Ready:          False',
        '    Restart Count:  3',
      ].join('\n'),
    )
    expect(out).toMatch(/Warning {2}BackOff {2}\S+ \(x\d+ over \S+\)\s+kubelet {2}Back-off restarting failed container app in pod crash_default\(/)
  })

  it('serves kubectl logs from what the container wrote, and -p from the instance before', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(sh('hi', 'echo hi; sleep 5'))
    c.advance(3_000)
    expect(c.kubectl('logs hi')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('logs hi -p').stderr).toBe('Error from server (BadRequest): previous terminated container "app" in pod "hi" not found\n')
    c.advance(5_000) // exited at 6.573 s under Always: restarted at once
    expect(c.kubectl('logs hi -p').stdout).toBe('hi\n')
    expect(c.kubectl('logs hi').stdout).toBe('hi\n')
  })

  it('gives pod IPs from the node CIDR in order, from .2, and reuses a released one only after wrapping', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply([sh('a', 'exit 0', 'Never'), sh('b', 'sleep 3600')].join('\n---\n'))
    c.advance(5_000)
    c.apply(sh('c', 'sleep 3600'))
    c.advance(5_000)
    expect(['a', 'b', 'c'].map((n) => statusOf(c, n).podIP)).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4'])
    c.apply(pod('h', '  hostNetwork: true\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sleep, "3600"]\n'))
    c.advance(5_000)
    expect(statusOf(c, 'h').podIP).toBe('192.168.49.3')
  })

  it('rejects a pod that does not fit the node (OutOfcpu)', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(pod('big', '  containers:\n  - name: app\n    image: busybox:1.37\n    resources:\n      requests: {cpu: "3"}\n'))
    c.advance(0)
    const s = c.get('pod', 'big')!.status as Status & { reason: string; message: string }
    expect([s.phase, s.reason, s.message]).toEqual(['Failed', 'OutOfcpu', "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000"])
    expect(c.kubectl('get pod big --no-headers').stdout).toMatch(/^big\s+0\/1\s+OutOfcpu\s+0\s/)
  })

  it('renews its node lease every 10 s and posts node status every 5 minutes', () => {
    const c = Cluster.create({ systemPods: false })
    c.advance(60_000)
    const lease = c.get('lease', 'node-1', 'kube-node-lease')!
    expect((lease.spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:01:00.000000Z')
    const writes = c.sim.trace.entries().filter((e) => e.who === 'kubelet/node-1' && e.verb === 'update')
    expect(writes.map((e) => (e.time - Date.UTC(2026, 0, 1)) / 1000)).toEqual([10, 20, 30, 40, 50, 60])
    c.advance(240_000)
    const ready = (c.get('node', 'node-1')!.status as { conditions: { type: string; lastHeartbeatTime: string }[] }).conditions.find((x) => x.type === 'Ready')
    expect(ready?.lastHeartbeatTime).toBe('2026-01-01T00:05:00Z')
  })

  it('costs nothing while a running pod has nothing due: one heartbeat per node per 10 s', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(60_000)
    const before = c.sim.trace.entries().length
    c.advance(60_000)
    const calls = c.sim.trace.entries().slice(before)
    expect(new Set(calls.map((e) => `${e.resource} ${e.verb}`))).toEqual(new Set(['leases.coordination.k8s.io update']))
    expect(c.sim.clock.pending().filter((t) => t.task.owner.startsWith('kubelet/')).map((t) => t.task.type)).toEqual(['heartbeat', 'heartbeat', 'heartbeat'])
  })

  it('continues exactly as the original after a restore in the middle of a CrashLoopBackOff', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply([sh('crash', 'echo boom; exit 1'), nginx('web')].join('\n---\n'))
    c.advance(45_500)
    const copy = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    c.advance(400_000)
    copy.advance(400_000)
    expect(copy.snapshot()).toEqual(c.snapshot())
    expect(copy.kubectl('get pods').stdout).toBe(c.kubectl('get pods').stdout)
    expect(copy.kubectl('logs crash').stdout).toBe('boom\n')
  })

  it('leaves the mirror pods of the control plane alone', () => {
    const c = Cluster.create({ systemPods: false })
    const before = c.list('pods', { namespace: 'kube-system' }).map((p) => p.metadata.resourceVersion)
    c.advance(30_000)
    expect(c.list('pods', { namespace: 'kube-system' }).map((p) => p.metadata.resourceVersion)).toEqual(before)
  })
})
