// The end of a packet's path: which pod (or host-network process) holds a destination address on a
// node, and what its containers answer on a port. The answer comes from the runtime's model of the
// container's program (runtime/servers.ts, runtime/http.ts): a port nothing listens on refuses the
// connection (TCP RST), as a real one does.
import type { SimulatedCluster } from '../cluster.js'
import { isRunning } from '../kubelet/container-status.js'
import { planOf } from '../kubelet/containers.js'
import { Kubelet } from '../kubelet/kubelet.js'
import type { PodRuntime } from '../kubelet/types.js'
import { answerHttp, type HttpAnswer, type HttpRequest } from '../runtime/http.js'
import { lookupImage } from '../runtime/images.js'
import type { NodeSpec } from '../topology.js'

/** A pod holding an address on a node: its runtime record (sandbox, containers). */
export interface PodAtAddress {
  readonly node: NodeSpec
  readonly rt: PodRuntime
  readonly ip: string
  readonly hostNetwork: boolean
}

export function kubeletOf(cluster: SimulatedCluster, node: string): Kubelet | undefined {
  const k = cluster.component(`kubelet/${node}`)
  return k instanceof Kubelet ? k : undefined
}

/** Whether the node is up: the simulator's failed node is one whose kubelet is stopped (power lost). */
export function nodeUp(cluster: SimulatedCluster, node: string): boolean {
  return cluster.isRunning(`kubelet/${node}`)
}

/** The pod whose live sandbox has `ip` on `node` (with `hostNetwork`, the pods sharing the node's IP). */
export function podsAt(cluster: SimulatedCluster, node: NodeSpec, ip: string): PodAtAddress[] {
  const kubelet = kubeletOf(cluster, node.name)
  if (!kubelet) return []
  const out: PodAtAddress[] = []
  for (const rt of Object.values(kubelet.runtime.pods)) {
    const sb = rt.sandbox
    if (!sb || sb.stoppedAt !== undefined || sb.ip !== ip) continue
    out.push({ node, rt, ip, hostNetwork: sb.hostNetwork })
  }
  return out.sort((a, b) => (a.rt.name < b.rt.name ? -1 : 1))
}

/** A running container of the pod that listens on `port`, with what it answers. */
export interface Listener {
  readonly container: string
  readonly answer: HttpAnswer
}

export function answerOn(cluster: SimulatedCluster, pod: PodAtAddress, port: number, request: HttpRequest): Listener | undefined {
  const now = cluster.now()
  for (const c of pod.rt.containers) {
    if (c.init || !isRunning(c, now) || c.startedAt === 0) continue
    const plan = planOf(c)
    if (plan?.kind !== 'process' || !plan.server || !plan.ports.includes(port)) continue
    const image = lookupImage(c.image)
    const answer = answerHttp(
      {
        server: plan.server,
        version: image.ok ? image.value.version : '',
        tag: image.ok ? image.value.reference.tag : undefined,
        hostname: pod.hostNetwork ? pod.node.name : pod.rt.name,
        podIP: pod.ip,
        port,
        now,
      },
      request,
    )
    if (answer.kind !== 'refused') return { container: c.name, answer }
  }
  return undefined
}
