// kubectl describe (pkg/cmd/describe/describe.go): resolve the arguments to objects, describe each,
// separate them by a blank line; a NAME that matches nothing is tried as a name prefix.
import type { StoredObject } from '../../cluster/object.js'
import { qualifiedName, type ResourceType } from '../../cluster/resources.js'
import type { Status } from '../../cluster/status.js'
import { flagBool, flagString, type ParsedArgs } from '../args.js'
import { formatStatusError, KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { enhanceListError } from '../objects/errors.js'
import { describerFor, type DescriberSettings } from '../describe/index.js'
import { expandCategory, resolveType } from '../resolve.js'
import { HELP_TEXTS } from '../help-texts.js'

/** One object to describe, or the error met while finding it. */
type Found = { type: ResourceType; namespace: string; name: string } | { error: Status }

function resolve(name: string): ResourceType[] {
  const t = resolveType(name)
  if (t) return [t]
  const members = expandCategory(name)
  if (members) return members
  throw new KubectlError(`error: the server doesn't have a resource type "${name}"`)
}

function namespaceOf(ctx: KubectlContext, t: ResourceType, allNamespaces: boolean): string | undefined {
  if (!t.namespaced) return undefined
  return allNamespaces ? undefined : ctx.namespace
}

/** The builder's view of `TYPE[,TYPE] [NAME...]` and `TYPE/NAME...`, in argument order. */
function find(ctx: KubectlContext, args: readonly string[], selector: string, allNamespaces: boolean): Found[] {
  const found: Found[] = []
  const get = (t: ResourceType, name: string): void => {
    const got = ctx.api.get(KUBECTL, qualifiedName(t), namespaceOf(ctx, t, false), name)
    found.push(got.ok ? { type: t, namespace: got.value.metadata.namespace ?? '', name } : { error: got.error })
  }
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const slash = a.indexOf('/')
      if (slash < 0)
        throw new KubectlError(
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        )
      for (const t of resolve(a.slice(0, slash))) get(t, a.slice(slash + 1))
    }
    return found
  }
  const types = args[0].split(',').flatMap(resolve)
  const names = args.slice(1)
  if (names.length > 0 && selector) throw new KubectlError('error: name cannot be provided when a selector is specified')
  for (const t of types) {
    if (names.length > 0) {
      for (const name of names) get(t, name)
      continue
    }
    const listed = ctx.api.list(KUBECTL, qualifiedName(t), { namespace: namespaceOf(ctx, t, allNamespaces), labelSelector: selector })
    if (!listed.ok) found.push({ error: enhanceListError(listed.error, t, selector) })
    else for (const o of listed.value.items) found.push({ type: t, namespace: o.metadata.namespace ?? '', name: o.metadata.name })
  }
  return found
}

function describeMatching(ctx: KubectlContext, original: Status, typeArg: string, prefix: string, settings: DescriberSettings): number {
  const [t] = resolve(typeArg)
  const listed = ctx.api.list(KUBECTL, qualifiedName(t), { namespace: namespaceOf(ctx, t, false) })
  if (!listed.ok) throw new KubectlError(formatStatusError(listed.error))
  const matching = listed.value.items.filter((o: StoredObject) => o.metadata.name.startsWith(prefix))
  if (matching.length === 0) throw new KubectlError(formatStatusError(original))
  for (const o of matching) {
    const described = describerFor(t)(ctx, o.metadata.namespace ?? '', o.metadata.name, settings)
    if (!described.ok) throw new KubectlError(formatStatusError(described.error))
    ctx.out(`${described.value}\n`)
  }
  return 0
}

const describe: KubectlCommand = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  help: HELP_TEXTS.describe,
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  run(ctx: KubectlContext, args: ParsedArgs): number {
    const positionals = args.positionals
    if (positionals.length === 0)
      throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.')
    const allNamespaces = flagBool(args, 'all-namespaces')
    const selector = flagString(args, 'selector')
    const settings: DescriberSettings = { showEvents: flagBool(args, 'show-events', true) }
    const found = find(ctx, positionals, selector, allNamespaces)
    const errors = found.flatMap((f) => ('error' in f ? [f.error] : []))
    const objects = found.flatMap((f) => ('error' in f ? [] : [f]))
    if (errors.length > 0 && errors[0].reason === 'NotFound' && positionals.length === 2 && !positionals[0].includes('/'))
      return describeMatching(ctx, errors[0], positionals[0], positionals[1], settings)
    const messages: string[] = errors.map((e) => formatStatusError(e))
    let first = true
    for (const o of objects) {
      const described = describerFor(o.type)(ctx, o.namespace, o.name, settings)
      if (!described.ok) {
        const message = formatStatusError(described.error)
        if (!messages.includes(message)) messages.push(message)
        continue
      }
      ctx.out(first ? described.value : `\n\n${described.value}`)
      first = false
    }
    if (objects.length === 0 && messages.length === 0)
      ctx.err(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`)
    if (messages.length > 0) {
      ctx.err(messages.map((m) => `${m}\n`).join(''))
      return 1
    }
    return 0
  },
}

export default describe
