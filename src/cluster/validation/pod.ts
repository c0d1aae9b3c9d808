// Pod and pod-template validation (pkg/apis/core/validation/validation.go: ValidatePodCreate,
// ValidatePodSpec, ValidateVolumes, ValidateTolerations, ValidatePodTemplateSpec, ValidatePodUpdate).
import type { Pod, PodSpec, PodTemplateSpec, Toleration, Volume } from 'kubernetes-types/core/v1.js'
import { validateContainers, validateInitContainers, dns1123LabelErrors } from './container.js'
import { type FieldError, duplicate, forbiddenField, invalidValue, notSupported, required } from './field.js'
import { validateAnnotations, validateLabels } from './meta.js'
import { jsonEqual, stableJson } from '../json-equal.js'
import { copyData } from '../object.js'
import { inclusiveRangeError, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.js'

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] // a sorted set upstream
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']
const MAX_INT32 = 2147483647
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'configMap', 'secret', 'projected', 'persistentVolumeClaim', 'downwardAPI', 'nfs', 'csi', 'ephemeral',
] as const

function validateVolumeSource(v: Volume, path: string): FieldError[] {
  const present = VOLUME_SOURCES.filter((s) => v[s] !== undefined)
  if (present.length === 0) return [required(path, 'must specify a volume type')]
  const errs: FieldError[] = []
  present.slice(1).forEach((s) => errs.push(forbiddenField(`${path}.${s}`, 'may not specify more than 1 volume type')))
  const kind = present[0]
  if (kind === 'hostPath' && !v.hostPath?.path) errs.push(required(`${path}.hostPath.path`))
  if (kind === 'configMap' && !v.configMap?.name) errs.push(required(`${path}.configMap.name`))
  if (kind === 'secret' && !v.secret?.secretName) errs.push(required(`${path}.secret.secretName`))
  if (kind === 'persistentVolumeClaim' && !v.persistentVolumeClaim?.claimName) errs.push(required(`${path}.persistentVolumeClaim.claimName`))
  return errs
}

/** ValidateVolumes: the names of the volumes that passed, and the errors of those that did not. */
function validateVolumes(volumes: readonly Volume[] | undefined, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>()
  const errs: FieldError[] = []
  ;(volumes ?? []).forEach((v, i) => {
    const p = `${path}[${i}]`
    const el = validateVolumeSource(v, p)
    if (!v.name) el.push(required(`${p}.name`))
    else el.push(...dns1123LabelErrors(v.name, `${p}.name`))
    if (names.has(v.name)) el.push(duplicate(`${p}.name`, v.name))
    if (el.length === 0) names.add(v.name)
    else errs.push(...el)
  })
  return { names, errs }
}

