// `kubectl logs` of the system pods of a booted kubeadm-like cluster: the control plane's static pods
// (read from their mirror pods) and the kube-proxy and flannel DaemonSets' pods, with their node's values
// and klog/zap times taken from the virtual clock of the container's start.
import { beforeAll, describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { lookupImage } from '../../../src/cluster/runtime/images.js'
import { controlPlaneLogs, serverProgram } from '../../../src/cluster/runtime/servers.js'
import { renderLogLine } from '../../../src/cluster/runtime/shell.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

let cluster: SimulatedCluster
const kubectl = (...argv: string[]) => runKubectl(cluster, argv, memoryIO({}))
/** The name of the pod of `namespace` whose name starts with `prefix` and that runs on `node`. */
function podOn(namespace: string, prefix: string, node: string): string {
  const out = kubectl('get', 'pods', '-n', namespace, '-o', 'wide', '--no-headers').stdout
  const row = out.split('\n').map((l) => l.split(/\s+/)).find((c) => c[0].startsWith(prefix) && c[6] === node)
  if (!row) throw new Error(`no ${prefix} pod on ${node}:\n${out}`)
  return row[0]
}

beforeAll(() => {
  cluster = SimulatedCluster.create({ seed: 1, workers: 2, startTime: Date.UTC(2026, 0, 1) })
  cluster.advance(120_000)
})

describe('logs of the control plane static pods', () => {
  it('etcd prints its zap JSON lines with the arguments of its manifest', () => {
    const single = '"caller":"embed/config.go:689","msg":"Running http and grpc server on single port. This is not recommended for production."}'
    expect(kubectl('logs', '-n', 'kube-system', 'etcd-control-plane')).toEqual({
      stdout: [
        `{"level":"warn","ts":"2025-12-31T23:58:30.000163Z",${single}`,
        '{"level":"info","ts":"2025-12-31T23:58:30.000287Z","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd","--advertise-client-urls=https://192.168.49.2:2379","--data-dir=/var/lib/etcd","--listen-client-urls=https://127.0.0.1:2379,https://192.168.49.2:2379","--name=control-plane"]}',
        `{"level":"warn","ts":"2025-12-31T23:58:30.000652Z",${single}`,
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    })
  })

  it('kube-apiserver prints its klog start-up lines with the node IP and its version', () => {
    expect(kubectl('logs', '-n', 'kube-system', 'kube-apiserver-control-plane').stdout).toBe(
      [
        'I1231 23:58:30.000214       1 options.go:238] external host was not specified, using 192.168.49.2',
        'I1231 23:58:30.002531       1 server.go:147] Version: v1.32.4',
        'I1231 23:58:30.002566       1 server.go:149] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
        '',
      ].join('\n'),
    )
  })

  it('kube-controller-manager and kube-scheduler print their first line', () => {
    expect(kubectl('logs', '-n', 'kube-system', 'kube-scheduler-control-plane').stdout).toBe('I1231 23:58:30.000286       1 serving.go:386] Generated self-signed cert in-memory\n')
    expect(kubectl('logs', '-n', 'kube-system', 'kube-controller-manager-control-plane').stdout).toBe('I1231 23:58:30.000318       1 serving.go:386] Generated self-signed cert in-memory\n')
  })

  it('--tail keeps the last lines', () => {
    expect(kubectl('logs', '-n', 'kube-system', 'kube-apiserver-control-plane', '--tail=1').stdout).toBe(
      'I1231 23:58:30.002566       1 server.go:149] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""\n',
    )
    expect(kubectl('logs', '-n', 'kube-system', 'kube-apiserver-control-plane', '--tail=0').stdout).toBe('')
  })

  it('a static pod never restarted has no previous instance', () => {
    expect(kubectl('logs', '-n', 'kube-system', 'etcd-control-plane', '-p')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): previous terminated container "etcd" in pod "etcd-control-plane" not found\n',
      exitCode: 1,
    })
  })

  it('a static pod started again (its manifest back) logs from its new start', () => {
    const c = SimulatedCluster.create({ seed: 1, workers: 1, startTime: Date.UTC(2026, 0, 1) })
    c.advance(10_000)
    c.stop('kube-scheduler')
    c.advance(60_000)
    c.start('kube-scheduler')
    c.advance(1_000)
    expect(runKubectl(c, ['logs', '-n', 'kube-system', 'kube-scheduler-control-plane'], memoryIO({})).stdout).toBe(
      'I0101 00:01:10.000286       1 serving.go:386] Generated self-signed cert in-memory\n',
    )
  })

  it('lines are printed only once their time has come', () => {
    const startedAt = Date.UTC(2026, 0, 1, 12)
    const at = (ms: number) => controlPlaneLogs('kube-apiserver', [], 'v1.32.4').filter((l) => l.at <= ms).map((l) => renderLogLine(l, startedAt, { 'node.ip': '10.0.0.5' }))
    expect(at(1)).toEqual(['I0101 12:00:00.000214       1 options.go:238] external host was not specified, using 10.0.0.5'])
    expect(at(1000)).toHaveLength(3)
  })
})

