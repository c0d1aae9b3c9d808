// Whether the node's pod network is ready, as the kubelet learns it from its container runtime.
// containerd reports NetworkReady=false ("cni plugin not initialized") until a CNI config file is in
// /etc/cni/net.d; the CNI's DaemonSet pod writes one there (flannel's and Calico's install-cni init
// containers, through a hostPath volume of that directory). The kubelet asks the runtime at start and
// every 5 s (kubelet.go updateRuntimeUp), so it sees the file at the first check after it appeared.
// Until then the node is NotReady and pods that need the pod network get no sandbox.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import type { NodeRuntime, PodRuntime } from './types.js'

/** kubelet.go: `go wait.Until(kl.updateRuntimeUp, 5*time.Second, ...)`. */
export const RUNTIME_CHECK_PERIOD: Millis = 5_000
/** kubelet.go nodeReadyGracePeriod: fastStatusUpdateOnce posts a Ready node at once within this of the start. */
export const NODE_READY_GRACE_PERIOD: Millis = 120_000
/** The host directory containerd loads CNI configs from (its default conf_dir). */
export const CNI_CONF_DIR = '/etc/cni/net.d'

/** kubelet.go SyncPod: the Warning NetworkNotReady's prefix (NetworkNotReadyErrorMsg). */
export const NETWORK_NOT_READY_ERROR = 'network is not ready'

/** Whether the kubelet knows, at `now`, that the runtime's network is ready. */
export function networkReady(state: NodeRuntime, now: Millis): boolean {
  return state.cni !== undefined && state.cni.seenAt <= now
}

/** The first runtime status check at or after `at`, for a kubelet that started at `startedAt`. */
export function nextRuntimeCheck(startedAt: Millis, at: Millis): Millis {
  return startedAt + Math.max(0, Math.ceil((at - startedAt) / RUNTIME_CHECK_PERIOD)) * RUNTIME_CHECK_PERIOD
}

/**
 * When a container of this pod wrote a CNI config on the node: the earliest exit with code 0 of a
 * container that mounts a hostPath volume of /etc/cni/net.d (an install-cni container). Undefined when none did.
 */
export function cniConfigWrittenAt(pod: Pod, rt: PodRuntime, now: Millis): Millis | undefined {
  const volumes = new Set((pod.spec?.volumes ?? []).filter((v) => v.hostPath && v.hostPath.path.replace(/\/+$/, '') === CNI_CONF_DIR).map((v) => v.name))
  if (volumes.size === 0) return undefined
  const spec = pod.spec!
  let at: Millis | undefined
  for (const c of rt.containers) {
    if (!c.end || c.end.exitCode !== 0 || c.end.at > now) continue
    const container = (c.init ? spec.initContainers : spec.containers)?.find((s) => s.name === c.name)
    if (!container?.volumeMounts?.some((m) => volumes.has(m.name))) continue
    if (at === undefined || c.end.at < at) at = c.end.at
  }
  return at
}
