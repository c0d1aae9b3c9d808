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

describe('kubectl config on a kubeconfig with two of everything', () => {
  // Written out of name order, with a token, a password and a field the admin.conf has not.
  const FILE = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:1
  name: kubernetes
- cluster:
    server: https://10.0.0.9:6443
    insecure-skip-tls-verify: true
  name: other
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
- context:
    cluster: other
    namespace: team
    user: dev
  name: dev@other
current-context: kubernetes-admin@kubernetes
users:
- name: kubernetes-admin
  user:
    token: abc
- name: dev
  user:
    username: dev
    password: secret
`
  const VIEW = `apiVersion: v1
clusters:
- cluster:
    server: http://127.0.0.1:1
  name: kubernetes
- cluster:
    insecure-skip-tls-verify: true
    server: https://10.0.0.9:6443
  name: other
contexts:
- context:
    cluster: other
    namespace: team
    user: dev
  name: dev@other
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: dev
  user:
    password: REDACTED
    username: dev
- name: kubernetes-admin
  user:
    token: REDACTED
`
  function machine() {
    const cluster = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
    let file = FILE
    const io = { ...memoryIO({}), kubeconfig: { path: '/home/learner/.kube/config', read: () => file, write: (t: string) => void (file = t) } }
    return { run: (...argv: string[]) => runKubectl(cluster, argv, io), file: () => file }
  }

  it('view: every list in name order, tokens and passwords REDACTED; --raw and --flatten show them', () => {
    const k = machine()
    expect(k.run('config', 'view')).toEqual({ stdout: VIEW, stderr: '', exitCode: 0 })
    const raw = VIEW.replace('password: REDACTED', 'password: secret').replace('token: REDACTED', 'token: abc')
    expect(k.run('config', 'view', '--raw').stdout).toBe(raw)
    expect(k.run('config', 'view', '--flatten').stdout).toBe(raw)
  })

  it('view -o json: each entry\'s fields in clientcmd\'s struct order', () => {
    const out = machine().run('config', 'view', '-o', 'json').stdout
    expect(out).toContain(`            "cluster": {
                "server": "https://10.0.0.9:6443",
                "insecure-skip-tls-verify": true
            }`)
    expect(out).toContain(`            "name": "dev",
            "user": {
                "username": "dev",
                "password": "REDACTED"
            }`)
  })

  it('view -o name names no Config; an unknown format gets the printer error; an argument is refused', () => {
    const k = machine()
    expect(k.run('config', 'view', '-o', 'name')).toEqual({ stdout: 'config/<unknown>\n', stderr: '', exitCode: 0 })
    expect(k.run('config', 'view', '-o', 'bogus')).toEqual(
      fails('error: unable to match a printer suitable for the output format "bogus", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'),
    )
    expect(k.run('config', 'view', 'x')).toEqual(fails("error: unexpected arguments: [x]\nSee 'kubectl config view -h' for help and examples\n"))
  })

  it('get-contexts: two missing contexts one per line without the prefix; an unknown -o in its own words', () => {
    const k = machine()
    expect(k.run('config', 'get-contexts', 'a', 'b')).toEqual({ stdout: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', stderr: 'context a not found\ncontext b not found\n', exitCode: 1 })
    expect(k.run('config', 'get-contexts', '-o', 'bogus')).toEqual(fails('error: --output bogus is not available in kubectl config get-contexts; resetting to default output format\n'))
  })

  it('use-context without exactly one name, set-context with two: the help, then Unexpected args', () => {
    const k = machine()
    for (const argv of [['use-context'], ['use-context', 'a', 'b']]) {
      const out = k.run('config', ...argv)
      expect(out.stdout.startsWith('Set the current-context in a kubeconfig file.\n')).toBe(true)
      expect(out.stderr).toBe(`error: Unexpected args: [${argv.slice(1).join(' ')}]\n`)
      expect(out.exitCode).toBe(1)
    }
    expect(k.run('config', 'set-context', 'a', 'b').stderr).toBe('error: Unexpected args: [a b]\n')
    expect(k.file()).toBe(FILE) // nothing written
  })

  it('use-context writes the file back in name order', () => {
    const k = machine()
    expect(k.run('config', 'use-context', 'dev@other').stdout).toBe('Switched to context "dev@other".\n')
    expect(k.run('config', 'view', '--raw').stdout).toBe(VIEW.replace('current-context: kubernetes-admin@kubernetes', 'current-context: dev@other').replace('password: REDACTED', 'password: secret').replace('token: REDACTED', 'token: abc'))
  })
})

describe('each subcommand parses its own flags (cobra children) and names itself in the usage line', () => {
  it.each([
    [['create', 'deployment', 'web', '--image=nginx', '--replicas=x'], 'invalid argument "x" for "-r, --replicas" flag: strconv.ParseInt: parsing "x": invalid syntax', 'create deployment'],
    [['create', 'deployment', 'web', '--image=nginx', '--bogus'], 'unknown flag: --bogus', 'create deployment'],
    [['create', 'namespace', 'dev', '--image=x'], 'unknown flag: --image', 'create namespace'],
    [['create', 'ns', 'dev', '--image=x'], 'unknown flag: --image', 'create namespace'],
    [['create', '--replicas=3', '-f', 'x.yaml'], 'unknown flag: --replicas', 'create'],
    [['create', 'service', 'clusterip', 'web', '--node-port=30080'], 'unknown flag: --node-port', 'create service clusterip'],
    [['create', 'svc', 'nodeport', 'web', '--node-port=abc'], 'invalid argument "abc" for "--node-port" flag: strconv.ParseInt: parsing "abc": invalid syntax', 'create service nodeport'],
    [['create', 'secret', 'tls', 't', '--from-literal=a=b'], 'unknown flag: --from-literal', 'create secret tls'],
    [['rollout', 'status', '--bogus'], 'unknown flag: --bogus', 'rollout status'],
    [['rollout', 'status', 'deploy/web', '-o', 'bogus'], "unknown shorthand flag: 'o' in -o", 'rollout status'],
    [['rollout', 'undo', 'deploy/web', '--to-revision=x'], 'invalid argument "x" for "--to-revision" flag: strconv.ParseInt: parsing "x": invalid syntax', 'rollout undo'],
    [['rollout', 'history', 'deploy/web', '--revision=x'], 'invalid argument "x" for "--revision" flag: strconv.ParseInt: parsing "x": invalid syntax', 'rollout history'],
    [['rollout', 'status', 'deploy/web', '--watch=x'], 'invalid argument "x" for "-w, --watch" flag: strconv.ParseBool: parsing "x": invalid syntax', 'rollout status'],
    [['set', 'image', 'deploy/web', 'nginx=nginx:1.27', '--bogus'], 'unknown flag: --bogus', 'set image'],
    [['top', 'pod', '--containers=x'], 'invalid argument "x" for "--containers" flag: strconv.ParseBool: parsing "x": invalid syntax', 'top pod'],
    [['top', 'node', '--containers'], 'unknown flag: --containers', 'top node'],
  ])('kubectl %j', (argv, error, path) => {
    expect(kubectl(...argv)).toEqual(fails(`Error: ${error}\nSee 'kubectl ${path} --help' for usage.\n`))
  })

  it('create takes no arguments of its own', () => {
    expect(kubectl('create', 'foo')).toEqual(fails("error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n"))
    expect(kubectl('create', 'a', 'b', 'c')).toEqual(fails("error: Unexpected args: [a b c]\nSee 'kubectl create -h' for help and examples\n"))
  })
})

describe('duration flags are parsed as pflag does, before anything else', () => {
  it.each([
    [['run', 'web', '--image=nginx', '--timeout=5'], '--timeout', 'missing unit in duration "5"', 'run'],
    [['scale', 'deploy/web', '--replicas=2', '--timeout=5'], '--timeout', 'missing unit in duration "5"', 'scale'],
    [['delete', 'pod', 'p', '--timeout=5'], '--timeout', 'missing unit in duration "5"', 'delete'],
    [['drain', 'n', '--timeout=5'], '--timeout', 'missing unit in duration "5"', 'drain'],
    [['rollout', 'status', 'deploy/web', '--timeout=5'], '--timeout', 'missing unit in duration "5"', 'rollout status'],
    [['wait', 'pod/p', '--for=delete', '--timeout=abc'], '--timeout', 'invalid duration "abc"', 'wait'],
    [['logs', 'p', '--since=abc'], '--since', 'invalid duration "abc"', 'logs'],
    [['exec', 'p', '--pod-running-timeout=abc', '--', 'ls'], '--pod-running-timeout', 'invalid duration "abc"', 'exec'],
    [['port-forward', 'p', '8080', '--pod-running-timeout=abc'], '--pod-running-timeout', 'invalid duration "abc"', 'port-forward'],
  ])('kubectl %j', (argv, flag, problem, path) => {
    const value = problem.match(/"(.*)"/)![1]
    expect(kubectl(...argv)).toEqual(fails(`Error: invalid argument "${value}" for "${flag}" flag: time: ${problem}\nSee 'kubectl ${path} --help' for usage.\n`))
  })
})

describe('kubectl top checks its arguments before asking for the Metrics API', () => {
  it('one NAME at most, a known sort key, not a NAME and a selector', () => {
    expect(kubectl('top', 'pod', 'a', 'b')).toEqual(fails("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n"))
    expect(kubectl('top', 'node', 'a', 'b')).toEqual(fails("error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n"))
    expect(kubectl('top', 'pod', '--sort-by=bogus')).toEqual(fails('error: --sort-by accepts only cpu or memory\n'))
    expect(kubectl('top', 'pod', 'p', '-l', 'a=b')).toEqual(fails('error: only one of NAME or selector can be provided\n'))
    expect(kubectl('top', 'node', 'n', '-l', 'a=b')).toEqual(fails('error: only one of NAME or --selector can be provided\n'))
    expect(kubectl('top', 'pod', '--sort-by=cpu')).toEqual(fails('error: Metrics API not available\n'))
  })
})

describe('kubectl set without a subcommand', () => {
  it('prints every subcommand kubectl has on stderr and exits 1', () => {
    const out = kubectl('set')
    expect(out.stdout).toBe('')
    expect(out.exitCode).toBe(1)
    expect(out.stderr).toContain('Available Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources  ')
  })
})

describe('kubectl drain reads --dry-run before looking the node up', () => {
  it('an unknown strategy', () => {
    expect(kubectl('drain', 'n', '--dry-run=bogus')).toEqual(fails('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n'))
  })
})

describe('a flag kubectl has and the playground does not model', () => {
  it('a bad value gets pflag\'s error, as kubectl parses it', () => {
    expect(kubectl('run', 'web', '--image=nginx', '--grace-period=abc')).toEqual(
      fails('Error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl run --help\' for usage.\n'),
    )
    expect(kubectl('apply', '-f', 'x.yaml', '--timeout=5')).toEqual(fails('Error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'kubectl apply --help\' for usage.\n'))
    expect(kubectl('logs', 'p', '--limit-bytes=x')).toEqual(fails('Error: invalid argument "x" for "--limit-bytes" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl logs --help\' for usage.\n'))
  })

  it('a good one is refused in one sentence, naming the command', () => {
    expect(kubectl('logs', 'p', '--prefix')).toEqual(fails('error: --prefix of "kubectl logs" is not available in the kubelings playground yet.\n'))
    expect(kubectl('create', 'configmap', 'c', '--show-managed-fields')).toEqual(fails('error: --show-managed-fields of "kubectl create configmap" is not available in the kubelings playground yet.\n'))
  })
})

describe('the resource builder\'s argument errors', () => {
  const noNeed =
    "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"
  it.each([
    [['delete', 'pod/p', 'pod', 'q'], noNeed],
    [['set', 'image', 'deploy/web', 'nginx'], noNeed],
    [['delete', 'pod/a/b'], 'error: arguments in resource/name form may not have more than one slash\n'],
    [['delete', '/p'], 'error: arguments in resource/name form must have a single resource and name\n'],
    [['delete', 'pods,svc/x'], 'error: arguments in resource/name form must have a single resource and name\n'],
    [['delete', 'pod/p', '-l', 'a=b'], 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    [['wait', 'pod/p', '--for=create', '-l', 'a=b'], 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    [['set', 'image', 'deploy/web', 'nginx=nginx:1.27', '--all', '-l', 'a=b'], 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    [['logs', 'p', 'c', '-l', 'a=b'], 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
  ])('kubectl %j', (argv, stderr) => {
    expect(kubectl(...argv)).toEqual(fails(stderr))
  })
})

describe('usage errors of single commands', () => {
  it.each([
    [['apply', 'pod', 'p'], "error: Unexpected args: [pod p]\nSee 'kubectl apply -h' for help and examples\n"],
    [['apply', 'bogus', '-f', 'x.yaml'], "error: Unexpected args: [bogus]\nSee 'kubectl apply -h' for help and examples\n"],
    [['apply', '-f', 'x.yaml', '-o', 'bogus'], 'error: the path "x.yaml" does not exist\n'],
    [['create', '-f', 'x.yaml', '-k', 'dir'], 'error: only one of -f or -k can be specified\n'],
    [['create', 'secret', 'bogus', 'x'], "error: unknown command \"bogus x\"\nSee 'kubectl create secret -h' for help and examples\n"],
    [['exec', 'p', 'ls'], "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n"],
    [['logs', '-l', 'a=b', 'p'], "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"],
    [['delete', 'pod', 'p', '--cascade=bogus'], 'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n'],
    [['--bogus', 'get'], "Error: unknown flag: --bogus\nSee 'kubectl --help' for usage.\n"],
  ])('kubectl %j', (argv, stderr) => {
    expect(kubectl(...argv)).toEqual(fails(stderr))
  })

  it('create service without a type: its help on stderr, exit 1', () => {
    const out = kubectl('create', 'service')
    expect(out.stdout).toBe('')
    expect(out.stderr.startsWith('Create a service using a specified subcommand.\n')).toBe(true)
    expect(out.exitCode).toBe(1)
  })

  it('create secret tls: a certificate whose PEM body is not base64 is no PEM data', () => {
    const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
    const files = { 'c.pem': '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n', 'k.pem': 'not a key\n' }
    expect(runKubectl(c, ['create', 'secret', 'tls', 't', '--cert=c.pem', '--key=k.pem', '--dry-run=client'], memoryIO(files))).toEqual(
      fails('error: tls: failed to find any PEM data in certificate input\n'),
    )
  })
})

describe('the old forms of --dry-run: a klog warning, then as the new form', () => {
  it.each([
    [['--dry-run'], 'W1125 00:00:00.000000   15800 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n'],
    [['--dry-run=true'], 'W1125 00:00:00.000000   15800 helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n'],
    [['--dry-run=1'], 'W1125 00:00:00.000000   15800 helpers.go:716] --dry-run=1 is deprecated (boolean value) and can be replaced with --dry-run=client.\n'],
  ])('kubectl create ns x %j', (flags, stderr) => {
    expect(kubectl('create', 'ns', 'x', ...flags)).toEqual({ stdout: 'namespace/x created (dry run)\n', stderr, exitCode: 0 })
  })
})

describe('what kubectl has and the playground does not: one sentence, before any flag is parsed', () => {
  it.each([
    [['create', 'job', 'j', '--image=busybox'], 'create job'],
    [['create', 'cj', 'c', '--image=busybox', '--schedule=* * * * *'], 'create cronjob'],
    [['create', 'pdb', 'p', '--selector=a=b'], 'create poddisruptionbudget'],
    [['set', 'env', 'deploy/web', 'A=1'], 'set env'],
    [['set', 'sa', 'deploy/web', 'robot'], 'set serviceaccount'],
    [['apply', 'view-last-applied', 'deploy/web'], 'apply view-last-applied'],
    [['config', 'set-cluster', 'c', '--server=https://1.2.3.4'], 'config set-cluster'],
  ])('kubectl %j', (argv, path) => {
    expect(kubectl(...argv)).toEqual(fails(`error: "kubectl ${path}" is not available in the kubelings playground yet.\n`))
  })
})

describe('--help: kubectl 1.32\'s own text, less what the playground does not model', () => {
  it('a generator\'s help is its own, not create\'s', () => {
    const out = kubectl('create', 'deployment', '-h')
    expect(out.stdout.startsWith('Create a deployment with the specified name.\n\nAliases:\ndeployment, deploy\n\nExamples:\n')).toBe(true)
    expect(out.stdout).toContain('    -r, --replicas=1:\n\tNumber of replicas to create. Default is 1.\n')
    expect(out.stdout).not.toContain('--show-managed-fields') // refused by the playground, so not offered
    expect(out.stdout.endsWith('Usage:\n  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n')).toBe(true)
  })

  it('top pod and rollout status have theirs; kubectl help get is get -h', () => {
    expect(kubectl('top', 'pod', '--help').stdout.startsWith('Display resource (CPU/memory) usage of pods.\n')).toBe(true)
    const status = kubectl('rollout', 'status', '-h').stdout
    expect(status).toContain('\n In the kubelings playground the watch lets virtual time pass;')
    expect(status).not.toContain('--kustomize')
    expect(kubectl('help', 'get').stdout).toBe(kubectl('get', '-h').stdout)
  })
})

describe('a manifest whose flow collection is cut off', () => {
  const HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  '
  it.each([
    ['x: [\n', 'did not find expected node content'],
    ['x: [a,\n', 'did not find expected node content'],
    ['x: {\n', 'did not find expected node content'],
    ['x: [a, b\n', "did not find expected ',' or ']'"],
    ['x: {a: 1\n', "did not find expected ',' or '}'"],
  ])('%j', (tail, problem) => {
    const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
    expect(runKubectl(c, ['apply', '-f', 't.yaml', '--dry-run=client'], memoryIO({ 't.yaml': HEAD + tail }))).toEqual(
      fails(`error: error parsing t.yaml: error converting YAML to JSON: yaml: line 5: ${problem}\n`),
    )
  })
})

describe('more argument checks kubectl makes before the server', () => {
  it.each([
    [['label', 'x', '--dry-run=bogus'], 'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n'],
    [['annotate', 'x', '--dry-run=bogus'], 'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=', '--dry-run=client'], 'error: at least one tcp port specifier must be provided\n'],
    [['rollout', 'x', '-o'], "Error: unknown shorthand flag: 'o' in -o\nSee 'kubectl rollout --help' for usage.\n"],
    [['rollout', 'x', '--dry-run=bogus'], "Error: unknown flag: --dry-run\nSee 'kubectl rollout --help' for usage.\n"],
    [['set', '--selector'], "Error: unknown flag: --selector\nSee 'kubectl set --help' for usage.\n"],
    [['config', 'x', '-o'], "Error: unknown shorthand flag: 'o' in -o\nSee 'kubectl config --help' for usage.\n"],
    [['config', 'view', '--bogus'], "Error: unknown flag: --bogus\nSee 'kubectl config view --help' for usage.\n"],
    [['config', 'get-contexts', '--raw'], "Error: unknown flag: --raw\nSee 'kubectl config get-contexts --help' for usage.\n"],
  ])('kubectl %j', (argv, stderr) => {
    expect(kubectl(...argv)).toEqual(fails(stderr))
  })

  it('create ingress accepts whatever follows a valid host/path=service:port, a second part as tls', () => {
    const out = kubectl('create', 'ingress', 'ing', '--rule=foo.com/=svc:80,bogus', '--dry-run=client', '-o', 'json')
    expect(out.exitCode).toBe(0)
    expect(JSON.parse(out.stdout).spec.tls).toEqual([{ hosts: ['foo.com'] }])
  })
})

describe('create configmap|secret --append-hash', () => {
  it('names the object after its content, as kubectl 1.32 does', () => {
    expect(kubectl('create', 'cm', 'cfg', '--from-literal=a=1', '--append-hash', '--dry-run=client', '-o', 'name').stdout).toBe('configmap/cfg-ctbg988m74\n')
    expect(kubectl('create', 'configmap', 'c', '--append-hash', '--dry-run=client', '-o', 'name').stdout).toBe('configmap/c-94b26g54cg\n')
    expect(kubectl('create', 'secret', 'generic', 's', '--from-literal=a=1', '--append-hash', '--dry-run=client', '-o', 'name').stdout).toBe('secret/s-gtkfk5m49d\n')
    expect(kubectl('create', 'secret', 'generic', 's', '--from-literal=a=1', '--type=Opaque', '--append-hash', '--dry-run=client', '-o', 'name').stdout).toBe('secret/s-gcb2gh257d\n')
  })
})

describe('-o json of an object kubectl built: map keys sorted, HTML characters escaped', () => {
  it('create configmap', () => {
    expect(kubectl('create', 'configmap', 'cfg', '--from-literal=x=<&>', '--from-literal=b=2', '--append-hash', '--dry-run=client', '-o', 'json').stdout).toBe(`{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "cfg-42994tkd2b",
        "creationTimestamp": null
    },
    "data": {
        "b": "2",
        "x": "\\u003c\\u0026\\u003e"
    }
}
`)
  })
})

describe('create service externalname', () => {
  it('builds the ExternalName Service kubectl 1.32 builds', () => {
    expect(kubectl('create', 'service', 'externalname', 'web', '--external-name=example.com', '--dry-run=client', '-o', 'yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  externalName: example.com
  selector:
    app: web
  type: ExternalName
status:
  loadBalancer: {}
`)
  })

  it('needs a DNS name', () => {
    expect(kubectl('create', 'service', 'externalname', 'web', '--external-name=Bad_Name', '--dry-run=client')).toEqual(fails('error: invalid service external name Bad_Name\n'))
    expect(kubectl('create', 'service', 'externalname', 'web').stderr).toMatch(/ run\.go:72\] "command failed" err="required flag\(s\) \\"external-name\\" not set"\n$/)
  })
})

