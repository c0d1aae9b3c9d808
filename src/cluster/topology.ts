// The cluster as kubeadm leaves it, like the clusters of the course document: one control-plane
// node (tainted NoSchedule) running the control-plane components as static pods, and worker nodes.
import type { ApiServer } from './apiserver.js'
import { rfc3339, type Millis } from './clock.js'
import { recordEvent } from './events.js'
import { kubeletConditions } from './kubelet/heartbeat.js'
import type { KubeObject, StoredObject } from './object.js'
import type { Prng } from './prng.js'

export const KUBERNETES_VERSION = 'v1.32.4'
export const CONTROL_PLANE = 'control-plane'
export const NODE_NETWORK = { prefix: '192.168.49', gateway: '192.168.49.1' }
export const POD_NETWORK = '10.244.0.0/16'
/**
 * More nodes than the 10.244.0.0/16 pod network (256 /24s) or the 192.168.49.0/24 node network
 * hold: kube-controller-manager with --cluster-cidr=10.244.0.0/16 runs out of node CIDRs there, so
 * a large cluster is made with a wider pod network, as OpenShift's 10.128.0.0/14 default is: node k
 * (0 = control-plane) gets 10.(128 + k div 256).(k mod 256).0/24 of 10.128.0.0/9 (clear of the
 * service range 10.96.0.0/12), and the IP 172.16.(k div 250).(2 + k mod 250) of 172.16.0.0/12.
 * Clusters of up to LARGE_CLUSTER_FROM - 1 workers keep the small layout, address for address.
 */
export const LARGE_CLUSTER_FROM = 251
export const LARGE_POD_NETWORK = '10.128.0.0/9'
export const LARGE_NODE_NETWORK = { network: '172.16.0.0/12', gateway: '172.16.0.1' }
/** The most worker nodes a cluster may have (Kubernetes' documented limit: 5,000 nodes). */
export const MAX_WORKERS = 5000

/** The pod network (kube-controller-manager's --cluster-cidr) of a cluster of `workers` workers. */
export function podNetworkFor(workers: number): string {
  return workers >= LARGE_CLUSTER_FROM ? LARGE_POD_NETWORK : POD_NETWORK
}
export const CLUSTER_DOMAIN = 'cluster.local'

export interface NodeSpec {
  name: string
  ip: string
  podCIDR: string
  controlPlane: boolean
  /** The node's L2 segment when nodes are spread over several subnets (default: all on 192.168.49.0/24). */
  subnet?: string
}

/**
 * control-plane at .2, workers node-1.. at .3, .4, ...; pod CIDRs 10.244.N.0/24 in node order. A
 * large cluster (LARGE_CLUSTER_FROM workers or more) uses the wider networks described above.
 */
export function defaultNodes(workers: number, nodeSubnets = 1): NodeSpec[] {
  if (nodeSubnets > 1 && workers < LARGE_CLUSTER_FROM) return segmentedNodes(workers, nodeSubnets)
  if (workers >= LARGE_CLUSTER_FROM) {
    const large: NodeSpec[] = []
    for (let k = 0; k <= workers; k++)
      large.push({
        name: k === 0 ? CONTROL_PLANE : `node-${k}`,
        ip: `172.16.${Math.floor(k / 250)}.${2 + (k % 250)}`,
        podCIDR: `10.${128 + Math.floor(k / 256)}.${k % 256}.0/24`,
        controlPlane: k === 0,
      })
    return large
  }
  const nodes: NodeSpec[] = [{ name: CONTROL_PLANE, ip: `${NODE_NETWORK.prefix}.2`, podCIDR: '10.244.0.0/24', controlPlane: true }]
  for (let i = 1; i <= workers; i++) nodes.push({ name: `node-${i}`, ip: `${NODE_NETWORK.prefix}.${2 + i}`, podCIDR: `10.244.${i}.0/24`, controlPlane: false })
  return nodes
}

/**
 * Nodes spread over `subnets` L2 segments behind one router (192.168.49.0/24, 192.168.50.0/24, ...):
 * node k (0 = control-plane) sits on segment k mod subnets, at .2, .3, ... of it, so neighbours
 * in name are on different subnets. Pod CIDRs stay 10.244.k.0/24.
 */
function segmentedNodes(workers: number, subnets: number): NodeSpec[] {
  const nodes: NodeSpec[] = []
  for (let k = 0; k <= workers; k++) {
    const segment = 49 + (k % subnets)
    nodes.push({
      name: k === 0 ? CONTROL_PLANE : `node-${k}`,
      ip: `192.168.${segment}.${2 + Math.floor(k / subnets)}`,
      podCIDR: `10.244.${k}.0/24`,
      controlPlane: k === 0,
      subnet: `192.168.${segment}.0/24`,
    })
  }
  return nodes
}

