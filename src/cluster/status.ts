// Every failure at the apiserver boundary is a meta/v1 Status, in upstream's words
// (k8s.io/apimachinery/pkg/api/errors/errors.go).
import type { FieldError } from './validation/field.js'
import { causeReason, formatFieldError } from './validation/field.js'

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Invalid'
  | 'Conflict'
  | 'BadRequest'
  | 'Forbidden'
  | 'Gone'
  | 'Expired'
  | 'MethodNotAllowed'
  | 'InternalError'
  /** metav1.StatusReasonUnknown: an error the storage returned as a plain Go error. */
  | ''

export interface StatusCause {
  reason: string
  message: string
  field?: string
}

export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Failure'
  message: string
  reason: StatusReason
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] }
  code: number
}

/** What a resource is called in messages: `pods`, `deployments.apps`. */
export interface QualifiedResource {
  resource: string
  group: string
}

const qualified = (r: QualifiedResource): string => (r.group ? `${r.resource}.${r.group}` : r.resource)

function status(reason: StatusReason, code: number, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code }
}

export const notFound = (r: QualifiedResource, name: string): Status =>
  status('NotFound', 404, `${qualified(r)} "${name}" not found`, { name, group: r.group || undefined, kind: r.resource })

export const alreadyExists = (r: QualifiedResource, name: string): Status =>
  status('AlreadyExists', 409, `${qualified(r)} "${name}" already exists`, {
    name,
    group: r.group || undefined,
    kind: r.resource,
  })

/** The object was modified since it was read (resourceVersion mismatch). */
export const conflict = (r: QualifiedResource, name: string, why: string): Status =>
  status('Conflict', 409, `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, {
    name,
    group: r.group || undefined,
    kind: r.resource,
  })

export const badRequest = (message: string): Status => status('BadRequest', 400, message)

export const forbidden = (r: QualifiedResource, name: string, why: string): Status =>
  status('Forbidden', 403, `${qualified(r)} "${name}" is forbidden: ${why}`, {
    name,
    group: r.group || undefined,
    kind: r.resource,
  })

export const forbiddenMessage = (message: string, details?: Status['details']): Status =>
  status('Forbidden', 403, message, details)

/** A watch from a compacted revision (NewResourceExpired: reason Expired, 410). */
export const expired = (message: string): Status => status('Expired', 410, message)

/** 500 InternalError (NewInternalError): `Internal error occurred: <err>`. */
export const internalError = (why: string): Status =>
  status('InternalError', 500, `Internal error occurred: ${why}`, { causes: [{ reason: '', message: why }] })

export const methodNotAllowed = (message: string): Status => status('MethodNotAllowed', 405, message)

/**
 * What the apiserver answers for an error that is not a Status (ErrorToAPIStatus): 500, reason
 * Unknown (''), the error's own text as the message. kubectl prints it as `Error from server: <message>`.
 */
export const unknownError = (message: string): Status => status('', 500, message)

/**
 * 422 Invalid. `kind` is group-qualified (`Pod`, `Deployment.apps`); one error is printed bare,
 * several as `[a, b]` after de-duplication (NewInvalid + ErrorList.ToAggregate).
 */
export function invalid(groupKind: { group: string; kind: string }, name: string, errors: readonly FieldError[]): Status {
  const kindText = groupKind.group ? `${groupKind.kind}.${groupKind.group}` : groupKind.kind
  const messages = [...new Set(errors.map(formatFieldError))]
  const body = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`
  return status('Invalid', 422, `${kindText} "${name}" is invalid: ${body}`, {
    name,
    group: groupKind.group || undefined,
    kind: groupKind.kind,
    causes: errors.map((e) => ({ reason: causeReason(e.type), message: formatFieldError(e).slice(e.field.length + 2), field: e.field })),
  })
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status'
}
