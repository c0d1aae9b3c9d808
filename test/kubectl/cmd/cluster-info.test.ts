import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const cluster = (): SimulatedCluster => SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 })
const run = (c: SimulatedCluster, argv: string[]) => runKubectl(c, argv, memoryIO({}))
const FOOTER = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"

describe('kubectl cluster-info', () => {
  it("names the control plane's address (the control-plane node, port 6443) and CoreDNS, kubeadm's cluster-service", () => {
    expect(run(cluster(), ['cluster-info'])).toEqual({
      stdout:
        'Kubernetes control plane is running at https://192.168.49.2:6443\n' +
        `CoreDNS is running at https://192.168.49.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n${FOOTER}`,
      stderr: '',
      exitCode: 0,
    })
  })

  it('lists services labelled kubernetes.io/cluster-service=true with their proxy URL, by the kubernetes.io/name label', () => {
    const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
    expect(run(c, ['cluster-info']).stdout).toBe(`Kubernetes control plane is running at https://192.168.49.2:6443\n${FOOTER}`)
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics', namespace: 'kube-system', labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics' } },
      spec: { ports: [{ name: 'web', port: 8080, protocol: 'TCP' }], selector: { 'k8s-app': 'metrics' } },
    }
    const created = c.api.create('test', svc, 'kube-system')
    expect(created.ok).toBe(true)
    expect(run(c, ['cluster-info']).stdout).toBe(
      'Kubernetes control plane is running at https://192.168.49.2:6443\n' +
        `Metrics is running at https://192.168.49.2:6443/api/v1/namespaces/kube-system/services/metrics:web/proxy\n${FOOTER}`,
    )
  })

  it('refuses dump in one sentence', () => {
    expect(run(cluster(), ['cluster-info', 'dump'])).toEqual({
      stdout: '',
      stderr: "error: 'kubectl cluster-info dump' is not available in the playground yet; use 'kubectl get' and 'kubectl describe'\n",
      exitCode: 1,
    })
  })
})
