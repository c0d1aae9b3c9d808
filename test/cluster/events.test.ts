import { describe, expect, it } from 'vitest'
import { rfc3339, seconds } from '../../src/cluster/clock.js'
import { SimulatedCluster, type ClusterSnapshot } from '../../src/cluster/cluster.js'
import { recordEvent, type EventSpec } from '../../src/cluster/events.js'
import { Cluster } from '../../src/index.js'
import type { StoredObject } from '../../src/cluster/object.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)

function setup() {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false }) // no scheduler: only the events written here
  const created = c.api.create('kubectl', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } })
  if (!created.ok) throw new Error(created.error.message)
  const pulled = (pod: StoredObject, message = 'Successfully pulled image "nginx:1.27"'): EventSpec => ({
    involvedObject: pod,
    fieldPath: 'spec.containers{nginx}',
    type: 'Normal',
    reason: 'Pulled',
    message,
    source: { component: 'kubelet', host: 'node-1' },
  })
  const events = () => {
    const r = c.api.list('test', 'events', { namespace: 'default', fieldSelector: 'involvedObject.name=web' })
    return r.ok ? r.value.items : []
  }
  return { c, pod: created.value, pulled, events }
}

describe('events as the kubelet and controllers record them', () => {
  it('names an event after its object and the time in hex nanoseconds, and refers to the object', () => {
    const { c, pod, pulled, events } = setup()
    c.advance(seconds(2))
    // Virtual time has milliseconds; the calls made so far fill the nanoseconds.
    const calls = c.trace.entries().length + c.trace.dropped
    recordEvent(c.api, c.now(), pulled(pod))
    const [e] = events()
    expect(e.metadata.name).toBe(`web.${(BigInt(T0 + seconds(2)) * 1_000_000n + BigInt(calls)).toString(16)}`)
    expect(e).toMatchObject({
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default', uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion, fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled',
      type: 'Normal',
      count: 1,
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: rfc3339(T0 + seconds(2)),
      lastTimestamp: rfc3339(T0 + seconds(2)),
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    })
  })

  it('counts a repeated identical event on the first one instead of creating another', () => {
    const { c, pod, pulled, events } = setup()
    recordEvent(c.api, c.now(), pulled(pod))
    c.advance(seconds(10))
    recordEvent(c.api, c.now(), pulled(pod))
    recordEvent(c.api, c.now(), pulled(pod))
    const all = events()
    expect(all.map((e) => [e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([[3, rfc3339(T0), rfc3339(T0 + seconds(10))]])
  })

  it('creates a separate event when the message differs, named later in the same instant', () => {
    const { c, pod, pulled, events } = setup()
    recordEvent(c.api, c.now(), pulled(pod))
    recordEvent(c.api, c.now(), pulled(pod, 'another message'))
    const [first, second] = events()
    expect([first.message, second.message]).toEqual(['Successfully pulled image "nginx:1.27"', 'another message'])
    const nanos = (e: StoredObject) => BigInt(`0x${e.metadata.name.split('.')[1]}`)
    expect(nanos(first) / 1_000_000n).toBe(BigInt(T0))
    expect(nanos(second) / 1_000_000n).toBe(BigInt(T0))
    expect(nanos(second) > nanos(first)).toBe(true)
    // No name was tried twice: the trace has no refused creates.
    expect(c.trace.entries().filter((t) => t.resource === 'events' && t.code === 409)).toEqual([])
  })

  it('tells events apart whose fields only run together differently, and counts up one without fieldPath or host', () => {
    const { c, pod, events } = setup()
    const spec = (reason: string, message: string, extra: Partial<EventSpec> = {}): EventSpec => ({
      involvedObject: pod,
      type: 'Normal',
      reason,
      message,
      source: { component: 'kubelet' },
      ...extra,
    })
    // The same characters, split between reason and message in two ways (and with a colon, the
    // key's own separator): two events, not one counted twice.
    recordEvent(c.api, c.now(), spec('Pulled', '1:x'))
    recordEvent(c.api, c.now(), spec('Pulled1', ':x'))
    recordEvent(c.api, c.now(), spec('Pulled', '1:x'))
    recordEvent(c.api, c.now(), spec('Pulled', '1:x', { fieldPath: '' }))
    expect(events().map((e) => [e.reason, e.message, e.count])).toEqual([
      ['Pulled', '1:x', 3],
      ['Pulled1', ':x', 1],
    ])
  })

  it('makes no call of its own to find the event to count up: the recorder keeps what it sent', () => {
    const { c, pod, pulled } = setup()
    const before = c.trace.entries().length
    recordEvent(c.api, c.now(), pulled(pod))
    recordEvent(c.api, c.now(), pulled(pod))
    expect(c.trace.entries().slice(before).map((t) => [t.who, t.verb, t.resource])).toEqual([
      ['kubelet/node-1', 'create', 'events'],
      ['kubelet/node-1', 'patch', 'events'],
    ])
  })
})

describe('similar events and floods (client-go EventCorrelator)', () => {
  /** `n` events about the pod, same reason, each with a message of its own, one second apart. */
  function similar(n: number, from = 0) {
    const s = setup()
    for (let i = from; i < from + n; i++) {
      recordEvent(s.c.api, s.c.now(), s.pulled(s.pod, `message ${i}`))
      s.c.advance(seconds(1))
    }
    return s
  }

  it('sends nine similar events as they are, and combines the tenth and every one after it', () => {
    const { events } = similar(12)
    const all = events()
    expect(all).toHaveLength(10)
    expect(all.slice(0, 9).map((e) => [e.message, e.count])).toEqual(Array.from({ length: 9 }, (_, i) => [`message ${i}`, 1]))
    expect(all[9]).toMatchObject({
      message: '(combined from similar events): message 11',
      count: 3,
      firstTimestamp: rfc3339(T0 + seconds(9)),
      lastTimestamp: rfc3339(T0 + seconds(11)),
      reason: 'Pulled',
      type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      // A new Event made of the incoming one's object, reason, type and source only.
      reportingComponent: '',
      reportingInstance: '',
    })
    expect(all[9].involvedObject).toEqual(all[0].involvedObject)
  })

  it('starts again when similar events are more than 10 minutes apart', () => {
    const { c, pod, pulled, events } = similar(9)
    c.advance(seconds(601))
    recordEvent(c.api, c.now(), pulled(pod, 'late'))
    expect(events().map((e) => e.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `message ${i}`), 'late'])
  })

  it('lets 25 events about one object through, then one per 5 minutes; dropped ones still count', () => {
    const { c, pod, pulled, events } = similar(40)
    // 9 single events and 16 in the combined one: 25 sent; the last 15 dropped.
    let combined = events().at(-1)!
    expect(events()).toHaveLength(10)
    expect([combined.count, combined.message]).toEqual([16, '(combined from similar events): message 24'])
    c.advance(seconds(300 - 40))
    recordEvent(c.api, c.now(), pulled(pod, 'message 40'))
    combined = events().at(-1)!
    expect([combined.count, combined.message, combined.lastTimestamp]).toEqual([32, '(combined from similar events): message 40', rfc3339(T0 + seconds(300))])
    // The bucket is empty again: the next one is dropped.
    recordEvent(c.api, c.now(), pulled(pod, 'message 41'))
    expect(events().at(-1)!.count).toBe(32)
  })

  it('keeps a bucket per object and event type', () => {
    const { c, pod, pulled, events } = similar(30)
    recordEvent(c.api, c.now(), { ...pulled(pod, 'bad'), type: 'Warning', reason: 'Failed' })
    expect(events().filter((e) => e.type === 'Warning').map((e) => e.message)).toEqual(['bad'])
  })

  it("keeps a component's caches with the component in a snapshot", () => {
    const c = Cluster.create({ seed: 5, workers: 1 })
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.advance('20s')
    const s = c.snapshot()
    expect(s.events).toBeUndefined()
    expect(Object.keys(s.components['kubelet/node-1'].events ?? {})).toEqual(['kubelet/node-1'])
    expect(Object.keys(s.components['kube-controller-manager'].events ?? {})).toEqual([
      'replicaset-controller',
      'deployment-controller',
      'daemonset-controller',
      'node-controller',
      'taint-eviction-controller',
      // Its own recorder, of its leader election's events.
      'kube-controller-manager',
    ])
    // kube-scheduler's events go through events.k8s.io, but its leader election's through a classic recorder.
    expect(Object.keys(s.components['kube-scheduler'].events ?? {})).toEqual(['default-scheduler'])
  })

  it('keeps its caches across a snapshot', () => {
    const { c, pod, pulled } = similar(12)
    const copy = SimulatedCluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    for (const x of [c, copy]) recordEvent(x.api, x.now(), pulled(pod, 'message 12'))
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(c.snapshot()))
    const r = copy.api.list('test', 'events', { namespace: 'default' })
    expect(r.ok && r.value.items.at(-1)!.count).toBe(4)
  })
})

describe('the event TTL (kube-apiserver --event-ttl=1h)', () => {
  const names = (c: SimulatedCluster) => c.etcd.range('/registry/events/').map((kv) => (kv.value as StoredObject).metadata.name)

  it('removes an Event 1 h after its last write, plus the minute its lease was granted for', () => {
    const { c, pod, pulled, events } = setup()
    recordEvent(c.api, c.now(), pulled(pod))
    c.advance(seconds(3659))
    expect(events()).toHaveLength(1)
    c.advance(seconds(1))
    expect(events()).toEqual([])
  })

  it('counts a TTL from the last write: a count-up takes the event to a new lease', () => {
    const { c, pod, pulled, events } = setup()
    recordEvent(c.api, c.now(), pulled(pod))
    c.advance(seconds(1800))
    recordEvent(c.api, c.now(), pulled(pod))
    c.advance(seconds(3659))
    expect(events().map((e) => e.count)).toEqual([2])
    c.advance(seconds(1))
    expect(events()).toEqual([])
  })

  it('puts the writes of one minute on one lease, and deletes its keys at one revision', () => {
    const { c, pod, pulled } = setup()
    recordEvent(c.api, c.now(), pulled(pod, 'a'))
    c.advance(seconds(30))
    recordEvent(c.api, c.now(), pulled(pod, 'b'))
    c.advance(seconds(31))
    recordEvent(c.api, c.now(), pulled(pod, 'c')) // 61 s after the lease was granted: a new one
    const deleted: { name: string; revision: number }[] = []
    const watch = c.api.watch('test', 'events', { namespace: 'default', fieldSelector: 'involvedObject.name=web', resourceVersion: String(c.api.revision) }, (e) => {
      if (e.type === 'DELETED') deleted.push({ name: (e.object as unknown as { message: string }).message, revision: Number(e.object.metadata.resourceVersion) })
    })
    expect(watch.ok).toBe(true)
    const before = c.api.revision
    c.advance(seconds(3660 - 61))
    // One revision for both (lease renewals move it between the two expiries).
    expect(deleted.map((d) => d.name)).toEqual(['a', 'b'])
    expect(deleted[0].revision).toBeGreaterThan(before)
    expect(deleted[1].revision).toBe(deleted[0].revision)
    expect(names(c).filter((n) => n.startsWith('web.'))).toHaveLength(1)
    c.advance(seconds(61))
    expect(deleted.map((d) => d.name)).toEqual(['a', 'b', 'c'])
    expect(deleted[2].revision).toBeGreaterThan(deleted[0].revision)
  })

  it('keeps its leases across a snapshot: a restored cluster removes the same events at the same revision', () => {
    const { c, pod, pulled } = setup()
    recordEvent(c.api, c.now(), pulled(pod, 'a'))
    c.advance(seconds(100))
    recordEvent(c.api, c.now(), pulled(pod, 'b'))
    const copy = SimulatedCluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    for (const x of [c, copy]) x.advance(seconds(3600))
    expect(names(copy)).toEqual(names(c))
    expect(names(c)).toHaveLength(1)
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(c.snapshot()))
  })

  it('leaves other objects alone', () => {
    const { c, events } = setup()
    c.advance(seconds(7200))
    expect(events()).toEqual([])
    expect(c.api.get('test', 'pods', 'default', 'web').ok).toBe(true)
  })
})

