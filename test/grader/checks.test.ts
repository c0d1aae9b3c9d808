// Every check kind, passing and failing, with its exact message, on small exercises graded as
// `kubelings verify` grades them (fresh cluster, seed 1, the learner's files applied, virtual time).
import { describe, expect, test } from 'vitest'
import { DEPLOYMENT, grade, messages, POD, SERVICE } from './helpers.js'

const completes = (policy: string): string =>
  POD('hello', `  restartPolicy: ${policy}\n  containers:\n    - name: hello\n      image: busybox\n      command: ["sh", "-c", "echo hello"]\n`)
const NGINX = `        - name: web\n          image: nginx:1.27\n          ports: [{containerPort: 80}]\n`
const WEB = { 'web.yaml': `${DEPLOYMENT('web', 2, NGINX)}---\n${SERVICE('web')}` }
const PODS = 'web-84dccbd445-f9h7v, web-84dccbd445-kt2vx'

describe('podStatus', () => {
  test('passes with the STATUS, READY and RESTARTS kubectl prints', () => {
    const v = grade({ files: { 'pod.yaml': completes('Never') }, checks: [{ podStatus: { pod: 'hello', status: 'Completed', ready: '0/1', restarts: 0 } }] })
    expect(messages(v)).toEqual(['✓ pod/hello: STATUS Completed, READY 0/1, RESTARTS 0.'])
    expect(v.passed).toBe(true)
  })

  test('fails with what kubectl shows, the event that explains it, and the line of the pod spec', () => {
    const v = grade({ files: { 'pod.yaml': completes('Always') }, checks: [{ podStatus: { pod: 'hello', status: 'Completed' } }] })
    expect(v.passed).toBe(false)
    expect(v.checks[0].message).toMatch(
      /^Expected pod\/hello to show STATUS Completed, but kubectl shows STATUS CrashLoopBackOff, READY 0\/1, RESTARTS 3 \(13s ago\)\. Last event: Warning BackOff: Back-off restarting failed container hello in pod hello_default\([0-9a-f-]+\)$/,
    )
    expect(v.checks[0].where).toEqual({ file: 'exercises/01-test/pod.yaml', line: 6 })
  })

  test('in Chinese', () => {
    const v = grade({ lang: 'zh', files: { 'pod.yaml': completes('Never') }, checks: [{ podStatus: { pod: 'hello', status: 'Running' } }] })
    expect(v.checks[0].message).toBe('期望 pod/hello 显示 STATUS Running，但 kubectl 显示的是 STATUS Completed, READY 0/1, RESTARTS 0。')
  })

  test('a selector checks every pod it matches; none matching fails', () => {
    const v = grade({ files: WEB, checks: [{ podStatus: { selector: 'app=web', status: 'Running', ready: '1/1' } }, { podStatus: { selector: 'app=db', status: 'Running' } }] })
    expect(messages(v)).toEqual([
      '✓ pod/web-84dccbd445-f9h7v: STATUS Running, READY 1/1, RESTARTS 0. pod/web-84dccbd445-kt2vx: STATUS Running, READY 1/1, RESTARTS 0.',
      '✗ Expected pods matching app=db, but no pod in namespace default matches.',
    ])
  })

  test('a pod that does not exist', () => {
    const v = grade({ lang: 'zh', files: { 'pod.yaml': completes('Never') }, checks: [{ podStatus: { pod: 'nope', status: 'Running' } }] })
    expect(messages(v)).toEqual(['✗ 期望存在 pod/nope，但名字空间 default 中没有这个 Pod。'])
  })
})

