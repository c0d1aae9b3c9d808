// The errors a kubectl command collects while it visits objects, and how kubectl prints them at
// the end (cmd/util/helpers.go checkErr). A command that continues on error (apply, create, delete
// with several objects) gathers them into an aggregate; one error prints alone, several print one
// per line without the `error: ` prefix (MultipleErrors).
import type { ResourceType } from '../../cluster/resources.js'
import type { Status } from '../../cluster/status.js'
import { formatStatusError } from '../context.js'
import { goQuote } from '../printers/json.js'

/** A Go `error` as kubectl handles it: an API Status, a plain message, or an aggregate. */
export type KubectlErr = { status: Status } | { message: string } | { errors: KubectlErr[] }

export const messageErr = (message: string): KubectlErr => ({ message })

/**
 * An API error of a write to an object read from a file: the message gains
 * `error when <verb> "<file>": ` (cmdutil.AddSourceToErr); without a file it is unchanged.
 */
export function statusErr(status: Status, verb?: string, source?: string): KubectlErr {
  if (!verb || !source) return { status }
  return { status: { ...status, message: `error when ${verb} "${source}": ${status.message}` } }
}

/**
 * resource.EnhanceListError, what the builder makes of a LIST's BadRequest or NotFound: the
 * message names the resource (its GroupVersionResource: `/v1, Resource=pods`) and the selectors.
 */
export function enhanceListError(status: Status, t: ResourceType, labelSelector = '', fieldSelector = ''): Status {
  if (status.reason !== 'BadRequest' && status.reason !== 'NotFound') return status
  const subject = `${t.group}/${t.version}, Resource=${t.resource}`
  const message =
    labelSelector === '' && fieldSelector === ''
      ? `Unable to list ${goQuote(subject)}: ${status.message}`
      : `Unable to find ${goQuote(subject)} that match label selector ${goQuote(labelSelector)}, field selector ${goQuote(fieldSelector)}: ${status.message}`
  return { ...status, message }
}

/** utilerrors.NewAggregate: nothing for no errors, the aggregate otherwise (even of one). */
export function aggregate(errors: readonly KubectlErr[]): KubectlErr | undefined {
  return errors.length === 0 ? undefined : { errors: [...errors] }
}

/** ContinueOnErrorVisitor and apply's Run: one error is returned as itself, several aggregated. */
export function oneOrAggregate(errors: readonly KubectlErr[]): KubectlErr | undefined {
  return errors.length === 1 ? errors[0] : aggregate(errors)
}

/** Go's `err.Error()`: an aggregate of several reads `[a, b]` with duplicates dropped. */
export function errorText(e: KubectlErr): string {
  if ('status' in e) return e.status.message
  if ('message' in e) return e.message
  const seen = [...new Set(e.errors.map(errorText))]
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`
}

/** StandardErrorMessage, else the error's text. */
function messageForError(e: KubectlErr): string {
  if ('status' in e) return `Error from server (${e.status.reason}): ${e.status.message}`
  return errorText(e)
}

/** checkErr: the text kubectl prints for the error a command returns (always ends in a newline). */
export function formatKubectlErr(e: KubectlErr): string {
  if ('errors' in e && e.errors.length === 1) e = e.errors[0]
  if ('status' in e) return line(formatStatusError(e.status))
  if ('errors' in e) return e.errors.map((x) => `${messageForError(x)}\n`).join('')
  return line(e.message.startsWith('error: ') ? e.message : `error: ${e.message}`)
}

const line = (s: string): string => (s.endsWith('\n') ? s : `${s}\n`)
