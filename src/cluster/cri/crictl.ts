// `crictl` (kubernetes-sigs/cri-tools v1.32.0, cmd/crictl) against the runtime of one simulated node:
// `pods`, `ps`, `inspectp` and `inspect`, printed as crictl prints them. Tables go through Go's
// tabwriter with crictl's settings (minwidth 20, padding 3); IDs are cut to 13 characters; CREATED is
// docker/go-units HumanDuration + " ago". Lists are newest first (sandboxByCreated, containerByCreated).
import type { Millis } from '../clock.js'
import { findByIdPrefix, listContainers, listImages, listPodSandboxes, type CriContainer, type CriSandbox, type NodeRuntimeView } from './view.js'
import { inspectContainerJson, inspectSandboxJson } from './inspect.js'

export interface CrictlOutput {
  stdout: string
  stderr: string
  exitCode: number
}

const TRUNCATED_ID_LEN = 13

/** docker/go-units HumanDuration, as crictl's CREATED column uses it. */
export function humanDuration(ms: Millis): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < 1) return 'Less than a second'
  if (seconds === 1) return '1 second'
  if (seconds < 60) return `${seconds} seconds`
  const minutes = Math.trunc(ms / 60_000)
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  const hours = Math.trunc(ms / 3_600_000 + 0.5)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`
}

/** Go's text/tabwriter with minwidth 20, tabwidth 1, padding 3, padchar ' ', flags 0 (newDefaultTableDisplay). */
export function tabwrite(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => { if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 20, cell.length + 3) })
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]) : cell)).join('') + '\n').join('')
}

const truncate = (id: string, prefix = ''): string => (id.startsWith(prefix) ? id.slice(prefix.length) : id).slice(0, TRUNCATED_ID_LEN)

const SANDBOX_STATES: Record<CriSandbox['state'], string> = { SANDBOX_READY: 'Ready', SANDBOX_NOTREADY: 'NotReady' }
const CONTAINER_STATES: Record<CriContainer['state'], string> = { CONTAINER_CREATED: 'Created', CONTAINER_RUNNING: 'Running', CONTAINER_EXITED: 'Exited', CONTAINER_UNKNOWN: 'Unknown' }

interface Parsed {
  command?: string
  args: string[]
  flags: Map<string, string | true>
}

/** Flags with a value (the rest are booleans), by their long names; aliases map to them. */
const VALUE_FLAGS = new Set(['id', 'name', 'namespace', 'state', 'label', 'output', 'last', 'pod', 'image', 'template'])
const ALIASES: Record<string, string> = { s: 'state', v: 'verbose', q: 'quiet', o: 'output', l: 'latest', n: 'last', a: 'all', p: 'pod' }

function parse(argv: readonly string[]): Parsed | string {
  const flags = new Map<string, string | true>()
  const args: string[] = []
  let command: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a.startsWith('-') && a !== '-') {
      const [rawName, inline] = a.replace(/^--?/, '').split(/=(.*)/s, 2)
      const names = a.startsWith('--') || rawName.length === 1 ? [rawName] : [...rawName] // -aq: UseShortOptionHandling
      for (const [k, n] of names.entries()) {
        const name = ALIASES[n] ?? n
        if (VALUE_FLAGS.has(name) && k === names.length - 1) {
          const value = inline ?? argv[++i]
          if (value === undefined) return `flag needs an argument: -${a.startsWith('--') ? '-' : ''}${rawName}`
          flags.set(name, value)
        } else flags.set(name, true)
      }
      continue
    }
    if (command === undefined) command = a
    else args.push(a)
  }
  return { command, args, flags }
}

const str = (p: Parsed, name: string): string => {
  const v = p.flags.get(name)
  return typeof v === 'string' ? v : ''
}

/** Run one crictl command line against a node's runtime. Never throws for bad input. */
export function runCrictl(view: NodeRuntimeView, argv: readonly string[]): CrictlOutput {
  const p = parse(argv)
  if (typeof p === 'string') return fatal(p)
  switch (p.command) {
    case 'pods': return ok(pods(view, p))
    case 'ps': return ok(ps(view, p))
    case 'images': case 'image': case 'img': return ok(images(view, p))
    case 'inspectp': return inspect(view, p, 'sandbox')
    case 'inspect': return inspect(view, p, 'container')
    case undefined: return ok(USAGE)
    default: return { stdout: `No help topic for '${p.command}'\n`, stderr: '', exitCode: 3 }
  }
}

const ok = (stdout: string): CrictlOutput => ({ stdout, stderr: '', exitCode: 0 })
/** logrus.Fatal as a terminal shows it. */
const fatal = (message: string): CrictlOutput => ({ stdout: '', stderr: `FATA[0000] ${message}\n`, exitCode: 1 })

const matches = (pattern: string, value: string): boolean => {
  if (pattern === '') return true
  try { return new RegExp(pattern).test(value) } catch { return false }
}

/** --latest and --last N keep the newest ones. */
function limit<T>(items: T[], p: Parsed): T[] {
  const last = Number(str(p, 'last') || 0)
  const n = p.flags.has('latest') ? 1 : last > 0 ? last : items.length
  return items.slice(0, n)
}

function pods(view: NodeRuntimeView, p: Parsed): string {
  const state = str(p, 'state').toLowerCase()
  let items = listPodSandboxes(view)
    .filter((s) => !str(p, 'id') || s.id.startsWith(str(p, 'id')))
    .filter((s) => !state || (state === 'ready') === (s.state === 'SANDBOX_READY'))
    .filter((s) => matches(str(p, 'name'), s.metadata.name) && matches(str(p, 'namespace'), s.metadata.namespace))
    .sort((a, b) => b.createdAt - a.createdAt)
  items = limit(items, p)
  if (p.flags.has('quiet')) return items.map((s) => `${s.id}\n`).join('')
  if (str(p, 'output') === 'json') return `${JSON.stringify({ items: items.map(sandboxJson) }, null, 2)}\n`
  const noTrunc = p.flags.has('no-trunc')
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']]
  for (const s of items) {
    rows.push([noTrunc ? s.id : truncate(s.id), `${humanDuration(view.now - s.createdAt)} ago`, SANDBOX_STATES[s.state], s.metadata.name, s.metadata.namespace, String(s.metadata.attempt), s.runtimeHandler || '(default)'])
  }
  return tabwrite(rows)
}

function ps(view: NodeRuntimeView, p: Parsed): string {
  const state = str(p, 'state').toLowerCase()
  const wanted = state ? `CONTAINER_${state.toUpperCase()}` : p.flags.has('all') || p.flags.has('latest') || p.flags.has('last') ? undefined : 'CONTAINER_RUNNING'
  const sandboxes = listPodSandboxes(view)
  const podId = str(p, 'pod') ? findByIdPrefix(sandboxes, str(p, 'pod'))?.id ?? str(p, 'pod') : ''
  let items = listContainers(view)
    .filter((c) => !wanted || c.state === wanted)
    .filter((c) => !str(p, 'id') || c.id.startsWith(str(p, 'id')))
    .filter((c) => !podId || c.podSandboxId === podId)
    .filter((c) => matches(str(p, 'name'), c.metadata.name) && matches(str(p, 'namespace'), c.labels['io.kubernetes.pod.namespace']))
    .sort((a, b) => b.createdAt - a.createdAt)
  items = limit(items, p)
  if (p.flags.has('quiet')) return items.map((c) => `${c.id}\n`).join('')
  if (str(p, 'output') === 'json') return `${JSON.stringify({ containers: items.map(containerJson) }, null, 2)}\n`
  const noTrunc = p.flags.has('no-trunc')
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']]
  for (const c of items) {
    rows.push([
      noTrunc ? c.id : truncate(c.id),
      // The kubelet gives containerd the image ID; crictl shows it without `sha256:`, cut to 13.
      noTrunc ? c.image : truncate(c.image, 'sha256:'),
      `${humanDuration(view.now - c.createdAt)} ago`,
      CONTAINER_STATES[c.state],
      c.metadata.name,
      String(c.metadata.attempt),
      noTrunc ? c.podSandboxId : truncate(c.podSandboxId),
      c.labels['io.kubernetes.pod.name'],
      c.labels['io.kubernetes.pod.namespace'],
    ])
  }
  return tabwrite(rows)
}

/** docker/go-units HumanSizeWithPrecision(size, 3): decimal units, `%.3g` (72.2MB, 320kB, 2.17MB). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB']
  let size = bytes
  let i = 0
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000
    i++
  }
  return `${Number(size.toPrecision(3))}${units[i]}`
}

/** crictl images: IMAGE, TAG, IMAGE ID, SIZE, one row per tag, ordered by the first tag (imageByRef). */
function images(view: NodeRuntimeView, p: Parsed): string {
  const items = listImages(view).sort((a, b) => (a.repoTags[0] ?? a.id).localeCompare(b.repoTags[0] ?? b.id))
  if (p.flags.has('quiet')) return items.map((i) => `${i.id}\n`).join('')
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']]
  for (const image of items) {
    const id = p.flags.has('no-trunc') ? image.id : truncate(image.id, 'sha256:')
    const name = image.repoDigests[0]?.split('@')[0] ?? ''
    const tags = image.repoTags.length ? image.repoTags.map((t) => [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)]) : [[name, '<none>']]
    for (const [repo, tag] of tags) rows.push([repo, tag, id, humanSize(image.size)])
  }
  return tabwrite(rows)
}

function inspect(view: NodeRuntimeView, p: Parsed, kind: 'sandbox' | 'container'): CrictlOutput {
  if (p.args.length === 0) return { stdout: '', stderr: `FATA[0000] ID cannot be empty\n`, exitCode: 1 }
  const out: unknown[] = []
  for (const id of p.args) {
    if (kind === 'sandbox') {
      const s = findByIdPrefix(listPodSandboxes(view), id)
      if (!s) return fatal(`get the status of pod sandboxes: get pod sandbox status: rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`)
      out.push(inspectSandboxJson(s, view))
    } else {
      const c = findByIdPrefix(listContainers(view), id)
      if (!c) return fatal(`getting the status of the container: get container status: rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`)
      out.push(inspectContainerJson(c, view))
    }
  }
  // outputStatusData: one entry is printed alone, several as an array; keys come out sorted (Go maps).
  return ok(`${goJson(out.length === 1 ? out[0] : out)}\n`)
}

/** encoding/json of maps (sorted keys) re-indented by json.Indent: 2 spaces, `<`, `>`, `&` escaped. */
export function goJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort)
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
    return v
  }
  return JSON.stringify(sort(value), null, 2).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

/** protojson's int64 nanoseconds, as a string. */
const nanos = (ms: Millis): string => `${ms}000000`

function sandboxJson(s: CriSandbox): unknown {
  return { id: s.id, metadata: s.metadata, state: s.state, createdAt: nanos(s.createdAt), labels: s.labels, annotations: s.annotations, runtimeHandler: s.runtimeHandler }
}

function containerJson(c: CriContainer): unknown {
  return {
    id: c.id, podSandboxId: c.podSandboxId, metadata: c.metadata, image: { image: c.image, annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
    imageRef: c.imageRef, state: c.state, createdAt: nanos(c.createdAt), labels: c.labels, annotations: {}, imageId: '',
  }
}

const USAGE = `NAME:
   crictl - client for CRI

USAGE:
   crictl --node NAME command [command options]

COMMANDS (the ones kubelings' simulated runtime answers):
   images, image, img  List images
   inspect             Display the status of one or more containers
   inspectp            Display the status of one or more pods
   pods                List pods
   ps                  List containers
`
