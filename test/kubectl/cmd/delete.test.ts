import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

// No scheduler here: the pods stay unscheduled, so the apiserver deletes them at once.
const cluster = (): SimulatedCluster => SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, components: false })
const run = (c: SimulatedCluster, argv: string[], files: Record<string, string> = {}) => runKubectl(c, argv, memoryIO(files))
const pod = (name: string, labels = 'app: web'): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: {${labels}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`

function withPods(...names: string[]): SimulatedCluster {
  const c = cluster()
  for (const n of names) run(c, ['create', '-f', 'p.yaml'], { 'p.yaml': pod(n) })
  return c
}

describe('kubectl delete', () => {
  it('deletes a pod by type and name, and waits until it is gone', () => {
    const c = withPods('web')
    expect(run(c, ['delete', 'pod', 'web'])).toEqual({ stdout: 'pod "web" deleted\n', stderr: '', exitCode: 0 })
    expect(c.object('pods', 'default', 'web')).toBeUndefined()
  })

  it('accepts TYPE/NAME, several of them', () => {
    const c = withPods('a', 'b')
    expect(run(c, ['delete', 'pod/a', 'po/b']).stdout).toBe('pod "a" deleted\npod "b" deleted\n')
  })

  it('names a deployment with its group', () => {
    const c = cluster()
    run(c, ['create', 'deployment', 'web', '--image=nginx'])
    expect(run(c, ['delete', 'deploy', 'web']).stdout).toBe('deployment.apps "web" deleted\n')
  })

  it('deletes what it can and reports every name it could not find', () => {
    const c = withPods('a')
    expect(run(c, ['delete', 'pod', 'x', 'a', 'y'])).toEqual({
      stdout: 'pod "a" deleted\n',
      stderr: 'Error from server (NotFound): pods "x" not found\nError from server (NotFound): pods "y" not found\n',
      exitCode: 1,
    })
  })

  it('reports one missing name alone', () => {
    expect(run(cluster(), ['delete', 'pod', 'x'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n', exitCode: 1 })
  })

  it('is quiet about a missing object with --ignore-not-found', () => {
    expect(run(cluster(), ['delete', 'pod', 'x', '--ignore-not-found'])).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('deletes the objects of a manifest, naming the file when one is missing', () => {
    const c = withPods('a')
    expect(run(c, ['delete', '-f', 'p.yaml'], { 'p.yaml': `${pod('a')}---\n${pod('b')}` })).toEqual({
      stdout: 'pod "a" deleted\n',
      stderr: 'Error from server (NotFound): error when deleting "p.yaml": pods "b" not found\n',
      exitCode: 1,
    })
  })

  it('deletes by label selector, and says when nothing matched', () => {
    const c = cluster()
    run(c, ['create', '-f', 'p.yaml'], { 'p.yaml': `${pod('a', 'app: web')}---\n${pod('b', 'app: db')}` })
    expect(run(c, ['delete', 'pods', '-l', 'app=web']).stdout).toBe('pod "a" deleted\n')
    expect(run(c, ['delete', 'pods', '-l', 'app=web'])).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 })
  })

  it('deletes every object of a type with --all', () => {
    const c = withPods('a', 'b')
    expect(run(c, ['delete', 'pods', '--all']).stdout).toBe('pod "a" deleted\npod "b" deleted\n')
  })

  it('with --dry-run=client prints and deletes nothing', () => {
    const c = withPods('a')
    expect(run(c, ['delete', 'pod', 'a', '--dry-run=client']).stdout).toBe('pod "a" deleted (dry run)\n')
    expect(c.object('pods', 'default', 'a')).toBeDefined()
  })

  it('with --force warns that the deletion is immediate and says force deleted', () => {
    const c = withPods('a')
    expect(run(c, ['delete', 'pod', 'a', '--force'])).toEqual({
      stdout: 'pod "a" force deleted\n',
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    })
  })

  it('with -o name prints kind/name only', () => {
    expect(run(withPods('a'), ['delete', 'pod', 'a', '-o', 'name']).stdout).toBe('pod/a\n')
  })

  it.each([
    { argv: ['delete'], stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n" },
    { argv: ['delete', 'pod'], stderr: 'error: resource(s) were provided, but no name was specified\n' },
    { argv: ['delete', 'pdo', 'a'], stderr: 'error: the server doesn\'t have a resource type "pdo"\n' },
    { argv: ['delete', '-l', 'a=b'], stderr: 'error: at least one resource must be specified to use a selector\n' },
    { argv: ['delete', 'pod', 'a', '-l', 'a=b'], stderr: 'error: name cannot be provided when a selector is specified\n' },
    { argv: ['delete', 'pod', 'a', '--now', '--grace-period=5'], stderr: 'error: --now and --grace-period cannot be specified together\n' },
    { argv: ['delete', 'pod', 'a', '--force', '--grace-period=5'], stderr: 'error: --force and --grace-period greater than 0 cannot be specified together\n' },
    { argv: ['delete', 'pod', 'a', '--cascade=sometimes'], stderr: 'error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan"\n' },
    { argv: ['delete', 'pod', 'a', '-o', 'yaml'], stderr: "error: unexpected -o output mode: yaml. We only support '-o name'\n" },
    {
      argv: ['delete', 'pod', 'pod/a'],
      stderr: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    },
  ])('$argv fails with kubectl\'s sentence', ({ argv, stderr }) => {
    expect(run(cluster(), argv)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })
})
