import { describe, expect, it } from 'vitest'
import { CONTROL_PLANE_ONLY, SimulatedCluster } from '../../../src/cluster/cluster.js'
import { KUBECTL } from '../../../src/kubectl/context.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const START = Date.UTC(2026, 10, 25)
// The tests write pod status themselves, as a kubelet would: no kubelets run here.
const cluster = (): SimulatedCluster => SimulatedCluster.create({ startTime: START, seed: 1, components: CONTROL_PLANE_ONLY })
const run = (c: SimulatedCluster, argv: string[]) => runKubectl(c, argv, memoryIO({}))

/** A pod `web`, made Running and Ready through the status subresource (no kubelet runs yet). */
function readyPod(): SimulatedCluster {
  const c = cluster()
  run(c, ['run', 'web', '--image=nginx', '--labels=app=web'])
  const pod = structuredClone(c.object('pods', 'default', 'web')!)
  pod.status = { ...(pod.status ?? {}), phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }
  const updated = c.api.update(KUBECTL, pod, { subresource: 'status' })
  if (!updated.ok) throw new Error(updated.error.message)
  return c
}

describe('kubectl wait', () => {
  it.each([
    ['--for=condition=Ready', 'pod/web'],
    ['--for=condition=ready=TRUE', 'pod', 'web'],
    ['--for=jsonpath={.status.phase}=Running', 'pod/web'],
    ['--for=jsonpath=.status.phase', 'pod/web'],
    ['--for=condition=Ready', 'pods', '-l', 'app=web'],
    ['--for=create', 'pod/web'],
  ])('prints "condition met" at once when %s already holds', (...argv) => {
    const c = readyPod()
    expect(run(c, ['wait', ...argv])).toEqual({ stdout: 'pod/web condition met\n', stderr: '', exitCode: 0 })
    expect(c.now()).toBe(START)
  })

  it('prints pod/web under -o name', () => {
    expect(run(readyPod(), ['wait', '--for=condition=Ready', 'pod/web', '-o', 'name'])).toEqual({ stdout: 'pod/web\n', stderr: '', exitCode: 0 })
  })

  // An image that does not exist can never start, so the pod never becomes Ready.
  it('times out when the pod never becomes Ready', () => {
    const c = cluster()
    run(c, ['run', 'web', '--image=registry.invalid/no-such-image'])
    expect(run(c, ['wait', '--for=condition=Ready', 'pod/web'])).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/web\n', exitCode: 1 })
  })

  it.each(['1m30s', '-1s'])('times out with --timeout=%s when the value is never reached', (timeout) => {
    const c = readyPod()
    expect(run(c, ['wait', '--for=jsonpath={.status.phase}=Pending', 'pod/web', `--timeout=${timeout}`]).stderr).toBe('error: timed out waiting for the condition on pods/web\n')
  })

  it('checks once with --timeout=0', () => {
    const c = readyPod()
    expect(run(c, ['wait', '--for=condition=Ready=false', 'pod/web', '--timeout=0'])).toEqual({ stdout: '', stderr: 'error: condition not met for pods/web\n', exitCode: 1 })
    expect(c.now()).toBe(START)
  })

  it('succeeds at once for --for=delete of a pod that is gone, printing nothing', () => {
    const c = cluster()
    run(c, ['run', 'web', '--image=nginx'])
    run(c, ['delete', 'pod', 'web', '--grace-period=0', '--force'])
    expect(run(c, ['wait', '--for=delete', 'pod/web'])).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect(run(c, ['wait', '--for=delete', 'pods', '-l', 'app=none'])).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('times out waiting for the deletion of a pod that stays', () => {
    const c = cluster()
    run(c, ['run', 'web', '--image=nginx'])
    expect(run(c, ['wait', '--for=delete', 'pod/web', '--timeout=5s'])).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/web\n', exitCode: 1 })
  })

  it('reports a missing pod after the others', () => {
    expect(run(readyPod(), ['wait', '--for=condition=Ready', 'pod/missing', 'pod/web'])).toEqual({
      stdout: 'pod/web condition met\n',
      stderr: 'Error from server (NotFound): pods "missing" not found\n',
      exitCode: 1,
    })
  })

  it.each([
    { argv: ['pod/web'], stderr: 'error: unrecognized condition: ""\n' },
    { argv: ['--for=bogus', 'pod/web'], stderr: 'error: unrecognized condition: "bogus"\n' },
    { argv: ['--for=jsonpath={.status.phase}=', 'pod/web'], stderr: "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n" },
    {
      argv: ['--for=jsonpath={.status.phase', 'pod/web'],
      stderr: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
    },
    { argv: ['--for=jsonpath={.status}=x', 'pod/web'], stderr: 'error: jsonpath leads to a nested object or list which is not supported\n' },
    { argv: ['--for=condition=Ready', 'pod'], stderr: 'error: resource(s) were provided, but no name was specified\n' },
    { argv: ['--for=condition=Ready', 'pods', '-l', 'app=none'], stderr: 'error: no matching resources found\n' },
    {
      argv: ['--for=condition=Ready'],
      stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    },
    { argv: ['--for=condition=Ready', 'pod/web', '--timeout=abc'], stderr: 'Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl wait --help\' for usage.\n' },
  ])('refuses $argv as kubectl 1.32 does', ({ argv, stderr }) => {
    expect(run(readyPod(), ['wait', ...argv])).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('NotFound for a missing pod', () => {
    expect(run(cluster(), ['wait', '--for=condition=Ready', 'pod/x'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n', exitCode: 1 })
  })
})
