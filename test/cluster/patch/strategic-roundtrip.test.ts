// mergedTwoWayDiff says what the apiserver makes of a kubelet's status patch without the patch. It
// must give, wherever it answers, exactly what the real thing gives: the two-way diff of the two
// statuses (createTwoWayMergePatchSharing, as the kubelet makes it), merged by the apiserver's status
// merge (applyStatusPatchSharing) and decoded (strictDecodingErrors, decodedCopy), key order included;
// and "changed" exactly when the diff has a status to send.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deepFreeze } from '../../../src/cluster/etcd.js'
import type { StoredObject } from '../../../src/cluster/object.js'
import { applyStatusPatchSharing } from '../../../src/cluster/patch.js'
import type { Json, JsonObject } from '../../../src/cluster/patch/json.js'
import { lookupPatchMeta, patchSchemaFor } from '../../../src/cluster/patch/schema.js'
import { createTwoWayMergePatchSharing } from '../../../src/cluster/patch/strategic-diff.js'
import { mergedTwoWayDiff } from '../../../src/cluster/patch/strategic-roundtrip.js'
import { resourceByName } from '../../../src/cluster/resources.js'
import { decodedCopy, strictDecodingErrors } from '../../../src/cluster/schema.js'

const PODS = resourceByName('pods')!
const POD_SCHEMA = patchSchemaFor('v1', 'Pod')!
const STATUS_SCHEMA = lookupPatchMeta(POD_SCHEMA, 'status').schema

/** A stored pod's status: decoded as the apiserver stores it, frozen. */
function stored(status: JsonObject): JsonObject {
  return deepFreeze(decodedCopy(PODS, { apiVersion: 'v1', kind: 'Pod', status }).status as JsonObject) ?? deepFreeze({})
}

type Outcome = { kind: 'patch'; text: string } | { kind: 'no patch' } | { kind: 'not the short path' }

/** What the apiserver's status path makes of the kubelet's patch from `o` to `m`. */
function real(o: JsonObject, m: JsonObject): Outcome {
  const diff = createTwoWayMergePatchSharing({ status: o }, { status: m }, POD_SCHEMA)
  if (!diff.ok) return { kind: 'not the short path' }
  const statusPatch = diff.value.status
  if (statusPatch === undefined) return { kind: 'no patch' }
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: o } as unknown as StoredObject & { status: JsonObject }
  const merged = applyStatusPatchSharing(pod, statusPatch as JsonObject)
  if (!merged) return { kind: 'not the short path' }
  const problems = strictDecodingErrors(PODS, merged)
  if (problems.typeErrors.length > 0 || problems.unknownFields.length > 0) return { kind: 'not the short path' }
  return { kind: 'patch', text: JSON.stringify(decodedCopy(PODS, merged).status) }
}

/** The same from mergedTwoWayDiff; undefined when it does not answer. */
function short(o: JsonObject, m: JsonObject): Outcome | undefined {
  const r = mergedTwoWayDiff(o, m, STATUS_SCHEMA)
  if (!r) return undefined
  if (!r.changed) return { kind: 'no patch' }
  const merged = { apiVersion: 'v1', kind: 'Pod', status: r.value }
  const problems = strictDecodingErrors(PODS, merged)
  if (problems.typeErrors.length > 0 || problems.unknownFields.length > 0) return { kind: 'not the short path' }
  return { kind: 'patch', text: JSON.stringify(decodedCopy(PODS, merged).status) }
}

function expectSame(o: JsonObject, m: JsonObject): boolean {
  const s = short(o, m)
  if (s === undefined) return false
  const r = real(o, m)
  // Not the short path for the short way: the caller falls back, whatever the real one would do.
  if (s.kind === 'not the short path') return false
  expect(s).toEqual(r)
  return true
}

const T0 = '2026-01-01T00:00:00Z'
const T1 = '2026-01-01T00:00:05Z'

