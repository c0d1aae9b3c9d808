import type { Event, Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { describePod } from '../../../src/kubectl/describe/pod.js'

const T = (s: string): string => `2026-11-25T${s}Z`
const NOW = Date.parse(T('01:50:18'))

/** The running pod of K8S-FACTS §5.1, as the apiserver and kubelet leave it. */
function runningPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-7d4b9c8f6-x2x4z',
      namespace: 'default',
      uid: 'u1',
      creationTimestamp: T('01:45:04'),
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6', uid: 'rs1', controller: true }],
    },
    spec: {
      priority: 0,
      serviceAccountName: 'default',
      nodeName: 'node-1',
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ name: 'kube-api-access-7xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-7xk2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '192.168.49.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: T('01:45:04'),
      qosClass: 'BestEffort',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
      containerStatuses: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          imageID: 'docker.io/library/nginx@sha256:0a399eb1',
          containerID: 'containerd://3f1c2a9b8d7e',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: T('01:45:15') } },
        },
      ],
    },
  }
}

const event = (reason: string, message: string, from: string, at: string, type = 'Normal'): Event => ({
  metadata: { name: `e-${reason}` },
  involvedObject: {},
  type,
  reason,
  message,
  source: { component: from },
  firstTimestamp: T(at),
  lastTimestamp: T(at),
  count: 1,
})

describe('describePod', () => {
  it('prints a running pod field for field as kubectl 1.32 does (K8S-FACTS §5.1)', () => {
    const events = [
      event('Scheduled', 'Successfully assigned default/web-7d4b9c8f6-x2x4z to node-1', 'default-scheduler', '01:45:04'),
      event('Pulling', 'Pulling image "nginx:1.27"', 'kubelet', '01:45:06'),
      event('Pulled', 'Successfully pulled image "nginx:1.27" in 8.342s (8.342s including waiting). Image size: 72188133 bytes.', 'kubelet', '01:45:15'),
      event('Created', 'Created container: nginx', 'kubelet', '01:45:15'),
      event('Started', 'Started container nginx', 'kubelet', '01:45:16'),
    ]
    expect(describePod(runningPod(), events, NOW)).toBe(
      [
        'Name:             web-7d4b9c8f6-x2x4z',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             node-1/192.168.49.3',
        'Start Time:       Wed, 25 Nov 2026 01:45:04 +0000',
        'Labels:           app=web',
        '                  pod-template-hash=7d4b9c8f6',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.1.5',
        'IPs:',
        '  IP:           10.244.1.5',
        'Controlled By:  ReplicaSet/web-7d4b9c8f6',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://3f1c2a9b8d7e',
        '    Image:          nginx:1.27',
        '    Image ID:       docker.io/library/nginx@sha256:0a399eb1',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Wed, 25 Nov 2026 01:45:15 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7xk2p (ro)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  kube-api-access-7xk2p:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    ConfigMapOptional:       <nil>',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason     Age    From               Message',
        '  ----    ------     ----   ----               -------',
        '  Normal  Scheduled  5m14s  default-scheduler  Successfully assigned default/web-7d4b9c8f6-x2x4z to node-1',
        '  Normal  Pulling    5m12s  kubelet            Pulling image "nginx:1.27"',
        '  Normal  Pulled     5m3s   kubelet            Successfully pulled image "nginx:1.27" in 8.342s (8.342s including waiting). Image size: 72188133 bytes.',
        '  Normal  Created    5m3s   kubelet            Created container: nginx',
        '  Normal  Started    5m2s   kubelet            Started container nginx',
        '',
      ].join('\n'),
    )
  })

  it('prints a pod nobody scheduled with no node, an empty IP, no IPs and no Conditions block', () => {
    const pod: Pod = {
      metadata: { name: 'p', namespace: 'default', creationTimestamp: T('01:49:00') },
      spec: { priority: 0, serviceAccountName: 'default', containers: [{ name: 'app', image: 'nginx' }] },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    }
    expect(describePod(pod, [], NOW)).toBe(
      [
        'Name:             p',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             <none>',
        'Labels:           <none>',
        'Annotations:      <none>',
        'Status:           Pending',
        'IP:               ',
        'IPs:              <none>',
        'Containers:',
        '  app:',
        '    Image:        nginx',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:       <none>',
        'Volumes:          <none>',
        'QoS Class:        BestEffort',
        'Node-Selectors:   <none>',
        'Tolerations:      <none>',
        'Events:           <none>',
        '',
      ].join('\n'),
    )
  })

  it('shows the PodScheduled=False row of an unschedulable pod with its trailing spaces', () => {
    const pod: Pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] },
    }
    expect(describePod(pod, undefined, NOW)).toContain('Conditions:\n  Type           Status\n  PodScheduled   False \nVolumes:')
  })

  it('shows a crash-looping container waiting, with its last termination and restart count', () => {
    const pod = runningPod()
    pod.status!.containerStatuses![0] = {
      ...pod.status!.containerStatuses![0],
      ready: false,
      restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container' } },
      lastState: { terminated: { reason: 'Error', exitCode: 1, startedAt: T('01:49:00'), finishedAt: T('01:49:01') } },
    }
    const text = describePod(pod, undefined, NOW)
    expect(text).toContain(
      [
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Wed, 25 Nov 2026 01:49:00 +0000',
        '      Finished:     Wed, 25 Nov 2026 01:49:01 +0000',
        '    Ready:          False',
        '    Restart Count:  4',
      ].join('\n'),
    )
    expect(text).not.toContain('Events:')
  })

  it('shows a pod inside its grace period as Terminating (lasts <invalid>) with its grace period', () => {
    const running = runningPod()
    const pod = { ...running, metadata: { ...running.metadata, deletionTimestamp: T('01:50:48'), deletionGracePeriodSeconds: 30 } }
    const text = describePod(pod, undefined, NOW)
    expect(text).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n')
  })

  it('prints probes, commands, resources and environment of a container', () => {
    const pod = runningPod()
    pod.spec!.containers[0] = {
      ...pod.spec!.containers[0],
      command: ['sh', '-c', 'echo hi\nsleep 3600'],
      resources: { limits: { memory: '128Mi', cpu: '0.5' }, requests: { cpu: '250m' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 3, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      readinessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
      env: [
        { name: 'GREETING', value: 'hello' },
        { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      ],
    }
    delete pod.status!.containerStatuses
    expect(describePod(pod, undefined, NOW)).toContain(
      [
        'Containers:',
        '  nginx:',
        '    Image:      nginx:1.27',
        '    Port:       80/TCP',
        '    Host Port:  0/TCP',
        '    Command:',
        '      sh',
        '      -c',
        '      echo hi',
        '      sleep 3600',
        '    Limits:',
        '      cpu:     500m',
        '      memory:  128Mi',
        '    Requests:',
        '      cpu:      250m',
        '    Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3',
        '    Readiness:  tcp-socket :80 delay=0s timeout=1s period=5s #success=1 #failure=3',
        '    Environment:',
        '      GREETING:  hello',
        '      POD_IP:     (v1:status.podIP)',
        '      POD_NAME:  web-7d4b9c8f6-x2x4z (v1:metadata.name)',
        '    Mounts:',
      ].join('\n'),
    )
  })
})
