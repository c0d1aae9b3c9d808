import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const cluster = (): SimulatedCluster => SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 })
const run = (c: SimulatedCluster, argv: string[], files: Record<string, string> = {}) => runKubectl(c, argv, memoryIO(files))
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n'

describe('kubectl create -f', () => {
  it('creates the object and says so', () => {
    expect(run(cluster(), ['create', '-f', 'p.yaml'], { 'p.yaml': POD })).toEqual({ stdout: 'pod/p created\n', stderr: '', exitCode: 0 })
  })

  it('refuses an object that already exists, naming the file', () => {
    const c = cluster()
    run(c, ['create', '-f', 'p.yaml'], { 'p.yaml': POD })
    expect(run(c, ['create', '-f', 'p.yaml'], { 'p.yaml': POD })).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "p.yaml": pods "p" already exists\n',
      exitCode: 1,
    })
  })

  it('creates the other documents of a file when one already exists, and reports it', () => {
    const c = cluster()
    run(c, ['create', '-f', 'p.yaml'], { 'p.yaml': POD })
    const two = `${POD}---\n${POD.replace('name: p', 'name: q')}`
    expect(run(c, ['create', '-f', 'p.yaml'], { 'p.yaml': two })).toEqual({
      stdout: 'pod/q created\n',
      stderr: 'Error from server (AlreadyExists): error when creating "p.yaml": pods "p" already exists\n',
      exitCode: 1,
    })
  })

  it('saves the configuration for a later apply with --save-config', () => {
    const c = cluster()
    run(c, ['create', '--save-config', '-f', 'p.yaml'], { 'p.yaml': POD })
    expect(run(c, ['apply', '-f', 'p.yaml'], { 'p.yaml': POD })).toEqual({ stdout: 'pod/p unchanged\n', stderr: '', exitCode: 0 })
  })

  it('without -f or a subcommand asks for one', () => {
    expect(run(cluster(), ['create'])).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 })
  })
})

// Captured from kubectl 1.32.4: `kubectl create deployment web --image=nginx --dry-run=client -o yaml`.
const DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`

// Captured from kubectl 1.32.4: `kubectl create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o json`.
const NODEPORT_JSON = `{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "ports": [
            {
                "name": "80-8080",
                "protocol": "TCP",
                "port": 80,
                "targetPort": 8080,
                "nodePort": 30080
            }
        ],
        "selector": {
            "app": "web"
        },
        "type": "NodePort"
    },
    "status": {
        "loadBalancer": {}
    }
}
`

describe('kubectl create generators build the objects real kubectl sends', () => {
  it('create deployment --dry-run=client -o yaml', () => {
    expect(run(cluster(), ['create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml']).stdout).toBe(DEPLOYMENT_YAML)
  })

  it('create service nodeport --dry-run=client -o json keeps the Go field order', () => {
    expect(run(cluster(), ['create', 'service', 'nodeport', 'web', '--tcp=80:8080', '--node-port=30080', '--dry-run=client', '-o', 'json']).stdout).toBe(NODEPORT_JSON)
  })

  it('create service clusterip names ports after --tcp, a named target port stays a name', () => {
    const out = run(cluster(), ['create', 'svc', 'clusterip', 'web', '--tcp=80:http,443', '--dry-run=client', '-o', 'yaml']).stdout
    expect(out).toContain('  ports:\n  - name: 80-http\n    port: 80\n    protocol: TCP\n    targetPort: http\n  - name: "443"\n    port: 443\n    protocol: TCP\n    targetPort: 443\n')
  })

  it('create deployment --replicas --port sets them on the deployment and its first container', () => {
    const c = cluster()
    expect(run(c, ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80']).stdout).toBe('deployment.apps/web created\n')
    const d = c.object('deployments', 'default', 'web')!.spec as { replicas: number; template: { spec: { containers: { name: string; ports: unknown }[] } } }
    expect(d.replicas).toBe(3)
    expect(d.template.spec.containers[0]).toMatchObject({ name: 'nginx', ports: [{ containerPort: 80 }] })
  })

  it.each([
    { argv: ['create', 'deployment', 'web'], stderr: 'E1125 00:00:00.000000   15800 run.go:72] "command failed" err="required flag(s) \\"image\\" not set"\n' },
    { argv: ['create', 'deployment'], stderr: 'E1125 00:00:00.000000   15800 run.go:72] "command failed" err="required flag(s) \\"image\\" not set"\n' },
    { argv: ['create', 'deployment', '--image=nginx'], stderr: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n" },
    { argv: ['create', 'namespace'], stderr: "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n" },
    { argv: ['create', 'service', 'clusterip', 'web'], stderr: 'error: at least one tcp port specifier must be provided\n' },
    { argv: ['create', 'service', 'clusterip', 'web', '--tcp=x'], stderr: 'error: strconv.ParseUint: parsing "x": invalid syntax\n' },
    { argv: ['create', 'service', 'foo', 'web'], stderr: "error: unknown command \"foo web\"\nSee 'kubectl create service -h' for help and examples\n" },
  ])('$argv fails as kubectl does', ({ argv, stderr }) => {
    expect(run(cluster(), argv)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('create deployment of an existing name wraps the server error', () => {
    const c = cluster()
    run(c, ['create', 'deployment', 'web', '--image=nginx'])
    expect(run(c, ['create', 'deployment', 'web', '--image=nginx'])).toEqual({ stdout: '', stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n', exitCode: 1 })
  })

  it('create service of an existing name wraps the server error with its type', () => {
    const c = cluster()
    run(c, ['create', 'service', 'clusterip', 'web', '--tcp=80'])
    expect(run(c, ['create', 'service', 'clusterip', 'web', '--tcp=80']).stderr).toBe('error: failed to create ClusterIP service: services "web" already exists\n')
  })

  it('create namespace of an existing name prints the server error as it is', () => {
    const c = cluster()
    expect(run(c, ['create', 'namespace', 'shop']).stdout).toBe('namespace/shop created\n')
    expect(run(c, ['create', 'namespace', 'shop']).stderr).toBe('Error from server (AlreadyExists): namespaces "shop" already exists\n')
  })
})
