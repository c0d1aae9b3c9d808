// events.k8s.io/v1 Events (pkg/registry/events, pkg/apis/events/v1/conversion.go): the core Events'
// storage served in the new API's shape, strict validation through that group
// (pkg/apis/core/validation/events.go ValidateEventCreate/ValidateEventUpdate), its field labels
// (AddFieldLabelConversionsForEvent), and kube-scheduler recording through it.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/object.js'
import { created, newCluster, pod, T0 } from '../../fixtures/apiserver.js'

const EV = 'events.events.k8s.io'

/** An events.k8s.io/v1 Event as client-go's events recorder would send it, with `extra` on top. */
const v1Event = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  eventTime: '2026-11-25T02:00:00.000000Z',
  reportingController: 'example.com/ctl',
  reportingInstance: 'ctl-1',
  action: 'Testing',
  reason: 'Tested',
  regarding: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default' },
  note: 'it works',
  type: 'Normal',
  ...extra,
})

/** A core/v1 Event as the classic recorder writes it. */
const coreEvent = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{app}' },
  reason: 'Pulled',
  message: 'Container image "nginx:1.27" already present on machine',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2026-11-25T02:00:00Z',
  lastTimestamp: '2026-11-25T02:00:05Z',
  count: 2,
  type: 'Normal',
})

