// The components' event recorders create their Events through ApiServer.createEvent, which stores
// the body as it is instead of decoding it (decoding would only copy it). That is exact only if the
// body already is what decoding makes of it (key order included), and if everything after decoding
// is the full create's: both are checked here, the second on twin clusters, one of them sending
// every recorder event through create() (trustRecorderEvents off).
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { seriesEvent } from '../../src/cluster/event-series.js'
import { recordEvent, recorderEvent, type EventSpec, type RecordedFields } from '../../src/cluster/events.js'
import type { KubeObject, StoredObject } from '../../src/cluster/object.js'
import { resourceByName } from '../../src/cluster/resources.js'
import { decodedCopy, strictDecodingErrors } from '../../src/cluster/schema.js'

const START = Date.UTC(2026, 0, 1)
const EVENTS = resourceByName('events')!
const EVENTS_V1 = resourceByName('events.events.k8s.io')!

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: '0d1e2f', resourceVersion: '42' },
} as unknown as StoredObject
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: '9a8b7c', resourceVersion: '7' } } as unknown as StoredObject

/** Every key with a value: decoding leaves no key undefined (JSON text would not show one). */
function undefinedKeys(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => undefinedKeys(x, `${path}[${i}]`))
  if (v === null || typeof v !== 'object') return []
  return Object.entries(v).flatMap(([k, x]) => (x === undefined ? [`${path}.${k}`] : undefinedKeys(x, `${path}.${k}`)))
}

function expectDecodedForm(body: KubeObject, t = EVENTS): void {
  const problems = strictDecodingErrors(t, body)
  expect(problems.typeErrors).toEqual([])
  expect(problems.unknownFields).toEqual([])
  expect(undefinedKeys(body)).toEqual([])
  // Decoding adds `creationTimestamp: null` to metadata, which create clears before anything reads it.
  const decoded = decodedCopy(t, body) as StoredObject
  expect(decoded.metadata.creationTimestamp).toBe(null)
  delete (decoded.metadata as { creationTimestamp?: unknown }).creationTimestamp
  expect(JSON.stringify(body)).toBe(JSON.stringify(decoded))
}

/** What recordEvent sends for `spec` as a first event at START. */
function fields(spec: EventSpec, reporting: boolean): RecordedFields {
  const at = new Date(START).toISOString().replace('.000Z', 'Z')
  return { reason: spec.reason, message: spec.message, type: spec.type, source: spec.source, firstTimestamp: at, lastTimestamp: at, count: 1, reporting }
}

describe('the bodies the recorders build', () => {
  const specs: EventSpec[] = [
    { involvedObject: pod, fieldPath: 'spec.containers{main}', type: 'Normal', reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine', source: { component: 'kubelet', host: 'node-1' } },
    { involvedObject: node, type: 'Normal', reason: 'Starting', message: 'Starting kubelet.', source: { component: 'kubelet', host: 'node-1' } },
    { involvedObject: node, type: 'Warning', reason: 'NodeNotReady', message: '', source: { component: 'node-controller' } },
    { involvedObject: pod, type: 'Warning', reason: 'FailedCreate', message: 'quota', source: { component: 'replicaset-controller' } },
    // An object without a uid or resourceVersion (not a stored one): those fields are left out.
    { involvedObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare', namespace: 'default' } } as unknown as StoredObject, type: 'Normal', reason: 'X', message: 'y', source: { component: 'c' } },
  ]

  it('classic recorder events are what decoding makes of them', () => {
    for (const spec of specs) {
      // recordEvent's own reference, through a cluster-less call: build it as recordEvent does.
      const refs: Record<string, string>[] = []
      const api = {
        unixNanos: () => ({ ms: 0, nanos: 1 }),
        createEvent: (_who: string, body: KubeObject) => {
          refs.push(body.involvedObject as Record<string, string>)
          expectDecodedForm(body)
          return { ok: true, value: body }
        },
      }
      recordEvent(api as never, START, spec)
      expect(refs).toHaveLength(1)
      // Both forms: a recorder's own event, and a combined one (no reporting controller or instance).
      for (const reporting of [true, false]) expectDecodedForm(recorderEvent('x.1', 'default', refs[0], fields(spec, reporting)) as KubeObject)
    }
  })

  it('series (events API) bodies are events.k8s.io/v1 Events as decoding makes them, with and without a note, about namespaced and cluster-scoped objects', () => {
    for (const regarding of [pod, node])
      for (const note of ['Successfully assigned default/web-1 to node-1', '']) {
        const body = seriesEvent('x.1', 'default', { regarding, type: 'Normal', reason: 'Scheduled', action: 'Binding', note }, START, 'default-scheduler', 'default-scheduler-control-plane')
        expect(body.apiVersion).toBe('events.k8s.io/v1')
        expectDecodedForm(body as KubeObject, EVENTS_V1)
      }
  })
})

/** Two identical clusters; `slow` sends its recorders' events through the full create from now on. */
function twins(): [SimulatedCluster, SimulatedCluster] {
  const make = () => SimulatedCluster.create({ seed: 7, workers: 2, startTime: START })
  const slow = make()
  slow.api.trustRecorderEvents = false
  return [slow, make()]
}

const deployment = (name: string, replicas: number, image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image, ...extra }] } },
  },
})