/** Each node's memory, as its kubelet reads it from the machine (cadvisor's MachineInfo). */
export const NODE_MEMORY_CAPACITY = '4015732Ki'
const CAPACITY = { cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0', memory: NODE_MEMORY_CAPACITY, pods: '110' }
// Allocatable = capacity minus the kubelet's default hard eviction thresholds
// (memory.available<100Mi, nodefs.available<10%).
const ALLOCATABLE = {
  cpu: '2',
  'ephemeral-storage': String(Math.floor(61202244 * 1024 * 0.9)),
  'hugepages-2Mi': '0',
  memory: `${4015732 - 100 * 1024}Ki`,
  pods: '110',
}

function hex(rng: Prng, n: number): string {
  let s = ''
  while (s.length < n) s += rng.uint32().toString(16).padStart(8, '0')
  return s.slice(0, n)
}

/**
 * The Node a kubelet registers (initialNode): its conditions are what the kubelet's setters compute
 * before the first post, so Ready is False (KubeletNotReady) while the runtime has no CNI config.
 */
export function nodeObject(spec: NodeSpec, now: Millis, rng: Prng, networkReady = true): KubeObject {
  const at = rfc3339(now)
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: at,
    lastTransitionTime: at,
    reason,
    message,
  })
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...(spec.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
      ...(spec.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: spec.ip },
        { type: 'Hostname', address: spec.name },
      ],
      allocatable: { ...ALLOCATABLE },
      capacity: { ...CAPACITY },
      conditions: kubeletConditions(networkReady).map((c) => condition(c.type, c.status, c.reason, c.message)),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: rng.uuid(),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-45-generic',
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: hex(rng, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: rng.uuid(),
      },
    },
  }
}

interface StaticPod {
  component: string
  image: string
  cpu: string
  memory?: string
  command: string[]
}

/** kubeadm's static pod manifests, as mirror pods in kube-system. */
export function controlPlaneStaticPods(node: NodeSpec, clusterCIDR = POD_NETWORK): StaticPod[] {
  return [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.16-0',
      cpu: '100m',
      memory: '100Mi',
      command: ['etcd', `--advertise-client-urls=https://${node.ip}:2379`, '--data-dir=/var/lib/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${node.ip}:2379`, `--name=${node.name}`],
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
      cpu: '250m',
      command: ['kube-apiserver', `--advertise-address=${node.ip}`, '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12', '--service-node-port-range=30000-32767'],
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
      cpu: '200m',
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', `--cluster-cidr=${clusterCIDR}`, '--leader-elect=true', '--node-cidr-mask-size=24', '--service-cluster-ip-range=10.96.0.0/12'],
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
      cpu: '100m',
      command: ['kube-scheduler', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
    },
  ]
}

function staticPodObject(p: StaticPod, node: StoredObject, spec: NodeSpec, now: Millis, rng: Prng): KubeObject {
  const hash = hex(rng, 32)
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${p.component}-${spec.name}`,
      namespace: 'kube-system',
      labels: { component: p.component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': new Date(now).toISOString().replace('Z', '000000Z'),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: spec.name, uid: node.metadata.uid, controller: true }],
    },
    spec: {
      containers: [
        {
          name: p.component,
          image: p.image,
          imagePullPolicy: 'IfNotPresent',
          command: p.command,
          resources: { requests: { cpu: p.cpu, ...(p.memory ? { memory: p.memory } : {}) } },
        },
      ],
      hostNetwork: true,
      nodeName: spec.name,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  }
}

function runningStatus(pod: StoredObject, spec: NodeSpec, now: Millis, rng: Prng): Record<string, unknown> {
  const at = rfc3339(now)
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at })
  const containers = (pod.spec as { containers: { name: string; image: string }[] }).containers
  return {
    phase: 'Running',
    conditions: [cond('PodReadyToStartContainers'), cond('Initialized'), cond('Ready'), cond('ContainersReady'), cond('PodScheduled')],
    hostIP: spec.ip,
    hostIPs: [{ ip: spec.ip }],
    podIP: spec.ip,
    podIPs: [{ ip: spec.ip }],
    qosClass: 'Burstable',
    startTime: at,
    containerStatuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: `${c.image.split(':')[0]}@sha256:${hex(rng, 64)}`,
      containerID: `containerd://${hex(rng, 64)}`,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: at } },
    })),
  }
}

