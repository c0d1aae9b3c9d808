// The servers an image's default command ends in: their startup logs, ports, memory and how they answer
// the stop signal. Log lines marked "abbreviated" keep the well-known lines and drop ones that depend
// on the host (kernel, CPU count, compiler, random log ids) and that we could not pin down exactly.
import type { Millis } from '../clock.js'
import type { ServerKind, StopSignal, Userland } from './images.js'
import type { LogLine, StopReaction } from './shell.js'

export interface ServerProgram {
  readonly kind: ServerKind
  readonly ports: readonly number[]
  readonly memory: number
  readonly logs: readonly LogLine[]
  /** Set when the program does not stay in the foreground (nginx without `daemon off;` forks and returns). */
  readonly exitsAfter?: Millis
  readonly exitCode?: number
  /** True when it is the container's PID 1, so the stop signal reaches it. */
  readonly pid1?: boolean
  readonly onStop: (signal: StopSignal) => StopReaction
}

export interface ServerImage {
  readonly version: string
  readonly userland: Userland
  readonly server?: ServerKind
}

/** Which programs each kind of image ships (besides its userland's shell and utilities). */
export const SERVER_BINARIES: Readonly<Record<ServerKind, readonly string[]>> = {
  nginx: ['nginx', 'nginx-debug', 'docker-entrypoint.sh'],
  'nginx-hello': ['nginx', 'nginx-debug', 'docker-entrypoint.sh'],
  httpd: ['httpd', 'httpd-foreground'],
  redis: ['redis-server', 'docker-entrypoint.sh'],
  influxd: ['influxd', 'entrypoint.sh'],
  pause: ['pause'],
  stress: ['stress'],
  'ingress-nginx': ['nginx-ingress-controller', 'dumb-init', 'nginx'],
  coredns: ['coredns'],
  'kube-proxy': ['kube-proxy'],
  flanneld: ['flanneld', 'mk-docker-opts.sh'],
  'flannel-cni': ['flannel'],
  'calico-node': ['calico-node', 'start_runit', 'runsvdir', 'bird', 'bird6', 'mountns'],
  'calico-cni': ['install', 'calico', 'calico-ipam'],
  'calico-kube-controllers': ['kube-controllers', 'check-status'],
}

const MiB = 1024 * 1024
const line = (text: string, stamp?: LogLine['stamp'], stream: 'stdout' | 'stderr' = 'stderr', at: Millis = 0): LogLine => ({ at, stream, text, ...(stamp ? { stamp } : {}) })
/** A klog line on stderr, `at` ms (with µs) after the start; `text` begins with its `file.go:NN] `. */
const klog = (level: 'I' | 'W' | 'E', at: Millis, text: string): LogLine => line(text, `klog-${level}`, 'stderr', at)
/** An etcd (zap JSON) line on stderr; `fields` is the rest of the object after `"ts"`: `"caller":…}`. */
const zap = (level: 'info' | 'warn', at: Millis, fields: string): LogLine => line(fields, `zap-${level}`, 'stderr', at)
const exits = (code: number, after: Millis, logs: LogLine[]): StopReaction => ({ kind: 'exits', code, after, logs })

/** nginx's first worker pids in the official image (CHOSEN: two workers, as on a 2-CPU node). */
const WORKERS = [29, 30]

