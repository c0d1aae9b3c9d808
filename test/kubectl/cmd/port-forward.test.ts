// kubectl port-forward's checks and its first lines, through the programmatic API (no listener).
import { beforeAll, describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const manifests = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - name: front
    port: 8000
    targetPort: http
---
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
`

let c: Cluster
let pod: string
beforeAll(() => {
  c = Cluster.create()
  c.apply(manifests)
  c.advance(30_000)
  pod = c.list('pods', { namespace: 'default', labelSelector: 'app=web' })[0].metadata.name
})

describe('kubectl port-forward', () => {
  it.each([
    [`pod/POD 8080:80`, 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n'],
    [`POD 80`, 'Forwarding from 127.0.0.1:80 -> 80\nForwarding from [::1]:80 -> 80\n'],
    [`pod/POD 9090:http`, 'Forwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\n'],
    ['deploy/web 8080:80 8443:80', 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nForwarding from 127.0.0.1:8443 -> 80\nForwarding from [::1]:8443 -> 80\n'],
    ['svc/web 8000', 'Forwarding from 127.0.0.1:8000 -> 80\nForwarding from [::1]:8000 -> 80\n'],
    ['svc/web 7000:8000', 'Forwarding from 127.0.0.1:7000 -> 80\nForwarding from [::1]:7000 -> 80\n'],
  ])('port-forward %s forwards to the container port', (args, stdout) => {
    expect(c.kubectl(`port-forward ${args.replace('POD', pod)}`)).toEqual({ stdout, stderr: '', exitCode: 0 })
  })

  it.each([
    ['pod/stuck 8080:80', 'error: unable to forward port because pod is not running. Current status=Pending\n'],
    ['svc/web 8080:80', 'error: Service web does not have a service port 80\n'],
    ['pod/POD 8080:https', "error: Pod 'POD' does not have a named port 'https'\n"],
    ['pod/ghost 8080:80', 'Error from server (NotFound): pods "ghost" not found\n'],
    ['pod/POD', "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"],
    ['pod/POD 8080:99999', `error: Error parsing remote port '99999': strconv.ParseUint: parsing "99999": value out of range\n`],
  ])('port-forward %s fails as kubectl does', (args, stderr) => {
    expect(c.kubectl(`port-forward ${args.replace('POD', pod)}`)).toEqual({ stdout: '', stderr: stderr.replace('POD', pod), exitCode: 1 })
  })
})
