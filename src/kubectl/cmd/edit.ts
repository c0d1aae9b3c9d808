// kubectl edit (k8s.io/kubectl pkg/cmd/edit, pkg/cmd/util/editor/editoptions.go, v1.32): the objects
// (one, or a `List` of several) written to a temp file, YAML with a header of comments or JSON with
// none; the editor opened on it; what comes back compared without its comments, checked, and each
// changed object sent as a strategic merge patch from the object as read to the object as edited.
// An object the apiserver finds invalid sends the user back to the editor, its errors in the
// header, until the edit is valid or left unchanged ("no valid changes were saved").
import type { KubeObject } from '../../cluster/object.js'
import { qualifiedName, resourceForKind, type ResourceType } from '../../cluster/resources.js'
import type { Status } from '../../cluster/status.js'
import { createTwoWayMergePatch } from '../../cluster/patch/strategic-diff.js'
import { createMergePatch } from '../../cluster/patch/merge-patch.js'
import { patchSchemaFor } from '../../cluster/patch/schema.js'
import type { JsonObject } from '../../cluster/patch/json.js'
import { flagArray, flagBool, flagString, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { withLastAppliedConfiguration } from '../apply-patch.js'
import { decodeStream } from '../manifest/decode.js'
import { builderTargets } from '../objects/builder-targets.js'
import { aggregate, formatKubectlErr, type KubectlErr } from '../objects/errors.js'
import { OUTPUT_FLAG, outputOf, printObject } from '../objects/output.js'
import { goJson, goJsonCompact } from '../printers/json.js'
import { goYaml } from '../printers/yaml.js'
import { FILENAME_FLAGS, validationErrors } from '../manifest.js'
import { HELP_TEXTS } from '../help-texts.js'
import type { EditorIO } from '../io.js'

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n'

/** Why the file is opened again: a head, and its causes (editReason). */
interface Reason {
  head: string
  other: string[]
}

interface Original {
  type: ResourceType
  object: KubeObject
}

/** editResults: what one pass left to say and to do. */
interface Results {
  file: string
  reasons: Reason[]
  /** Objects the apiserver found invalid: the file opens again. */
  invalid: number
  notfound: number
  retryable: number
}

/** A Go error, as kubectl prints it when it ends: `error: <message>`. */
class EditError extends Error {}

const edit: KubectlCommand = {
  name: 'edit',
  short: 'Edit a resource on the server',
  help: HELP_TEXTS.edit,
  flags: [
    ...FILENAME_FLAGS,
    OUTPUT_FLAG,
    { name: 'output-patch', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
  ],
  run(ctx, args) {
    const validate = flagString(args, 'validate', 'strict')
    if (!['strict', 'true', 'warn', 'ignore', 'false'].includes(validate))
      throw new KubectlError(`error: invalid - validate option "${validate}"; must be one of: strict (or true), warn, ignore (or false)`)
    const output = outputOf(args)
    const editor = ctx.io.editor
    const { targets, errors } = builderTargets(ctx, args, args.positionals, true)
    if (targets.length === 0 && errors.length === 0 && args.positionals.length === 0 && flagArray(args, 'filename').length === 0)
      throw new KubectlError(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      )
    // The objects as the server has them now (the builder's Latest()), each read once.
    const originals: Original[] = []
    for (const t of targets) {
      const got = t.object ?? fetch(ctx, t.type, t.namespace, t.name, errors)
      if (got) originals.push({ type: t.type, object: got })
    }
    if (errors.length > 0) throw new KubectlError(formatKubectlErr(errors.length === 1 ? errors[0] : aggregate(errors)!))
    if (originals.length === 0) throw new KubectlError('error: edit cancelled, no objects found')
    if (!editor) throw new KubectlError('error: kubectl edit needs an editor, and this kubectl has none: use kubectl patch, set, scale or replace')
    try {
      return session(ctx, args, editor, originals, output, validate)
    } catch (e) {
      if (e instanceof EditError) {
        ctx.err(`error: ${e.message}\n`)
        return 1
      }
      throw e
    }
  },
}

export default edit

function fetch(ctx: KubectlContext, type: ResourceType, namespace: string | undefined, name: string, errors: KubectlErr[]): KubeObject | undefined {
  const got = ctx.api.get(KUBECTL, qualifiedName(type), namespace, name)
  if (got.ok) return got.value
  errors.push({ status: got.error })
  return undefined
}

/** The resource as edit names it in its messages: `deployments.apps`, `pods`. */
const resourceString = (t: ResourceType): string => qualifiedName(t)

/** editFn: open the editor until the edit is saved, cancelled, or fails. */
function session(ctx: KubectlContext, args: ParsedArgs, editor: EditorIO, originals: readonly Original[], output: ReturnType<typeof outputOf>, validate: string): number {
  const json = flagString(args, 'output') === 'json'
  const ext = json ? '.json' : '.yaml'
  const crlf = flagBool(args, 'windows-line-endings')
  const first = originals[0]
  const originalObject: KubeObject =
    originals.length === 1 ? first.object : ({ apiVersion: 'v1', items: originals.map((o) => o.object), kind: 'List', metadata: {} } as unknown as KubeObject)
  let results: Results = { file: '', reasons: [], invalid: 0, notfound: 0, retryable: 0 }
  let original = ''
  let edited = ''
  let containsError = false
  for (;;) {
    let buf = json ? '' : header(results.reasons)
    if (!containsError) {
      buf += json ? `${goJson(originalObject)}\n` : goYaml(originalObject)
      original = buf
    } else buf += manualStrip(edited)
    if (crlf) buf = buf.replace(/\r?\n/g, '\r\n')
    const previous = edited
    const launched = editor.launchTempFile('kubectl-edit-', ext, buf)
    if (!launched.ok) throw preserved(editor, launched.error, results.file, ctx)
    edited = launched.text
    const file = launched.path
    if (containsError && stripComments(previous) === stripComments(edited)) throw preserved(editor, 'Edit cancelled, no valid changes were saved.', file, ctx)
    if (results.file) editor.remove(results.file)

    // The validator: the file must decode to an object with a kind (ParamVerifyingSchema.ValidateBytes).
    if (validate !== 'ignore' && validate !== 'false') {
      const invalid = validationError(edited)
      if (invalid !== undefined) {
        results = { file, reasons: [], invalid: 0, notfound: 0, retryable: 0 }
        containsError = true
        ctx.err(`${addInvalid(results, first.type, first.object.metadata?.name ?? '', [`<nil>: Invalid value: "The edited file failed validation": ${invalid}`])}\n`)
        continue
      }
    }
    if (stripComments(original) === stripComments(edited)) {
      editor.remove(file)
      ctx.err('Edit cancelled, no changes made.\n')
      return 0
    }
    if (!hasLines(edited)) {
      editor.remove(file)
      ctx.err('Edit cancelled, saved file was empty.\n')
      return 0
    }
    results = { file, reasons: [], invalid: 0, notfound: 0, retryable: 0 }
    const parsed = parseEdited(edited)
    if (!parsed.ok) {
      containsError = true
      results.reasons.push({ head: `The edited file had a syntax error: ${parsed.error}`, other: [] })
      continue
    }
    containsError = false
    const updated = parsed.objects
    for (const o of updated) requireNamespace(ctx, o, editor, file)
    const annotated = flagBool(args, 'save-config') ? updated.map(withLastAppliedConfiguration) : updated
    visitToPatch(ctx, args, editor, originals, annotated, results, output)
    if (results.retryable > 0) {
      ctx.err(`You can run \`kubectl replace -f ${results.file}\` to try this update again.\n`)
      return 1
    }
    if (results.notfound > 0) {
      ctx.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(results.file)}\n`)
      return 1
    }
    if (results.invalid === 0) {
      editor.remove(file)
      return 0
    }
    if (results.reasons.length > 0) containsError = true
  }
}

/** The header, with the reasons for opening the file again (editHeader.writeTo). */
function header(reasons: readonly Reason[]): string {
  let out = HEADER
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`
    out += '#\n'
  }
  return out
}

/** A comment line for each line of a message: `# ` after each line break not followed by `#`. */
function hashOnLineBreak(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) out += s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : s[i]
  return out
}

/** cmdutil.ManualStrip: the lines that are not comments (`#!` is no comment). */
function manualStrip(text: string): string {
  const lines = text.split('\n')
  const kept: string[] = []
  lines.forEach((line, i) => {
    const t = line.trim()
    if (t.startsWith('#') && !t.startsWith('#!')) return
    kept.push(i < lines.length - 1 ? `${line}\n` : line)
  })
  return kept.join('')
}

/** cmdutil.StripComments: the file as JSON (what it means, comments gone), else its lines without comments. */
function stripComments(text: string): string {
  const docs = decodeStream(text)
  if (docs.length > 0 && docs.every((d) => d.ok)) return canonical(docs.length === 1 ? (docs[0] as { value: unknown }).value : docs.map((d) => (d as { value: unknown }).value))
  if (docs.length === 0) return 'null'
  return manualStrip(text)
}

/** JSON with map keys sorted, as encoding/json writes a decoded YAML document. */
const canonical = goJsonCompact

/** hasLines: a line that is neither blank nor a comment. */
const hasLines = (text: string): boolean => text.split('\n').some((l) => l.trim().length > 0 && !l.trim().startsWith('#'))

/** What ValidateBytes finds wrong with the file: its YAML, or getObjectKind's checks of what it holds. */
function validationError(text: string): string | undefined {
  const docs = decodeStream(text)
  const bad = docs.find((d) => !d.ok) as { ok: false; error: string } | undefined
  // yaml.ToJSON's own error, without the decoder's words around it.
  if (bad) return bad.error.replace(/^error converting YAML to JSON: /, '')
  return validationErrors(docs.length === 0 ? null : (docs[0] as { value: unknown }).value)
}

/** The edited file's objects (a List stands for its items), or why it cannot be read. */
function parseEdited(text: string): { ok: true; objects: KubeObject[] } | { ok: false; error: string } {
  const objects: KubeObject[] = []
  for (const doc of decodeStream(text)) {
    if (!doc.ok) return { ok: false, error: doc.error }
    const flat = (v: unknown): unknown[] => {
      const o = v as Record<string, unknown> | null
      return o && typeof o === 'object' && typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items) ? o.items.flatMap(flat) : [v]
    }
    for (const v of flat(doc.value)) {
      if (v === null || v === undefined) continue
      const o = v as Record<string, unknown>
      if (typeof o !== 'object' || typeof o.kind !== 'string' || o.kind === '') return { ok: false, error: `Object 'Kind' is missing in '${goJsonCompact(v)}'` }
      objects.push(v as KubeObject)
    }
  }
  return { ok: true, objects }
}