describe('flow', () => {
  test('the STATUS values a pod went through, as a subsequence', () => {
    const v = grade({
      files: { 'pod.yaml': completes('Never') },
      checks: [{ flow: { pod: 'hello', statuses: ['Pending', 'Completed'] } }, { flow: { pod: 'hello', statuses: ['Pending', 'ContainerCreating', 'Completed'], exact: true } }],
    })
    expect(messages(v)).toEqual(['✓ pod/hello went through Pending → ContainerCreating → Completed.', '✓ pod/hello went through Pending → ContainerCreating → Completed.'])
  })

  test('fails showing the sequence the pod actually went through', () => {
    const v = grade({ files: { 'pod.yaml': completes('Always') }, runFor: 30_000, checks: [{ flow: { pod: 'hello', statuses: ['Running', 'Completed'] } }, { flow: { pod: 'hello', statuses: ['Pending', 'ContainerCreating'], exact: true } }] })
    expect(messages(v)).toEqual([
      expect.stringMatching(/^✗ Expected pod\/hello to go through Running → Completed \(in this order\), but it went through Pending → ContainerCreating → Completed → CrashLoopBackOff → Completed\. Last event: Warning BackOff: /),
      expect.stringMatching(/^✗ Expected pod\/hello to go through exactly Pending → ContainerCreating, but it went through Pending → ContainerCreating → Completed → CrashLoopBackOff → Completed\./),
    ])
  })

  test('phases', () => {
    const v = grade({ lang: 'zh', files: { 'pod.yaml': completes('Never') }, checks: [{ flow: { pod: 'hello', phases: ['Pending', 'Succeeded'], exact: true } }, { flow: { pod: 'hello', phases: ['Running'] } }] })
    expect(messages(v)).toEqual(['✓ pod/hello 依次经历了 Pending → Succeeded。', '✗ 期望 pod/hello 依次经历 Running，但它实际经历的是 Pending → Succeeded。'])
  })
})

describe('object', () => {
  test('equals, matches and exists, with the line of the field in the learner\'s file', () => {
    const v = grade({
      files: WEB,
      checks: [
        { object: { kind: 'Deployment', name: 'web', path: '.spec.replicas', equals: 2 } },
        { object: { kind: 'deploy', name: 'web', path: '.spec.replicas', equals: 3 } },
        { object: { kind: 'Deployment', name: 'web', path: '{.spec.template.spec.containers[0].image}', matches: '^nginx:1\\.2[0-9]$' } },
        { object: { kind: 'Deployment', name: 'web', path: 'spec.template.spec.containers[0].image', matches: '^httpd' } },
        { object: { kind: 'Deployment', name: 'web', path: '.spec.paused', exists: false } },
        { object: { kind: 'Deployment', name: 'web', path: '.spec.paused', exists: true } },
        { object: { kind: 'Service', name: 'db', path: '.spec.type', equals: 'ClusterIP' } },
      ],
    })
    expect(messages(v)).toEqual([
      '✓ deployment.apps/web .spec.replicas is 2.',
      '✗ Expected deployment.apps/web .spec.replicas to be 3, but it is 2.',
      '✓ deployment.apps/web {.spec.template.spec.containers[0].image} is nginx:1.27.',
      '✗ Expected deployment.apps/web spec.template.spec.containers[0].image to match /^httpd/, but it is nginx:1.27.',
      '✓ deployment.apps/web has no .spec.paused, as expected.',
      '✗ Expected deployment.apps/web to have .spec.paused, but it is not set.',
      '✗ Expected service/db, but it does not exist.',
    ])
    expect(v.checks.map((c) => c.where?.line)).toEqual([undefined, 6, undefined, 15, undefined, 5, undefined])
  })

  test('in Chinese', () => {
    const v = grade({ lang: 'zh', files: WEB, checks: [{ object: { kind: 'Deployment', name: 'web', path: '.spec.replicas', equals: 3 } }] })
    expect(messages(v)).toEqual(['✗ 期望 deployment.apps/web 的 .spec.replicas 为 3，但实际为 2。'])
  })
})

describe('condition', () => {
  test('type, status and reason, with the condition\'s message when it differs', () => {
    const v = grade({
      files: { 'pod.yaml': completes('Never') },
      checks: [
        { condition: { pod: 'hello', type: 'Ready', status: 'False', reason: 'PodCompleted' } },
        { condition: { pod: 'hello', type: 'Ready', status: 'True' } },
        { condition: { kind: 'Node', name: 'node-1', type: 'Ready', status: 'True' } },
      ],
    })
    expect(messages(v)).toEqual([
      '✓ pod/hello: Ready=False (PodCompleted).',
      '✗ Expected pod/hello condition Ready=True, but it is Ready=False (PodCompleted).',
      '✓ node/node-1: Ready=True (KubeletReady).',
    ])
    expect(v.checks[1].where).toEqual({ file: 'exercises/01-test/pod.yaml', line: 6 })
  })

  test('in Chinese', () => {
    const v = grade({ lang: 'zh', files: { 'pod.yaml': completes('Always') }, runFor: 30_000, checks: [{ condition: { pod: 'hello', type: 'Ready', status: 'True' } }] })
    expect(messages(v)).toEqual(['✗ 期望 pod/hello 的状况为 Ready=True，但实际为 Ready=False (ContainersNotReady)。消息：containers with unready status: [hello]'])
  })
})

