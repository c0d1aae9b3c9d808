// A dev/test bridge: a simulated cluster's apiserver served over HTTP the way kube-apiserver serves
// it, enough for real kubectl 1.32 to run against it (the differential suite compares its output
// with our emulation's). Not part of the simulator: it only translates HTTP to ApiServer calls.
//
// Served: /version, legacy discovery (/api, /apis, /api/v1, /apis/G/V; kubectl asks for aggregated
// discovery first, gets plain JSON, and falls back), GET and LIST (label and field selectors; `limit`
// is ignored, so there is never a `continue`), `as=Table` answers made by our printers' toTable (what
// the apiserver's TableConvertor does, always wide), WATCH (streamed while the harness advances the
// clock), POST, PUT, PATCH (json, merge and strategic), DELETE, and the pods/log, pods/status and
// */scale subresources. Errors are the apiserver's Status objects with their codes.
// The bridge never advances virtual time; before each request it lets the components do what is due
// at the current instant (as runKubectl settles before each command).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Pod } from 'kubernetes-types/core/v1.js'
import type { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { StoredObject } from '../../src/cluster/object.js'
import type { PatchType } from '../../src/cluster/patch.js'
import { RESOURCE_TYPES, apiVersionOf, qualifiedName, type ResourceType } from '../../src/cluster/resources.js'
import * as S from '../../src/cluster/status.js'
import type { Status } from '../../src/cluster/status.js'
import type { DeleteOptions } from '../../src/cluster/registry/strategy.js'
import { SERVER_VERSION } from '../../src/kubectl/cmd/version.js'
import { kubeletRefusal } from '../../src/kubectl/cmd/logs.js'
import { decodePatchBody } from '../../src/kubectl/cmd/patch.js'
import { containerLogs } from '../../src/kubectl/objects/logs.js'
import { toTable } from '../../src/kubectl/printers/handlers.js'
import type { Cell } from '../../src/kubectl/printers/table.js'

/** Who the bridge's calls are in the trace: the same name as our kubectl, so traces compare. */
const WHO = 'kubectl'

export interface Bridge {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  /** A directory with `kubeconfig` (pointing at the bridge) and room for kubectl's cache and HOME. */
  readonly dir: string
  readonly kubeconfig: string
  /** Every request served, `GET /api/v1/pods?...`, for debugging a difference. */
  readonly requests: string[]
  /** `options.clock` when the last request arrived: the instant kubectl's answer reflects. */
  readonly lastRequestAt: number
  /** Serve another cluster from now on (the same state restored at another time, a twin). */
  use(sim: SimulatedCluster): void
  close(): Promise<void>
}

export interface BridgeOptions {
  /**
   * The time the apiserver's Tables compute ages from (a real apiserver: its wall clock). Default
   * the cluster's virtual now; the differential suite, whose cluster is moved to the wall clock,
   * passes Date.now, so that ages are taken at the instant real kubectl asked, as it does itself.
   */
  clock?: () => number
}

/** Serve `sim` on 127.0.0.1 at a free port and write a kubeconfig for it. */
export async function startBridge(sim: SimulatedCluster, options: BridgeOptions = {}): Promise<Bridge> {
  const requests: string[] = []
  let current = sim
  let lastRequestAt = 0
  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        requests.push(`${req.method} ${req.url}`)
        lastRequestAt = options.clock?.() ?? current.now()
        try {
          handle(current, req, res, body, lastRequestAt)
        } catch (e) {
          // A bug of the bridge or the simulator: a 500 that names it, never a hung kubectl.
          sendStatus(res, S.internalError(e instanceof Error ? (e.stack ?? e.message) : String(e)))
        }
      },
      () => res.destroy(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const dir = mkdtempSync(join(tmpdir(), 'kube-http-'))
  const kubeconfig = join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, kubeconfigText(url))
  return {
    url,
    dir,
    kubeconfig,
    requests,
    get lastRequestAt() {
      return lastRequestAt
    },
    use: (next) => void (current = next),
    close: async () => {
      await closeServer(server)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function closeServer(server: Server): Promise<void> {
  // Open watches would keep close() waiting for ever.
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

/** Insecure plain http; the context's namespace is left unset, so `default` as kubectl's own. */
export function kubeconfigText(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: kubelings
  cluster:
    server: ${url}
contexts:
- name: kubelings
  context:
    cluster: kubelings
    user: kubelings
current-context: kubelings
users:
- name: kubelings
  user: {}
`
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

// ---------------------------------------------------------------- routing

/** What a resource URL names: /api/v1/namespaces/NS/pods/NAME/log, /apis/apps/v1/deployments. */
interface ResourcePath {
  type: ResourceType
  namespace?: string
  name?: string
  subresource?: string
}

function handle(sim: SimulatedCluster, req: IncomingMessage, res: ServerResponse, body: string, now: number): void {
  sim.settle()
  // The apiserver's Warning headers (deprecated kinds), sent with whatever the answer is.
  const warnings: string[] = []
  const writeHead = res.writeHead.bind(res) as (code: number, headers?: Record<string, string | number>) => ServerResponse
  res.writeHead = ((code: number, headers: Record<string, string | number> = {}) => {
    if (warnings.length > 0) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`))
    return writeHead(code, headers)
  }) as typeof res.writeHead
  sim.api.withWarnings(WHO, (w) => void warnings.push(w), () => route(sim, req, res, body, now))
}

