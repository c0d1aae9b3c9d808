// kubectl get (kubectl pkg/cmd/get/get.go): the argument grammar, one request per type or name,
// then tables per type (blank line between them, `kind/` names when several kinds are printed) or
// one List for the other formats.
import { flagArray, flagBool, flagString, type FlagSpec, type ParsedArgs } from '../args.js'
import type { KubeObject, StoredObject } from '../../cluster/object.js'
import { qualifiedName, type ResourceType } from '../../cluster/resources.js'
import type { Status } from '../../cluster/status.js'
import { formatStatusError, KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { enhanceListError } from '../objects/errors.js'
import { toTable } from '../printers/handlers.js'
import { parseOutputFormat, printObjects, type OutputFormat } from '../printers/output.js'
import { sortByField } from '../printers/sort.js'
import { printTable } from '../printers/table.js'
import { expandCategory, kindPrefix, resolveType } from '../resolve.js'
import { runWatch } from '../objects/get-watch.js'
import { isRawGet, runRawGet } from '../objects/get-raw.js'
import { HELP_TEXTS } from '../help-texts.js'

const flags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool', description: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'stringArray' },
  { name: 'no-headers', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'show-kind', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
]

/** One requested type, with the names asked for (none: list them all). */
interface Request {
  type: ResourceType
  names: string[]
}

/** What came back for one type: the objects found, in request order. */
interface Found {
  type: ResourceType
  objects: StoredObject[]
}

const get: KubectlCommand = {
  name: 'get',
  short: 'Display one or many resources',
  help: HELP_TEXTS.get,
  flags,
  run(ctx, args) {
    if (isRawGet(args)) return runRawGet(ctx, args)
    if (flagArray(args, 'filename').length > 0) throw new KubectlError('error: get -f is not supported in the kubelings playground; name the resources instead')
    if (args.positionals.length === 0) {
      ctx.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n')
      throw new KubectlError(
        'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
      )
    }
    const output = flagString(args, 'output')
    const format = parseOutputFormat(output, { template: flagString(args, 'template'), readFile: (p) => ctx.io.readFile(p) })
    if (!format.ok) throw new KubectlError(`error: ${format.error}`)
    if (flagBool(args, 'show-labels') && output !== '' && output !== 'wide')
      throw new KubectlError(`error: --show-labels option cannot be used with ${output} printer`)
    const parsed = parseRequests(args.positionals)
    const allNamespaces = flagBool(args, 'all-namespaces')
    const selector = flagString(args, 'selector')
    if (parsed.some((r) => r.names.length > 0)) {
      if (allNamespaces) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces')
      if (selector !== '') throw new KubectlError('error: name cannot be provided when a selector is specified')
    }
    if (flagBool(args, 'watch') || flagBool(args, 'watch-only')) return runWatch(ctx, args, parsed, format.value)
    if (flagBool(args, 'output-watch-events')) throw new KubectlError('error: --output-watch-events option can only be used with --watch or --watch-only')
    return runGet(ctx, args, parsed, format.value)
  },
}

/** `pods`, `pods,svc`, `pods web db`, `pod/web svc/web`, `all`. */
function parseRequests(positionals: readonly string[]): Request[] {
  const slashed = positionals.filter((a) => a.includes('/')).length
  if (slashed > 0 && slashed !== positionals.length)
    throw new KubectlError(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    )
  if (slashed > 0) {
    return positionals.map((a) => {
      const slash = a.indexOf('/')
      const name = a.slice(slash + 1)
      if (name === '') throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`)
      return { type: typeNamed(a.slice(0, slash)), names: [name] }
    })
  }
  const [types, ...names] = positionals
  return types
    .split(',')
    .filter((t) => t !== '')
    .flatMap((t) => expandCategory(t) ?? [typeNamed(t)])
    .map((type) => ({ type, names }))
}

function typeNamed(name: string): ResourceType {
  const type = resolveType(name)
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${name}"`)
  return type
}

function runGet(ctx: KubectlContext, args: ParsedArgs, requests: readonly Request[], format: OutputFormat): number {
  const allNamespaces = flagBool(args, 'all-namespaces')
  const ignoreNotFound = flagBool(args, 'ignore-not-found')
  const errors: string[] = []
  const found: Found[] = []
  /** The builder's infos: one per list, one per object got by name. */
  let tables = 0
  for (const { type, names } of requests) {
    const namespace = type.namespaced ? (allNamespaces ? undefined : ctx.namespace) : undefined
    if (names.length === 0) {
      const labelSelector = flagString(args, 'selector')
      const fieldSelector = flagString(args, 'field-selector')
      const list = ctx.api.list(KUBECTL, qualifiedName(type), { namespace, labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined })
      if (!list.ok) errors.push(formatStatusError(enhanceListError(list.error, type, labelSelector, fieldSelector)))
      else {
        found.push({ type, objects: list.value.items })
        tables++
      }
      continue
    }
    const objects: StoredObject[] = []
    for (const name of names) {
      const got = ctx.api.get(KUBECTL, qualifiedName(type), namespace, name)
      if (got.ok) {
        objects.push(got.value)
        tables++
      } else if (!(ignoreNotFound && isNotFound(got.error))) errors.push(formatStatusError(got.error))
    }
    // Consecutive requests of one type (`pod/a pod/b`) print as one table.
    const last = found[found.length - 1]
    if (last && last.type === type && names.length > 0) last.objects.push(...objects)
    else found.push({ type, objects })
  }

  if (format.kind === 'table') checkTablesSortable(args, tables)
  const printed = format.kind === 'table' ? printTables(ctx, args, found, format.wide) : printGeneric(ctx, args, requests, found, format, errors)
  if (printed === 'nothing' && errors.length === 0 && !ignoreNotFound) {
    const namespaced = !allNamespaces && found.every((f) => f.type.namespaced)
    ctx.err(namespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n')
  }
  for (const e of errors) ctx.err(`${e}\n`)
  return errors.length > 0 ? 1 : 0
}

/**
 * Run's RuntimeSorter, before anything is printed: the builder hands get the server's Tables as
 * unstructured objects, one per list and one per object named, and with more than one it sorts
 * those Tables themselves by the field, which a Table lacks (it has kind, apiVersion, metadata,
 * columnDefinitions and rows): `get pods,svc --sort-by=.metadata.name` fails in kubectl 1.32.
 */
function checkTablesSortable(args: ParsedArgs, tables: number): void {
  const sortBy = flagString(args, 'sort-by')
  if (sortBy === '' || tables <= 1) return
  const table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '' }, columnDefinitions: [], rows: [] }
  const sorted = sortByField(Array.from({ length: tables }, () => table), sortBy, (o) => o)
  if (!sorted.ok) throw new KubectlError(`error: ${sorted.error}`)
}

function isNotFound(status: Status): boolean {
  return status.reason === 'NotFound'
}

/** One table per type, in request order; widths are measured per table. */
function printTables(ctx: KubectlContext, args: ParsedArgs, found: readonly Found[], wide: boolean): 'something' | 'nothing' {
  const kinds = new Set(found.filter((f) => f.objects.length > 0).map((f) => f.type.kind))
  const withKind = flagBool(args, 'show-kind') || kinds.size > 1
  const noHeaders = flagBool(args, 'no-headers')
  let written = false
  for (const { type, objects } of found) {
    let rows = objects
    const sortBy = flagString(args, 'sort-by')
    if (sortBy !== '' && rows.length > 1) {
      const sorted = sortByField(rows, sortBy, (o) => o)
      // SortingPrinter's error (a field no row has) is one that get's Run drops: the table is not
      // printed, and with nothing else printed kubectl says "No resources found".
      if (!sorted.ok && sorted.error.startsWith("couldn't find any field")) continue
      if (!sorted.ok) throw new KubectlError(`error: ${sorted.error}`)
      rows = sorted.value
    }
    const text = printTable(toTable(qualifiedName(type), rows, ctx.now(), wide), {
      wide,
      noHeaders,
      withNamespace: flagBool(args, 'all-namespaces') && type.namespaced,
      kind: withKind ? kindPrefix(type) : undefined,
      columnLabels: flagArray(args, 'label-columns').flatMap((l) => l.split(',')).filter((l) => l !== ''),
      showLabels: flagBool(args, 'show-labels'),
    })
    if (text === '') continue
    // kubectl's separatorWriter: a blank line between the tables of two types.
    if (written && !noHeaders) ctx.out('\n')
    ctx.out(text)
    written = true
  }
  return written ? 'something' : 'nothing'
}

/** json, yaml, name, jsonpath, custom-columns: one object when one was named, else one List. */
function printGeneric(
  ctx: KubectlContext,
  args: ParsedArgs,
  requests: readonly Request[],
  found: readonly Found[],
  format: OutputFormat,
  errors: string[],
): 'something' {
  let objects: KubeObject[] = found.flatMap((f) => f.objects)
  const singleItemImplied = requests.length === 1 && requests[0].names.length === 1
  if (singleItemImplied && errors.length > 0) return 'something'
  if (objects.length === 0 && flagBool(args, 'ignore-not-found')) return 'something'
  const sortBy = flagString(args, 'sort-by')
  if (sortBy !== '' && objects.length > 1) {
    const sorted = sortByField(objects, sortBy, (o) => o)
    if (!sorted.ok) throw new KubectlError(`error: ${sorted.error}`)
    objects = sorted.value
  }
  const text = printObjects(objects, format, {
    asList: !(singleItemImplied && objects.length === 1),
    noHeaders: flagBool(args, 'no-headers'),
    allowMissingKeys: flagBool(args, 'allow-missing-template-keys', true),
    showManagedFields: flagBool(args, 'show-managed-fields'),
  })
  if (!text.ok) {
    errors.push(`error: ${text.error.replace(/\n$/, '')}`)
    return 'something'
  }
  ctx.out(text.value)
  return 'something'
}

export default get
