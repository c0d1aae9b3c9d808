// kubectl replace -f (pkg/cmd/replace/replace.go): each object of the files sent whole (a PUT); one
// without a resourceVersion takes the stored one's (resource.Helper.Replace with overwrite), so it
// replaces whatever is there. `--force` deletes the objects, waits until they are gone (virtual
// time passes, at most --timeout, 5 minutes by default), then creates them again: how a pod's
// command or image list, which an update may not change, is changed.
import { manifestObjects } from '../objects/builder-targets.js'
import { qualifiedName } from '../../cluster/resources.js'
import type { KubeObject } from '../../cluster/object.js'
import { flagBool, flagInt, flagString, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS, filenameOptions, type ManifestObject } from '../manifest.js'
import { withLastAppliedConfiguration } from '../apply-patch.js'
import { aggregate, formatKubectlErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'
import { HELP_TEXTS } from '../help-texts.js'
import { CASCADE, DELETE_WAIT_BOUND_MS, durationMs, isDeleted, kindString } from './delete.js'

const replace: KubectlCommand = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  help: HELP_TEXTS.replace,
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'cascade', type: 'string', noOptDefault: 'background' },
    { name: 'timeout', type: 'duration' },
    { name: 'wait', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string' },
  ],
  run(ctx, args) {
    const dryRun = dryRunOf(args)
    const output = outputOf(args)
    const files = filenameOptions(args)
    // Arguments besides the files are not looked at (kubectl 1.32 neither).
    if (files.filenames.length === 0) throw new KubectlError('error: must specify one of -f and -k')
    const force = flagBool(args, 'force')
    if (flagInt(args, 'grace-period', -1) >= 0 && !force) throw new KubectlError('error: --grace-period must have --force specified')
    if (durationMs(flagString(args, 'timeout', '0s')) !== 0 && !force) throw new KubectlError('error: --timeout must have --force specified')
    if (force && dryRun !== 'none') throw new KubectlError('error: --dry-run can not be used when --force is set')
    const { objects, errors } = manifestObjects(ctx, files)
    const saveConfig = flagBool(args, 'save-config')
    const withConfig = (o: KubeObject): KubeObject => (saveConfig ? withLastAppliedConfiguration(o) : o)
    if (force) return forceReplace(ctx, args, objects, errors, withConfig, output)

    for (const o of objects) {
      let object = withConfig(o.object)
      if (dryRun === 'client') {
        printObject(ctx, o.type, object, 'replaced', output, dryRun)
        continue
      }
      // Without a resourceVersion, the stored object's: the replace is unconditional.
      if (!object.metadata?.resourceVersion) {
        const current = ctx.api.get(KUBECTL, qualifiedName(o.type), o.namespace, o.name)
        if (!current.ok) {
          errors.push(statusErr(current.error, 'replacing', o.source))
          continue
        }
        object = { ...object, metadata: { ...object.metadata, resourceVersion: current.value.metadata.resourceVersion } }
      }
      const replaced = ctx.api.update(KUBECTL, { ...object, metadata: { ...object.metadata, namespace: o.namespace } }, { dryRun: dryRun === 'server', fieldValidation: files.validate ? 'Strict' : 'Ignore' })
      if (!replaced.ok) {
        errors.push(statusErr(replaced.error, 'replacing', o.source))
        continue
      }
      printObject(ctx, o.type, replaced.value, 'replaced', output, dryRun)
    }
    if (errors.length > 0) {
      ctx.err(formatKubectlErr(aggregate(errors)!))
      return 1
    }
    return 0
  },
}

/** forceReplace: delete every object (as `kubectl delete` says it), wait until all are gone, create them again. */
function forceReplace(ctx: KubectlContext, args: ParsedArgs, objects: readonly ManifestObject[], errors: KubectlErr[], withConfig: (o: KubeObject) => KubeObject, output: ReturnType<typeof outputOf>): number {
  const cascadeRaw = flagString(args, 'cascade', 'background')
  const propagationPolicy = CASCADE[cascadeRaw]
  if (!propagationPolicy) throw new KubectlError(`error: invalid cascade value (${cascadeRaw}). Must be "background", "foreground", or "orphan"`)
  const grace = flagInt(args, 'grace-period', -1)
  const deleted: { object: ManifestObject; uid: string }[] = []
  for (const o of objects) {
    const result = ctx.api.delete(KUBECTL, qualifiedName(o.type), o.namespace, o.name, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy })
    if (!result.ok) {
      // An object that is not there is simply created.
      if (result.error.reason !== 'NotFound') errors.push(statusErr(result.error, 'deleting', o.source))
      continue
    }
    ctx.out(`${kindString(o)} "${o.name}" deleted\n`)
    deleted.push({ object: o, uid: result.value.object.metadata.uid })
  }
  if (errors.length > 0) {
    ctx.err(formatKubectlErr(aggregate(errors)!))
    return 1
  }
  const timeout = durationMs(flagString(args, 'timeout', '0s')) || DELETE_WAIT_BOUND_MS
  for (const { object: o, uid } of deleted) {
    if (!ctx.cluster.waitFor(() => isDeleted(ctx, o, uid), timeout)) {
      ctx.err('error: timed out waiting for the condition\n')
      return 1
    }
  }
  let count = 0
  for (const o of objects) {
    const created = ctx.api.create(KUBECTL, withConfig(o.object), o.namespace, {})
    if (!created.ok) {
      ctx.err(formatKubectlErr(statusErr(created.error)))
      return 1
    }
    count++
    printObject(ctx, o.type, created.value, 'replaced', output, 'none')
  }
  if (count === 0) throw new KubectlError('error: no objects passed to replace')
  return 0
}

export default replace