/** The program `name args` in an image, if it is one of its servers. */
export function serverProgram(name: string, args: readonly string[], image: ServerImage): ServerProgram | undefined {
  const kind = image.server
  if (!kind || !SERVER_BINARIES[kind].includes(name)) return undefined
  switch (name) {
    case 'nginx': case 'nginx-debug': return nginx(args, image)
    case 'httpd': return httpd()
    case 'redis-server': return redis(image.version)
    case 'influxd': return influxd(image.version)
    case 'pause':
      // kubernetes build/pause/linux/pause.c: sigdown() does psignal(signo, "Shutting down, got signal"); exit(0)
      return { kind, ports: [], memory: 256 * 1024, logs: [], onStop: () => exits(0, 0, [line('Shutting down, got signal: Terminated')]) }
    case 'stress': return stress(args)
    case 'nginx-ingress-controller': return ingressNginx(image.version)
    case 'coredns': return coredns(image.version)
    case 'kube-proxy':
      // Its metrics (127.0.0.1:10249) and health (:10256) servers on the node's network (their answers are
      // not modelled), and its first klog lines.
      return { kind: 'kube-proxy', ports: [10249, 10256], memory: 20 * MiB, logs: kubeProxyLogs(), onStop: () => exits(0, 0, []) }
    case 'flanneld':
      // Runs until stopped, with no listening port (its healthz server is off unless --healthz-port is given).
      return { kind: 'flanneld', ports: [], memory: 15 * MiB, logs: flanneldLogs(args), onStop: () => exits(0, 100, []) }
    case 'calico-node': return calicoNode(args, image.version)
    case 'start_runit': case 'runsvdir':
      // calico-node's CMD: start_runit runs the startup routine, then execs runsvdir over felix, BIRD and
      // confd. BIRD listens on 179 (BGP) and felix on 127.0.0.1:9099 (health), neither for HTTP here.
      return { kind: 'calico-node', ports: [179, 9099], memory: 90 * MiB, logs: name === 'start_runit' ? calicoNodeStartupLogs(image.version) : [], onStop: () => exits(0, 0, []) }
    case 'install':
      // calico/cni's install with SLEEP=false: copies the plugins and writes 10-calico.conflist, then exits 0.
      return oneShot('calico-cni', 0, 1000)
    case 'calico-ipam': return oneShot('calico-cni', args.includes('-upgrade') ? 0 : 1, 200)
    // A CNI plugin run by hand (no CNI_COMMAND in its environment) fails; what it prints is not modelled.
    case 'calico': return oneShot('calico-cni', 1, 0)
    case 'flannel': return oneShot('flannel-cni', 1, 0)
    case 'kube-controllers':
      return { kind: 'calico-kube-controllers', ports: [], memory: 25 * MiB, logs: calicoKubeControllersLogs(), onStop: () => exits(0, 100, []) }
    // calico kube-controllers' probe: reads the status file the controllers write; healthy here.
    case 'check-status': return oneShot('calico-kube-controllers', 0, 10)
    default: return undefined // entrypoint scripts are run by shell.ts
  }
}

/** A program that does its work and exits (an init container's, a probe's). */
function oneShot(kind: ServerKind, code: number, after: Millis, logs: LogLine[] = []): ServerProgram {
  return { kind, ports: [], memory: 0, logs, exitsAfter: after, exitCode: code, onStop: () => ({ kind: 'ignored' }) }
}

/**
 * calico-node's one-shot actions (node/cmd/calico-node/main.go of v3.29): the liveness and readiness checks
 * (-felix-live, -bird-ready ...) exit 0 when healthy; -init (mount-bpffs) and -shutdown do their work and
 * exit 0; -v prints the version; no action prints its usage and exits 1 (usage abbreviated to its first line).
 * -felix, -confd and the like are the long-running services runit starts; run alone they stay up.
 */
function calicoNode(args: readonly string[], version: string): ServerProgram {
  const has = (...flags: string[]): boolean => flags.some((f) => args.includes(f) || args.includes(`-${f}`))
  if (has('-felix-live', '-felix-ready', '-bird-live', '-bird-ready', '-bird6-live', '-bird6-ready')) return oneShot('calico-node', 0, 50)
  if (has('-v')) return oneShot('calico-node', 0, 0, [line(`v${version}`, undefined, 'stdout')])
  if (has('-init', '-shutdown')) return oneShot('calico-node', 0, 300)
  if (has('-felix', '-confd', '-monitor-addresses', '-allocate-tunnel-addrs', '-monitor-token', '-status-reporter'))
    return { kind: 'calico-node', ports: [], memory: 40 * MiB, logs: [], onStop: () => exits(0, 0, []) }
  return oneShot('calico-node', 1, 0, [line('No valid options provided. Usage:', undefined, 'stdout')])
}

