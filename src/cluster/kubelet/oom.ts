// The kernel's OOM killer when a node runs out of memory as a whole (a global OOM; a container passing
// its own limit is its cgroup's OOM, containers.ts). mm/oom_kill.c: the victim is the process with the
// highest oom_badness, its resident memory in pages plus oom_score_adj × (total pages / 1000); a tie
// goes to the process created last. The kubelet set each container's oom_score_adj when it made it
// (pkg/kubelet/qos/policy.go GetContainerOOMScoreAdjust): BestEffort 1000, Guaranteed and node-critical
// −997, Burstable 1000 − 1000 × request / capacity (within 3..999). On cgroup v2 the kubelet sets
// memory.oom.group, so the victim's whole container dies: OOMKilled, exit code 137. The kernel kills
// until the allocation fits or the allocating process itself is the victim. The kubelet's OOM watcher
// (pkg/kubelet/oom/oom_watcher_linux.go) reads each global OOM kill from the kernel log and records a
// `SystemOOM` event on the node: "System OOM encountered, victim process: stress, pid: 4242".
//
// CHOSEN: the node's own processes (NODE_SYSTEM_MEMORY: systemd, containerd, the kubelet at −999 ...)
// and the pause containers (−998, a few hundred KiB) are not candidates; neither would be picked while
// a container process with memory remains.
import type { Container, Pod } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import { quantity, quantityValue } from '../quantity.js'
import { computePodQOS } from '../registry/qos.js'
import { isRunning } from './container-status.js'
import { hostPid } from './context.js'
import { containerMemory, isCriticalPod, MACHINE_MEMORY, memoryFree } from './eviction.js'
import { planOf } from './containers.js'
import type { ContainerInstance, NodeRuntime, PodRuntime } from './types.js'

const GUARANTEED_OOM_SCORE_ADJ = -997
const BESTEFFORT_OOM_SCORE_ADJ = 1000
const PAGE = 4096
/** The task name the kernel keeps (TASK_COMM_LEN 16, with its NUL). */
const COMM_LEN = 15

/** types.IsNodeCriticalPod: critical, and of priority class system-node-critical. */
const isNodeCriticalPod = (pod: Pod): boolean => isCriticalPod(pod) && pod.spec?.priorityClassName === 'system-node-critical'

const memoryRequest = (c: Container): number => {
  const q = c.resources?.requests?.memory
  return q === undefined ? 0 : Number(quantityValue(quantity(String(q))))
}

/** GetContainerOOMScoreAdjust: the oom_score_adj of the container's processes. */
export function oomScoreAdjust(pod: Pod, container: Container, memoryCapacity = MACHINE_MEMORY): number {
  if (isNodeCriticalPod(pod)) return GUARANTEED_OOM_SCORE_ADJ
  const qos = computePodQOS(pod)
  if (qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ
  if (qos === 'BestEffort') return BESTEFFORT_OOM_SCORE_ADJ
  let adj = 1000 - Math.trunc((1000 * memoryRequest(container)) / memoryCapacity)
  // A sidecar (a restartable init container) is kept at or below the regular containers' adjustment.
  const sidecar = (pod.spec?.initContainers ?? []).includes(container) && container.restartPolicy === 'Always'
  if (sidecar) {
    const least = Math.min(...(pod.spec?.containers ?? []).map(memoryRequest))
    adj = Math.min(adj, 1000 - Math.trunc((1000 * least) / memoryCapacity))
  }
  if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ
  if (adj === BESTEFFORT_OOM_SCORE_ADJ) return adj - 1
  return adj
}

/** oom_badness: resident pages plus the adjustment in thousandths of the machine's pages. */
export function badness(residentBytes: number, adj: number, totalBytes = MACHINE_MEMORY): number {
  return Math.floor(residentBytes / PAGE) + adj * Math.floor(Math.floor(totalBytes / PAGE) / 1000)
}

/** A process the kernel may pick: a running container's main process (or the one holding its memory). */
interface Candidate {
  readonly rt: PodRuntime
  readonly container: ContainerInstance
  readonly resident: number
  readonly adj: number
}

/** The process the kernel names: the program's file name, cut as the kernel keeps it, and its host PID. */
function victimProcess(c: ContainerInstance): { name: string; pid: number } {
  const plan = planOf(c)
  const argv = plan?.kind === 'process' ? (plan.exec?.argv ?? plan.argv) : []
  const name = (argv[0] ?? c.name).split('/').pop()!.slice(0, COMM_LEN)
  // stress holds its memory in the workers it forks: the first one is the main process's PID + 1.
  return { name, pid: hostPid(c.id) + (plan?.kind === 'process' && plan.server === 'stress' ? 1 : 0) }
}

export interface OomKill {
  readonly rt: PodRuntime
  readonly container: ContainerInstance
  readonly process: { name: string; pid: number }
}

/**
 * A process of `newcomer` (in `rt`, not yet in its list) asks for `bytes` more than the node has free.
 * The kernel kills victims, highest badness first, until `bytes` fit; each victim's container ends
 * now, OOMKilled. Returns the kills in order; the newcomer is killed when it is the victim (then it is
 * the last). `podOf` gives a pod's object by uid, for its containers' oom_score_adj.
 */
export function globalOom(state: NodeRuntime, newcomer: { rt: PodRuntime; container: ContainerInstance; spec: Container; pod: Pod }, bytes: number, now: Millis, podOf: (uid: string) => Pod | undefined): OomKill[] {
  const kills: OomKill[] = []
  const others = candidates(state, now, podOf)
  const newcomerAdj = oomScoreAdjust(newcomer.pod, newcomer.spec)
  for (;;) {
    const free = memoryFree(state, now)
    if (bytes <= free) return kills
    // The newcomer holds what it could take before the kernel stepped in; it was created last.
    let victim: Candidate = { rt: newcomer.rt, container: newcomer.container, resident: Math.max(0, free), adj: newcomerAdj }
    let most = badness(victim.resident, victim.adj)
    for (let i = others.length - 1; i >= 0; i--) {
      const points = badness(others[i].resident, others[i].adj)
      if (points > most) {
        most = points
        victim = others[i]
      }
    }
    kills.push({ rt: victim.rt, container: victim.container, process: victimProcess(victim.container) })
    victim.container.end = { at: now, exitCode: 137, reason: 'OOMKilled' }
    if (victim.container === newcomer.container) return kills
    others.splice(others.indexOf(victim), 1)
  }
}

/** Every running container process on the node, oldest first (the kernel's task list order). */
function candidates(state: NodeRuntime, now: Millis, podOf: (uid: string) => Pod | undefined): Candidate[] {
  const out: Candidate[] = []
  for (const uid in state.pods) {
    const rt = state.pods[uid]
    const pod = podOf(uid)
    if (rt.finished || !pod) continue
    for (const c of rt.containers) {
      if (!isRunning(c, now)) continue
      const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((s) => s.name === c.name)
      if (spec) out.push({ rt, container: c, resident: containerMemory(c), adj: oomScoreAdjust(pod, spec) })
    }
  }
  return out.sort((a, b) => a.container.startedAt - b.container.startedAt)
}
