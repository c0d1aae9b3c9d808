// The kubelet's side of `kubectl exec` (GetExec → the runtime's ExecSync): find the running container,
// check the program exists in its image, and run the command with what the container sees: its
// hostname, the /etc/hosts and /etc/resolv.conf the kubelet wrote, the sandbox's network interface,
// the processes of its PID namespace (the whole pod's, pause as PID 1, with shareProcessNamespace),
// and the cluster network. Errors are the apiserver's, the kubelet's and containerd's words.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { SimulatedCluster } from '../cluster.js'
import type { StoredObject } from '../object.js'
import { runExec, hasProgram, type ExecEnv, type ExecOutput, type ProcessEntry } from '../runtime/exec.js'
import { lookupImage } from '../runtime/images.js'
import { forksBy, jobsAt, mainCommandAt } from '../runtime/processes.js'
import { SERVER_BINARIES } from '../runtime/servers.js'
import { sha256Hex } from '../runtime/sha256.js'
import { CLUSTER_DOMAIN } from '../topology.js'
import { planOf } from './containers.js'
import { mountedFiles, type ConfigLookup } from './config-refs.js'
import { resolveFromPod } from '../network/dns.js'
import { sendRequest } from '../network/request.js'
import type { NetResult } from '../runtime/exec.js'
import { runningContainers, runningPod, type RunningPod } from './serve.js'
import type { ContainerInstance } from './types.js'

export type ExecResult = { ok: true; output: ExecOutput } | { ok: false; error: string }

const CLUSTER_DNS = '10.96.0.10'

