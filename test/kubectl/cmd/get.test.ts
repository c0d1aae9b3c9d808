import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import type { KubeObject } from '../../../src/cluster/object.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)
const HOUR = 3600_000

/** A cluster kubeadm made at T0, now 3d1h old (its components start now: no 3 days of heartbeats). */
function cluster(): SimulatedCluster {
  return SimulatedCluster.create({ bootedAt: T0, startTime: T0 + 3 * 24 * HOUR + HOUR, seed: 1 })
}
const kubectl = (c: SimulatedCluster, line: string, files: Record<string, string> = {}) => runKubectl(c, line.split(' '), memoryIO(files))

function pod(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }
}

describe('kubectl get nodes', () => {
  it('prints the three nodes of a new cluster with their roles and ages', () => {
    expect(kubectl(cluster(), 'get nodes')).toEqual({
      stdout:
        'NAME            STATUS   ROLES           AGE    VERSION\n' +
        'control-plane   Ready    control-plane   3d1h   v1.32.4\n' +
        'node-1          Ready    <none>          3d1h   v1.32.4\n' +
        'node-2          Ready    <none>          3d1h   v1.32.4\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('ignores -n for a cluster-scoped kind and prints names only with -o name', () => {
    expect(kubectl(cluster(), 'get no -n kube-system -o name').stdout).toBe('node/control-plane\nnode/node-1\nnode/node-2\n')
  })

  it('sorts by a field and shows label columns', () => {
    expect(kubectl(cluster(), 'get nodes --sort-by=.metadata.name -L kubernetes.io/hostname --no-headers').stdout).toBe(
      'control-plane   Ready   control-plane   3d1h   v1.32.4   control-plane\n' +
        'node-1          Ready   <none>          3d1h   v1.32.4   node-1\n' +
        'node-2          Ready   <none>          3d1h   v1.32.4   node-2\n',
    )
  })
})

describe('kubectl get with several types', () => {
  it('prints one table per type, a blank line between them, kind/ before names and NAMESPACE with -A', () => {
    expect(kubectl(cluster(), 'get leases,endpoints -A').stdout).toBe(
      'NAMESPACE         NAME                                                             HOLDER                                                                      AGE\n' +
        'kube-node-lease   lease.coordination.k8s.io/control-plane                          control-plane                                                               3d1h\n' +
        'kube-node-lease   lease.coordination.k8s.io/node-1                                 node-1                                                                      3d1h\n' +
        'kube-node-lease   lease.coordination.k8s.io/node-2                                 node-2                                                                      3d1h\n' +
        // kube-apiserver's identity lease, since it started; the leader-election leases of the
        // control plane's components, taken as they started.
        'kube-system       lease.coordination.k8s.io/apiserver-6vzvajxlkf7lcarzgdc4jnyaru   apiserver-6vzvajxlkf7lcarzgdc4jnyaru_c0777279-8a88-4d60-8b37-b8916b93df03   3d1h\n' +
        'kube-system       lease.coordination.k8s.io/kube-controller-manager                control-plane_054303c3-e2f8-4194-a923-e355dfc1a863                          90s\n' +
        'kube-system       lease.coordination.k8s.io/kube-scheduler                         control-plane_61e3f26d-f6f1-4ac8-a3bf-0adea40a01fb                          90s\n' +
        '\n' +
        // The system pods of a cluster made long ago are made in the last 90 s before its start
        // (SimulatedCluster.#boot), when every node is there: CoreDNS lands on the workers.
        'NAMESPACE     NAME                   ENDPOINTS                                               AGE\n' +
        'default       endpoints/kubernetes   192.168.49.2:6443                                       3d1h\n' +
        'kube-system   endpoints/kube-dns     10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...   90s\n',
    )
  })

  it('adds no kind when only one of the types has objects', () => {
    expect(kubectl(cluster(), 'get pods,ep').stdout).toBe('NAME         ENDPOINTS           AGE\nkubernetes   192.168.49.2:6443   3d1h\n')
  })
})

describe('kubectl get messages', () => {
  it.each([
    { line: 'get pods', stderr: 'No resources found in default namespace.\n', exitCode: 0 },
    { line: 'get pods -n kube-public', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 },
    { line: 'get pods -A -l app=none', stderr: 'No resources found\n', exitCode: 0 },
    { line: 'get pod x --ignore-not-found', stderr: '', exitCode: 0 },
    { line: 'get pod x', stderr: 'Error from server (NotFound): pods "x" not found\n', exitCode: 1 },
    { line: 'get deploy/web', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1 },
    { line: 'get foo', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 },
    { line: 'get pods x -A', stderr: 'error: a resource cannot be retrieved by name across all namespaces\n', exitCode: 1 },
    {
      line: 'get pods pod/x',
      stderr:
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
      exitCode: 1,
    },
    {
      line: 'get nodes -o foo',
      stderr:
        'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
      exitCode: 1,
    },
    { line: 'get nodes -o jsonpath', stderr: 'error: template format specified but no template given\n', exitCode: 1 },
    { line: 'get nodes -o json --show-labels', stderr: 'error: --show-labels option cannot be used with json printer\n', exitCode: 1 },
  ])('kubectl $line', ({ line, stderr, exitCode }) => {
    const r = kubectl(cluster(), line)
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: '', stderr, exitCode })
  })

  it('without a type explains what is missing (kubectl 1.32 text)', () => {
    expect(kubectl(cluster(), 'get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    )
  })

  it('prints the objects it found and the NotFound errors of the others', () => {
    const r = kubectl(cluster(), 'get nodes node-1 nope node-2')
    expect(r).toEqual({
      stdout: 'NAME     STATUS   ROLES    AGE    VERSION\nnode-1   Ready    <none>   3d1h   v1.32.4\nnode-2   Ready    <none>   3d1h   v1.32.4\n',
      stderr: 'Error from server (NotFound): nodes "nope" not found\n',
      exitCode: 1,
    })
  })
})

describe('kubectl get -o', () => {
  it('prints one named object bare, and lists as a List', () => {
    const c = cluster()
    const one = kubectl(c, 'get lease node-1 -n kube-node-lease -o yaml').stdout
    expect(one.startsWith('apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  creationTimestamp: "2026-11-25T02:00:00Z"\n')).toBe(true)
    const list = kubectl(c, 'get ns -o yaml').stdout
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n')).toBe(true)
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true)
  })

  it('prints an empty List for no objects, without a message', () => {
    expect(kubectl(cluster(), 'get pods -o json')).toEqual({
      stdout: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('evaluates jsonpath over the List', () => {
    expect(kubectl(cluster(), 'get nodes -o jsonpath={.items[*].metadata.name}').stdout).toBe('control-plane node-1 node-2')
    const template = 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}'
    expect(runKubectl(cluster(), ['get', 'nodes', '-o', template], memoryIO({})).stdout).toBe(
      'control-plane\t192.168.49.2\nnode-1\t192.168.49.3\nnode-2\t192.168.49.4\n',
    )
  })

  it('prints custom columns, with <none> for a missing field, from a spec or a file', () => {
    const expected = 'NAME            CIDR            TAINT\ncontrol-plane   10.244.0.0/24   NoSchedule\nnode-1          10.244.1.0/24   <none>\nnode-2          10.244.2.0/24   <none>\n'
    expect(kubectl(cluster(), 'get nodes -o custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR,TAINT:.spec.taints[*].effect').stdout).toBe(expected)
    const file = 'NAME CIDR TAINT\n.metadata.name spec.podCIDR {.spec.taints[*].effect}\n'
    expect(kubectl(cluster(), 'get nodes -o custom-columns-file=cols.txt', { 'cols.txt': file }).stdout).toBe(expected)
  })

  it('drops a table sorted by a field no row has, as kubectl 1.32 does (its SortingPrinter error is ignored)', () => {
    expect(kubectl(cluster(), 'get nodes --sort-by=.spec.nope')).toMatchObject({ stdout: '', stderr: 'No resources found\n', exitCode: 0 })
  })

  it('sorts by a field it cannot find with kubectl’s error when printing objects', () => {
    expect(kubectl(cluster(), 'get nodes --sort-by=.spec.nope -o name').stderr).toBe('error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n')
  })
})

describe('kubectl get pods', () => {
  it('selects by label and shows labels, in name order', () => {
    const c = cluster()
    for (const p of [pod('web-b', { app: 'web' }), pod('db', { app: 'db' }), pod('web-a', { app: 'web', tier: 'fe' })]) {
      const created = c.api.create('test', p, 'default')
      if (!created.ok) throw new Error(created.error.message)
      const pending = c.api.update('test', { ...created.value, status: { phase: 'Pending' } }, { subresource: 'status' })
      if (!pending.ok) throw new Error(pending.error.message)
    }
    c.advance(65_000)
    expect(kubectl(c, 'get pods -l app=web --show-labels').stdout).toBe(
      // Scheduled and started by the kubelets within the 65 seconds.
      'NAME    READY   STATUS    RESTARTS   AGE   LABELS\n' + 'web-a   1/1     Running   0          65s   app=web,tier=fe\n' + 'web-b   1/1     Running   0          65s   app=web\n',
    )
    expect(kubectl(c, 'get pods --field-selector=metadata.name=db -o name').stdout).toBe('pod/db\n')
  })
})
