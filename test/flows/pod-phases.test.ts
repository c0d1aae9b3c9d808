// Learning goal 2, end to end: each row is one pod manifest and what a learner sees of it over
// virtual time on a cluster with every component running (the real scheduler, controllers and a
// kubelet per node). Each expectation names the upstream rule that makes it so. Times come from the
// kubelet's model (src/cluster/kubelet/pod-sync.ts): the sandbox takes 1 s, busybox:1.37 pulls in
// 573 ms and nginx:1.27 in 6.175 s (src/cluster/runtime/images.ts), a failed pass is retried 10 s to
// 15 s later (the pod worker's wait.Jitter, from the seeded PRNG) at a whole-second tick of the sync loop.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { advanceTo, conditionsOf, eventsOf, kubectl, phaseOf, play, secondsNow, stateOf, table, uidOf, NARRATED } from './flow.js'

interface Step {
  /** Seconds after the manifest was applied (the cluster's start). */
  at: number
  /** Run at that time, before looking (e.g. `kubectl delete`). */
  run?: (c: Cluster) => string
  /** What `run` printed. */
  printed?: string
  /** The whole `kubectl get pods` output. */
  pods?: string
  phase?: string
  conditions?: string[]
  state?: string
  events?: (uid: string) => string[]
  /** The upstream rule that makes it so. */
  because: string
}

interface Flow {
  name: string
  pod: string
  manifest: string
  steps: Step[]
}

