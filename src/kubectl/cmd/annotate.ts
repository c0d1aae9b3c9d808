// kubectl annotate (pkg/cmd/annotate/annotate.go): `key=value` sets, `key-` removes; an existing
// key keeps its value unless --overwrite. Prints `pod/web annotated`.
import { flagArray } from '../args.js'
import { dryRunOf } from '../objects/output.js'
import { KubectlError, type KubectlCommand } from '../context.js'
import { METADATA_EDIT_FLAGS, resourcesAndPairs, runMetadataEdit } from '../objects/metadata-edit.js'
import { HELP_TEXTS } from '../help-texts.js'

/** cmdutil.ParsePairs(args, "annotation", true): `k=v` (split at the first `=`) or `k-`. */
function parseAnnotations(specs: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>()
  const remove: string[] = []
  const invalid: string[] = []
  for (const spec of specs) {
    if (spec.includes('=') && !spec.startsWith('=')) {
      const at = spec.indexOf('=')
      set.set(spec.slice(0, at), spec.slice(at + 1))
    } else if (spec.endsWith('-') && spec !== '-') remove.push(spec.slice(0, -1))
    else invalid.push(spec)
  }
  if (invalid.length > 0) throw new KubectlError(`error: invalid annotation format: ${invalid.join(', ')}`)
  const both = remove.filter((k) => set.has(k))
  if (both.length > 0) throw new KubectlError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`)
  return { set, remove }
}

const annotate: KubectlCommand = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  help: HELP_TEXTS.annotate,
  flags: METADATA_EDIT_FLAGS,
  run(ctx, args) {
    dryRunOf(args) // Complete reads --dry-run first
    const { resources, pairs } = resourcesAndPairs(args.positionals, 'annotation')
    const { set, remove } = parseAnnotations(pairs)
    if (args.flags['list'] === true && typeof args.flags['output'] === 'string' && args.flags['output'] !== '') throw new KubectlError('error: --list and --output may not be specified together')
    if (args.flags['all'] === true && args.flags['selector'] !== undefined) throw new KubectlError('error: cannot set --all and --selector at the same time')
    if (resources.length < 1 && flagArray(args, 'filename').length === 0)
      throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>')
    if (set.size < 1 && remove.length < 1) throw new KubectlError('error: at least one annotation update is required')
    return runMetadataEdit(
      ctx,
      args,
      {
        pairType: 'annotation',
        field: 'annotations',
        check: (current, wanted) => {
          const taken = [...wanted].filter(([k, v]) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== v)
          if (taken.length === 0) return undefined
          return `--overwrite is false but found the following declared annotation(s): ${taken.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`
        },
        message: () => 'annotated',
      },
      set,
      remove,
      resources,
    )
  },
}

export default annotate
