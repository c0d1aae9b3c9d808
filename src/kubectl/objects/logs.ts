// Where `kubectl logs` reads a container's output: the kubelet of the pod's node serves it from what
// its container runtime recorded (src/cluster/kubelet/logs.ts). Static pods (kubeadm's control plane)
// are run by the cluster's bootstrap, which plays their kubelet: their containers' output is the
// component's start-up log, from the start their mirror pod's status records.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { SimulatedCluster } from '../../cluster/cluster.js'
import { Kubelet } from '../../cluster/kubelet/kubelet.js'
import { podContainerLogs } from '../../cluster/kubelet/logs.js'
import { controlPlaneLogs } from '../../cluster/runtime/servers.js'
import { renderLogLine, type LogFacts } from '../../cluster/runtime/shell.js'

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror'

/** The log lines of one container (of its previous instance with `previous`), or undefined. */
export function containerLogs(cluster: SimulatedCluster, namespace: string, pod: string, container: string, previous: boolean): string[] | undefined {
  const obj = cluster.object('pods', namespace, pod)
  const node = (obj?.spec as { nodeName?: string } | undefined)?.nodeName
  if (!obj || !node) return undefined
  const facts = logFacts(cluster, node)
  if (obj.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return staticPodLogs(cluster, obj as Pod, container, previous, facts)
  const kubelet = cluster.component(`kubelet/${node}`)
  if (!(kubelet instanceof Kubelet)) return undefined
  const rt = kubelet.runtime.pods[obj.metadata.uid]
  return rt ? podContainerLogs(rt, container, previous, cluster.now(), facts) : undefined
}

/** What the programs of a pod on `node` print about where they run (renderLogLine's `{{key}}` values). */
function logFacts(cluster: SimulatedCluster, node: string): LogFacts {
  const status = cluster.object('nodes', undefined, node)?.status as { addresses?: { type: string; address: string }[] } | undefined
  const ip = status?.addresses?.find((a) => a.type === 'InternalIP')?.address
  return { 'node.name': node, ...(ip ? { 'node.ip': ip } : {}), 'flannel.backend': flannelBackend(cluster) }
}

/** The backend flanneld reads from net-conf.json (its ConfigMap when served, else what the installer wrote). */
function flannelBackend(cluster: SimulatedCluster): string {
  const conf = (cluster.object('configmaps', 'kube-flannel', 'kube-flannel-cfg') as { data?: Record<string, string> } | undefined)?.data?.['net-conf.json']
  const fromConf = conf ? /"Type"\s*:\s*"([^"]+)"/.exec(conf)?.[1] : undefined
  return fromConf ?? (cluster.network.cni === 'overlay' ? 'vxlan' : 'host-gw')
}

/**
 * A static pod's container: running since its status's startedAt, never restarted (so no previous
 * instance), printing its component's start-up lines up to now.
 */
function staticPodLogs(cluster: SimulatedCluster, pod: Pod, container: string, previous: boolean, facts: LogFacts): string[] | undefined {
  const status = pod.status?.containerStatuses?.find((s) => s.name === container)
  const startedAt = Date.parse(status?.state?.running?.startedAt ?? '')
  const spec = pod.spec?.containers.find((c) => c.name === container)
  if (previous || !spec || Number.isNaN(startedAt)) return undefined
  const tag = (spec.image ?? '').split(':').pop() ?? ''
  const since = cluster.now() - startedAt
  return controlPlaneLogs(container, spec.command ?? [], tag)
    .filter((l) => l.at <= since)
    .map((l) => renderLogLine(l, startedAt, facts))
}
