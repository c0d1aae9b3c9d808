// kubectl config: kubeadm's admin.conf for the simulated cluster, as kubectl 1.32 shows and writes it
// (every expected text below was printed by the real kubectl 1.32 on the same kubeconfig), and the
// current context's namespace as the default namespace of later commands.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO, type KubectlIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

/** A kubectl whose kubeconfig file lives in memory across calls (undefined until written). */
function machine(initial?: string) {
  const cluster = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
  let file = initial
  const io = (): KubectlIO => ({ ...memoryIO({}), kubeconfig: { path: '/home/learner/.kube/config', read: () => file, write: (t) => void (file = t) } })
  return { run: (...argv: string[]) => runKubectl(cluster, argv, io()), file: () => file }
}

const VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://192.168.49.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`

describe('kubectl config, reading', () => {
  it('view shows admin.conf with its certificate data omitted, --minify the same for one context', () => {
    const k = machine()
    expect(k.run('config', 'view')).toEqual({ stdout: VIEW, stderr: '', exitCode: 0 })
    expect(k.run('config', 'view', '--minify').stdout).toBe(VIEW)
    expect(k.file()).toBeUndefined() // reading writes nothing
  })

  it('view -o json in clientcmd\'s field order, four spaces', () => {
    expect(machine().run('config', 'view', '-o', 'json').stdout).toBe(`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://192.168.49.2:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "kubernetes-admin",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubernetes-admin@kubernetes",
            "context": {
                "cluster": "kubernetes",
                "user": "kubernetes-admin"
            }
        }
    ],
    "current-context": "kubernetes-admin@kubernetes"
}
`)
  })

  it('view --raw shows the (stand-in) certificate data, base64 of PEM text', () => {
    const raw = machine().run('config', 'view', '--raw').stdout
    const data = /client-key-data: (\S+)/.exec(raw)![1]
    expect(Buffer.from(data, 'base64').toString()).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/)
  })

  it('current-context, get-contexts (the last column padded when empty), get-clusters, get-users', () => {
    const k = machine()
    expect(k.run('config', 'current-context').stdout).toBe('kubernetes-admin@kubernetes\n')
    expect(k.run('config', 'get-contexts').stdout).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
    )
    expect(k.run('config', 'get-contexts', '-o', 'name').stdout).toBe('kubernetes-admin@kubernetes\n')
    expect(k.run('config', 'get-clusters').stdout).toBe('NAME\nkubernetes\n')
    expect(k.run('config', 'get-users').stdout).toBe('NAME\nkubernetes-admin\n')
  })

  it('refuses as kubectl does', () => {
    const k = machine()
    expect(k.run('config', 'get-contexts', 'nope')).toEqual({ stdout: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', stderr: 'error: context nope not found\n', exitCode: 1 })
    expect(k.run('config', 'use-context', 'nope')).toEqual({ stdout: '', stderr: 'error: no context exists with the name: "nope"\n', exitCode: 1 })
    expect(k.run('config', 'set-context')).toEqual({ stdout: '', stderr: 'error: you must specify a non-empty context name or --current\n', exitCode: 1 })
    expect(k.run('config', 'rename-context', 'a', 'b').stderr).toBe('error: cannot rename the context "a", it\'s not in /home/learner/.kube/config\n')
    expect(k.run('config', 'set-cluster', 'a', '--server=https://1.2.3.4').stderr).toBe('error: "kubectl config set-cluster" is not available in the kubelings playground yet.\n')
    const bare = k.run('config')
    expect([bare.exitCode, bare.stdout, bare.stderr.split('\n')[0]]).toEqual([1, '', 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".'])
  })
})

describe('kubectl config, writing', () => {
  it('set-context --current --namespace makes it every later command\'s namespace, and writes the file as kubectl does', () => {
    const k = machine()
    k.run('create', 'namespace', 'dev')
    expect(k.run('config', 'set-context', '--current', '--namespace=dev')).toEqual({ stdout: 'Context "kubernetes-admin@kubernetes" modified.\n', stderr: '', exitCode: 0 })
    expect(k.run('run', 'web', '--image=nginx').stdout).toBe('pod/web created\n')
    expect(k.run('get', 'pods').stdout).toBe('NAME   READY   STATUS              RESTARTS   AGE\nweb    0/1     ContainerCreating   0          0s\n')
    expect(k.run('get', 'pod', 'web', '-o', 'jsonpath={.metadata.namespace}').stdout).toBe('dev')
    expect(k.run('get', 'pods', '-n', 'default').stderr).toBe('No resources found in default namespace.\n')
    expect(k.run('config', 'view', '--minify', '-o', 'jsonpath={..namespace}').stdout).toBe('dev')
    expect(k.file()).toMatch(/^apiVersion: v1\nclusters:\n- cluster:\n {4}certificate-authority-data: \S+\n {4}server: https:\/\/192\.168\.49\.2:6443\n {2}name: kubernetes\ncontexts:\n- context:\n {4}cluster: kubernetes\n {4}namespace: dev\n {4}user: kubernetes-admin\n/)
    // An empty namespace takes it away again.
    k.run('config', 'set-context', '--current', '--namespace=')
    expect(k.run('get', 'pods').stderr).toBe('No resources found in default namespace.\n')
  })

  it('set-context NAME creates a context with empty cluster and user, use-context switches to it', () => {
    const k = machine()
    expect(k.run('config', 'set-context', 'other', '--namespace=x').stdout).toBe('Context "other" created.\n')
    expect(k.run('config', 'use-context', 'other').stdout).toBe('Switched to context "other".\n')
    expect(k.run('config', 'view', '--minify').stdout).toBe(
      'apiVersion: v1\nclusters: null\ncontexts:\n- context:\n    cluster: ""\n    namespace: x\n    user: ""\n  name: other\ncurrent-context: other\nkind: Config\npreferences: {}\nusers: null\n',
    )
    expect(k.run('config', 'get-contexts').stdout).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n*         other                                                         x\n',
    )
  })

  it('a kubeconfig that does not parse stops every command, as kubectl does', () => {
    const k = machine('apiVersion: v1\nclusters: [\n')
    const r = k.run('get', 'pods')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^error: error loading config file "\/home\/learner\/\.kube\/config": /)
  })
})
