import { describe, expect, it } from 'vitest'
import type { TraceEntry, Verb } from '../../src/cluster/trace.js'
import { attributed, type TraceSelection, type TraceTarget } from '../../src/course/trace-query.js'
import { actorOf, callOf, colorEnabled, renderTrace } from '../../src/ui/trace.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

/** One hand-made call: `at` ms after T0. */
function call(at: number, who: string, verb: Verb, resource: string, name?: string, more: Partial<TraceEntry> = {}): TraceEntry {
  return { time: T0 + at, who, verb, resource, namespace: 'default', ...(name ? { name } : {}), revision: 0, code: verb === 'create' ? 201 : 200, ...more }
}

function selection(entries: TraceEntry[], more: Partial<TraceSelection> = {}): TraceSelection {
  return { now: T0 + 60_000, entries: entries.map(attributed), unchanged: [], hiddenReads: 0, hiddenLeaseUpdates: 0, dropped: 0, ...more }
}

const web: TraceTarget = { resource: 'deployments.apps', kind: 'Deployment', namespace: 'default', name: 'web', exists: true, owns: 3 }

/** A Deployment's story, as the course document tells it. */
const story: TraceEntry[] = [
  call(0, 'kubectl', 'create', 'deployments.apps', 'web', { revision: 57 }),
  call(3, 'deployment-controller', 'create', 'replicasets.apps', 'web-7d4b9c8f6', { revision: 58 }),
  call(8, 'replicaset-controller', 'create', 'pods', 'web-7d4b9c8f6-x2x4z', { revision: 59 }),
  call(8, 'replicaset-controller', 'create', 'pods', 'web-7d4b9c8f6-k8q9m', { revision: 60 }),
  call(20, 'kube-scheduler', 'create', 'pods', 'web-7d4b9c8f6-x2x4z', { subresource: 'binding', revision: 61 }),
  call(20, 'kube-scheduler', 'create', 'pods', 'web-7d4b9c8f6-k8q9m', { subresource: 'binding', revision: 62 }),
  call(1270, 'kubelet/node-1', 'update', 'pods', 'web-7d4b9c8f6-x2x4z', { subresource: 'status', revision: 63 }),
  call(1270, 'kubelet/node-2', 'update', 'pods', 'web-7d4b9c8f6-k8q9m', { subresource: 'status', revision: 64 }),
  call(1275, 'replicaset-controller', 'update', 'replicasets.apps', 'web-7d4b9c8f6', { subresource: 'status', revision: 65 }),
]

