import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

describe('kubectl top', () => {
  // Like a kubeadm or kind cluster, the simulated one has no metrics-server: no metrics.k8s.io API.
  it.each(['top node', 'top nodes', 'top no node-1', 'top pod', 'top pods -A', 'top po web -n default --containers'])('%s: Metrics API not available, exit 1', (line) => {
    expect(Cluster.create({ systemPods: false }).kubectl(line)).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 })
  })

  it('without a subcommand prints its help on stderr and exits 1; an unknown one is refused as cobra does', () => {
    const c = Cluster.create({ systemPods: false })
    const bare = c.kubectl('top')
    expect([bare.stdout, bare.stderr.split('\n')[0], bare.stderr.includes('  node          Display resource (CPU/memory) usage of nodes\n'), bare.exitCode]).toEqual(['', 'Display resource (CPU/memory) usage.', true, 1])
    expect(c.kubectl('top foo')).toEqual({ stdout: '', stderr: 'error: unknown command "foo"\nSee \'kubectl top -h\' for help and examples\n', exitCode: 1 })
  })
})
