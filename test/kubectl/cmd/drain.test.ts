import { describe, expect, it } from 'vitest'
import { markReady, quietCluster, run } from './rollout-fixture.js'

const podsOn = (c: ReturnType<typeof quietCluster>, node: string, namespace = 'default'): string[] => {
  const l = c.api.list('t', 'pods', { namespace, fieldSelector: `spec.nodeName=${node}` })
  return l.ok ? l.value.items.map((p) => p.metadata.name) : []
}

describe('kubectl drain', () => {
  it('refuses a pod without a controller unless --force, in kubectl words', () => {
    const c = quietCluster()
    run(c, ['run', 'solo', '--image=nginx'])
    c.settle()
    const node = (c.object('pods', 'default', 'solo')!.spec as { nodeName: string }).nodeName
    const daemons = `kube-flannel/${podsOn(c, node, 'kube-flannel')[0]}, kube-system/${podsOn(c, node, 'kube-system')[0]}`
    expect(run(c, ['drain', node, '--ignore-daemonsets'])).toEqual({
      stdout: `node/${node} cordoned\n`,
      stderr:
        `error: unable to drain node "${node}" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\n` +
        `There are pending nodes to be drained:\n ${node}\n` +
        'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n',
      exitCode: 1,
    })
    expect(run(c, ['drain', node, '--force', '--ignore-daemonsets', '--grace-period=0'])).toEqual({
      stdout: `node/${node} already cordoned\nevicting pod default/solo\npod/solo evicted\nnode/${node} drained\n`,
      stderr: `Warning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: ${daemons}\n`,
      exitCode: 0,
    })
  })

  it('stops at the flannel and kube-proxy pods of the node without --ignore-daemonsets: both problems, one line each', () => {
    const c = quietCluster()
    run(c, ['run', 'solo', '--image=nginx'])
    c.settle()
    const node = (c.object('pods', 'default', 'solo')!.spec as { nodeName: string }).nodeName
    const daemons = `kube-flannel/${podsOn(c, node, 'kube-flannel')[0]}, kube-system/${podsOn(c, node, 'kube-system')[0]}`
    expect(daemons).toMatch(/^kube-flannel\/kube-flannel-ds-[a-z0-9]{5}, kube-system\/kube-proxy-[a-z0-9]{5}$/)
    const noController = 'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo'
    const daemonSet = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons}`
    expect(run(c, ['drain', node])).toEqual({
      stdout: `node/${node} cordoned\n`,
      stderr:
        `error: unable to drain node "${node}" due to error: [${noController}, ${daemonSet}], continuing command...\n` +
        `There are pending nodes to be drained:\n ${node}\n` +
        `${noController}\n${daemonSet}\n`,
      exitCode: 1,
    })
  })

  it('evicts the pods of a deployment, which come back on the other node', () => {
    const c = quietCluster()
    run(c, ['create', 'deployment', 'web', '--image=nginx', '--replicas=2'])
    markReady(c)
    const pods = podsOn(c, 'node-1')
    const r = run(c, ['drain', 'node-1', '--ignore-daemonsets', '--grace-period=0'])
    expect(r.stdout).toBe(['node/node-1 cordoned', ...pods.map((p) => `evicting pod default/${p}`), ...pods.map((p) => `pod/${p} evicted`), 'node/node-1 drained', ''].join('\n'))
    expect(r.exitCode).toBe(0)
    c.settle()
    expect(podsOn(c, 'node-1')).toEqual([])
  })

  it('gives up at --timeout when the evicted pods never go (no kubelet confirms)', () => {
    const c = quietCluster()
    run(c, ['run', 'solo', '--image=nginx'])
    c.settle()
    const node = (c.object('pods', 'default', 'solo')!.spec as { nodeName: string }).nodeName
    const r = run(c, ['drain', node, '--force', '--ignore-daemonsets', '--timeout=5s'])
    expect(r.stdout).toBe(`node/${node} cordoned\nevicting pod default/solo\n`)
    expect(r.stderr).toContain('error when waiting for pod "solo" in namespace "default" to terminate: context deadline exceeded')
    expect(r.exitCode).toBe(1)
  })
})
