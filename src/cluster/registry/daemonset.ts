// DaemonSets (pkg/registry/apps/daemonset/strategy.go, pkg/apis/apps/v1/defaults.go). apps/v1 has
// no spec.templateGeneration: the internal field travels in the annotation
// deprecated.daemonset.template.generation (pkg/apis/apps/v1/conversion.go), which the strategy
// sets to 1 on create and bumps with each change of the pod template.
import type { DaemonSet } from 'kubernetes-types/apps/v1.js'
import type { KubeObject, StoredObject } from '../object.js'
import { stableJson } from '../json-equal.js'
import { validateSelectorUnchanged } from '../validation/apps.js'
import { validateDaemonSet, validateDaemonSetStatus } from '../validation/daemonset.js'
import { quantityDecodingError } from './pod.js'
import { defaultPodSpec } from './pod-defaults.js'
import type { Strategy } from './strategy.js'

/** appsv1.DeprecatedTemplateGeneration. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation'

const asDaemonSet = (o: KubeObject): DaemonSet => o as DaemonSet

/** The template generation an object carries (0 when the annotation is missing or not a number). */
export function templateGeneration(o: KubeObject): number {
  const v = Number(o.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION])
  return Number.isInteger(v) && v > 0 ? v : 0
}

function setTemplateGeneration(o: KubeObject, gen: number): void {
  const meta = (o.metadata ??= {})
  meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(gen) }
}

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0; 10 revisions kept. */
export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= { selector: undefined as never, template: {} })
  const strategy = (spec.updateStrategy ??= {})
  strategy.type ||= 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {})
    ru.maxUnavailable ??= 1
    ru.maxSurge ??= 0
  }
  spec.revisionHistoryLimit ??= 10
  if (spec.template?.spec) defaultPodSpec(spec.template.spec)
}

export const daemonSetStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: true,
  nameRule: 'subdomain',
  default: (obj) => defaultDaemonSet(asDaemonSet(obj)),
  prepareForCreate(obj) {
    // The status counts are all required fields: an empty DaemonSetStatus serialises them as 0.
    obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }
    setTemplateGeneration(obj, Math.max(1, templateGeneration(obj)))
  },
  prepareForUpdate(obj, old: StoredObject, _ctx, subresource) {
    // A client may not set the template generation; a new pod template increments it.
    const oldGen = templateGeneration(old)
    const changed = subresource !== 'status' && stableJson(asDaemonSet(obj).spec?.template ?? {}) !== stableJson((old as DaemonSet).spec?.template ?? {})
    setTemplateGeneration(obj, changed ? oldGen + 1 : oldGen)
  },
  admit: (obj) => quantityDecodingError('DaemonSet', asDaemonSet(obj).spec?.template?.spec),
  validate: (obj) => [...validateDaemonSet(asDaemonSet(obj)), ...validateDaemonSetStatus(asDaemonSet(obj).status)],
  validateUpdate: (obj, old) => validateSelectorUnchanged(asDaemonSet(obj).spec?.selector, (old as DaemonSet).spec?.selector),
}
