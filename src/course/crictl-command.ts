// `kubelings crictl --node NAME ARGS...`: crictl against the container runtime of one node of the
import { runCrictl, type CrictlOutput } from '../cluster/cri/crictl.js'
import { nodeRuntimeView } from '../cluster/cri/view.js'
import { UserError } from './errors.js'
import { t } from './i18n.js'
import { Playground, withPlaygroundLock } from './playground.js'
import { openWorkspace } from './settings.js'

export function crictlOnNode(node: string | undefined, argv: readonly string[], flags: { lang?: string; workspace?: string }): CrictlOutput {
  const { ws, lang } = openWorkspace(flags)
  return withPlaygroundLock(ws, lang, () => {
    const p = Playground.open(ws, lang)
    const known = p.cluster.nodes.map((n) => n.name)
    const name = node?.replace(/^(?:node|nodes|no)\//, '')
    const view = name ? nodeRuntimeView(p.cluster, name) : undefined
    if (!view) throw new UserError(name ? t(lang, 'node.unknown', { node: name, known: known.join(', ') }) : t(lang, 'crictl.nodeRequired', { known: known.join(', ') }))
    const out = runCrictl(view, argv)
    p.save()
    return out
  })
}
