// The scenarios of the differential check (differential.test.ts): each builds one cluster on virtual
// time (seed 7 unless said, default start 2026-01-01T00:00:00Z), then lists the read-only commands
// to compare on it, and writes to compare on twins of it.
import type { Cluster, ClusterCreateOptions } from '../../src/index.js'

export interface Write {
  command: string
  stdin?: string
  /** The object written, compared on both twins afterwards: [type, name, namespace]. */
  object: [string, string, string?]
}

export interface Scenario {
  name: string
  seed?: number
  /** How the cluster is made besides the seed (add-ons). */
  options?: ClusterCreateOptions
  setup(c: Cluster): void
  reads: readonly string[]
  writes?: readonly Write[]
}

const pod = (name: string, spec: string, labels = ''): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${labels ? `  labels: {${labels}}\n` : ''}spec:\n${spec}---\n`

const busybox = (command: string, extra = ''): string => `${extra}  containers:\n  - name: main\n    image: busybox:1.36\n    command: [sh, -c, ${JSON.stringify(command)}]\n`

const POD_STATES = [
  pod('running', '  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    resources:\n      requests: {cpu: 100m, memory: 64Mi}\n      limits: {cpu: 200m, memory: 128Mi}\n', 'app: web, tier: front'),
  pod('pending', '  containers:\n  - name: big\n    image: nginx:1.27\n    resources:\n      requests: {cpu: "64"}\n', 'app: big'),
  pod('crash', busybox('echo starting; exit 1'), 'app: crash'),
  pod('pullback', '  containers:\n  - name: app\n    image: registry.example.com/nosuch/app:1.0\n'),
  pod('completed', busybox('echo hello; echo world', '  restartPolicy: Never\n')),
  pod('failed', busybox('echo oops >&2; exit 2', '  restartPolicy: Never\n')),
  pod('init', `  initContainers:\n  - name: wait\n    image: busybox:1.36\n    command: [sleep, "3600"]\n${busybox('sleep 3600').replace(/^/, '')}`),
  pod('terminating', busybox('sleep 3600')),
  pod('multi', '  containers:\n  - name: web\n    image: nginx:1.27\n  - name: sidecar\n    image: busybox:1.36\n    command: [sh, -c, "echo side; sleep 3600"]\n'),
  // Pinned to node-1 with more memory than it has left: the eviction manager evicts it (eviction.test.ts).
  pod('evicted', '  nodeName: node-1\n  containers:\n  - name: stress\n    image: polinux/stress\n    command: [stress]\n    args: [--vm, "1", --vm-bytes, 3600M, --vm-hang, "1"]\n'),
].join('')

const podNames = ['running', 'pending', 'crash', 'pullback', 'completed', 'failed', 'init', 'terminating', 'multi', 'evicted', 'creating']

const pods: Scenario = {
  name: 'pods in each state',
  setup(c) {
    c.apply(POD_STATES)
    c.advance('90s')
    c.kubectl('delete pod terminating --wait=false')
    c.apply(pod('creating', '  containers:\n  - name: db\n    image: influxdb:2.9\n'))
    c.advance('2s')
  },
  reads: [
    'get pods',
    'get pods -o wide',
    'get pods --show-labels',
    'get pods -L app -L tier',
    'get pods --sort-by=.metadata.name',
    'get pods --sort-by=.status.phase',
    'get pods -o name',
    'get pods -l app=web',
    'get pods --field-selector=status.phase=Running',
    'get pods -A',
    'get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,NODE:.spec.nodeName',
    "get pods -o jsonpath={.items[*].metadata.name}",
    'get pod running -o yaml',
    'get pod crash -o json',
    'get pod evicted -o yaml',
    'get pod nosuch',
    ...podNames.map((p) => `describe pod ${p}`),
    'describe pod nosuch',
    'get events',
    'get events --field-selector=involvedObject.name=crash',
    'logs crash',
    'logs crash -p',
    'logs completed',
    'logs failed',
    'logs multi',
    'logs multi -c sidecar',
    'logs pullback',
    'logs creating',
    'logs running --tail=1',
    'logs nosuch',
    'logs multi -c nosuch',
    'events',
    'events --for pod/crash',
    'events -A --types=Warning',
    'get events -o wide',
    'get events -A --field-selector=type=Warning',
    'get pods -o wide --show-labels -L app',
    'get pods --sort-by=.status.startTime -o name',
    `get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`,
    'get pod running -o jsonpath={.status.podIP}',
    'get pods running crash pending',
    'get pods running nosuch',
    'get nosuchkind',
    'get po,svc',
    'get pod -o name running',
    'events -o name',
    'events -o wide',
    'get pods --no-headers',
    'get pods -o wide --no-headers',
    'describe pods',
    'get pods -o yaml',
    'get pods,svc -o name',
    'get pods -o jsonpath={.items[0].status.containerStatuses[0].state}',
    'get pods --selector=app!=web',
    'get pods -l "app in (web,crash)"',
    'get events --field-selector reason=BackOff',
    'logs -l app=crash',
    'logs -l app=nothing',
    'logs crash -l app=crash',
    'logs -l app=web --tail=1',
    'get pods -A --sort-by=.metadata.namespace -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name',
    'get pod running -o wide -L app --show-labels --no-headers',
    'describe pod -l app=web',
    'get pods --show-kind',
    'get pod/running pod/crash',
    'get pods -o jsonpath={.items[*].spec.containers[*].image}',
    'describe node node-1',
  ],
  writes: [
    { command: 'label pod running env=prod', object: ['pod', 'running'] },
    { command: 'label pod running app-', object: ['pod', 'running'] },
    { command: 'annotate pod running note=hello', object: ['pod', 'running'] },
    { command: `patch pod running -p '{"metadata":{"labels":{"patched":"yes"}}}'`, object: ['pod', 'running'] },
    { command: `patch pod running --type=merge -p '{"metadata":{"labels":{"merged":"yes"}}}'`, object: ['pod', 'running'] },
    { command: `patch pod running --type=json -p '[{"op":"add","path":"/metadata/labels/json","value":"yes"}]'`, object: ['pod', 'running'] },
    { command: 'patch pod running -p {metadata:{labels:{yaml:flow}}}', object: ['pod', 'running'] },
    { command: `patch pod running --type=merge -p '{"metadata":'`, object: ['pod', 'running'] },
    { command: 'delete pod completed', object: ['pod', 'completed'] },
    { command: 'delete pod nosuch', object: ['pod', 'nosuch'] },
    { command: 'label pods -l app=web checked=yes', object: ['pod', 'running'] },
    { command: 'label pod running tier=back', object: ['pod', 'running'] },
    { command: 'label pod running tier=back --overwrite', object: ['pod', 'running'] },
    { command: 'annotate pod running a=1 b=2', object: ['pod', 'running'] },
    { command: 'delete pod failed --grace-period=0 --force', object: ['pod', 'failed'] },
    { command: 'delete pod running --wait=false', object: ['pod', 'running'] },
    { command: 'apply -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n', object: ['configmap', 'settings'] },
    { command: 'apply -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  bogus: 1\n', object: ['configmap', 'settings'] },
    { command: 'apply -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\nnosuchfield: 1\n', object: ['configmap', 'settings'] },
    { command: 'create -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n', object: ['pod', 'bad'] },
    { command: 'create -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: running\nspec:\n  containers:\n  - name: c\n    image: nginx\n', object: ['pod', 'running'] },
    { command: 'create -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fresh\nspec:\n  containers:\n  - name: c\n    image: nginx\n', object: ['pod', 'fresh'] },
    { command: 'apply -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: running\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.28\n', object: ['pod', 'running'] },
    { command: 'delete -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: completed\n', object: ['pod', 'completed'] },
    // replace: a whole pod without its server-set fields (an update may not drop them), then --force.
    { command: 'replace -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: running\n  labels: {app: web, tier: front}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    resources:\n      requests: {cpu: 100m, memory: 64Mi}\n      limits: {cpu: 200m, memory: 128Mi}\n', object: ['pod', 'running'] },
    { command: 'replace -f - --dry-run=client', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: running\n  labels: {app: web, tier: front}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    resources:\n      requests: {cpu: 100m, memory: 64Mi}\n      limits: {cpu: 200m, memory: 128Mi}\n', object: ['pod', 'running'] },
    // (replace --force of a pod there: real kubectl polls for its deletion in wall-clock seconds, which the bridge does not let pass.)
    { command: 'replace -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nosuch\nspec:\n  containers:\n  - name: c\n    image: nginx\n', object: ['pod', 'nosuch'] },
    { command: 'replace --force --grace-period=0 -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: newcomer\nspec:\n  containers:\n  - name: c\n    image: nginx\n', object: ['pod', 'newcomer'] },
    { command: 'replace', object: ['pod', 'running'] },
    { command: 'replace running', object: ['pod', 'running'] },
    { command: 'replace running -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n', object: ['pod', 'running'] },
  ],
}

const deploymentYaml = (name: string, image: string, replicas = 3): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels: {app: ${name}}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: nginx\n        image: ${image}\n        ports:\n        - containerPort: 80\n`

