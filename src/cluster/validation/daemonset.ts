// DaemonSet validation (pkg/apis/apps/validation/validation.go: ValidateDaemonSetSpec,
// ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet, validateDaemonSetStatus).
import type { DaemonSet, DaemonSetStatus, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1.js'
import { labelSelectorAsSelector } from '../labels.js'
import { goStringMap, intOrPercent, labelSelectorLiteral, nonNegative, validatePositiveIntOrPercent } from './apps.js'
import { intOrStringLiteral } from './container.js'
import { type FieldError, forbiddenField, GoLiteral, invalidValue, notSupported, required } from './field.js'
import { validateLabelSelector } from './meta.js'
import { validatePodTemplateSpec } from './pod.js'

/** A percent over 100 is refused (IsNotMoreThan100Percent); ints are not percents. */
function notMoreThan100Percent(v: number | string | undefined, path: string): FieldError[] {
  const p = typeof v === 'string' && /^[0-9]+%$/.test(v) ? intOrPercent(v) : undefined
  return p && p.value > 100 ? [invalidValue(path, intOrStringLiteral(v), 'must not be greater than 100%')] : []
}

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
function validateRollingUpdate(ru: NonNullable<DaemonSetUpdateStrategy['rollingUpdate']>, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...notMoreThan100Percent(ru.maxSurge, `${path}.maxSurge`),
  ]
  const hasUnavailable = intOrPercent(ru.maxUnavailable).value !== 0
  const hasSurge = intOrPercent(ru.maxSurge).value !== 0
  if (hasUnavailable && hasSurge) errs.push(invalidValue(`${path}.maxSurge`, intOrStringLiteral(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'))
  else if (!hasUnavailable && !hasSurge) errs.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'))
  return errs
}

/** The strategy as `%#v` prints the internal struct, for the NotSupported error. */
function strategyLiteral(s: DaemonSetUpdateStrategy): GoLiteral {
  const ru = s.rollingUpdate
    ? `(*apps.RollingUpdateDaemonSet){MaxUnavailable:${intOrStringLiteral(s.rollingUpdate.maxUnavailable).text}, MaxSurge:${intOrStringLiteral(s.rollingUpdate.maxSurge).text}}`
    : '(*apps.RollingUpdateDaemonSet)(nil)'
  return new GoLiteral(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(s.type ?? '')}, RollingUpdate:${ru}}`)
}

function validateUpdateStrategy(s: DaemonSetUpdateStrategy | undefined, path: string): FieldError[] {
  const strategy = s ?? {}
  switch (strategy.type) {
    case 'OnDelete':
      return []
    case 'RollingUpdate':
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`) : [required(`${path}.rollingUpdate`)]
    default:
      return [notSupported(path, strategyLiteral(strategy), ['RollingUpdate', 'OnDelete'])]
  }
}

/**
 * ValidateDaemonSetSpec. A missing selector is no error of its own: it selects nothing, so the
 * template's labels do not match it.
 */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const spec = ds.spec
  const selector = spec?.selector
  const errs = selector ? validateLabelSelector(selector, 'spec.selector') : []
  const labels = spec?.template?.metadata?.labels
  const sel = labelSelectorAsSelector(selector)
  if (sel.ok && !sel.value.matches(labels))
    errs.push(invalidValue('spec.template.metadata.labels', new GoLiteral(goStringMap(labels)), '`selector` does not match template `labels`'))
  if (selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0)
    errs.push(invalidValue('spec.selector', labelSelectorLiteral(selector), 'empty selector is invalid for daemonset'))
  errs.push(...validatePodTemplateSpec(spec?.template, 'spec.template'))
  const restart = spec?.template?.spec?.restartPolicy ?? ''
  if (restart !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']))
  if (spec?.template?.spec?.activeDeadlineSeconds !== undefined)
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'))
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'))
  errs.push(...validateUpdateStrategy(spec?.updateStrategy, 'spec.updateStrategy'))
  errs.push(...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  return errs
}

/** validateDaemonSetStatus: every count is non-negative. */
export function validateDaemonSetStatus(status: DaemonSetStatus | undefined): FieldError[] {
  const s = status ?? ({} as Partial<DaemonSetStatus>)
  const fields = [
    'currentNumberScheduled',
    'numberMisscheduled',
    'desiredNumberScheduled',
    'numberReady',
    'observedGeneration',
    'updatedNumberScheduled',
    'numberAvailable',
    'numberUnavailable',
    'collisionCount',
  ] as const
  return fields.flatMap((f) => nonNegative(s[f], `status.${f}`))
}
