// Manifests in: `-f FILE`, `-f DIR` (its .json/.yaml/.yml files, sorted; `-R` walks down), `-f -`
// (standard input), several `-f`. Visited as cli-runtime's resource builder visits them with
// ContinueOnError: a file that fails to parse or validate stops at that document, a document of an
// unknown kind is reported and skipped, and every error is kept in visit order for the end.
import { stableJson } from '../cluster/apiserver.js'
import { isPlainObject, type KubeObject } from '../cluster/object.js'
import { kindsNamed, resourceForKind, type ResourceType } from '../cluster/resources.js'
import { flagArray, flagBool, flagString, type FlagSpec, type ParsedArgs } from './args.js'
import type { KubectlIO } from './io.js'
import { decodeStream } from './manifest/decode.js'
import { aggregate, messageErr, type KubectlErr } from './objects/errors.js'

/** An object read from a manifest, mapped to its API resource, its namespace settled. */
export interface ManifestObject {
  /** Where it came from, as kubectl names it in errors: the path as walked, or `STDIN`. */
  readonly source: string
  readonly object: KubeObject
  readonly type: ResourceType
  readonly name: string
  /** The namespace of the request; undefined for cluster-scoped resources. */
  readonly namespace: string | undefined
}

export type ManifestVisit = { readonly object: ManifestObject } | { readonly error: KubectlErr }

export interface FilenameOptions {
  readonly filenames: readonly string[]
  readonly recursive: boolean
  /** `--validate=false|ignore` skips client-side checks of apiVersion and kind. */
  readonly validate: boolean
}

export const FILENAME_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray', description: 'The files that contain the configurations.' },
  { name: 'recursive', short: 'R', type: 'bool', description: 'Process the directory used in -f, --filename recursively.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', description: 'Must be one of: strict (or true), warn, ignore (or false).' },
]

export function filenameOptions(args: ParsedArgs): FilenameOptions {
  const validate = flagString(args, 'validate', 'strict')
  return { filenames: flagArray(args, 'filename'), recursive: flagBool(args, 'recursive'), validate: !['false', 'ignore'].includes(validate) }
}

/** Files larger than this are refused with one sentence rather than parsed. */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024
const EXTENSIONS = ['.json', '.yaml', '.yml']
const STDIN = 'STDIN'
const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false'

export interface RequestNamespace {
  readonly namespace: string
  /** `-n` was given: an object of another namespace is refused (RequireNamespace). */
  readonly enforce: boolean
}

/**
 * Read and map every object of the given files. A path that does not exist fails the whole
 * command before anything is read (the builder's errors); everything else is a visit.
 */