const workloads: Scenario = {
  name: 'deployments, replica sets and daemon sets',
  setup(c) {
    c.apply(deploymentYaml('web', 'nginx:1.27') + '---\n' + deploymentYaml('undone', 'nginx:1.27', 2))
    c.advance('30s')
    c.kubectl('set image deployment/undone nginx=nginx:1.28')
    c.advance('30s')
    c.kubectl('rollout undo deployment/undone')
    c.advance('30s')
    // web mid-rollout: the new replica set's first pods still starting.
    c.kubectl('set image deployment/web nginx=nginx:1.28')
    c.advance('2s')
  },
  reads: [
    'get deployments',
    'get deployments -o wide',
    'get deploy web -o yaml',
    'get replicasets',
    'get rs -o wide',
    'get rs --show-labels',
    'get pods -o wide',
    'describe deployment web',
    'describe deployment undone',
    'describe replicasets',
    'rollout history deployment/web',
    'rollout history deployment/undone',
    'rollout history deployment/undone --revision=3',
    'rollout status deployment/undone',
    'rollout status deployment/web --watch=false',
    'rollout history deployment/web --revision=2',
    'rollout history deployment/web --revision=9',
    'get deploy web -o jsonpath={.status.conditions[*].reason}',
    'get rs -o name',
    'get deploy,rs',
    'describe rs',
    'get daemonsets -A',
    'get ds -n kube-system -o wide',
    'describe daemonset kube-proxy -n kube-system',
    'rollout history daemonset/kube-proxy -n kube-system',
    'get controllerrevisions -n kube-system',
    'get all',
    'get deploy nosuch',
    'logs deployment/web',
    'logs deploy/undone --tail=2',
    'logs -l app=undone --tail=1',
    'get deploy -o custom-columns=NAME:.metadata.name,READY:.status.readyReplicas,IMAGE:.spec.template.spec.containers[0].image',
    'get rs -o yaml',
    'describe deployments',
    'rollout history deploy',
    'get pods -l app=web -o wide --sort-by=.metadata.creationTimestamp',
  ],
  writes: [
    { command: 'scale deployment undone --replicas=5', object: ['deployment', 'undone'] },
    { command: 'rollout undo deployment/web', object: ['deployment', 'web'] },
    { command: 'rollout pause deployment/undone', object: ['deployment', 'undone'] },
    { command: 'rollout restart deployment/undone', object: ['deployment', 'undone'] },
    { command: 'rollout undo deployment/undone --to-revision=1', object: ['deployment', 'undone'] },
    { command: 'rollout undo deployment/undone --to-revision=9', object: ['deployment', 'undone'] },
    { command: 'scale deployment nosuch --replicas=1', object: ['deployment', 'nosuch'] },
    { command: 'scale rs --all --replicas=1', object: ['deployment', 'web'] },
    { command: 'scale deployment web --replicas=1 --current-replicas=3', object: ['deployment', 'web'] },
    { command: 'scale deployment web --replicas=1 --current-replicas=2', object: ['deployment', 'web'] },
    { command: 'set image deployment/undone nginx=nginx:1.29', object: ['deployment', 'undone'] },
    { command: 'set image deployment/undone nosuch=nginx:1.29', object: ['deployment', 'undone'] },
    { command: 'delete deployment undone', object: ['deployment', 'undone'] },
    // Client-side apply over what c.apply made: unchanged, then a new image and replica count.
    { command: 'apply -f -', stdin: deploymentYaml('web', 'nginx:1.27'), object: ['deployment', 'web'] },
    { command: 'apply -f -', stdin: deploymentYaml('web', 'nginx:1.29', 4), object: ['deployment', 'web'] },
    { command: 'apply -f - -o yaml --dry-run=server', stdin: deploymentYaml('web', 'nginx:1.29', 4), object: ['deployment', 'web'] },
    { command: 'create -f -', stdin: deploymentYaml('web', 'nginx:1.27'), object: ['deployment', 'web'] },
  ],
}

