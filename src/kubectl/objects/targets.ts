// Which objects a command acts on, from `TYPE NAME...`, `TYPE/NAME...`, `TYPE -l SELECTOR`,
// `TYPE --all` (all namespaces with -A), as the resource builder's ResourceTypeOrNameArgs reads
// them. Named objects are not fetched here (RequireObject(false)); selections are listed.
import type { StoredObject } from '../../cluster/object.js'
import { qualifiedName, type ResourceType } from '../../cluster/resources.js'
import { KUBECTL, KubectlError, type KubectlContext } from '../context.js'
import { resolveType } from '../resolve.js'
import { enhanceListError, statusErr, type KubectlErr } from './errors.js'

export interface Target {
  readonly type: ResourceType
  readonly name: string
  /** undefined for cluster-scoped resources. */
  readonly namespace: string | undefined
  /** The object as listed, when it came from a selection. */
  readonly object?: StoredObject
  /** The manifest it came from (`-f`), for `error when deleting "<file>"`. */
  readonly source?: string
}

export interface Selection {
  readonly selector?: string
  readonly all?: boolean
  readonly allNamespaces?: boolean
}

function typeNamed(name: string): ResourceType {
  const t = resolveType(name)
  if (!t) throw new KubectlError(`error: the server doesn't have a resource type "${name}"`)
  return t
}

/** The builder's splitResourceTypeName: `type/name`, one slash, both parts, one type. */
function splitResourceTypeName(arg: string): [string, string] {
  const seg = arg.split('/')
  if (seg.length !== 2) throw new KubectlError('error: arguments in resource/name form may not have more than one slash')
  const [resource, name] = seg
  if (resource === '' || name === '' || resource.split(',').filter((r) => r !== '').length !== 1)
    throw new KubectlError('error: arguments in resource/name form must have a single resource and name')
  return [resource, name]
}

/**
 * Resolve positional arguments to targets. Returns the targets and any error met while listing
 * (a bad selector is the server's BadRequest).
 */
export function resolveTargets(ctx: KubectlContext, args: readonly string[], selection: Selection): { targets: Target[]; errors: KubectlErr[] } {
  const ns = (t: ResourceType): string | undefined => (t.namespaced ? ctx.namespace : undefined)
  if (args.length === 0) return { targets: [], errors: [] }
  // hasCombinedTypeArgs: all arguments in resource/name form, or none.
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/')))
      throw new KubectlError(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      )
    const tuples = args.map(splitResourceTypeName)
    // visitBySelector refuses resource/name arguments (--all selects everything, a selector too).
    if (selection.selector || selection.all) throw new KubectlError('error: selectors and the all flag cannot be used when passing resource/name arguments')
    const targets = tuples.map(([resource, name]) => {
      const t = typeNamed(resource)
      return { type: t, name, namespace: ns(t) }
    })
    return { targets, errors: [] }
  }
  const types = args[0].split(',').filter((s) => s !== '').map(typeNamed)
  const names = args.slice(1)
  if (names.length > 0) {
    if (selection.selector) throw new KubectlError('error: name cannot be provided when a selector is specified')
    if (selection.all) throw new KubectlError('error: setting \'all\' parameter but found a non empty selector. ')
    return { targets: types.flatMap((t) => names.map((name) => ({ type: t, name, namespace: ns(t) }))), errors: [] }
  }
  if (!selection.selector && !selection.all) return { targets: [], errors: [] }
  const targets: Target[] = []
  const errors: KubectlErr[] = []
  for (const t of types) {
    const listed = ctx.api.list(KUBECTL, qualifiedName(t), {
      namespace: t.namespaced && !selection.allNamespaces ? ctx.namespace : undefined,
      labelSelector: selection.selector,
    })
    if (!listed.ok) {
      errors.push(statusErr(enhanceListError(listed.error, t, selection.selector ?? '')))
      continue
    }
    for (const o of listed.value.items) targets.push({ type: t, name: o.metadata.name, namespace: t.namespaced ? o.metadata.namespace : undefined, object: o })
  }
  return { targets, errors }
}
