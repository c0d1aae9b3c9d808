// The event correlator's caches key their entries by a 53-bit hash of a key text, and keep them in
// LRU order; both are part of a snapshot (and so of the determinism digests). The recorder hashes the
// texts piecewise (the involved object once, each key going on from it) and reads entries it is about
// to set without moving them: the keys and their order must be those of hashing each whole text and
// of groupcache's LRU, which moves an entry on every read and write.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { eventRecordersState, recordEvent, type EventSpec } from '../../src/cluster/events.js'
import type { StoredObject } from '../../src/cluster/object.js'

/** The hash of a whole key text, as the recorder documents it (two FNV-1a hashes). */
function hashOf(text: string): number {
  let a = 0x811c9dc5
  let b = 0x2f2c1a6b
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  return (a >>> 0) * 0x200000 + ((b >>> 11) & 0x1fffff)
}

describe('the event correlator’s keys', () => {
  it('are the hashes of the whole key texts, in the order of last use', () => {
    const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 0, 1), seed: 1, components: false })
    const pods: StoredObject[] = []
    for (const name of ['a', 'b']) {
      const created = c.api.create('kubectl', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } })
      if (!created.ok) throw new Error(created.error.message)
      pods.push(created.value)
    }
    const spec = (pod: StoredObject, reason: string, message: string): EventSpec => ({
      involvedObject: pod,
      fieldPath: 'spec.containers{main}',
      type: 'Normal',
      reason,
      message,
      source: { component: 'kubelet', host: 'node-x' },
    })
    const object = (pod: StoredObject) => `Pod\u0000default\u0000${pod.metadata.name}\u0000${pod.metadata.uid}\u0000v1\u0000Normal`
    const sent: [StoredObject, string, string][] = [
      [pods[0], 'Pulling', 'Pulling image "nginx:1.27"'],
      [pods[1], 'Pulling', 'Pulling image "nginx:1.27"'],
      [pods[0], 'Pulled', 'Successfully pulled image "nginx:1.27"'],
      [pods[0], 'Pulling', 'Pulling image "nginx:1.27"'], // the same again: counted up, and made the newest
    ]
    for (const [pod, reason, message] of sent) {
      c.advance(1000)
      recordEvent(c.api, c.now(), spec(pod, reason, message))
    }
    const state = eventRecordersState(c.api, { sources: ['kubelet/node-x'] })!['kubelet/node-x']
    const eventKey = (pod: StoredObject, reason: string, message: string) => hashOf(`${object(pod)}\u0000spec.containers{main}\u0000${reason}\u0000${message}`)
    expect(state.logs.map(([k, count]) => [k, count])).toEqual([
      [eventKey(pods[1], 'Pulling', 'Pulling image "nginx:1.27"'), 1],
      [eventKey(pods[0], 'Pulled', 'Successfully pulled image "nginx:1.27"'), 1],
      [eventKey(pods[0], 'Pulling', 'Pulling image "nginx:1.27"'), 2],
    ])
    expect(state.aggregates.map(([k]) => k)).toEqual([hashOf(`${object(pods[1])}\u0000Pulling`), hashOf(`${object(pods[0])}\u0000Pulled`), hashOf(`${object(pods[0])}\u0000Pulling`)])
    // One bucket per object; pod a's was used last (its tokens refill a little between its events).
    expect(state.spam.map(([k]) => k)).toEqual([hashOf(object(pods[1])), hashOf(object(pods[0]))])
    expect(state.spam[0][1]).toBe(24)
    expect(state.spam[1][1]).toBeCloseTo(22, 1)
  })
})
