// runKubectlTo: what kubectl writes reaches the sink in kubectl's own order across stdout and
// stderr, as a terminal shows it (runKubectl keeps the two streams apart, for tests and the API).
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { memoryIO } from '../../src/kubectl/io.js'
import { runKubectlTo } from '../../src/kubectl/run.js'

const cluster = (): SimulatedCluster => SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })

function interleaved(c: SimulatedCluster, argv: string[]): string[] {
  const written: string[] = []
  runKubectlTo(c, argv, memoryIO({}), { out: (s) => void written.push(`out: ${s}`), err: (s) => void written.push(`err: ${s}`) })
  return written
}

describe('runKubectlTo', () => {
  it('writes a Warning before the table it comes with', () => {
    const written = interleaved(cluster(), ['get', 'cs'])
    expect(written[0]).toBe('err: Warning: v1 ComponentStatus is deprecated in v1.19+\n')
    expect(written.slice(1).join('')).toMatch(/^out: NAME +STATUS +MESSAGE +ERROR\n/)
  })

  it('writes an error after the rows printed before it', () => {
    const c = cluster()
    const written = interleaved(c, ['get', 'nodes/node-1', 'nodes/nope', '-o', 'name'])
    expect(written).toEqual(['out: node/node-1\n', 'err: Error from server (NotFound): nodes "nope" not found\n'])
  })
})
