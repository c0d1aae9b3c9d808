// Reading a whole simulated cluster as a learner does: `kubectl get pods` at chosen virtual times,
// and the phase, conditions, container state and events of one pod. Every flow runs on
// `Cluster.create()` with all components (kube-scheduler, kube-controller-manager, one kubelet per
// node), so what is read is what the components did, never a hand-written status.
import type { Cluster } from '../../src/index.js'

/**
 * The flows whose narrative names the pod worker's jittered passes (10 to 15 s, drawn from the seed)
 * run without kubeadm's system pods: the boot phase would draw first and move every one of those
 * seconds. The mechanisms are the same with them (test/cluster/boot.test.ts covers the boot).
 */
export const NARRATED = { systemPods: false } as const

/** The virtual time `Cluster.create()` starts at (2026-01-01T00:00:00Z). */
export const T0 = Date.UTC(2026, 0, 1)

/** Seconds since the cluster started. */
export const secondsNow = (c: Cluster): number => (c.sim.now() - T0) / 1000

/** Let virtual time pass until `seconds` after the start (never backwards). */
export function advanceTo(c: Cluster, seconds: number): void {
  c.sim.advanceTo(T0 + Math.round(seconds * 1000))
}

/** What a kubectl command line prints, stdout and stderr as a terminal shows them. */
export function kubectl(c: Cluster, command: string): string {
  const out = c.kubectl(command)
  return out.stdout + out.stderr
}

interface PodView {
  metadata: { uid: string }
  status?: {
    phase?: string
    conditions?: { type: string; status: string; reason?: string; message?: string }[]
    containerStatuses?: { state?: Record<string, { reason?: string; message?: string; exitCode?: number }> }[]
  }
}

function pod(c: Cluster, name: string): PodView | undefined {
  return c.get('pod', name) as unknown as PodView | undefined
}

export const uidOf = (c: Cluster, name: string): string => pod(c, name)?.metadata.uid ?? '<gone>'

export const phaseOf = (c: Cluster, name: string): string => pod(c, name)?.status?.phase ?? '<gone>'

/** The pod's conditions in the order the kubelet writes them: `Ready=False ContainersNotReady: message`. */
export function conditionsOf(c: Cluster, name: string): string[] {
  return (pod(c, name)?.status?.conditions ?? []).map((x) => `${x.type}=${x.status}${x.reason ? ` ${x.reason}` : ''}${x.message ? `: ${x.message}` : ''}`)
}

/** The first container's state: `waiting ImagePullBackOff: message`, `terminated Completed (exit 0)`, `running`. */
export function stateOf(c: Cluster, name: string): string {
  const state = pod(c, name)?.status?.containerStatuses?.[0]?.state ?? {}
  const [kind, s] = Object.entries(state)[0] ?? ['<none>', {}]
  if (kind === 'terminated') return `terminated ${s.reason ?? ''} (exit ${s.exitCode ?? '?'})`
  return `${kind}${s.reason ? ` ${s.reason}` : ''}${s.message ? `: ${s.message}` : ''}`
}

const recordedAt = (eventName: string): bigint => BigInt(`0x${eventName.slice(eventName.lastIndexOf('.') + 1)}`)

/**
 * The events about one object, in the order they were first recorded: `Type Reason (from): message`.
 * From is the source component, or the reporting controller for the events.k8s.io API (the scheduler).
 */
export function eventsOf(c: Cluster, name: string, namespace = 'default'): string[] {
  return c
    .list('events', { namespace })
    .filter((e) => (e.involvedObject as { name?: string } | undefined)?.name === name || (e.regarding as { name?: string } | undefined)?.name === name)
    // Event names end in the hex of the time they were first recorded (<object>.<UnixNano>); a counted
    // repeat bumps the resourceVersion but keeps the name.
    .sort((a, b) => (recordedAt(a.metadata.name) < recordedAt(b.metadata.name) ? -1 : 1))
    .map((e) => {
      const from = (e.source as { component?: string } | undefined)?.component || (e.reportingComponent as string | undefined) || ''
      return `${e.type as string} ${e.reason as string} (${from}): ${(e.message ?? e.note) as string}`
    })
}

/** A `kubectl get` table from its rows, with the header the printer puts first. */
export const table = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('')

/**
 * One look at a flow: at `at` seconds after the start, run a kubectl command line and compare its
 * whole output, or read something else (`read`), or act (`act`: stop a kubelet ...). `because`
 * names the upstream rule that makes the expectation so, and is shown beside it when it fails.
 */
export type Look =
  | { at: number; kubectl: string; want: string; because: string }
  | { at: number; read: (c: Cluster) => unknown; want: unknown; because: string }
  | { at: number; act: (c: Cluster) => void; because: string }

/** Play the looks in order on `c`; returns what was seen and what was wanted, side by side. */
export function play(c: Cluster, looks: readonly Look[]): { seen: unknown[]; wanted: unknown[] } {
  const seen: unknown[] = []
  const wanted: unknown[] = []
  for (const look of looks) {
    advanceTo(c, look.at)
    if ('act' in look) {
      look.act(c)
      continue
    }
    const what = 'kubectl' in look ? `kubectl ${look.kubectl}` : 'read'
    const got = 'kubectl' in look ? kubectl(c, look.kubectl) : look.read(c)
    seen.push({ at: look.at, what, because: look.because, got })
    wanted.push({ at: look.at, what, because: look.because, got: look.want })
  }
  return { seen, wanted }
}
