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

describe('authoring errors at grading time', () => {
  test('fail loudly, never pass, in both languages', () => {
    const en = grade({ files: {}, checks: [{ podStatus: { pod: 'web', bogus: true, status: 'Running' } }, { count: { kind: 'Widget', equals: 0 } }] })
    expect(en.passed).toBe(false)
    expect(en.checks.map((c) => [c.authoringError, c.message])).toEqual([
      [true, 'This check is written wrongly (an authoring error, not your mistake): podStatus: unknown field "bogus" (known: pod, selector, namespace, status, ready, restarts)'],
      [true, 'This check is written wrongly (an authoring error, not your mistake): count.kind: "Widget" is not a kind this cluster serves (such as Pod, Deployment, Service, Node)'],
    ])
    const zh = grade({ lang: 'zh', files: {}, checks: [{ flow: { pod: 'web' } }] })
    expect(zh.checks[0]).toMatchObject({ passed: false, authoringError: true, message: '这项检查写错了（课程编写错误，不是你的错）：flow: one of statuses or phases is required' })
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
