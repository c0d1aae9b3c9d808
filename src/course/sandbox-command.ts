// `kubelings cluster kill-sandbox pod/NAME`: kill the pause container of a pod in the playground, as
// `crictl stopp` or a crashed pause process would, to see the kubelet replace the sandbox.
import { Kubelet } from '../cluster/kubelet/kubelet.js'
import { UserError } from './errors.js'
import { t, type Lang } from './i18n.js'
import { Playground, withPlaygroundLock } from './playground.js'
import { openWorkspace } from './settings.js'

export interface SandboxKill {
  pod: string
  namespace: string
  node: string
  message: string
}

export function killPodSandbox(target: string, flags: { namespace?: string; lang?: string; workspace?: string }): SandboxKill {
  const { ws, lang } = openWorkspace(flags)
  const name = parsePodTarget(target, lang)
  const namespace = flags.namespace || 'default'
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const pod = p.cluster.object('pods', namespace, name)
    if (!pod) throw new UserError(t(lang, 'sandbox.podNotFound', { pod: name, namespace }))
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName
    if (!node) throw new UserError(t(lang, 'sandbox.notScheduled', { pod: name }))
    const kubelet = p.cluster.component(`kubelet/${node}`)
    if (!(kubelet instanceof Kubelet) || !kubelet.killSandbox(pod.metadata.uid)) throw new UserError(t(lang, 'sandbox.none', { pod: name, node }))
    p.cluster.settle()
    p.save()
    return { pod: name, namespace, node, message: t(lang, 'sandbox.killed', { pod: name, node }) }
  })
}

function parsePodTarget(target: string, lang: Lang): string {
  const m = /^(?:(pods?|po)\/)?([^/]+)$/.exec(target)
  if (!m) throw new UserError(t(lang, 'sandbox.badTarget', { target }))
  return m[2]
}

export interface NodeReboot {
  node: string
  message: string
}

/**
 * `kubelings cluster reboot node/NAME`: the node restarts at once. Its kubelet stops, every process
 * on the node dies (sandboxes and containers), and the kubelet starts again and rebuilds each pod
 * in a new sandbox.
 */
export function rebootNode(target: string, flags: { lang?: string; workspace?: string }): NodeReboot {
  const { ws, lang } = openWorkspace(flags)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const nodes = p.cluster.nodes.map((n) => n.name)
    const name = target.replace(/^(?:node|nodes|no)\//, '')
    const kubelet = p.cluster.component(`kubelet/${name}`)
    if (!nodes.includes(name) || !(kubelet instanceof Kubelet)) throw new UserError(t(lang, 'node.unknown', { node: name, known: nodes.join(', ') }))
    p.cluster.stop(kubelet.name)
    kubelet.reboot()
    p.cluster.start(kubelet.name)
    p.cluster.settle()
    p.save()
    return { node: name, message: t(lang, 'node.rebooted', { node: name }) }
  })
}
