import { describe, expect, it } from 'vitest'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'
import { quietCluster } from './rollout-fixture.js'

describe('kubectl options', () => {
  it("lists the global flags, --cache-dir's default from the environment, and refuses flags of its own", () => {
    const c = quietCluster()
    const io = { ...memoryIO({}), cacheDir: '/home/learner/.kube/cache' }
    const out = runKubectl(c, ['options'], io)
    expect(out.exitCode).toBe(0)
    expect(out.stdout.startsWith('The following options can be passed to any command:\n\n    --as=\'\':\n')).toBe(true)
    expect(out.stdout).toContain("    --cache-dir='/home/learner/.kube/cache':\n\tDefault cache directory\n")
    expect(out.stdout).toContain('    -n, --namespace=\'\':\n\tIf present, the namespace scope for this CLI request\n')
    expect(runKubectl(c, ['options', '--help'], io)).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect(runKubectl(c, ['options', '--bogus'], io)).toEqual({ stdout: '', stderr: "error: unknown flag: --bogus\nRun 'kubectl options' without flags.\n", exitCode: 1 })
  })
})
