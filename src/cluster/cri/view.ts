// What the CRI of one node answers (ListPodSandbox, ListContainers, PodSandboxStatus), built from the
// kubelet's record of its container runtime: the sandboxes (pause containers) and the containers
// containerd has, with the labels the kubelet put on them. Read-only and pure; crictl.ts prints it.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import type { SimulatedCluster } from '../cluster.js'
import { Kubelet } from '../kubelet/kubelet.js'
import { isRunning } from '../kubelet/container-status.js'
import { isSandboxReady } from '../kubelet/sandbox.js'
import type { ContainerInstance, NodeRuntime, PodRuntime, Sandbox } from '../kubelet/types.js'
import { lookupImage } from '../runtime/images.js'
import { sha256Hex } from '../runtime/sha256.js'

/** Go's time.Format(time.RFC3339Nano) in UTC: trailing zeros of the fraction dropped. */
export function rfc3339Nano(ms: Millis): string {
  const iso = new Date(ms).toISOString()
  return iso.replace(/\.(\d{3})Z$/, (_m, f: string) => (/^0+$/.test(f) ? 'Z' : `.${f.replace(/0+$/, '')}Z`))
}

export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY'
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN'

export interface CriSandbox {
  id: string
  metadata: { name: string; uid: string; namespace: string; attempt: number }
  state: SandboxState
  createdAt: Millis
  ip: string
  hostNetwork: boolean
  /** shareProcessNamespace: the containers share the sandbox's PID namespace (pause is PID 1). */
  sharedPid: boolean
  labels: Record<string, string>
  annotations: Record<string, string>
  runtimeHandler: string
}

export interface CriContainer {
  id: string
  podSandboxId: string
  metadata: { name: string; attempt: number }
  /** What the kubelet asked for and containerd resolved: the image ID (`sha256:...`) and the reference. */
  image: string
  imageRef: string
  state: ContainerState
  createdAt: Millis
  startedAt: Millis
  finishedAt?: Millis
  exitCode?: number
  reason?: string
  labels: Record<string, string>
}

/** What the runtime of one node holds, with the pods as the API has them (for labels), keyed by UID. */
export interface NodeRuntimeView {
  readonly runtime: Readonly<NodeRuntime>
  readonly pods: ReadonlyMap<string, Pod>
  readonly now: Millis
}

/** The sandboxes of every pod, the current one and the lost ones still kept. */
export function listPodSandboxes(view: NodeRuntimeView): CriSandbox[] {
  const out: CriSandbox[] = []
  for (const rt of Object.values(view.runtime.pods)) {
    for (const s of [...(rt.oldSandboxes ?? []), ...(rt.sandbox ? [rt.sandbox] : [])]) out.push(criSandbox(rt, s, view))
  }
  for (const pod of staticPods(view)) out.push(staticSandbox(pod))
  return out
}

export function listContainers(view: NodeRuntimeView): CriContainer[] {
  const out: CriContainer[] = []
  for (const rt of Object.values(view.runtime.pods)) {
    for (const c of rt.containers) out.push(criContainer(rt, c, view))
  }
  for (const pod of staticPods(view)) out.push(...staticContainers(pod))
  return out
}

/**
 * The static pods of the node (kubeadm's control-plane manifests): the cluster's bootstrap plays
 * the kubelet that runs them, so their sandbox and containers are read from their mirror pods.
 */
function staticPods(view: NodeRuntimeView): Pod[] {
  return [...view.pods.values()].filter((p) => p.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined && p.status?.phase === 'Running')
}

const startOf = (pod: Pod): Millis => Date.parse(pod.status?.startTime ?? pod.metadata?.creationTimestamp ?? '') || 0
const staticSandboxId = (pod: Pod): string => sha256Hex(`sandbox:${pod.metadata?.uid}`)

function staticSandbox(pod: Pod): CriSandbox {
  const name = pod.metadata?.name ?? ''
  const namespace = pod.metadata?.namespace ?? 'kube-system'
  const uid = pod.metadata?.annotations?.['kubernetes.io/config.hash'] ?? pod.metadata?.uid ?? ''
  return {
    id: staticSandboxId(pod),
    metadata: { name, uid, namespace, attempt: 0 },
    state: 'SANDBOX_READY',
    createdAt: startOf(pod),
    ip: '',
    hostNetwork: !!pod.spec?.hostNetwork,
    sharedPid: false,
    labels: { ...(pod.metadata?.labels ?? {}), 'io.kubernetes.pod.name': name, 'io.kubernetes.pod.namespace': namespace, 'io.kubernetes.pod.uid': uid },
    annotations: { ...(pod.metadata?.annotations ?? {}) },
    runtimeHandler: '',
  }
}

