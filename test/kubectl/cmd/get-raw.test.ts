import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 })
const kubectl = (...args: string[]) => runKubectl(c, args, memoryIO({}))

describe('kubectl get --raw', () => {
  it.each(['/healthz', '/livez', '/readyz', '/readyz/ping'])('copies the body of %s to stdout as it is: ok, with no newline', (path) => {
    expect(kubectl('get', '--raw', path)).toEqual({ stdout: 'ok', stderr: '', exitCode: 0 })
  })

  it('answers a path outside everything the apiserver serves with the 404 Status', () => {
    expect(kubectl('get', '--raw=/nothing/here')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): the server could not find the requested resource\n',
      exitCode: 1,
    })
  })

  it.each([
    [['pods', '--raw', '/healthz'], 'error: arguments may not be passed when --raw is specified\n'],
    [['--raw', '/healthz', '-w'], 'error: --raw may not be specified with other flags that filter the server request or alter the output\n'],
    [['--raw', '/healthz', '-l', 'a=b'], 'error: --raw may not be specified with other flags that filter the server request or alter the output\n'],
    [['--raw', '/healthz', '-o', 'yaml'], 'error: --raw and --output are mutually exclusive\n'],
    [['--raw', 'healthz'], 'error: --raw must be a valid URL path: parse "healthz": invalid URI for request\n'],
  ])('refuses %j as kubectl Complete and Validate do', (args, stderr) => {
    expect(kubectl('get', ...args)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('says so for a served path the playground does not model', () => {
    expect(kubectl('get', '--raw', '/readyz?verbose')).toEqual({
      stdout: '',
      stderr: 'error: kubectl get --raw /readyz?verbose is not available in the kubelings playground; it answers /healthz, /livez and /readyz\n',
      exitCode: 1,
    })
  })
})