describe('count', () => {
  test('pods by selector and STATUS, equals/min/max', () => {
    const v = grade({
      files: WEB,
      checks: [
        { count: { selector: 'app=web', status: 'Running', equals: 2 } },
        { count: { selector: 'app=web', min: 3 } },
        { count: { kind: 'Deployment', max: 1 } },
        { count: { selector: 'app=web', phase: 'Pending', equals: 0 } },
        { count: { kind: 'Node', selector: 'kubernetes.io/os=linux', equals: 3 } },
      ],
    })
    expect(messages(v)).toEqual([
      `✓ Found 2 Pod objects (STATUS Running) matching app=web in namespace default (${PODS}).`,
      `✗ Expected at least 3 Pod objects matching app=web in namespace default, but found 2 (${PODS}).`,
      '✓ Found 1 Deployment objects in namespace default (web).',
      '✓ Found 0 Pod objects (phase Pending) matching app=web in namespace default.',
      '✓ Found 3 Node objects matching kubernetes.io/os=linux (control-plane, node-1, node-2).',
    ])
  })

  test('in Chinese', () => {
    const v = grade({ lang: 'zh', files: WEB, checks: [{ count: { selector: 'app=web', status: 'Running', min: 3 } }] })
    expect(messages(v)).toEqual([`✗ 期望有 至少 3 个名字空间 default 中匹配 app=web 的 Pod 对象（STATUS Running），但找到 2 个（${PODS}）。`])
    const nodes = grade({ lang: 'zh', files: WEB, checks: [{ count: { kind: 'Node', selector: 'kubernetes.io/os=linux', max: 2 } }, { count: { kind: 'Deployment', equals: 1 } }] })
    expect(messages(nodes)).toEqual(['✗ 期望有 至多 2 个匹配 kubernetes.io/os=linux 的 Node 对象，但找到 3 个（control-plane, node-1, node-2）。', '✓ 找到 1 个名字空间 default 中 Deployment 对象（web）。'])
  })
})

describe('endpoints', () => {
  test('ready and not-ready addresses of the Service\'s EndpointSlices', () => {
    const v = grade({ files: WEB, checks: [{ endpoints: { service: 'web', ready: 2, notReady: 0 } }, { endpoints: { service: 'web', ready: 3 } }, { endpoints: { service: 'db', ready: 1 } }] })
    const list = 'Ready: 10.244.2.2 (web-84dccbd445-f9h7v), 10.244.1.2 (web-84dccbd445-kt2vx).'
    expect(messages(v)).toEqual([
      `✓ service/web has 2 ready and 0 not-ready endpoint(s). ${list}`,
      `✗ Expected service/web to have 3 ready endpoint(s), but it has 2 ready and 0 not ready. ${list}`,
      '✗ Expected service/db, but it does not exist.',
    ])
    expect(v.checks[1].where).toEqual({ file: 'exercises/01-test/web.yaml', line: 23 })
  })

  test('a pod that is not ready is a not-ready endpoint', () => {
    const probe = `${NGINX}          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n`
    const v = grade({ lang: 'zh', files: { 'web.yaml': `${DEPLOYMENT('web', 1, probe)}---\n${SERVICE('web')}` }, checks: [{ endpoints: { service: 'web', ready: 1 } }] })
    expect(v.checks[0].passed).toBe(false)
    expect(v.checks[0].message).toBe('期望 service/web 的端点为 1 个就绪，但实际有 0 个就绪、1 个未就绪。')
  })
})

