// ControllerRevisions (pkg/registry/apps/controllerrevision/strategy.go; validation in
// pkg/apis/apps/validation ValidateControllerRevision, ValidateControllerRevisionUpdate): immutable
// snapshots of a DaemonSet's pod template, written by its controller. Only metadata may change.
import type { ControllerRevision } from 'kubernetes-types/apps/v1.js'
import { jsonEqual } from '../json-equal.js'
import type { KubeObject } from '../object.js'
import { nonNegative } from '../validation/apps.js'
import { type FieldError, GoLiteral, invalidValue, required } from '../validation/field.js'
import { FIELD_IMMUTABLE } from '../validation/meta.js'
import type { Strategy } from './strategy.js'

const asRevision = (o: KubeObject): ControllerRevision => o as unknown as ControllerRevision

function validateRevision(cr: ControllerRevision): FieldError[] {
  const errs: FieldError[] = []
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'))
  errs.push(...nonNegative(cr.revision, 'revision'))
  return errs
}

export const controllerRevisionStrategy: Strategy = {
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'subdomain',
  default: () => {},
  validate: (obj) => validateRevision(asRevision(obj)),
  validateUpdate(obj, old) {
    if (jsonEqual(asRevision(obj).data, (old as unknown as ControllerRevision).data)) return []
    // runtime.RawExtension as %#v prints it is a byte dump; this names the field as upstream does.
    return [invalidValue('data', new GoLiteral('runtime.RawExtension{Raw:[]uint8{...}, Object:runtime.Object(nil)}'), FIELD_IMMUTABLE)]
  },
}
