import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const START = Date.UTC(2026, 10, 25)
const WARNING = 'Warning: v1 ComponentStatus is deprecated in v1.19+\n'
const REFUSED = (port: number): string => `Get "https://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`

function cluster(components?: string[]): { c: SimulatedCluster; kubectl: (...args: string[]) => ReturnType<typeof runKubectl> } {
  const c = SimulatedCluster.create({ startTime: START, seed: 1, ...(components ? { components } : {}) })
  return { c, kubectl: (...args) => runKubectl(c, args, memoryIO({})) }
}

// One cluster for the tests that only read; those that stop a component make their own.
const shared = cluster()

describe('kubectl get componentstatuses (cs)', () => {
  it('lists the scheduler, the controller-manager and etcd-0 as Healthy, with the deprecation warning on stderr', () => {
    const { kubectl } = shared
    expect(kubectl('get', 'cs')).toEqual({
      stdout:
        'NAME                 STATUS    MESSAGE   ERROR\n' +
        'scheduler            Healthy   ok        \n' +
        'controller-manager   Healthy   ok        \n' +
        'etcd-0               Healthy   ok        \n',
      stderr: WARNING,
      exitCode: 0,
    })
    expect(kubectl('get', 'componentstatuses').stdout).toBe(kubectl('get', 'componentstatus.v1.').stdout)
  })

  it('shows a stopped scheduler Unhealthy: its /healthz probe is refused, the dial error as MESSAGE, ERROR empty', () => {
    const { c, kubectl } = cluster()
    c.stop('kube-scheduler')
    const pad = ' '.repeat(REFUSED(10259).length - 'ok'.length)
    expect(kubectl('get', 'cs')).toEqual({
      stdout:
        `NAME                 STATUS      MESSAGE${' '.repeat(REFUSED(10259).length - 'MESSAGE'.length)}   ERROR\n` +
        `scheduler            Unhealthy   ${REFUSED(10259)}   \n` +
        `controller-manager   Healthy     ok${pad}   \n` +
        `etcd-0               Healthy     ok${pad}   \n`,
      stderr: WARNING,
      exitCode: 0,
    })
    c.start('kube-scheduler')
    expect(kubectl('get', 'cs', 'scheduler').stdout).toBe('NAME        STATUS    MESSAGE   ERROR\nscheduler   Healthy   ok        \n')
  })

  it('probes the controller-manager at 10257: a cluster whose control plane does not run has both Unhealthy', () => {
    const { kubectl } = cluster([])
    const lines = kubectl('get', 'cs', '--no-headers').stdout.split('\n')
    expect(lines.map((l) => l.trimEnd())).toEqual([
      `scheduler            Unhealthy   ${REFUSED(10259)}`,
      `controller-manager   Unhealthy   ${REFUSED(10257)}`,
      'etcd-0               Healthy     ok',
      '',
    ])
  })

  it('prints -o yaml as a List of objects that never were stored: name and a null creationTimestamp only', () => {
    const { c, kubectl } = cluster()
    c.stop('kube-controller-manager')
    expect(kubectl('get', 'cs', '-o', 'yaml')).toEqual({
      stdout: `apiVersion: v1
items:
- apiVersion: v1
  conditions:
  - message: ok
    status: "True"
    type: Healthy
  kind: ComponentStatus
  metadata:
    creationTimestamp: null
    name: scheduler
- apiVersion: v1
  conditions:
  - message: 'Get "https://127.0.0.1:10257/healthz": dial tcp 127.0.0.1:10257: connect:
      connection refused'
    status: "False"
    type: Healthy
  kind: ComponentStatus
  metadata:
    creationTimestamp: null
    name: controller-manager
- apiVersion: v1
  conditions:
  - message: ok
    status: "True"
    type: Healthy
  kind: ComponentStatus
  metadata:
    creationTimestamp: null
    name: etcd-0
kind: List
metadata:
  resourceVersion: ""
`,
      stderr: WARNING,
      exitCode: 0,
    })
  })

  it('gets one by name, as a table or as its object', () => {
    const { kubectl } = shared
    expect(kubectl('get', 'cs', 'etcd-0')).toEqual({ stdout: 'NAME     STATUS    MESSAGE   ERROR\netcd-0   Healthy   ok        \n', stderr: WARNING, exitCode: 0 })
    expect(kubectl('get', 'cs/scheduler', '-o', 'json').stdout).toBe(`{
    "apiVersion": "v1",
    "conditions": [
        {
            "message": "ok",
            "status": "True",
            "type": "Healthy"
        }
    ],
    "kind": "ComponentStatus",
    "metadata": {
        "creationTimestamp": null,
        "name": "scheduler"
    }
}
`)
    expect(kubectl('get', 'cs', 'scheduler', '-o', 'name')).toEqual({ stdout: 'componentstatus/scheduler\n', stderr: WARNING, exitCode: 0 })
  })

  it('answers a name it does not probe with the 500 of REST.Get (no NotFound before 1.33), warning printed once', () => {
    const { kubectl } = shared
    expect(kubectl('get', 'cs', 'kube-scheduler')).toEqual({ stdout: '', stderr: `${WARNING}Error from server: Component not found: kube-scheduler\n`, exitCode: 1 })
    expect(kubectl('get', 'cs', 'etcd-0', 'etcd-1')).toEqual({
      stdout: 'NAME     STATUS    MESSAGE   ERROR\netcd-0   Healthy   ok        \n',
      stderr: `${WARNING}Error from server: Component not found: etcd-1\n`,
      exitCode: 1,
    })
  })

  it('filters with selectors as REST.List does: no labels, metadata.name as field', () => {
    const { kubectl } = shared
    expect(kubectl('get', 'cs', '--field-selector', 'metadata.name=etcd-0', '--no-headers').stdout).toBe('etcd-0   Healthy   ok    \n')
    expect(kubectl('get', 'cs', '-l', 'tier=control-plane')).toEqual({ stdout: '', stderr: `${WARNING}No resources found\n`, exitCode: 0 })
  })

  it('has no watch: the list prints, then the watch is refused', () => {
    const { kubectl } = shared
    expect(kubectl('get', 'cs', '-w')).toEqual({
      stdout:
        'NAME                 STATUS    MESSAGE   ERROR\n' +
        'scheduler            Healthy   ok        \n' +
        'controller-manager   Healthy   ok        \n' +
        'etcd-0               Healthy   ok        \n',
      stderr: `${WARNING}Error from server (MethodNotAllowed): watch is not supported on resources of kind "componentstatuses"\n`,
      exitCode: 1,
    })
  })

  it('cannot be deleted: the server has no such route (a bare 405, no warning)', () => {
    const { kubectl } = shared
    expect(kubectl('delete', 'cs', 'scheduler')).toEqual({
      stdout: '',
      stderr: 'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource (delete componentstatuses scheduler)\n',
      exitCode: 1,
    })
  })

  it('describes one with the generic describer', () => {
    const { kubectl } = shared
    expect(kubectl('describe', 'cs', 'etcd-0')).toEqual({
      stdout: `Name:         etcd-0
Namespace:    
Labels:       <none>
Annotations:  <none>
API Version:  v1
Conditions:
  Message:  ok
  Status:   True
  Type:     Healthy
Kind:       ComponentStatus
Metadata:
  Creation Timestamp:  <nil>
Events:                <none>
`,
      stderr: WARNING,
      exitCode: 0,
    })
  })

  it('is listed by api-resources as kubectl 1.32 lists it, with only get and list', () => {
    const { kubectl } = shared
    const lines = kubectl('api-resources', '-o', 'wide', '--api-group=').stdout.split('\n')
    expect(lines[1]).toBe('componentstatuses   cs           v1           false        ComponentStatus   get,list                                                     ')
  })
})
