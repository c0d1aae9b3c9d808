// What the endpoints and EndpointSlice controllers share (staging/src/k8s.io/endpointslice/util/
// controller_utils.go, trigger_time_tracker.go, utils.go FindPort): which pods a Service selects,
// which pod changes matter to which Services, the container port a targetPort names, and the
// `endpoints.kubernetes.io/last-change-trigger-time` bookkeeping.
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js'
import { parseTime, rfc3339, type Millis } from '../clock.js'
import { keyOf, type Informer } from '../controller/informer.js'
import type { SharedInformerFactory } from '../controller/shared-informers.js'
import type { WorkQueue } from '../controller/workqueue.js'
import type { StoredObject } from '../object.js'
import { byNamespace } from './controller-ref.js'

export type PodObject = StoredObject & Pod
export type ServiceObject = StoredObject & Service

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
export const IS_HEADLESS_SERVICE = 'service.kubernetes.io/headless'

/** A Service's spec.selector as a set selector: nil selects nothing (not everything). */
export function selectorMatches(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!selector) return false
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false
  return true
}

export function podReadyCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'Ready')
}

/** podutil.IsPodReady: the Ready condition is True. */
export const isPodReady = (p: Pod): boolean => podReadyCondition(p)?.status === 'True'

/**
 * ShouldPodBeInEndpoints: not terminal (Succeeded/Failed), has an IP, and is not terminating
 * unless terminating pods are wanted (publishNotReadyAddresses for Endpoints; always for slices).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') return false
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false
  return true
}

/** ShouldSetHostname: spec.hostname is set and spec.subdomain names this Service. */
export const shouldSetHostname = (pod: PodObject, svc: ServiceObject): boolean =>
  !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace

/** helper.IsServiceIPSet: a cluster IP other than None. */
export const isServiceIPSet = (svc: Service): boolean => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None'

/**
 * FindPort: a numeric targetPort as it is; a named one is looked up among the containers' ports
 * (same name and protocol), then among sidecars (init containers with restartPolicy Always).
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port
  if (typeof target === 'number') return target
  const protocol = port.protocol ?? 'TCP'
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort
  }
  return undefined
}

/** The keys of the Services in the pod's namespace whose selector matches these labels. */
export function servicesSelecting(services: Informer<ServiceObject>, namespace: string, labels: Readonly<Record<string, string>> | undefined): Set<string> {
  const keys = new Set<string>()
  for (const svc of services.byIndex('namespace', namespace)) if (selectorMatches(svc.spec?.selector, labels)) keys.add(`${namespace}/${svc.metadata.name}`)
  return keys
}

const sameLabels = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean => {
  const ka = Object.keys(a ?? {})
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => b?.[k] === a?.[k])
}

/**
 * GetServicesToUpdateOnPodChange: nothing when neither membership nor endpoint-relevant fields
 * (deletionTimestamp, readiness, pod IPs) changed; with changed labels, the symmetric difference of
 * old and new Services, or their union when the endpoint changed too.
 */
export function servicesToUpdateOnPodChange(services: Informer<ServiceObject>, old: PodObject, cur: PodObject): Set<string> {
  if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return new Set()
  const labelsChanged =
    !sameLabels(old.metadata.labels, cur.metadata.labels) || old.spec?.hostname !== cur.spec?.hostname || old.spec?.subdomain !== cur.spec?.subdomain
  const oldIPs = (old.status?.podIPs ?? []).map((p) => p.ip)
  const curIPs = (cur.status?.podIPs ?? []).map((p) => p.ip)
  const podChanged =
    old.metadata.deletionTimestamp !== cur.metadata.deletionTimestamp ||
    isPodReady(old) !== isPodReady(cur) ||
    oldIPs.length !== curIPs.length ||
    oldIPs.some((ip, i) => ip !== curIPs[i])
  if (!podChanged && !labelsChanged) return new Set()
  const now = servicesSelecting(services, cur.metadata.namespace ?? '', cur.metadata.labels)
  if (!labelsChanged) return now
  const before = servicesSelecting(services, old.metadata.namespace ?? '', old.metadata.labels)
  if (podChanged) return new Set([...now, ...before])
  return new Set([...[...now].filter((k) => !before.has(k)), ...[...before].filter((k) => !now.has(k))])
}

interface ServiceTriggerState {
  service: Millis
  pods: Record<string, Millis>
}

/**
 * TriggerTimeTracker: the first sync of a Service reports its creationTimestamp; later syncs the
 * earliest trigger (a pod's Ready lastTransitionTime) that moved since the previous sync, or none.
 */
export class TriggerTimeTracker {
  #states = new Map<string, ServiceTriggerState>()

  compute(svc: ServiceObject, pods: readonly PodObject[]): string | undefined {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`
    const state = this.#states.get(key)
    let min: Millis | undefined
    const podTimes: Record<string, Millis> = {}
    for (const pod of pods) {
      const t = parseTime(podReadyCondition(pod)?.lastTransitionTime)
      if (t === undefined) continue
      podTimes[pod.metadata.name] = t
      if (t > (state?.pods[pod.metadata.name] ?? -Infinity)) min = min === undefined ? t : Math.min(min, t)
    }
    const serviceTime = parseTime(svc.metadata.creationTimestamp) ?? 0
    if (state && serviceTime > state.service) min = min === undefined ? serviceTime : Math.min(min, serviceTime)
    this.#states.set(key, { service: serviceTime, pods: podTimes })
    if (!state) return svc.metadata.creationTimestamp
    return min === undefined ? undefined : rfc3339(min)
  }

  deleteService(key: string): void {
    this.#states.delete(key)
  }

  snapshot(): [string, ServiceTriggerState][] {
    return [...this.#states]
  }

  restore(s: [string, ServiceTriggerState][] | undefined): void {
    this.#states = new Map(s ?? [])
  }
}

/** Set or clear the trigger-time annotation (addTriggerTimeAnnotation). */
export function withTriggerTime(annotations: Record<string, string> | undefined, triggerTime: string | undefined): Record<string, string> {
  const out = { ...annotations }
  if (triggerTime) out[LAST_CHANGE_TRIGGER_TIME] = triggerTime
  else delete out[LAST_CHANGE_TRIGGER_TIME]
  return out
}

/**
 * The Service and Pod informers both endpoints controllers read, with their handlers wired the way
 * upstream wires them: a Service change queues that Service; a Pod change queues every Service that
 * selects it (before or after the change).
 */
export function serviceAndPodInformers(informers: SharedInformerFactory, queue: WorkQueue): { services: Informer<ServiceObject>; pods: Informer<PodObject> } {
  const services = informers
    .informer<ServiceObject>('services')
    .addIndex('namespace', byNamespace)
    .on({ add: (s) => queue.add(keyOf(s)), update: (s) => queue.add(keyOf(s)), delete: (s) => queue.add(keyOf(s)) })
  const queueServicesOf = (pod: PodObject): void => {
    for (const key of servicesSelecting(services, pod.metadata.namespace ?? '', pod.metadata.labels)) queue.add(key)
  }
  const pods = informers
    .informer<PodObject>('pods')
    .addIndex('namespace', byNamespace)
    .on({
      add: queueServicesOf,
      update: (p, old) => {
        for (const key of servicesToUpdateOnPodChange(services, old, p)) queue.add(key)
      },
      delete: queueServicesOf,
    })
  return { services, pods }
}