const nodes: Scenario = {
  name: 'nodes: cordoned, tainted, NotReady, with allocated resources',
  setup(c) {
    c.apply(pod('sized', '  nodeName: node-1\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    resources:\n      requests: {cpu: 250m, memory: 256Mi}\n      limits: {cpu: 500m, memory: 512Mi}\n'))
    c.kubectl('cordon node-1')
    c.kubectl(['patch', 'node', 'node-2', '-p', '{"spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoSchedule"}]}}'])
    c.advance('10s')
    c.sim.stop('kubelet/node-2')
    c.advance('70s')
  },
  reads: [
    'get nodes',
    'get nodes -o wide',
    'get nodes --show-labels',
    'get nodes -L kubernetes.io/hostname',
    'get node node-2 -o yaml',
    'get nodes -o name',
    'describe node control-plane',
    'describe node node-1',
    'describe node node-2',
    'get leases -A',
    'get lease node-1 -n kube-node-lease -o yaml',
    'describe lease node-1 -n kube-node-lease',
    'get events -A --field-selector=involvedObject.kind=Node',
    'get node nosuch',
    'get nodes -o jsonpath={.items[*].spec.taints}',
    'get nodes --sort-by=.metadata.name -o wide',
    'get pods -A -o wide --field-selector=spec.nodeName=node-2',
    'describe nodes',
  ],
  writes: [
    { command: 'cordon node-2', object: ['node', 'node-2'] },
    { command: 'uncordon node-1', object: ['node', 'node-1'] },
    { command: 'label node node-1 disk=ssd', object: ['node', 'node-1'] },
    { command: 'cordon node-1', object: ['node', 'node-1'] },
    { command: 'uncordon nosuch', object: ['node', 'nosuch'] },
    { command: 'taint nodes node-1 gpu=yes:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint node node-1 a:NoExecute b=c:PreferNoSchedule', object: ['node', 'node-1'] },
    { command: 'taint nodes node-2 dedicated=web:NoSchedule', object: ['node', 'node-2'] },
    { command: 'taint nodes node-2 dedicated=web:NoSchedule --overwrite', object: ['node', 'node-2'] },
    { command: 'taint nodes node-2 dedicated:NoSchedule-', object: ['node', 'node-2'] },
    { command: 'taint nodes node-2 dedicated-', object: ['node', 'node-2'] },
    { command: 'taint nodes node-2 nosuch:NoExecute-', object: ['node', 'node-2'] },
    { command: 'taint nodes node-2 dedicated=x:NoExecute dedicated:NoSchedule-', object: ['node', 'node-2'] },
    { command: 'taint nodes node-2 x=y:NoSchedule x-', object: ['node', 'node-2'] },
    { command: 'taint nodes -l kubernetes.io/hostname=node-1 zone=a:PreferNoSchedule', object: ['node', 'node-1'] },
    { command: 'taint nodes --all spot=true:PreferNoSchedule --dry-run=client', object: ['node', 'node-1'] },
    { command: 'taint nodes node-1 gpu=yes:NoSchedule -o yaml --dry-run=server', object: ['node', 'node-1'] },
    { command: 'taint nodes nosuch a:NoSchedule', object: ['node', 'nosuch'] },
    { command: 'taint pods sized a:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint nodes node-1', object: ['node', 'node-1'] },
    { command: 'taint nodes --all -l a=b k:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint no node-1 k:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint node/node-1 k:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint Nodes node-1 k:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint nosuchtype node-1 k:NoSchedule', object: ['node', 'node-1'] },
    { command: 'taint nodes node-1 k:NoSchedule --dry-run=server', object: ['node', 'node-1'] },
    { command: 'taint nodes node-1 k:NoSchedule -o name', object: ['node', 'node-1'] },
    { command: 'taint nodes node-1 nosuch- other:NoSchedule-', object: ['node', 'node-1'] },
  ],
}

