// What kubectl reads on the learner's machine in the playground: the kubeconfig is kept in the
// workspace once `kubectl config` changes it, and later commands (each a process of its own) use it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { playgroundIO } from '../../src/course/playground.js'
import { runKubectl } from '../../src/kubectl/run.js'

describe('playgroundIO', () => {
  it('keeps the kubeconfig in .kubelings/kubeconfig, written only when kubectl config changes it', () => {
    const root = mkdtempSync(join(tmpdir(), 'kl-pgio-'))
    const ws = { root, stateDir: join(root, '.kubelings') }
    mkdirSync(ws.stateDir)
    const cluster = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
    const kubectl = (...argv: string[]) => runKubectl(cluster, argv, playgroundIO(ws, root))
    expect(kubectl('config', 'current-context').stdout).toBe('kubernetes-admin@kubernetes\n')
    expect(existsSync(join(ws.stateDir, 'kubeconfig'))).toBe(false)
    expect(kubectl('config', 'set-context', '--current', '--namespace=kube-system').exitCode).toBe(0)
    expect(readFileSync(join(ws.stateDir, 'kubeconfig'), 'utf8')).toContain('    namespace: kube-system\n')
    // A later command, with a new IO as a new process would have: static pods are in kube-system.
    expect(runKubectl(cluster, ['get', 'pod', 'etcd-control-plane', '-o', 'name'], playgroundIO(ws, root)).stdout).toBe('pod/etcd-control-plane\n')
  })
})