function staticContainers(pod: Pod): CriContainer[] {
  const sandbox = staticSandbox(pod)
  return (pod.status?.containerStatuses ?? []).map((cs) => ({
    id: (cs.containerID ?? '').replace(/^containerd:\/\//, ''),
    podSandboxId: sandbox.id,
    metadata: { name: cs.name, attempt: cs.restartCount },
    image: `sha256:${sha256Hex(`config:${cs.image}`)}`,
    imageRef: cs.imageID,
    state: 'CONTAINER_RUNNING',
    createdAt: sandbox.createdAt,
    startedAt: sandbox.createdAt,
    labels: { 'io.kubernetes.container.name': cs.name, 'io.kubernetes.pod.name': sandbox.metadata.name, 'io.kubernetes.pod.namespace': sandbox.metadata.namespace, 'io.kubernetes.pod.uid': sandbox.metadata.uid },
  }))
}

function criSandbox(rt: PodRuntime, s: Sandbox, view: NodeRuntimeView): CriSandbox {
  const pod = view.pods.get(rt.uid)
  // The sandbox is ready from its creation on (RunPodSandbox returns once the network is set up).
  const ready = isSandboxReady(s) && s.createdAt <= view.now
  return {
    id: s.id,
    metadata: { name: rt.name, uid: rt.uid, namespace: rt.namespace, attempt: s.attempt ?? 0 },
    state: ready ? 'SANDBOX_READY' : 'SANDBOX_NOTREADY',
    createdAt: s.createdAt,
    ip: s.hostNetwork ? '' : s.ip,
    hostNetwork: s.hostNetwork,
    sharedPid: !!pod?.spec?.shareProcessNamespace,
    // kuberuntime_sandbox.go newPodSandboxLabels / newPodSandboxAnnotations
    labels: {
      ...(pod?.metadata?.labels ?? {}),
      'io.kubernetes.pod.name': rt.name,
      'io.kubernetes.pod.namespace': rt.namespace,
      'io.kubernetes.pod.uid': rt.uid,
    },
    annotations: { ...(pod?.metadata?.annotations ?? {}), 'kubernetes.io/config.seen': rfc3339Nano(rt.startTime), 'kubernetes.io/config.source': 'api' },
    runtimeHandler: '',
  }
}

function containerState(c: ContainerInstance, now: Millis): ContainerState {
  if (c.createdAt > now) return 'CONTAINER_CREATED'
  if (c.startedAt === 0) return 'CONTAINER_EXITED' // StartError: runc could not start the process
  return isRunning(c, now) ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED'
}

function criContainer(rt: PodRuntime, c: ContainerInstance, view: NodeRuntimeView): CriContainer {
  const image = lookupImage(c.image)
  const state = containerState(c, view.now)
  const exited = state === 'CONTAINER_EXITED'
  return {
    id: c.id,
    podSandboxId: c.sandboxId ?? rt.sandbox?.id ?? '',
    metadata: { name: c.name, attempt: c.attempt },
    image: image.ok ? image.value.id : c.imageRef,
    imageRef: c.imageID,
    state,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    ...(exited && c.end ? { finishedAt: c.end.at, exitCode: c.end.exitCode, reason: c.end.reason } : {}),
    // kuberuntime_labels.go newContainerLabels
    labels: {
      'io.kubernetes.container.name': c.name,
      'io.kubernetes.pod.name': rt.name,
      'io.kubernetes.pod.namespace': rt.namespace,
      'io.kubernetes.pod.uid': rt.uid,
    },
  }
}

/**
 * containerd finds sandboxes and containers by any unique prefix of their ID (truncindex), so the
 * 13 characters crictl shows are enough. Undefined when none or several match.
 */
export function findByIdPrefix<T extends { id: string }>(items: readonly T[], prefix: string): T | undefined {
  if (prefix === '') return undefined
  const found = items.filter((x) => x.id.startsWith(prefix))
  return found.length === 1 ? found[0] : undefined
}

/** The runtime view of `node` in `cluster`, or undefined when there is no such node. */
export function nodeRuntimeView(cluster: SimulatedCluster, node: string): NodeRuntimeView | undefined {
  const kubelet = cluster.component(`kubelet/${node}`)
  if (!(kubelet instanceof Kubelet)) return undefined
  const listed = cluster.api.list('kubelings', 'pods', { fieldSelector: `spec.nodeName=${node}`, silent: true })
  const pods = new Map<string, Pod>((listed.ok ? listed.value.items : []).map((p) => [p.metadata.uid, p as Pod]))
  return { runtime: kubelet.runtime, pods, now: cluster.now() }
}

export interface CriImage {
  /** The config digest, `sha256:...`. */
  id: string
  repoTags: string[]
  repoDigests: string[]
  size: number
}

/** ListImages: what the node has pulled (pause from the start), one entry per image, its tags together. */
export function listImages(view: NodeRuntimeView): CriImage[] {
  const byId = new Map<string, CriImage>()
  for (const [canonical, record] of Object.entries(view.runtime.images)) {
    if (record.presentAt > view.now) continue // still being pulled
    const image = lookupImage(canonical)
    const id = image.ok ? image.value.id : `sha256:${sha256Hex(`config:${canonical}`)}`
    const entry = byId.get(id) ?? { id, repoTags: [], repoDigests: [record.imageID], size: record.size }
    if (!canonical.includes('@')) entry.repoTags.push(canonical)
    byId.set(id, entry)
  }
  for (const e of byId.values()) e.repoTags.sort()
  return [...byId.values()]
}
