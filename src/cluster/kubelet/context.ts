// What one sync of one pod works with: the node, its runtime state, the pod as the informer has it,
// the pod's runtime record, the time, and the kubelet's event recorder.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { ApiServer } from '../apiserver.js'
import type { Millis } from '../clock.js'
import { recordEvent } from '../events.js'
import type { StoredObject } from '../object.js'
import { hex8, type Prng } from '../prng.js'
import type { OomKill } from './oom.js'
import type { NodeRuntime, PodRuntime } from './types.js'
import { flat } from '../flat-string.js'

export type PodObject = StoredObject & Pod

export interface KubeletNode {
  readonly name: string
  readonly ip: string
  readonly podCIDR: string
  /** Images on the node before its kubelet starts (`kubeadm init` pulls the control plane's beforehand). */
  readonly preloaded?: readonly string[]
  /** The node's image has a CNI config in /etc/cni/net.d already (a bare cluster, which runs no CNI pods). */
  readonly cniPreinstalled?: boolean
}

export interface SyncContext {
  readonly api: ApiServer
  readonly who: string
  readonly rng: Prng
  readonly now: Millis
  readonly node: KubeletNode
  readonly state: NodeRuntime
  /** The pod as last read or written. */
  pod: PodObject
  readonly rt: PodRuntime
  /** Set when something failed to start: the pod worker comes back after its back-off period. */
  failed: boolean
  /** A pod this kubelet runs, by uid (the kernel's OOM killer weighs every container on the node). */
  readonly podOf: (uid: string) => Pod | undefined
  /** The kernel OOM-killed a process on the node (oom.ts): the OOM watcher's event; the victim's pod is synced. */
  readonly oomKilled: (kill: OomKill) => void
}

/** format.Pod: `web_default(8d2c...)`, as the kubelet names a pod in messages. */
export const podDesc = (pod: Pod): string => `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`

/** The field path of a container in events: `spec.containers{web}`, `spec.initContainers{init}`. */
export const fieldPathOf = (name: string, init: boolean): string => `${init ? 'spec.initContainers' : 'spec.containers'}{${name}}`

/** An event about the pod (or one of its containers, with `fieldPath`), from this node's kubelet. */
export function podEvent(ctx: SyncContext, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
  recordEvent(ctx.api, ctx.now, { involvedObject: ctx.pod, fieldPath, type, reason, message, source: { component: 'kubelet', host: ctx.node.name } })
}

/** A PID for a process in the node's PID namespace (CHOSEN: derived from its ID, so it is stable). */
export const hostPid = (id: string): number => 1000 + (Number.parseInt(id.slice(0, 6), 16) % 60_000)

/** 64 hex digits, as containerd's container and sandbox IDs. */
export function newRuntimeId(rng: Prng): string {
  let s = ''
  // Eight draws of eight hex digits each (from a table rather than toString and padStart).
  for (let i = 0; i < 8; i++) s += hex8(rng.uint32())
  return flat(s)
}
