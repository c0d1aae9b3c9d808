// ObjectMeta validation (apimachinery/pkg/api/validation/objectmeta.go, plus core's extra check of
// finalizer names in pkg/apis/core/validation ValidateObjectMeta), and the label, annotation and
// label-selector checks every kind shares (apimachinery/pkg/apis/meta/v1/validation).
import type { LabelSelector } from 'kubernetes-types/meta/v1.js'
import type { KubeObject, Meta, StoredObject } from '../object.js'
import type { ResourceType } from '../resources.js'
import { type FieldError, forbiddenField, invalidValue, required, tooLong } from './field.js'
import { isQualifiedName, isValidLabelValue, nameErrors, type NameRule } from './names.js'

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024
/** Finalizer names without a '/' that core accepts (helper.IsStandardFinalizerName). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion'])
export const FIELD_IMMUTABLE = 'field is immutable'

// Go iterates maps in random order; we go by sorted key so that the same object always gives the
// same message.
const sortedEntries = (m: Record<string, string> | undefined): [string, string][] =>
  Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = []
  for (const [k, v] of sortedEntries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalidValue(path, k, msg))
    for (const msg of isValidLabelValue(v)) errs.push(invalidValue(path, v, msg))
  }
  return errs
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = []
  let size = 0
  for (const [k, v] of sortedEntries(annotations)) {
    // The key rule is QualifiedName, case-insensitively.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalidValue(path, k, msg))
    size += k.length + v.length
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT))
  return errs
}

export function validateLabelSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (!selector) return []
  const errs = validateLabels(selector.matchLabels, `${path}.matchLabels`)
  ;(selector.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`
    const values = e.values ?? []
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"))
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbiddenField(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
    } else errs.push(invalidValue(`${p}.operator`, e.operator, 'not a valid selector operator'))
    for (const msg of isQualifiedName(e.key)) errs.push(invalidValue(`${p}.key`, e.key, msg))
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalidValue(`${p}.values[${j}]`, v, msg))
    })
  })
  return errs
}

function validateOwnerReferences(meta: Meta, path: string): FieldError[] {
  const errs: FieldError[] = []
  let firstController = ''
  for (const ref of meta.ownerReferences ?? []) {
    const version = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[1] : ref.apiVersion
    if (!version) errs.push(invalidValue(`${path}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'))
    if (!ref.kind) errs.push(invalidValue(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'))
    if (!ref.name) errs.push(invalidValue(`${path}.name`, ref.name ?? '', 'name must not be empty'))
    if (!ref.uid) errs.push(invalidValue(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'))
    if (ref.apiVersion === 'v1' && ref.kind === 'Event') errs.push(invalidValue(path, ref, '/v1, Kind=Event is disallowed from being an owner'))
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`
      if (firstController)
        errs.push(
          invalidValue(path, meta.ownerReferences, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`),
        )
      else firstController = current
    }
  }
  return errs
}

/** Finalizer names are qualified names; core also wants a '/' unless the name is a standard one. */
function validateFinalizers(finalizers: string[] | undefined, path: string, kubeNames: boolean): FieldError[] {
  const errs: FieldError[] = []
  for (const f of finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(invalidValue(path, f, msg))
  const list = finalizers ?? []
  if (list.includes('orphan') && list.includes('foregroundDeletion'))
    errs.push(invalidValue(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'))
  if (kubeNames)
    list.forEach((f, i) => {
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
        errs.push(invalidValue(`${path}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'))
    })
  return errs
}

/** Finalizer names outside metadata (a namespace's spec.finalizers). */
export function validateFinalizerName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalidValue(path, name, msg))
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) errs.push(invalidValue(path, name, 'name is neither a standard finalizer name nor is it fully qualified'))
  return errs
}

/**
 * ValidateObjectMeta on create (and, with the current object, on update). The generated name is
 * already filled in by then; generateName itself is checked as a prefix.
 */
export function validateObjectMeta(obj: KubeObject, t: ResourceType, rule: NameRule): FieldError[] {
  const meta: Meta = obj.metadata ?? {}
  const errs: FieldError[] = []
  if (meta.generateName) for (const msg of nameErrors(rule, meta.generateName, true)) errs.push(invalidValue('metadata.generateName', meta.generateName, msg))
  if (!meta.name) errs.push(required('metadata.name', 'name or generateName is required'))
  else for (const msg of nameErrors(rule, meta.name, false)) errs.push(invalidValue('metadata.name', meta.name, msg))
  if (t.namespaced) {
    if (!meta.namespace) errs.push(required('metadata.namespace'))
    else for (const msg of nameErrors('label', meta.namespace, false)) errs.push(invalidValue('metadata.namespace', meta.namespace, msg))
  } else if (meta.namespace) errs.push(forbiddenField('metadata.namespace', 'not allowed on this type'))
  if ((meta.generation ?? 0) < 0) errs.push(invalidValue('metadata.generation', meta.generation, 'must be greater than or equal to 0'))
  errs.push(...storedMapErrors(meta.labels, storedLabelErrors, (m) => validateLabels(m, 'metadata.labels')))
  errs.push(...storedMapErrors(meta.annotations, storedAnnotationErrors, (m) => validateAnnotations(m, 'metadata.annotations')))
  errs.push(...validateOwnerReferences(meta, 'metadata.ownerReferences'))
  // Leases (coordination.k8s.io) use apimachinery's ObjectMeta check, without core's finalizer rule.
  errs.push(...validateFinalizers(meta.finalizers, 'metadata.finalizers', t.group !== 'coordination.k8s.io'))
  return errs
}

/**
 * A check of metadata labels or annotations, remembered for stored (frozen) maps: every write of
 * a new version of an object (a pod's status writes) shares them with the version before, and the
 * answer depends on the map alone.
 */
function storedMapErrors(
  map: Record<string, string> | undefined,
  memo: WeakMap<object, readonly FieldError[]>,
  check: (m: Record<string, string> | undefined) => FieldError[],
): readonly FieldError[] {
  if (map === undefined || map === null || !Object.isFrozen(map)) return check(map)
  let errs = memo.get(map)
  if (errs === undefined) memo.set(map, (errs = check(map)))
  return errs
}

const storedLabelErrors = new WeakMap<object, readonly FieldError[]>()
const storedAnnotationErrors = new WeakMap<object, readonly FieldError[]>()

/** ValidateObjectMetaAccessorUpdate: identity fields never change; no new finalizers while deleting. */
export function validateObjectMetaUpdate(obj: KubeObject, old: StoredObject): FieldError[] {
  const meta: Meta = obj.metadata ?? {}
  const was = old.metadata
  const errs: FieldError[] = []
  if (was.deletionTimestamp) {
    const extra = [...new Set(meta.finalizers ?? [])].filter((f) => !(was.finalizers ?? []).includes(f)).sort()
    if (extra.length)
      errs.push(
        forbiddenField(
          'metadata.finalizers',
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      )
  }
  if ((meta.generation ?? 0) < (was.generation ?? 0)) errs.push(invalidValue('metadata.generation', meta.generation ?? 0, 'must not be decremented'))
  const immutable = (field: 'name' | 'namespace' | 'uid' | 'creationTimestamp', value: unknown, before: unknown): void => {
    if ((value ?? '') !== (before ?? '')) errs.push(invalidValue(`metadata.${field}`, value ?? '', FIELD_IMMUTABLE))
  }
  immutable('name', meta.name, was.name)
  immutable('namespace', meta.namespace, was.namespace)
  immutable('uid', meta.uid, was.uid)
  immutable('creationTimestamp', meta.creationTimestamp, was.creationTimestamp)
  return errs
}
