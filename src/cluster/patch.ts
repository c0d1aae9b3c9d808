// Patches as the apiserver applies them (apiserver pkg/endpoints/handlers/patch.go): JSON merge
// patch (RFC 7386), strategic merge patch (lists merged by their patchMergeKey, `$patch`
// directives; see patch/strategic.ts) and JSON patch (RFC 6902). Failures come back as the Status
// the apiserver sends, in its words.
import { copyData, type KubeObject, type StoredObject } from './object.js'
import { isObject, type JsonObject, type PatchError } from './patch/json.js'
import { applyJsonPatch, decodeJsonPatch, JSON_PATCH_REJECTED } from './patch/json-patch.js'
import { mergePatchInto } from './patch/merge-patch.js'
import { patchSchemaFor } from './patch/schema.js'
import { strategicMergePatch, strategicMergePatchInPlace } from './patch/strategic.js'
import type { ResourceType } from './resources.js'
import { err, ok, type Result } from './result.js'
import { badRequest, type Status } from './status.js'

/** `merge`: application/merge-patch+json; `strategic`: application/strategic-merge-patch+json; `json`: application/json-patch+json. */
export type PatchType = 'merge' | 'strategic' | 'json'

/**
 * The object `current` becomes with `patch` applied (a new object; `current` is not changed).
 * `patch` is the decoded request body. Validation, defaulting and storage are the caller's.
 */
export function applyPatch(_t: ResourceType, current: StoredObject, patch: unknown, type: PatchType): Result<KubeObject, Status> {
  switch (type) {
    case 'merge': {
      // Strict decoding of the body into a map first; a JSON null then fails inside MergePatch.
      if (patch === null) return err(badRequest('Invalid JSON Patch'))
      if (!isObject(patch)) return err(badRequest(`error decoding patch: json: cannot unmarshal ${kindOf(patch)} into Go value of type map[string]interface {}`))
      return ok(dropNulls(mergePatchInto(copyData(current) as unknown as JsonObject, copyData(patch))) as KubeObject)
    }
    case 'strategic': {
      const schema = patchSchemaFor(current.apiVersion, current.kind)
      // Types without Go structs (custom resources) refuse it (mergepatch.ErrUnsupportedStrategicMergePatchFormat).
      if (!schema) return err(badRequest('strategic merge patch format is not supported'))
      if (patch === null) return ok(copyData(current) as KubeObject) // decodes to a nil map: nothing to merge
      if (!isObject(patch)) return err(badRequest(`json: cannot unmarshal ${kindOf(patch)} into Go value of type map[string]interface {}`))
      // strategicMergePatch merges into a copy of its own.
      const merged = strategicMergePatch(current as unknown as JsonObject, patch, schema)
      if (!merged.ok) return err(statusOf(merged.error))
      return ok(dropNulls(merged.value) as KubeObject)
    }
    case 'json': {
      const ops = decodeJsonPatch(patch)
      if (!ops.ok) return err(statusOf(ops.error))
      const patched = applyJsonPatch(copyData(current) as unknown as JsonObject, ops.value)
      if (!patched.ok) return err(statusOf(patched.error))
      if (!isObject(patched.value)) return err(badRequest(`json: cannot unmarshal array into Go value of type map[string]interface {}`))
      return ok(dropNulls(patched.value) as KubeObject)
    }
  }
  const never: never = type
  throw new Error(`unknown patch type ${String(never)}`)
}

/**
 * applyPatch(t, current, {status: statusPatch}, 'strategic') for a status write that keeps most of
 * a large stored status as it is (a node's images, a pod's IPs): only the status fields the patch
 * names (a field, or the list a `$setElementOrder/` or `$deleteFromPrimitiveList/` key names) are
 * copied to merge into; the others stay the stored, frozen objects, shared with the answer, and
 * keep their nulls (the merge itself never reaches them). For a caller that decodes the answer
 * (decoding leaves out a null field as it leaves out an absent one, and stored objects, being
 * decoded, hold no null but in such fields), the answer decodes as applyPatch's does. Undefined
 * when the merge fails or would have to change a shared part (the caller then takes applyPatch).
 */
export function applyStatusPatchSharing(current: StoredObject & { status: JsonObject }, statusPatch: JsonObject): KubeObject | undefined {
  const schema = patchSchemaFor(current.apiVersion, current.kind)
  if (!schema) return undefined
  const stored = current.status
  const status: JsonObject = { ...stored }
  for (const k of Object.keys(statusPatch)) {
    const field = k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/') ? k.slice(k.indexOf('/') + 1) : k
    if (Object.hasOwn(stored, field)) status[field] = copyData(stored[field])
  }
  const part: JsonObject = { apiVersion: current.apiVersion, kind: current.kind, status }
  let merged
  try {
    merged = strategicMergePatchInPlace(part, { status: statusPatch }, schema)
  } catch {
    return undefined // it tried to change a shared, frozen part
  }
  if (!merged.ok) return undefined
  return dropNullsOutsideFrozen(merged.value) as KubeObject
}

/** dropNulls, leaving frozen (stored, shared) objects as they are. */
function dropNullsOutsideFrozen(v: JsonObject): JsonObject {
  if (Object.isFrozen(v)) return v
  // for-in lists no entries; deleting the key being visited is allowed and skips nothing else.
  for (const k in v) {
    const child = v[k]
    if (child === null) delete v[k]
    else if (isObject(child)) dropNullsOutsideFrozen(child)
    else if (Array.isArray(child) && !Object.isFrozen(child)) for (const item of child) if (isObject(item)) dropNullsOutsideFrozen(item)
  }
  return v
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'boolean') return 'bool'
  return typeof v
}

/**
 * How the apiserver answers a patch error: upstream's known error values as 400, a failed JSON patch
 * operation (and a list of lists) as 422 with one fixed text, any other error as a 500 carrying its text.
 */
function statusOf(e: PatchError): Status {
  if (e.code === 400) return badRequest(e.message)
  if (e.code === 422)
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: JSON_PATCH_REJECTED, reason: 'Invalid', details: {}, code: 422 }
  // Upstream's reason here is the empty StatusReasonUnknown, which our Status type does not name.
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: 'InternalError', code: 500 }
}

/**
 * The patched map is decoded into the Go type before it is stored, so a field left null (a null
 * inside a list a merge patch replaced, an item a strategic patch added, a JSON patch `add` of null)
 * is simply absent.
 */
function dropNulls(v: JsonObject): JsonObject {
  // for-in lists no entries; deleting the key being visited is allowed and skips nothing else.
  for (const k in v) {
    const child = v[k]
    if (child === null) delete v[k]
    else if (isObject(child)) dropNulls(child)
    else if (Array.isArray(child)) for (const item of child) if (isObject(item)) dropNulls(item)
  }
  return v
}
