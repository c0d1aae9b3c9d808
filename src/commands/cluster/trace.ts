import { Flags } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterTrace extends KubelingsCommand {
  static override summary = 'Show which component called the apiserver, and in what order.'
  static override description =
    'Every call to kube-apiserver is recorded: who made it, the verb, the object, the etcd revision a write produced, and the cluster time. Writes tell the story (kubectl → kube-apiserver → etcd → kube-controller-manager → kube-scheduler → kubelet); --reads adds get, list and watch, and --leases the updates of Leases (node heartbeats every 10 s, the leader elections of kube-controller-manager and kube-scheduler every 2 s, kube-apiserver\'s identity), left out by default so that they do not bury the story.'
  static override examples = [
    '<%= config.bin %> cluster trace --for deploy/web',
    '<%= config.bin %> cluster trace --for pod/web-7d4b9c8f6-x2x4z --reads',
    '<%= config.bin %> cluster trace --since 30s',
    '<%= config.bin %> cluster trace --since 30s --leases',
    '<%= config.bin %> cluster trace --last 20 --json',
  ]
  static override flags = {
    for: Flags.string({ description: 'only calls about this object and what it owns: deploy/NAME, rs/NAME, pod/NAME, svc/NAME' }),
    namespace: Flags.string({ char: 'n', description: 'namespace of the --for object', default: 'default' }),
    reads: Flags.boolean({ description: 'show reads (get, list, watch) too', default: false }),
    leases: Flags.boolean({ description: 'show lease updates too (heartbeats, leader elections)', default: false }),
    since: Flags.string({ description: 'only calls in the last DURATION of cluster time, e.g. 30s, 5m' }),
    last: Flags.integer({ description: 'only the last N calls', min: 1 }),
  }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { flags } = await this.parse(ClusterTrace)
    const { t } = await import('../../course/i18n.js')
    const { sessionLang } = await import('../../course/settings.js')
    const { requireWorkspace } = await import('../../course/workspace.js')
    const { Playground, withPlaygroundLock } = await import('../../course/playground.js')
    const { selectTrace, traceReport } = await import('../../course/trace-query.js')
    const { parseDuration } = await import('../../cluster/clock.js')
    const { UserError } = await import('../../course/errors.js')
    const { colorEnabled, renderTrace } = await import('../../ui/trace.js')
    const lang = sessionLang(flags)
    const since = flags.since === undefined ? undefined : parseDuration(flags.since)
    if (since === undefined && flags.since !== undefined) throw new UserError(t(lang, 'advance.bad', { value: flags.since }))
    const ws = requireWorkspace(process.cwd(), flags.workspace ?? process.env.KUBELINGS_WORKSPACE, lang)
    const selected = withPlaygroundLock(ws, lang, () => {
      const p = Playground.open(ws, lang)
      p.save()
      return selectTrace(p.cluster, { for: flags.for, namespace: flags.namespace, since, last: flags.last, reads: flags.reads, hideLeaseUpdates: !flags.leases })
    })
    if (!selected.ok) {
      const e = selected.error
      if (e.reason === 'BadReference') throw new UserError(t(lang, 'trace.badFor', { value: e.ref }))
      if (e.reason === 'UnknownType') throw new UserError(`the server doesn't have a resource type "${e.type}"`)
      // kubectl's words for an object that is not there (and never was, as far as the trace knows).
      process.stderr.write(`Error from server (NotFound): ${e.status.message}\n`)
      process.exitCode = 1
      return undefined
    }
    this.log(renderTrace(selected.value, { lang, color: colorEnabled(process.stdout) }))
    return traceReport(selected.value)
  }
}
