// Which component a learner means by `scheduler`, `controller-manager`, `kubelet/node-1`, and
// stopping or starting it in the playground.
import type { SimulatedCluster } from '../cluster/cluster.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'

const ALIASES: Record<string, string> = {
  scheduler: 'kube-scheduler',
  'kube-scheduler': 'kube-scheduler',
  'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager',
}

/** The canonical component name, or a UserError naming the ones that exist. */
export function resolveComponent(cluster: SimulatedCluster, name: string, lang: Lang): string {
  const canonical = ALIASES[name] ?? name
  if (cluster.componentNames().includes(canonical)) return canonical
  // containerd is part of each kubelet's simulation: say what stopping it would mean instead.
  const runtime = /^containerd\/(.+)$/.exec(canonical)
  if (runtime && cluster.nodes.some((n) => n.name === runtime[1])) throw new UserError(t(lang, 'component.runtimeInKubelet', { component: canonical, node: runtime[1] }))
  // A node's component on a node that does not exist: name the nodes there are.
  const perNode = /^(kubelet|kube-proxy|containerd)\/(.+)$/.exec(canonical)
  if (perNode && !cluster.nodes.some((n) => n.name === perNode[2]))
    throw new UserError(t(lang, 'node.unknown', { node: perNode[2], known: cluster.nodes.map((n) => n.name).join(', ') }))
  const known = cluster.components().map((c) => (c.kind === 'node' ? `${c.name}/${c.node}` : c.name))
  if (known.includes(canonical) || perNode || ['kube-apiserver', 'etcd'].includes(canonical))
    throw new UserError(t(lang, 'component.notYet', { component: canonical }))
  throw new UserError(t(lang, 'component.unknown', { name, known: cluster.componentNames().join(', ') }))
}
