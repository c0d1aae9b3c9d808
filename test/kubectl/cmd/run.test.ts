import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const cluster = (): SimulatedCluster => SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1 })
const run = (c: SimulatedCluster, argv: string[]) => runKubectl(c, argv, memoryIO({}))
const usage = "\nSee 'kubectl run -h' for help and examples\n"

// Captured from kubectl 1.32.4: `kubectl run web --image=nginx --dry-run=client -o yaml`.
const POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: web
  name: web
spec:
  containers:
  - image: nginx
    name: web
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`

// Captured from kubectl 1.32.4: `kubectl run web --image=nginx --port=80 --labels=app=x,tier=y --env=A=1 --env=B=2
// --restart=Never --command --dry-run=client -o json -- sleep 10`.
const POD_JSON = `{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "x",
            "tier": "y"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "web",
                "image": "nginx",
                "command": [
                    "sleep",
                    "10"
                ],
                "ports": [
                    {
                        "containerPort": 80
                    }
                ],
                "env": [
                    {
                        "name": "A",
                        "value": "1"
                    },
                    {
                        "name": "B",
                        "value": "2"
                    }
                ],
                "resources": {}
            }
        ],
        "restartPolicy": "Never",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
`

describe('kubectl run', () => {
  it('creates a pod labelled run=NAME with one container named NAME', () => {
    const c = cluster()
    expect(run(c, ['run', 'web', '--image=nginx'])).toEqual({ stdout: 'pod/web created\n', stderr: '', exitCode: 0 })
    const pod = c.object('pods', 'default', 'web')!
    expect(pod.metadata.labels).toEqual({ run: 'web' })
    expect(pod.spec).toMatchObject({ containers: [{ name: 'web', image: 'nginx' }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' })
  })

  it('prints the pod it would send under --dry-run=client -o yaml, as kubectl 1.32 does', () => {
    expect(run(cluster(), ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml'])).toEqual({ stdout: POD_YAML, stderr: '', exitCode: 0 })
  })

  it('keeps the Go field order under -o json, with command, ports, env and labels', () => {
    const argv = ['run', 'web', '--image=nginx', '--port=80', '--labels=tier=y,app=x', '--env=A=1', '--env=B=2', '--restart=Never', '--command', '--dry-run=client', '-o', 'json', '--', 'sleep', '10']
    expect(run(cluster(), argv)).toEqual({ stdout: POD_JSON, stderr: '', exitCode: 0 })
  })

  it('passes the arguments after NAME as args, and names the namespace given with -n', () => {
    const out = run(cluster(), ['run', 'web', '--image=nginx', '-n', 'foo', '--dry-run=client', '-o', 'yaml', '--', 'a', 'b']).stdout
    expect(out).toContain('  - args:\n    - a\n    - b\n    image: nginx\n')
    expect(out).toContain('  name: web\n  namespace: foo\n')
  })

  it.each([
    { dry: 'client', line: 'pod/web created (dry run)\n' },
    { dry: 'server', line: 'pod/web created (server dry run)\n' },
  ])('stores nothing with --dry-run=$dry', ({ dry, line }) => {
    const c = cluster()
    expect(run(c, ['run', 'web', '--image=nginx', `--dry-run=${dry}`])).toEqual({ stdout: line, stderr: '', exitCode: 0 })
    expect(c.object('pods', 'default', 'web')).toBeUndefined()
  })

  it('refuses a pod that already exists', () => {
    const c = cluster()
    run(c, ['run', 'web', '--image=nginx'])
    expect(run(c, ['run', 'web', '--image=nginx'])).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "web" already exists\n', exitCode: 1 })
  })

  it('with --expose creates a ClusterIP service too, printed first', () => {
    const c = cluster()
    expect(run(c, ['run', 'web', '--image=nginx', '--port=80', '--expose'])).toEqual({ stdout: 'service/web created\npod/web created\n', stderr: '', exitCode: 0 })
    expect(c.object('services', 'default', 'web')!.spec).toMatchObject({ selector: { run: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], type: 'ClusterIP' })
  })

  it('separates the service and the pod with two --- lines under -o yaml (kubectl 1.32)', () => {
    const out = run(cluster(), ['run', 'web', '--image=nginx', '--port=80', '--expose', '--dry-run=client', '-o', 'yaml']).stdout
    expect(out).toContain('status:\n  loadBalancer: {}\n---\n---\napiVersion: v1\nkind: Pod\n')
  })

  it.each([
    // A required flag: cobra refuses first, and kubectl logs it through klog (the cluster's time).
    { argv: ['run', 'web'], stderr: 'E1125 00:00:00.000000   15800 run.go:72] "command failed" err="required flag(s) \\"image\\" not set"\n' },
    { argv: ['run', '--image=nginx'], stderr: `error: NAME is required for run${usage}` },
    { argv: ['run', '--image=nginx', '--', 'web'], stderr: `error: NAME is required for run${usage}` },
    { argv: ['run', 'web', '--image='], stderr: 'error: --image is required\n' },
    { argv: ['run', 'web', '--image=NGINX'], stderr: 'error: Invalid image name "NGINX": invalid reference format\n' },
    { argv: ['run', 'web', '--image=nginx', '-t'], stderr: `error: -i/--stdin is required for containers with -t/--tty=true${usage}` },
    { argv: ['run', 'web', '--image=nginx', '--expose'], stderr: `error: --port must be set when exposing a service${usage}` },
    { argv: ['run', 'web', '--image=nginx', '--restart=Sometimes'], stderr: `error: invalid restart policy: Sometimes${usage}` },
    { argv: ['run', 'web', '--image=nginx', '--rm'], stderr: `error: --rm should only be used for attached containers${usage}` },
    { argv: ['run', 'web', '--image=nginx', '-i', '--dry-run=client'], stderr: `error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)${usage}` },
    { argv: ['run', 'web', '--image=nginx', '--env=A'], stderr: 'error: invalid env: A\n' },
    { argv: ['run', 'web', '--image=nginx', '--env=1A=x'], stderr: 'error: invalid env: 1A=x\n' },
    { argv: ['run', 'web', '--image=nginx', '--labels=a=b,c'], stderr: 'error: unexpected label spec: c\n' },
    { argv: ['run', 'web', '--image=nginx', '--port=abc'], stderr: 'error: strconv.Atoi: parsing "abc": invalid syntax\n' },
  ])('refuses $argv as kubectl 1.32 does', ({ argv, stderr }) => {
    expect(run(cluster(), argv)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('refuses to attach (-it) in one sentence, creating nothing', () => {
    const c = cluster()
    const out = run(c, ['run', 'box', '--image=busybox', '-it', '--rm', '--restart=Never', '--', 'sh'])
    expect(out).toEqual({
      stdout: '',
      stderr: "error: attaching to a container (-i, -t, --attach, --rm) is not available in the playground yet; run the pod without them and read its output with 'kubectl logs'\n",
      exitCode: 1,
    })
    expect(c.object('pods', 'default', 'box')).toBeUndefined()
  })

  it('reports the apiserver validation of a bad name', () => {
    expect(run(cluster(), ['run', 'Web', '--image=nginx']).stderr).toMatch(/^The Pod "Web" is invalid: \n\* metadata.name: Invalid value: "Web"/)
  })
})

describe('kubectl run --overrides', () => {
  it('applies the fragment to the generated pod as a JSON merge patch (the default --override-type)', () => {
    const c = cluster()
    const r = run(c, ['run', 'web', '--image=nginx', '--overrides={"spec":{"nodeName":"node-2","containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]},"metadata":{"labels":{"tier":"front"}}}'])
    expect(r).toMatchObject({ exitCode: 0, stdout: 'pod/web created\n' })
    const pod = c.api.get('test', 'pods', 'default', 'web')
    expect(pod.ok && pod.value.spec).toMatchObject({ nodeName: 'node-2', containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }] })
    // Objects merge (run=web stays), lists replace.
    expect(pod.ok && pod.value.metadata.labels).toEqual({ run: 'web', tier: 'front' })
  })

  it('prints what it would send under --dry-run=client, with a null removing a field', () => {
    const r = run(cluster(), ['run', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml', '--overrides={"spec":{"dnsPolicy":null,"hostNetwork":true}}'])
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('  hostNetwork: true\n')
    expect(r.stdout).not.toContain('dnsPolicy')
  })

  it('refuses a fragment that is not a JSON object as jsonpatch does, and an unknown override type', () => {
    for (const bad of ['{"spec":', 'null', '"x"'])
      expect(run(cluster(), ['run', 'web', '--image=nginx', `--overrides=${bad}`])).toEqual({ stdout: '', stderr: 'error: Invalid JSON Patch\n', exitCode: 1 })
    expect(run(cluster(), ['run', 'web', '--image=nginx', '--overrides={}', '--override-type=yaml'])).toEqual({ stdout: '', stderr: 'error: invalid override type: yaml\n', exitCode: 1 })
  })
})
