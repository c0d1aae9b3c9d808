// What one node's kubelet and container runtime hold in memory, as plain JSON so that it goes into
// the cluster snapshot whole: the sandboxes and containers containerd has, the images it pulled,
// and the kubelet's own caches (back-offs, the reason cache, probe results, when to wake next).
import type { Millis } from '../clock.js'
import type { ContainerProcessSpec } from '../runtime/shell.js'
import type { BackoffEntry } from './backoff.js'
import type { EvictionState } from './eviction.js'

/** A pod sandbox: the pause container, which owns the pod's network namespace and IP. */
export interface Sandbox {
  readonly id: string
  /** The pod IP (the node IP for hostNetwork pods). */
  readonly ip: string
  readonly hostNetwork: boolean
  readonly createdAt: Millis
  /** CRI metadata.attempt: 0 for the pod's first sandbox, one more for each one that replaced a lost one. */
  readonly attempt?: number
  /** Set when the pause process died (killed, or the node rebooted): the sandbox is NotReady from then on. */
  exitedAt?: Millis
  /** Set when the sandbox was stopped (pod finished or deleted): its IP went back to IPAM. */
  stoppedAt?: Millis
}

/** How a container's process ended (or will end, when `at` is still ahead). */
export interface ContainerEnd {
  at: Millis
  exitCode: number
  /** containerd's reason: Completed, Error, OOMKilled, StartError. */
  reason: string
  message?: string
}

/** Why the kubelet is stopping a container, and until when the process may take (then SIGKILL). */
export interface ContainerStop {
  at: Millis
  deadline: Millis
  why: 'delete' | 'liveness' | 'startup' | 'sandbox' | 'evict'
}

/** One container as containerd has it: each restart is a new one, with a new ID. */
export interface ContainerInstance {
  readonly id: string
  readonly name: string
  readonly init: boolean
  /** The sandbox it was created in (absent in snapshots from before sandboxes were tracked: the current one). */
  readonly sandboxId?: string
  /** The restart count it was created with (CRI metadata.attempt). */
  readonly attempt: number
  /** The image as the spec wrote it, as containerd normalised it (status.image), and its digest. */
  readonly image: string
  readonly imageRef: string
  readonly imageID: string
  /** What the process was started with, so that its plan can be computed again (logs, stop signal). */
  readonly spec: ContainerProcessSpec
  readonly createdAt: Millis
  /** 0 when it never started (StartError: containerd reports the zero time). */
  readonly startedAt: Millis
  /** A port its server could not bind: another container of the pod (or the node, with hostNetwork) held it. */
  readonly portInUse?: number
  end?: ContainerEnd
  /** Whether a sync has seen it exited (one sync per exit). */
  exitSeen?: boolean
  stop?: ContainerStop
  probes?: ProbeState
}

export type ProbeKind = 'startup' | 'readiness' | 'liveness'

/** The results of one container instance's probes (they depend on the instance only). */
export interface ProbeState {
  /** When it counted as started (no startup probe: at once). Undefined while not (yet) started. */
  startedAt?: Millis
  /** When it became ready. Undefined while not (yet) ready. */
  readyAt?: Millis
  /** Next time each probe runs; none once its (constant) result has had its effect. */
  next: Partial<Record<ProbeKind, Millis>>
  /** Consecutive failures and successes so far, per kind. */
  failures: Partial<Record<ProbeKind, number>>
  successes: Partial<Record<ProbeKind, number>>
}

/** An operation that blocks the pod's worker: creating the sandbox, or pulling an image. */
export type PodOperation =
  | { kind: 'sandbox'; until: Millis }
  | {
      kind: 'pull'
      until: Millis
      container: string
      init: boolean
      image: string
      /** Time the pull itself took, and from the request (waiting for the serial puller included). */
      pulling: Millis
      waiting: Millis
      size: number
      error?: string
    }

/** The reason cache: why a container could not be started in the last sync. */
export interface StartFailure {
  reason: string
  message: string
}

export interface PodRuntime {
  readonly uid: string
  readonly namespace: string
  readonly name: string
  /** When the kubelet first synced it (status.startTime). */
  readonly startTime: Millis
  /** Set when admission refused it. */
  rejected?: { reason: string; message: string }
  sandbox?: Sandbox
  /** Sandboxes replaced after they were lost, oldest first, while containers of theirs are still kept (crictl shows them NotReady). */
  oldSandboxes?: Sandbox[]
  /** Set while the containers of a lost sandbox are being stopped, before a new sandbox is made. */
  sandboxChanged?: boolean
  /** Every container created for the pod, oldest first (the last two of each name are kept). */
  containers: ContainerInstance[]
  crashBackoff: Record<string, BackoffEntry>
  pullBackoff: Record<string, BackoffEntry & { lastError?: string }>
  reasons: Record<string, StartFailure>
  op?: PodOperation
  /** The pod worker retries a sync that failed (back-off, pull error) 10 s to 15 s later, at a tick of the sync loop. */
  retryAt?: Millis
  /** The pod is finished or deleted and its containers stopped: nothing more to do but cleanup. */
  finished?: boolean
  /** The eviction manager evicted it (eviction.ts): its containers are stopped, then it fails with this message. */
  evicted?: { message: string }
  /** A volume could not be set up: when the volume manager tries again, and the delay it waited. */
  mountRetry?: { at: Millis; delay: Millis }
  /** The one clock task that wakes this pod's worker next. */
  wake?: { at: Millis; timer: number }
}

export interface ImageRecord {
  /** When it is (or will be, while being pulled) present on the node. */
  presentAt: Millis
  readonly imageID: string
  readonly size: number
}

/** host-local IPAM's state for the node's pod CIDR. */
export interface IpamState {
  lastReserved?: string
  /** IP → the sandbox ID holding it. */
  allocated: Record<string, string>
}

export interface NodeRuntime {
  pods: Record<string, PodRuntime>
  /** Images by canonical reference (`docker.io/library/nginx:latest`). */
  images: Record<string, ImageRecord>
  /** The serial image puller is busy until then. */
  pullerFreeAt: Millis
  ipam: IpamState
  heartbeat: { nextAt: Millis; timer?: number; lastStatusAt: Millis; /** Set while the kubelet is stopped (a failed node). */ stopped?: boolean }
  /** When the kubelet (last) started: its runtime checks fall every 5 s from then. */
  startedAt?: Millis
  /** Set once this kubelet posted its node Ready: its fast status loop (fastStatusUpdateOnce) is over. */
  fastStatusDone?: boolean
  /** The CNI config on the node's disk: when it was written, and when the kubelet's runtime check saw it. */
  cni?: { configuredAt: Millis; seenAt: Millis }
  /** The eviction manager's state (eviction.ts), while it has any. */
  eviction?: EvictionState
  /**
   * A container that uses memory started since the eviction manager's last sync. Only a start can
   * bring the node under pressure (a process's memory is reached as it starts): without one, and
   * without pressure to keep reporting, a sync would find nothing (and is skipped).
   */
  memoryGrew?: true
}
