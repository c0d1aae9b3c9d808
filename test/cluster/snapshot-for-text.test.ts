// SimulatedCluster.snapshot({ forText }) lets components hand out live state for a caller that makes
// text of it at once (the playground's save): the text must be the same as of a copied snapshot, and
// the copied snapshot must not change as the cluster runs on.
import { expect, test } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { memoryIO } from '../../src/kubectl/io.js'
import { runKubectl } from '../../src/kubectl/run.js'

test('a snapshot for text reads as a copied one, and a copied one keeps still', () => {
  const c = SimulatedCluster.create({ seed: 4, workers: 2, startTime: Date.UTC(2026, 10, 25, 8) })
  expect(runKubectl(c, ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=4'], memoryIO({}, '')).exitCode).toBe(0)
  expect(runKubectl(c, ['run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'exit 1'], memoryIO({}, '')).exitCode).toBe(0)
  c.advance(95_000)
  const copied = c.snapshot()
  const text = JSON.stringify(copied)
  expect(JSON.stringify(c.snapshot({ forText: true }))).toBe(text)
  c.advance(60_000)
  expect(JSON.stringify(copied)).toBe(text)
  expect(JSON.stringify(c.snapshot({ forText: true }))).toBe(JSON.stringify(c.snapshot()))
})