describe('ApiServer.createEvent', () => {
  it('leaves a cluster exactly as create() does: objects, revisions, trace, pending work', () => {
    const [slow, fast] = twins()
    expect(JSON.stringify(fast.snapshot())).toBe(JSON.stringify(slow.snapshot()))
    for (const c of [slow, fast]) {
      c.api.create('test', deployment('web', 3, 'nginx:1.27'))
      // A pull that fails (Failed, BackOff), a container that exits at once (BackOff, counted up).
      c.api.create('test', deployment('typo', 1, 'ngnix:1.27'))
      c.api.create('test', deployment('crash', 1, 'busybox:1.36', { command: ['sh', '-c', 'exit 1'] }))
      // A pod that fits nowhere: FailedScheduling from the scheduler, repeated as a series.
      c.api.create('test', deployment('huge', 1, 'nginx:1.27', { resources: { requests: { cpu: '64' } } }))
      c.advance(3 * 60_000)
      // A node whose kubelet stops: NodeNotReady from the node controller, evictions later.
      c.stop('kubelet/node-2')
      c.advance(7 * 60_000)
    }
    const slowEvents = slow.api.list('test', 'events', { silent: true })
    expect(slowEvents.ok && slowEvents.value.items.length).toBeGreaterThan(40)
    const reasons = new Set(slowEvents.ok ? slowEvents.value.items.map((e) => e.reason as string) : [])
    for (const r of ['Scheduled', 'Pulled', 'Created', 'Started', 'BackOff', 'FailedScheduling', 'NodeNotReady', 'SuccessfulCreate', 'ScalingReplicaSet']) expect(reasons).toContain(r)
    expect(fast.api.revision).toBe(slow.api.revision)
    expect(JSON.stringify(fast.trace.entries())).toBe(JSON.stringify(slow.trace.entries()))
    expect(JSON.stringify(fast.snapshot())).toBe(JSON.stringify(slow.snapshot()))
  })

  it('answers a create into a namespace that does not exist as create() does', () => {
    const [slow, fast] = twins()
    const body = () => recorderEvent('ghost.1', 'nowhere', { apiVersion: 'v1', kind: 'Pod', name: 'ghost', namespace: 'nowhere', uid: 'u' }, fields({ involvedObject: pod, type: 'Normal', reason: 'X', message: 'y', source: { component: 'c' } }, true)) as KubeObject
    const a = slow.api.createEvent('c', body())
    const b = fast.api.createEvent('c', body())
    expect(a.ok).toBe(false)
    expect(b).toEqual(a)
    expect(fast.trace.entries().at(-1)).toEqual(slow.trace.entries().at(-1))
  })
})
