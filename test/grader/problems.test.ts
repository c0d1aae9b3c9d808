// checkProblems: what `kubelings author check` reports for a check, and how an authoring error
// fails a check at grading time instead of passing it.
import { describe, expect, test } from 'vitest'
import { checkProblems } from '../../src/grader/index.js'
import { grade } from './helpers.js'

const problems = (kind: string, args: Record<string, unknown>): string[] => checkProblems({ kind: kind as 'object', args })

describe('checkProblems', () => {
  test('a correct check of every kind has none', () => {
    expect(problems('object', { kind: 'Pod', name: 'web', path: '.spec.containers[0].image', equals: 'nginx' })).toEqual([])
    expect(problems('podStatus', { selector: 'app=web', status: 'Running', ready: '1/1', restarts: 0 })).toEqual([])
    expect(problems('flow', { pod: 'web', statuses: ['Pending', 'Running'], exact: true })).toEqual([])
    expect(problems('condition', { kind: 'Node', name: 'node-1', type: 'Ready', status: 'Unknown' })).toEqual([])
    expect(problems('count', { selector: 'app=web', status: 'Running', min: 1, max: 3 })).toEqual([])
    expect(problems('endpoints', { service: 'web', ready: 2 })).toEqual([])
    expect(problems('reach', { from: 'node/node-1', url: 'http://web', selector: 'app=web', status: 200 })).toEqual([])
    expect(problems('trace', { for: 'deploy/web', steps: [{ component: 'kube-scheduler', verb: 'create', resource: 'pods', subresource: 'binding' }] })).toEqual([])
    expect(problems('schedule', { pod: 'web', unschedulable: true, reason: 'Insufficient cpu' })).toEqual([])
    expect(problems('answer', { file: 'a.yaml', question: 'q1', actual: { podStatus: { pod: 'web', field: 'restarts' } } })).toEqual([])
    expect(problems('afterFault', { fault: 'fail node/node-1', within: '6m', then: { podStatus: { pod: 'web', status: 'Terminating' } } })).toEqual([])
  })

  test('unknown fields, wrong types, missing and conflicting fields', () => {
    expect(problems('podStatus', { pod: 'web', stats: 'Running' })).toEqual([
      'podStatus: unknown field "stats" (known: pod, selector, namespace, status, ready, restarts)',
      'podStatus: give at least one of status, ready, restarts',
    ])
    expect(problems('podStatus', { pod: 'web', selector: 'app=web', ready: 'yes', restarts: -1 })).toEqual([
      'podStatus.restarts: must be a whole number (0 or more)',
      'podStatus: give only one of pod, selector',
      'podStatus.ready: must be READY as kubectl prints it, such as 1/1',
    ])
    expect(problems('flow', { pod: 'web' })).toEqual(['flow: one of statuses or phases is required'])
    expect(problems('object', { kind: 'Pod', path: '.spec[', equals: 1, exists: true })).toEqual([
      'object.name: Required value',
      'object: give only one of equals, matches, exists',
      'object.path: ".spec[" is not a JSONPath: unterminated array',
    ])
    expect(problems('condition', { pod: 'web', type: 'Ready', status: 'true' })).toEqual(['condition.status: must be True, False or Unknown, not "true"'])
    expect(problems('count', { selector: 'app in (', equals: 1 })).toHaveLength(1)
    expect(problems('answer', { file: 'a.yaml', question: 'q1', equals: 'x', actual: { phase: { pod: 'p' } } })).toEqual(['answer: give only one of equals, actual'])
    expect(problems('answer', { file: 'a.yaml', question: 'q1', actual: { logs: { pod: 'p' } } })).toEqual(['answer.actual: unknown probe "logs" (known: podStatus, phase, node, flow)'])
    expect(problems('reach', { from: 'inside', url: 'http://x' })).toEqual(['reach.from: must be outside, node/NAME or pod/NAME'])
  })

  test('trace steps name components and verbs that exist', () => {
    expect(problems('trace', { steps: [{ component: 'kube-dns', verb: 'bind', resource: 'pods', extra: 1 }] })).toEqual([
      'trace.steps[0]: unknown field "extra" (known: component, verb, resource, subresource)',
      'trace.steps[0].component: "kube-dns" is not a component (known: kubectl, kube-apiserver, kube-scheduler, kube-controller-manager, cloud-controller-manager, kubelet, kube-proxy, ingress-nginx-controller, scheduler, controller-manager, apiserver; kubelet and kube-proxy may name a node, kubelet/NODE)',
      'trace.steps[0].verb: "bind" is not a verb (known: create, get, list, update, patch, delete, watch)',
    ])
    expect(problems('trace', { steps: [{ component: 'kube-proxy/node-1', verb: 'list', resource: 'services' }, { component: 'ingress-nginx-controller', verb: 'patch', resource: 'ingresses', subresource: 'status' }] })).toEqual([])
    expect(problems('trace', { steps: [{ component: 'etcd/node-1', verb: 'list', resource: 'services' }, { component: 'kubelet/', verb: 'list', resource: 'pods' }] })).toHaveLength(2)
  })

  test('faults that do not exist, durations, and the nested check', () => {
    expect(problems('afterFault', { fault: 'reboot node/node-1', within: 'soon', then: { podStatus: { pod: 'web' } } })).toEqual([
      'afterFault.within: "soon" is not a duration (use 30s, 2m, 1m30s)',
      'afterFault.then.podStatus: give at least one of status, ready, restarts',
      'afterFault.fault: unknown fault "reboot": use fail, stop or kill-sandbox',
    ])
    expect(problems('afterFault', { fault: 'stop etcd', within: '1m', then: { afterFault: {} } })).toEqual([
      'afterFault.then: an afterFault cannot hold another afterFault',
      'afterFault.fault: there is no component "etcd" to stop (known: kube-scheduler, kube-controller-manager, cloud-controller-manager, kubelet/NODE, kube-proxy/NODE)',
    ])
    expect(problems('afterFault', { fault: 'fail pod/web', within: '1m', then: { nope: {} } })).toEqual([
      'afterFault.then: unknown check kind "nope" (known: object, podStatus, flow, condition, count, endpoints, reach, trace, schedule, answer, afterFault)',
      'afterFault.fault: fail takes node/NAME, not "pod/web"',
    ])
  })

  test('object kinds the cluster serves', () => {
    expect(problems('object', { kind: 'Widget', name: 'w', path: '.spec' })).toEqual(['object.kind: "Widget" is not a kind this cluster serves (such as Pod, Deployment, Service, Node)'])
    expect(problems('count', { kind: 'deploy', status: 'Running', equals: 1 })).toEqual(['count: status and phase filter pods; kind is deploy'])
    expect(problems('count', { kind: 'po', status: 'Running', equals: 1 })).toEqual([])
  })

  test('an unknown kind', () => {
    expect(problems('ping', {})).toEqual(['unknown check kind "ping" (known: object, podStatus, flow, condition, count, endpoints, reach, trace, schedule, answer, afterFault)'])
  })
})

