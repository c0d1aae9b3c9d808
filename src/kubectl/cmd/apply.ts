// kubectl apply -f (pkg/cmd/apply/apply.go, client-side apply): every manifest object is read
// first, then each is created with its last-applied configuration, patched three-way
// (`configured`), or left alone (`unchanged`). Errors are kept and printed at the end.
import { commandWords, flagArray, flagBool } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions, loadManifests, type ManifestObject } from '../manifest.js'
import { aggregate, formatKubectlErr, messageErr, oneOrAggregate, statusErr, type KubectlErr } from '../objects/errors.js'
import { LAST_APPLIED_ANNOTATION, goJson, isEmptyPatch, originalConfiguration, threeWayPatch, withLastAppliedConfiguration } from '../apply-patch.js'
import { isPlainObject, type KubeObject } from '../../cluster/object.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject, type DryRun, type OutputFormat } from '../objects/output.js'
import { qualifiedName } from '../../cluster/resources.js'
import { HELP_TEXTS } from '../help-texts.js'

const apply: KubectlCommand = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  help: HELP_TEXTS.apply,
  flags: [
    ...FILENAME_FLAGS,
    { name: 'kustomize', short: 'k', type: 'string' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'server-side', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'overwrite', type: 'bool' },
  ],
  subcommand(argv) {
    const word = commandWords(argv, this.flags)[0]
    return ['view-last-applied', 'set-last-applied', 'edit-last-applied'].includes(word) ? { path: `apply ${word}`, flags: [], unavailable: true } : undefined
  },
  run(ctx, args) {
    if (args.positionals.length > 0) throw new KubectlError(`error: Unexpected args: [${args.positionals.join(' ')}]\nSee 'kubectl apply -h' for help and examples`)
    const files = filenameOptions(args)
    const kustomize = args.flags['kustomize'] !== undefined
    if (files.filenames.length > 0 && kustomize) throw new KubectlError('error: only one of -f or -k can be specified')
    if (kustomize) throw new KubectlError('error: kustomize (-k) is not available in this playground; pass the manifests with -f')
    if (flagArray(args, 'filename').length === 0) throw new KubectlError('error: must specify one of -f and -k')
    if (flagBool(args, 'server-side')) throw new KubectlError('error: --server-side is not available in this playground; kubectl apply here is client-side apply')
    if (flagBool(args, 'prune')) throw new KubectlError('error: --prune is not available in this playground; delete what you no longer need with kubectl delete')
    const dryRun = dryRunOf(args)
    const fieldValidation = files.validate ? 'Strict' : 'Ignore'

    const loaded = loadManifests(ctx.io, files, { namespace: ctx.namespace, enforce: ctx.namespaceGiven })
    if (!loaded.ok) throw new KubectlError(formatKubectlErr(loaded.error))
    // The printer is made when the first object is printed, after the files were read.
    const output = outputOf(args)
    const errs: KubectlErr[] = []
    const loadErrors = loaded.visits.flatMap((v) => ('error' in v ? [v.error] : []))
    if (loadErrors.length > 0) errs.push(aggregate(loadErrors)!)
    const objects = loaded.visits.flatMap((v) => ('object' in v ? [v.object] : []))
    if (objects.length === 0 && errs.length === 0) throw new KubectlError('error: no objects passed to apply')
    for (const o of objects) {
      const e = applyOne(ctx, o, dryRun, output, fieldValidation)
      if (e) errs.push(e)
    }
    const err = oneOrAggregate(errs)
    if (!err) return 0
    ctx.err(formatKubectlErr(err))
    return 1
  },
}

function applyOne(ctx: KubectlContext, m: ManifestObject, dryRun: DryRun, output: OutputFormat, fieldValidation: 'Strict' | 'Ignore'): KubectlErr | undefined {
  const { type, name, namespace, source } = m
  if (name === '') {
    const generateName = m.object.metadata?.generateName
    return messageErr(generateName ? `from ${generateName}: cannot use generate name with apply` : 'resource name may not be empty')
  }
  const current = ctx.api.get(KUBECTL, qualifiedName(type), namespace, name)
  if (!current.ok && current.error.reason !== 'NotFound') return statusErr(current.error, 'retrieving current configuration of', source)
  if (!current.ok) {
    const modified = withLastAppliedConfiguration(m.object)
    let created: KubeObject = modified
    if (dryRun !== 'client') {
      const result = ctx.api.create(KUBECTL, withoutNulls(modified), namespace, { dryRun: dryRun === 'server', fieldValidation })
      if (!result.ok) return statusErr(result.error, 'creating', source)
      created = result.value
    }
    printObject(ctx, type, created, 'created', output, dryRun)
    return undefined
  }
  if (dryRun === 'client') {
    printObject(ctx, type, m.object, 'configured', output, dryRun)
    return undefined
  }
  const live = current.value
  if (live.metadata.annotations?.[LAST_APPLIED_ANNOTATION] === undefined)
    ctx.err(
      `Warning: resource ${type.resource}/${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    )
  const modified = withLastAppliedConfiguration(m.object)
  const original = originalConfiguration(live)
  const patch = original.ok ? threeWayPatch(original.value, modified, live) : original
  if (!patch.ok) {
    // patcher.go: the three documents, then the reason (cmdutil.AddSourceToErr)
    const annotation = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? ''
    return messageErr(`error when creating patch with:\noriginal:\n${annotation}\nmodified:\n${goJson(modified)}\ncurrent:\n${goJson(live)}\nfor: "${source}": ${patch.error}`)
  }
  let result = live
  const unchanged = isEmptyPatch(patch.value.patch)
  if (!unchanged) {
    const patched = ctx.api.patch(KUBECTL, qualifiedName(type), namespace, name, patch.value.patch, patch.value.type, { dryRun: dryRun === 'server', fieldValidation })
    if (!patched.ok) return statusErr(patched.error, 'applying patch', source)
    result = patched.value
  }
  if (result.metadata.deletionTimestamp) ctx.err(`Warning: Detected changes to resource ${name} which is currently being deleted.\n`)
  printObject(ctx, type, result, unchanged ? 'unchanged' : 'configured', output, dryRun)
  return undefined
}

/** The body kubectl sends decodes into Go types, where a null field is simply absent. */
function withoutNulls(object: KubeObject): KubeObject {
  const prune = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(prune)
    if (!isPlainObject(v)) return v
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, prune(x)]))
  }
  return prune(object) as KubeObject
}

export default apply