describe('schedule', () => {
  const picky = { 'pod.yaml': POD('big', '  nodeSelector: {disk: ssd}\n  containers:\n    - name: c\n      image: nginx\n') }
  const refusal =
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."

  test('the FailedScheduling reason of an unschedulable pod', () => {
    const v = grade({
      files: picky,
      checks: [
        { schedule: { pod: 'big', unschedulable: true, reason: "didn't match Pod's node affinity/selector" } },
        { schedule: { pod: 'big', unschedulable: true, reason: 'Insufficient cpu' } },
        { schedule: { pod: 'big', node: 'node-2' } },
      ],
    })
    expect(messages(v)).toEqual([
      `✓ The scheduler could not place pod/big: ${refusal}`,
      `✗ Expected the scheduler to say "Insufficient cpu", but it said: ${refusal}`,
      `✗ Expected pod/big to be scheduled, but it is not: ${refusal}`,
    ])
    expect(v.checks[2].where).toEqual({ file: 'exercises/01-test/pod.yaml', line: 6 })
  })

  test('placement: node and notNode', () => {
    const v = grade({ lang: 'zh', files: { 'pod.yaml': completes('Never') }, checks: [{ schedule: { pod: 'hello', node: 'node-2' } }, { schedule: { pod: 'hello', notNode: 'node-2' } }, { schedule: { pod: 'hello', unschedulable: true } }] })
    expect(messages(v)).toEqual(['✓ 调度器把 pod/hello 放到了 node-2 上。', '✗ 期望 pod/hello 不在 node-2 上，但调度器正好把它放在了那里。', '✗ 期望调度器找不到可用节点来放置 pod/hello，但它把 Pod 放到了 node-2 上。'])
  })

  test('a stopped scheduler never tries', () => {
    const v = grade({ files: { 'pod.yaml': completes('Never') }, cluster: { stopped: ['scheduler'] }, checks: [{ schedule: { pod: 'hello', unschedulable: true } }, { schedule: { pod: 'hello' } }] })
    expect(messages(v)).toEqual([
      '✗ Expected the scheduler to refuse pod/hello, but it has not tried to place it (is kube-scheduler running?).',
      '✗ Expected pod/hello to be scheduled, but it is not: no FailedScheduling event (is kube-scheduler running?)',
    ])
  })
})

describe('trace', () => {
  test('the component trace contains the steps in order', () => {
    const v = grade({
      files: WEB,
      checks: [
        {
          trace: {
            for: 'deploy/web',
            steps: [
              { component: 'kubectl', verb: 'create', resource: 'deployments' },
              { component: 'kube-controller-manager', verb: 'create', resource: 'replicasets' },
              { component: 'kube-controller-manager', verb: 'create', resource: 'pods' },
              { component: 'scheduler', verb: 'create', resource: 'pods', subresource: 'binding' },
              { component: 'kubelet', verb: 'patch', resource: 'pods', subresource: 'status' },
            ],
          },
        },
        { trace: { for: 'deploy/web', steps: [{ component: 'kube-controller-manager', verb: 'create', resource: 'replicasets' }, { component: 'kube-scheduler', verb: 'delete', resource: 'pods' }] } },
        { trace: { steps: [{ component: 'kube-proxy', verb: 'create', resource: 'pods' }] } },
      ],
    })
    expect(messages(v)).toEqual([
      '✓ The trace shows, in order (calls about deploy/web and what it owns): kubectl create deployments → kube-controller-manager create replicasets → kube-controller-manager create pods → kube-scheduler create pods/binding → kubelet patch pods/status.',
      '✗ The trace shows kube-controller-manager create replicasets (calls about deploy/web and what it owns), but not kube-scheduler delete pods after that. kube-scheduler made these calls: create pods/binding, create events.events.k8s.io.',
      expect.stringMatching(/^✗ Expected the trace to show kube-proxy create pods, but it does not\. /),
    ])
  })

  test('a node component may name its node; the cloud-controller-manager is a component too', () => {
    const lb = { 'web.yaml': `${DEPLOYMENT('web', 2, NGINX)}---\n${SERVICE('web').replace('spec:\n', 'spec:\n  type: LoadBalancer\n')}` }
    const v = grade({
      files: lb,
      checks: [
        { trace: { steps: [{ component: 'kubelet/node-1', verb: 'patch', resource: 'pods', subresource: 'status' }] } },
        { trace: { steps: [{ component: 'cloud-controller-manager', verb: 'patch', resource: 'services', subresource: 'status' }] } },
        { trace: { for: 'deploy/web', steps: [{ component: 'kubelet/control-plane', verb: 'patch', resource: 'pods', subresource: 'status' }] } },
      ],
    })
    expect(messages(v)).toEqual([
      '✓ The trace shows, in order: kubelet/node-1 patch pods/status.',
      '✓ The trace shows, in order: cloud-controller-manager patch services/status.',
      expect.stringMatching(/^✗ Expected the trace to show kubelet\/control-plane patch pods\/status \(calls about deploy\/web and what it owns\), but it does not\. /),
    ])
  })

  test('in Chinese; an object that does not exist', () => {
    const v = grade({ lang: 'zh', files: WEB, checks: [{ trace: { for: 'deploy/nope', steps: [{ component: 'kubectl', verb: 'create', resource: 'deployments' }] } }] })
    expect(messages(v)).toEqual(['✗ 无法在追踪记录中跟踪 deploy/nope：deployments.apps "nope" not found'])
  })
})

