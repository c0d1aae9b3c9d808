// What kubectl 1.32 answers before it talks to a server, pinned line by line: each expected text
// here was printed by the real kubectl 1.32.4 (see test/kubectl/clidiff, which compares them with the
// binary wherever one is installed).
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const kubectl = (...argv: string[]) => runKubectl(SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false }), argv, memoryIO({}))
const fails = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 })

describe('-o with a format the writing commands do not know', () => {
  const allowed = 'allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'
  it.each([
    ['create', 'deployment', 'web', '--image=nginx', '-o', 'bogus'],
    ['run', 'web', '--image=nginx', '-o', 'bogus'],
    ['scale', 'deploy/web', '--replicas=2', '-o', 'bogus'],
  ])('%s: the allowed formats joined by commas', (...argv) => {
    expect(kubectl(...argv)).toEqual(fails(`error: unable to match a printer suitable for the output format "bogus", ${allowed}\n`))
  })
})