describe('checkProblems in Chinese', () => {
  const zh = (kind: string, args: Record<string, unknown>): string[] => checkProblems({ kind: kind as 'object', args }, 'zh')

  test('says each problem in Chinese, starting with the field as written; lists take 、', () => {
    expect(zh('podStatus', { pod: 'web', stats: 'Running' })).toEqual([
      'podStatus：未知字段“stats”（已知字段：pod、selector、namespace、status、ready、restarts）',
      'podStatus：status、ready、restarts 至少要给出一个',
    ])
    expect(zh('podStatus', { pod: 'web', selector: 'app=web', ready: 'yes', restarts: -1 })).toEqual([
      'podStatus.restarts：必须是整数（0 或更大）',
      'podStatus：pod、selector 只能给出一个',
      'podStatus.ready：必须是 kubectl 显示的 READY 格式，例如 1/1',
    ])
    expect(zh('flow', { pod: 'web' })).toEqual(['flow：必须给出 statuses 或 phases 之一'])
    expect(zh('object', { kind: 'Pod', path: '.spec[', equals: 1, exists: true })).toEqual([
      'object.name：必须填写',
      'object：equals、matches、exists 只能给出一个',
      // The JSONPath parser's own words stay as kubectl writes them.
      'object.path：“.spec[”不是 JSONPath：unterminated array',
    ])
    expect(zh('condition', { pod: 'web', type: 'Ready', status: 'true' })).toEqual(['condition.status：必须是 True、False 或 Unknown，而不是“true”'])
    expect(zh('answer', { file: 'a.yaml', question: 'q1', actual: { logs: { pod: 'p' } } })).toEqual(['answer.actual：未知的探查“logs”（已知的有：podStatus、phase、node、flow）'])
    expect(zh('answer', { file: 'a.yaml', question: 'q1', actual: 'phase' })).toEqual(['answer.actual：必须是一项探查，看集群实际做了什么：{podStatus: {pod}}、{phase: {pod}}、{node: {pod}}、{flow: {pod}}'])
    expect(zh('answer', { file: 'a.yaml', question: 'q1', actual: { podStatus: { field: 'age' } } })).toEqual([
      'answer.actual.podStatus.pod：必须填写',
      'answer.actual.podStatus.field：必须是 status、ready、restarts 之一',
    ])
    expect(zh('reach', { from: 'inside', url: 'http://x' })).toEqual(['reach.from：必须是 outside、node/NAME 或 pod/NAME'])
    expect(zh('object', { kind: 'Widget', name: 'w', path: '.spec' })).toEqual(['object.kind：“Widget”不是这个集群提供的资源类型（例如 Pod、Deployment、Service、Node）'])
    expect(zh('count', { kind: 'deploy', status: 'Running', equals: 1 })).toEqual(['count：status 和 phase 只用于筛选 Pod，而 kind 是 deploy'])
    expect(zh('ping', {})).toEqual(['未知的检查类型“ping”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）'])
  })

  test('trace steps, faults and the nested check', () => {
    expect(zh('trace', { steps: [{ component: 'kube-dns', verb: 'bind', extra: 1 }] })).toEqual([
      'trace.steps[0]：未知字段“extra”（已知字段：component、verb、resource、subresource）',
      expect.stringMatching(/^trace\.steps\[0\]\.component：“kube-dns”不是组件（已知的有：kubectl、kube-apiserver、.*；kubelet 和 kube-proxy 可以指明节点，如 kubelet\/NODE）$/),
      'trace.steps[0].verb：“bind”不是动词（已知的有：create、get、list、update、patch、delete、watch）',
      'trace.steps[0].resource：必须填写',
    ])
    expect(zh('afterFault', { fault: 'stop etcd', within: '1m', then: { afterFault: {} } })).toEqual([
      'afterFault.then：afterFault 中不能再含 afterFault',
      'afterFault.fault：没有可以停止的组件“etcd”（已知的有：kube-scheduler、kube-controller-manager、cloud-controller-manager、kubelet/NODE、kube-proxy/NODE）',
    ])
    expect(zh('afterFault', { fault: 'fail pod/web', within: '1m', then: { nope: {} } })).toEqual([
      'afterFault.then：未知的检查类型“nope”（已知的有：object、podStatus、flow、condition、count、endpoints、reach、trace、schedule、answer、afterFault）',
      'afterFault.fault：fail 的对象是 node/NAME，而不是“pod/web”',
    ])
    expect(zh('afterFault', { fault: 'kill-sandbox', within: '1m', then: { podStatus: { pod: 'web' } } })).toEqual([
      'afterFault.then.podStatus：status、ready、restarts 至少要给出一个',
      'afterFault.fault：“kill-sandbox”不是故障：请写成“fail node/NAME”“stop COMPONENT”或“kill-sandbox pod/NAME”',
    ])
  })

  test('English stays the default', () => {
    expect(checkProblems({ kind: 'flow', args: { pod: 'web' } })).toEqual(['flow: one of statuses or phases is required'])
  })
})

