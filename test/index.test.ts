import { describe, expect, it } from 'vitest'
import { Cluster, KubectlFailure, splitCommandLine } from '../src/index.js'

describe('the programmatic API', () => {
  it('creates a cluster at a fixed virtual time and lets time pass', () => {
    const c = Cluster.create({ seed: 3 })
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
    c.advance('1m30s')
    expect(c.now().toISOString()).toBe('2026-01-01T00:01:30.000Z')
  })

  it('reads objects by kind or short name', () => {
    const c = Cluster.create()
    expect(c.get('no', 'node-1')?.metadata.name).toBe('node-1')
    expect(c.get('Service', 'kubernetes')?.spec).toMatchObject({ clusterIP: '10.96.0.1' })
    expect(c.list('pods', { namespace: 'kube-system' }).map((p) => p.metadata.name)).toEqual([
      'coredns-5755c5476f-pv6tm',
      'coredns-5755c5476f-sxzjw',
      'etcd-control-plane',
      'kube-apiserver-control-plane',
      'kube-controller-manager-control-plane',
      'kube-proxy-dfgsq',
      'kube-proxy-j6442',
      'kube-proxy-zllgt',
      'kube-scheduler-control-plane',
    ])
  })

  it('restores a snapshot to an equal cluster', () => {
    const c = Cluster.create({ seed: 9 })
    c.advance('10s')
    const copy = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    expect(copy.snapshot()).toEqual(c.snapshot())
  })

  it('runs kubectl and reports an unknown command as kubectl does', () => {
    const out = Cluster.create().kubectl('kubectl frobnicate')
    expect(out).toEqual({ stdout: '', stderr: 'Error: unknown command "frobnicate" for "kubectl"\n', exitCode: 1 })
  })

  it('apply throws a KubectlFailure carrying the output', () => {
    expect(() => Cluster.create().apply('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: [\n')).toThrow(KubectlFailure)
  })

  it('applies several objects given as a list, in order', () => {
    const c = Cluster.create()
    const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } })
    expect(c.apply([configMap('a'), configMap('b')]).stdout).toBe('configmap/a created\nconfigmap/b created\n')
    expect(c.list('configmaps', { namespace: 'default' }).map((o) => o.metadata.name)).toEqual(['a', 'b', 'kube-root-ca.crt'])
  })

  it.each([
    { line: 'get pods -o wide', argv: ['get', 'pods', '-o', 'wide'] },
    { line: `get pods -o jsonpath='{.items[*].metadata.name}'`, argv: ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'] },
    { line: 'exec web -- sh -c "echo hi; exit 1"', argv: ['exec', 'web', '--', 'sh', '-c', 'echo hi; exit 1'] },
    { line: 'label pod web a=\\ b', argv: ['label', 'pod', 'web', 'a= b'] },
  ])('splits $line like a shell', ({ line, argv }) => {
    expect(splitCommandLine(line)).toEqual(argv)
  })
})