export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = []
  ;(tolerations ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`
    if (t.key) for (const msg of isQualifiedName(t.key)) errs.push(invalidValue(`${p}.key`, t.key, msg))
    if (!t.key && t.operator !== 'Exists') errs.push(invalidValue(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'))
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(invalidValue(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"))
    switch (t.operator ?? '') {
      case '':
      case 'Equal':
        if (isValidLabelValue(t.value ?? '').length) errs.push(invalidValue(`${p}.operator`, t.value ?? '', isValidLabelValue(t.value ?? '').join(';')))
        break
      case 'Exists':
        if (t.value) errs.push(invalidValue(`${p}.operator`, t, 'value must be empty when `operator` is \'Exists\''))
        break
      default:
        errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']))
    }
    if (t.effect) if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS))
  })
  return errs
}

/** hostNetwork pods: every hostPort equals its containerPort (defaulting copies it for pods). */
function validateHostNetwork(spec: PodSpec, path: string, isPod: boolean): FieldError[] {
  if (!spec.hostNetwork) return []
  const errs: FieldError[] = []
  spec.containers?.forEach((c, ci) =>
    (c.ports ?? []).forEach((port, pi) => {
      const host = port.hostPort ?? 0
      if (host !== port.containerPort && (isPod || host !== 0))
        errs.push(invalidValue(`${path}.containers[${ci}].ports[${pi}].hostPort`, host, 'must match `containerPort` when `hostNetwork` is true'))
    }),
  )
  return errs
}

/** ValidatePodSpec, in upstream's order. `isPod` is false for the templates of controllers. */
export function validatePodSpec(spec: PodSpec | undefined, path: string, isPod: boolean): FieldError[] {
  const s: PodSpec = spec ?? { containers: [] }
  const errs: FieldError[] = []
  if (s.terminationGracePeriodSeconds === undefined) errs.push(required(`${path}.terminationGracePeriodSeconds`))
  const volumes = validateVolumes(s.volumes, `${path}.volumes`)
  errs.push(...volumes.errs)
  errs.push(...validateInitContainers(s.initContainers ?? [], s.containers ?? [], volumes.names, `${path}.initContainers`))
  errs.push(...validateContainers(s.containers, volumes.names, `${path}.containers`))
  errs.push(...validateHostNetwork(s, path, isPod))
  const restart = s.restartPolicy ?? ''
  if (restart === '') errs.push(required(`${path}.restartPolicy`))
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(`${path}.restartPolicy`, restart, RESTART_POLICIES))
  const dns = s.dnsPolicy ?? ''
  if (dns === '') errs.push(required(`${path}.dnsPolicy`))
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(`${path}.dnsPolicy`, dns, DNS_POLICIES))
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`))
  if (s.serviceAccountName)
    for (const msg of isDNS1123Subdomain(s.serviceAccountName)) errs.push(invalidValue(`${path}.serviceAccountName`, s.serviceAccountName, msg))
  if (s.nodeName) for (const msg of isDNS1123Subdomain(s.nodeName)) errs.push(invalidValue(`${path}.nodeName`, s.nodeName, msg))
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32))
    errs.push(invalidValue(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)))
  if (s.hostname) errs.push(...dns1123LabelErrors(s.hostname, `${path}.hostname`))
  if (s.subdomain) errs.push(...dns1123LabelErrors(s.subdomain, `${path}.subdomain`))
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`))
  if (s.priorityClassName)
    for (const msg of isDNS1123Subdomain(s.priorityClassName)) errs.push(invalidValue(`${path}.priorityClassName`, s.priorityClassName, msg))
  if (s.preemptionPolicy !== undefined && !['Never', 'PreemptLowerPriority'].includes(s.preemptionPolicy))
    errs.push(notSupported(`${path}.preemptionPolicy`, s.preemptionPolicy, ['Never', 'PreemptLowerPriority']))
  return errs
}

/** ValidatePodCreate, without the ObjectMeta part (the apiserver checks that first). */
export function validatePod(pod: Pod): FieldError[] {
  const errs: FieldError[] = []
  const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror']
  if (mirror !== undefined && !pod.spec?.nodeName)
    errs.push(invalidValue('metadata.annotations[kubernetes.io/config.mirror]', mirror, 'must set spec.nodeName if mirror pod annotation is set'))
  errs.push(...storedPodSpecErrors(pod.spec))
  if (!pod.spec?.serviceAccountName)
    pod.spec?.volumes?.forEach((v, vi) =>
      v.projected?.sources?.forEach((src, si) => {
        if (src.serviceAccountToken)
          errs.push(forbiddenField(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'))
      }),
    )
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(forbiddenField('spec.ephemeralContainers', 'cannot be set on create'))
  if (pod.spec?.nodeName && (pod.spec.schedulingGates ?? []).length > 0)
    errs.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'))
  return errs
}

/**
 * validatePodSpec of a pod's spec, remembered for stored (frozen) specs: the versions a pod's
 * status writes make share its spec object, and the answer depends on the spec alone.
 */
function storedPodSpecErrors(spec: PodSpec | undefined): readonly FieldError[] {
  if (spec === undefined || !Object.isFrozen(spec)) return validatePodSpec(spec, 'spec', true)
  let errs = podSpecErrors.get(spec)
  if (errs === undefined) podSpecErrors.set(spec, (errs = validatePodSpec(spec, 'spec', true)))
  return errs
}

const podSpecErrors = new WeakMap<PodSpec, readonly FieldError[]>()

/** ValidatePodTemplateSpec. Note upstream's path for template labels: `<path>.labels`. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs = validateLabels(template?.metadata?.labels, `${path}.labels`)
  errs.push(...validateAnnotations(template?.metadata?.annotations, `${path}.annotations`))
  errs.push(...validatePodSpec(template?.spec, `${path}.spec`, false))
  if ((template?.spec?.ephemeralContainers ?? []).length > 0)
    errs.push(forbiddenField(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'))
  return errs
}

// What a pod update may change (1.32: InPlacePodVerticalScaling is alpha and off, so the list
// without `spec.containers[*].resources`).
const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',')

/** ValidatePodUpdate's own rules (the ObjectMeta and spec checks run separately). */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = []
  const spec = pod.spec ?? { containers: [] }
  const was = old.spec ?? { containers: [] }
  for (const [field, now, before] of [
    ['containers', spec.containers ?? [], was.containers ?? []],
    ['initContainers', spec.initContainers ?? [], was.initContainers ?? []],
  ] as const) {
    if (now.length !== before.length) return [...errs, forbiddenField(`spec.${field}`, 'pod updates may not add or remove containers')]
    now.forEach((c, i) => {
      if (!c.image) errs.push(required(`spec.${field}[${i}].image`))
      if (c.image && c.image.trim() !== c.image) errs.push(invalidValue(`spec.${field}[${i}].image`, c.image, 'must not have leading or trailing whitespace'))
    })
  }
  if (spec.activeDeadlineSeconds !== undefined) {
    if (spec.activeDeadlineSeconds < 0 || spec.activeDeadlineSeconds > MAX_INT32)
      return [...errs, invalidValue('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds, inclusiveRangeError(0, MAX_INT32))]
    if (was.activeDeadlineSeconds !== undefined && was.activeDeadlineSeconds < spec.activeDeadlineSeconds)
      return [...errs, invalidValue('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds, 'must be less than or equal to previous value')]
  } else if (was.activeDeadlineSeconds !== undefined)
    errs.push(invalidValue('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'))
  // An unchanged spec (every status write) passes the rules below: nothing was added, munged or changed.
  if (jsonEqual(spec, was)) return errs
  // Tolerations may only be added; an existing one may change its tolerationSeconds alone.
  const withoutSeconds = (t: Toleration): string => stableJson({ ...t, tolerationSeconds: undefined })
  const newTolerations = new Set((spec.tolerations ?? []).map(withoutSeconds))
  for (const t of was.tolerations ?? [])
    if (!newTolerations.has(withoutSeconds(t))) {
      errs.push(forbiddenField('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'))
      break
    }
  // Munge what may change to the old values, then the specs must be equal.
  const munged: PodSpec = copyData(spec)
  munged.containers = munged.containers.map((c, i) => ({ ...c, image: was.containers[i]?.image ?? c.image }))
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: was.initContainers?.[i]?.image ?? c.image }))
  munged.activeDeadlineSeconds = was.activeDeadlineSeconds
  munged.tolerations = was.tolerations
  if ((was.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = was.terminationGracePeriodSeconds
  munged.schedulingGates = was.schedulingGates
  if (!jsonEqual(munged, was))
    // Upstream appends a cmp.Diff of the two Go structs after a newline; we append a plain list of
    // the changed fields instead (an approximation: the first line is exact, the diff is not).
    errs.push(forbiddenField('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS}\n${changedFields(was, munged, 'spec').join('\n')}`))
  return errs
}

/** The paths where two JSON values differ, for the tail of the pod update error. */
function changedFields(a: unknown, b: unknown, path: string): string[] {
  if (jsonEqual(a, b)) return []
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    return keys.flatMap((k) => changedFields(a[k], b[k], `${path}.${k}`))
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((v, i) => changedFields(v, b[i], `${path}[${i}]`))
  return [`  ${path}: ${JSON.stringify(a) ?? 'null'} -> ${JSON.stringify(b) ?? 'null'}`]
}
