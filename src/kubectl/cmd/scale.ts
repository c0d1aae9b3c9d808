// kubectl scale (pkg/cmd/scale/scale.go): set spec.replicas of deployments and replica sets, with
// an optional --current-replicas precondition. kubectl writes the scale subresource; we send the
// same change as a merge patch of spec.replicas. Prints `deployment.apps/web scaled`.
import { fileTargets } from '../objects/builder-targets.js'
import { flagBool, flagInt, flagString, hasFlag } from '../args.js'
import { KUBECTL, KubectlError, requiredFlagError, NO_RESOURCES_ERROR, type KubectlCommand } from '../context.js'
import { FILENAME_FLAGS, filenameOptions } from '../manifest.js'
import { aggregate, errorText, formatKubectlErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'
import { resolveTargets, type Target } from '../objects/targets.js'
import { HELP_TEXTS } from '../help-texts.js'

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'])

const scale: KubectlCommand = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  help: HELP_TEXTS.scale,
  flags: [
    ...FILENAME_FLAGS,
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'resource-version', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'timeout', type: 'duration' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx, args) {
    if (!hasFlag(args, 'replicas')) throw requiredFlagError('replicas', ctx.now())
    const replicas = flagInt(args, 'replicas', -1)
    const currentReplicas = flagInt(args, 'current-replicas', -1)
    if (replicas < 0) throw new KubectlError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
    if (currentReplicas < -1) throw new KubectlError('error: The --current-replicas must specify an integer of -1 or greater')
    const dryRun = dryRunOf(args)
    const output = outputOf(args)
    const files = filenameOptions(args)
    const errors: KubectlErr[] = []
    let targets: Target[]
    if (files.filenames.length > 0) {
      const fromFiles = fileTargets(ctx, files)
      targets = fromFiles.targets
      errors.push(...fromFiles.errors)
    } else {
      if (args.positionals.length === 0) throw new KubectlError(NO_RESOURCES_ERROR)
      const selector = flagString(args, 'selector')
      const resolved = resolveTargets(ctx, args.positionals, { selector: selector || undefined, all: flagBool(args, 'all') })
      targets = resolved.targets
      errors.push(...resolved.errors)
    }
    // The builder fetches every object first (RequireObject); the ones not found are reported last.
    const found = targets.flatMap((t) => {
      const got = t.object ? { ok: true as const, value: t.object } : ctx.api.get(KUBECTL, t.type.resource, t.namespace, t.name)
      if (got.ok) return [{ ...t, object: got.value }]
      errors.push(statusErr(got.error))
      return []
    })
    const infoErr = aggregate(errors)
    if (found.length === 0) throw new KubectlError(`error: no objects passed to scale${infoErr ? ` ${errorText(infoErr)}` : ''}`)
    for (const t of found) {
      if (dryRun !== 'client') {
        if (!SCALABLE.has(t.type.resource)) throw new KubectlError('Error from server (NotFound): the server could not find the requested resource')
        const current = (t.object.spec as { replicas?: number } | undefined)?.replicas ?? 1
        if (currentReplicas !== -1 && current !== currentReplicas) throw new KubectlError(`error: Expected replicas to be ${currentReplicas}, was ${current}`)
        const patched = ctx.api.patch(KUBECTL, t.type.resource, t.namespace, t.name, { spec: { replicas } }, 'merge', { dryRun: dryRun === 'server' })
        if (!patched.ok) throw new KubectlError(formatKubectlErr(statusErr(patched.error)))
      }
      printObject(ctx, t.type, t.object, 'scaled', output, dryRun)
    }
    if (!infoErr) return 0
    ctx.err(formatKubectlErr(infoErr))
    return 1
  },
}

export default scale
