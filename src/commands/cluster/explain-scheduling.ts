import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterExplainScheduling extends KubelingsCommand {
  static override summary = 'Show how kube-scheduler decides where a pod goes: filters, scores, the chosen node.'
  static override description =
    'For every node: the filter plugin that rejected it and why, or each score plugin\'s raw, normalized and weighted score and the total; then the node that wins, or the FailedScheduling message. A pod already bound is evaluated as if it were new on the cluster as it is now. Nothing is changed.'
  static override examples = ['<%= config.bin %> cluster explain-scheduling pod/web', '<%= config.bin %> cluster explain-scheduling pod/db-0 -n shop --json']
  static override args = { pod: Args.string({ description: 'the pod: pod/NAME or NAME', required: true }) }
  static override flags = { namespace: Flags.string({ char: 'n', description: 'namespace of the pod', default: 'default' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ClusterExplainScheduling)
    const { t } = await import('../../course/i18n.js')
    const { sessionLang } = await import('../../course/settings.js')
    const { requireWorkspace } = await import('../../course/workspace.js')
    const { Playground, withPlaygroundLock } = await import('../../course/playground.js')
    const { explainScheduling } = await import('../../course/explain-scheduling.js')
    const { renderExplanation } = await import('../../ui/explain-scheduling.js')
    const { UserError } = await import('../../course/errors.js')
    const lang = sessionLang(flags)
    const ws = requireWorkspace(process.cwd(), flags.workspace ?? process.env.KUBELINGS_WORKSPACE, lang)
    const explained = withPlaygroundLock(ws, lang, () => {
      const p = Playground.open(ws, lang)
      p.save()
      return explainScheduling(p.cluster, args.pod, flags.namespace)
    })
    if (!explained.ok) {
      const e = explained.error
      if (e.reason === 'BadReference') throw new UserError(t(lang, 'explain.badRef', { value: e.ref }))
      // kubectl's words for a pod that is not there.
      process.stderr.write(`Error from server (NotFound): ${e.status.message}\n`)
      process.exitCode = 1
      return undefined
    }
    this.log(renderExplanation(explained.value, lang))
    return explained.value
  }
}
