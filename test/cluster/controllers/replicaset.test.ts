import { describe, expect, it } from 'vitest'
import { Cluster, CONTROL_PLANE_ONLY } from '../../../src/index.js'
import { getPodsToDelete } from '../../../src/cluster/controllers/pod-ranking.js'
import type { PodObject } from '../../../src/cluster/controllers/controller-ref.js'
import { slowStartBatch } from '../../../src/cluster/controllers/replicaset-manage.js'
import type { Status } from '../../../src/cluster/status.js'
import { events, markReady, names, podsOf } from './helpers.js'

const rs = (replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'front' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'front' } },
    template: { metadata: { labels: { app: 'front' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    ...extra,
  },
})

const notFound: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'x', reason: 'NotFound', code: 404 }

describe('the ReplicaSet controller', () => {
  it('creates the pods of a ReplicaSet from its template, named <rs>-xxxxx, each with an event', () => {
    const c = Cluster.create({ seed: 1, components: CONTROL_PLANE_ONLY })
    c.apply(rs(3))
    c.advance('1s')
    const pods = podsOf(c, 'front-')
    expect(names(pods)).toEqual(['front-bjwbp', 'front-md64l', 'front-n4rjd'])
    expect(pods[0].metadata).toMatchObject({
      generateName: 'front-',
      labels: { app: 'front' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'front', uid: c.get('rs', 'front')!.metadata.uid, controller: true, blockOwnerDeletion: true }],
    })
    const created = c.sim.trace.entries().filter((e) => e.who === 'replicaset-controller' && e.verb === 'create' && e.resource === 'pods').map((e) => e.name)
    expect(events(c, 'replicaset-controller')).toEqual(created.map((n) => `SuccessfulCreate: Created pod: ${n}`))
    expect(c.get('rs', 'front')!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 })
  })

  it('creates in slow-start batches of 1, 2, 4 ... and a failure ends the batch it is in', () => {
    let calls = 0
    const result = slowStartBatch(10, 1, () => (++calls === 4 ? notFound : undefined))
    expect({ calls, successes: result.successes, error: result.error?.reason }).toEqual({ calls: 7, successes: 6, error: 'NotFound' })
    expect(slowStartBatch(10, 1, () => undefined)).toEqual({ successes: 10 })
  })

  it('replaces a deleted pod at once, while the old one still terminates', () => {
    const c = Cluster.create({ seed: 1, components: CONTROL_PLANE_ONLY })
    c.apply(rs(2))
    c.advance('1s')
    const [victim] = names(podsOf(c, 'front-'))
    c.kubectl(`delete pod ${victim} --wait=false`)
    c.advance('1s')
    expect(names(podsOf(c, 'front-'))).toHaveLength(2)
    expect(names(podsOf(c, 'front-'))).not.toContain(victim)
    expect(events(c, 'replicaset-controller')).toHaveLength(3)
  })

  it('adopts an orphan pod that matches its selector instead of creating one', () => {
    const c = Cluster.create({ seed: 1, components: CONTROL_PLANE_ONLY })
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'front' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } })
    c.apply(rs(2))
    c.advance('1s')
    const stray = c.get('pods', 'stray')!
    expect(stray.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'front', uid: c.get('rs', 'front')!.metadata.uid, controller: true, blockOwnerDeletion: true }])
    expect(podsOf(c, 'front-')).toHaveLength(1)
  })

  it('releases a pod whose labels stop matching, and replaces it', () => {
    const c = Cluster.create({ seed: 1, components: CONTROL_PLANE_ONLY })
    c.apply(rs(1))
    c.advance('1s')
    const [pod] = names(podsOf(c, 'front-'))
    c.kubectl(`label pod ${pod} app=debug --overwrite`)
    c.advance('1s')
    expect(c.get('pods', pod)!.metadata.ownerReferences ?? []).toEqual([])
    expect(podsOf(c, 'front-').filter((p) => p.metadata.labels?.app === 'front')).toHaveLength(1)
  })

  it('deletes the surplus preferring pending and not-ready pods, and counts ready and available', () => {
    const c = Cluster.create({ seed: 1, components: CONTROL_PLANE_ONLY })
    c.apply(rs(3, { minReadySeconds: 10 }))
    c.advance('1s')
    const [a, b] = names(podsOf(c, 'front-'))
    markReady(c, a)
    markReady(c, b)
    c.advance('1s')
    expect(c.get('rs', 'front')!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, observedGeneration: 1 })
    c.advance('11s')
    expect(c.get('rs', 'front')!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 })
    c.kubectl('scale rs front --replicas=2')
    c.advance('1s')
    expect(names(podsOf(c, 'front-'))).toEqual([a, b])
    expect(events(c, 'replicaset-controller').at(-1)).toMatch(/^SuccessfulDelete: Deleted pod: front-/)
  })

  it.each([
    { name: 'an unassigned pod before an assigned one', x: { spec: {} }, y: { spec: { nodeName: 'node-1' } } },
    { name: 'a Pending pod before a Running one', x: { status: { phase: 'Pending' } }, y: { status: { phase: 'Running' } } },
    { name: 'a lower pod-deletion-cost first', x: { metadata: { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } } }, y: {} },
    { name: 'more restarts first', x: { status: { containerStatuses: [{ restartCount: 3 }] } }, y: {} },
    { name: 'a much newer pod first', x: { metadata: { creationTimestamp: '2026-01-01T00:59:00Z' } }, y: { metadata: { creationTimestamp: '2026-01-01T00:00:00Z' } } },
  ])('ranks $name for deletion', ({ x, y }) => {
    const pod = (name: string, over: { metadata?: object; spec?: object; status?: object }) =>
      ({ metadata: { name, uid: name, creationTimestamp: '2026-01-01T00:00:00Z', ...over.metadata }, spec: { ...over.spec }, status: { phase: 'Pending', ...over.status } }) as unknown as PodObject
    const now = Date.UTC(2026, 0, 1, 1)
    expect(names(getPodsToDelete([pod('y', y), pod('x', x)], [], 1, now))).toEqual(['x'])
    expect(names(getPodsToDelete([pod('x', x), pod('y', y)], [], 1, now))).toEqual(['x'])
  })
})
