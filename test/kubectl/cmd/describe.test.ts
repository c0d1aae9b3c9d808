import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { minutes } from '../../../src/cluster/clock.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)

function cluster(): SimulatedCluster {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
  c.advance(minutes(5))
  return c
}

const kubectl = (c: SimulatedCluster, line: string) => runKubectl(c, line.split(' '), memoryIO({}))

describe('kubectl describe', () => {
  it('describes a worker node: lease, conditions, resources and the kubelet and controller events', () => {
    const r = kubectl(cluster(), 'describe node node-1')
    expect(r.exitCode).toBe(0)
    expect(r.stderr).toBe('')
    // node-1 joined 60 s before the cluster's start (the boot phase), NotReady until flannel's
    // install-cni wrote its CNI config 7 s later; the kubelet's fast status loop posted Ready at once.
    const at = 'Wed, 25 Nov 2026 01:59:00 +0000'
    const ready = 'Wed, 25 Nov 2026 01:59:07 +0000'
    // The kubelet renews its lease every 10 s and posts node status every 5 minutes (from its last post, at Ready).
    const beat = 'Wed, 25 Nov 2026 02:05:00 +0000'
    const status = 'Wed, 25 Nov 2026 02:04:10 +0000'
    expect(r.stdout.replace(/(Machine ID|System UUID|Boot ID):( +)\S+/g, '$1:$2X')).toBe(
      [
        'Name:               node-1',
        'Roles:              <none>',
        'Labels:             beta.kubernetes.io/arch=amd64',
        '                    beta.kubernetes.io/os=linux',
        '                    kubernetes.io/arch=amd64',
        '                    kubernetes.io/hostname=node-1',
        '                    kubernetes.io/os=linux',
        'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock',
        '                    node.alpha.kubernetes.io/ttl: 0',
        '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
        `CreationTimestamp:  ${at}`,
        'Taints:             <none>',
        'Unschedulable:      false',
        'Lease:',
        '  HolderIdentity:  node-1',
        '  AcquireTime:     <unset>',
        `  RenewTime:       ${beat}`,
        'Conditions:',
        '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
        '  ----             ------  -----------------                 ------------------                ------                       -------',
        `  MemoryPressure   False   ${status}   ${at}   KubeletHasSufficientMemory   kubelet has sufficient memory available`,
        `  DiskPressure     False   ${status}   ${at}   KubeletHasNoDiskPressure     kubelet has no disk pressure`,
        `  PIDPressure      False   ${status}   ${at}   KubeletHasSufficientPID      kubelet has sufficient PID available`,
        `  Ready            True    ${status}   ${ready}   KubeletReady                 kubelet is posting ready status`,
        'Addresses:',
        '  InternalIP:  192.168.49.3',
        '  Hostname:    node-1',
        'Capacity:',
        '  cpu:                2',
        '  ephemeral-storage:  61202244Ki',
        '  hugepages-2Mi:      0',
        '  memory:             4015732Ki',
        '  pods:               110',
        'Allocatable:',
        '  cpu:                2',
        '  ephemeral-storage:  56403988070',
        '  hugepages-2Mi:      0',
        '  memory:             3913332Ki',
        '  pods:               110',
        'System Info:',
        '  Machine ID:                 X',
        '  System UUID:                X',
        '  Boot ID:                    X',
        '  Kernel Version:             6.8.0-45-generic',
        '  OS Image:                   Debian GNU/Linux 12 (bookworm)',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.24',
        '  Kubelet Version:            v1.32.4',
        '  Kube-Proxy Version:         v1.32.4',
        'PodCIDR:                      10.244.1.0/24',
        'PodCIDRs:                     10.244.1.0/24',
        'Non-terminated Pods:          (2 in total)',
        '  Namespace                   Name                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                     ------------  ----------  ---------------  -------------  ---',
        '  kube-flannel                kube-flannel-ds-c4z85    100m (5%)     0 (0%)      50Mi (1%)        0 (0%)         6m',
        '  kube-system                 kube-proxy-j6442         0 (0%)        0 (0%)      0 (0%)           0 (0%)         6m',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests   Limits',
        '  --------           --------   ------',
        '  cpu                100m (5%)  0 (0%)',
        '  memory             50Mi (1%)  0 (0%)',
        '  ephemeral-storage  0 (0%)     0 (0%)',
        '  hugepages-2Mi      0 (0%)     0 (0%)',
        'Events:',
        '  Type    Reason                   Age    From             Message',
        '  ----    ------                   ----   ----             -------',
        // kube-proxy's Starting (events.k8s.io: no lastTimestamp) sorts first, as on a real node.
        '  Normal  Starting                 5m55s  kube-proxy       ',
        '  Normal  RegisteredNode           6m     node-controller  Node node-1 event: Registered Node node-1 in Controller',
        '  Normal  Starting                 6m     kubelet          Starting kubelet.',
        '  Normal  NodeHasSufficientMemory  6m     kubelet          Node node-1 status is now: NodeHasSufficientMemory',
        '  Normal  NodeHasNoDiskPressure    6m     kubelet          Node node-1 status is now: NodeHasNoDiskPressure',
        '  Normal  NodeHasSufficientPID     6m     kubelet          Node node-1 status is now: NodeHasSufficientPID',
        '  Normal  NodeAllocatableEnforced  6m     kubelet          Updated Node Allocatable limit across pods',
        // NodeReady only when Ready turns True (nodestatus ReadyCondition), not at registration.
        '  Normal  NodeReady                5m53s  kubelet          Node node-1 status is now: NodeReady',
        '',
      ].join('\n'),
    )
  })

  it('lists the control-plane node\'s static pods and system pods (CoreDNS, flannel, kube-proxy) with their requests and percentages', () => {
    const r = kubectl(cluster(), 'describe node control-plane')
    expect(r.stdout).toContain(
      [
        'Non-terminated Pods:          (8 in total)',
        '  Namespace                   Name                                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                                     ------------  ----------  ---------------  -------------  ---',
        '  kube-flannel                kube-flannel-ds-75czl                    100m (5%)     0 (0%)      50Mi (1%)        0 (0%)         6m30s',
        '  kube-system                 coredns-5755c5476f-pv6tm                 100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     6m30s',
        '  kube-system                 coredns-5755c5476f-sxzjw                 100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     6m30s',
        '  kube-system                 etcd-control-plane                       100m (5%)     0 (0%)      100Mi (2%)       0 (0%)         6m30s',
        '  kube-system                 kube-apiserver-control-plane             250m (12%)    0 (0%)      0 (0%)           0 (0%)         6m30s',
        '  kube-system                 kube-controller-manager-control-plane    200m (10%)    0 (0%)      0 (0%)           0 (0%)         6m30s',
        '  kube-system                 kube-proxy-dfgsq                         0 (0%)        0 (0%)      0 (0%)           0 (0%)         6m30s',
        '  kube-system                 kube-scheduler-control-plane             100m (5%)     0 (0%)      0 (0%)           0 (0%)         6m30s',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests    Limits',
        '  --------           --------    ------',
        '  cpu                950m (47%)  0 (0%)',
        '  memory             290Mi (7%)  340Mi (8%)',
        '  ephemeral-storage  0 (0%)      0 (0%)',
        '  hugepages-2Mi      0 (0%)      0 (0%)',
      ].join('\n'),
    )
    expect(r.stdout).toContain('Roles:              control-plane\n')
    expect(r.stdout).toContain('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n')
  })

  it('describes the kube-scheduler static pod, controlled by its Node, with its seccomp profile', () => {
    const r = kubectl(cluster(), 'describe pod kube-scheduler-control-plane -n kube-system')
    expect(r.exitCode).toBe(0)
    const text = r.stdout.replace(/(config\.hash|config\.mirror): [0-9a-f]+/g, '$1: H').replace(/(Container ID|Image ID):( +)\S+/g, '$1:$2X')
    expect(text).toBe(
      [
        'Name:                 kube-scheduler-control-plane',
        'Namespace:            kube-system',
        'Priority:             2000001000',
        'Priority Class Name:  system-node-critical',
        'Node:                 control-plane/192.168.49.2',
        'Start Time:           Wed, 25 Nov 2026 01:58:30 +0000',
        'Labels:               component=kube-scheduler',
        '                      tier=control-plane',
        'Annotations:          kubernetes.io/config.hash: H',
        '                      kubernetes.io/config.mirror: H',
        '                      kubernetes.io/config.seen: 2026-11-25T01:58:30.000000000Z',
        '                      kubernetes.io/config.source: file',
        'Status:               Running',
        'SeccompProfile:       RuntimeDefault',
        'IP:                   192.168.49.2',
        'IPs:',
        '  IP:           192.168.49.2',
        'Controlled By:  Node/control-plane',
        'Containers:',
        '  kube-scheduler:',
        '    Container ID:  X',
        '    Image:         registry.k8s.io/kube-scheduler:v1.32.4',
        '    Image ID:      X',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Command:',
        '      kube-scheduler',
        '      --bind-address=127.0.0.1',
        '      --kubeconfig=/etc/kubernetes/scheduler.conf',
        '      --leader-elect=true',
        '    State:          Running',
        '      Started:      Wed, 25 Nov 2026 01:58:30 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Requests:',
        '      cpu:        100m',
        '    Environment:  <none>',
        '    Mounts:       <none>',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:                      <none>',
        'QoS Class:                    Burstable',
        'Node-Selectors:               <none>',
        'Tolerations:                  :NoExecute op=Exists',
        'Events:                       <none>',
        '',
      ].join('\n'),
    )
  })

  it('describes a namespace, which has no quota and no limit range', () => {
    const r = kubectl(cluster(), 'describe namespace kube-system')
    expect(r.stdout).toMatch(/^Name: +kube-system\nLabels: +kubernetes.io\/metadata.name=kube-system\nAnnotations: +<none>\n/)
    expect(r.stdout).toMatch(/\n\nNo resource quota.\n\nNo LimitRange resource.\n$/)
  })

  it('describes the kubernetes service with its endpoints from the EndpointSlice', () => {
    const r = kubectl(cluster(), 'describe svc kubernetes')
    expect(r.stdout).toBe(
      [
        'Name:                     kubernetes',
        'Namespace:                default',
        'Labels:                   component=apiserver',
        '                          provider=kubernetes',
        'Annotations:              <none>',
        'Selector:                 <none>',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.0.1',
        'IPs:                      10.96.0.1',
        'Port:                     https  443/TCP',
        'TargetPort:               6443/TCP',
        'Endpoints:                192.168.49.2:6443',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    )
  })

  it('separates several objects by a blank line', () => {
    const c = cluster()
    const both = kubectl(c, 'describe pods -n kube-system -l component=etcd')
    const etcd = kubectl(c, 'describe pod etcd-control-plane -n kube-system')
    const scheduler = kubectl(c, 'describe pod/kube-scheduler-control-plane -n kube-system')
    expect(kubectl(c, 'describe pod/etcd-control-plane pod/kube-scheduler-control-plane -n kube-system').stdout).toBe(`${etcd.stdout}\n\n${scheduler.stdout}`)
    expect(both.stdout).toBe(etcd.stdout)
  })

  it('describes every pod whose name starts with NAME when no pod has that name, each followed by a blank line', () => {
    const c = cluster()
    const r = kubectl(c, 'describe pods kube-s -n kube-system')
    const scheduler = kubectl(c, 'describe pod kube-scheduler-control-plane -n kube-system')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe(`${scheduler.stdout}\n`)
  })

  it('does not prefix-match a TYPE/NAME argument', () => {
    const r = kubectl(cluster(), 'describe pod/kube-s -n kube-system')
    expect(r).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "kube-s" not found\n', exitCode: 1 })
  })

  it('reports a missing object as the apiserver does', () => {
    expect(kubectl(cluster(), 'describe pods nosuch')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nosuch" not found\n', exitCode: 1 })
  })

  it('reports an unknown resource type', () => {
    expect(kubectl(cluster(), 'describe foo')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 })
  })

  it('says so when a type has no objects in the namespace', () => {
    expect(kubectl(cluster(), 'describe pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 })
  })

  it('asks for a type when given none', () => {
    expect(kubectl(cluster(), 'describe').stderr).toBe(
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    )
  })

  it('leaves the events out with --show-events=false', () => {
    const r = kubectl(cluster(), 'describe node node-1 --show-events=false')
    expect(r.stdout).not.toContain('Events:')
    expect(r.stdout.endsWith('  hugepages-2Mi      0 (0%)     0 (0%)\n')).toBe(true)
  })

  it('describes a pod whose status a kubelet wrote through the status subresource', () => {
    const c = cluster()
    c.stop('kubelet/node-1') // the test writes the status that kubelet would

    const created = c.api.create('test', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
    })
    if (!created.ok) throw new Error(created.error.message)
    const at = new Date(T0 + minutes(5)).toISOString().replace('.000Z', 'Z')
    const running = c.api.update(
      'kubelet/node-1',
      {
        ...created.value,
        status: {
          phase: 'Running',
          hostIP: '192.168.49.3',
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }],
          startTime: at,
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ name: 'nginx', image: 'nginx:1.27', imageID: 'docker.io/library/nginx@sha256:abc', containerID: 'containerd://def', ready: true, restartCount: 0, state: { running: { startedAt: at } } }],
        },
      },
      { subresource: 'status' },
    )
    if (!running.ok) throw new Error(running.error.message)
    const r = kubectl(c, 'describe pod web')
    // (the widths of the top block depend on the defaults the apiserver adds: Priority, Service Account)
    expect(r.stdout).toMatch(/^Status: +Running\n/m)
    expect(r.stdout).toMatch(/^Node: +node-1\/192\.168\.49\.3\n/m)
    expect(r.stdout).toContain('IPs:\n  IP:  10.244.1.5\nContainers:\n  nginx:\n    Container ID:   containerd://def\n')
    expect(r.stdout).toContain('    State:          Running\n      Started:      Wed, 25 Nov 2026 02:05:00 +0000\n    Ready:          True\n')
  })
})