const condition = (type: string, status: string, since: string, extra: JsonObject = {}): JsonObject => ({ type, status, lastProbeTime: null, lastTransitionTime: since, ...extra })

const pending: JsonObject = {
  phase: 'Pending',
  conditions: [condition('PodScheduled', 'True', T0)],
  qosClass: 'BestEffort',
}

const creating: JsonObject = {
  phase: 'Pending',
  conditions: [
    condition('PodReadyToStartContainers', 'False', T1),
    condition('Initialized', 'True', T1),
    condition('Ready', 'False', T1, { reason: 'ContainersNotReady', message: 'containers with unready status: [main]' }),
    condition('ContainersReady', 'False', T1, { reason: 'ContainersNotReady', message: 'containers with unready status: [main]' }),
    condition('PodScheduled', 'True', T0),
  ],
  hostIP: '172.18.0.2',
  hostIPs: [{ ip: '172.18.0.2' }],
  startTime: T1,
  containerStatuses: [{ name: 'main', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false }],
  qosClass: 'BestEffort',
}

const running: JsonObject = {
  phase: 'Running',
  conditions: [
    condition('PodReadyToStartContainers', 'True', T1),
    condition('Initialized', 'True', T1),
    condition('Ready', 'True', T1),
    condition('ContainersReady', 'True', T1),
    condition('PodScheduled', 'True', T0),
  ],
  hostIP: '172.18.0.2',
  hostIPs: [{ ip: '172.18.0.2' }],
  podIP: '10.244.1.5',
  podIPs: [{ ip: '10.244.1.5' }],
  startTime: T1,
  containerStatuses: [
    {
      name: 'main',
      state: { running: { startedAt: T1 } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:1.27',
      imageID: 'docker.io/library/nginx@sha256:0a1b',
      containerID: 'containerd://abc',
      started: true,
    },
  ],
  qosClass: 'BestEffort',
}

describe('mergedTwoWayDiff', () => {
  it('gives what the merged patch gives for the kubelet’s usual steps', () => {
    const steps: [JsonObject, JsonObject][] = [
      [pending, creating],
      [creating, running],
      [running, { ...running, phase: 'Succeeded' }],
      [running, { ...running, podIP: undefined as unknown as Json }], // undefined: not covered
    ]
    const answered = steps.map(([a, b]) => expectSame(stored(a), b))
    expect(answered).toEqual([true, true, true, false])
  })

  it('says nothing changed when the diff is empty, and keeps the stored status', () => {
    const o = stored(running)
    const r = mergedTwoWayDiff(o, structuredClone(running), STATUS_SCHEMA)
    expect(r).toEqual({ value: o, changed: false })
    expect(r!.value).toBe(o)
    expect(real(o, structuredClone(running))).toEqual({ kind: 'no patch' })
  })

  it('puts a reordered merged list in the new order, with new keys of a merged map last', () => {
    const o = stored(running)
    const m = structuredClone(running)
    const conditions = m.conditions as JsonObject[]
    conditions.reverse()
    conditions[1] = { reason: 'X', ...conditions[1], message: 'y' }
    delete (conditions[2] as JsonObject).lastTransitionTime
    m.hostIPs = [{ ip: '172.18.0.2' }, { ip: 'fd00::2' }]
    m.podIPs = [{ ip: '10.244.1.6' }]
    expect(expectSame(o, m)).toBe(true)
  })

  it('leaves what it does not cover to the real merge', () => {
    const o = stored(running)
    const not = (m: JsonObject) => expect(mergedTwoWayDiff(o, m, STATUS_SCHEMA)).toBeUndefined()
    not({ ...running, $patch: 'replace' })
    not({ ...running, conditions: [...(running.conditions as JsonObject[]), condition('Ready', 'False', T1)] }) // two items of one key
    not({ ...running, conditions: [] })
    not({ ...running, conditions: [{ status: 'True' }] }) // no merge key
    not({ ...running, conditions: ['Ready'] })
    not({ ...running, hostIPs: [{ ip: 'ü' }] })
    not({ ...running, containerStatuses: [{ name: 'main', state: { $patch: 'delete' } }] })
    not({ ...running, ...(JSON.parse('{"__proto__": {"a": 1}}') as JsonObject) }) // an own __proto__ key
    not({ ...running, containerStatuses: [[{ name: 'main' }]] as unknown as Json })
    expect(mergedTwoWayDiff(stored({ ...running, resourceClaimStatuses: [{ name: 'a' }] }), { ...running, resourceClaimStatuses: [{ name: 'b' }] }, STATUS_SCHEMA)).toBeUndefined()
  })

  it('gives what the merged patch gives for random statuses (or does not answer)', () => {
    const types = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers', 'DisruptionTarget']
    const text = fc.constantFrom('a', 'b', 'True', 'False', T0, T1, '10.0.0.1', '10.0.0.2')
    const scalar: fc.Arbitrary<Json> = fc.oneof(text, fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null))
    const field = (name: string, value: fc.Arbitrary<Json>) => fc.option(value.map((v) => [name, v] as const), { nil: undefined, freq: 2 })
    const cond = fc
      .tuple(fc.constantFrom(...types), fc.constantFrom('True', 'False', 'Unknown'), fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), fc.boolean(), fc.option(scalar, { nil: undefined }))
      .map(([type, status, since, reason, probe, odd]) => {
        const c: JsonObject = { type, status }
        if (probe) c.lastProbeTime = null
        if (since !== undefined) c.lastTransitionTime = since
        if (reason !== undefined) c.reason = reason
        if (odd !== undefined) c.message = odd
        return c
      })
    const ips = fc.uniqueArray(fc.constantFrom('10.0.0.1', '10.0.0.2', 'fd00::1'), { maxLength: 3 }).map((l) => l.map((ip) => ({ ip }) as JsonObject))
    const containerStatus = fc.record({
      name: fc.constantFrom('main', 'side'),
      ready: fc.boolean(),
      restartCount: fc.integer({ min: 0, max: 2 }),
      state: fc.oneof(fc.constant({ running: { startedAt: T1 } }), fc.constant({ waiting: { reason: 'ContainerCreating' } }), fc.constant({ terminated: { exitCode: 0, startedAt: null } })),
    }) as fc.Arbitrary<JsonObject>
    const status = fc
      .tuple(
        field('phase', fc.oneof(fc.constantFrom('Pending', 'Running', 'Failed'), scalar)),
        field('conditions', fc.array(cond, { maxLength: 5 })),
        field('hostIP', text),
        field('hostIPs', ips),
        field('podIP', scalar),
        field('podIPs', ips),
        field('startTime', fc.constantFrom(T0, T1)),
        field('containerStatuses', fc.array(containerStatus, { maxLength: 2 })),
        field('qosClass', fc.constantFrom('BestEffort', 'Burstable')),
        field('message', scalar),
        field('nominatedNodeName', fc.oneof(text, fc.constant({ odd: 1 }) as fc.Arbitrary<Json>)),
        field('unknownField', text),
      )
      .chain((entries) => fc.shuffledSubarray(entries.filter((e) => e !== undefined), { minLength: 0 }))
      .map((entries) => Object.fromEntries(entries) as JsonObject)
    let answered = 0
    let runs = 0
    fc.assert(
      fc.property(status, status, fc.boolean(), (a, b, derive) => {
        runs++
        const o = stored(a)
        // Half the time the new status is the stored one with some fields from the other: close, as the kubelet's are.
        const m: JsonObject = derive ? { ...structuredClone(o), ...b } : b
        if (expectSame(o, m)) answered++
      }),
      { numRuns: 3000, seed: 7 },
    )
    // The property is not vacuous: most pairs are answered.
    expect(answered).toBeGreaterThan(runs / 3)
  })
})