describe('answer', () => {
  const answers = (q1: string, q2: string, q3: string): string => `# STATUS of crash after 2 minutes?\nq1: ${q1}\n# Who picks the node?\nq2: ${q2}\n# Which STATUS values?\nq3: ${q3}\n`
  const checks = [
    { answer: { file: 'answers.yaml', question: 'q1', actual: { podStatus: { pod: 'crash', field: 'status' } } } },
    { answer: { file: 'answers.yaml', question: 'q2', equals: 'kube-scheduler' } },
    { answer: { file: 'answers.yaml', question: 'q3', actual: { flow: { pod: 'crash' } } } },
  ]
  const run = (text: string, lang: 'en' | 'zh' = 'en') =>
    grade({ lang, mode: 'answer', runFor: 120_000, cluster: { setup: ['lessons/01-basics/crash.yaml'] }, files: { 'answers.yaml': text }, checks })

  test('an untouched answer file is not answered yet, with its line', () => {
    const v = run(answers('""  # TODO', '""  # TODO', '""  # TODO'))
    expect(messages(v)).toEqual([
      '✗ q1 is not answered yet (exercises/01-test/answers.yaml:2).',
      '✗ q2 is not answered yet (exercises/01-test/answers.yaml:4).',
      '✗ q3 is not answered yet (exercises/01-test/answers.yaml:6).',
    ])
    expect(v.checks[0].where).toEqual({ file: 'exercises/01-test/answers.yaml', line: 2 })
  })

  test('right predictions pass, compared leniently (case, spaces, a cycle written once)', () => {
    const v = run(answers('crashloopbackoff', ' Kube-Scheduler ', 'Pending -> ContainerCreating -> Error -> CrashLoopBackOff'))
    expect(messages(v)).toEqual([
      '✓ q1: you predicted crashloopbackoff, and the cluster did exactly that.',
      '✓ q2: Kube-Scheduler is right.',
      '✓ q3: you predicted Pending -> ContainerCreating -> Error -> CrashLoopBackOff, and the cluster did exactly that.',
    ])
    expect(v.passed).toBe(true)
  })

  test('wrong predictions say what the cluster did (never the fixed key)', () => {
    const v = run(answers('Error', 'kubelet', '[Pending, Running, Error]'))
    expect(messages(v)).toEqual([
      '✗ q1: you predicted Error, but the cluster did: CrashLoopBackOff.',
      '✗ q2: kubelet is not right. Read the lesson again, or try `kubelings hint`.',
      '✗ q3: you predicted Pending → Running → Error, but the cluster did: Pending → ContainerCreating → Error → CrashLoopBackOff → Error → CrashLoopBackOff → Error → CrashLoopBackOff → Error → CrashLoopBackOff.',
    ])
    expect(v.checks[1].where).toEqual({ file: 'exercises/01-test/answers.yaml', line: 4 })
  })

  test('in Chinese', () => {
    const v = run(answers('Error', 'kube-scheduler', '""'), 'zh')
    expect(messages(v)).toEqual(['✗ q1：你预测的是 Error，但集群实际的结果是：CrashLoopBackOff。', '✓ q2：kube-scheduler 正确。', '✗ q3 还没有作答（exercises/01-test/answers.yaml:6）。'])
  })

  test('probes of the phase, the node and the phases a pod went through', () => {
    const v = grade({
      mode: 'answer',
      runFor: 120_000,
      cluster: { setup: ['lessons/01-basics/crash.yaml'] },
      files: { 'answers.yaml': 'phase: running\nnode: node-1\nphases: [Pending, Running]\nready: 0/1\n' },
      checks: [
        { answer: { file: 'answers.yaml', question: 'phase', actual: { phase: { pod: 'crash' } } } },
        { answer: { file: 'answers.yaml', question: 'node', actual: { node: { pod: 'crash' } } } },
        { answer: { file: 'answers.yaml', question: 'phases', actual: { flow: { pod: 'crash', phases: true } } } },
        { answer: { file: 'answers.yaml', question: 'ready', actual: { podStatus: { pod: 'crash', field: 'ready' } } } },
      ],
    })
    expect(messages(v)).toEqual([
      '✓ phase: you predicted running, and the cluster did exactly that.',
      '✗ node: you predicted node-1, but the cluster did: node-2.',
      '✓ phases: you predicted Pending → Running, and the cluster did exactly that.',
      '✓ ready: you predicted 0/1, and the cluster did exactly that.',
    ])
  })

  test('a deleted question and a broken answer file', () => {
    expect(messages(run('q2: kube-scheduler\n')).slice(0, 1)).toEqual(['✗ exercises/01-test/answers.yaml has no answer q1 (`kubelings reset` restores the question).'])
    expect(messages(run('q1: [Running\n'))[0]).toMatch(/^✗ exercises\/01-test\/answers.yaml:\d+ is not valid YAML: /)
  })
})

