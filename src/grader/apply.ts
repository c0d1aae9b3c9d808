// `kubectl apply -f FILE` for the grader: kubectl's own apply command (its manifest reading, its
// error texts), run without the rest of the kubectl emulation, so `kubelings verify` starts fast.
import type { SimulatedCluster } from '../cluster/cluster.js'
import { parseArgs } from '../kubectl/args.js'
import apply from '../kubectl/cmd/apply.js'
import { KubectlError, type KubectlContext } from '../kubectl/context.js'
import { memoryIO } from '../kubectl/io.js'

export interface ApplyOutput {
  stdout: string
  stderr: string
  exitCode: number
}

/** Apply `text` as the file `file` (its name is what kubectl's messages say). */
export function kubectlApply(sim: SimulatedCluster, file: string, text: string): ApplyOutput {
  let stdout = ''
  let stderr = ''
  const parsed = parseArgs(['-f', file], apply.flags)
  if (!parsed.ok) return { stdout, stderr: `Error: ${parsed.error}\n`, exitCode: 1 }
  // As kubectl run does: whatever the components had to do by now is done first.
  sim.settle()
  const ctx: KubectlContext = {
    cluster: sim,
    api: sim.api,
    io: memoryIO({ [file]: text }),
    namespace: 'default',
    namespaceGiven: false,
    now: () => sim.now(),
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
  }
  try {
    const exitCode = apply.run(ctx, parsed.value)
    return { stdout, stderr, exitCode }
  } catch (e) {
    if (e instanceof KubectlError) return { stdout, stderr: stderr + (e.message.endsWith('\n') ? e.message : `${e.message}\n`), exitCode: e.exitCode }
    throw e
  }
}
