// kubectl events (pkg/cmd/events, GA in 1.26): the events of a namespace (or -A), or of one object
// (--for TYPE/NAME, by involvedObject kind, apiVersion and name), oldest first by their last time,
// in kubectl's own columns: LAST SEEN, TYPE, REASON, OBJECT as Kind/name, MESSAGE. -w prints the
// events there are, in the order the apiserver lists them, then each new one as virtual time passes,
// stopping as `get -w` does in the playground.
import type { Event } from 'kubernetes-types/core/v1.js'
import type { StoredObject } from '../../cluster/object.js'
import { flagArray, flagBool, flagString, type ParsedArgs } from '../args.js'
import { formatStatusError, KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { goSort } from '../describe/sort.js'
import { age } from '../format/time.js'
import { WATCH_CAP, watchAsTimePasses } from '../objects/get-watch.js'
import { goJsonInOrder } from '../printers/json.js'
import { parseOutputFormat, printObjects, type OutputFormat } from '../printers/output.js'
import { escapeTerminal, tabwriter } from '../printers/table.js'
import { resolveType } from '../resolve.js'

const HELP = `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.

Examples:
  # List recent events in the default namespace
  kubectl events
  
  # List recent events in all namespaces
  kubectl events --all-namespaces
  
  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch
  
  # List recent events in YAML format
  kubectl events -oyaml
  
  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal

Options:
    -A, --all-namespaces=false:
	If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.

    --chunk-size=500:
	Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.

    --for='':
	Filter events to only those pertaining to the specified resource.

    --no-headers=false:
	When using the default output format, don't print headers.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --types=[]:
	Output only events of given types.

    -w, --watch=false:
	After listing the requested events, watch for more events.

Usage:
  kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`

type EventObject = StoredObject & Event

/** getInterval: the first time (eventTime, else firstTimestamp), with the series or the count. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? age(e.eventTime, now) : age(e.firstTimestamp, now)
  if (e.series) return `${age(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`
  if ((e.count ?? 0) > 1) return `${age(e.lastTimestamp, now)} (x${e.count} over ${first})`
  return first
}

/** SortableEvents' time: the series' last observation, else lastTimestamp, else eventTime. */
function sortTime(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime
  return t ? Date.parse(t) : Number.NEGATIVE_INFINITY
}

// -o: kubectl prints the typed corev1.EventList it assembled (kind EventList, `metadata: {}`), each
// item a corev1.Event with its kind set. encoding/json writes a struct's fields in their order and
// keeps the ones without omitempty even when empty: `source: {}`, null times, "" reporting fields.
const OBJECT_META = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'] as const
const OBJECT_REFERENCE = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const

/** The formats EventsFlags' printer takes (no table of its own to widen, no custom columns). */
const EVENT_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml']

function inOrder<T extends object>(value: T | undefined, fields: readonly (keyof T & string)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) if (value?.[f] !== undefined) out[f] = value[f]
  return out
}

/** A corev1.Event as encoding/json writes it, without managedFields unless shown. */
function typedEvent(e: EventObject, showManagedFields: boolean): Record<string, unknown> {
  const metadata = inOrder(e.metadata, OBJECT_META)
  metadata.creationTimestamp ??= null
  if (!showManagedFields) delete metadata.managedFields
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata,
    involvedObject: inOrder(e.involvedObject, OBJECT_REFERENCE),
    reason: e.reason || undefined,
    message: e.message || undefined,
    source: inOrder(e.source, ['component', 'host']),
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    count: e.count || undefined,
    type: e.type || undefined,
    eventTime: e.eventTime ?? null,
    series: e.series ? { count: e.series.count || undefined, lastObservedTime: e.series.lastObservedTime ?? null } : undefined,
    action: e.action || undefined,
    related: e.related ? inOrder(e.related, OBJECT_REFERENCE) : undefined,
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  }
}

/** What the printer of `-o` writes for `object` (the EventList, or one Event under -w), its `---` aside. */
function printTyped(object: Record<string, unknown>, format: OutputFormat, args: ParsedArgs): string {
  if (format.kind === 'json') return `${goJsonInOrder(object)}\n`
  // The name printer refuses a typed list ("list types are not supported by name printing:
  // *v1.EventList"), and Run drops PrintObj's error: `kubectl events -o name` prints nothing and
  // succeeds. A watched event is one object, which it names.
  if (format.kind === 'name' && Array.isArray(object.items)) return ''
  const text = printObjects([object as unknown as StoredObject], format, {
    showManagedFields: true, // typedEvent already dropped them unless asked
    allowMissingKeys: flagBool(args, 'allow-missing-template-keys'),
  })
  if (!text.ok) throw new KubectlError(`error: ${text.error}`)
  return text.value
}