function route(sim: SimulatedCluster, req: IncomingMessage, res: ServerResponse, body: string, now: number): void {
  const url = new URL(req.url ?? '/', 'http://bridge')
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const method = req.method ?? 'GET'
  if (method === 'GET') {
    // The apiserver's health endpoints and their ping checks.
    if (/^\/(healthz|livez|readyz)(\/ping)?$/.test(path)) return sendText(res, 'ok')
    const doc = discovery(path)
    if (doc) return sendJson(res, 200, doc)
  }
  const empty = method === 'GET' ? emptyList(path, sim) : undefined
  if (empty) return sendJson(res, 200, empty)
  const parsed = parseResourcePath(path)
  if (!parsed) return sendStatus(res, notFoundPath())
  if (!parsed.ok) return sendStatus(res, parsed.error)
  const target = parsed.value
  const q = url.searchParams
  switch (method) {
    case 'GET':
      if (target.subresource === 'log') return serveLog(sim, res, target, q, now)
      if (target.subresource === 'scale') return serveScale(sim, res, target)
      if (q.get('watch') === 'true' || q.get('watch') === '1') return serveWatch(sim, req, res, target, q)
      if (target.name === undefined) return serveList(sim, req, res, target, q, now)
      return serveGet(sim, req, res, target, q, now)
    case 'POST':
      return serveCreate(sim, res, target, q, body)
    case 'PUT':
      return servePut(sim, res, target, q, body)
    case 'PATCH':
      return servePatch(sim, req, res, target, q, body)
    case 'DELETE':
      return serveDelete(sim, res, target, q, body)
    default:
      return sendStatus(res, S.methodNotAllowed('the server does not allow this method on the requested resource'))
  }
}

/**
 * Kinds the simulator does not have but every real cluster serves, empty: `kubectl describe
 * namespace` lists a namespace's ResourceQuotas and LimitRanges, and prints "No resource quota."
 * when there are none (a 404 would make it leave those lines out).
 */
function emptyList(path: string, sim: SimulatedCluster): object | undefined {
  const m = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?(resourcequotas|limitranges)$/.exec(path)
  if (!m) return undefined
  const kind = m[1] === 'resourcequotas' ? 'ResourceQuotaList' : 'LimitRangeList'
  return { kind, apiVersion: 'v1', metadata: { resourceVersion: String(sim.api.revision) }, items: [] }
}

/** A path under /api or /apis that names no resource this server has: the mux's 404. */
const notFoundPath = (): Status => ({ ...S.notFound({ resource: '', group: '' }, ''), message: 'the server could not find the requested resource', details: {} })

