import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { kubeProxyManifests } from '../../../src/cluster/addons/kube-proxy.js'

describe("kubeadm's kube-proxy add-on", () => {
  it('is the DaemonSet kube-proxy as kubeadm 1.32 writes it, with its ConfigMap and ServiceAccount', () => {
    const objects = kubeProxyManifests('https://192.168.49.2:6443', '10.244.0.0/16')
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['ServiceAccount/kube-proxy', 'ConfigMap/kube-proxy', 'DaemonSet/kube-proxy'])
    const data = (objects[1] as { data: Record<string, string> }).data
    expect(Object.keys(data)).toEqual(['kubeconfig.conf', 'config.conf'])
    expect(data['kubeconfig.conf']).toContain('    server: https://192.168.49.2:6443\n')
    expect(data['config.conf']).toContain('clusterCIDR: 10.244.0.0/16\n')
    const pod = (objects[2] as { spec: { template: { spec: Record<string, unknown> & { containers: { command: string[] }[] } } } }).spec.template.spec
    expect(pod.hostNetwork).toBe(true)
    expect(pod.priorityClassName).toBe('system-node-critical')
    expect(pod.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { operator: 'Exists' }])
    expect(pod.containers[0].command).toEqual(['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'])
  })

  it('runs one kube-proxy pod per node, the control plane too, on the node network', () => {
    const c = Cluster.create({ seed: 2, workers: 2 })
    c.advance('30s')
    const lines = c.kubectl('get pods -n kube-system -l k8s-app=kube-proxy -o wide').stdout.split('\n').slice(1, -1)
    const rows = lines.map((l) => l.split(/ +/)).map((f) => `${f[0].replace(/-[a-z0-9]{5}$/, '-xxxxx')} ${f[1]} ${f[2]} ${f[5]} ${f[6]}`).sort()
    expect(rows).toEqual([
      'kube-proxy-xxxxx 1/1 Running 192.168.49.2 control-plane',
      'kube-proxy-xxxxx 1/1 Running 192.168.49.3 node-1',
      'kube-proxy-xxxxx 1/1 Running 192.168.49.4 node-2',
    ])
    expect(c.kubectl('get ds kube-proxy -n kube-system').stdout).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\nkube-proxy   3         3         3       3            3           kubernetes.io/os=linux   2m\n',
    )
  })

  it('comes back when its pod is deleted, as a DaemonSet pod does', () => {
    const c = Cluster.create({ seed: 2, workers: 1 })
    c.advance('30s')
    const before = c.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-proxy' }).map((p) => p.metadata.name)
    expect(before).toHaveLength(2)
    expect(c.kubectl(`delete pod -n kube-system ${before[0]}`).exitCode).toBe(0)
    c.advance('40s')
    const after = c.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-proxy' }).map((p) => p.metadata.name)
    expect(after).toHaveLength(2)
    expect(after).not.toContain(before[0])
    expect(after).toContain(before[1])
  })
})
