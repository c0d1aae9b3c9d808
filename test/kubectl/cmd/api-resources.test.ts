import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const kubectl = (...args: string[]) => runKubectl(SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 }), args, memoryIO({}))

describe('kubectl api-resources', () => {
  it('lists the served resources, core group first, then groups by name, each by resource name', () => {
    expect(kubectl('api-resources')).toEqual({
      stdout:
        'NAME                  SHORTNAMES   APIVERSION               NAMESPACED   KIND\n' +
        'componentstatuses     cs           v1                       false        ComponentStatus\n' +
        'configmaps            cm           v1                       true         ConfigMap\n' +
        'endpoints             ep           v1                       true         Endpoints\n' +
        'events                ev           v1                       true         Event\n' +
        'namespaces            ns           v1                       false        Namespace\n' +
        'nodes                 no           v1                       false        Node\n' +
        'pods                  po           v1                       true         Pod\n' +
        'secrets                            v1                       true         Secret\n' +
        'serviceaccounts       sa           v1                       true         ServiceAccount\n' +
        'services              svc          v1                       true         Service\n' +
        'controllerrevisions                apps/v1                  true         ControllerRevision\n' +
        'daemonsets            ds           apps/v1                  true         DaemonSet\n' +
        'deployments           deploy       apps/v1                  true         Deployment\n' +
        'replicasets           rs           apps/v1                  true         ReplicaSet\n' +
        'leases                             coordination.k8s.io/v1   true         Lease\n' +
        'endpointslices                     discovery.k8s.io/v1      true         EndpointSlice\n' +
        // events.k8s.io serves the same Events (and the same short name) as the core group.
        'events                ev           events.k8s.io/v1         true         Event\n' +
        'ingressclasses                     networking.k8s.io/v1     false        IngressClass\n' +
        'ingresses             ing          networking.k8s.io/v1     true         Ingress\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('adds VERBS and CATEGORIES with -o wide, padding the verbs even when no category follows', () => {
    const lines = kubectl('api-resources', '-o', 'wide', '--api-group=').stdout.split('\n')
    expect(lines.slice(0, 5)).toEqual([
      'NAME                SHORTNAMES   APIVERSION   NAMESPACED   KIND              VERBS                                                        CATEGORIES',
      'componentstatuses   cs           v1           false        ComponentStatus   get,list                                                     ',
      'configmaps          cm           v1           true         ConfigMap         create,delete,deletecollection,get,list,patch,update,watch   ',
      'endpoints           ep           v1           true         Endpoints         create,delete,deletecollection,get,list,patch,update,watch   ',
      'events              ev           v1           true         Event             create,delete,deletecollection,get,list,patch,update,watch   ',
    ])
    expect(lines[5]).toBe('namespaces          ns           v1           false        Namespace         create,delete,get,list,patch,update,watch                    ')
    expect(lines[7]).toBe('pods                po           v1           true         Pod               create,delete,deletecollection,get,list,patch,update,watch   all')
  })

  it.each([
    {
      args: ['--namespaced=false', '--no-headers'],
      stdout:
        'componentstatuses   cs    v1                     false   ComponentStatus\n' +
        'namespaces          ns    v1                     false   Namespace\n' +
        'nodes               no    v1                     false   Node\n' +
        'ingressclasses            networking.k8s.io/v1   false   IngressClass\n',
    },
    { args: ['-o', 'name', '--api-group=apps'], stdout: 'controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\n' },
    { args: ['-o', 'name', '--api-group=events.k8s.io'], stdout: 'events.events.k8s.io\n' },
    // Sorted by name, then by name again: the two `events` keep discovery's order, core's first.
    { args: ['-o', 'name', '--sort-by=name', '--verbs=deletecollection', '--namespaced=true'], stdout: 'configmaps\ncontrollerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nendpoints\nendpointslices.discovery.k8s.io\nevents\nevents.events.k8s.io\ningresses.networking.k8s.io\nleases.coordination.k8s.io\npods\nreplicasets.apps\nsecrets\nserviceaccounts\nservices\n' },
    {
      args: ['-o', 'wide', '--api-group=events.k8s.io'],
      stdout:
        'NAME     SHORTNAMES   APIVERSION         NAMESPACED   KIND    VERBS                                                        CATEGORIES\n' +
        'events   ev           events.k8s.io/v1   true         Event   create,delete,deletecollection,get,list,patch,update,watch   \n',
    },
    { args: ['-o', 'name', '--sort-by=kind', '--categories=all'], stdout: 'daemonsets.apps\ndeployments.apps\npods\nreplicasets.apps\nservices\n' },
  ])('api-resources $args', ({ args, stdout }) => {
    expect(kubectl('api-resources', ...args)).toEqual({ stdout, stderr: '', exitCode: 0 })
  })

  it.each([
    { args: ['-o', 'yaml'], stderr: 'error: --output yaml is not available\n' },
    { args: ['--sort-by=age'], stderr: 'error: --sort-by accepts only name or kind\n' },
    { args: ['pods'], stderr: "error: unexpected arguments: [pods]\nSee 'kubectl api-resources -h' for help and examples\n" },
  ])('refuses $args: $stderr', ({ args, stderr }) => {
    expect(kubectl('api-resources', ...args)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })
})