export function loadManifests(io: KubectlIO, options: FilenameOptions, ns: RequestNamespace): { ok: true; visits: ManifestVisit[] } | { ok: false; error: KubectlErr } {
  const sources: string[] = []
  const problems: KubectlErr[] = []
  for (const path of options.filenames) {
    if (path === '-') sources.push(STDIN)
    else if (/^https?:\/\//.test(path)) problems.push(messageErr(`this playground cannot read manifests from URLs ("${path}"); save the file and pass its path`))
    else if (!io.stat(path)) problems.push(messageErr(`the path "${path}" does not exist`))
    else if (io.stat(path)!.isDirectory) {
      const files = walk(io, path, options.recursive)
      if (files.length === 0) problems.push(messageErr(`error reading [${path}]: recognized file extensions are [${EXTENSIONS.join(' ')}]`))
      sources.push(...files)
    } else sources.push(path)
  }
  if (problems.length > 0) return { ok: false, error: aggregate(problems)! }
  const visits: ManifestVisit[] = []
  for (const source of sources) visitFile(io, source, options, ns, visits)
  return { ok: true, visits }
}

/** filepath.Walk: lexical order, subdirectories only with -R, files filtered by extension. */
function walk(io: KubectlIO, dir: string, recursive: boolean): string[] {
  const out: string[] = []
  for (const name of io.readdir(dir)) {
    const path = `${dir.replace(/\/+$/, '')}/${name}`
    const stat = io.stat(path)
    if (stat?.isDirectory) {
      if (recursive) out.push(...walk(io, path, true))
    } else if (EXTENSIONS.some((e) => name.endsWith(e))) out.push(path)
  }
  return out
}

function visitFile(io: KubectlIO, source: string, options: FilenameOptions, ns: RequestNamespace, visits: ManifestVisit[]): void {
  const fail = (message: string): void => void visits.push({ error: messageErr(message) })
  if (source !== STDIN && (io.stat(source)?.size ?? 0) > MAX_MANIFEST_BYTES) return fail(`error reading "${source}": the file is larger than 10 MiB, the most this playground reads`)
  let text: string
  try {
    text = source === STDIN ? io.readStdin() : io.readFile(source)
  } catch (e) {
    return fail(`error reading "${source}": ${e instanceof Error ? e.message : String(e)}`)
  }
  if (text.length > MAX_MANIFEST_BYTES) return fail(`error reading "${source}": the input is larger than 10 MiB, the most this playground reads`)
  for (const doc of decodeStream(text)) {
    if (!doc.ok) return fail(`error parsing ${source}: ${doc.error}`)
    if (doc.value === null || doc.value === undefined) continue
    if (options.validate) {
      const invalid = validationErrors(doc.value)
      if (invalid) return fail(`error validating "${source}": error validating data: ${invalid}; ${STOP_VALIDATE}`)
    }
    for (const item of flattenList(doc.value)) visits.push(mapObject(item, source, options, ns))
  }
}

/** kubectl's getObjectKind checks, joined as an aggregate prints them. */
export function validationErrors(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'invalid object to validate'
  const errors: string[] = []
  const { apiVersion, kind } = value
  if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set')
  else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type")
  else if (apiVersion.split('/').length > 2) errors.push(`unexpected GroupVersion string: ${apiVersion}`)
  if (kind === undefined || kind === null) errors.push('kind not set')
  else if (typeof kind !== 'string') errors.push("kind isn't string type")
  if (errors.length === 0 && kind === 'List' && apiVersion === 'v1' && !Array.isArray(value.items)) errors.push('invalid object to validate')
  return errors.length === 0 ? undefined : errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`
}

/** FlattenListVisitor: a `kind: List` (or any `...List` with items) stands for its items. */
function flattenList(value: unknown): unknown[] {
  if (isPlainObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) return value.items.flatMap(flattenList)
  return [value]
}

function mapObject(value: unknown, source: string, options: FilenameOptions, ns: RequestNamespace): ManifestVisit {
  if (!isPlainObject(value) || typeof value.kind !== 'string' || value.kind === '')
    return { error: messageErr(`unable to decode "${source}": Object 'Kind' is missing in '${stableJson(value)}'`) }
  const object = structuredClone(value) as KubeObject
  const meta = isPlainObject(object.metadata) ? object.metadata : undefined
  const name = typeof meta?.name === 'string' ? meta.name : ''
  const objectNamespace = typeof meta?.namespace === 'string' ? meta.namespace : ''
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : ''
  // Without validation a missing apiVersion reaches the server, which refuses it in its words.
  const type = resourceForKind(apiVersion, object.kind as string) ?? (!options.validate && !apiVersion ? kindsNamed(object.kind as string)[0] : undefined)
  if (!type)
    return {
      error: messageErr(
        `resource mapping not found for name: "${name}" namespace: "${objectNamespace}" from "${source}": no matches for kind "${object.kind as string}" in version "${apiVersion}"\nensure CRDs are installed first`,
      ),
    }
  if (!type.namespaced) {
    if (meta) delete meta.namespace
    return { object: { source, object, type, name, namespace: undefined } }
  }
  if (objectNamespace && ns.enforce && objectNamespace !== ns.namespace)
    return {
      error: messageErr(
        `the namespace from the provided object "${objectNamespace}" does not match the namespace "${ns.namespace}". You must pass '--namespace=${objectNamespace}' to perform this operation.`,
      ),
    }
  const namespace = objectNamespace || ns.namespace
  object.metadata = { ...(meta ?? {}), namespace }
  return { object: { source, object, type, name, namespace } }
}
