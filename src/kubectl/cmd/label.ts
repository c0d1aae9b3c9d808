// kubectl label (pkg/cmd/label/label.go): `key=value` sets, `key-` removes; an existing key keeps
// its value unless --overwrite. Prints `pod/web labeled`, `not labeled` or `unlabeled`.
import { flagArray } from '../args.js'
import { dryRunOf } from '../objects/output.js'
import { KubectlError, type KubectlCommand } from '../context.js'
import { METADATA_EDIT_FLAGS, resourcesAndPairs, runMetadataEdit } from '../objects/metadata-edit.js'
import { HELP_TEXTS } from '../help-texts.js'

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

/** parseLabels: exactly one `=`, a valid value; or a trailing `-`. */
function parseLabels(specs: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>()
  const remove: string[] = []
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=')
      if (parts.length !== 2) throw new KubectlError(`error: invalid label spec: ${spec}`)
      const problems: string[] = []
      if (parts[1].length > 63) problems.push('must be no more than 63 characters')
      if (!LABEL_VALUE.test(parts[1]))
        problems.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
      if (problems.length > 0) throw new KubectlError(`error: invalid label value: ${JSON.stringify(spec)}: ${problems.join(';')}`)
      set.set(parts[0], parts[1])
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1))
    else throw new KubectlError(`error: unknown label spec: ${spec}`)
  }
  if (remove.some((k) => set.has(k))) throw new KubectlError('error: can not both modify and remove a label in the same command')
  return { set, remove }
}

const label: KubectlCommand = {
  name: 'label',
  short: 'Update the labels on a resource',
  help: HELP_TEXTS.label,
  flags: METADATA_EDIT_FLAGS,
  run(ctx, args) {
    dryRunOf(args) // Complete reads --dry-run first
    const { resources, pairs } = resourcesAndPairs(args.positionals, 'label')
    const { set, remove } = parseLabels(pairs)
    if (args.flags['list'] === true && typeof args.flags['output'] === 'string' && args.flags['output'] !== '') throw new KubectlError('error: --list and --output may not be specified together')
    if (args.flags['all'] === true && args.flags['selector'] !== undefined) throw new KubectlError('error: cannot set --all and --selector at the same time')
    if (resources.length < 1 && flagArray(args, 'filename').length === 0)
      throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>')
    if (set.size < 1 && remove.length < 1) throw new KubectlError('error: at least one label update is required')
    return runMetadataEdit(
      ctx,
      args,
      {
        pairType: 'label',
        field: 'labels',
        check: (current, wanted) => {
          const taken = [...wanted].filter(([k, v]) => k in current && current[k] !== v)
          const messages = taken.map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`)
          return messages.length === 0 ? undefined : messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`
        },
        // updateDataChangeMsg: fewer bytes than before without --overwrite reads as a removal
        message: (before, after, overwrite) => {
          const [b, a] = [JSON.stringify(before), JSON.stringify(after)]
          if (b === a) return 'not labeled'
          return !overwrite && a.length < b.length ? 'unlabeled' : 'labeled'
        },
        notFound: (key) => `label ${JSON.stringify(key)} not found.\n`,
      },
      set,
      remove,
      resources,
    )
  },
}

export default label