/** resource.RequireNamespace: an object without a namespace takes the command's; another one is refused. */
function requireNamespace(ctx: KubectlContext, o: KubeObject, editor: EditorIO, file: string): void {
  const meta = (o.metadata ??= {})
  if (resourceForKind(String(o.apiVersion ?? ''), String(o.kind ?? ''))?.namespaced === false) return
  if (!meta.namespace) {
    meta.namespace = ctx.namespace
    return
  }
  if (meta.namespace !== ctx.namespace)
    throw preserved(
      editor,
      `the namespace from the provided object "${meta.namespace}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`,
      file,
      ctx,
    )
}

/** visitToPatch: each edited object against the one read with its uid, sent as a patch when it changed. */
function visitToPatch(ctx: KubectlContext, args: ParsedArgs, editor: EditorIO, originals: readonly Original[], updated: readonly KubeObject[], results: Results, output: ReturnType<typeof outputOf>): void {
  for (const o of updated) {
    const uid = o.metadata?.uid
    const original = originals.find((x) => x.object.metadata?.uid === uid)
    if (!original) throw preserved(editor, `no original object found for ${goSharp(o)}`, results.file, ctx)
    const before = JSON.parse(JSON.stringify(original.object)) as JsonObject
    const after = JSON.parse(JSON.stringify(o)) as JsonObject
    if (canonical(before) === canonical(after)) {
      printObject(ctx, original.type, o, 'skipped', output, 'none')
      continue
    }
    const unchanged = (a: unknown, b: unknown): boolean => canonical(a ?? null) === canonical(b ?? null)
    const bm = (before.metadata ?? {}) as JsonObject
    const am = (after.metadata ?? {}) as JsonObject
    if (!unchanged(before.apiVersion, after.apiVersion) || !unchanged(before.kind, after.kind) || !unchanged(bm.name, am.name) || !unchanged(before.managedFields, after.managedFields))
      throw preserved(editor, 'At least one of apiVersion, kind and name was changed', results.file, ctx)
    const schema = patchSchemaFor(String(before.apiVersion), String(before.kind))
    let patch: JsonObject
    let type: 'strategic' | 'merge'
    if (schema) {
      const made = createTwoWayMergePatch(before, after, schema)
      if (!made.ok) throw preserved(editor, made.error.message, results.file, ctx)
      patch = made.value
      type = 'strategic'
    } else {
      patch = createMergePatch(before, after)
      type = 'merge'
    }
    if (flagBool(args, 'output-patch')) ctx.out(`Patch: ${goJsonCompact(patch)}\n`)
    const name = original.object.metadata?.name ?? ''
    const validate = flagString(args, 'validate', 'strict')
    // --field-manager names the manager of managed fields, which this apiserver does not keep.
    const patched = ctx.api.patch(KUBECTL, qualifiedName(original.type), original.object.metadata?.namespace, name, patch, type, {
      fieldValidation: validate === 'warn' ? 'Warn' : validate === 'ignore' || validate === 'false' ? 'Ignore' : 'Strict',
    })
    if (!patched.ok) {
      ctx.err(`${addError(results, patched.error, original.type, name)}\n`)
      continue
    }
    printObject(ctx, original.type, patched.value, 'edited', output, 'none')
  }
}

