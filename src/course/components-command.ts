// `kubelings cluster stop|start COMPONENT` against the workspace's playground.
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'
import { Playground, withPlaygroundLock } from './playground.js'
import { openWorkspace } from './settings.js'
import { resolveComponent } from './components.js'
import { leaderElectionWaiting } from '../cluster/controller/leader-election.js'

export interface ComponentChange {
  component: string
  running: boolean
  changed: boolean
  message: string
}

export function setComponent(name: string, running: boolean, flags: { lang?: string; workspace?: string }): ComponentChange {
  const { ws, lang } = openWorkspace(flags)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const component = resolveComponent(p.cluster, name, lang)
    const changed = running ? p.cluster.start(component) : p.cluster.stop(component)
    p.save()
    // A control-plane component that starts while its old process' lease is valid waits for it (leader-election.ts).
    const waiting = changed && running && leaderElectionWaiting(p.cluster.component(component), undefined)
    const key = changed ? (running ? (waiting ? 'component.startedWaiting' : 'component.started') : 'component.stopped') : running ? 'component.alreadyRunning' : 'component.alreadyStopped'
    const message = t(lang, key, { component, lease: component })
    return { component, running, changed, message }
  })
}

export interface NodeFault {
  node: string
  failed: boolean
  changed: boolean
  message: string
}

/**
 * `kubelings cluster fail|recover node/NAME`: the node's kubelet stops (it no longer renews its
 * lease or runs its pods), as when a machine loses power; recovering starts it again.
 */
export function setNodeFailed(target: string, failed: boolean, flags: { lang?: string; workspace?: string }): NodeFault {
  const { ws, lang } = openWorkspace(flags)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const node = parseNodeTarget(target, p.cluster.nodes.map((n) => n.name), lang)
    // The control-plane node runs the whole control plane: failed, it takes the cluster's API with it.
    if (failed && p.cluster.nodes.some((n) => n.name === node && n.controlPlane)) {
      const workers = p.cluster.nodes.filter((n) => !n.controlPlane).map((n) => n.name)
      throw new UserError(t(lang, workers.length > 0 ? 'node.failControlPlane' : 'node.failControlPlaneAlone', { node, workers: workers.join(', ') }))
    }
    const kubelet = `kubelet/${node}`
    const changed = failed ? p.cluster.stop(kubelet) : p.cluster.start(kubelet)
    p.save()
    const key = changed ? (failed ? 'node.failed' : 'node.recovered') : failed ? 'node.alreadyFailed' : 'node.alreadyUp'
    return { node, failed, changed, message: t(lang, key, { node }) }
  })
}

function parseNodeTarget(target: string, nodes: readonly string[], lang: Lang): string {
  const m = /^(?:node|nodes|no)\/(.+)$/.exec(target)
  const name = m ? m[1] : target
  if (!nodes.includes(name)) throw new UserError(t(lang, 'node.unknown', { node: name, known: nodes.join(', ') }))
  return name
}
