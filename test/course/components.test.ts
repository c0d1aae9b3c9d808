import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { resolveComponent } from '../../src/course/components.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

describe('resolveComponent', () => {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1, workers: 1 })

  it('knows the aliases and the per-node components', () => {
    expect(resolveComponent(c, 'scheduler', 'en')).toBe('kube-scheduler')
    expect(resolveComponent(c, 'kube-proxy/node-1', 'en')).toBe('kube-proxy/node-1')
    expect(resolveComponent(c, 'cloud-controller-manager', 'en')).toBe('cloud-controller-manager')
  })

  it('containerd/NODE: says it runs with the kubelet and what stopping it would mean', () => {
    expect(() => resolveComponent(c, 'containerd/node-1', 'en')).toThrow(
      'containerd/node-1 cannot be stopped or started in this playground: the container runtime is simulated together with kubelet/node-1. On a real node its containers would keep running, and the kubelet would report the node NotReady (KubeletNotReady, "container runtime is down"). To lose the containers of node node-1, run `kubelings cluster reboot node/node-1`.',
    )
    expect(() => resolveComponent(c, 'containerd/node-1', 'zh')).toThrow('在这个演练集群中不能停止或启动 containerd/node-1：容器运行时与 kubelet/node-1 一起模拟。')
  })

  it('a node\'s component on a node that does not exist names the nodes', () => {
    for (const name of ['containerd/node-9', 'kubelet/node-9', 'kube-proxy/node-9']) expect(() => resolveComponent(c, name, 'en')).toThrow('There is no node "node-9". The nodes are: control-plane, node-1.')
    expect(() => resolveComponent(c, 'kubelet/node-9', 'zh')).toThrow('没有名为 "node-9" 的节点。现有节点：control-plane, node-1。')
  })

  it('the apiserver and etcd: not here', () => {
    expect(() => resolveComponent(c, 'etcd', 'en')).toThrow('etcd cannot be stopped or started in this playground yet.')
    expect(() => resolveComponent(c, 'nope', 'en')).toThrow('There is no component "nope". Choose one of: kube-scheduler, kube-controller-manager, cloud-controller-manager, kubelet/control-plane, kubelet/node-1, kube-proxy/control-plane, kube-proxy/node-1.')
  })
})
