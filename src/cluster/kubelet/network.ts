// Whether the node's pod network is ready, as the kubelet learns it from its container runtime.
// containerd reports NetworkReady=false ("cni plugin not initialized") until a CNI config file is in
// /etc/cni/net.d; the CNI's DaemonSet pod writes one there (flannel's and Calico's install-cni init
// containers, through a hostPath volume of that directory). The kubelet asks the runtime at start and
// every 5 s (kubelet.go updateRuntimeUp); in its first 2 minutes, while the node is not Ready,
// fastStatusUpdateOnce also asks every 100 ms and posts the node Ready as soon as it is
// (kubelet_node_status.go fastNodeStatusUpdate: "Fast updating node status as it just became ready").
// Until then the node is NotReady and pods that need the pod network get no sandbox.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import type { NodeRuntime, PodRuntime } from './types.js'

/** kubelet.go: `go wait.Until(kl.updateRuntimeUp, 5*time.Second, ...)`. */
export const RUNTIME_CHECK_PERIOD: Millis = 5_000
/** kubelet.go fastStatusUpdateOnce: its loop, which checks the runtime too, runs every 100 ms... */
export const FAST_STATUS_PERIOD: Millis = 100
/** ...for nodeReadyGracePeriod after the kubelet started (or until the node is Ready). */
export const NODE_READY_GRACE_PERIOD: Millis = 120_000
/** The host directory containerd loads CNI configs from (its default conf_dir). */
export const CNI_CONF_DIR = '/etc/cni/net.d'

/**
 * The Ready condition's message while the container runtime has no CNI config: kubelet's
 * updateRuntimeUp wraps containerd's NetworkReady condition (`%s=%t reason:%s message:%s`).
 */
export const NETWORK_NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'

/** kubelet.go SyncPod: the Warning NetworkNotReady's prefix (NetworkNotReadyErrorMsg). */
export const NETWORK_NOT_READY_ERROR = 'network is not ready'

/** Whether the kubelet knows, at `now`, that the runtime's network is ready. */
export function networkReady(state: NodeRuntime, now: Millis): boolean {
  return state.cni !== undefined && state.cni.seenAt <= now
}

/**
 * The first runtime status check at or after `at`, for a kubelet that started at `startedAt`: every
 * 100 ms while its fast status loop runs (`fast`: the first 2 minutes, until the node was Ready),
 * every 5 s otherwise.
 */
export function nextRuntimeCheck(startedAt: Millis, at: Millis, fast = true): Millis {
  const since = Math.max(0, at - startedAt)
  const quick = startedAt + Math.ceil(since / FAST_STATUS_PERIOD) * FAST_STATUS_PERIOD
  if (fast && inFastStatusWindow(startedAt, quick)) return quick
  return startedAt + Math.ceil(since / RUNTIME_CHECK_PERIOD) * RUNTIME_CHECK_PERIOD
}

/** Whether `at` is within the fast status loop's time (nodeReadyGracePeriod after the start). */
export const inFastStatusWindow = (startedAt: Millis, at: Millis): boolean => at - startedAt < NODE_READY_GRACE_PERIOD

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