/** docker-entrypoint.sh of the nginx image, when its first argument is nginx (nginxinc/docker-nginx). */
export function nginxEntrypointLogs(image: ServerImage): LogLine[] {
  const e = '/docker-entrypoint.sh'
  const ipv6 = '10-listen-on-ipv6-by-default.sh'
  return [
    `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${e}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${e}: Launching /docker-entrypoint.d/${ipv6}`,
    // nginxdemos/hello removes conf.d/default.conf, so the IPv6 script finds nothing to edit
    ...(image.server === 'nginx-hello'
      ? [`${ipv6}: info: /etc/nginx/conf.d/default.conf is not a file or does not exist`]
      : [`${ipv6}: info: Getting the checksum of /etc/nginx/conf.d/default.conf`, `${ipv6}: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf`]),
    `${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
    `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
    `${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
    `${e}: Configuration complete; ready for start up`,
  ].map((text) => line(text, undefined, 'stdout'))
}

function nginx(args: readonly string[], image: ServerImage): ServerProgram {
  const kind = image.server === 'nginx-hello' ? 'nginx-hello' : 'nginx'
  const base = { kind, ports: [80], memory: 8 * MiB } as const
  const n = (text: string): LogLine => line(`[notice] ${text}`, 'nginx')
  const g = args.indexOf('-g')
  const foreground = g >= 0 && /daemon\s+off\s*;/.test(args[g + 1] ?? '')
  // Without `daemon off;` nginx forks a daemon and its first process returns 0: the container completes.
  if (!foreground) return { ...base, ports: [], logs: [], exitsAfter: 0, exitCode: 0, onStop: () => ({ kind: 'ignored' }) }
  const logs = [n('1#1: using the "epoll" event method'), n(`1#1: nginx/${image.version}`), n('1#1: start worker processes'), ...WORKERS.map((p) => n(`1#1: start worker process ${p}`))] // abbreviated
  return {
    ...base, logs,
    // The image's STOPSIGNAL is SIGQUIT: graceful shutdown, workers finish, the master exits 0 (Completed).
    onStop: (signal) => signal === 'SIGQUIT'
      ? exits(0, 100, [n('1#1: signal 3 (SIGQUIT) received, shutting down'), ...WORKERS.flatMap((p) => [n(`${p}#${p}: gracefully shutting down`), n(`${p}#${p}: exiting`), n(`${p}#${p}: exit`)]),
        ...WORKERS.flatMap((p) => [n(`1#1: signal 17 (SIGCHLD) received from ${p}`), n(`1#1: worker process ${p} exited with code 0`)]), n('1#1: exit')].map((l, i) => ({ ...l, at: Math.min(i * 10, 100) })))
      : exits(0, 10, [n(`1#1: signal ${signal === 'SIGINT' ? '2 (SIGINT)' : '15 (SIGTERM)'} received, exiting`), n('1#1: exit')]),
  }
}

function httpd(): ServerProgram {
  const h = (text: string): LogLine => line(text, 'httpd')
  return {
    kind: 'httpd', ports: [80], memory: 12 * MiB,
    logs: [h('[mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.68 (Unix) configured -- resuming normal operations'), h("[core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'")], // abbreviated (AH00558 ServerName warnings)
    // STOPSIGNAL SIGWINCH is Apache's graceful-stop; SIGTERM its immediate stop. Both end with status 0.
    onStop: (signal) => exits(0, 50, [h(signal === 'SIGWINCH' ? '[mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully' : '[mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down')]),
  }
}

function redis(version: string): ServerProgram {
  const c = (text: string): LogLine => line(text, 'redis-C', 'stdout')
  const m = (text: string): LogLine => line(text, 'redis-M', 'stdout')
  return {
    kind: 'redis', ports: [6379], memory: 4 * MiB,
    logs: [
      c('* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      c(`* Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
      c('# Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      m('* Running mode=standalone, port=6379.'), m('* Server initialized'), m('* Ready to accept connections tcp'),
    ], // abbreviated (module loading, monotonic clock)
    onStop: () => exits(0, 20, [m('# User requested shutdown...'), m('* Saving the final RDB snapshot before exiting.'), m('* DB saved on disk'), m('# Redis is now ready to exit, bye bye...')]),
  }
}

function influxd(version: string): ServerProgram {
  const i = (text: string): LogLine => line(text, 'influxd', 'stdout')
  return {
    kind: 'influxd', ports: [8086], memory: 96 * MiB,
    logs: [i(`lvl=info msg="Welcome to InfluxDB" version=v${version}`), i('lvl=info msg=Listening service=tcp-listener transport=http addr=:8086 port=8086')], // abbreviated
    onStop: () => exits(0, 200, []), // influxd shuts down cleanly on SIGTERM; its shutdown lines are not modelled
  }
}

/** stress --vm N --vm-bytes SIZE [--vm-hang S]: N workers each holding SIZE (suffixes B K M G, powers of 1024). */
function stress(args: readonly string[]): ServerProgram {
  const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined }
  const vm = Number(opt('--vm') ?? opt('-m') ?? 0)
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(opt('--vm-bytes') ?? '256M')
  const bytes = m ? Number(m[1]) * ({ '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB } as Record<string, number>)[m[2].toLowerCase()] : 0
  return {
    kind: 'stress', ports: [], memory: vm * bytes,
    logs: [line(`stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${vm} vm, 0 hdd`, undefined, 'stdout')],
    onStop: () => ({ kind: 'ignored' }), // stress installs no SIGTERM handler; as PID 1 it ignores it
  }
}

/**
 * ingress-nginx's controller (cmd/nginx/main.go): its version banner on start (the klog lines after it,
 * with times and source lines, are left out: abbreviated). It listens on 80 and 443 (nginx), 8443 (the
 * admission webhook) and 10254 (/healthz). On SIGTERM it stops nginx gracefully and exits 0.
 */
function ingressNginx(version: string): ServerProgram {
  const rule = '-------------------------------------------------------------------------------'
  const out = (text: string): LogLine => line(text, undefined, 'stdout')
  return {
    kind: 'ingress-nginx', ports: [80, 443, 8443, 10254], memory: 90 * MiB,
    logs: [out(rule), out('NGINX Ingress controller'), out(`  Release:       v${version}`), out('  Repository:    https://github.com/kubernetes/ingress-nginx'), out('  nginx version: nginx/1.25.5'), out(''), out(rule), out('')],
    onStop: () => exits(0, 1000, []),
  }
}

/**
 * CoreDNS as kubeadm runs it (`-conf /etc/coredns/Corefile`): what it prints on start, as a kubeadm
 * 1.32 cluster's `kubectl logs -n kube-system coredns-...` shows it (the reload plugin's SHA512 is the
 * value such a cluster logs; the Go version and commit are those of the v1.11.3 release build).
 * It listens on 53 (DNS), 8080 (/health), 8181 (/ready) and 9153 (/metrics). On SIGTERM the health
 * plugin's `lameduck 5s` keeps it answering 5 s before it exits 0.
 */
function coredns(version: string): ServerProgram {
  const out = (text: string): LogLine => line(text, undefined, 'stdout')
  return {
    kind: 'coredns', ports: [53, 8080, 8181, 9153], memory: 12 * MiB,
    logs: [out('.:53'), out(`[INFO] plugin/reload: Running configuration SHA512 = ${COREFILE_SHA512}`), out(`CoreDNS-${version}`), out('linux/amd64, go1.21.11, a6338e9')],
    onStop: () => exits(0, 5000, [out('[INFO] SIGTERM: Shutting down servers then terminating'), out('[INFO] plugin/health: Going into lameduck mode for 5s')]),
  }
}

/**
 * The reload plugin's hash of the Corefile, as logged by CoreDNS 1.11.3 on a kubeadm cluster (an observed
 * value: hashing our copy of kubeadm's Corefile does not reproduce it, the bytes CoreDNS hashes differ).
 */
const COREFILE_SHA512 = '9e2996f8cb67ac53e0259ab1f8d615d07d1beb0bd07e6a1e39769c3bf486a905bb991cc47f8d2f14d0d3a90a87dfc625a0b4c524fed169d8158c40657c0694b1'

// ---------------------------------------------------------------------------------------------------
// The system pods' start-up logs. Each keeps the first lines of a real start whose text (and klog's or
// zap's `file.go:NN`) could be checked for the version the cluster runs, and stops where the next line
// depends on the host (interface names, CPU count, timing races) or could not be checked: a log cut short
// rather than an invented one. Times within the start are CHOSEN (a plausible spacing, in µs); values of
// the pod's node come in as `{{node.name}}`, `{{node.ip}}`, `{{flannel.backend}}` (LogFacts, filled by the
// kubelet serving the log).

/**
 * kube-proxy v1.32 as kubeadm runs it (`--config` with mode "" and no nodePortAddresses, iptables mode,
 * a node with IPv4 and IPv6 iptables and ≤ 4 CPUs, so conntrack max = its 131072 floor). Text and
 * `file.go:NN` are those of a pasted v1.32.13 log (server.go:698, conntrack.go:121/60, server.go:243),
 * except: server_linux.go:66 "Using iptables proxy" and server_linux.go:170 "Using iptables Proxier" are
 * derived from cmd/kube-proxy/app/server_linux.go of 1.32 (the same lines are :66/:169 in a pasted v1.31.0
 * log; 1.32's file has :292 for "Using nftables Proxier", 5 lines below the layout they were counted in),
 * and E server.go:234 is the v1.31.0 paste's (server.go:243 is the same in both). The next line,
 * pkg/proxy/iptables/proxier.go's "Setting route_localnet=1 …", is left out: its line in 1.32 is unchecked.
 */
function kubeProxyLogs(): LogLine[] {
  return [
    klog('I', 0.412, 'server_linux.go:66] "Using iptables proxy"'),
    klog('I', 37.815, 'server.go:698] "Successfully retrieved node IP(s)" IPs=["{{node.ip}}"]'),
    klog('I', 40.127, 'conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_max" value=131072'),
    klog('I', 40.263, 'conntrack.go:60] "Setting nf_conntrack_max" nfConntrackMax=131072'),
    klog('I', 40.371, 'conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_established" value=86400'),
    klog('I', 40.468, 'conntrack.go:121] "Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_close_wait" value=3600'),
    klog('E', 40.552, 'server.go:234] "Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"'),
    klog('I', 71.236, 'server.go:243] "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"'),
    klog('I', 71.349, 'server_linux.go:170] "Using iptables Proxier"'),
  ]
}

/**
 * flanneld v0.26.7 with kube-flannel.yml's `--ip-masq --kube-subnet-mgr`, checked line by line in its source
 * at that tag (main.go, pkg/subnet/kube/kube.go) and client-go v0.29.12's tools/clientcmd/client_config.go:618,
 * in the order pasted logs of 0.26 show. The node controller's first poll finds it not yet synced, the next
 * (1 s later) does. Left out: "Creating the node lease for IPv4 …" (kube.go:490), printed only for nodes a
 * flannel already annotated, none when the DaemonSet first starts; and everything after the network config,
 * which names the host's interface.
 */
function flanneldLogs(args: readonly string[]): LogLine[] {
  const has = (flag: string): boolean => args.includes(flag) || args.includes(`-${flag}`) || args.includes(`${flag}=true`) || args.includes(`-${flag}=true`)
  // main.go:211 logs CmdLineOpts with %+v: its fields in declaration order, the defaults of init() but these two.
  const opts = `{etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network etcdKeyfile: etcdCertfile: etcdCAFile: etcdUsername: etcdPassword: version:false kubeSubnetMgr:${has('--kube-subnet-mgr')} kubeApiUrl: kubeAnnotationPrefix:flannel.alpha.coreos.com kubeConfigFile: iface:[] ifaceRegex:[] ipMasq:${has('--ip-masq')} ifaceCanReach: subnetFile:/run/flannel/subnet.env publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 iptablesResyncSeconds:5 iptablesForwardRules:true netConfPath:/etc/kube-flannel/net-conf.json setNodeNetworkUnavailable:true}`
  return [
    klog('I', 0.274, `main.go:211] CLI flags config: ${opts}`),
    klog('W', 0.391, 'client_config.go:618] Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
    klog('I', 14.502, 'kube.go:139] Waiting 10m0s for node controller to sync'),
    klog('I', 14.566, 'kube.go:469] Starting kube subnet manager'),
    klog('I', 1015.043, 'kube.go:146] Node controller sync successful'),
    klog('I', 1015.071, 'main.go:231] Created subnet manager: Kubernetes Subnet Manager - {{node.name}}'),
    klog('I', 1015.079, 'main.go:234] Installing signal handlers'),
    klog('I', 1015.412, 'main.go:468] Found network config - Backend type: {{flannel.backend}}'),
  ]
}

/**
 * calico-node v3.29.7 started by its CMD start_runit: /etc/rc.local runs `calico-node -startup` first, whose
 * lines (libcalico-go logutils: time, [LEVEL][pid], component/file line) are checked in node/pkg/lifecycle
 * (startup/startup.go, utils/utils.go) at that tag, for calico.yaml's env (NODENAME from spec.nodeName,
 * WAIT_FOR_DATASTORE=true, the kubernetes datastore). The pid counts the processes the container ran before
 * it, exec probes included, so it varies from start to start: 9 is CHOSEN, as pasted kube-system installs
 * of v3.22 and v3.25 show it (8 and 10 are seen too). Stops before the address autodetection, which names
 * the host's interface.
 */
function calicoNodeStartupLogs(version: string): LogLine[] {
  const info = (at: Millis, text: string): LogLine => line(`[INFO][9] startup/${text}`, 'calico', 'stdout', at) // logrus to stdout (main.go)
  return [
    info(12, 'startup.go 439: Early log level set to info'),
    info(12, 'utils.go 126: Using NODENAME environment for node name {{node.name}}'),
    info(12, 'utils.go 138: Determined node name: {{node.name}}'),
    info(13, `startup.go 95: Starting node {{node.name}} with version v${version}`),
    info(14, 'startup.go 444: Checking datastore connection'),
    info(29, 'startup.go 468: Datastore connection verified'),
    info(29, 'startup.go 105: Datastore is ready'),
  ]
}

/**
 * calico/kube-controllers v3.29.7 (its ENTRYPOINT, so PID 1) with the manifest's env (DATASTORE_TYPE=kubernetes,
 * no LOG_LEVEL, no KUBECONFIG): kube-controllers/cmd/kube-controllers/main.go:92 and :116 and
 * libcalico-go/lib/winutils/winutils.go:150 at that tag, the same three lines as a pasted v3.29.1 start.
 * What follows depends on how soon the apiserver answers (errors and retries, or "Calico datastore is
 * initialized"), so the log stops there.
 */
function calicoKubeControllersLogs(): LogLine[] {
  const c = (level: 'INFO' | 'WARNING', at: Millis, text: string): LogLine => line(`[${level}][1] kube-controllers/${text}`, 'calico', 'stdout', at)
  return [
    c('INFO', 0.4, 'main.go 92: Loaded configuration from environment config=&config.Config{LogLevel:"info", WorkloadEndpointWorkers:1, ProfileWorkers:1, PolicyWorkers:1, NodeWorkers:1, Kubeconfig:"", DatastoreType:"kubernetes"}'),
    c('WARNING', 0.7, 'winutils.go 150: Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
    c('INFO', 1.2, 'main.go 116: Ensuring Calico datastore is initialized'),
  ]
}

/**
 * What a control-plane static pod's container prints from its start (`command` as its manifest gives it).
 * kube-apiserver, kube-controller-manager and kube-scheduler: klog lines of a pasted kubeadm-style v1.32.13
 * start (the scheduler's also in a v1.32.2 one). v1.32.0 and v1.32.1 pastes differ for the apiserver: a
 * first `W … registry.go:256] calling componentGlobalsRegistry.AddFlags more than once …` and
 * server.go:143/145. That warning came from kube-apiserver building its flags twice, which v1.32.3 fixed
 * (#130332, cherry-pick of #129996, in CHANGELOG-1.32), so v1.32.4 is taken to print the v1.32.13 layout
 * (inferred: no v1.32.3–v1.32.12 apiserver log was found to confirm it). Each stops before lines that
 * depend on flags our shortened manifests leave out or on the start-up race with the other components.
 * etcd 3.5.16: embed/config.go:689 and etcdmain/etcd.go:73 at tag v3.5.16 (etcd validates its config twice,
 * in etcdmain's parse and in embed.StartEtcd, so the single-port warning comes twice); the next line
 * ("configuring peer listeners") needs --listen-peer-urls, which the shortened manifest leaves out.
 */
export function controlPlaneLogs(component: string, command: readonly string[], kubernetesVersion: string): LogLine[] {
  const golang = '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'
  switch (component) {
    case 'etcd': {
      const singlePort = '"caller":"embed/config.go:689","msg":"Running http and grpc server on single port. This is not recommended for production."}'
      return [
        zap('warn', 0.163, singlePort),
        zap('info', 0.287, `"caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(command)}}`),
        zap('warn', 0.652, singlePort),
      ]
    }
    case 'kube-apiserver':
      return [
        // options.go:238 in the v1.32.0, v1.32.1 and v1.32.13 pastes alike (not in k8s.io/apiserver: kubernetes' own).
        klog('I', 0.214, 'options.go:238] external host was not specified, using {{node.ip}}'),
        klog('I', 2.531, `server.go:147] Version: ${kubernetesVersion}`),
        // Next comes "Waiting for caches to sync for node_authorizer" (shared_informer.go:313), unless etcd is
        // not serving yet: then grpc's `W … logging.go:55] [core] … createTransport failed` lines come first,
        // as a kubeadm init's race between the two static pods decides. Left out.
        klog('I', 2.566, `server.go:149] ${golang}`),
      ]
    // Both first generate their serving certificate: k8s.io/apiserver v0.32.4's pkg/server/options/serving.go:386
    // (checked in its source; the same line in the v1.32.2 and v1.32.13 pastes). The scheduler's next lines are
    // warnings that depend on how far the apiserver got; the controller manager's "Starting" line is
    // controllermanager.go:185 in v1.32.13, unchecked in 1.32.4.
    case 'kube-controller-manager':
      return [klog('I', 0.318, 'serving.go:386] Generated self-signed cert in-memory')]
    case 'kube-scheduler':
      return [klog('I', 0.286, 'serving.go:386] Generated self-signed cert in-memory')]
    default:
      return []
  }
}