const pod = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`
const busybox = (script: string, restartPolicy: string): string =>
  `  restartPolicy: ${restartPolicy}\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sh, -c, ${JSON.stringify(script)}]\n`

const startEvents = (name: string, image: string, pulled: string, container = 'app'): string[] => [
  `Normal Scheduled (default-scheduler): Successfully assigned default/${name} to node-1`,
  `Normal Pulling (kubelet): Pulling image "${image}"`,
  `Normal Pulled (kubelet): Successfully pulled image "${image}" in ${pulled} (${pulled} including waiting). Image size: ${image.startsWith('busybox') ? 2166802 : 72188133} bytes.`,
  `Normal Created (kubelet): Created container: ${container}`,
  `Normal Started (kubelet): Started container ${container}`,
]

const completedConditions = [
  'PodReadyToStartContainers=False',
  'Initialized=True PodCompleted',
  'Ready=False PodCompleted',
  'ContainersReady=False PodCompleted',
  'PodScheduled=True',
]

const TOO_BIG =
  '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 2 Insufficient memory. ' +
  'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.'

const PULL_ERROR =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.277": failed to resolve reference "docker.io/library/nginx:1.277": docker.io/library/nginx:1.277: not found'

const flows: Flow[] = [
  {
    name: 'restartPolicy Never and exit 0 ends Completed, phase Succeeded',
    pod: 'done',
    manifest: pod('done', busybox('echo done; exit 0', 'Never')),
    steps: [
      {
        at: 0,
        pods: table('NAME   READY   STATUS              RESTARTS   AGE', 'done   0/1     ContainerCreating   0          0s'),
        phase: 'Pending',
        conditions: ['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False ContainersNotReady: containers with unready status: [app]', 'ContainersReady=False ContainersNotReady: containers with unready status: [app]', 'PodScheduled=True'],
        state: 'waiting ContainerCreating',
        because: 'bound at once; the kubelet writes Pending with the default waiting reason ContainerCreating (convertToAPIContainerStatuses), printed as the STATUS (printPod, K8S-FACTS §2 step 5)',
      },
      {
        at: 2,
        pods: table('NAME   READY   STATUS      RESTARTS   AGE', 'done   0/1     Completed   0          2s'),
        phase: 'Succeeded',
        conditions: completedConditions,
        state: 'terminated Completed (exit 0)',
        events: () => startEvents('done', 'busybox:1.37', '573ms'),
        because: 'every container exited 0 and none restarts under Never: Succeeded (getPhase, §3.2 rule 5); containerd names exit 0 Completed (§3.4); PodCompleted reasons (generate.go, §3.3)',
      },
      {
        at: 600,
        pods: table('NAME   READY   STATUS      RESTARTS   AGE', 'done   0/1     Completed   0          10m'),
        phase: 'Succeeded',
        because: 'a terminal phase is never left (status manager, §3.2)',
      },
    ],
  },
  {
    name: 'restartPolicy Never and exit 1 ends Error, phase Failed',
    pod: 'failed',
    manifest: pod('failed', busybox('exit 1', 'Never')),
    steps: [
      {
        at: 2,
        pods: table('NAME     READY   STATUS   RESTARTS   AGE', 'failed   0/1     Error    0          2s'),
        phase: 'Failed',
        conditions: ['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False PodFailed', 'ContainersReady=False PodFailed', 'PodScheduled=True'],
        state: 'terminated Error (exit 1)',
        because: 'a non-zero exit under Never: Failed (getPhase, §3.2 rule 5); containerd names it Error (§3.4); PodFailed reasons (generate.go, §3.3)',
      },
      {
        at: 300,
        pods: table('NAME     READY   STATUS   RESTARTS   AGE', 'failed   0/1     Error    0          5m'),
        phase: 'Failed',
        because: 'Never: ShouldContainerBeRestarted is false (§3.7), and Failed is terminal',
      },
    ],
  },
  {
    name: 'a crashing container under Always shows Error, then CrashLoopBackOff at the next pass; restarted after 0 s, then 10 s, 20 s, 40 s and up to a requeue more',
    pod: 'crash',
    manifest: pod('crash', busybox('echo boom; exit 1', 'Always')),
    // The container first starts at 1.573 s and exits at once each time; finishedAt keeps whole seconds.
    // The pod worker comes back to a failed pass at 15 s, 26 s, 37 s, 52 s, 67 s, 78 s, 93 s (this seed).
    steps: [
      {
        at: 2,
        pods: table('NAME    READY   STATUS   RESTARTS     AGE', 'crash   0/1     Error    1 (1s ago)   2s'),
        phase: 'Running',
        state: 'terminated Error (exit 1)',
        because: `the first restart is immediate (doBackOff has no entry yet), the second crash is in back-off (10 s); the pass that sees it writes the status before the runtime's SyncPod fills the reason cache, so it shows the terminated state (kubelet.go SyncPod, §3.5); under Always the pod stays Running (getPhase, §3.2 rule 5)`,
      },
      {
        at: 14,
        pods: table('NAME    READY   STATUS   RESTARTS      AGE', 'crash   0/1     Error    1 (13s ago)   14s'),
        because: `no PLEG event for a dead container: nothing syncs the pod until the pod worker's requeue, wait.Jitter(10s, 0.5) after the failed pass (pod_workers.go completeWork; in 1.32 the back-off error is returned, kubernetes#123602)`,
      },
      {
        at: 15,
        pods: table('NAME    READY   STATUS   RESTARTS      AGE', 'crash   0/1     Error    2 (14s ago)   15s'),
        because: 'the requeued pass writes CrashLoopBackOff from the reason cache, then restarts (the 10 s back-off has passed since finishedAt); the new run exits at once: Error, RESTARTS 2, "(14s ago)" is the finishedAt of the last state (printPod, §2 step 7)',
      },
      {
        at: 26,
        pods: table('NAME    READY   STATUS             RESTARTS      AGE', 'crash   0/1     CrashLoopBackOff   2 (11s ago)   26s'),
        state: 'waiting CrashLoopBackOff: back-off 20s restarting failed container=app pod=crash_default(<uid>)',
        because: 'the next pass is inside the 20 s back-off: the reason cache from the pass before shows (convertToAPIContainerStatuses); the back-off doubles (§3.5)',
      },
      {
        at: 36,
        pods: table('NAME    READY   STATUS             RESTARTS      AGE', 'crash   0/1     CrashLoopBackOff   2 (21s ago)   36s'),
        because: 'still waiting for the next pass, though the 20 s back-off ended at 35 s: 1.32 restarts only at a pass',
      },
      {
        at: 37,
        pods: table('NAME    READY   STATUS   RESTARTS      AGE', 'crash   0/1     Error    3 (22s ago)   37s'),
        because: 'restarted at the pass at 37 s, crashed again; next back-off 40 s (§3.5)',
      },
      {
        at: 99,
        pods: table('NAME    READY   STATUS             RESTARTS      AGE', 'crash   0/1     CrashLoopBackOff   4 (21s ago)   99s'),
        state: 'waiting CrashLoopBackOff: back-off 1m20s restarting failed container=app pod=crash_default(<uid>)',
        phase: 'Running',
        events: (uid) => [
          ...startEvents('crash', 'busybox:1.37', '573ms'),
          'Normal Pulled (kubelet): Container image "busybox:1.37" already present on machine',
          `Warning BackOff (kubelet): Back-off restarting failed container app in pod crash_default(${uid})`,
        ],
        because: 'restarted at 78 s; the back-off message is a Go duration (§3.5); repeated events are counted, not re-created (§4.3)',
      },
    ],
  },
  {
    name: 'a missing image shows ErrImagePull, then ImagePullBackOff',
    pod: 'typo',
    manifest: pod('typo', '  containers:\n  - name: web\n    image: nginx:1.277\n'),
    // Pulls fail at 1.4 s, at the requeued pass after the 10 s image back-off (16.4 s), and at 41.4 s (after 20 s).
    steps: [
      {
        at: 1,
        pods: table('NAME   READY   STATUS              RESTARTS   AGE', 'typo   0/1     ContainerCreating   0          1s'),
        phase: 'Pending',
        because: 'the sandbox is created, then the pull starts (kuberuntime SyncPod)',
      },
      {
        at: 2,
        pods: table('NAME   READY   STATUS         RESTARTS   AGE', 'typo   0/1     ErrImagePull   0          2s'),
        phase: 'Pending',
        state: `waiting ErrImagePull: ${PULL_ERROR}`,
        events: () => [
          'Normal Scheduled (default-scheduler): Successfully assigned default/typo to node-1',
          'Normal Pulling (kubelet): Pulling image "nginx:1.277"',
          `Warning Failed (kubelet): Failed to pull image "nginx:1.277": ${PULL_ERROR}`,
          'Warning Failed (kubelet): Error: ErrImagePull',
        ],
        because: 'a failed pull: waiting reason ErrImagePull with the runtime error as message, and the Failed events (image_manager.go, §3.6); a waiting container keeps the pod Pending (§3.2 rule 3)',
      },
      {
        at: 22,
        pods: table('NAME   READY   STATUS         RESTARTS   AGE', 'typo   0/1     ErrImagePull   0          22s'),
        because: 'the requeued pass (10 s to 15 s after the failed one, pod_workers.go completeWork) is past the 10 s image back-off: pulled again, failed again, now 20 s of back-off (§3.6)',
      },
      {
        at: 29,
        pods: table('NAME   READY   STATUS             RESTARTS   AGE', 'typo   0/1     ImagePullBackOff   0          29s'),
        state: `waiting ImagePullBackOff: Back-off pulling image "nginx:1.277": ErrImagePull: ${PULL_ERROR}`,
        because: 'the pass at 29 s is inside the 20 s back-off per (pod, image) (image_manager.go IsInBackOffSinceUpdate, §3.6)',
      },
      {
        at: 42,
        pods: table('NAME   READY   STATUS         RESTARTS   AGE', 'typo   0/1     ErrImagePull   0          42s'),
        because: 'the pass at 41 s is past the back-off: pulled again, failed again (§3.6)',
      },
      {
        at: 53,
        pods: table('NAME   READY   STATUS             RESTARTS   AGE', 'typo   0/1     ImagePullBackOff   0          53s'),
        phase: 'Pending',
        because: 'now 40 s of back-off (10 s doubling to 300 s, §3.6)',
      },
    ],
  },
  {
    name: 'an init container shows Init:0/1, then PodInitializing while the app image is pulled, then Running',
    pod: 'init-demo',
    manifest: pod(
      'init-demo',
      '  initContainers:\n  - name: init\n    image: busybox:1.37\n    command: [sleep, "5"]\n  containers:\n  - name: web\n    image: nginx:1.27\n',
    ),
    // init runs 1.573–6.573 s; nginx:1.27 is pulled 6.573–12.748 s and starts.
    steps: [
      {
        at: 0,
        pods: table('NAME        READY   STATUS     RESTARTS   AGE', 'init-demo   0/1     Init:0/1   0          0s'),
        phase: 'Pending',
        conditions: ['PodReadyToStartContainers=False', 'Initialized=False ContainersNotInitialized: containers with incomplete status: [init]', 'Ready=False ContainersNotReady: containers with unready status: [web]', 'ContainersReady=False ContainersNotReady: containers with unready status: [web]', 'PodScheduled=True'],
        because: 'with init containers the default waiting reason is PodInitializing, which printPod shows as Init:<done>/<all> (§2 step 4, §3.4); Initialized lists the incomplete ones (§3.3)',
      },
      {
        at: 6,
        pods: table('NAME        READY   STATUS     RESTARTS   AGE', 'init-demo   0/1     Init:0/1   0          6s'),
        because: 'the init container is running: still Init:0/1',
      },
      {
        at: 7,
        pods: table('NAME        READY   STATUS            RESTARTS   AGE', 'init-demo   0/1     PodInitializing   0          7s'),
        phase: 'Pending',
        conditions: ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=False ContainersNotReady: containers with unready status: [web]', 'ContainersReady=False ContainersNotReady: containers with unready status: [web]', 'PodScheduled=True'],
        state: 'waiting PodInitializing',
        because: 'init exited 0, so printPod goes on to the app container, still waiting PodInitializing (§2 steps 4–5); Initialized is True (§3.3)',
      },
      {
        at: 13,
        pods: table('NAME        READY   STATUS    RESTARTS   AGE', 'init-demo   1/1     Running   0          13s'),
        phase: 'Running',
        conditions: ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
        state: 'running',
        because: 'nginx runs and has no readiness probe, so it is ready (prober UpdatePodStatus, §3.3)',
      },
    ],
  },
  {
    name: 'requests larger than any node stay Pending with FailedScheduling and the real message',
    pod: 'big',
    manifest: pod('big', '  containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n      requests: {cpu: "8", memory: 16Gi}\n'),
    steps: [
      {
        at: 0,
        pods: table('NAME   READY   STATUS    RESTARTS   AGE', 'big    0/1     Pending   0          0s'),
        phase: 'Pending',
        conditions: [`PodScheduled=False Unschedulable: ${TOO_BIG}`],
        events: () => [`Warning FailedScheduling (default-scheduler): ${TOO_BIG}`],
        because: 'the control plane is tainted, the workers have 2 CPUs and 4 GiB: the histogram counts each reason per node, sorted as strings, then the preemption verdict (FitError.Error, §4.2); PodScheduled=False Unschedulable (§3.1)',
      },
      {
        at: 300,
        pods: table('NAME   READY   STATUS    RESTARTS   AGE', 'big    0/1     Pending   0          5m'),
        phase: 'Pending',
        because: 'nothing changes on the nodes, so the pod stays unschedulable',
      },
    ],
  },
  {
    name: 'a deleted sleep shows Terminating for the 30 s grace period, then is gone',
    pod: 'sleeper',
    manifest: pod('sleeper', '  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sleep, "3600"]\n'),
    steps: [
      {
        at: 10,
        pods: table('NAME      READY   STATUS    RESTARTS   AGE', 'sleeper   1/1     Running   0          10s'),
        phase: 'Running',
        because: 'sleep runs; no readiness probe means ready (§3.3)',
      },
      {
        at: 10,
        run: (c) => kubectl(c, 'delete pod sleeper --wait=false'),
        printed: 'pod "sleeper" deleted\n',
        pods: table('NAME      READY   STATUS        RESTARTS   AGE', 'sleeper   1/1     Terminating   0          10s'),
        phase: 'Running',
        because: 'the apiserver sets deletionTimestamp = now + 30 s (terminationGracePeriodSeconds); printPod shows Terminating for a pod with a deletionTimestamp that is not Succeeded/Failed (§2 step 6, §8.5)',
      },
      {
        at: 39,
        pods: table('NAME      READY   STATUS        RESTARTS   AGE', 'sleeper   1/1     Terminating   0          39s'),
        events: () => [...startEvents('sleeper', 'busybox:1.37', '573ms'), 'Normal Killing (kubelet): Stopping container app'],
        because: 'sleep is PID 1 with no SIGTERM handler, so the kernel ignores SIGTERM; the kubelet waits the whole grace period (killContainer, §8.5)',
      },
      {
        at: 40,
        pods: 'No resources found in default namespace.\n',
        phase: '<gone>',
        because: 'SIGKILL after 30 s; once every container is stopped the kubelet deletes the pod with grace 0 (status manager, §8.5)',
      },
    ],
  },
]

