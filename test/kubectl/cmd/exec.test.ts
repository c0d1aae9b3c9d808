// kubectl exec against the simulated cluster: what a container sees (hostname, hosts, resolv.conf,
// its interface, its processes, the pod's shared localhost) and kubectl's errors and exit codes.
import { beforeAll, describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const manifests = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  nodeName: node-1
  shareProcessNamespace: true
  containers:
  - name: web
    image: nginx:1.27
  - name: shell
    image: busybox:1.37
    command: [sleep, "3600"]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.100.100
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  nodeName: node-2
  containers:
  - name: app
    image: busybox:1.37
    command: [sleep, "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: done
spec:
  nodeName: node-2
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.37
    command: [sh, -c, "exit 0"]
`

let c: Cluster
beforeAll(() => {
  c = Cluster.create()
  c.apply(manifests)
  c.advance(30_000)
})

describe('kubectl exec', () => {
  it('runs a command in the first container, saying which one it defaulted to', () => {
    expect(c.kubectl('exec web -- hostname')).toEqual({ stdout: 'web\n', stderr: 'Defaulted container "web" out of: web, shell\n', exitCode: 0 })
    expect(c.kubectl('exec solo -- hostname')).toEqual({ stdout: 'solo\n', stderr: '', exitCode: 0 })
  })

  it('shows the hosts file the kubelet manages and the resolv.conf of ClusterFirst', () => {
    expect(c.kubectl('exec solo -- cat /etc/hosts /etc/resolv.conf').stdout).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.2.2\tsolo\n' +
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
  })

  it('shows eth0 with the pod IP, in flannel\'s MTU', () => {
    const out = c.kubectl('exec solo -- ip addr').stdout
    expect(out).toMatch(/^2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue $/m)
    expect(out).toContain('    inet 10.244.2.2/24 brd 10.244.2.255 scope global eth0\n')
  })

  it('with shareProcessNamespace, ps shows /pause as PID 1 and the other container\'s processes', () => {
    expect(c.kubectl('exec web -c shell -- ps').stdout).toBe(
      'PID   USER     TIME  COMMAND\n' +
      '    1 65535     0:00 /pause\n' +
      '    7 root      0:00 nginx: master process nginx -g daemon off;\n' +
      '    8 101       0:00 nginx: worker process\n' +
      '    9 101       0:00 nginx: worker process\n' +
      '   10 root      0:00 sleep 3600\n' +
      '   16 root      0:00 ps\n')
    expect(c.kubectl('exec solo -- ps').stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n   12 root      0:00 ps\n')
  })

  it('reaches the other container of the pod on localhost, and the Service by its name', () => {
    expect(c.kubectl('exec web -c shell -- wget -qO- localhost').stdout).toContain('<title>Welcome to nginx!</title>')
    const viaService = c.kubectl('exec solo -- wget -O- web')
    expect(viaService.stdout).toContain('<h1>Welcome to nginx!</h1>')
    expect(viaService.stderr.split('\n')[0]).toBe('Connecting to web (10.96.100.100:80)')
    expect(c.kubectl('exec solo -- wget -qO- localhost')).toEqual({ stdout: '', stderr: "wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n", exitCode: 1 })
  })

  it('answers nslookup from the cluster DNS', () => {
    expect(c.kubectl('exec solo -- nslookup web').stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.100.100\n\n')
    expect(c.kubectl('exec solo -- nslookup nope').exitCode).toBe(1)
  })

  it('passes the command\'s exit code on, as kubectl does', () => {
    expect(c.kubectl(['exec', 'solo', '--', 'sh', '-c', 'echo out; exit 3'])).toEqual({ stdout: 'out\n', stderr: 'command terminated with exit code 3\n', exitCode: 3 })
  })

  it.each([
    ['exec web -c nope -- ls', 'Error from server (BadRequest): container nope is not valid for pod web\n'],
    ['exec ghost -- ls', 'Error from server (NotFound): pods "ghost" not found\n'],
    ['exec done -- ls', 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n'],
    ['exec solo', 'error: you must specify at least one command for the container\n'],
    ['exec', 'error: pod, type/name or --filename must be specified\n'],
  ])('%s fails with kubectl\'s words', (cmd, stderr) => {
    expect(c.kubectl(cmd)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('cannot find a program the image does not have (nginx has no ps), as containerd says', () => {
    const r = c.kubectl('exec web -c web -- ps')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown\n$/)
  })

  it('cannot exec into a container that is not running yet', () => {
    const fresh = Cluster.create()
    fresh.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: slow\nspec:\n  nodeName: node-1\n  containers:\n  - name: web\n    image: nginx:1.27\n')
    fresh.advance(2_000)
    expect(fresh.kubectl('exec slow -- ls')).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("web")\n', exitCode: 1 })
  })

  it('cannot reach the kubelet of a failed node', () => {
    const fresh = Cluster.create()
    fresh.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeName: node-1\n  containers:\n  - name: web\n    image: nginx:1.27\n')
    fresh.advance(10_000)
    fresh.sim.stop('kubelet/node-1')
    expect(fresh.kubectl('exec web -- hostname')).toEqual({ stdout: '', stderr: 'Error from server: error dialing backend: dial tcp 192.168.49.3:10250: i/o timeout\n', exitCode: 1 })
  })

  it('says there is no TTY for -it, and refuses the old form without -- (kubectl 1.32)', () => {
    expect(c.kubectl('exec -it solo -- sh').stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n')
    expect(c.kubectl('exec solo hostname')).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      exitCode: 1,
    })
  })
})

describe('kubectl exec -i with a shell', () => {
  it('runs the lines given on stdin as the shell\'s script', () => {
    const r = c.kubectl(['exec', '-i', 'solo', '--', 'sh'], { stdin: 'hostname\necho hi && cat /etc/hostname\nexit 4\necho never\n' })
    expect(r).toEqual({ stdout: 'solo\nhi\nsolo\n', stderr: 'command terminated with exit code 4\n', exitCode: 4 })
  })
})

describe('the shell of kubectl exec', () => {
  it.each([
    ['cat /etc/resolv.conf | grep nameserver', 'nameserver 10.96.0.10\n', 0],
    ['wget -qO- web | head -n 4', '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n', 0],
    ['false && echo no; echo yes', 'yes\n', 0],
    ['false || echo fallback', 'fallback\n', 0],
    ['cat /etc/hosts | wc -l', '8\n', 0],
    ['grep -v localhost /etc/hosts | tail -1', '10.244.2.2\tsolo\n', 0],
  ])('sh -c %j', (script, stdout, exitCode) => {
    expect(c.kubectl(['exec', 'solo', '--', 'sh', '-c', script])).toMatchObject({ stdout, exitCode })
  })
})
