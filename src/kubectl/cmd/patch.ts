// kubectl patch (pkg/cmd/patch/patch.go): send a strategic merge, JSON merge or JSON patch (given
// as JSON or YAML with -p or --patch-file) to each object named, and print `pod/web patched`, or
// `patched (no change)` when the object came back as it was. --dry-run=client patches locally.
import { fileTargets } from '../objects/builder-targets.js'
import type { StoredObject } from '../../cluster/object.js'
import { applyPatch, type PatchType } from '../../cluster/patch.js'
import { stableJson } from '../../cluster/apiserver.js'
import { flagString, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, NO_RESOURCES_ERROR, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions } from '../manifest.js'
import { decodeStream } from '../manifest/decode.js'
import { readJsonStream } from '../manifest/json-stream.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'
import { resolveTargets, type Target } from '../objects/targets.js'
import { goQuote } from '../printers/json.js'
import { badRequest, type Status } from '../../cluster/status.js'
import { qualifiedName } from '../../cluster/resources.js'
import { HELP_TEXTS } from '../help-texts.js'

const NOT_FOUND: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }

const PATCH_TYPES = new Set<PatchType>(['json', 'merge', 'strategic'])

const patch: KubectlCommand = {
  name: 'patch',
  short: 'Update fields of a resource',
  help: HELP_TEXTS.patch,
  flags: [
    ...FILENAME_FLAGS,
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx, args) {
    const output = outputOf(args)
    const dryRun = dryRunOf(args)
    const text = flagString(args, 'patch')
    const file = flagString(args, 'patch-file')
    if (text !== '' && file !== '') throw new KubectlError('error: cannot specify --patch and --patch-file together')
    if (text === '' && file === '') throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch')
    const rawType = flagString(args, 'type', 'strategic')
    const type = (rawType === '' ? 'strategic' : rawType.toLowerCase()) as PatchType
    if (!PATCH_TYPES.has(type)) throw new KubectlError(`error: --type must be one of [json merge strategic], not ${JSON.stringify(rawType)}`)
    const body = decodePatch(file === '' ? text : readPatchFile(ctx, file), text, type)
    const subresource = flagString(args, 'subresource')

    const { targets, errors } = collectTargets(ctx, args)
    let count = 0
    for (const target of targets) {
      const got = ctx.api.get(KUBECTL, qualifiedName(target.type), target.namespace, target.name)
      if (!got.ok) {
        errors.push(statusErr(got.error))
        continue
      }
      count++
      // The builder reads the subresource too; the simulated API serves only status.
      if (subresource !== '' && subresource !== 'status') {
        if (subresource === 'scale' && ['deployments', 'replicasets'].includes(target.type.resource))
          throw new KubectlError('error: --subresource=scale is not available in the playground yet; patch spec.replicas instead')
        errors.push({ status: NOT_FOUND })
        continue
      }
      const result = send(ctx, target, got.value, body, type, dryRun, subresource)
      if ('error' in result) {
        errors.push(result.error)
        continue
      }
      // patchOperation replaces the printer's operation, dry-run suffix included.
      const changed = stableJson(got.value) !== stableJson(result.object)
      printObject(ctx, target.type, result.object, changed ? 'patched' : 'patched (no change)', output, 'none')
    }
    const failed = aggregate(errors)
    if (failed) {
      ctx.err(formatKubectlErr(failed))
      return 1
    }
    if (count === 0) throw new KubectlError('error: no objects passed to patch')
    return 0
  },
}

export type Body = { value: unknown } | { invalid: string }

function readPatchFile(ctx: KubectlContext, path: string): string {
  try {
    return ctx.io.readFile(path)
  } catch {
    throw new KubectlError(`error: unable to read patch file: open ${path}: no such file or directory`)
  }
}

/**
 * yaml.ToJSON: a body starting with `{` is sent as it is (the server then decodes it); anything
 * else is YAML, whose errors kubectl reports itself, quoting the -p value (empty with --patch-file).
 */
function decodePatch(source: string, flagText: string, type: PatchType): Body {
  if (source.trimStart().startsWith('{')) return decodePatchBody(source, type)
  const [first] = decodeStream(source)
  if (first && !first.ok) throw new KubectlError(`error: unable to parse ${goQuote(flagText)}: ${first.error.replace(/^error converting YAML to JSON: /, '')}`)
  return { value: first?.ok ? first.value : null }
}

/** The apiserver's decoding of a JSON patch body: the value, or its json.Unmarshal error text. */
export function decodePatchBody(source: string, type: PatchType): Body {
  const [first] = readJsonStream(source)
  if (first?.ok) return { value: first.value }
  // json.Unmarshal's words (unverified against a live apiserver): the Decoder's offset is not part of them.
  const why = !first || first.error === 'unexpected EOF' ? 'unexpected end of JSON input' : first.error.replace(/^json: offset \d+: /, '')
  return { invalid: type === 'merge' ? `error decoding patch: ${why}` : why }
}

function send(
  ctx: KubectlContext,
  target: Target,
  current: StoredObject,
  body: Body,
  type: PatchType,
  dryRun: 'none' | 'client' | 'server',
  subresource: string,
): { object: StoredObject } | { error: KubectlErr } {
  if ('invalid' in body) return { error: { status: badRequest(body.invalid) } }
  if (dryRun === 'client') {
    const local = applyPatch(target.type, current, body.value, type)
    return local.ok ? { object: local.value as StoredObject } : { error: messageErr(local.error.message) }
  }
  const patched = ctx.api.patch(KUBECTL, qualifiedName(target.type), target.namespace, target.name, body.value, type, {
    dryRun: dryRun === 'server',
    ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
  })
  return patched.ok ? { object: patched.value } : { error: statusErr(patched.error) }
}

function collectTargets(ctx: KubectlContext, args: ParsedArgs): { targets: Target[]; errors: KubectlErr[] } {
  const files = filenameOptions(args)
  if (files.filenames.length > 0) {
    return fileTargets(ctx, files)
  }
  if (args.positionals.length === 0)
    throw new KubectlError(
      NO_RESOURCES_ERROR,
    )
  if (args.positionals.length === 1 && !args.positionals[0].includes('/')) throw new KubectlError('error: resource(s) were provided, but no name was specified')
  return resolveTargets(ctx, args.positionals, {})
}

export default patch
