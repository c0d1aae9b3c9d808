import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'
import { Cluster } from '../../../src/index.js'

const pod = (node: string, containers = ['c']): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${node ? `  nodeName: ${node}\n` : ''}  containers:\n${containers.map((c) => `  - name: ${c}\n    image: nginx\n`).join('')}`
function run(argv: string[], manifest?: string) {
  const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, components: false }) // pods stay where the test puts them
  if (manifest) runKubectl(c, ['create', '-f', 'p.yaml'], memoryIO({ 'p.yaml': manifest }))
  return runKubectl(c, argv, memoryIO({}))
}

describe('kubectl logs', () => {
  it('of a pod that does not exist names the namespace', () => {
    expect(run(['logs', 'p'])).toEqual({ stdout: '', stderr: 'error: error from server (NotFound): pods "p" not found in namespace "default"\n', exitCode: 1 })
  })

  it('of a pod not yet scheduled to a node prints nothing (the apiserver has no log location)', () => {
    expect(run(['logs', 'p'], pod(''))).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('of a container that has not started says it is waiting to start', () => {
    expect(run(['logs', 'p'], pod('node-1'))).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): container "c" in pod "p" is waiting to start: ContainerCreating\n',
      exitCode: 1,
    })
  })

  it('with --previous and no earlier instance says it is not found', () => {
    expect(run(['logs', 'p', '-p'], pod('node-1')).stderr).toBe('Error from server (BadRequest): previous terminated container "c" in pod "p" not found\n')
  })

  it('of a pod with several containers defaults to the first and says so', () => {
    expect(run(['logs', 'p'], pod('node-1', ['a', 'b'])).stderr).toBe(
      'Defaulted container "a" out of: a, b\nError from server (BadRequest): container "a" in pod "p" is waiting to start: ContainerCreating\n',
    )
  })

  it('of a container the pod does not have', () => {
    expect(run(['logs', 'p', '-c', 'x'], pod('node-1')).stderr).toBe('error: container x is not valid for pod p\n')
  })

  it('without a pod explains its usage', () => {
    expect(run(['logs'])).toEqual({
      stdout: '',
      stderr: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      exitCode: 1,
    })
  })
})

// Checked against real kubectl 1.32 over the bridge (test/support/kube-http.ts) on this cluster.
describe('kubectl logs -l, and the pod a workload reads from', () => {
  const c = Cluster.create({ seed: 7 })
  c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: aaa, labels: {app: web}}
spec:
  containers: [{name: nginx, image: "nginx:1.27", resources: {requests: {cpu: "64"}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: crash, labels: {app: crash}}
spec:
  containers: [{name: main, image: "busybox:1.36", command: [sh, -c, "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done; exit 1"]}]
`)
  c.advance('30s')

  it('reads a workload from the pod podutils.ByLogging puts first: assigned before the unschedulable one listed before it', () => {
    expect(c.kubectl('logs deployment/web --tail=1')).toEqual({
      stdout: '2026/01/01 00:00:07 [notice] 1#1: start worker process 30\n',
      stderr: 'Found 2 pods, using pod/web-5c94f75b5d-czw29\n',
      exitCode: 0,
    })
  })

  it('prints the last 10 lines of each pod a selector matches', () => {
    expect(c.kubectl('logs -l app=crash')).toEqual({ stdout: 'line 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\n', stderr: '', exitCode: 0 })
  })

  it('says so when the selector matches nothing, and refuses a selector with a pod name', () => {
    expect(c.kubectl('logs -l app=nothing')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 })
    expect(c.kubectl('logs crash -l app=crash')).toEqual({ stdout: '', stderr: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n", exitCode: 1 })
  })
})