describe('afterFault', () => {
  test('a failed node turns NotReady (Unknown) within the node-monitor grace period', () => {
    const v = grade({
      files: WEB,
      checks: [
        { afterFault: { fault: 'fail node/node-1', within: '2m', then: { condition: { kind: 'Node', name: 'node-1', type: 'Ready', status: 'Unknown' } } } },
        { afterFault: { fault: 'fail node/node-1', within: '30s', then: { condition: { kind: 'Node', name: 'node-1', type: 'Ready', status: 'Unknown' } } } },
        { condition: { kind: 'Node', name: 'node-1', type: 'Ready', status: 'True' } },
      ],
    })
    expect(messages(v)).toEqual([
      expect.stringMatching(/^✓ After "fail node\/node-1", it held (4\d|5\d)s later: node\/node-1: Ready=Unknown \(NodeStatusUnknown\)\.$/),
      '✗ After "fail node/node-1", it did not hold within 30s: Expected node/node-1 condition Ready=Unknown, but it is Ready=True (KubeletReady). Message: kubelet is posting ready status',
      '✓ node/node-1: Ready=True (KubeletReady).',
    ])
  })

  test('a stopped scheduler leaves a new pod Pending; holds at once when already true', () => {
    const v = grade({
      lang: 'zh',
      files: WEB,
      checks: [
        { afterFault: { fault: 'stop kube-scheduler', within: '1m', then: { count: { selector: 'app=web', status: 'Running', equals: 2 } } } },
        { afterFault: { fault: 'stop scheduler', within: '1m', then: { podStatus: { selector: 'app=web', status: 'Pending' } } } },
      ],
    })
    expect(messages(v)).toEqual([
      `✓ “stop kube-scheduler” 之后，条件立即成立：找到 2 个名字空间 default 中匹配 app=web 的 Pod 对象（STATUS Running）（${PODS}）。`,
      '✗ “stop scheduler” 之后，60s内条件没有成立：期望 pod/web-84dccbd445-f9h7v 显示 STATUS Pending，但 kubectl 显示的是 STATUS Running, READY 1/1, RESTARTS 0。',
    ])
  })

  test('a killed pause container: the kubelet makes a new sandbox and starts the containers again', () => {
    const pod = POD('web', '  containers:\n    - name: web\n      image: nginx:1.27\n')
    const v = grade({ files: { 'p.yaml': pod }, checks: [{ afterFault: { fault: 'kill-sandbox pod/web', within: '1m', then: { podStatus: { pod: 'web', status: 'Running', restarts: 1 } } } }] })
    expect(messages(v)).toEqual(['✓ After "kill-sandbox pod/web", it held 1s later: pod/web: STATUS Running, READY 1/1, RESTARTS 1 (1s ago).'])
  })

  test('a fault on a node that does not exist is an authoring error', () => {
    const v = grade({ files: WEB, checks: [{ afterFault: { fault: 'fail node/node-9', within: '1m', then: { count: { equals: 1 } } } }] })
    expect(v.checks[0]).toMatchObject({ passed: false, authoringError: true, message: 'there is no node "node-9" (the nodes are: control-plane, node-1, node-2)' })
  })
})

