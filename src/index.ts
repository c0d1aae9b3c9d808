// The programmatic API: `import { Cluster } from 'kubelings'`. Create a simulated cluster, apply
// manifests, let virtual time pass, read objects, and run kubectl command lines against it.
import { parseDuration, type Millis } from './cluster/clock.js'
import { CONTROL_PLANE_ONLY, SimulatedCluster, type ClusterSnapshot } from './cluster/cluster.js'
import type { StoredObject } from './cluster/object.js'
import { memoryIO } from './kubectl/io.js'
import type { NetworkOptions } from './cluster/network/cni.js'
import { shippedBootImages } from './course/boot-images.js'
import { sendRequest, type RequestOrigin, type RequestResult } from './cluster/network/request.js'
import { resolveType } from './kubectl/resolve.js'
import { runKubectl, type KubectlOutput } from './kubectl/run.js'

export type { ClusterSnapshot, KubectlOutput, StoredObject, NetworkOptions, RequestOrigin, RequestResult }
export { CONTROL_PLANE_ONLY, SimulatedCluster }

export interface ClusterCreateOptions {
  /** Seed of the PRNG (pod name suffixes, IPs, ...). Default 1. */
  seed?: number
  /** Worker nodes besides the control plane. Default 2. */
  workers?: number
  /** Virtual start time. Default 2026-01-01T00:00:00Z, so that outputs are exact. */
  startTime?: Date | string | number
  /** Which components run: all (default), none, or those named (see CONTROL_PLANE_ONLY). */
  components?: boolean | readonly string[]
  /** The pod network: `{ cni: 'underlay', routing: 'bgp', nodeSubnets: 2 }`; default overlay on one subnet. */
  network?: Partial<NetworkOptions>
  /** Add-ons installed at creation: `['ingress']` installs ingress-nginx (`coredns` and `kube-proxy` are always there when systemPods is). */
  addons?: readonly ('ingress' | 'coredns' | 'kube-proxy')[]
  /**
   * kubeadm's system pods (default true with every component running): CoreDNS behind `kube-dns`
   * (10.96.0.10), the kube-proxy DaemonSet and the CNI's DaemonSet, made in a boot phase that ends at
   * `startTime` (the nodes are then 90 s old). `false`: only the nodes and the control plane's static pods.
   */
  systemPods?: boolean
}

export interface KubectlOptions {
  /** Standard input, for `-f -`. */
  stdin?: string
  /** Files kubectl can read (`-f name`), by path. */
  files?: Record<string, string>
}

/** Thrown by `apply` when kubectl fails; carries kubectl's output. */
export class KubectlFailure extends Error {
  constructor(readonly output: KubectlOutput) {
    super(output.stderr.trim() || `kubectl exited with ${output.exitCode}`)
    this.name = 'KubectlFailure'
  }
}

const DEFAULT_START = Date.UTC(2026, 0, 1)

export class Cluster {
  private constructor(readonly sim: SimulatedCluster) {}

  static create(options: ClusterCreateOptions = {}): Cluster {
    const start = options.startTime === undefined ? DEFAULT_START : new Date(options.startTime).getTime()
    if (Number.isNaN(start)) throw new RangeError(`startTime is not a time: ${String(options.startTime)}`)
    return new Cluster(SimulatedCluster.create({ seed: options.seed ?? 1, workers: options.workers ?? 2, startTime: start, components: options.components, network: options.network, addons: options.addons, systemPods: options.systemPods, images: shippedBootImages() }))
  }

  static restore(snapshot: ClusterSnapshot): Cluster {
    return new Cluster(SimulatedCluster.restore(snapshot))
  }

  /** The whole cluster as JSON-able data; `Cluster.restore` brings it back exactly. */
  snapshot(): ClusterSnapshot {
    return this.sim.snapshot()
  }

  /** Virtual time now. */
  now(): Date {
    return new Date(this.sim.now())
  }

  /** Let virtual time pass: `advance('30s')`, `advance('5m')`, `advance(1500)` (ms). */
  advance(duration: string | Millis): void {
    const ms = typeof duration === 'number' ? duration : parseDuration(duration)
    if (ms === undefined || !(ms >= 0)) throw new RangeError(`not a duration: ${String(duration)}`)
    this.sim.advance(ms)
  }

  /**
   * Run a kubectl command line: `kubectl('get pods -o wide')` or `kubectl(['get', 'pods'])`.
   * Returns what kubectl printed and its exit code; never throws for bad input.
   */
  kubectl(command: string | readonly string[], options: KubectlOptions = {}): KubectlOutput {
    const argv = typeof command === 'string' ? splitCommandLine(command) : [...command]
    if (argv[0] === 'kubectl') argv.shift()
    return runKubectl(this.sim, argv, memoryIO(options.files ?? {}, options.stdin ?? ''))
  }

  /** `kubectl apply -f -` with these manifests (YAML text, or objects). Throws KubectlFailure on failure. */
  apply(manifests: string | object | readonly object[], options: { namespace?: string } = {}): KubectlOutput {
    // Objects go as a stream of JSON documents, which kubectl reads one after another; `---`
    // separates YAML documents only, and kubectl refuses it between JSON ones.
    const text = typeof manifests === 'string' ? manifests : (Array.isArray(manifests) ? manifests : [manifests]).map((m) => JSON.stringify(m)).join('\n')
    const argv = ['apply', '-f', '-', ...(options.namespace ? ['-n', options.namespace] : [])]
    const out = this.kubectl(argv, { stdin: text })
    if (out.exitCode !== 0) throw new KubectlFailure(out)
    return out
  }

  /**
   * `curl URL` walked through the simulated network, from your machine (default), a node
   * (`{ node: 'node-1' }`) or a pod (`{ pod: 'client' }`): the hops, the rules that matched, the
   * endpoint chosen, the answer, and curl's exit code. Throws RangeError for an unknown pod or node.
   */
  curl(url: string, options: { from?: RequestOrigin; method?: string; headers?: Record<string, string>; connectTimeout?: number } = {}): RequestResult {
    const r = sendRequest(this.sim, { from: options.from ?? 'outside', url, method: options.method, headers: options.headers, connectTimeout: options.connectTimeout })
    if (!r.ok) throw new RangeError(r.error)
    return r.value
  }

  /** One object by kind or resource name (`pod`, `pods`, `deploy`, `Service`), or undefined. */
  get(type: string, name: string, namespace = 'default'): StoredObject | undefined {
    const t = resolveType(type)
    if (!t) throw new RangeError(`unknown resource type ${type}`)
    const r = this.sim.api.get('kubelings', t.resource, t.namespaced ? namespace : undefined, name)
    return r.ok ? r.value : undefined
  }

  /** Objects of a type; all namespaces unless `namespace` is given. */
  list(type: string, options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {}): StoredObject[] {
    const t = resolveType(type)
    if (!t) throw new RangeError(`unknown resource type ${type}`)
    const r = this.sim.api.list('kubelings', t.resource, options)
    if (!r.ok) throw new RangeError(r.error.message)
    return r.value.items
  }
}

/** Split a command line as a POSIX shell would for simple cases: spaces, '…', "…", and \ escapes. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) cur += line[++i]
      else cur += c
    } else if (c === '"' || c === "'") {
      quote = c
      inWord = true
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i]
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur)
      cur = ''
      inWord = false
    } else {
      cur += c
      inWord = true
    }
  }
  if (quote) throw new RangeError(`unterminated ${quote} quote in: ${line}`)
  if (inWord) out.push(cur)
  return out
}