const SERVICES = `apiVersion: v1
kind: Service
metadata: {name: web, labels: {app: web}}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 8080, targetPort: 80, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: web-headless}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: external}
spec:
  type: ExternalName
  externalName: example.com
---
apiVersion: v1
kind: Service
metadata: {name: orphan}
spec:
  selector: {app: nothing}
  ports: [{port: 9000, protocol: UDP}]
`

const services: Scenario = {
  name: 'services of each type, endpoints, endpoint slices, namespaces',
  setup(c) {
    c.apply(deploymentYaml('web', 'nginx:1.27', 2))
    c.apply(SERVICES)
    c.apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels: {team: a}\n')
    c.advance('30s')
  },
  reads: [
    'get services',
    'get svc -o wide',
    'get svc -A',
    'get svc web -o yaml',
    'describe service web',
    'describe service web-np',
    'describe service web-lb',
    'describe service web-headless',
    'describe service external',
    'describe service orphan',
    'get endpoints',
    'get ep web -o yaml',
    'describe endpoints web',
    'get endpointslices',
    'get endpointslices -o wide',
    'describe endpointslices',
    'get namespaces',
    'get ns --show-labels',
    'describe namespace default',
    'describe namespace team-a',
    'get ns team-a -o json',
    'get configmaps -A',
    'get serviceaccounts',
    'get events --sort-by=.metadata.creationTimestamp',
    'get events --sort-by=.lastTimestamp',
    'get ep -o wide',
    'get endpointslices -o yaml',
    'get svc --sort-by=.spec.type',
    'get svc -o custom-columns=NAME:.metadata.name,TYPE:.spec.type,IP:.spec.clusterIP,PORTS:.spec.ports[*].port',
    'describe svc',
    'get ns default -o yaml',
    'describe ns nosuch',
  ],
  writes: [
    // --wait=false: real kubectl would wait for the namespace controller, which needs virtual time to pass.
    { command: 'delete namespace team-a --wait=false', object: ['namespace', 'team-a'] },
    { command: 'delete namespace default', object: ['namespace', 'default'] },
    { command: 'delete svc web-np', object: ['service', 'web-np'] },
    { command: `patch svc web --type=merge -p '{"spec":{"type":"NodePort"}}'`, object: ['service', 'web'] },
    { command: `patch svc web-np --type=json -p '[{"op":"replace","path":"/spec/ports/0/nodePort","value":99999}]'`, object: ['service', 'web-np'] },
    { command: 'label ns team-a team=b --overwrite', object: ['namespace', 'team-a'] },
  ],
}

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
      - path: /api
        pathType: Exact
        backend: {service: {name: missing, port: {name: http}}}
