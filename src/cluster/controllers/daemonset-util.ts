// What the DaemonSet controller decides per node and per pod (pkg/controller/daemon/daemon_controller.go
// NodeShouldRunDaemonPod, NewPod, predicates; pkg/controller/daemon/util/daemonset_util.go
// CreatePodTemplate, AddOrUpdateDaemonPodTolerations, ReplaceDaemonSetPodNodeNameNodeAffinity,
// GetTargetNodeName, IsPodUpdated).
import type { DaemonSet } from 'kubernetes-types/apps/v1.js'
import type { Affinity, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.js'
import { parseTime } from '../clock.js'
import { clone, type StoredObject } from '../object.js'
import { templateGeneration } from '../registry/daemonset.js'
import { requiredNodeAffinity, tolerates, type NodeMatcher } from '../scheduler/node-affinity.js'
import type { PodObject } from './controller-ref.js'

export type DaemonSetObject = StoredObject & DaemonSet

/** extensions.DaemonSetTemplateGenerationKey: the template generation a pod was made from. */
export const POD_TEMPLATE_GENERATION = 'pod-template-generation'
/** apps.DefaultDaemonSetUniqueLabelKey (= ControllerRevisionHashLabelKey). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash'

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods survive node problems (not-ready, unreachable
 * NoExecute, for ever) and are placed on nodes under pressure or cordoned; hostNetwork pods also on
 * nodes whose network is not ready yet (they are the network).
 */
export function addDaemonPodTolerations(spec: PodSpec): void {
  const add = (key: string, effect: 'NoExecute' | 'NoSchedule') => addOrUpdateToleration(spec, { key, operator: 'Exists', effect })
  add('node.kubernetes.io/not-ready', 'NoExecute')
  add('node.kubernetes.io/unreachable', 'NoExecute')
  add('node.kubernetes.io/disk-pressure', 'NoSchedule')
  add('node.kubernetes.io/memory-pressure', 'NoSchedule')
  add('node.kubernetes.io/pid-pressure', 'NoSchedule')
  add('node.kubernetes.io/unschedulable', 'NoSchedule')
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule')
}

/** AddOrUpdateTolerationInPodSpec: an equal toleration (key, operator, value, effect) is replaced in place. */
function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = (spec.tolerations ??= [])
  const i = list.findIndex((o) => (o.key ?? '') === t.key && (o.operator || 'Equal') === t.operator && (o.value ?? '') === (t.value ?? '') && (o.effect ?? '') === t.effect)
  if (i >= 0) list[i] = t
  else list.push(t)
}

/** What the predicates judge of NewPod (the template's pod on a node, with the daemon tolerations). */
interface DaemonPodPredicates {
  affinity: NodeMatcher
  tolerations: readonly Toleration[]
}

const EMPTY_SPEC: PodSpec = { containers: [] }

/**
 * NewPod's node affinity and tolerations, which are the same on every node (they do not read the node
 * name), made once per template: stored objects are frozen, so a template keeps its meaning.
 */
const predicatesByTemplate = new WeakMap<PodSpec, DaemonPodPredicates>()

function daemonPodPredicates(ds: DaemonSet): DaemonPodPredicates {
  const template = ds.spec?.template?.spec ?? EMPTY_SPEC
  let predicates = predicatesByTemplate.get(template)
  if (!predicates) {
    // addOrUpdateToleration replaces or appends entries, never changes one: a new list is enough.
    const spec: PodSpec = { ...template, tolerations: [...(template.tolerations ?? [])] }
    addDaemonPodTolerations(spec)
    predicates = { affinity: requiredNodeAffinity({ spec }), tolerations: spec.tolerations! }
    predicatesByTemplate.set(template, predicates)
  }
  return predicates
}

/**
 * NodeShouldRunDaemonPod: whether a daemon pod should be created on the node (node name, node
 * selector and affinity, NoSchedule/NoExecute taints tolerated), and whether one already there may
 * keep running (only untolerated NoExecute taints evict it).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const name = node.metadata?.name ?? ''
  const wanted = ds.spec?.template?.spec?.nodeName ?? ''
  if (wanted !== '' && wanted !== name) return { shouldRun: false, shouldContinueRunning: false }
  const { affinity, tolerations } = daemonPodPredicates(ds)
  if (!affinity.matches(node)) return { shouldRun: false, shouldContinueRunning: false }
  const taints = node.spec?.taints ?? []
  const fitsTaints = taints.every((t) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerates(tolerations, t))
  if (fitsTaints) return { shouldRun: true, shouldContinueRunning: true }
  const evicting = taints.some((t) => t.effect === 'NoExecute' && !tolerates(tolerations, t))
  return { shouldRun: false, shouldContinueRunning: !evicting }
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes `metadata.name In [node]`. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const out = clone(affinity ?? {}) as Affinity
  const nodeAffinity = (out.nodeAffinity ??= {})
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  }
  return out
}

/** CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = clone(ds.spec?.template ?? {}) as PodTemplateSpec
  const spec = (t.spec ??= { containers: [] })
  addDaemonPodTolerations(spec)
  const meta = (t.metadata ??= {})
  meta.labels = { ...meta.labels, [POD_TEMPLATE_GENERATION]: String(templateGeneration(ds as StoredObject)) }
  if (hash) meta.labels[CONTROLLER_REVISION_HASH] = hash
  return t
}

/** GetTargetNodeName: the pod's node, or the node its affinity pins it to before it is bound. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [])
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0]
  return undefined
}

/** IsPodUpdated: the pod has the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number): boolean {
  const labels = pod.metadata?.labels ?? {}
  return (generation > 0 && labels[POD_TEMPLATE_GENERATION] === String(generation)) || (hash !== '' && labels[CONTROLLER_REVISION_HASH] === hash)
}

/** podByCreationTimestampAndPhase: bound pods first, then the oldest, then by name. */
export function byCreationAndPhase(a: PodObject, b: PodObject): number {
  const sa = a.spec?.nodeName ? 0 : 1
  const sb = b.spec?.nodeName ? 0 : 1
  if (sa !== sb) return sa - sb
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0
  if (ta !== tb) return ta - tb
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up as the DaemonSet controller asks. */
export function scaledValue(v: number | string | undefined, total: number): number {
  if (typeof v === 'string' && v.endsWith('%')) return Math.ceil((Number(v.slice(0, -1)) * total) / 100)
  return typeof v === 'number' ? v : Number(v ?? 0) || 0
}