describe('pod phases as kubectl shows them, on a cluster with every component running', () => {
  it.each(flows)('$name', ({ pod: name, manifest, steps }) => {
    const c = Cluster.create(NARRATED)
    c.apply(manifest)
    const seen: unknown[] = []
    const wanted: unknown[] = []
    for (const step of steps) {
      advanceTo(c, step.at)
      const uid = uidOf(c, name)
      const got: Record<string, unknown> = { at: step.at, because: step.because }
      const want: Record<string, unknown> = { at: step.at, because: step.because }
      if (step.run) {
        got.printed = step.run(c)
        want.printed = step.printed
      }
      if (step.pods !== undefined) [got.pods, want.pods] = [kubectl(c, 'get pods'), step.pods]
      if (step.phase !== undefined) [got.phase, want.phase] = [phaseOf(c, name), step.phase]
      if (step.conditions) [got.conditions, want.conditions] = [conditionsOf(c, name), step.conditions]
      if (step.state !== undefined) [got.state, want.state] = [stateOf(c, name), step.state.replace('<uid>', uid)]
      if (step.events) [got.events, want.events] = [eventsOf(c, name), step.events(uid)]
      seen.push(got)
      wanted.push(want)
    }
    expect(seen).toEqual(wanted)
  })
})

describe('kubectl delete of a pod that ignores SIGTERM', () => {
  it('prints at once, then waits the 30 s grace period until the pod is gone (--wait is the default)', () => {
    const c = Cluster.create(NARRATED)
    c.apply(flows.find((f) => f.pod === 'sleeper')!.manifest)
    const { seen, wanted } = play(c, [
      {
        at: 10,
        read: (c) => ({ printed: kubectl(c, 'delete pod sleeper'), returnedAt: secondsNow(c), pods: kubectl(c, 'get pods') }),
        want: { printed: 'pod "sleeper" deleted\n', returnedAt: 40, pods: 'No resources found in default namespace.\n' },
        because: 'kubectl delete waits for the object to be gone (DeleteOptions.Wait, default true); the kubelet kills with SIGKILL after the grace period and deletes the pod (§8.5)',
      },
    ])
    expect(seen).toEqual(wanted)
  })
})
