import { beforeEach, describe, expect, it } from 'vitest'
import type { SimulatedCluster } from '../../src/cluster/cluster.js'
import type { KubeObject, StoredObject } from '../../src/cluster/object.js'
import { attribute, selectTrace, type TraceQuery, type TraceSelection } from '../../src/course/trace-query.js'
import { newCluster } from '../fixtures/apiserver.js'

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }

function must(r: { ok: true; value: StoredObject } | { ok: false; error: { message: string } }): StoredObject {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

const ownedBy = (o: StoredObject) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true }]

function deployment(name: string): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } }
}

function replicaSet(name: string, owner: StoredObject): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, ownerReferences: ownedBy(owner) },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
  }
}

function pod(name: string, owner?: StoredObject): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' }, ...(owner ? { ownerReferences: ownedBy(owner) } : {}) }, spec: template.spec }
}

/** What the selection shows, one `who verb resource/name[/sub]` per call. */
function calls(c: SimulatedCluster, q: TraceQuery): string[] {
  const r = selectTrace(c, q)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value.entries.map((e) => `${e.who} ${e.verb} ${e.resource}/${e.name ?? ''}${e.subresource ? `/${e.subresource}` : ''}`)
}

function selection(c: SimulatedCluster, q: TraceQuery): TraceSelection {
  const r = selectTrace(c, q)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

let c: SimulatedCluster
beforeEach(() => {
  c = newCluster(7)
  // The objects below are written by hand, as their controllers would: no component may add its own.
  for (const name of c.componentNames()) c.stop(name)
})

/** A Deployment `web` as the course document tells it, made by hand, plus neighbours that are not its own. */
function webStory() {
  const web = must(c.api.create('kubectl', deployment('web')))
  c.advance(3)
  const rs = must(c.api.create('deployment-controller', replicaSet('web-7d4b9c8f6', web)))
  c.advance(5)
  const pods = ['x2x4z', 'k8q9m'].map((s) => must(c.api.create('replicaset-controller', pod(`web-7d4b9c8f6-${s}`, rs))))
  c.advance(12)
  for (const p of pods) must(c.api.bind('kube-scheduler', 'default', p.metadata.name, 'node-1'))
  c.advance(1250)
  const running = must(c.api.get('kubelings', 'pods', 'default', pods[0].metadata.name))
  must(c.api.update('kubelet/node-1', { ...running, status: { ...(running.status as object), phase: 'Running' } }, { subresource: 'status' }))
  // Not web's: a Deployment whose name starts the same, a Service of the same name, and a bare
  // pod whose name fits the pattern of web's pods but which nobody owns.
  const other = must(c.api.create('kubectl', deployment('web2')))
  must(c.api.create('deployment-controller', replicaSet('web2-5d6f7b8c9', other)))
  must(c.api.create('kubectl', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }))
  must(c.api.create('kubectl', pod('web-bcdfg-hjklm')))
  return { web, rs, pods }
}

