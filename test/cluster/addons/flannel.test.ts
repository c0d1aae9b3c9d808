import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1.js'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { FLANNEL_CNI_CONF, flannelManifests, installFlannel } from '../../../src/cluster/addons/flannel.js'
import { podNetworkFor } from '../../../src/cluster/topology.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

/** A cluster without kubeadm's system pods, so that the test installs flannel itself. */
function clusterWithFlannel(workers: number, network: { cni: 'overlay' | 'underlay' }): SimulatedCluster {
  const c = SimulatedCluster.create({ seed: 1, workers, startTime: T0, components: true, systemPods: false, network })
  installFlannel(c.api, podNetworkFor(workers), network.cni === 'overlay' ? 'vxlan' : 'host-gw')
  return c
}

const kubectl = (c: SimulatedCluster, line: string) => runKubectl(c, line.split(' '), memoryIO({}))

function flannelPods(c: SimulatedCluster): Pod[] {
  const list = c.api.list('system:admin', 'pods', { namespace: 'kube-flannel' })
  if (!list.ok) throw new Error(list.error.message)
  return list.value.items as Pod[]
}

describe('flannel v0.26.7 as kube-flannel.yml installs it', () => {
  it('is the Namespace, ServiceAccount, ConfigMap and DaemonSet of the release manifest, in its order', () => {
    const objects = flannelManifests('10.244.0.0/16', 'vxlan')
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Namespace/kube-flannel', 'ServiceAccount/flannel', 'ConfigMap/kube-flannel-cfg', 'DaemonSet/kube-flannel-ds'])
    expect(objects[0].metadata?.labels).toEqual({ 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' })
    const ds = objects[3] as { metadata: { labels: Record<string, string> }; spec: { selector: unknown; template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } } }
    expect(ds.metadata.labels).toEqual({ tier: 'node', app: 'flannel', 'k8s-app': 'flannel' })
    expect(ds.spec.selector).toEqual({ matchLabels: { app: 'flannel' } })
    expect(ds.spec.template.metadata.labels).toEqual({ tier: 'node', app: 'flannel' })
    const pod = ds.spec.template.spec as { hostNetwork: boolean; priorityClassName: string; tolerations: unknown; serviceAccountName: string; initContainers: { name: string; image: string; command: string[]; args: string[] }[]; containers: { name: string; image: string; command: string[]; args: string[]; env: unknown }[]; volumes: { name: string }[] }
    expect(pod.hostNetwork).toBe(true)
    expect(pod.priorityClassName).toBe('system-node-critical')
    expect(pod.tolerations).toEqual([{ operator: 'Exists', effect: 'NoSchedule' }])
    expect(pod.serviceAccountName).toBe('flannel')
    expect(pod.initContainers.map((i) => [i.name, i.image, [...i.command, ...i.args].join(' ')])).toEqual([
      ['install-cni-plugin', 'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1', 'cp -f /flannel /opt/cni/bin/flannel'],
      ['install-cni', 'ghcr.io/flannel-io/flannel:v0.26.7', 'cp -f /etc/kube-flannel/cni-conf.json /etc/cni/net.d/10-flannel.conflist'],
    ])
    expect(pod.containers.map((k) => [k.name, k.image, [...k.command, ...k.args].join(' ')])).toEqual([['kube-flannel', 'ghcr.io/flannel-io/flannel:v0.26.7', '/opt/bin/flanneld --ip-masq --kube-subnet-mgr']])
    expect(pod.containers[0].env).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
    ])
    expect(pod.volumes.map((v) => v.name)).toEqual(['run', 'cni-plugin', 'cni', 'flannel-cfg', 'xtables-lock'])
  })

  it('runs one flannel pod per node, the control plane too, Running with both init containers Completed', () => {
    const c = clusterWithFlannel(2, { cni: 'overlay' })
    c.advance(60_000)
    const pods = flannelPods(c)
    expect(pods.map((p) => [p.spec?.nodeName, p.status?.phase, p.status?.podIP]).sort()).toEqual([
      ['control-plane', 'Running', '192.168.49.2'],
      ['node-1', 'Running', '192.168.49.3'],
      ['node-2', 'Running', '192.168.49.4'],
    ])
    for (const p of pods) {
      expect(p.status?.initContainerStatuses?.map((s) => [s.name, s.state?.terminated?.reason, s.state?.terminated?.exitCode])).toEqual([
        ['install-cni-plugin', 'Completed', 0],
        ['install-cni', 'Completed', 0],
      ])
      expect(p.status?.containerStatuses?.map((s) => [s.name, s.ready, !!s.state?.running, s.restartCount])).toEqual([['kube-flannel', true, true, 0]])
    }
    const rows = kubectl(c, 'get pods -n kube-flannel -o wide').stdout.split('\n').slice(1, -1)
    expect(rows.map((l) => l.split(/ +/)).map((f) => `${f[0].replace(/-[a-z0-9]{5}$/, '-xxxxx')} ${f[1]} ${f[2]} ${f[3]} ${f[6]}`).sort()).toEqual([
      'kube-flannel-ds-xxxxx 1/1 Running 0 control-plane',
      'kube-flannel-ds-xxxxx 1/1 Running 0 node-1',
      'kube-flannel-ds-xxxxx 1/1 Running 0 node-2',
    ])
    expect(kubectl(c, 'get ds -n kube-flannel')).toEqual({
      stdout:
        'NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'kube-flannel-ds   3         3         3       3            3           <none>          60s\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('runs flanneld as PID 1 of its container, on the node\'s network', () => {
    const c = clusterWithFlannel(1, { cni: 'overlay' })
    c.advance(60_000)
    const pod = flannelPods(c).find((p) => p.spec?.nodeName === 'node-1')!.metadata!.name!
    expect(kubectl(c, `exec -n kube-flannel ${pod} -- ps`)).toEqual({
      stdout: 'PID   USER     TIME  COMMAND\n    1 root      0:00 /opt/bin/flanneld --ip-masq --kube-subnet-mgr\n   12 root      0:00 ps\n',
      stderr: 'Defaulted container "kube-flannel" out of: kube-flannel, install-cni-plugin (init), install-cni (init)\n',
      exitCode: 0,
    })
    expect(kubectl(c, `exec -n kube-flannel ${pod} -- hostname`).stdout).toBe('node-1\n')
  })

  it.each([
    { cni: 'overlay' as const, backend: 'vxlan' },
    { cni: 'underlay' as const, backend: 'host-gw' },
  ])('configures the $backend backend for the $cni network', ({ cni, backend }) => {
    const c = clusterWithFlannel(1, { cni })
    const out = kubectl(c, 'get configmap kube-flannel-cfg -n kube-flannel -o jsonpath={.data.net-conf\\.json}')
    expect(out.stdout).toBe(`{\n  "Network": "10.244.0.0/16",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "${backend}"\n  }\n}\n`)
    expect(kubectl(c, 'get configmap kube-flannel-cfg -n kube-flannel -o jsonpath={.data.cni-conf\\.json}').stdout).toBe(FLANNEL_CNI_CONF)
  })

  it('takes the wider pod network of a large cluster', () => {
    expect((flannelManifests(podNetworkFor(300), 'vxlan')[2] as { data: Record<string, string> }).data['net-conf.json']).toContain('"Network": "10.128.0.0/9",')
  })
})
