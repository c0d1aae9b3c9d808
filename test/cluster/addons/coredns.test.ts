import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { corednsManifests, COREDNS_IMAGE } from '../../../src/cluster/addons/coredns.js'

const stdout = (c: Cluster, cmd: string): string => c.kubectl(cmd).stdout

/** A cluster (kubeadm's DNS add-on is in every one), and a client pod to ask from. */
function withDns(): Cluster {
  const c = Cluster.create({ seed: 7, workers: 2 })
  c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'c', image: 'busybox:1.37', command: ['sleep', '3600'] }] } })
  c.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } })
  c.advance('30s')
  return c
}

describe("kubeadm's DNS add-on (CoreDNS)", () => {
  it('is the Deployment coredns and the Service kube-dns as kubeadm 1.32 writes them', () => {
    const objects = corednsManifests()
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['ConfigMap/coredns', 'ServiceAccount/coredns', 'Deployment/coredns', 'Service/kube-dns'])
    const deployment = objects[2] as { spec: { replicas: number; selector: unknown; template: { metadata: unknown; spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } } }
    expect(deployment.spec.replicas).toBe(2)
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'k8s-app': 'kube-dns' } })
    const pod = deployment.spec.template.spec
    expect(pod.priorityClassName).toBe('system-cluster-critical')
    expect(pod.serviceAccountName).toBe('coredns')
    expect(pod.dnsPolicy).toBe('Default')
    expect(pod.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }])
    const container = pod.containers[0]
    expect(container.image).toBe('registry.k8s.io/coredns/coredns:v1.11.3')
    expect(container.resources).toEqual({ limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } })
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'readiness-probe', scheme: 'HTTP' } })
    expect((container.livenessProbe as { initialDelaySeconds: number }).initialDelaySeconds).toBe(60)
  })

  it('runs two coredns pods the controllers make, behind kube-dns at 10.96.0.10', () => {
    const c = withDns()
    const pods = stdout(c, 'get pods -n kube-system -l k8s-app=kube-dns -o wide').split('\n').slice(1, -1)
    expect(pods).toHaveLength(2)
    // Made by `kubeadm init` 90 s before the start, before any worker joined: the preferred
    // anti-affinity has one node to choose from, so both run on control-plane, as on kubeadm and kind.
    for (const line of pods) expect(line).toMatch(/^coredns-[a-z0-9]{9,10}-[a-z0-9]{5} +1\/1 +Running +0 +2m +10\.244\.0\.\d+ +control-plane /)
    expect(stdout(c, 'get deploy coredns -n kube-system')).toBe('NAME      READY   UP-TO-DATE   AVAILABLE   AGE\ncoredns   2/2     2            2           2m\n')
    expect(stdout(c, 'get svc kube-dns -n kube-system')).toBe(
      'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\nkube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   2m\n',
    )
  })

  it('prints what CoreDNS 1.11.3 prints on start, and answers /ready, /health and /metrics', () => {
    const c = withDns()
    const name = stdout(c, 'get pods -n kube-system -l k8s-app=kube-dns -o name').split('\n')[0]
    expect(stdout(c, `logs -n kube-system ${name}`)).toBe(
      '.:53\n[INFO] plugin/reload: Running configuration SHA512 = 9e2996f8cb67ac53e0259ab1f8d615d07d1beb0bd07e6a1e39769c3bf486a905bb991cc47f8d2f14d0d3a90a87dfc625a0b4c524fed169d8158c40657c0694b1\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n',
    )
    const ip = (c.get('pods', name.replace('pod/', ''), 'kube-system')?.status as { podIP: string }).podIP
    const ready = c.curl(`http://${ip}:8181/ready`, { from: { pod: 'client' } })
    expect([ready.exitCode, ready.response?.status, ready.response?.body]).toEqual([0, 200, 'OK'])
    const health = c.curl(`http://${ip}:8080/health`, { from: { pod: 'client' } })
    expect([health.response?.status, health.response?.body]).toEqual([200, 'OK'])
    const metrics = c.curl(`http://${ip}:9153/metrics`, { from: { pod: 'client' } })
    expect(metrics.response?.body).toContain('coredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n')
    const other = c.curl(`http://${ip}:8181/`, { from: { pod: 'client' } })
    expect([other.response?.status, other.response?.body]).toEqual([404, '404 page not found\n'])
  })

  it('answers lookups only while a coredns pod is Ready: none Ready, curl cannot resolve and nslookup times out', () => {
    const c = withDns()
    const clusterIP = stdout(c, 'get svc web -o jsonpath={.spec.clusterIP}')
    expect(clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/)
    expect(stdout(c, 'exec client -- nslookup web')).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${clusterIP}\n\n`)
    c.kubectl('scale deployment coredns -n kube-system --replicas=0')
    c.advance('40s')
    expect(stdout(c, 'get pods -n kube-system -l k8s-app=kube-dns')).toBe('')
    const failed = c.curl('http://web/', { from: { pod: 'client' } })
    expect([failed.exitCode, failed.error]).toEqual([6, 'curl: (6) Could not resolve host: web'])
    const ns = c.kubectl('exec client -- nslookup web')
    expect([ns.stdout, ns.exitCode]).toEqual([';; connection timed out; no servers could be reached\n\n', 1])
    c.kubectl('scale deployment coredns -n kube-system --replicas=2')
    c.advance('30s')
    expect(c.kubectl('exec client -- nslookup web').exitCode).toBe(0)
  })

  it('has its image in the catalogue with the ports kubeadm names', () => {
    const c = withDns()
    const pod = c.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' })[0] as unknown as { spec: { containers: { image: string; ports: { name: string; containerPort: number }[] }[] } }
    expect(pod.spec.containers[0].image).toBe(COREDNS_IMAGE)
    expect(pod.spec.containers[0].ports.map((p) => `${p.name}:${p.containerPort}`)).toEqual(['dns:53', 'dns-tcp:53', 'metrics:9153', 'liveness-probe:8080', 'readiness-probe:8181'])
  })
})
