// crictl against a simulated node: the pause sandboxes in `crictl pods`, the app containers in
// `crictl ps`, and the layouts of cri-tools v1.32.0.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { humanDuration, humanSize, runCrictl, tabwrite } from '../../../src/cluster/cri/crictl.js'
import { nodeRuntimeView, rfc3339Nano } from '../../../src/cluster/cri/view.js'
import { Kubelet } from '../../../src/cluster/kubelet/kubelet.js'

const nginx = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node-1\n${extra}  containers:\n  - name: web\n    image: nginx:1.27\n`
const crictl = (c: Cluster, ...argv: string[]) => runCrictl(nodeRuntimeView(c.sim, 'node-1')!, argv)
const uid = (c: Cluster, name: string): string => c.get('pod', name)!.metadata.uid
const runtime = (c: Cluster) => (c.sim.component('kubelet/node-1') as Kubelet).runtime
const short = (id: string): string => id.slice(0, 13)

describe('crictl', () => {
  it.each([
    [0, 'Less than a second'], [1_000, '1 second'], [59_999, '59 seconds'], [60_000, 'About a minute'], [119_000, 'About a minute'],
    [120_000, '2 minutes'], [3_599_000, '59 minutes'], [3_600_000, 'About an hour'], [5_400_000, '2 hours'], [47 * 3_600_000, '47 hours'],
    [48 * 3_600_000, '2 days'], [15 * 86_400_000, '2 weeks'], [90 * 86_400_000, '3 months'], [800 * 86_400_000, '2 years'],
  ])('CREATED of something %i ms old reads "%s ago" (go-units HumanDuration)', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })

  it('pads columns as Go\'s tabwriter does with minwidth 20 and padding 3', () => {
    expect(tabwrite([['A', 'LONGER-THAN-TWENTY-CHARS', 'Z'], ['b', 'c', 'last']])).toBe(
      'A                   LONGER-THAN-TWENTY-CHARS   Z\n' +
      'b                   c                          last\n')
  })

  it('writes times as Go\'s RFC3339Nano does', () => {
    expect([rfc3339Nano(Date.UTC(2026, 0, 1)), rfc3339Nano(Date.UTC(2026, 0, 1) + 100), rfc3339Nano(Date.UTC(2026, 0, 1) + 123)]).toEqual([
      '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.1Z', '2026-01-01T00:00:00.123Z'])
  })

  it('pods lists the pause sandboxes; ps lists the app containers with their sandbox, not the pause containers', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(30_000)
    const rt = runtime(c).pods[uid(c, 'web')]
    const sandbox = rt.sandbox!.id
    const container = rt.containers[0].id
    expect(crictl(c, 'pods')).toEqual({
      stdout:
        'POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n' +
        `${short(sandbox)}       30 seconds ago      Ready               web                 default             0                   (default)\n`,
      stderr: '',
      exitCode: 0,
    })
    const image = crictl(c, 'ps').stdout.split('\n')[1].split(/\s+/)[1]
    expect(image).toMatch(/^[0-9a-f]{13}$/)
    expect(crictl(c, 'ps').stdout).toBe(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE\n' +
      `${short(container)}       ${image}       22 seconds ago      Running             web                 0                   ${short(sandbox)}       web                 default\n`)
    expect(crictl(c, 'pods', '-q').stdout).toBe(`${sandbox}\n`)
  })

  it('shows a lost sandbox NotReady beside its replacement, attempt 1, and the old container Exited under ps -a', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web'))
    c.advance(60_000)
    ;(c.sim.component('kubelet/node-1') as Kubelet).killSandbox(uid(c, 'web'))
    c.advance(3_000)
    const rows = crictl(c, 'pods').stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/))
    expect(rows.map((r) => [r[1], r[2], r[5]])).toEqual([['2 seconds ago', 'Ready', '1'], ['About a minute ago', 'NotReady', '0']])
    expect(crictl(c, 'pods', '--state', 'ready').stdout.split('\n')).toHaveLength(3)
    const ps = crictl(c, 'ps', '-a').stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/))
    expect(ps.map((r) => [r[3], r[5], r[6]])).toEqual([['Running', '1', rows[0][0]], ['Exited', '0', rows[1][0]]])
    expect(crictl(c, 'ps').stdout.split('\n')).toHaveLength(3)
  })

  it('inspectp prints the sandbox status and containerd\'s info, found by the short ID', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(nginx('web', '  shareProcessNamespace: true\n'))
    c.advance(10_000)
    const sandbox = runtime(c).pods[uid(c, 'web')].sandbox!
    const out = crictl(c, 'inspectp', short(sandbox.id))
    expect(out.exitCode).toBe(0)
    const json = JSON.parse(out.stdout) as { status: Record<string, unknown>; info: Record<string, unknown> }
    expect(Object.keys(json)).toEqual(['info', 'status'])
    expect(json.status).toMatchObject({
      id: sandbox.id,
      state: 'SANDBOX_READY',
      createdAt: '2026-01-01T00:00:00Z',
      metadata: { attempt: 0, name: 'web', namespace: 'default', uid: uid(c, 'web') },
      network: { additionalIps: [], ip: '10.244.1.2' },
      linux: { namespaces: { options: { ipc: 'POD', network: 'POD', pid: 'POD', targetId: '', usernsOptions: null } } },
    })
    expect(Object.keys(json.status)).toEqual(['annotations', 'createdAt', 'id', 'labels', 'linux', 'metadata', 'network', 'runtimeHandler', 'state'])
    expect(json.info).toMatchObject({ image: 'registry.k8s.io/pause:3.10', processStatus: 'running', runtimeType: 'io.containerd.runc.v2' })
  })

  it('fails as crictl does for an unknown sandbox, a missing ID and an unknown command', () => {
    const c = Cluster.create({ systemPods: false })
    expect(crictl(c, 'inspectp', 'abc')).toEqual({ stdout: '', stderr: 'FATA[0000] get the status of pod sandboxes: get pod sandbox status: rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found\n', exitCode: 1 })
    expect(crictl(c, 'inspectp').exitCode).toBe(1)
    expect(crictl(c, 'bogus')).toEqual({ stdout: "No help topic for 'bogus'\n", stderr: '', exitCode: 3 })
  })

  it('shows the control plane\'s static pods on control-plane, one sandbox and one container each', () => {
    const c = Cluster.create({ systemPods: false })
    const view = nodeRuntimeView(c.sim, 'control-plane')!
    const pods = runCrictl(view, ['pods']).stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/)[3]).sort()
    expect(pods).toEqual(['etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane'])
    const names = runCrictl(view, ['ps']).stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/)[4]).sort()
    expect(names).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
  })

  it('shows the system pods beside them on a default cluster: CoreDNS, flannel and kube-proxy on control-plane, flannel and kube-proxy on a worker', () => {
    const c = Cluster.create()
    const podsOn = (node: string) =>
      runCrictl(nodeRuntimeView(c.sim, node)!, ['pods']).stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/)[3].replace(/^(coredns|kube-proxy|kube-flannel-ds)-.*$/, '$1-*')).sort()
    expect(podsOn('control-plane')).toEqual(['coredns-*', 'coredns-*', 'etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-flannel-ds-*', 'kube-proxy-*', 'kube-scheduler-control-plane'])
    expect(podsOn('node-1')).toEqual(['kube-flannel-ds-*', 'kube-proxy-*'])
  })

  it.each([[320_368, '320kB'], [2_166_802, '2.17MB'], [72_188_133, '72.2MB'], [999, '999B'], [1_500_000_000, '1.5GB']])('SIZE of %i bytes reads %s (go-units HumanSizeWithPrecision, 3)', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text)
  })

  it('images lists what the node pulled, the pause image from the start', () => {
    const c = Cluster.create({ systemPods: false })
    expect(crictl(c, 'images').stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/).filter((_, i) => i !== 2))).toEqual([['registry.k8s.io/pause', '3.10', '320kB']])
    c.apply(nginx('web'))
    c.advance(10_000)
    expect(crictl(c, 'images').stdout.split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/)[0])).toEqual(['docker.io/library/nginx', 'registry.k8s.io/pause'])
  })
})
