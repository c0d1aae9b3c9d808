import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { clusterStatus, renderClusterStatus } from '../../src/ui/cluster-status.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

describe('cluster status', () => {
  it('lists the components where they run, running or stopped, in English', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 7, workers: 1 })
    c.stop('kube-scheduler')
    const text = renderClusterStatus(clusterStatus(c, true), 'en')
    expect(text.split('\n').slice(0, 7)).toEqual([
      'Kubernetes v1.32.4 · seed 7',
      'Cluster time: 2026-11-25T08:00:00Z (manual clock)',
      '',
      'Components:',
      'COMPONENT                  NODE            STATE     ROLE',
      'kube-apiserver             control-plane   running   the only door to etcd: validates, defaults and stores every object',
      'etcd                       control-plane   running   key-value store holding every object of the cluster',
    ])
    expect(text).toContain('\nkube-scheduler             control-plane   stopped   assigns each new pod to a node\n')
    expect(text).toMatch(/\nkube-proxy +node-1 +running +turns Services into packet-forwarding rules on its node\n/)
    expect(text).toContain('\nnode-1          <none>          Ready    192.168.49.3   10.244.1.0/24')
  })

  it('in Chinese, with full-width colons and Chinese headers', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 7, workers: 1 })
    const lines = renderClusterStatus(clusterStatus(c, false), 'zh').split('\n')
    expect(lines.slice(1, 5)).toEqual(['集群时间：2026-11-25T08:00:00Z（跟随真实时钟）', '', '组件：', '组件                       节点            状态     作用'])
  })

  it('says when a restarted kube-controller-manager is still waiting for its lease, live or restored', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 7, workers: 1 })
    c.stop('kube-controller-manager')
    c.start('kube-controller-manager')
    expect(renderClusterStatus(clusterStatus(c, true), 'en')).toContain('\nkube-controller-manager    control-plane   running, waiting for its lease   runs the controllers')
    expect(renderClusterStatus(clusterStatus(c, true), 'zh')).toMatch(/\nkube-controller-manager +control-plane +运行中，等待租约 +/)
    // Restored with its components dormant, it reads their saved state without waking them.
    const copy = SimulatedCluster.restore(JSON.parse(JSON.stringify(c.snapshot())), { adopt: true, lazyComponents: true })
    expect(copy.componentsDormant).toBe(true)
    const waiting = (x: SimulatedCluster) => clusterStatus(x, true).components.filter((s) => s.waitingForLease).map((s) => s.name)
    expect(waiting(copy)).toEqual(['kube-controller-manager'])
    expect(copy.componentsDormant).toBe(true)
    for (const x of [c, copy]) x.advance(20_000)
    expect(waiting(c)).toEqual([])
    expect(waiting(copy)).toEqual([])
  })

  it('containerd runs on every node, also while its kubelet is stopped (the runtime keeps the containers)', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 7, workers: 1 })
    c.stop('kubelet/node-1')
    const rows = clusterStatus(c, true).components.filter((s) => s.kind === 'node').map((s) => [s.name, s.node, s.state])
    expect(rows).toEqual([
      ['kubelet', 'control-plane', 'Running'],
      ['kube-proxy', 'control-plane', 'Running'],
      ['containerd', 'control-plane', 'Running'],
      ['kubelet', 'node-1', 'Stopped'],
      ['kube-proxy', 'node-1', 'Running'],
      ['containerd', 'node-1', 'Running'],
    ])
    expect(renderClusterStatus(clusterStatus(c, true), 'en')).not.toContain('not simulated')
  })
})
