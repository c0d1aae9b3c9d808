import { describe, expect, it } from 'vitest'
import { ApiServer } from '../../../src/cluster/apiserver.js'
import { ServiceAllocators } from '../../../src/cluster/allocators.js'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { Etcd } from '../../../src/cluster/etcd.js'
import { Prng } from '../../../src/cluster/prng.js'
import { Trace } from '../../../src/cluster/trace.js'

const T0 = Date.UTC(2026, 10, 25)
const WARNING = 'v1 ComponentStatus is deprecated in v1.19+'

describe('ComponentStatus, as the apiserver computes it on each call', () => {
  it('stores nothing and leaves etcd as it was; each get and list is traced like any other', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const revision = c.api.revision
    const start = c.trace.entries().length
    const list = c.api.list('kubectl', 'componentstatuses')
    const got = c.api.get('kubectl', 'componentstatuses', 'default', 'etcd-0')
    const missing = c.api.get('kubectl', 'componentstatuses', undefined, 'etcd-1')
    expect(list.ok && list.value.items.map((o) => o.metadata.name)).toEqual(['scheduler', 'controller-manager', 'etcd-0'])
    expect(list.ok && list.value.metadata).toEqual({ resourceVersion: '' })
    expect(got.ok && got.value).toEqual({
      kind: 'ComponentStatus',
      apiVersion: 'v1',
      metadata: { name: 'etcd-0', creationTimestamp: null },
      conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
    })
    expect(!missing.ok && missing.error).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Component not found: etcd-1',
      reason: '',
      details: undefined,
      code: 500,
    })
    expect(c.api.revision).toBe(revision)
    expect(c.etcd.range('/registry/componentstatuses/')).toEqual([])
    expect(c.trace.entries().slice(start)).toEqual([
      { time: T0, who: 'kubectl', verb: 'list', resource: 'componentstatuses', revision, code: 200 },
      { time: T0, who: 'kubectl', verb: 'get', resource: 'componentstatuses', name: 'etcd-0', revision, code: 200 },
      { time: T0, who: 'kubectl', verb: 'get', resource: 'componentstatuses', name: 'etcd-1', revision, code: 500 },
    ])
    // A silent read (a grader looking on) leaves no entry.
    c.api.list('kubelings', 'componentstatuses', { silent: true })
    expect(c.trace.entries().length).toBe(start + 3)
  })

  it('follows the components: Unhealthy (False) from the stop on, Healthy again once started', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const condition = (name: string) => {
      const r = c.api.get('test', 'componentstatuses', undefined, name)
      return r.ok ? (r.value.conditions as unknown[])[0] : r.error
    }
    c.stop('kube-controller-manager')
    expect(condition('controller-manager')).toEqual({
      type: 'Healthy',
      status: 'False',
      message: 'Get "https://127.0.0.1:10257/healthz": dial tcp 127.0.0.1:10257: connect: connection refused',
    })
    expect(condition('scheduler')).toEqual({ type: 'Healthy', status: 'True', message: 'ok' })
    c.start('kube-controller-manager')
    expect(condition('controller-manager')).toEqual({ type: 'Healthy', status: 'True', message: 'ok' })
  })

  it('refuses every verb but get and list: writes with a bare 405, a watch as the list handler does', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const start = c.trace.entries().length
    const created = c.api.create('kubectl', { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: 'x' } })
    const patched = c.api.patch('kubectl', 'componentstatuses', undefined, 'scheduler', {}, 'merge')
    const deleted = c.api.delete('kubectl', 'componentstatuses', undefined, 'scheduler')
    const watched = c.api.watch('kubectl', 'componentstatuses', {}, () => {})
    expect([created, patched, deleted, watched].map((r) => !r.ok && [r.error.code, r.error.reason, r.error.message])).toEqual([
      [405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource (post componentstatuses)'],
      [405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource (patch componentstatuses scheduler)'],
      [405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource (delete componentstatuses scheduler)'],
      [405, 'MethodNotAllowed', 'watch is not supported on resources of kind "componentstatuses"'],
    ])
    expect(c.trace.entries().slice(start).map((e) => `${e.verb} ${e.code}`)).toEqual(['create 405', 'patch 405', 'delete 405', 'watch 405'])
  })

  it('sends its deprecation warning with every answer, errors included, to the caller that listens', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1 })
    const heard: string[] = []
    const others: string[] = []
    c.api.withWarnings('kubectl', (m) => heard.push(m), () =>
      c.api.withWarnings('kube-scheduler', (m) => others.push(m), () => {
        c.api.list('kubectl', 'componentstatuses')
        c.api.get('kubectl', 'componentstatuses', undefined, 'nope')
        c.api.list('kubectl', 'componentstatuses', { fieldSelector: 'spec.x=y' })
        c.api.list('kubectl', 'pods')
      }),
    )
    expect(heard).toEqual([WARNING, WARNING, WARNING])
    expect(others).toEqual([])
    // Outside withWarnings nobody listens.
    c.api.list('kubectl', 'componentstatuses')
    expect(heard.length).toBe(3)
  })

  it('without a cluster to ask (an apiserver alone), only etcd answers', () => {
    const api = new ApiServer({ etcd: new Etcd(), now: () => T0, rng: Prng.fromSeed(1), trace: new Trace(), allocators: new ServiceAllocators(Prng.fromSeed(1)) })
    const list = api.list('kubectl', 'componentstatuses')
    expect(list.ok && list.value.items.map((o) => `${o.metadata.name} ${(o.conditions as { status: string }[])[0].status}`)).toEqual([
      'scheduler False',
      'controller-manager False',
      'etcd-0 True',
    ])
  })
})