describe('a component started again', () => {
  /** Scale web 1 → 2 → 1 → 2, optionally restarting kube-controller-manager before the second scale-up. */
  function scaleUps(restart: boolean) {
    const c = Cluster.create({ seed: 5, workers: 1 })
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=1')
    c.advance('20s')
    const scale = (replicas: number) => {
      c.kubectl(`scale deployment web --replicas=${replicas}`)
      c.advance('20s')
    }
    scale(2)
    scale(1)
    if (restart) {
      c.sim.stop('kube-controller-manager')
      c.sim.start('kube-controller-manager')
    }
    scale(2)
    return c.list('events', { namespace: 'default', fieldSelector: 'involvedObject.kind=Deployment,reason=ScalingReplicaSet' }).map((e) => [e.message, e.count])
  }

  it('has an empty event cache, as a new process: a repeated event is a new Event, not a count', () => {
    const up = (events: unknown[][]) => events.filter(([m]) => String(m).includes('from 1 to 2'))
    expect(up(scaleUps(false)).map(([, count]) => count)).toEqual([2])
    expect(up(scaleUps(true)).map(([, count]) => count)).toEqual([1, 1])
  })
})

describe('events of a snapshot from before the event TTL', () => {
  /** A snapshot as kubelings wrote it before etcd had leases: no lease anywhere, no revocation timer. */
  function withoutLeases(c: SimulatedCluster): ClusterSnapshot {
    const s = JSON.parse(JSON.stringify(c.snapshot())) as ClusterSnapshot
    for (const key of ['leases', 'nextLease', 'leasedRanges'] as const) delete s.etcd[key]
    for (const kv of s.etcd.entries) delete (kv as { lease?: number }).lease
    s.clock.timers = s.clock.timers.filter((t) => t.task.owner !== 'etcd')
    delete s.apiserver
    return s
  }

  it('go an hour after their last write, as if the apiserver had always had its TTL', () => {
    const { c, pod, pulled } = setup()
    recordEvent(c.api, c.now(), pulled(pod, 'early'))
    c.advance(seconds(1800))
    recordEvent(c.api, c.now(), pulled(pod, 'late'))
    c.advance(seconds(600))
    const old = SimulatedCluster.restore(withoutLeases(c))
    const messages = () => old.etcd.range('/registry/events/default/web.').map((kv) => (kv.value as { message: string }).message)
    expect(messages()).toEqual(['early', 'late'])
    // The first was written 40 minutes ago: it goes 20 minutes (and up to a minute) from now.
    old.advance(seconds(20 * 60 + 59))
    expect(messages()).toEqual(['early', 'late'])
    old.advance(seconds(2))
    expect(messages()).toEqual(['late'])
    old.advance(seconds(1800))
    expect(messages()).toEqual([])
  })

  it('that are past their hour already go at the next step of the clock', () => {
    const { c, pod, pulled } = setup()
    recordEvent(c.api, c.now(), pulled(pod))
    const legacy = withoutLeases(c)
    legacy.clock.now += 3 * 3_600_000 // saved three hours after the event, by a kubelings without leases
    const old = SimulatedCluster.restore(legacy)
    expect(old.etcd.count('/registry/events/default/web.')).toBe(1)
    old.advance(0)
    expect(old.etcd.count('/registry/events/default/web.')).toBe(0)
  })
})
