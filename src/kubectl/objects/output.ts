// What the writing commands share: `--dry-run` (cmdutil.GetDryRunStrategy), `-o` and the line
// kubectl prints for each object it touched (the NamePrinter: `deployment.apps/web created`,
// `pod/p created (dry run)`, and just `pod/p` under `-o name`).
import type { KubeObject } from '../../cluster/object.js'
import type { ResourceType } from '../../cluster/resources.js'
import { flagString, type FlagSpec, type ParsedArgs } from '../args.js'
import { KubectlError, type KubectlContext } from '../context.js'
import { goJson } from '../printers/json.js'
import { goYaml } from '../printers/yaml.js'
import { kindPrefix } from '../resolve.js'

export type DryRun = 'none' | 'client' | 'server'

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
  description: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
}

export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  description: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
}

export function dryRunOf(args: ParsedArgs): DryRun {
  const raw = flagString(args, 'dry-run', 'none')
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return 'client' // deprecated boolean form
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return 'none'
  if (raw === 'unchanged' || raw === 'client') return 'client'
  if (raw === 'server' || raw === 'none') return raw
  throw new KubectlError(`error: Invalid dry-run value (${raw}). Must be "none", "server", or "client".`)
}

export const dryRunSuffix = (dryRun: DryRun): string => (dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '')

// As PrintFlags.AllowedFormats joins them: commas, no spaces.
const PRINTER_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'

export type OutputFormat = '' | 'name' | 'yaml' | 'json'

/** `-o`: the formats these commands print themselves; any other known format is not built yet. */
export function outputOf(args: ParsedArgs): OutputFormat {
  const o = flagString(args, 'output').toLowerCase()
  if (o === '' || o === 'name' || o === 'yaml' || o === 'json') return o
  if (/^(go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file)(=.*)?$/.test(o))
    throw new KubectlError(`error: --output ${o.split('=')[0]} is not available in this playground yet; use -o name, -o yaml or -o json`)
  throw new KubectlError(`error: unable to match a printer suitable for the output format "${flagString(args, 'output')}", allowed formats are: ${PRINTER_FORMATS}`)
}

/** `pod/web created`, or the object itself under `-o yaml|json`, or `pod/web` under `-o name`. */
/** `typed`: an object kubectl built itself, whose `-o json` keeps the Go struct's field order. */
export function printObject(ctx: KubectlContext, type: ResourceType, object: KubeObject, operation: string, output: OutputFormat, dryRun: DryRun, typed = false): void {
  const name = `${kindPrefix(type)}/${object.metadata?.name ?? ''}`
  switch (output) {
    case '':
      return ctx.out(`${name} ${operation}${dryRunSuffix(dryRun)}\n`)
    case 'name':
      return ctx.out(`${name}\n`)
    case 'json':
      return ctx.out(`${typed ? typedJson(object) : goJson(object)}\n`)
    case 'yaml':
      return ctx.out(goYaml(object))
    default: {
      const never: never = output
      throw new Error(`unknown output ${String(never)}`)
    }
  }
}

/** The fields of the objects kubectl builds that are Go maps (their keys sorted when encoded), not structs. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'data', 'binaryData', 'stringData', 'matchLabels', 'nodeSelector'])

/**
 * encoding/json's MarshalIndent of a typed object: struct fields in the order built, map keys sorted
 * bytewise (a Service's spec.selector is a map too), and <, > and & escaped as \u003c, \u003e, \u0026.
 */
function typedJson(object: KubeObject): string {
  const sorted = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, o[k]]))
  const isMap = (holder: unknown, key: string, value: unknown): boolean =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && (MAP_FIELDS.has(key) || (key === 'selector' && object.kind === 'Service' && holder === object.spec))
  const text = JSON.stringify(object, function (this: unknown, key, value: unknown) {
    return isMap(this, key, value) ? sorted(value as Record<string, unknown>) : value
  }, 4)
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
