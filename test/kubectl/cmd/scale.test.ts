import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const run = (c: SimulatedCluster, argv: string[]) => runKubectl(c, argv, memoryIO({}))
function withDeployment(): SimulatedCluster {
  const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 })
  run(c, ['create', 'deployment', 'web', '--image=nginx', '--replicas=2'])
  return c
}
const replicas = (c: SimulatedCluster): number => (c.object('deployments', 'default', 'web')!.spec as { replicas: number }).replicas

describe('kubectl scale', () => {
  it.each([['deploy/web'], ['deployment', 'web'], ['deployments.apps', 'web']])('scales %s', (...target) => {
    const c = withDeployment()
    expect(run(c, ['scale', ...target, '--replicas=3'])).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 })
    expect(replicas(c)).toBe(3)
  })

  it('scales only when --current-replicas matches', () => {
    const c = withDeployment()
    expect(run(c, ['scale', 'deploy/web', '--current-replicas=5', '--replicas=3'])).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 5, was 2\n', exitCode: 1 })
    expect(run(c, ['scale', 'deploy/web', '--current-replicas=2', '--replicas=3']).stdout).toBe('deployment.apps/web scaled\n')
  })

  it('requires --replicas (cobra refuses first, through klog) and a resource (the builder refuses)', () => {
    expect(run(withDeployment(), ['scale', 'deploy/web'])).toEqual({
      stdout: '',
      stderr: 'E1125 00:00:00.000000   15800 run.go:72] "command failed" err="required flag(s) \\"replicas\\" not set"\n',
      exitCode: 1,
    })
    expect(run(withDeployment(), ['scale', 'deploy/web', '--replicas=-1']).stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n')
    expect(run(withDeployment(), ['scale', '--replicas=2']).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    )
  })

  it('reports a deployment that does not exist', () => {
    expect(run(withDeployment(), ['scale', 'deploy/nope', '--replicas=1'])).toEqual({
      stdout: '',
      stderr: 'error: no objects passed to scale deployments.apps "nope" not found\n',
      exitCode: 1,
    })
  })

  it('with --dry-run=client changes nothing', () => {
    const c = withDeployment()
    expect(run(c, ['scale', 'deploy/web', '--replicas=9', '--dry-run=client']).stdout).toBe('deployment.apps/web scaled (dry run)\n')
    expect(replicas(c)).toBe(2)
  })
})