describe('authoring errors at grading time', () => {
  test('fail loudly, never pass, in both languages', () => {
    const en = grade({ files: {}, checks: [{ podStatus: { pod: 'web', bogus: true, status: 'Running' } }, { count: { kind: 'Widget', equals: 0 } }] })
    expect(en.passed).toBe(false)
    expect(en.checks.map((c) => [c.authoringError, c.message])).toEqual([
      [true, 'This check is written wrongly (an authoring error, not your mistake): podStatus: unknown field "bogus" (known: pod, selector, namespace, status, ready, restarts)'],
      [true, 'This check is written wrongly (an authoring error, not your mistake): count.kind: "Widget" is not a kind this cluster serves (such as Pod, Deployment, Service, Node)'],
    ])
    const zh = grade({ lang: 'zh', files: {}, checks: [{ flow: { pod: 'web' } }] })
    expect(zh.checks[0]).toMatchObject({ passed: false, authoringError: true, message: '这项检查写错了（课程编写错误，不是你的错）：flow：必须给出 statuses 或 phases 之一' })
    const two = grade({ lang: 'zh', files: {}, checks: [{ afterFault: { fault: 'reboot node/node-1', within: 'soon', then: { podStatus: { pod: 'web', status: 'Running' } } } }] })
    expect(two.checks[0].message).toBe('这项检查写错了（课程编写错误，不是你的错）：afterFault.within：“soon”不是时长（请写成 30s、2m、1m30s 这样）；afterFault.fault：未知的故障“reboot”：请使用 fail、stop 或 kill-sandbox')
  })

  test('a fault the cluster cannot have, in Chinese', () => {
    const v = grade({ lang: 'zh', files: {}, checks: [{ afterFault: { fault: 'fail node/node-9', within: '1m', then: { count: { equals: 0 } } } }] })
    expect(v.checks[0]).toMatchObject({ passed: false, authoringError: true, message: '没有节点“node-9”（现有的节点：control-plane、node-1、node-2）' })
    const en = grade({ files: {}, checks: [{ afterFault: { fault: 'fail node/node-9', within: '1m', then: { count: { equals: 0 } } } }] })
    expect(en.checks[0].message).toBe('there is no node "node-9" (the nodes are: control-plane, node-1, node-2)')
  })

  test('a stopped component the cluster does not have, a missing setup file', () => {
    const v = grade({ files: {}, cluster: { stopped: ['kube-dns'], setup: ['lessons/01-basics/nope.yaml'] }, checks: [{ count: { equals: 0 } }] })
    expect(v.checks.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'apply', authoringError: true, message: expect.stringMatching(/^cluster.stopped names "kube-dns", which this cluster does not have \(known: kube-scheduler, kube-controller-manager, .*kubelet\/node-1, .*\) — an authoring error\.$/) }),
      expect.objectContaining({ kind: 'apply', authoringError: true, message: "The lesson's setup file lessons/01-basics/nope.yaml is missing (an authoring error)." }),
    ])
    expect(v.passed).toBe(false)
  })
})
