// Deployment and ReplicaSet validation (pkg/apis/apps/validation/validation.go).
import type { Deployment, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1.js'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js'
import type { LabelSelector } from 'kubernetes-types/meta/v1.js'
import { fromLabelSelector } from '../labels.js'
import { intOrStringLiteral } from './container.js'
import { type FieldError, forbiddenField, GoLiteral, invalidValue, notSupported, required } from './field.js'
import { FIELD_IMMUTABLE, validateLabelSelector } from './meta.js'
import { validatePodTemplateSpec } from './pod.js'

const NEGATIVE = 'must be greater than or equal to 0'

export const nonNegative = (value: number | undefined, path: string): FieldError[] => ((value ?? 0) < 0 ? [invalidValue(path, value, NEGATIVE)] : [])

export const goStringMap = (m: Record<string, string> | undefined): string =>
  m === undefined
    ? 'map[string]string(nil)'
    : `map[string]string{${Object.entries(m)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(', ')}}`

/** A *metav1.LabelSelector as `%#v` prints it. */
export function labelSelectorLiteral(s: LabelSelector): GoLiteral {
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)'
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`)
}

function validateSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (!selector) return [required(path)]
  const errs = validateLabelSelector(selector, path)
  if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0)
    // Upstream says "deployment" for ReplicaSets too.
    errs.push(invalidValue(path, labelSelectorLiteral(selector), 'empty selector is invalid for deployment'))
  return errs
}

/**
 * ValidatePodTemplateSpecForReplicaSet: the selector must match the template's labels (a missing
 * selector matches nothing, so it fails here too), the template must be a valid pod template, and
 * its pods must restart Always.
 */
function validateTemplateForReplicaSet(template: PodTemplateSpec | undefined, selector: LabelSelector | undefined, path: string): FieldError[] {
  const errs: FieldError[] = []
  const sel = fromLabelSelector(selector)
  const labels = template?.metadata?.labels
  if (!(selector && sel.empty()) && !sel.matches(labels))
    errs.push(invalidValue(`${path}.metadata.labels`, new GoLiteral(goStringMap(labels)), '`selector` does not match template `labels`'))
  errs.push(...validatePodTemplateSpec(template, path))
  const restart = template?.spec?.restartPolicy ?? ''
  if (restart !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restart, ['Always']))
  if (template?.spec?.activeDeadlineSeconds !== undefined)
    errs.push(forbiddenField(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'))
  return errs
}

export const intOrPercent = (v: number | string | undefined): { value: number; percent: boolean } =>
  typeof v === 'string' && /^[0-9]+%$/.test(v) ? { value: Number(v.slice(0, -1)), percent: true } : { value: typeof v === 'number' ? v : 0, percent: false }

export function validatePositiveIntOrPercent(v: number | string | undefined, path: string): FieldError[] {
  if (typeof v === 'string')
    return /^[0-9]+%$/.test(v)
      ? []
      : [invalidValue(path, intOrStringLiteral(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
  return nonNegative(v, path)
}

function strategyLiteral(s: DeploymentStrategy): GoLiteral {
  const ru = s.rollingUpdate
    ? `(*apps.RollingUpdateDeployment){MaxUnavailable:${intOrStringLiteral(s.rollingUpdate.maxUnavailable).text}, MaxSurge:${intOrStringLiteral(s.rollingUpdate.maxSurge).text}}`
    : '(*apps.RollingUpdateDeployment)(nil)'
  return new GoLiteral(`apps.DeploymentStrategy{Type:${JSON.stringify(s.type ?? '')}, RollingUpdate:${ru}}`)
}

function validateDeploymentStrategy(s: DeploymentStrategy | undefined, path: string): FieldError[] {
  const strategy = s ?? {}
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [forbiddenField(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : []
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate
      if (!ru) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')]
      const p = `${path}.rollingUpdate`
      const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)]
      if (intOrPercent(ru.maxUnavailable).value === 0 && intOrPercent(ru.maxSurge).value === 0)
        errs.push(invalidValue(`${p}.maxUnavailable`, intOrStringLiteral(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'))
      const mu = intOrPercent(ru.maxUnavailable)
      if (mu.percent && mu.value > 100) errs.push(invalidValue(`${p}.maxUnavailable`, intOrStringLiteral(ru.maxUnavailable), 'must not be greater than 100%'))
      return errs
    }
    default:
      return [notSupported(path, strategyLiteral(strategy), ['Recreate', 'RollingUpdate'])]
  }
}

/** ValidateDeploymentSpec, without the ObjectMeta part. */
export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec
  const errs = nonNegative(spec?.replicas, 'spec.replicas')
  errs.push(...validateSelector(spec?.selector, 'spec.selector'))
  errs.push(...validateTemplateForReplicaSet(spec?.template, spec?.selector, 'spec.template'))
  errs.push(...validateDeploymentStrategy(spec?.strategy, 'spec.strategy'))
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'))
  errs.push(...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  if (spec?.progressDeadlineSeconds !== undefined) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'))
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
      errs.push(invalidValue('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'))
  }
  return errs
}

/** ValidateReplicaSetSpec, without the ObjectMeta part. */
export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec
  const errs = nonNegative(spec?.replicas, 'spec.replicas')
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'))
  errs.push(...validateSelector(spec?.selector, 'spec.selector'))
  errs.push(...validateTemplateForReplicaSet(spec?.template, spec?.selector, 'spec.template'))
  return errs
}

/** apps/v1 may not change a selector (the strategies' ValidateUpdate). */
export function validateSelectorUnchanged(selector: LabelSelector | undefined, old: LabelSelector | undefined): FieldError[] {
  if (JSON.stringify(canonicalSelector(selector)) === JSON.stringify(canonicalSelector(old))) return []
  return [invalidValue('spec.selector', selector ? labelSelectorLiteral(selector) : null, FIELD_IMMUTABLE)]
}

const canonicalSelector = (s: LabelSelector | undefined): unknown =>
  s && {
    matchLabels: Object.entries(s.matchLabels ?? {}).sort(),
    matchExpressions: s.matchExpressions ?? [],
  }