`

const system: Scenario = {
  name: 'the system: kube-system, add-ons, config, ingress, discovery',
  options: { addons: ['ingress'] },
  setup(c) {
    c.apply(deploymentYaml('web', 'nginx:1.27', 1))
    c.apply('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n')
    c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, labels: {app: web}}\ndata:\n  config.yaml: |\n    a: 1\n    b: 2\nbinaryData:\n  blob: aGVsbG8=\n')
    c.apply('apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\ntype: Opaque\ndata:\n  password: c2VjcmV0\n')
    c.apply(INGRESS)
    c.advance('40s')
  },
  reads: [
    'get pods -n kube-system -o wide',
    'describe pod etcd-control-plane -n kube-system',
    'describe pod kube-apiserver-control-plane -n kube-system',
    'describe pods -n kube-system -l k8s-app=kube-dns',
    'describe pods -n kube-system -l k8s-app=kube-proxy',
    'describe deployment coredns -n kube-system',
    'describe daemonset -n kube-flannel',
    'describe rs -n kube-system',
    'get all -A',
    'get all -n kube-system -o wide',
    'get cm -A',
    // One key each: describeConfigMap ranges over Go maps, whose order real kubectl draws at random.
    'describe configmap settings',
    'describe configmap kube-root-ca.crt',
    'get cm settings -o yaml',
    // One key: describeSecret ranges over a Go map, whose order real kubectl draws at random.
    'describe secret creds',
    'get secrets',
    'get secret creds -o jsonpath={.data.password}',
    'describe serviceaccount default',
    'get sa -A',
    'get ingress',
    'get ingress -o wide',
    'describe ingress web',
    'get ingressclass',
    'describe ingressclass nginx',
    'get componentstatuses',
    'get cs etcd-0 -o yaml',
    'api-resources',
    'api-resources --namespaced=false -o wide',
    'api-resources -o name',
    'api-versions',
    'api-versions extra',
    'get --raw /healthz',
    'get --raw /readyz/ping',
    'get pods -A -w --request-timeout=1s',
    'wait --for=condition=Ready pod -l app=web --timeout=1s',
    'get leases -n kube-system',
    'describe lease kube-scheduler -n kube-system',
    'get endpoints -A',
    'events -A',
    'events -o yaml --for service/web',
    'get events -A -o custom-columns=KIND:.involvedObject.kind,REASON:.reason --sort-by=.reason',
  ],
}

const RICH = `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {LOG_LEVEL: debug}
---
apiVersion: v1
kind: Secret
metadata: {name: app-secret}
stringData: {token: abc}
---
apiVersion: v1
kind: Pod
metadata:
  name: rich
  labels: {app: rich, tier: back}
  annotations: {team: core, note: "a long note"}