describe('the component trace, rendered', () => {
  it("tells a Deployment's story: who called kube-apiserver, in order, with the etcd revision of each write", () => {
    expect(renderTrace(selection(story, { target: web, hiddenReads: 4 }), { lang: 'en' })).toBe(
      [
        'Calls to kube-apiserver about deployments.apps/web in namespace default and what it owns',
        '9 call(s) from 2026-11-25T08:00:00Z (cluster time); 4 read(s) hidden, --reads shows them.',
        '',
        '  kubectl                   outside the cluster: the command-line client',
        '  kube-apiserver            control plane: the only door to etcd; each write gets a new etcd revision',
        '  kube-controller-manager   control plane: runs the controllers (named in parentheses)',
        '  kube-scheduler            control plane: picks a node for each new pod and binds it there',
        '  kubelet                   every node: runs the pods bound to its node and reports their status',
        '',
        '+0.000s  kubectl                                          → kube-apiserver  create deployments.apps/web                   → etcd rev 57',
        '+0.003s  kube-controller-manager (deployment-controller)  → kube-apiserver  create replicasets.apps/web-7d4b9c8f6         → etcd rev 58',
        '+0.008s  kube-controller-manager (replicaset-controller)  → kube-apiserver  create pods/web-7d4b9c8f6-x2x4z               → etcd rev 59',
        '         kube-controller-manager (replicaset-controller)  → kube-apiserver  create pods/web-7d4b9c8f6-k8q9m               → etcd rev 60',
        '+0.020s  kube-scheduler                                   → kube-apiserver  create pods/web-7d4b9c8f6-x2x4z/binding       → etcd rev 61',
        '         kube-scheduler                                   → kube-apiserver  create pods/web-7d4b9c8f6-k8q9m/binding       → etcd rev 62',
        '+1.270s  kubelet (node-1)                                 → kube-apiserver  update pods/web-7d4b9c8f6-x2x4z/status        → etcd rev 63',
        '         kubelet (node-2)                                 → kube-apiserver  update pods/web-7d4b9c8f6-k8q9m/status        → etcd rev 64',
        '+1.275s  kube-controller-manager (replicaset-controller)  → kube-apiserver  update replicasets.apps/web-7d4b9c8f6/status  → etcd rev 65',
      ].join('\n'),
    )
  })

  it('says the same in Chinese, keeping kubectl and Kubernetes words as they are', () => {
    expect(renderTrace(selection(story.slice(0, 2), { target: web }), { lang: 'zh' })).toBe(
      [
        '发往 kube-apiserver 的关于 deployments.apps/web（名字空间 default）及其附属对象的调用',
        '共 2 个调用，始于 2026-11-25T08:00:00Z（集群时间）。',
        '',
        '  kubectl                   集群之外：命令行工具',
        '  kube-apiserver            控制平面：访问 etcd 的唯一入口；每次写入都得到新的 etcd 修订号（revision）',
        '  kube-controller-manager   控制平面：运行各个控制器（括号中为控制器名称）',
        '',
        '+0.000s  kubectl                                          → kube-apiserver  create deployments.apps/web            → etcd rev 57',
        '+0.003s  kube-controller-manager (deployment-controller)  → kube-apiserver  create replicasets.apps/web-7d4b9c8f6  → etcd rev 58',
      ].join('\n'),
    )
  })

  it('collapses consecutive identical calls into one line with a count, and names refusals by their reason', () => {
    const entries = [
      call(0, 'kubelet/node-1', 'patch', 'events', 'web-x.18eb3adda0f70000', { revision: 70 }),
      call(0, 'kubelet/node-1', 'patch', 'events', 'web-x.18eb3adda0f70000', { revision: 71 }),
      call(0, 'kubelet/node-1', 'patch', 'events', 'web-x.18eb3adda0f70000', { revision: 72 }),
      call(0, 'kube-scheduler', 'create', 'pods', 'web-x', { subresource: 'binding', revision: 72, code: 409 }),
      call(0, 'kubectl', 'create', 'pods', 'web-x', { revision: 72, code: 409 }),
      call(0, 'kubectl', 'update', 'pods', 'web-x', { revision: 72 }),
      call(500, 'kubectl', 'delete', 'pods', 'web-y', { revision: 72, code: 404 }),
    ]
    expect(renderTrace(selection(entries, { unchanged: [5], dropped: 120 }), { lang: 'en' })).toBe(
      [
        'All calls to kube-apiserver',
        '7 call(s) from 2026-11-25T08:00:00Z (cluster time).',
        'The 120 oldest call(s) are no longer kept.',
        '',
        '  kubectl          outside the cluster: the command-line client',
        '  kube-apiserver   control plane: the only door to etcd; each write gets a new etcd revision',
        '  kube-scheduler   control plane: picks a node for each new pod and binds it there',
        '  kubelet          every node: runs the pods bound to its node and reports their status',
        '',
        '+0.000s  kubelet (node-1)  → kube-apiserver  patch events/web-x.18eb3adda0f70000  → etcd rev 70-72     ×3',
        '         kube-scheduler    → kube-apiserver  create pods/web-x/binding            ✗ 409 Conflict',
        '         kubectl           → kube-apiserver  create pods/web-x                    ✗ 409 AlreadyExists',
        '         kubectl           → kube-apiserver  update pods/web-x                    → etcd unchanged',
        '+0.500s  kubectl           → kube-apiserver  delete pods/web-y                    ✗ 404 NotFound',
        '',
        'Follow one object and what it owns with --for deploy/NAME or --for pod/NAME.',
      ].join('\n'),
    )
  })

  it('shows reads with their scope, and the namespace of an object outside the one followed', () => {
    const entries = [
      call(0, 'kube-scheduler', 'watch', 'pods', undefined, { namespace: undefined }),
      call(0, 'kubectl', 'list', 'pods', undefined),
      call(0, 'kubectl', 'get', 'deployments.apps', 'web', { code: 404 }),
      call(0, 'kubelings', 'list', 'nodes', undefined, { namespace: undefined }),
      call(0, 'kubelet/control-plane', 'get', 'pods', 'etcd-control-plane', { namespace: 'kube-system' }),
      call(0, 'kubelet/node-1', 'update', 'leases.coordination.k8s.io', 'node-1', { namespace: 'kube-node-lease', revision: 9 }),
    ]
    expect(renderTrace(selection(entries), { lang: 'en' }).split('\n').slice(-9, -2)).toEqual([
      '',
      '+0.000s  kube-scheduler           → kube-apiserver  watch pods -A',
      '         kubectl                  → kube-apiserver  list pods',
      '         kubectl                  → kube-apiserver  get deployments.apps/web                                     ✗ 404 NotFound',
      '         kubelings                → kube-apiserver  list nodes',
      '         kubelet (control-plane)  → kube-apiserver  get pods/etcd-control-plane -n kube-system',
      '         kubelet (node-1)         → kube-apiserver  update leases.coordination.k8s.io/node-1 -n kube-node-lease  → etcd rev 9',
    ])
  })

  it('says in one sentence when nothing matches', () => {
    expect(renderTrace(selection([]), { lang: 'en' })).toBe('No calls in the trace match.')
    expect(renderTrace(selection([], { hiddenReads: 3 }), { lang: 'en' })).toBe('No writes in the trace match; 3 read(s) are hidden, --reads shows them.')
    expect(renderTrace(selection([], { target: web }), { lang: 'en' })).toBe('The trace has no calls about deployments.apps/web.')
    expect(renderTrace(selection([], { target: web, hiddenReads: 1 }), { lang: 'zh' })).toBe(
      '追踪记录中没有关于 deployments.apps/web 的写入调用；已隐藏 1 个读取调用，--reads 可显示。',
    )
    // A quiet minute: nothing but heartbeats and leader elections, left out.
    expect(renderTrace(selection([], { hiddenLeaseUpdates: 42 }), { lang: 'en' })).toBe('No calls in the trace match but lease updates: 42 of them are hidden, --leases shows them.')
    expect(renderTrace(selection([], { hiddenReads: 2, hiddenLeaseUpdates: 42 }), { lang: 'zh' })).toBe(
      '追踪记录中除租约更新外没有匹配的写入调用；已隐藏 2 个读取调用和 42 个租约更新，--reads 和 --leases 可显示。',
    )
  })

  it('says how many lease updates it left out, and how to see them', () => {
    expect(renderTrace(selection(story, { hiddenLeaseUpdates: 7 }), { lang: 'en' }).split('\n')[1]).toBe(
      `${story.length} call(s) from 2026-11-25T08:00:00Z (cluster time); 7 lease update(s) hidden, --leases shows them.`,
    )
    expect(renderTrace(selection(story, { hiddenReads: 3, hiddenLeaseUpdates: 7 }), { lang: 'zh' }).split('\n')[1]).toBe(
      `共 ${story.length} 个调用，始于 2026-11-25T08:00:00Z（集群时间）；已隐藏 3 个读取调用和 7 个租约更新，--reads 和 --leases 可显示。`,
    )
  })

  it('says when the followed object is gone, and leaves out "what it owns" when it owns nothing', () => {
    const gone: TraceTarget = { resource: 'pods', kind: 'Pod', namespace: 'default', name: 'web-7d4b9c8f6-x2x4z', exists: false, owns: 0 }
    expect(renderTrace(selection(story.slice(2, 3), { target: gone }), { lang: 'en' }).split('\n').slice(0, 3)).toEqual([
      'Calls to kube-apiserver about pods/web-7d4b9c8f6-x2x4z in namespace default',
      'pods/web-7d4b9c8f6-x2x4z no longer exists: its calls are matched by name.',
      '1 call(s) from 2026-11-25T08:00:00.008Z (cluster time).',
    ])
  })

  it('colours each component only when asked', () => {
    const text = renderTrace(selection(story.slice(0, 1)), { lang: 'en', color: true })
    expect(text).toContain('\x1b[36mkubectl\x1b[0m')
    expect(text).toContain('→ \x1b[34mkube-apiserver\x1b[0m')
    expect(renderTrace(selection(story.slice(0, 1)), { lang: 'en' })).not.toContain('\x1b[')
  })

  it.each([
    { isTTY: true, env: {}, color: true },
    { isTTY: true, env: { NO_COLOR: '1' }, color: false },
    { isTTY: true, env: { NO_COLOR: '' }, color: true },
    { isTTY: false, env: {}, color: false },
    { isTTY: undefined, env: {}, color: false },
  ])('colours are $color on a terminal=$isTTY with $env', ({ isTTY, env, color }) => {
    expect(colorEnabled({ isTTY }, env)).toBe(color)
  })

  it.each([
    { who: 'kubectl', actor: 'kubectl' },
    { who: 'replicaset-controller', actor: 'kube-controller-manager (replicaset-controller)' },
    { who: 'garbage-collector', actor: 'kube-controller-manager (garbage-collector)' },
    { who: 'kube-scheduler', actor: 'kube-scheduler' },
    { who: 'default-scheduler', actor: 'kube-scheduler' },
    { who: 'kubelet/node-1', actor: 'kubelet (node-1)' },
    { who: 'kube-apiserver', actor: 'kube-apiserver' },
    { who: 'kubelings', actor: 'kubelings' },
  ])('$who is shown as $actor', ({ who, actor }) => {
    expect(actorOf(who)).toBe(actor)
  })

  it('names calls as kubectl users read them', () => {
    const e = (more: Partial<TraceEntry>) => attributed({ ...call(0, 'kubectl', 'get', 'pods', 'web'), ...more })
    expect(callOf(e({ verb: 'create', subresource: 'binding' }), 'default')).toBe('create pods/web/binding')
    expect(callOf(e({ verb: 'update', subresource: 'status' }), 'default')).toBe('update pods/web/status')
    expect(callOf(e({ namespace: 'prod' }), 'default')).toBe('get pods/web -n prod')
    expect(callOf(e({ resource: 'nodes', name: 'node-1', namespace: undefined }), 'default')).toBe('get nodes/node-1')
  })
})