describe('logs of the DaemonSet pods', () => {
  it('kube-proxy prints its iptables-mode start with its node IP', () => {
    const pod = podOn('kube-system', 'kube-proxy-', 'node-1')
    expect(kubectl('logs', '-n', 'kube-system', pod)).toEqual({
      stdout: [
        'I1231 23:59:04.660412       1 server_linux.go:66] "Using iptables proxy"',
        'I1231 23:59:04.697815       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["192.168.49.3"]',
        'I1231 23:59:04.700127       1 conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_max" value=131072',
        'I1231 23:59:04.700263       1 conntrack.go:60] "Setting nf_conntrack_max" nfConntrackMax=131072',
        'I1231 23:59:04.700371       1 conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_established" value=86400',
        'I1231 23:59:04.700468       1 conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_close_wait" value=3600',
        'E1231 23:59:04.700552       1 server.go:234] "Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"',
        'I1231 23:59:04.731236       1 server.go:243] "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"',
        'I1231 23:59:04.731349       1 server_linux.go:170] "Using iptables Proxier"',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    })
  })

  it('flanneld prints its flags, its node and the VXLAN backend; the defaulted container is named', () => {
    const pod = podOn('kube-flannel', 'kube-flannel-ds-', 'node-2')
    expect(kubectl('logs', '-n', 'kube-flannel', pod)).toEqual({
      stdout: [
        'I1231 23:59:07.658274       1 main.go:211] CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network etcdKeyfile: etcdCertfile: etcdCAFile: etcdUsername: etcdPassword: version:false kubeSubnetMgr:true kubeApiUrl: kubeAnnotationPrefix:flannel.alpha.coreos.com kubeConfigFile: iface:[] ifaceRegex:[] ipMasq:true ifaceCanReach: subnetFile:/run/flannel/subnet.env publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 iptablesResyncSeconds:5 iptablesForwardRules:true netConfPath:/etc/kube-flannel/net-conf.json setNodeNetworkUnavailable:true}',
        'W1231 23:59:07.658391       1 client_config.go:618] Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.',
        'I1231 23:59:07.672502       1 kube.go:139] Waiting 10m0s for node controller to sync',
        'I1231 23:59:07.672566       1 kube.go:469] Starting kube subnet manager',
        'I1231 23:59:08.673043       1 kube.go:146] Node controller sync successful',
        'I1231 23:59:08.673071       1 main.go:231] Created subnet manager: Kubernetes Subnet Manager - node-2',
        'I1231 23:59:08.673079       1 main.go:234] Installing signal handlers',
        'I1231 23:59:08.673412       1 main.go:468] Found network config - Backend type: vxlan',
        '',
      ].join('\n'),
      stderr: 'Defaulted container "kube-flannel" out of: kube-flannel, install-cni-plugin (init), install-cni (init)\n',
      exitCode: 0,
    })
  })

  it('--tail and -c pick lines and containers; the init container install-cni-plugin (cp) printed nothing', () => {
    const pod = podOn('kube-flannel', 'kube-flannel-ds-', 'node-2')
    expect(kubectl('logs', '-n', 'kube-flannel', pod, '-c', 'kube-flannel', '--tail=2')).toEqual({
      stdout: 'I1231 23:59:08.673079       1 main.go:234] Installing signal handlers\nI1231 23:59:08.673412       1 main.go:468] Found network config - Backend type: vxlan\n',
      stderr: '',
      exitCode: 0,
    })
    expect(kubectl('logs', '-n', 'kube-flannel', pod, '-c', 'install-cni-plugin')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it("flanneld's flags line says what its command line set", () => {
    const image = lookupImage('ghcr.io/flannel-io/flannel:v0.26.7')
    if (!image.ok) throw new Error('flannel image missing')
    const first = (args: string[]) => serverProgram('flanneld', args, image.value)?.logs[0].text
    expect(first(['--kube-subnet-mgr'])).toContain(' kubeSubnetMgr:true ')
    expect(first(['--kube-subnet-mgr'])).toContain(' ipMasq:false ')
    expect(first(['--ip-masq', '--kube-subnet-mgr'])).toContain(' ipMasq:true ')
  })

  it('under host-gw routing flanneld reads the host-gw backend', () => {
    const c = SimulatedCluster.create({ seed: 1, workers: 1, startTime: Date.UTC(2026, 0, 1), network: { cni: 'underlay', routing: 'host-gw' } })
    c.advance(120_000)
    const out = runKubectl(c, ['get', 'pods', '-n', 'kube-flannel', '-o', 'name'], memoryIO({})).stdout.split('\n')[0]
    const logs = runKubectl(c, ['logs', '-n', 'kube-flannel', out, '--tail=1'], memoryIO({})).stdout
    expect(logs).toMatch(/^I\d{4} [\d:.]+ {7}1 main\.go:468\] Found network config - Backend type: host-gw\n$/)
  })

  it('calico-node prints its startup routine and calico-kube-controllers its first lines (bgp routing)', () => {
    const c = SimulatedCluster.create({ seed: 1, workers: 1, startTime: Date.UTC(2026, 0, 1), network: { cni: 'underlay', routing: 'bgp' } })
    c.advance(120_000)
    const k = (...argv: string[]) => runKubectl(c, argv, memoryIO({}))
    const pods = k('get', 'pods', '-n', 'kube-system', '-o', 'wide', '--no-headers').stdout.split('\n').map((l) => l.split(/\s+/))
    const calicoNode = pods.find((r) => r[0].startsWith('calico-node-') && r[6] === 'node-1')![0]
    const controllers = pods.find((r) => r[0].startsWith('calico-kube-controllers-'))![0]
    expect(k('logs', '-n', 'kube-system', calicoNode)).toEqual({
      stdout: [
        '2025-12-31 23:59:24.330 [INFO][9] startup/startup.go 439: Early log level set to info',
        '2025-12-31 23:59:24.330 [INFO][9] startup/utils.go 126: Using NODENAME environment for node name node-1',
        '2025-12-31 23:59:24.330 [INFO][9] startup/utils.go 138: Determined node name: node-1',
        '2025-12-31 23:59:24.331 [INFO][9] startup/startup.go 95: Starting node node-1 with version v3.29.7',
        '2025-12-31 23:59:24.332 [INFO][9] startup/startup.go 444: Checking datastore connection',
        '2025-12-31 23:59:24.347 [INFO][9] startup/startup.go 468: Datastore connection verified',
        '2025-12-31 23:59:24.347 [INFO][9] startup/startup.go 105: Datastore is ready',
        '',
      ].join('\n'),
      stderr: 'Defaulted container "calico-node" out of: calico-node, upgrade-ipam (init), install-cni (init), mount-bpffs (init)\n',
      exitCode: 0,
    })
    expect(k('logs', '-n', 'kube-system', controllers).stdout).toBe(
      [
        '2025-12-31 23:58:55.461 [INFO][1] kube-controllers/main.go 92: Loaded configuration from environment config=&config.Config{LogLevel:"info", WorkloadEndpointWorkers:1, ProfileWorkers:1, PolicyWorkers:1, NodeWorkers:1, Kubeconfig:"", DatastoreType:"kubernetes"}',
        '2025-12-31 23:58:55.461 [WARNING][1] kube-controllers/winutils.go 150: Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.',
        '2025-12-31 23:58:55.462 [INFO][1] kube-controllers/main.go 116: Ensuring Calico datastore is initialized',
        '',
      ].join('\n'),
    )
  })
})