function rows(events: readonly Event[], now: number, allNamespaces: boolean): string[][] {
  return events.map((e) => [
    ...(allNamespaces ? [e.metadata?.namespace ?? ''] : []),
    interval(e, now),
    escapeTerminal(e.type ?? ''),
    escapeTerminal(e.reason ?? ''),
    `${escapeTerminal(e.involvedObject.kind ?? '')}/${escapeTerminal(e.involvedObject.name ?? '')}`,
    escapeTerminal((e.message ?? '').trim()),
  ])
}

const heading = (allNamespaces: boolean): string[] => [...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']

/** --for TYPE/NAME as a field selector on involvedObject (decodeResourceTypeName). */
function forSelector(value: string): string | undefined {
  if (value === '') return undefined
  if (!value.includes('/')) throw new KubectlError('error: --for must be in resource/name form')
  const parts = value.split('/')
  if (parts.length !== 2) throw new KubectlError('error: arguments in resource/name form may not have more than one slash')
  const type = resolveType(parts[0])
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${parts[0].toLowerCase()}"`)
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version
  return `involvedObject.kind=${type.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${parts[1]}`
}

const events: KubectlCommand = {
  name: 'events',
  short: 'List events',
  help: HELP,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  run(ctx, args) {
    const allNamespaces = flagBool(args, 'all-namespaces')
    const fieldSelector = forSelector(flagString(args, 'for'))
    const types = flagArray(args, 'types').flatMap((t) => t.split(','))
    if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) throw new KubectlError('error: valid --types are Normal or Warning')
    const wanted = (e: Event): boolean => types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())
    // Complete: the printer is made before anything is listed.
    const output = flagString(args, 'output')
    let format: OutputFormat | undefined
    if (output !== '') {
      const parsed = parseOutputFormat(output, { template: flagString(args, 'template'), readFile: (p) => ctx.io.readFile(p), allowed: EVENT_FORMATS })
      if (!parsed.ok) throw new KubectlError(`error: ${parsed.error}`)
      format = parsed.value
    }
    const namespace = allNamespaces ? undefined : ctx.namespace
    if (flagBool(args, 'watch')) return watch(ctx, args, namespace, fieldSelector, wanted, format)

    const listed = ctx.api.list(KUBECTL, 'events', { namespace, fieldSelector })
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.error))
    const found = goSort((listed.value.items as EventObject[]).filter(wanted), (a, b) => sortTime(a) < sortTime(b))
    if (found.length === 0) {
      ctx.err(allNamespaces ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`)
      return 0
    }
    if (format) {
      const showManagedFields = flagBool(args, 'show-managed-fields')
      ctx.out(printTyped({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items: found.map((e) => typedEvent(e, showManagedFields)) }, format, args))
      return 0
    }
    const header = flagBool(args, 'no-headers') ? [] : [heading(allNamespaces)]
    ctx.out(tabwriter([...header, ...rows(found, ctx.now(), allNamespaces)]))
    return 0
  },
}

/**
 * runWatch: every event as the watch delivers it (the current ones first, in list order), each
 * flushed alone; under -o each Event printed on its own (YAML documents after the first behind `---`).
 */
function watch(ctx: KubectlContext, args: ParsedArgs, namespace: string | undefined, fieldSelector: string | undefined, wanted: (e: Event) => boolean, format: OutputFormat | undefined): number {
  const allNamespaces = namespace === undefined
  let header = !flagBool(args, 'no-headers')
  let printed = 0
  const print = (e: EventObject): void => {
    if (!wanted(e)) return
    if (format) ctx.out(`${format.kind === 'yaml' && printed > 0 ? '---\n' : ''}${printTyped(typedEvent(e, flagBool(args, 'show-managed-fields')), format, args)}`)
    else ctx.out(tabwriter([...(header ? [heading(allNamespaces)] : []), ...rows([e], ctx.now(), allNamespaces)]))
    header = false
    printed++
  }
  const listed = ctx.api.list(KUBECTL, 'events', { namespace, fieldSelector })
  if (!listed.ok) throw new KubectlError(formatStatusError(listed.error))
  for (const e of listed.value.items as EventObject[]) print(e)
  watchAsTimePasses(ctx, 'events', { namespace, fieldSelector, resourceVersion: listed.value.metadata.resourceVersion }, WATCH_CAP, (e) => {
    // Events are deleted after an hour: that is not printed.
    if (e.type !== 'DELETED') print(e.object as EventObject)
  })
  return 0
}

export default events
