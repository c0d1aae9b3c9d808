// The resource builder as rollout, set image and expose call it: `-f FILE`, `TYPE NAME...`,
// `TYPE/NAME...`, or `TYPE` with `-l` (or alone, when the command allows an empty selector:
// ResourceTypeOrNameArgs(true, ...) selects everything of that type in the namespace).
import { flagString, type ParsedArgs } from '../args.js'
import { KubectlError, type KubectlContext } from '../context.js'
import { filenameOptions, loadManifests, type FilenameOptions, type ManifestObject } from '../manifest.js'
import { formatKubectlErr, type KubectlErr } from './errors.js'
import { resolveTargets, type Target } from './targets.js'

/**
 * The objects of the `-f` files, and the errors of the files that did not read, each in file order;
 * a failure to load them at all (a missing path) ends the command.
 */
export function manifestObjects(ctx: KubectlContext, files: FilenameOptions): { objects: ManifestObject[]; errors: KubectlErr[] } {
  const loaded = loadManifests(ctx.io, files, { namespace: ctx.namespace, enforce: ctx.namespaceGiven })
  if (!loaded.ok) throw new KubectlError(formatKubectlErr(loaded.error))
  const objects: ManifestObject[] = []
  const errors: KubectlErr[] = []
  for (const v of loaded.visits) {
    if ('error' in v) errors.push(v.error)
    else objects.push(v.object)
  }
  return { objects, errors }
}

/** manifestObjects as the targets a command visits (FilenameParam). */
export function fileTargets(ctx: KubectlContext, files: FilenameOptions): { targets: Target[]; errors: KubectlErr[] } {
  const { objects, errors } = manifestObjects(ctx, files)
  return { targets: objects.map((o) => ({ type: o.type, name: o.name, namespace: o.namespace, source: o.source })), errors }
}

export function builderTargets(ctx: KubectlContext, args: ParsedArgs, positionals: readonly string[], allowEmptySelector: boolean): { targets: Target[]; errors: KubectlErr[] } {
  const files = filenameOptions(args)
  if (files.filenames.length > 0) return fileTargets(ctx, files)
  const selector = flagString(args, 'selector')
  if (positionals.length === 1 && !positionals[0].includes('/') && !selector && !allowEmptySelector)
    throw new KubectlError('error: resource(s) were provided, but no name was specified')
  const typeOnly = positionals.length === 1 && !positionals[0].includes('/')
  return resolveTargets(ctx, positionals, { selector: selector || undefined, all: allowEmptySelector && !selector && typeOnly })
}

/** schema.GroupKind's String(): `Deployment.apps`, `Pod`. */
export const groupKind = (t: { kind: string; group: string }): string => (t.group ? `${t.kind}.${t.group}` : t.kind)