spec:
  nodeSelector: {kubernetes.io/os: linux}
  tolerations:
  - {key: dedicated, operator: Equal, value: db, effect: NoSchedule}
  - {key: example.com/flaky, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
  initContainers:
  - name: setup
    image: busybox:1.36
    command: [sh, -c, "echo setting up"]
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {containerPort: 80, name: http}
    - {containerPort: 9090, protocol: UDP}
    env:
    - {name: MODE, value: fast}
    - name: LOG_LEVEL
      valueFrom: {configMapKeyRef: {name: app-config, key: LOG_LEVEL}}
    - name: TOKEN
      valueFrom: {secretKeyRef: {name: app-secret, key: token}}
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    envFrom:
    - configMapRef: {name: app-config}
    resources:
      requests: {cpu: 50m, memory: 32Mi}
      limits: {memory: 64Mi}
    readinessProbe:
      httpGet: {path: /, port: 80}
      initialDelaySeconds: 2
      periodSeconds: 5
    livenessProbe:
      tcpSocket: {port: 80}
    volumeMounts:
    - {name: config, mountPath: /etc/app, readOnly: true}
    - {name: scratch, mountPath: /tmp}
  - name: sidecar
    image: busybox:1.36
    command: [sh, -c, "echo side; sleep 5; exit 3"]
  volumes:
  - name: config
    configMap: {name: app-config}
  - name: scratch
    emptyDir: {}
  - name: creds
    secret: {secretName: app-secret}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: recreate}
spec:
  replicas: 2
  strategy: {type: Recreate}
  selector:
    matchLabels: {app: recreate}
    matchExpressions:
    - {key: tier, operator: In, values: [back, front]}
  template:
    metadata: {labels: {app: recreate, tier: back}}
    spec:
      containers:
      - name: app
        image: httpd:2.4
---
apiVersion: v1
kind: Service
metadata: {name: local}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  sessionAffinity: ClientIP
  externalIPs: [203.0.113.10]
  selector: {app: recreate}
  ports:
  - {name: http, port: 80, targetPort: 80}
  - {name: metrics, port: 9100, targetPort: 9100, protocol: TCP}