describe('kubectl config delete-context|delete-cluster|delete-user|rename-context', () => {
  const FILE = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://10.0.0.9:6443
  name: other
contexts:
- context:
    cluster: other
    user: dev
  name: dev@other
current-context: dev@other
users:
- name: dev
  user:
    token: t
`
  function machine() {
    const cluster = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
    let file = FILE
    const io = { ...memoryIO({}), kubeconfig: { path: '/home/learner/.kube/config', read: () => file, write: (t: string) => void (file = t) } }
    return { run: (...argv: string[]) => runKubectl(cluster, argv, io), file: () => file }
  }

  it('deletes an entry and says from which file; the current context stays named, with a warning', () => {
    const k = machine()
    expect(k.run('config', 'delete-context', 'dev@other')).toEqual({
      stdout: 'deleted context dev@other from /home/learner/.kube/config\n',
      stderr: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      exitCode: 0,
    })
    expect(k.file()).toContain('contexts: null\ncurrent-context: dev@other\n')
    expect(k.run('config', 'delete-cluster', 'other').stdout).toBe('deleted cluster other from /home/learner/.kube/config\n')
    expect(k.run('config', 'delete-user', 'dev').stdout).toBe('deleted user dev from /home/learner/.kube/config\n')
  })

  it('refuses what is not there, and a missing name as kubectl does', () => {
    const k = machine()
    expect(k.run('config', 'delete-context', 'nope')).toEqual(fails('error: cannot delete context nope, not in /home/learner/.kube/config\n'))
    expect(k.run('config', 'delete-user')).toEqual(fails("error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples\n"))
    expect(k.run('config', 'delete-cluster').stdout.startsWith('Delete the specified cluster from the kubeconfig.\n')).toBe(true)
    expect(k.file()).toBe(FILE)
  })

  it('renames a context, the current one too', () => {
    const k = machine()
    expect(k.run('config', 'rename-context', 'dev@other', 'dev')).toEqual({ stdout: 'Context "dev@other" renamed to "dev".\n', stderr: '', exitCode: 0 })
    expect(k.run('config', 'current-context').stdout).toBe('dev\n')
    expect(k.run('config', 'rename-context', 'nope', 'x')).toEqual(fails('error: cannot rename the context "nope", it\'s not in /home/learner/.kube/config\n'))
    expect(k.run('config', 'rename-context', 'a').stderr).toBe('error: Unexpected args: [a]\n')
  })
})

describe('label --list with -o; exec -f', () => {
  it('label and annotate refuse --list with --output', () => {
    expect(kubectl('label', 'pod', 'p', 'a=b', '--list', '-o', 'yaml')).toEqual(fails('error: --list and --output may not be specified together\n'))
    expect(kubectl('annotate', 'pod', 'p', 'a=b', '--list', '-o', 'yaml')).toEqual(fails('error: --list and --output may not be specified together\n'))
  })

  it('exec -f reads the file first', () => {
    expect(kubectl('exec', '-f', 'x.yaml', '--', 'ls')).toEqual(fails('error: the path "x.yaml" does not exist\n'))
  })
})