function parseResourcePath(path: string): { ok: true; value: ResourcePath } | { ok: false; error: Status } | undefined {
  const parts = path.split('/').slice(1).map(decodeURIComponent)
  let group: string
  let version: string
  let rest: string[]
  if (parts[0] === 'api' && parts.length >= 3) [group, version, rest] = ['', parts[1], parts.slice(2)]
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1], parts[2], parts.slice(3)]
  else return undefined
  let namespace: string | undefined
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1]
    rest = rest.slice(2)
  }
  const [resource, name, subresource, ...extra] = rest
  const type = RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.resource === resource)
  if (!type || extra.length > 0) return undefined
  // Only the subresources the kind has (pods have no scale: the mux's 404).
  if (subresource !== undefined && !(SUBRESOURCES[type.resource] ?? []).some((s) => s.name === subresource)) return undefined
  // /api/v1/namespaces/NAME is the namespace NAME itself.
  if (namespace !== undefined && !type.namespaced) return undefined
  return { ok: true, value: { type, namespace, name, subresource } }
}

// ---------------------------------------------------------------- discovery

/** Subresources the discovery documents list (those the bridge serves, as upstream names them). */
const SUBRESOURCES: Record<string, { name: string; kind: string; verbs: string[]; group?: string; version?: string }[]> = {
  pods: [
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  nodes: [{ name: 'status', kind: 'Node', verbs: ['get', 'patch', 'update'] }],
  deployments: [
    { name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' },
    { name: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ],
  replicasets: [
    { name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' },
    { name: 'status', kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
  ],
  daemonsets: [{ name: 'status', kind: 'DaemonSet', verbs: ['get', 'patch', 'update'] }],
}

function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>()
  for (const t of RESOURCE_TYPES) seen.set(apiVersionOf(t), { group: t.group, version: t.version })
  return [...seen.values()]
}

/** The legacy discovery documents; undefined for any other path. */
function discovery(path: string): object | undefined {
  if (path === '/version') return SERVER_VERSION
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] }
  if (path === '/apis') {
    const groups = groupVersions().filter((gv) => gv.group !== '')
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map(({ group, version }) => {
        const gv = { groupVersion: `${group}/${version}`, version }
        return { name: group, versions: [gv], preferredVersion: gv }
      }),
    }
  }
  if (path === '/openapi/v3') return openApiIndex()
  if (path.startsWith('/openapi/v3/')) return openApiDoc(path.slice('/openapi/v3/'.length))
  const gv = groupVersions().find(({ group, version }) => path === (group ? `/apis/${group}/${version}` : `/api/${version}`))
  if (!gv) return undefined
  const resources = RESOURCE_TYPES.filter((t) => t.group === gv.group && t.version === gv.version).flatMap((t) => [
    {
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
    },
    ...(SUBRESOURCES[t.resource] ?? []).map((s) => ({ name: `${t.resource}/${s.name}`, singularName: '', namespaced: t.namespaced, kind: s.kind, verbs: s.verbs, ...(s.group ? { group: s.group, version: s.version } : {}) })),
  ])
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv.group ? `${gv.group}/${gv.version}` : gv.version, resources }
}

/** `api/v1`, `apis/apps/v1`: how the OpenAPI v3 index names a group version. */
const gvPath = ({ group, version }: { group: string; version: string }): string => (group ? `apis/${group}/${version}` : `api/${version}`)