`

const rich: Scenario = {
  name: 'a pod with everything, Recreate deployments, service options, errors',
  setup(c) {
    c.apply(RICH)
    c.advance('45s')
    c.kubectl('rollout pause deployment/recreate')
  },
  reads: [
    'describe pod rich',
    'get pod rich -o wide',
    'get pod rich -o yaml',
    'describe deployment recreate',
    'get deploy recreate -o wide',
    'describe rs -l app=recreate',
    'describe service local',
    'get svc local -o wide',
    'describe secret app-secret',
    'get pods --field-selector=spec.nodeName=node-1,status.phase=Running',
    'get pods --field-selector=nosuch=1',
    'get pods -l "app in (rich"',
    'get pods -o jsonpath={.nosuch}',
    'get pods -o jsonpath={.items[0].metadata.nosuch}',
    'get pods -o custom-columns=NAME:.metadata.name,X:.nosuch',
    'get pods --sort-by=.nosuch',
    'get pods,svc --sort-by=.nosuch',
    'get pods,svc --sort-by=.metadata.name',
    'get pods,svc --sort-by=.kind',
    'get pod rich pod/rich --sort-by=.metadata.name',
    'get pods -o name --sort-by=.nosuch',
    'describe pods -l "app in (rich"',
    'get deploy -l "x in (y"',
    'get nodes --field-selector=nosuch=1',
    'get pods -o nosuch',
    'describe nosuchkind x',
    'get events --field-selector=involvedObject.name=rich --sort-by=.lastTimestamp',
  ],
  writes: [
    { command: 'create -f -', stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: y}}\n    spec: {containers: [{name: c, image: nginx}]}\n', object: ['deployment', 'bad'] },
    { command: 'create -f -', stdin: 'apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 80}]\n', object: ['service', 'np'] },
    { command: 'create -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Name}\nspec: {containers: [{name: c, image: nginx}]}\n', object: ['pod', 'Bad_Name'] },
    { command: 'create -f -', stdin: 'apiVersion: v1\nkind: Pod\nmetadata: {name: ns-missing, namespace: nowhere}\nspec: {containers: [{name: c, image: nginx}]}\n', object: ['pod', 'ns-missing', 'nowhere'] },
    { command: 'label pod rich app=bad/value', object: ['pod', 'rich'] },
    { command: `patch pod rich -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}'`, object: ['pod', 'rich'] },
    { command: `patch pod rich -p '{"spec":{"nodeName":"node-9"}}'`, object: ['pod', 'rich'] },
    { command: 'scale deployment recreate --replicas=-1', object: ['deployment', 'recreate'] },
    { command: 'scale --replicas=3 pod/rich', object: ['pod', 'rich'] },
    { command: 'rollout resume deployment/recreate', object: ['deployment', 'recreate'] },
    { command: 'rollout undo deployment/recreate', object: ['deployment', 'recreate'] },
    { command: 'delete pods -l app=rich --wait=false', object: ['pod', 'rich'] },
    { command: 'delete pod rich --grace-period=5 --wait=false', object: ['pod', 'rich'] },
    { command: 'annotate pod rich team-', object: ['pod', 'rich'] },
    { command: 'annotate pod rich team=other', object: ['pod', 'rich'] },
    { command: 'delete pods -l "app in (x"', object: ['pod', 'rich'] },
    // Left out: create configmap|namespace|deployment, drain (its evictions): kubectl's typed clients
    // send protobuf, which the bridge cannot read; set env|resources: not in the playground yet.
    { command: 'run tmp --image=busybox:1.36 --restart=Never -- sleep 10', object: ['pod', 'tmp'] },
    { command: 'run rich --image=nginx', object: ['pod', 'rich'] },
    { command: 'expose deployment recreate --port=8080 --name=exposed', object: ['service', 'exposed'] },
    { command: 'set image pod/rich web=nginx:1.29', object: ['pod', 'rich'] },
    { command: 'wait --for=condition=Ready pod/rich --timeout=1s', object: ['pod', 'rich'] },
    { command: 'wait --for=jsonpath={.status.phase}=Running pod/rich --timeout=1s', object: ['pod', 'rich'] },
    { command: 'label pods -l "app in (x" y=z', object: ['pod', 'rich'] },
  ],
}

export const SCENARIOS: readonly Scenario[] = [pods, workloads, nodes, services, system, rich]
