// kubectl taint, as kubectl 1.32 words it (pkg/cmd/taint); the differential suite compares the same
// commands with the real binary when it is on PATH.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { quietCluster, run } from './rollout-fixture.js'

const taintsOf = (c: ReturnType<typeof quietCluster>, node: string) => (c.object('nodes', undefined, node)!.spec as { taints?: unknown[] }).taints

describe('kubectl taint', () => {
  it('adds, refuses to overwrite, overwrites, and removes by key and effect or by key', () => {
    const c = quietCluster()
    expect(run(c, ['taint', 'nodes', 'node-1', 'dedicated=db:NoSchedule'])).toEqual({ stdout: 'node/node-1 tainted\n', stderr: '', exitCode: 0 })
    expect(taintsOf(c, 'node-1')).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])
    expect(run(c, ['taint', 'nodes', 'node-1', 'dedicated=web:NoSchedule'])).toEqual({
      stdout: '',
      stderr: 'error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      exitCode: 1,
    })
    expect(run(c, ['taint', 'nodes', 'node-1', 'dedicated=web:NoSchedule', '--overwrite']).stdout).toBe('node/node-1 modified\n')
    // New taints first, then the ones kept.
    expect(run(c, ['taint', 'node', 'node-1', 'gpu:NoExecute']).stdout).toBe('node/node-1 tainted\n')
    expect(taintsOf(c, 'node-1')).toEqual([{ key: 'gpu', effect: 'NoExecute' }, { key: 'dedicated', value: 'web', effect: 'NoSchedule' }])
    expect(run(c, ['taint', 'nodes', 'node-1', 'dedicated:NoSchedule-']).stdout).toBe('node/node-1 untainted\n')
    expect(run(c, ['taint', 'nodes', 'node-1', 'gpu-']).stdout).toBe('node/node-1 untainted\n')
    expect(taintsOf(c, 'node-1')).toBeUndefined()
    expect(run(c, ['taint', 'nodes', 'node-1', 'gpu-'])).toEqual({ stdout: '', stderr: 'error: taint "gpu" not found\n', exitCode: 1 })
    expect(run(c, ['taint', 'nodes', 'node-1', 'a-', 'b:NoSchedule-']).stderr).toBe('taint "a" not found\ntaint "b:NoSchedule" not found\n')
  })

  it('takes nodes by label or all of them, and does not say "dry run"', () => {
    const c = quietCluster()
    expect(run(c, ['taint', 'nodes', '-l', 'kubernetes.io/hostname=node-2', 'zone=b:PreferNoSchedule']).stdout).toBe('node/node-2 tainted\n')
    expect(run(c, ['taint', 'nodes', '--all', 'spot=true:PreferNoSchedule', '--dry-run=client']).stdout).toBe('node/control-plane tainted\nnode/node-1 tainted\nnode/node-2 tainted\n')
    expect(taintsOf(c, 'node-1')).toBeUndefined()
  })

  it.each([
    { argv: ['taint', 'nodes'], stderr: 'error: at least one taint update is required\n' },
    { argv: ['taint', 'nodes', 'node-1', 'k:Bad'], stderr: "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n" },
    { argv: ['taint', 'nodes', 'node-1', 'k=v=w:NoSchedule'], stderr: "error: invalid taint spec: k=v=w:NoSchedule\nSee 'kubectl taint -h' for help and examples\n" },
    { argv: ['taint', 'nodes', 'node-1', 'k:NoSchedule', 'node-2'], stderr: 'error: all resources must be specified before taint changes: node-2\n' },
    { argv: ['taint', 'nodes', 'node-1', 'k=a:NoSchedule', 'k=b:NoSchedule'], stderr: "error: duplicated taints with the same key and effect: {k b NoSchedule <nil>}\nSee 'kubectl taint -h' for help and examples\n" },
    { argv: ['taint', 'nodes', 'node-1', 'x=y:NoSchedule', 'x-'], stderr: 'error: can not both modify and remove the following taint(s) in the same command: x=\n' },
    { argv: ['taint', 'pods', 'web', 'k:NoSchedule'], stderr: 'error: invalid resource type pods, only node types are supported\n' },
    { argv: ['taint', 'nodes', 'k:NoSchedule'], stderr: "error: at least one resource name must be specified since 'all' parameter is not set\n" },
    { argv: ['taint', 'nodes', 'nope', 'k:NoSchedule'], stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
  ])('refuses $argv', ({ argv, stderr }) => {
    expect(run(quietCluster(), argv)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('keeps new pods off a NoSchedule node, and a NoExecute taint evicts the pods that do not tolerate it', () => {
    const c = Cluster.create({ seed: 3, workers: 2 })
    expect(c.kubectl('taint nodes node-1 dedicated=db:NoSchedule').stdout).toBe('node/node-1 tainted\n')
    expect(c.kubectl('taint nodes node-2 dedicated=db:NoSchedule').stdout).toBe('node/node-2 tainted\n')
    c.kubectl('run web --image=nginx:1.27')
    c.advance('5s')
    expect(c.kubectl('get pod web').stdout).toContain('Pending')
    expect(c.kubectl('get events --field-selector reason=FailedScheduling').stdout).toContain(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {dedicated: db}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
    c.kubectl('taint nodes node-2 dedicated-')
    c.advance('10s')
    expect(c.get('pods', 'web')?.spec).toMatchObject({ nodeName: 'node-2' })
    c.kubectl('taint nodes node-2 evict=now:NoExecute')
    c.advance('2s')
    expect(c.kubectl('get events --field-selector reason=TaintManagerEviction').stdout).toContain('Marking for deletion Pod default/web')
  })
})