/** Exec `argv` in `container` of `pod` (already resolved and checked by kubectl). */
export function execInPod(cluster: SimulatedCluster, pod: StoredObject, container: string, argv: readonly string[]): ExecResult {
  const spec = (pod as Pod).spec
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]
  if (!all.some((c) => c.name === container)) return { ok: false, error: `Error from server (BadRequest): container ${container} is not valid for pod ${pod.metadata.name}` }
  if (!spec?.nodeName) return { ok: false, error: `Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned` }
  const running = runningPod(cluster, pod)
  // The apiserver proxies exec to the kubelet's port 10250; a failed node does not answer.
  if (running && !cluster.isRunning(running.kubelet.name)) return { ok: false, error: `Error from server: error dialing backend: dial tcp ${running.kubelet.node.ip}:10250: i/o timeout` }
  const instance = running ? runningContainers(running.rt, cluster.now()).find((c) => c.name === container) : undefined
  // kubelet GetExec → findContainer: only running containers of running pods are found.
  if (!running || !instance) return { ok: false, error: `error: unable to upgrade connection: container not found ("${container}")` }
  const env = execEnv(cluster, running, instance)
  if (!hasProgram(env, argv[0])) {
    const execId = sha256Hex(`exec:${instance.id}:${cluster.now()}:${argv.join(' ')}`)
    return { ok: false, error: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown` }
  }
  return { ok: true, output: runExec(env, argv) }
}

function execEnv(cluster: SimulatedCluster, running: RunningPod, c: ContainerInstance): ExecEnv {
  const { pod, rt, kubelet } = running
  const image = lookupImage(c.image)
  const hostNetwork = !!pod.spec?.hostNetwork
  const hostname = hostNetwork ? kubelet.node.name : pod.spec?.hostname ?? pod.metadata.name
  const ip = rt.sandbox?.ip ?? ''
  const namespace = pod.metadata.namespace ?? 'default'
  return {
    userland: image.ok ? image.value.userland : 'none',
    binaries: image.ok && image.value.server ? SERVER_BINARIES[image.value.server] : [],
    env: {
      ...(image.ok ? image.value.config.env : {}),
      ...(c.spec.env ?? {}),
      // enableServiceLinks: the kubernetes Service's variables in every container
      KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443', KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443', KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443', KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1', HOME: '/root',
    },
    hostname,
    files: {
      '/etc/hostname': `${hostname}\n`,
      '/etc/hosts': etcHosts(hostNetwork, ip, hostname),
      '/etc/resolv.conf': hostNetwork ? 'nameserver 192.168.49.1\n' : `search ${namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`,
      // configMap, secret and projected volumes, as they are now (read without a trace entry)
      ...mountedFiles(((resource: string, ns: string, name: string) => cluster.object(resource, ns, name)) as ConfigLookup, pod, pod.spec?.containers.find((s) => s.name === c.name) ?? pod.spec?.initContainers?.find((s) => s.name === c.name) ?? { name: c.name }),
    },
    ipAddr: hostNetwork ? nodeIpAddr(kubelet.node.ip) : podIpAddr(rt.sandbox?.id ?? '', ip, kubelet.node.podCIDR),
    processes: processes(running, c, cluster.now()),
    fetch: (host, port, path) => fetchFromPod(cluster, pod.metadata.name, namespace, host, port, path),
    lookup: (name) => {
      const dns = resolveFromPod(cluster.api, name, namespace)
      return { server: dns.server, misses: dns.tried.filter((t) => t.rcode === 'NXDOMAIN').map((t) => t.name), ...(dns.name ? { name: dns.name } : {}), addresses: dns.addresses, ...(dns.unreachable ? { unreachable: true as const } : {}) }
    },
  }
}

/** kubelet's managed /etc/hosts (kubelet_pods.go managedHostsFileContent), or the node's with hostNetwork. */
function etcHosts(hostNetwork: boolean, ip: string, hostname: string): string {
  const base = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n'
  if (hostNetwork) return `# Kubernetes-managed hosts file (host network).\n${base}`
  return `# Kubernetes-managed hosts file.\n${base}${ip}\t${hostname}\n`
}

/** A locally administered MAC derived from the sandbox ID (CHOSEN: the bridge plugin draws one at random). */
function macOf(id: string): number[] {
  const h = sha256Hex(`mac:${id}`)
  const bytes = [0, 1, 2, 3, 4, 5].map((i) => parseInt(h.slice(i * 2, i * 2 + 2), 16))
  bytes[0] = (bytes[0] & 0xfe) | 0x02
  return bytes
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0')

/** The EUI-64 link-local address of a MAC, as the kernel gives eth0. */
function linkLocal(mac: number[]): string {
  const groups = [((mac[0] ^ 2) << 8) | mac[1], (mac[2] << 8) | 0xff, 0xfe00 | mac[3], (mac[4] << 8) | mac[5]]
  return `fe80::${groups.map((g) => g.toString(16)).join(':')}/64`
}

const LO = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n'

/** busybox `ip addr` in the pod's network namespace: lo and the veth end eth0 (flannel's MTU 1450). */
function podIpAddr(sandboxId: string, ip: string, cidr: string): string {
  const mac = macOf(sandboxId)
  const peer = 5 + (parseInt(sandboxId.slice(0, 4) || '0', 16) % 60) // the host end's ifindex (CHOSEN)
  const bits = cidr.split('/')[1] ?? '24'
  const brd = ip.split('.').slice(0, 3).concat('255').join('.')
  return `${LO}2: eth0@if${peer}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n    link/ether ${mac.map(hex2).join(':')} brd ff:ff:ff:ff:ff:ff\n    inet ${ip}/${bits} brd ${brd} scope global eth0\n       valid_lft forever preferred_lft forever\n    inet6 ${linkLocal(mac)} scope link \n       valid_lft forever preferred_lft forever\n`
}

function nodeIpAddr(ip: string): string {
  return `${LO}2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq qlen 1000\n    link/ether 02:42:c0:a8:31:${hex2(Number(ip.split('.')[3]))} brd ff:ff:ff:ff:ff:ff\n    inet ${ip}/24 brd 192.168.49.255 scope global eth0\n       valid_lft forever preferred_lft forever\n`
}

interface ContainerProcesses {
  /** Its main process (nginx also its workers), by what its plan runs now. */
  readonly main: { user: string; command: string }[]
  /** What it started with `&`: running, or zombies nobody reaped; `forks` places their PIDs. */
  readonly jobs: { command: string; forks: number }[]
  /** PIDs its shell's forks took so far, reaped ones included. */
  readonly forked: number
}

function containerProcesses(c: ContainerInstance, nginxUser: string, now: number, init: 'main' | 'pause'): ContainerProcesses {
  const plan = planOf(c)
  if (plan?.kind !== 'process') return { main: [], jobs: [], forked: 0 }
  const at = now - c.startedAt
  const jobs = jobsAt(plan, at, init)
  const forked = forksBy(plan, at)
  if (plan.server === 'nginx' || plan.server === 'nginx-hello') {
    const args = plan.argv.slice(plan.argv.findIndex((a) => a.endsWith('nginx')))
    return { main: [{ user: 'root', command: `nginx: master process ${args.join(' ')}` }, { user: nginxUser, command: 'nginx: worker process' }, { user: nginxUser, command: 'nginx: worker process' }], jobs, forked }
  }
  return { main: [{ user: 'root', command: mainCommandAt(plan, at).join(' ') }], jobs, forked }
}

/**
 * What `ps` sees: its own container's processes (PID 1 first) or, with shareProcessNamespace, the
 * whole pod's, the sandbox's /pause as PID 1 reaping orphans. PIDs after 1 are CHOSEN, in start order:
 * a container's jobs follow its main process, each after the processes its shell forked before it.
 */
function processes(running: RunningPod, self: ContainerInstance, now: number): ProcessEntry[] {
  const shared = !!running.pod.spec?.shareProcessNamespace
  const out: ProcessEntry[] = []
  let pid = 1
  const add = (user: string, command: string): void => {
    out.push({ pid, user, command })
    pid = pid === 1 ? 7 : pid + 1
  }
  if (shared) add('65535', '/pause')
  // ps names a user from its own container's /etc/passwd: nginx images have uid 101 as `nginx`.
  const nginxUser = planOf(self)?.kind === 'process' && /nginx/.test(self.imageRef) ? 'nginx' : '101'
  for (const c of shared ? runningContainers(running.rt, now) : [self]) {
    const { main, jobs, forked } = containerProcesses(c, nginxUser, now, shared ? 'pause' : 'main')
    for (const p of main) add(p.user, p.command)
    const first = pid
    for (const job of jobs) {
      pid = first + job.forks
      add('root', job.command)
    }
    pid = Math.max(pid, first + forked) // PIDs are not reused so soon: reaped jobs keep theirs taken
  }
  pid += 5
  add('root', 'ps')
  return out
}

/** A GET from the pod through the simulated network (DNS, kube-proxy, CNI, hostPorts), as wget and curl see it. */
function fetchFromPod(cluster: SimulatedCluster, pod: string, namespace: string, host: string, port: number, path: string): NetResult {
  const sent = sendRequest(cluster, { from: { pod, namespace }, url: `http://${host}:${port}${path}` })
  if (!sent.ok) return { kind: 'unreachable', ip: host, port }
  const r = sent.value
  const ip = r.dns?.addresses[0] ?? (host === 'localhost' ? '127.0.0.1' : host)
  switch (r.exitCode) {
    case 0: return r.response ? { kind: 'http', ip, port, status: r.response.status, reason: r.response.reason, headers: r.response.headers, body: r.response.body } : { kind: 'unreachable', ip, port }
    case 1: return { kind: 'not-http', ip, port, raw: r.response?.body ?? '' }
    case 3: case 6: return { kind: 'unresolved', host }
    case 7: return { kind: 'refused', ip, port }
    case 28: return { kind: 'unreachable', ip, port }
    default: {
      const never: never = r.exitCode
      return never
    }
  }
}
