// `kubectl get -w / --watch / --watch-only` (pkg/cmd/get/get.go watch): the current table, then one
// row per change as virtual time passes. The header is printed once, with the first table that has
// rows; every event is flushed on its own, so its row is aligned by itself, as kubectl's are.
// A real watch runs until interrupted; the playground stops after 30 virtual seconds without a
// change, after 10 virtual minutes, at --request-timeout, or at once when nothing is left to act.
import type { Millis } from '../../cluster/clock.js'
import type { StoredObject } from '../../cluster/object.js'
import type { WatchEvent } from '../../cluster/apiserver.js'
import { qualifiedName, type ResourceType } from '../../cluster/resources.js'
import { flagArray, flagBool, flagString, type ParsedArgs } from '../args.js'
import { formatStatusError, KUBECTL, KubectlError, type KubectlContext } from '../context.js'
import { toTable } from '../printers/handlers.js'
import { printObjects, type OutputFormat } from '../printers/output.js'
import { printTable } from '../printers/table.js'
import { kindPrefix } from '../resolve.js'
import { parseGoDuration } from './duration.js'

export const WATCH_QUIET: Millis = 30_000
export const WATCH_CAP: Millis = 10 * 60_000

export interface WatchRequest {
  type: ResourceType
  names: string[]
}

export function runWatch(ctx: KubectlContext, args: ParsedArgs, requests: readonly WatchRequest[], format: OutputFormat): number {
  if (new Set(requests.map((r) => r.type)).size > 1 || requests.length > 1)
    throw new KubectlError('error: watch is only supported on individual resources and resource collections - more than 1 resource was found')
  const [{ type, names }] = requests
  if (names.length > 1) throw new KubectlError('error: watch is only supported on individual resources and resource collections - more than 1 resource was found')
  const allNamespaces = flagBool(args, 'all-namespaces')
  const namespace = type.namespaced && !allNamespaces ? ctx.namespace : undefined
  const limit = watchLimit(flagString(args, 'request-timeout'))
  const name = names[0]
  const fieldSelector = name !== undefined ? `metadata.name=${name}` : flagString(args, 'field-selector') || undefined
  const labelSelector = flagString(args, 'selector') || undefined

  let initial: StoredObject[]
  let resourceVersion: string
  if (name !== undefined) {
    const got = ctx.api.get(KUBECTL, qualifiedName(type), namespace, name)
    if (!got.ok) throw new KubectlError(formatStatusError(got.error))
    initial = [got.value]
    resourceVersion = String(ctx.api.revision)
  } else {
    const listed = ctx.api.list(KUBECTL, qualifiedName(type), { namespace, labelSelector, fieldSelector })
    if (!listed.ok) throw new KubectlError(formatStatusError(listed.error))
    initial = listed.value.items
    resourceVersion = listed.value.metadata.resourceVersion
  }

  let headerPrinted = false
  const print = (objects: readonly StoredObject[]): void => {
    if (format.kind !== 'table') {
      if (objects.length === 0) return
      const text = printObjects(objects, format, { asList: false, noHeaders: flagBool(args, 'no-headers'), allowMissingKeys: true, showManagedFields: false })
      if (text.ok) ctx.out(text.value)
      return
    }
    const text = printTable(toTable(qualifiedName(type), objects, ctx.now(), format.wide), {
      wide: format.wide,
      noHeaders: headerPrinted || flagBool(args, 'no-headers'),
      withNamespace: allNamespaces && type.namespaced,
      kind: flagBool(args, 'show-kind') ? kindPrefix(type) : undefined,
      columnLabels: flagArray(args, 'label-columns').flatMap((l) => l.split(',')).filter((l) => l !== ''),
      showLabels: flagBool(args, 'show-labels'),
    })
    if (objects.length > 0) headerPrinted = true
    ctx.out(text)
  }
  if (!flagBool(args, 'watch-only')) print(initial)

  watchAsTimePasses(ctx, qualifiedName(type), { namespace, labelSelector, fieldSelector, resourceVersion }, limit, (e) => print([e.object]))
  return 0
}

/**
 * Watch `resource` from `options.resourceVersion`, handing each event to `onEvent`, while virtual
 * time passes: until WATCH_QUIET passes without an event, `limit` has passed, or at once when no
 * component has anything left to do (a real watch runs until interrupted).
 */
export function watchAsTimePasses(ctx: KubectlContext, resource: string, options: Parameters<KubectlContext['api']['watch']>[2], limit: Millis, onEvent: (e: WatchEvent) => void): void {
  let events = 0
  const cancel = ctx.api.watch(KUBECTL, resource, options, (e) => {
    events++
    onEvent(e)
  })
  if (!cancel.ok) throw new KubectlError(formatStatusError(cancel.error))
  const end = ctx.now() + limit
  try {
    for (;;) {
      const seen = events
      const wait = Math.min(WATCH_QUIET, end - ctx.now())
      if (wait <= 0 || !ctx.cluster.waitFor(() => events > seen, wait)) break
    }
  } finally {
    cancel.value()
  }
}

/** --request-timeout: `0` (none), a bare number of seconds, or a Go duration; capped by the playground. */
function watchLimit(raw: string): Millis {
  if (raw === '' || raw === '0') return WATCH_CAP
  const parsed = /^\d+$/.test(raw) ? { ok: true as const, value: Number(raw) * 1000 } : parseGoDuration(raw)
  if (!parsed.ok) throw new KubectlError(`error: invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)`)
  return parsed.value > 0 ? Math.min(parsed.value, WATCH_CAP) : WATCH_CAP
}