function openApiIndex(): object {
  return { paths: Object.fromEntries(groupVersions().map((gv) => [gvPath(gv), { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=kubelings` }])) }
}

/**
 * A group version's OpenAPI v3 document, as little of it as kubectl reads: each kind's PATCH
 * operation with its GVK and the fieldValidation parameter, so that kubectl's param verifier leaves
 * validation to the server (as it does with kube-apiserver) instead of validating against schemas.
 * The operations have no requestBody: kubectl apply then computes its strategic merge patch from
 * its built-in types, as it does when a spec lacks one, with no warning.
 */
function openApiDoc(path: string): object | undefined {
  const gv = groupVersions().find((g) => gvPath(g) === path)
  if (!gv) return undefined
  const paths: Record<string, object> = {}
  for (const t of RESOURCE_TYPES.filter((r) => r.group === gv.group && r.version === gv.version && !r.computed)) {
    const url = `/${gvPath(gv)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}/{name}`
    paths[url] = {
      patch: {
        'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        responses: { '200': { description: 'OK' } },
      },
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion }, paths }
}

// ---------------------------------------------------------------- reads

function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(req.headers.accept ?? '')
}

function serveGet(sim: SimulatedCluster, req: IncomingMessage, res: ServerResponse, t: ResourcePath, q: URLSearchParams, now: number): void {
  const got = sim.api.get(WHO, qualifiedName(t.type), t.namespace, t.name!)
  if (!got.ok) return sendStatus(res, got.error)
  if (wantsTable(req)) return sendJson(res, 200, tableOf(t.type, [got.value], got.value.metadata.resourceVersion ?? '', q, now))
  sendJson(res, 200, got.value)
}

function serveList(sim: SimulatedCluster, req: IncomingMessage, res: ServerResponse, t: ResourcePath, q: URLSearchParams, now: number): void {
  const listed = sim.api.list(WHO, qualifiedName(t.type), {
    namespace: t.namespace,
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
  })
  if (!listed.ok) return sendStatus(res, listed.error)
  const list = listed.value
  if (wantsTable(req)) return sendJson(res, 200, tableOf(t.type, list.items, list.metadata.resourceVersion, q, now))
  sendJson(res, 200, list)
}

/**
 * The meta.k8s.io/v1 Table the apiserver's TableConvertor answers (GenerateOptions{Wide: true}: all
 * columns, the wide ones with priority 1), each row with its object as `includeObject` asks:
 * PartialObjectMetadata (the default), the whole object, or none.
 */
function tableOf(type: ResourceType, items: readonly StoredObject[], resourceVersion: string, q: URLSearchParams, now: number): object {
  const table = toTable(qualifiedName(type), items, now, true)
  const include = q.get('includeObject') ?? 'Metadata'
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => typeof r.cells[i] === 'number'))
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: table.columns.map((c, i) => ({
      name: c.name,
      type: numeric[i] ? 'integer' : 'string',
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: table.rows.map((r) => ({
      cells: r.cells.map((c: Cell) => (c === undefined ? null : c)),
      ...(include === 'None'
        ? {}
        : { object: include === 'Object' ? r.object : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: r.object.metadata } }),
    })),
  }
}

/** A watch: chunked JSON events until kubectl hangs up; they arrive while the harness advances time. */
function serveWatch(sim: SimulatedCluster, req: IncomingMessage, res: ServerResponse, t: ResourcePath, q: URLSearchParams): void {
  const fieldSelector = [q.get('fieldSelector'), t.name !== undefined ? `metadata.name=${t.name}` : undefined].filter(Boolean).join(',')
  const rv = q.get('resourceVersion') ?? undefined
  let started = false
  const write = (type: string, object: unknown): void => {
    if (!started) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' })
      started = true
    }
    res.write(`${JSON.stringify({ type, object })}\n`)
  }
  const watched = sim.api.watch(
    WHO,
    qualifiedName(t.type),
    { namespace: t.namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: fieldSelector || undefined, resourceVersion: rv },
    (e) => write(e.type, e.object),
  )
  if (!watched.ok) {
    // Before the stream starts the error is the answer; after, an ERROR event (never both here).
    if (!started) return sendStatus(res, watched.error)
    write('ERROR', watched.error)
    return void res.end()
  }
  if (!started) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' })
    res.flushHeaders()
  }
  req.on('close', () => watched.value())
}

/** pods/NAME/log: the kubelet's answer for one container, or its refusal as a 400. */
function serveLog(sim: SimulatedCluster, res: ServerResponse, t: ResourcePath, q: URLSearchParams, now: number): void {
  const got = sim.api.get(WHO, 'pods', t.namespace, t.name!)
  if (!got.ok) return sendStatus(res, got.error)
  const pod = got.value as unknown as Pod & StoredObject
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
  let container = q.get('container') ?? ''
  if (container === '') {
    // The pod log REST's default: the only container, else the caller must say which.
    if (pod.spec?.containers.length !== 1)
      return sendStatus(res, S.badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${pod.spec?.containers.map((c) => c.name).join(' ')}]`))
    container = pod.spec.containers[0].name
  }
  if (!containers.includes(container)) return sendStatus(res, S.badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`))
  if (!pod.spec?.nodeName) return sendText(res, '')
  const previous = q.get('previous') === 'true'
  // The kubelet reads what the containers have printed by the request's instant (the clock option).
  const lines = containerLogs(clockAt(sim, now), pod.metadata.namespace ?? 'default', pod.metadata.name, container, previous)
  if (lines === undefined) return sendStatus(res, S.badRequest(kubeletRefusal(pod, container, previous)))
  const tail = q.has('tailLines') ? Number(q.get('tailLines')) : -1
  sendText(res, lines.slice(tail >= 0 ? Math.max(0, lines.length - tail) : 0).map((l) => `${l}\n`).join(''))
}

/** The autoscaling/v1 Scale of a deployment or replica set (the scale subresource's GET). */
function scaleOf(o: StoredObject): object {
  const spec = o.spec as { replicas?: number } | undefined
  const status = o.status as { replicas?: number } | undefined
  const selector = (o.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {}
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, selector: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',') },
  }
}

function serveScale(sim: SimulatedCluster, res: ServerResponse, t: ResourcePath): void {
  const got = sim.api.get(WHO, qualifiedName(t.type), t.namespace, t.name!)
  if (!got.ok) return sendStatus(res, got.error)
  sendJson(res, 200, scaleOf(got.value))
}

// ---------------------------------------------------------------- writes

/**
 * kubectl 1.32's typed clients (the generators of `create deployment|namespace|...`, `expose`) send
 * protobuf, which the bridge cannot decode without the schemas: it says so with a 415.
 */
function parseBody(body: string): { ok: true; value: unknown } | { ok: false; error: Status } {
  if (body.startsWith('k8s\0')) return { ok: false, error: { ...S.badRequest('the kubelings bridge reads JSON bodies only, not protobuf'), code: 415, reason: 'UnsupportedMediaType' as Status['reason'] } }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (e) {
    return { ok: false, error: S.badRequest(`error decoding request body: ${(e as Error).message}`) }
  }
}

function writeOptions(q: URLSearchParams): { dryRun?: boolean; fieldValidation?: 'Strict' | 'Warn' | 'Ignore' } {
  const fv = q.get('fieldValidation')
  return {
    ...(q.get('dryRun') === 'All' ? { dryRun: true } : {}),
    ...(fv === 'Strict' || fv === 'Warn' || fv === 'Ignore' ? { fieldValidation: fv } : {}),
  }
}

function serveCreate(sim: SimulatedCluster, res: ServerResponse, t: ResourcePath, q: URLSearchParams, body: string): void {
  const parsed = parseBody(body)
  if (!parsed.ok) return sendStatus(res, parsed.error)
  const input = parsed.value as StoredObject
  const created = sim.api.create(WHO, input, t.namespace, writeOptions(q))
  if (!created.ok) return sendStatus(res, created.error)
  sendJson(res, 201, created.value)
}

function servePut(sim: SimulatedCluster, res: ServerResponse, t: ResourcePath, q: URLSearchParams, body: string): void {
  const parsed = parseBody(body)
  if (!parsed.ok) return sendStatus(res, parsed.error)
  const input = parsed.value as StoredObject
  if (t.subresource === 'scale') return putScale(sim, res, t, input)
  if (t.namespace !== undefined) input.metadata = { ...input.metadata, namespace: input.metadata?.namespace ?? t.namespace }
  const subresource = t.subresource === 'status' ? ('status' as const) : undefined
  const updated = sim.api.update(WHO, input, { ...writeOptions(q), subresource })
  if (!updated.ok) return sendStatus(res, updated.error)
  sendJson(res, 200, updated.value)
}

/**
 * PUT of a Scale (`kubectl scale --current-replicas`): its resourceVersion is the precondition, its
 * spec.replicas the new count, written as the object's spec.replicas (the scale subresource's update).
 */
function putScale(sim: SimulatedCluster, res: ServerResponse, t: ResourcePath, scale: StoredObject): void {
  const resource = qualifiedName(t.type)
  const got = sim.api.get(WHO, resource, t.namespace, t.name!)
  if (!got.ok) return sendStatus(res, got.error)
  const rv = scale.metadata?.resourceVersion
  if (rv && rv !== got.value.metadata.resourceVersion)
    return sendStatus(res, S.conflict(t.type, t.name!, 'the object has been modified; please apply your changes to the latest version and try again'))
  const replicas = (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0
  const patched = sim.api.patch(WHO, resource, t.namespace, t.name!, { spec: { replicas } }, 'merge')
  if (!patched.ok) return sendStatus(res, patched.error)
  sendJson(res, 200, scaleOf(patched.value))
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
}

function servePatch(sim: SimulatedCluster, req: IncomingMessage, res: ServerResponse, t: ResourcePath, q: URLSearchParams, body: string): void {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim()
  const type = PATCH_TYPES[contentType]
  if (!type) return sendStatus(res, { ...S.badRequest(`the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(', ')}`), code: 415, reason: 'UnsupportedMediaType' as Status['reason'] })
  const decoded = decodePatchBody(body, type)
  if ('invalid' in decoded) return sendStatus(res, S.badRequest(decoded.invalid))
  let patch = decoded.value
  if (t.subresource === 'scale') {
    // A patch of the Scale is a patch of the object's spec.replicas (the scale subresource's update).
    const replicas = (patch as { spec?: { replicas?: number } } | null)?.spec?.replicas
    if (type !== 'merge' || typeof replicas !== 'number') return sendStatus(res, S.badRequest('the kubelings bridge takes only a merge patch of spec.replicas on /scale'))
    patch = { spec: { replicas } }
  }
  const subresource = t.subresource === 'status' ? ('status' as const) : undefined
  const patched = sim.api.patch(WHO, qualifiedName(t.type), t.namespace, t.name!, patch, type, { ...writeOptions(q), subresource })
  if (!patched.ok) return sendStatus(res, patched.error)
  sendJson(res, 200, t.subresource === 'scale' ? scaleOf(patched.value) : patched.value)
}

function serveDelete(sim: SimulatedCluster, res: ServerResponse, t: ResourcePath, q: URLSearchParams, body: string): void {
  if (t.name === undefined) return sendStatus(res, S.methodNotAllowed('the kubelings bridge does not serve deletecollection'))
  const parsed = body.trim() === '' ? { ok: true as const, value: {} } : parseBody(body)
  if (!parsed.ok) return sendStatus(res, parsed.error)
  /** metav1.DeleteOptions as kubectl sends it (dryRun is a list there). */
  const b = parsed.value as Omit<DeleteOptions, 'dryRun'> & { dryRun?: string[] }
  const grace = b.gracePeriodSeconds ?? (q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : undefined)
  const options: DeleteOptions = {
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(b.propagationPolicy ?? q.get('propagationPolicy') ? { propagationPolicy: (b.propagationPolicy ?? q.get('propagationPolicy')) as DeleteOptions['propagationPolicy'] } : {}),
    ...(b.preconditions ? { preconditions: b.preconditions } : {}),
    ...((b.dryRun ?? []).includes('All') || q.get('dryRun') === 'All' ? { dryRun: true } : {}),
  }
  const deleted = sim.api.delete(WHO, qualifiedName(t.type), t.namespace, t.name, options)
  if (!deleted.ok) return sendStatus(res, deleted.error)
  const { object, deleted: gone } = deleted.value
  // Pods' storage returns the deleted object; the others a Success Status once the object is gone.
  if (gone && t.type.resource !== 'pods')
    return sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: t.name, group: t.type.group || undefined, kind: t.type.resource, uid: object.metadata.uid } })
  sendJson(res, 200, object)
}

/** The cluster as it is, read by someone whose clock says `at` (log lines are rendered up to "now"). */
export function clockAt(sim: SimulatedCluster, at: number): SimulatedCluster {
  if (at === sim.now()) return sim
  return new Proxy(sim, {
    get(target, key) {
      if (key === 'now') return () => at
      const value = Reflect.get(target, key, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

// ---------------------------------------------------------------- answers

function sendJson(res: ServerResponse, code: number, value: unknown): void {
  const text = JSON.stringify(value)
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function sendText(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function sendStatus(res: ServerResponse, status: Status): void {
  sendJson(res, status.code, status)
}
