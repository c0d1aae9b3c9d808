// The kubelet as `kubectl get pods` shows it: STATUS / READY / RESTARTS at chosen virtual times, for
// pods bound to node-1 by their own spec.nodeName. Times follow the kubelet's model (pod-sync.ts):
// the sandbox takes 1 s, nginx:1.27 pulls in 6.175 s and busybox:1.37 in 573 ms (runtime/images.ts),
// a tagged image is pulled once per node (IfNotPresent), exits are seen at once, and a failed pass
// is retried 10 s to 15 s later (wait.Jitter from the seeded PRNG) at a whole-second tick;
// CrashLoopBackOff is 10 s doubling to 5 min (K8S-FACTS §3.5). The crash loop itself, pass by pass:
// crash-loop.test.ts.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const BUSYBOX = 'busybox:1.37'

function podYaml(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node-1\n${spec}`
}

const shell = (script: string, restartPolicy = 'Always', image = BUSYBOX): string =>
  `  restartPolicy: ${restartPolicy}\n  containers:\n  - name: app\n    image: ${image}\n    command: [sh, -c, ${JSON.stringify(script)}]\n`

/** `NAME READY STATUS RESTARTS` of one pod (AGE left out), or `gone`. */
function row(c: Cluster, name: string): string {
  const out = c.kubectl(`get pod ${name} --no-headers`)
  if (out.exitCode !== 0) return 'gone'
  const [, ready, status, ...rest] = out.stdout.trim().split(/\s{2,}/)
  return [ready, status, rest.slice(0, -1).join(' ')].join(' ')
}

/** The rows at each time (seconds after the pod was created). */
function timeline(spec: string, times: readonly number[], then?: (c: Cluster, t: number) => void): string[] {
  const c = Cluster.create({ systemPods: false })
  c.apply(podYaml('p', spec))
  let now = 0
  return times.map((t) => {
    c.advance((t - now) * 1000)
    now = t
    then?.(c, t)
    return `${t}s ${row(c, 'p')}`
  })
}

describe('a pod bound to node-1, as kubectl get pods shows it', () => {
  it.each([
    {
      name: 'restartPolicy Never and exit 0 is Completed',
      spec: shell('echo done; exit 0', 'Never'),
      times: [0, 1, 2, 60],
      rows: ['0s 0/1 ContainerCreating 0', '1s 0/1 ContainerCreating 0', '2s 0/1 Completed 0', '60s 0/1 Completed 0'],
    },
    {
      name: 'restartPolicy Never and exit 1 is Error',
      spec: shell('exit 1', 'Never'),
      times: [2, 600],
      rows: ['2s 0/1 Error 0', '600s 0/1 Error 0'],
    },
    {
      name: 'restartPolicy OnFailure and exit 0 is Completed, not restarted',
      spec: shell('exit 0', 'OnFailure'),
      times: [2, 300],
      rows: ['2s 0/1 Completed 0', '300s 0/1 Completed 0'],
    },
    {
      name: 'a long sleep is Running and ready, and restarted at once when it ends under Always',
      spec: shell('sleep 3600'),
      times: [1.5, 1.6, 3599, 3602],
      rows: ['1.5s 0/1 ContainerCreating 0', '1.6s 1/1 Running 0', '3599s 1/1 Running 0', '3602s 1/1 Running 1 (1s ago)'],
    },
    {
      name: 'a missing image is ErrImagePull, then ImagePullBackOff',
      spec: '  containers:\n  - name: app\n    image: nginxx:1.0\n',
      // pulls fail at 1.4 s and at the requeued pass (back-off 10 s passed; now 20 s); the next pass,
      // inside it, is ImagePullBackOff (27 s); the one after pulls again (41 s)
      times: [1, 2, 25, 28, 39, 42, 56],
      rows: ['1s 0/1 ContainerCreating 0', '2s 0/1 ErrImagePull 0', '25s 0/1 ErrImagePull 0', '28s 0/1 ImagePullBackOff 0', '39s 0/1 ImagePullBackOff 0', '42s 0/1 ErrImagePull 0', '56s 0/1 ImagePullBackOff 0'],
    },
    {
      name: 'an invalid image name is InvalidImageName',
      spec: '  containers:\n  - name: app\n    image: NGINX\n',
      times: [2],
      rows: ['2s 0/1 InvalidImageName 0'],
    },
    {
      name: 'imagePullPolicy Never with an image not on the node is ErrImageNeverPull',
      spec: `  containers:\n  - name: app\n    image: ${BUSYBOX}\n    imagePullPolicy: Never\n`,
      times: [2],
      rows: ['2s 0/1 ErrImageNeverPull 0'],
    },
    {
      name: 'a command the image does not have fails to start (RunContainerError), then backs off',
      spec: `  containers:\n  - name: app\n    image: ${BUSYBOX}\n    command: [nosuch]\n`,
      // the reason cache says RunContainerError at once (the failed start is a new container the
      // PLEG reports); the back-off shows as CrashLoopBackOff at the requeued pass (24 s)
      times: [2, 13, 23, 24],
      rows: ['2s 0/1 RunContainerError 1 (1s ago)', '13s 0/1 RunContainerError 2 (0s ago)', '23s 0/1 RunContainerError 2 (10s ago)', '24s 0/1 CrashLoopBackOff 2 (11s ago)'],
    },
    {
      name: 'a container over its memory limit is OOMKilled',
      spec: '  restartPolicy: Never\n  containers:\n  - name: app\n    image: polinux/stress\n    command: [stress, --vm, "1", --vm-bytes, 150M, --vm-hang, "1"]\n    resources:\n      limits: {memory: 100Mi}\n',
      times: [3],
      rows: ['3s 0/1 OOMKilled 0'],
    },
    {
      name: 'init containers run one by one before the app',
      spec: `  initContainers:\n  - name: one\n    image: ${BUSYBOX}\n    command: [sleep, "5"]\n  - name: two\n    image: ${BUSYBOX}\n    command: [sleep, "5"]\n  containers:\n  - name: app\n    image: ${BUSYBOX}\n    command: [sleep, "3600"]\n`,
      // one starts at 1.573 s, two at 6.573 s, app at 11.573 s
      times: [1, 2, 7, 11, 12],
      rows: ['1s 0/1 Init:0/2 0', '2s 0/1 Init:0/2 0', '7s 0/1 Init:1/2 0', '11s 0/1 Init:1/2 0', '12s 1/1 Running 0'],
    },
    {
      name: 'after its init container the pod is PodInitializing while the app image is pulled',
      spec: `  initContainers:\n  - name: init\n    image: ${BUSYBOX}\n    command: [sleep, "2"]\n  containers:\n  - name: web\n    image: nginx:1.27\n`,
      // init runs 1.573-3.573 s; nginx:1.27 is pulled until 9.748 s
      times: [1, 3, 4, 9, 10],
      rows: ['1s 0/1 Init:0/1 0', '3s 0/1 Init:0/1 0', '4s 0/1 PodInitializing 0', '9s 0/1 PodInitializing 0', '10s 1/1 Running 0'],
    },
    {
      name: 'a failing init container under Never fails the pod',
      spec: `  restartPolicy: Never\n  initContainers:\n  - name: init\n    image: ${BUSYBOX}\n    command: [sh, -c, "exit 3"]\n  containers:\n  - name: app\n    image: ${BUSYBOX}\n`,
      times: [2],
      rows: ['2s 0/1 Init:Error 0'],
    },
    {
      name: 'a failing init container under Always crash-loops',
      spec: `  initContainers:\n  - name: init\n    image: ${BUSYBOX}\n    command: [sh, -c, "exit 3"]\n  containers:\n  - name: app\n    image: ${BUSYBOX}\n`,
      // as an app container: Init:Error first, Init:CrashLoopBackOff at the requeued pass
      times: [2, 12, 14, 29],
      rows: ['2s 0/1 Init:Error 1 (1s ago)', '12s 0/1 Init:Error 1 (11s ago)', '14s 0/1 Init:Error 2 (13s ago)', '29s 0/1 Init:CrashLoopBackOff 2 (15s ago)'],
    },
  ])('$name', ({ spec, times, rows }) => {
    expect(timeline(spec, times)).toEqual(rows)
  })

  it('a crashing container under Always is restarted after 0 s, then 10 s, 20 s, 40 s ... 5 min and up to a requeue more (CrashLoopBackOff)', () => {
    // Started at 1.573 s; each run ends at once. Restart n >= 2 comes at the first requeued pass
    // (every 10-15 s, whole seconds) at least the back-off after the previous finishedAt.
    const c = Cluster.create({ systemPods: false })
    c.apply(podYaml('p', shell('echo boom; exit 1')))
    const startedAt: number[] = []
    for (let t = 1; t <= 1800; t++) {
      c.advance(1000)
      const s = (c.get('pod', 'p')!.status as { containerStatuses: { restartCount: number; state: { terminated?: { startedAt: string } } }[] }).containerStatuses[0]
      if (s.state.terminated && startedAt.length < s.restartCount + 1) startedAt.push((Date.parse(s.state.terminated.startedAt) - Date.UTC(2026, 0, 1)) / 1000)
    }
    expect(startedAt).toEqual([1, 1, 14, 41, 82, 173, 342, 646, 957, 1261, 1565])
    expect(row(c, 'p')).toBe('0/1 CrashLoopBackOff 10 (3m55s ago)')
    const status = c.get('pod', 'p')!.status as { phase: string; containerStatuses: { state: { waiting: { message: string } } }[] }
    expect(status.phase).toBe('Running')
    expect(status.containerStatuses[0].state.waiting.message).toBe(`back-off 5m0s restarting failed container=app pod=p_default(${c.get('pod', 'p')!.metadata.uid})`)
  })

  it('a readiness probe that gets 404 leaves the pod Running but 0/1, with Unhealthy events', () => {
    const spec = '  containers:\n  - name: web\n    image: nginx:1.27\n    readinessProbe:\n      httpGet: {path: /healthz, port: 80}\n'
    const c = Cluster.create({ systemPods: false })
    c.apply(podYaml('p', spec))
    c.advance(30_000)
    expect(row(c, 'p')).toBe('0/1 Running 0')
    const events = c.kubectl('get events --field-selector reason=Unhealthy --no-headers').stdout
    expect(events).toContain('Readiness probe failed: HTTP probe failed with statuscode: 404')
    const ready = (c.get('pod', 'p')!.status as { conditions: { type: string; status: string; reason?: string; message?: string }[] }).conditions.find((x) => x.type === 'Ready')
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' })
  })

  it('a readiness probe that succeeds makes the pod ready', () => {
    const spec = '  containers:\n  - name: web\n    image: nginx:1.27\n    readinessProbe:\n      httpGet: {path: /, port: 80}\n      initialDelaySeconds: 5\n'
    // nginx starts at 7.175 s; the first probe runs at 12.175 s.
    expect(timeline(spec, [12, 13])).toEqual(['12s 0/1 Running 0', '13s 1/1 Running 0'])
  })

  it('a failing liveness probe kills the container, which is restarted', () => {
    const spec = '  containers:\n  - name: web\n    image: nginx:1.27\n    livenessProbe:\n      tcpSocket: {port: 8080}\n'
    const c = Cluster.create({ systemPods: false })
    c.apply(podYaml('p', spec))
    c.advance(40_000)
    // Probes fail at 7.175, 17.175, 27.175 s: killed at 27.175 s, nginx exits 0 on SIGQUIT 100 ms
    // later and is started again; finishedAt has whole seconds (27 s).
    expect(row(c, 'p')).toBe('1/1 Running 1 (13s ago)')
    const events = c.kubectl('get events --no-headers').stdout
    expect(events).toContain('Liveness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused')
    expect(events).toContain('Container web failed liveness probe, will be restarted')
  })
})

describe('deleting a pod', () => {
  it('a shell as PID 1 ignores SIGTERM: Terminating for the 30 s grace period, then gone', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(podYaml('p', shell('sleep 3600')))
    c.advance(5_000)
    c.sim.api.delete('test', 'pods', 'default', 'p')
    const rows: string[] = []
    let since = 0
    for (const t of [0, 29, 30]) {
      c.advance((t - since) * 1000)
      since = t
      rows.push(row(c, 'p'))
    }
    expect(rows).toEqual(['1/1 Terminating 0', '1/1 Terminating 0', 'gone'])
  })

  it('nginx stops at once on SIGQUIT and the pod is gone', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(podYaml('p', '  containers:\n  - name: web\n    image: nginx:1.27\n'))
    c.advance(10_000)
    c.sim.api.delete('test', 'pods', 'default', 'p')
    c.advance(1_000)
    expect(row(c, 'p')).toBe('gone')
    expect(c.kubectl('get events --field-selector reason=Killing --no-headers').stdout).toContain('Stopping container web')
  })
})