describe('selecting calls of the trace', () => {
  it('--for deploy/NAME follows the Deployment down its ReplicaSets to their Pods, and nothing else', () => {
    webStory()
    expect(calls(c, { for: 'deploy/web' })).toEqual([
      'kubectl create deployments.apps/web',
      'deployment-controller create replicasets.apps/web-7d4b9c8f6',
      'replicaset-controller create pods/web-7d4b9c8f6-x2x4z',
      'replicaset-controller create pods/web-7d4b9c8f6-k8q9m',
      'kube-scheduler create pods/web-7d4b9c8f6-x2x4z/binding',
      'kube-scheduler create pods/web-7d4b9c8f6-k8q9m/binding',
      'kubelet/node-1 update pods/web-7d4b9c8f6-x2x4z/status',
    ])
    const s = selection(c, { for: 'deployment.apps/web' })
    expect(s.target).toEqual({ resource: 'deployments.apps', kind: 'Deployment', namespace: 'default', name: 'web', exists: true, owns: 3 })
    expect(s.hiddenReads).toBe(1)
    expect(s.entries.map((e) => e.time - s.entries[0].time)).toEqual([0, 3, 8, 8, 20, 20, 1270])
  })

  it('--for pod/NAME shows one pod: its creation, its binding, its status', () => {
    const { pods } = webStory()
    expect(calls(c, { for: `pod/${pods[0].metadata.name}`, reads: true })).toEqual([
      'replicaset-controller create pods/web-7d4b9c8f6-x2x4z',
      'kube-scheduler create pods/web-7d4b9c8f6-x2x4z/binding',
      'kubelings get pods/web-7d4b9c8f6-x2x4z',
      'kubelet/node-1 update pods/web-7d4b9c8f6-x2x4z/status',
    ])
    expect(selection(c, { for: `po/${pods[0].metadata.name}` }).target?.owns).toBe(0)
  })

  it('keeps the calls of objects already deleted, matched by the names their controllers give them', () => {
    const { rs, pods } = webStory()
    must(c.api.create('replicaset-controller', pod('web-7d4b9c8f6-zz9q2', rs)))
    expect(c.api.delete('replicaset-controller', 'pods', 'default', 'web-7d4b9c8f6-zz9q2', { gracePeriodSeconds: 0 }).ok).toBe(true)
    const live = calls(c, { for: 'deploy/web' })
    expect(live).toContain('replicaset-controller delete pods/web-7d4b9c8f6-zz9q2')
    // Now everything goes: the Deployment, its ReplicaSet, its pods.
    for (const p of pods) c.api.delete('kubectl', 'pods', 'default', p.metadata.name, { gracePeriodSeconds: 0 })
    c.api.delete('kubectl', 'replicasets', 'default', 'web-7d4b9c8f6')
    c.api.delete('kubectl', 'deployments', 'default', 'web')
    const gone = selection(c, { for: 'deploy/web' })
    expect(gone.target).toMatchObject({ exists: false, owns: 4 })
    const names = gone.entries.map((e) => `${e.verb} ${e.resource}/${e.name}`)
    expect(names).toContain('create replicasets.apps/web-7d4b9c8f6')
    expect(names).toContain('delete pods/web-7d4b9c8f6-x2x4z')
    expect(names).toContain('delete deployments.apps/web')
    // web2's ReplicaSet, the Service web and the unowned live pod web-bcdfg-hjklm are not web's.
    expect(names.filter((n) => /web2|services|web-bcdfg-hjklm/.test(n))).toEqual([])
  })

  it('takes Events about the objects it follows, by their involvedObject', () => {
    const { pods } = webStory()
    const event = (name: string, involved: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { namespace: 'default', ...involved },
      reason: 'Scheduled',
      message: 'x',
      type: 'Normal',
    })
    must(c.api.create('default-scheduler', event(`${pods[0].metadata.name}.18eb3adda0f70000`, { kind: 'Pod', name: pods[0].metadata.name })))
    must(c.api.create('endpoint-controller', event('web.18eb3adda0f70001', { kind: 'Service', name: 'web' })))
    const s = selection(c, { for: 'deploy/web' })
    const last = s.entries[s.entries.length - 1]
    expect(last).toMatchObject({ who: 'default-scheduler', component: 'kube-scheduler', node: 'control-plane', resource: 'events', name: `${pods[0].metadata.name}.18eb3adda0f70000` })
    expect(calls(c, { for: 'svc/web' })).toEqual(['kubectl create services/web', 'endpoint-controller create events/web.18eb3adda0f70001'])
  })

  it('takes Events written through events.k8s.io (as kube-scheduler writes them), live and gone', () => {
    const { pods } = webStory()
    const name = pods[0].metadata.name
    const v1Event = (event: string): KubeObject => ({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: event, namespace: 'default' },
      eventTime: '2026-11-25T02:00:00.000000Z',
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      action: 'Binding',
      reason: 'Scheduled',
      regarding: { apiVersion: 'v1', kind: 'Pod', name, namespace: 'default' },
      type: 'Normal',
    })
    must(c.api.create('kube-scheduler', v1Event(`${name}.18eb3adda0f70002`)))
    must(c.api.create('kube-scheduler', v1Event(`${name}.18eb3adda0f70003`)))
    expect(c.api.delete('kubectl', 'events.events.k8s.io', 'default', `${name}.18eb3adda0f70003`).ok).toBe(true)
    expect(calls(c, { for: `pod/${name}` }).filter((l) => l.includes('events'))).toEqual([
      `kube-scheduler create events.events.k8s.io/${name}.18eb3adda0f70002`,
      `kube-scheduler create events.events.k8s.io/${name}.18eb3adda0f70003`,
      `kubectl delete events.events.k8s.io/${name}.18eb3adda0f70003`,
    ])
  })

  it("--for svc/NAME takes the Service's EndpointSlices (owned) and Endpoints (same name)", () => {
    const svc = must(c.api.create('kubectl', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }))
    must(c.api.create('endpoint-controller', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [] }))
    must(
      c.api.create('endpointslice-controller', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'web-x7k2p', labels: { 'kubernetes.io/service-name': 'web' }, ownerReferences: ownedBy(svc) },
        addressType: 'IPv4',
        endpoints: [],
      }),
    )
    expect(calls(c, { for: 'service/web' })).toEqual([
      'kubectl create services/web',
      'endpoint-controller create endpoints/web',
      'endpointslice-controller create endpointslices.discovery.k8s.io/web-x7k2p',
    ])
  })

  it('--for a cluster-scoped owner follows it into any namespace (a Node owns its Lease)', () => {
    const names = calls(c, { for: 'node/node-1' })
    expect(names.slice(0, 2)).toEqual(['kubelet/node-1 create nodes/node-1', 'kubelet/node-1 create leases.coordination.k8s.io/node-1'])
    // Then the events about node-1, from its kubelet and from the node controller.
    expect(names.slice(2).every((n) => / create events\/node-1\.[0-9a-f]+$/.test(n))).toBe(true)
  })

  it('refuses what it cannot follow: a name without a type, an unknown type, an object that never was', () => {
    expect(selectTrace(c, { for: 'web' })).toEqual({ ok: false, error: { reason: 'BadReference', ref: 'web' } })
    expect(selectTrace(c, { for: 'deploy/' })).toEqual({ ok: false, error: { reason: 'BadReference', ref: 'deploy/' } })
    expect(selectTrace(c, { for: 'frob/web' })).toEqual({ ok: false, error: { reason: 'UnknownType', type: 'frob' } })
    const missing = selectTrace(c, { for: 'deploy/web' })
    expect(missing.ok).toBe(false)
    if (!missing.ok && missing.error.reason === 'NotFound') expect(missing.error.status.message).toBe('deployments.apps "web" not found')
    webStory()
    expect(selectTrace(c, { for: 'deploy/web', namespace: 'kube-system' }).ok).toBe(false)
  })

  it('hides reads unless asked, and keeps the window of --since and the last N of --last', () => {
    webStory()
    const all = selection(c, { reads: true })
    const writes = selection(c, {})
    expect(writes.entries.every((e) => !['get', 'list', 'watch'].includes(e.verb))).toBe(true)
    expect(writes.hiddenReads).toBe(all.entries.length - writes.entries.length)
    c.advance(2000)
    expect(calls(c, { since: 0 })).toEqual([]) // nothing at this very instant
    must(c.api.create('kubectl', pod('late')))
    expect(calls(c, { since: 1000 })).toEqual(['kubectl create pods/late'])
    expect(calls(c, { last: 2 })).toEqual(['kubectl create pods/web-bcdfg-hjklm', 'kubectl create pods/late'])
  })

  it('leaves out lease updates when asked, counting them, and only those', () => {
    webStory()
    c.advance(30_000)
    const everything = selection(c, {})
    const quiet = selection(c, { hideLeaseUpdates: true })
    const leaseUpdates = everything.entries.filter((e) => e.verb === 'update' && e.resource === 'leases.coordination.k8s.io')
    expect(leaseUpdates.length).toBeGreaterThan(0)
    expect(quiet.hiddenLeaseUpdates).toBe(leaseUpdates.length)
    expect(everything.hiddenLeaseUpdates).toBe(0)
    expect(quiet.entries).toEqual(everything.entries.filter((e) => !leaseUpdates.includes(e)))
    // The story is all there: what kubectl and the controllers wrote.
    expect(quiet.entries.some((e) => e.who === 'kubectl')).toBe(true)
  })

  it('marks successful writes that left etcd as it was', () => {
    const { pods } = webStory()
    const bound = must(c.api.get('kubelings', 'pods', 'default', pods[1].metadata.name))
    const written = must(c.api.update('kubelet/node-1', { ...bound, status: { ...(bound.status as object), phase: 'Running' } }, { subresource: 'status' }))
    must(c.api.update('kubelet/node-1', written, { subresource: 'status' })) // the same status again: etcd keeps what it has
    const s = selection(c, { for: `pod/${pods[1].metadata.name}` })
    expect(s.entries.map((e) => e.verb)).toEqual(['create', 'create', 'update', 'update'])
    expect(s.unchanged).toEqual([3])
  })

  it.each([
    { who: 'kubectl', component: 'kubectl', node: null },
    { who: 'kube-apiserver', component: 'kube-apiserver', node: 'control-plane' },
    { who: 'replicaset-controller', component: 'kube-controller-manager', node: 'control-plane' },
    { who: 'namespace-controller', component: 'kube-controller-manager', node: 'control-plane' },
    { who: 'garbage-collector', component: 'kube-controller-manager', node: 'control-plane' },
    { who: 'service-account-controller', component: 'kube-controller-manager', node: 'control-plane' },
    { who: 'root-ca-cert-publisher', component: 'kube-controller-manager', node: 'control-plane' },
    { who: 'shared-informers', component: 'kube-controller-manager', node: 'control-plane' },
    { who: 'kube-scheduler', component: 'kube-scheduler', node: 'control-plane' },
    { who: 'kubelet/node-2', component: 'kubelet', node: 'node-2' },
    { who: 'kubelings', component: 'kubelings', node: null },
  ])('a call by $who comes from $component on $node', ({ who, component, node }) => {
    expect(attribute(who)).toMatchObject({ component, node })
  })
})
