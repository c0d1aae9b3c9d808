import { describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { explainScheduling, parsePodRef } from '../../src/course/explain-scheduling.js'
import { renderExplanation } from '../../src/ui/explain-scheduling.js'

const pod = (name: string, spec: Record<string, unknown> = {}, requests: Record<string, string> = { cpu: '100m', memory: '64Mi' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests } }], ...spec },
})

function explain(c: Cluster, ref: string, lang: 'en' | 'zh' = 'en'): string {
  const r = explainScheduling(c.sim, ref, 'default')
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return renderExplanation(r.value, lang)
}

const FILTER_HEAD =
  'Filter: every node goes through the filter plugins in order; the first plugin that rejects it decides.\n' +
  '  NODE            FILTER\n' +
  '  control-plane   TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }\n'

const scores = (node: string, selected: boolean) =>
  `  ${node}   total 482${selected ? '   ← selected' : ''}\n` +
  '    PLUGIN                            RAW   SCORE   WEIGHT   WEIGHTED\n' +
  '    TaintToleration                     0     100   ×3            300\n' +
  '    NodeResourcesFit                   86      86   ×1             86\n' +
  '    NodeResourcesBalancedAllocation    96      96   ×1             96\n' +
  '    ImageLocality                       0       0   ×1              0\n'

describe('kubelings cluster explain-scheduling on the default 3-node cluster', () => {
  it('a pod that fits: the control plane is filtered out by its taint, both workers scored, the tie broken by the seed', () => {
    const c = Cluster.create({ seed: 1 })
    c.sim.stop('kube-scheduler')
    c.apply(pod('web'))
    expect(explain(c, 'pod/web')).toBe(
      'pod/web in namespace default is not bound to a node yet. What kube-scheduler decides for it now:\n' +
        '\n' +
        FILTER_HEAD +
        '  node-2          passes every filter\n' +
        '  node-1          passes every filter\n' +
        '\n' +
        'Score: each plugin scores every feasible node 0-100 (after normalizing); total = Σ weight × score.\n' +
        scores('node-2', true) +
        scores('node-1', false) +
        '  Not scored (their PreScore says Skip for this pod): NodeAffinity, PodTopologySpread, InterPodAffinity\n' +
        '\n' +
        'Result: kube-scheduler binds it to node-2\n' +
        'Tie between node-2, node-1: like upstream (selectHost), one of the best is drawn at random; here the draw comes from the cluster seed, so the same seed always picks the same node.',
    )
    // It draws from a copy of the PRNG: the cluster's own draws (names, ties) are left as they were.
    const before = c.sim.rng.state()
    explain(c, 'pod/web')
    expect(c.sim.rng.state()).toEqual(before)
  })

  it('a pod that fits nowhere (3 CPUs) gets the FailedScheduling message, with what preemption says', () => {
    const c = Cluster.create({ seed: 1 })
    c.sim.stop('kube-scheduler')
    c.apply(pod('big', {}, { cpu: '3' }))
    expect(explain(c, 'big')).toBe(
      'pod/big in namespace default is not bound to a node yet. What kube-scheduler decides for it now:\n' +
        '\n' +
        FILTER_HEAD +
        '  node-1          NodeResourcesFit: Insufficient cpu\n' +
        '  node-2          NodeResourcesFit: Insufficient cpu\n' +
        '\n' +
        'Result: FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    )
  })

  it('a bound pod with a nodeSelector is re-evaluated as if new: one node fits, so nothing is scored', () => {
    const c = Cluster.create({ seed: 1 })
    c.apply(pod('pinned', { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } }))
    c.advance('1s')
    expect(c.get('pods', 'pinned')!.spec).toMatchObject({ nodeName: 'node-2' })
    expect(explain(c, 'pod/pinned')).toBe(
      'pod/pinned in namespace default is bound to node-2. If it were new, on the cluster as it is now without it, kube-scheduler would decide:\n' +
        '\n' +
        FILTER_HEAD +
        "  node-1          NodeAffinity: node(s) didn't match Pod's node affinity/selector\n" +
        '  node-2          passes every filter\n' +
        '\n' +
        'Result: kube-scheduler would bind it to node-2\n' +
        'Only node-2 passes the filters, so scoring is skipped, as upstream does.',
    )
    expect(explain(c, 'pod/pinned', 'zh').split('\n').slice(-2)).toEqual(['结果：kube-scheduler 会把它绑定到 node-2', '只有 node-2 通过过滤，因此跳过打分，与上游一致。'])
  })

  it('a bound pod does not count against its own node', () => {
    const c = Cluster.create({ seed: 1 })
    c.apply(pod('half', { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }, { cpu: '1500m' }))
    c.advance('1s')
    expect(c.get('pods', 'half')!.spec).toMatchObject({ nodeName: 'node-1' })
    const r = explainScheduling(c.sim, 'half', 'default')
    expect(r.ok && r.value.result).toEqual({ kind: 'scheduled', node: 'node-1', scored: false, tiedWith: [] })
  })

  it('a pod that does not exist is NotFound in kubectl words; other types are refused', () => {
    const c = Cluster.create({ seed: 1 })
    const r = explainScheduling(c.sim, 'pod/nope', 'default')
    expect(!r.ok && r.error.reason === 'NotFound' && `Error from server (NotFound): ${r.error.status.message}`).toBe('Error from server (NotFound): pods "nope" not found')
    expect(explainScheduling(c.sim, 'deploy/web', 'default')).toEqual({ ok: false, error: { reason: 'BadReference', ref: 'deploy/web' } })
    expect([parsePodRef('po/a'), parsePodRef('pods/a'), parsePodRef('a'), parsePodRef('pod/'), parsePodRef('svc/a')]).toEqual(['a', 'a', 'a', undefined, undefined])
  })
})
