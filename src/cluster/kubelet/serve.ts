// What answers inside a pod's network namespace: the container of the pod that listens on a port
// there, and the HTTP answer it gives. Every container of a pod shares the sandbox's namespace (its IP
// and localhost), so a port is answered by whichever running container of the current sandbox bound
// it. Used by `kubectl exec ... wget`, `kubectl port-forward` and the host ports of a node.
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { SimulatedCluster } from '../cluster.js'
import type { StoredObject } from '../object.js'
import { answerHttp, type HttpAnswer, type HttpRequest } from '../runtime/http.js'
import { lookupImage } from '../runtime/images.js'
import { isRunning } from './container-status.js'
import { planOf } from './containers.js'
import { Kubelet } from './kubelet.js'
import { inSandbox, isSandboxReady } from './sandbox.js'
import type { ContainerInstance, PodRuntime } from './types.js'

export interface RunningPod {
  readonly pod: StoredObject & Pod
  readonly rt: Readonly<PodRuntime>
  readonly kubelet: Kubelet
}

/** The runtime record of a pod, from the kubelet of its node. */
export function runningPod(cluster: SimulatedCluster, pod: StoredObject): RunningPod | undefined {
  const node = (pod as Pod).spec?.nodeName
  const kubelet = node ? cluster.component(`kubelet/${node}`) : undefined
  if (!(kubelet instanceof Kubelet)) return undefined
  const rt = kubelet.runtime.pods[pod.metadata.uid]
  return rt ? { pod: pod as StoredObject & Pod, rt, kubelet } : undefined
}

/** The running instances of the current sandbox, in creation order. */
export function runningContainers(rt: Readonly<PodRuntime>, now: number): ContainerInstance[] {
  const sandbox = rt.sandbox
  if (!sandbox || !isSandboxReady(sandbox)) return []
  return rt.containers.filter((c) => inSandbox(c, sandbox) && c.startedAt > 0 && c.startedAt <= now && isRunning(c, now))
}

/** The container listening on `port` in the pod's network namespace, if any. */
export function listenerOn(rt: Readonly<PodRuntime>, port: number, now: number): ContainerInstance | undefined {
  return runningContainers(rt, now).find((c) => {
    const plan = planOf(c)
    return plan?.kind === 'process' && plan.ports.includes(port)
  })
}

/** What a connection to `port` inside the pod gets back for an HTTP request. */
export function answerInPod(running: RunningPod, port: number, req: HttpRequest, now: number): HttpAnswer {
  const c = listenerOn(running.rt, port, now)
  const plan = c ? planOf(c) : undefined
  if (!c || plan?.kind !== 'process' || !plan.server) return { kind: 'refused' }
  const image = lookupImage(c.image)
  return answerHttp(
    {
      server: plan.server,
      version: image.ok ? image.value.version : '',
      tag: image.ok ? image.value.reference.tag : undefined,
      hostname: running.pod.spec?.hostNetwork ? running.kubelet.node.name : running.pod.spec?.hostname ?? running.pod.metadata.name,
      podIP: running.rt.sandbox?.ip ?? '',
      port,
      now,
    },
    req,
  )
}