describe('events.k8s.io/v1 Events', () => {
  it('serves a core Event converted: message as note, involvedObject as regarding, the deprecated fields, eventTime null', () => {
    const c = newCluster()
    const stored = created(c, coreEvent('web.1'))
    const got = c.api.get('test', EV, 'default', 'web.1')
    expect(got.ok && got.value).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: stored.metadata,
      eventTime: null,
      reason: 'Pulled',
      regarding: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{app}' },
      note: 'Container image "nginx:1.27" already present on machine',
      type: 'Normal',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: '2026-11-25T02:00:00Z',
      deprecatedLastTimestamp: '2026-11-25T02:00:05Z',
      deprecatedCount: 2,
    })
    // The same object, one resourceVersion: both groups read one storage.
    const list = c.api.list('test', EV, { namespace: 'default', fieldSelector: 'metadata.name=web.1' })
    expect(list.ok && list.value.apiVersion).toBe('events.k8s.io/v1')
    expect(list.ok && list.value.items.map((e) => [e.metadata.name, e.metadata.resourceVersion])).toEqual([['web.1', stored.metadata.resourceVersion]])
  })

  it('stores what it is sent as a core Event, which core reads back', () => {
    const c = newCluster()
    const answer = c.api.create('test', v1Event('web.2'))
    expect(answer.ok && answer.value.apiVersion).toBe('events.k8s.io/v1')
    const core = c.api.get('test', 'events', 'default', 'web.2')
    expect(core.ok && core.value).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.2', namespace: 'default', uid: expect.any(String), creationTimestamp: '2026-11-25T02:00:00Z', resourceVersion: expect.any(String) },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Tested',
      message: 'it works',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: '2026-11-25T02:00:00.000000Z',
      action: 'Testing',
      reportingComponent: 'example.com/ctl',
      reportingInstance: 'ctl-1',
    })
    expect(c.trace.entries().at(-2)).toMatchObject({ verb: 'create', resource: EV, namespace: 'default', name: 'web.2', code: 201 })
  })

  it('validates a create strictly: what core accepts it refuses, naming the fields by core names and the kind as core Event', () => {
    const c = newCluster()
    const bare = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'bare', namespace: 'default' }, regarding: { kind: 'Pod', name: 'web', namespace: 'default' } }
    const r = c.api.create('test', bare)
    expect(!r.ok && [r.error.code, r.error.message]).toEqual([422, 'Event "bare" is invalid: [eventTime: Required value, type: Invalid value: "": has invalid value: ]'])
    // The same through core/v1: legacy validation only.
    expect(c.api.create('test', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'bare', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' } }).ok).toBe(true)

    const noReporter = c.api.create('test', v1Event('x', { reportingController: undefined, reportingInstance: undefined, action: undefined, type: 'Odd' }))
    expect(!noReporter.ok && noReporter.error.message).toBe(
      'Event "x" is invalid: [reportingController: Required value, reportingController: Invalid value: "": name part must be non-empty, ' +
        "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), " +
        'reportingInstance: Required value, action: Required value, type: Invalid value: "": has invalid value: Odd]',
    )
    const deprecated = c.api.create('test', v1Event('y', { deprecatedCount: 3, deprecatedSource: { component: 'kubelet' }, deprecatedFirstTimestamp: '2026-11-25T02:00:00Z' }))
    expect(!deprecated.ok && deprecated.error.message).toBe(
      'Event "y" is invalid: [firstTimestamp: Invalid value: "": needs to be unset, count: Invalid value: "": needs to be unset, source: Invalid value: "": needs to be unset]',
    )
    const lonely = c.api.create('test', v1Event('z', { series: { count: 1, lastObservedTime: '2026-11-25T02:00:00.000000Z' } }))
    expect(!lonely.ok && lonely.error.message).toBe('Event "z" is invalid: series.count: Invalid value: "": should be at least 2')
    // Names are DNS subdomains through this group; core takes any path segment.
    const upper = c.api.create('test', v1Event('Web.1'))
    expect(!upper.ok && upper.error.message).toMatch(/^Event "Web.1" is invalid: metadata.name: Invalid value: "Web.1": a lowercase RFC 1123 subdomain/)
  })

  it('answers NotFound and AlreadyExists by its own group resource', () => {
    const c = newCluster()
    const missing = c.api.get('test', EV, 'default', 'nope')
    expect(!missing.ok && missing.error.message).toBe('events.events.k8s.io "nope" not found')
    created(c, coreEvent('web.1'))
    const again = c.api.create('test', v1Event('web.1'))
    expect(!again.ok && again.error.message).toBe('events.events.k8s.io "web.1" already exists')
  })

  it('patches the new shape: a series may be added; everything else of the event is immutable', () => {
    const c = newCluster()
    created(c, v1Event('web.3'))
    const series = { count: 2, lastObservedTime: '2026-11-25T02:00:30.000000Z' }
    const patched = c.api.patch('test', EV, 'default', 'web.3', { series }, 'strategic')
    expect(patched.ok && patched.value.series).toEqual(series)
    const core = c.api.get('test', 'events', 'default', 'web.3')
    expect(core.ok && core.value.series).toEqual(series)
    const note = c.api.patch('test', EV, 'default', 'web.3', { note: 'changed', series: { count: 1 } }, 'merge')
    expect(!note.ok && note.error.message).toBe(
      'Event "web.3" is invalid: [series.count: Invalid value: "": should be at least 2, message: Invalid value: "changed": field is immutable]',
    )
    const moved = c.api.patch('test', EV, 'default', 'web.3', { regarding: { name: 'other' } }, 'merge')
    expect(!moved.ok && moved.error.message).toBe(
      'Event "web.3" is invalid: involvedObject: Invalid value: core.ObjectReference{Kind:"Pod", Namespace:"default", Name:"other", UID:"", APIVersion:"v1", ResourceVersion:"", FieldPath:""}: field is immutable',
    )
    // Through core/v1 the same change is only legacy-validated.
    expect(c.api.patch('test', 'events', 'default', 'web.3', { message: 'changed' }, 'merge').ok).toBe(true)
  })

  it('selects by its own field labels, converted to the stored ones; core names are not its', () => {
    const c = newCluster()
    created(c, coreEvent('web.1'))
    created(c, v1Event('web.2', { regarding: { apiVersion: 'v1', kind: 'Pod', name: 'db', namespace: 'default' } }))
    const names = (fieldSelector: string) => {
      // (The nodes' own events are in default too: only the pods' are looked at.)
      const r = c.api.list('test', EV, { namespace: 'default', fieldSelector: `${fieldSelector},regarding.kind=Pod` })
      return r.ok ? r.value.items.map((e) => e.metadata.name) : r.error.message
    }
    expect(names('regarding.name=db')).toEqual(['web.2'])
    expect(names('reportingController=example.com/ctl')).toEqual(['web.2'])
    // source: the source's component, or else the reporting controller (EventToSelectableFields).
    expect(names('source=kubelet')).toEqual(['web.1'])
    expect(names('source=example.com/ctl')).toEqual(['web.2'])
    expect(names('involvedObject.name=db')).toBe('field label not supported: involvedObject.name')
    // Core keeps its own names.
    const core = c.api.list('test', 'events', { namespace: 'default', fieldSelector: 'involvedObject.name=db,involvedObject.kind=Pod' })
    expect(core.ok && core.value.items.map((e) => e.metadata.name)).toEqual(['web.2'])
  })

  it('watches the shared storage in the new shape', () => {
    const c = newCluster()
    const seen: [string, string | undefined, unknown][] = []
    const w = c.api.watch('test', EV, { namespace: 'default', resourceVersion: String(c.api.revision) }, (e) => seen.push([e.type, e.object.apiVersion, (e.object as { note?: unknown }).note]))
    expect(w.ok).toBe(true)
    created(c, coreEvent('web.1'))
    expect(seen).toEqual([['ADDED', 'events.k8s.io/v1', 'Container image "nginx:1.27" already present on machine']])
  })

  it("is what kube-scheduler writes: `create events.events.k8s.io` and, for a repeat, `patch` of its series, under a lease of that store's own", () => {
    const c = newCluster()
    created(c, pod('huge', { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '64' } } }] }))
    // Unschedulable: FailedScheduling now, after the condition's write (another resourceVersion
    // of the pod, so a new event), and again for that one: a series.
    c.advance(12 * 60_000)
    const writes = c.trace.entries().filter((e) => e.who === 'kube-scheduler' && e.resource.startsWith('events'))
    expect(writes.map((e) => `${e.verb} ${e.resource} ${e.code}`)).toEqual([`create ${EV} 201`, `create ${EV} 201`, `patch ${EV} 200`])
    expect(writes[2].name).toBe(writes[1].name)
    const event = c.api.get('test', EV, 'default', writes[2].name!)
    expect(event.ok && event.value).toMatchObject({ reason: 'FailedScheduling', action: 'Scheduling', reportingController: 'default-scheduler', series: { count: 2 } })
    const core = c.api.eventLeaseState()
    const v1 = c.api.eventLeaseState('events.k8s.io')
    expect(v1).toBeDefined()
    expect(v1!.id).not.toBe(core?.id)
    // Granted for the series' patch, 11 minutes in: the lease of 5 minutes earlier expires too soon for it.
    expect(writes[2].time).toBe(T0 + 11 * 60_000)
    expect(v1!.expiry).toBe(writes[2].time + 3_600_000 + 60_000)
  })
})
