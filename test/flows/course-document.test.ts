// The seed course document's own examples (六、Pod生命周期: pod 状态, Pod状况, 容器状态), replayed
// on the simulated cluster: what its commands print on Kubernetes 1.32. Where 1.32 prints more or
// otherwise than the document shows, the test says so and keeps 1.32's output.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { advanceTo, kubectl, phaseOf, play, table, type Look } from './flow.js'

const NGINX_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n'
// A pod whose nginx finishes (prints its version, exits 0) and is not restarted.
const NGINX_DONE = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  restartPolicy: Never\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    command: [nginx, -v]\n'

/** `| grep PATTERN` */
const grep = (text: string, pattern: string): string => text.split('\n').filter((l) => l.includes(pattern)).map((l) => `${l}\n`).join('')
/** `| grep PATTERN -A N` */
function grepAfter(text: string, pattern: string, after: number): string {
  const lines = text.split('\n')
  const i = lines.findIndex((l) => l.includes(pattern))
  return lines.slice(i, i + after + 1).map((l) => `${l}\n`).join('')
}

describe('the course document\'s pod-phase examples on Kubernetes 1.32', () => {
  it('nginx-pod Running: get, -o yaml | grep phase, describe | grep Conditions: -A5', () => {
    const c = Cluster.create()
    c.apply(NGINX_POD)
    advanceTo(c, 60)
    expect(grep(kubectl(c, 'get pod'), 'nginx-pod')).toBe('nginx-pod   1/1     Running   0          60s\n')
    // Since kubectl 1.21 `-o yaml` hides managedFields, so the document's `f:phase: {}` line is gone.
    expect(grep(kubectl(c, 'get pod nginx-pod -o yaml'), 'phase')).toBe('  phase: Running\n')
    // 1.32 adds PodReadyToStartContainers first (generateAPIPodStatus), so -A5 no longer reaches PodScheduled.
    expect(grepAfter(kubectl(c, 'describe pod nginx-pod'), 'Conditions:', 5)).toBe(
      'Conditions:\n' +
        '  Type                        Status\n' +
        '  PodReadyToStartContainers   True \n' +
        '  Initialized                 True \n' +
        '  Ready                       True \n' +
        '  ContainersReady             True \n',
    )
  })

  it('nginx-pod Completed: READY 0/1, phase Succeeded, Ready and ContainersReady False', () => {
    const c = Cluster.create()
    c.apply(NGINX_DONE)
    advanceTo(c, 60)
    expect(grep(kubectl(c, 'get pod'), 'nginx-pod')).toBe('nginx-pod   0/1     Completed   0          60s\n')
    expect(grep(kubectl(c, 'get pod nginx-pod -o yaml'), 'phase')).toBe('  phase: Succeeded\n')
    // The sandbox of a finished pod is torn down, so PodReadyToStartContainers is False too.
    expect(grepAfter(kubectl(c, 'describe pod nginx-pod'), 'Conditions:', 6)).toBe(
      'Conditions:\n' +
        '  Type                        Status\n' +
        '  PodReadyToStartContainers   False \n' +
        '  Initialized                 True \n' +
        '  Ready                       False \n' +
        '  ContainersReady             False \n' +
        '  PodScheduled                True \n',
    )
  })

  it('the document\'s phase flow: Pending before scheduling, ContainerCreating, Running, Terminating on delete, then gone', () => {
    const c = Cluster.create()
    const looks: Look[] = [
      { at: 0, act: (c) => void c.sim.stop('kube-scheduler'), because: 'hold the scheduler back, to see the pod before it is scheduled' },
      { at: 0, act: (c) => void c.apply(NGINX_POD), because: 'the apiserver stores the pod in etcd' },
      {
        at: 5,
        kubectl: 'get pod -o wide',
        want: table(
          'NAME        READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES',
          'nginx-pod   0/1     Pending   0          5s    <none>   <none>   <none>           <none>',
        ),
        because: '未调度, nodeName 为空: Pending, and no conditions at all until the scheduler writes PodScheduled (§3.1)',
      },
      { at: 5, act: (c) => void c.sim.start('kube-scheduler'), because: 'the scheduler starts, lists the pending pod and binds it' },
      {
        at: 5,
        kubectl: 'get pod -o wide',
        want: table(
          'NAME        READY   STATUS              RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES',
          'nginx-pod   0/1     ContainerCreating   0          5s    <none>   node-1   <none>           <none>',
        ),
        because: '调度后 ContainerCreating: bound (here to node-1, a seeded tie-break between the equal workers, §9), the kubelet writes the default waiting reason before its sandbox has an IP',
      },
      { at: 5, read: (c) => phaseOf(c, 'nginx-pod'), want: 'Pending', because: 'ContainerCreating is a container reason; the phase is still Pending (getPhase §3.2 rule 3)' },
      {
        at: 13,
        kubectl: 'get pod',
        want: table('NAME        READY   STATUS    RESTARTS   AGE', 'nginx-pod   1/1     Running   0          13s'),
        because: 'bound at 5 s: sandbox 1 s, nginx:1.27 pulled in 6.175 s, started: Running (§3.2 rule 4)',
      },
      { at: 20, kubectl: 'delete pod nginx-pod --wait=false', want: 'pod "nginx-pod" deleted\n', because: '用户删除 pod' },
      {
        at: 20,
        kubectl: 'get pod',
        want: table('NAME        READY   STATUS        RESTARTS   AGE', 'nginx-pod   1/1     Terminating   0          20s'),
        because: '立即处于 Terminating: a deletionTimestamp is set at once (printPod §2 step 6)',
      },
      {
        at: 21,
        kubectl: 'get pod',
        want: 'No resources found in default namespace.\n',
        because: 'nginx stops at once on its STOPSIGNAL SIGQUIT, the sandbox goes and the kubelet deletes the pod (gone) (§8.5)',
      },
    ]
    const { seen, wanted } = play(c, looks)
    expect(seen).toEqual(wanted)
  })

  it('a pod on a node that cannot report is not Unknown in 1.32: it stays Running with Ready False, then Terminating', () => {
    // The document says such a pod is Unknown; since the NodeLost reason is no longer set (K8S-FACTS
    // §2 step 6, appendix), kubectl shows the phase the kubelet last wrote, then Terminating.
    const c = Cluster.create()
    c.apply(NGINX_POD)
    advanceTo(c, 30)
    c.sim.stop(`kubelet/${(c.get('pod', 'nginx-pod')!.spec as { nodeName: string }).nodeName}`)
    advanceTo(c, 90)
    expect(grep(kubectl(c, 'get pod'), 'nginx-pod')).toBe('nginx-pod   1/1     Running   0          90s\n')
    expect(phaseOf(c, 'nginx-pod')).toBe('Running')
    advanceTo(c, 391)
    expect(grep(kubectl(c, 'get pod'), 'nginx-pod')).toBe('nginx-pod   1/1     Terminating   0          6m31s\n')
  })
})