describe('reach', () => {
  const client = POD('client', '  containers:\n    - name: c\n      image: busybox\n      command: ["sleep", "3600"]\n')
  const nodePort = SERVICE('web').replace('spec:\n', 'spec:\n  type: NodePort\n').replace('targetPort: 80\n', 'targetPort: 80\n      nodePort: 30080\n')
  const files = { 'web.yaml': `${DEPLOYMENT('web', 2, NGINX)}---\n${nodePort}`, 'client.yaml': client }

  test('a request through the simulated network reaches a pod matching the selector', () => {
    const v = grade({
      files,
      checks: [
        { reach: { from: 'pod/client', url: 'http://web', selector: 'app=web', status: 200 } },
        { reach: { from: 'outside', url: 'http://192.168.49.2:30080', selector: 'app=web' } },
        { reach: { from: 'pod/client', url: 'http://nope', exitCode: 6 } },
      ],
    })
    expect(messages(v)).toEqual([
      '✓ A request from pod/client to http://web was answered by pod/web-84dccbd445-f9h7v on node-2: HTTP 200 OK.',
      '✓ A request from outside to http://192.168.49.2:30080 was answered by pod/web-84dccbd445-f9h7v on node-2: HTTP 200 OK.',
      '✓ A request from pod/client to http://nope failed as expected (exit 6): curl: (6) Could not resolve host: nope',
    ])
  })

  test('fails with curl\'s words, where the packet ended, or who answered instead', () => {
    const v = grade({
      files,
      checks: [
        { reach: { from: 'pod/client', url: 'http://web', selector: 'app=db' } },
        { reach: { from: 'node/node-1', url: 'http://web' } },
        { reach: { from: 'pod/client', url: 'http://web:8080' } },
        { reach: { from: 'pod/client', url: 'http://web/nothing', status: 200 } },
        { reach: { from: 'pod/ghost', url: 'http://web' } },
      ],
    })
    expect(messages(v)).toEqual([
      '✗ Expected a request from pod/client to http://web to reach app=db, but pod/web-84dccbd445-f9h7v on node-2 answered it.',
      '✗ Expected a request from node/node-1 to http://web to be answered, but curl exited 6: curl: (6) Could not resolve host: web',
      '✗ Expected a request from pod/client to http://web:8080 to be answered, but curl exited 28: curl: (28) Failed to connect to web port 8080 after 5000 ms: Timeout was reached\nIt ended at dropped, router (default via 192.168.49.1 dev eth0).',
      '✗ Expected HTTP 200 for a request from pod/client to http://web/nothing, but pod/web-84dccbd445-kt2vx answered HTTP 404 Not Found.',
      '✗ Cannot send a request from pod/ghost: pods "ghost" not found',
    ])
  })

  test('in Chinese', () => {
    const v = grade({ lang: 'zh', files, checks: [{ reach: { from: 'pod/client', url: 'http://web', pod: 'nope' } }] })
    expect(messages(v)).toEqual(['✗ 期望从 pod/client 发往 http://web 的请求到达 pod/nope，但应答它的是 node-2 上的 pod/web-84dccbd445-f9h7v。'])
  })
})

describe('pods owned by what the learner wrote', () => {
  test('a Deployment\'s pod that fails points at the Deployment\'s pod template', () => {
    const bad = `        - name: web\n          image: nginx:no-such-tag\n`
    const v = grade({ files: { 'web.yaml': DEPLOYMENT('web', 1, bad) }, checks: [{ podStatus: { selector: 'app=web', status: 'Running' } }] })
    expect(v.checks[0].message).toMatch(/^Expected pod\/web-[a-z0-9]+-[a-z0-9]+ to show STATUS Running, but kubectl shows STATUS ImagePullBackOff, READY 0\/1, RESTARTS 0\. Last event: Warning Failed: /)
    expect(v.checks[0].where).toEqual({ file: 'exercises/01-test/web.yaml', line: 12 })
  })

  test('flow follows a pod to the end, even once it is deleted', () => {
    const pod = POD('web', '  containers:\n    - name: web\n      image: nginx:1.27\n')
    const v = grade({
      files: { 'p.yaml': pod },
      checks: [{ afterFault: { fault: 'fail node/node-2', within: '10m', then: { flow: { pod: 'web', statuses: ['Running', 'Terminating'] } } } }],
    })
    expect(messages(v)).toEqual(['✓ After "fail node/node-2", it held 6m later: pod/web went through Running → Terminating.'])
  })
})
