// Field selectors: each resource supports a few fields (metadata.name, metadata.namespace, and per
// kind ones such as spec.nodeName and status.phase for pods), with =, == and != only.
import { err, ok, type Result } from './result.js'
import type { KubeObject } from './object.js'

export interface FieldRequirement {
  readonly field: string
  readonly op: '=' | '!='
  readonly value: string
}

/** Field paths split once: selectors and indexes read the same few paths over and over. */
const splitPaths = new Map<string, readonly string[]>()

const get = (o: KubeObject, path: string): string => {
  let parts = splitPaths.get(path)
  if (!parts) splitPaths.set(path, (parts = path.split('.')))
  let cur: unknown = o
  for (const part of parts) {
    if (typeof cur !== 'object' || cur === null) return ''
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur === undefined || cur === null ? '' : String(cur)
}

/**
 * The field labels each resource accepts: its field label conversion func upstream
 * (pkg/apis/core/v1/conversion.go and friends). Nodes and namespaces have no metadata.namespace.
 */
const FIELDS: Record<string, readonly string[]> = {
  pods: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    'metadata.namespace',
    'metadata.name',
  ],
  nodes: ['metadata.name', 'spec.unschedulable'],
  namespaces: ['status.phase', 'metadata.name'],
  services: ['metadata.namespace', 'metadata.name'],
  replicasets: ['metadata.name', 'metadata.namespace', 'status.replicas'],
}

/**
 * Field labels a group's version names otherwise than the stored object's selectable fields:
 * events.k8s.io/v1 (AddFieldLabelConversionsForEvent in pkg/apis/events/v1/conversion.go) maps its
 * own names to core's, which the Events in storage are selected by.
 */
const LABEL_CONVERSIONS: Record<string, Readonly<Record<string, string>>> = {
  'events.events.k8s.io': {
    reason: 'reason',
    'regarding.kind': 'involvedObject.kind',
    'regarding.namespace': 'involvedObject.namespace',
    'regarding.name': 'involvedObject.name',
    'regarding.uid': 'involvedObject.uid',
    'regarding.apiVersion': 'involvedObject.apiVersion',
    'regarding.resourceVersion': 'involvedObject.resourceVersion',
    'regarding.fieldPath': 'involvedObject.fieldPath',
    reportingController: 'reportingComponent',
    source: 'source',
    type: 'type',
    'metadata.namespace': 'metadata.namespace',
    'metadata.name': 'metadata.name',
  },
}

/** Kinds without a conversion func of their own get runtime.DefaultMetaV1FieldSelectorConversion. */
const META_FIELDS = ['metadata.name', 'metadata.namespace']

function unsupported(resource: string, field: string): string {
  return FIELDS[resource]
    ? `field label not supported: ${field}`
    : `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`
}

export function fieldValue(resource: string, o: KubeObject, field: string): string {
  if (resource === 'events' && field === 'source') return get(o, 'source.component') || get(o, 'reportingComponent')
  if (resource === 'events' && field === 'reportingComponent') return get(o, 'reportingComponent')
  if (resource === 'pods' && field === 'spec.hostNetwork') return get(o, field) === 'true' ? 'true' : 'false'
  if (resource === 'pods' && field === 'spec.serviceAccountName') return get(o, 'spec.serviceAccountName')
  return get(o, field)
}

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}
  matches(resource: string, o: KubeObject): boolean {
    return this.requirements.every((r) => (fieldValue(resource, o, r.field) === r.value) === (r.op === '='))
  }
}

/**
 * Parse `status.phase=Running,spec.nodeName!=node-1` for `resource`. An unsupported field gets the
 * apiserver's message: `field label not supported: foo`, or for kinds that only know metadata fields
 * `"foo" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 */
export function parseFieldSelector(resource: string, text: string): Result<FieldSelector, string> {
  // fields.ParseSelector: terms split at unescaped commas and sorted, empty ones skipped, no
  // trimming; each term split at its first operator; the value unescaped (`\\`, `\,`, `\=`).
  const reqs: FieldRequirement[] = []
  for (const part of splitTerms(text).sort()) {
    if (part === '') continue
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(part)
    if (!m) return err(`invalid selector: '${text}'; can't understand '${part}'`)
    const [, field, op, raw] = m
    const value = unescapeValue(raw)
    if (!value.ok) return value
    reqs.push({ field, op: op === '!=' ? '!=' : '=', value: value.value })
  }
  // Then each term's field label goes through the kind's conversion func, in that sorted order.
  const conversion = LABEL_CONVERSIONS[resource]
  if (conversion) {
    const converted: FieldRequirement[] = []
    for (const r of reqs) {
      const field = Object.hasOwn(conversion, r.field) ? conversion[r.field] : undefined
      if (field === undefined) return err(`field label not supported: ${r.field}`)
      converted.push({ ...r, field })
    }
    return ok(new FieldSelector(converted))
  }
  for (const r of reqs) if (!(FIELDS[resource] ?? META_FIELDS).includes(r.field)) return err(unsupported(resource, r.field))
  return ok(new FieldSelector(reqs))
}

function splitTerms(text: string): string[] {
  if (text === '') return []
  const terms: string[] = []
  let start = 0
  let inSlash = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inSlash) inSlash = false
    else if (c === '\\') inSlash = true
    else if (c === ',') {
      terms.push(text.slice(start, i))
      start = i + 1
    }
  }
  terms.push(text.slice(start))
  return terms
}

function unescapeValue(s: string): Result<string, string> {
  let out = ''
  let inSlash = false
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return err(`invalid field selector: invalid escape sequence: \\${c}`)
      out += c
      inSlash = false
    } else if (c === '\\') inSlash = true
    // Go prints the rune with %v: its code point.
    else if (c === ',' || c === '=') return err(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`)
    else out += c
  }
  if (inSlash) return err('invalid field selector: invalid escape sequence: \\')
  return ok(out)
}