/** Everything a freshly made kubeadm cluster has, written through the apiserver as its makers would. */
export function bootstrap(api: ApiServer, now: Millis, rng: Prng, nodes: readonly NodeSpec[]): void {
  initControlPlane(api, now, rng, nodes)
  for (const spec of nodes) if (!spec.controlPlane) joinNode(api, now, rng, spec)
}

/**
 * `kubeadm init`: the namespaces and the `kubernetes` Service, then the control-plane node registers
 * and its kubelet starts the control-plane components from their static pod manifests.
 */
export function initControlPlane(api: ApiServer, now: Millis, rng: Prng, nodes: readonly NodeSpec[], networkReady = true): void {
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
    must(api.create('kube-apiserver', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } }))
  const controlPlane = nodes.find((n) => n.controlPlane)!
  must(
    api.create('kube-apiserver', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
    }),
  )
  must(
    api.create('kube-apiserver', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: controlPlane.ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    }),
  )
  must(
    api.create('kube-apiserver', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [controlPlane.ip], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    }),
  )
  const node = joinNode(api, now, rng, controlPlane, true, networkReady)
  for (const p of controlPlaneStaticPods(controlPlane, podNetworkFor(nodes.length - 1))) startStaticPod(api, now, rng, controlPlane, node, p)
}

/**
 * A node's kubelet registers it (`kubeadm join` for a worker): the Node, its Lease, the kubelet's
 * start-up events, and the node controller's RegisteredNode unless that controller runs and writes it.
 * No NodeReady: the kubelet records it only when Ready changes status (a node that registers without
 * a CNI config is NotReady, and turns Ready once the CNI's pod has written one).
 */
export function joinNode(api: ApiServer, now: Millis, rng: Prng, spec: NodeSpec, registeredHere = true, networkReady = true): StoredObject {
  const kubelet = `kubelet/${spec.name}`
  const node = must(api.create(kubelet, nodeObject(spec, now, rng, networkReady)))
  must(
    api.create(kubelet, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: spec.name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: spec.name, uid: node.metadata.uid }] },
      spec: { holderIdentity: spec.name, leaseDurationSeconds: 40, renewTime: new Date(now).toISOString().replace('Z', '000Z') },
    }),
  )
  const source = { component: 'kubelet', host: spec.name }
  recordEvent(api, now, { involvedObject: node, type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', source })
  for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID'])
    recordEvent(api, now, { involvedObject: node, type: 'Normal', reason, message: `Node ${spec.name} status is now: ${reason}`, source })
  recordEvent(api, now, { involvedObject: node, type: 'Normal', reason: 'NodeAllocatableEnforced', message: 'Updated Node Allocatable limit across pods', source })
  if (!registeredHere) return node
  recordEvent(api, now, {
    involvedObject: node,
    type: 'Normal',
    reason: 'RegisteredNode',
    message: `Node ${spec.name} event: Registered Node ${spec.name} in Controller`,
    source: { component: 'node-controller' },
  })
  return node
}

function startStaticPod(api: ApiServer, now: Millis, rng: Prng, spec: NodeSpec, node: StoredObject, p: StaticPod): void {
  const kubelet = `kubelet/${spec.name}`
  const pod = must(api.create(kubelet, staticPodObject(p, node, spec, now, rng)))
  must(api.update(kubelet, { ...pod, status: runningStatus(pod, spec, now, rng) }, { subresource: 'status' }))
}

/**
 * Stop or start a control-plane component the kubeadm way: its manifest leaves (or comes back to)
 * /etc/kubernetes/manifests, and the kubelet deletes (or creates) its mirror pod.
 */
export function setStaticPod(api: ApiServer, now: Millis, rng: Prng, nodes: readonly NodeSpec[], component: string, running: boolean): void {
  const spec = nodes.find((n) => n.controlPlane)
  const p = spec && controlPlaneStaticPods(spec, podNetworkFor(nodes.length - 1)).find((sp) => sp.component === component)
  if (!spec || !p) return
  const kubelet = `kubelet/${spec.name}`
  const name = `${component}-${spec.name}`
  if (!running) {
    api.delete(kubelet, 'pods', 'kube-system', name, { gracePeriodSeconds: 0 })
    return
  }
  const node = api.get(kubelet, 'nodes', undefined, spec.name)
  if (node.ok && !api.get(kubelet, 'pods', 'kube-system', name).ok) startStaticPod(api, now, rng, spec, node.value, p)
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`bootstrap failed: ${r.error.message}`)
  return r.value
}