/** editResults.addError: an invalid object opens the file again; a missing one and anything else end the edit. */
function addError(results: Results, status: Status, type: ResourceType, name: string): string {
  if (status.reason === 'Invalid') return addInvalid(results, type, name, (status.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`))
  if (status.reason === 'NotFound') {
    results.notfound++
    return `error: ${resourceString(type)} ${JSON.stringify(name)} could not be found on the server`
  }
  results.retryable++
  return `error: ${resourceString(type)} ${JSON.stringify(name)} could not be patched: ${status.message}`
}

function addInvalid(results: Results, type: ResourceType, name: string, causes: string[]): string {
  results.invalid++
  results.reasons.push({ head: `${resourceString(type)} ${JSON.stringify(name)} was not valid`, other: causes })
  return `error: ${resourceString(type)} ${JSON.stringify(name)} is invalid`
}

/** preservedFile: say where the user's changes are kept, then end with `err`. */
function preserved(editor: EditorIO, message: string, path: string, ctx: KubectlContext): EditError {
  if (path && editor.exists(path)) ctx.err(`A copy of your changes has been stored to ${JSON.stringify(path)}\n`)
  return new EditError(message)
}

/** fmt's %#v of an *unstructured.Unstructured, keys sorted. */
function goSharp(o: KubeObject): string {
  const v = (x: unknown): string => {
    if (x === null || x === undefined) return 'interface {}(nil)'
    if (typeof x === 'string') return JSON.stringify(x)
    if (typeof x === 'number' || typeof x === 'boolean') return String(x)
    if (Array.isArray(x)) return `[]interface {}{${x.map(v).join(', ')}}`
    const entries = Object.keys(x as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${v((x as Record<string, unknown>)[k])}`)
    return `map[string]interface {}{${entries.join(', ')}}`
  }
  return `&unstructured.Unstructured{Object:${v(o)}}`
}
