import { Flags } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ClusterReset extends KubelingsCommand {
  static override summary = 'Throw the playground cluster away and start a fresh one.'
  static override description =
    'A fresh cluster has one control-plane node and --nodes worker nodes. With --manual-clock, time moves only on `kubelings cluster advance` and waiting commands such as `kubectl wait`: that is how scripts and tests get exact results. The same --seed replays the same names and addresses.'
  static override examples = [
    '<%= config.bin %> cluster reset',
    '<%= config.bin %> cluster reset --nodes 3',
    '<%= config.bin %> cluster reset --manual-clock --seed 7',
    '<%= config.bin %> cluster reset --cni underlay --node-subnets 2',
    '<%= config.bin %> cluster reset --ingress',
  ]
  static override flags = {
    nodes: Flags.integer({ description: 'number of worker nodes', default: 2, min: 0, max: 5000 }),
    seed: Flags.integer({ description: 'seed of the random choices (pod name suffixes, IPs, ...)' }),
    'manual-clock': Flags.boolean({ description: 'time moves only when you advance it', default: false }),
    cni: Flags.string({ description: 'pod network: overlay (flannel VXLAN) or underlay (pod IPs routed as they are)', options: ['overlay', 'underlay'], default: 'overlay' }),
    routing: Flags.string({ description: 'how an underlay spreads pod routes: host-gw (static routes, one subnet) or bgp', options: ['host-gw', 'bgp'], default: 'host-gw' }),
    'node-subnets': Flags.integer({ description: 'spread the nodes over this many subnets behind one router', default: 1, min: 1, max: 200 }),
    ingress: Flags.boolean({ description: 'install the ingress add-on: ingress-nginx, its LoadBalancer Service and the IngressClass nginx', default: false }),
    'start-time': Flags.string({ description: 'virtual time the cluster starts at (RFC 3339), default now', hidden: true }),
  }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { flags } = await this.parse(ClusterReset)
    const { t } = await import('../../course/i18n.js')
    const { sessionLang } = await import('../../course/settings.js')
    const { requireWorkspace } = await import('../../course/workspace.js')
    const { Playground, withPlaygroundLock } = await import('../../course/playground.js')
    const { UserError } = await import('../../course/errors.js')
    const lang = sessionLang(flags)
    const ws = requireWorkspace(process.cwd(), flags.workspace ?? process.env.KUBELINGS_WORKSPACE, lang)
    const startTime = flags['start-time'] === undefined ? undefined : Date.parse(flags['start-time'])
    if (startTime !== undefined && Number.isNaN(startTime)) throw new UserError(`--start-time must be an RFC 3339 time such as 2026-11-25T08:00:00Z, got "${flags['start-time']}".`)
    const { playground, keptCorrupt } = withPlaygroundLock(ws, lang, () => {
      const network = { cni: flags.cni as 'overlay' | 'underlay', routing: flags.routing as 'host-gw' | 'bgp', nodeSubnets: flags['node-subnets'] }
      const r = Playground.reset(ws, { workers: flags.nodes, seed: flags.seed, manualClock: flags['manual-clock'], startTime, network, addons: flags.ingress ? ['ingress'] : [] })
      r.playground.save()
      return r
    })
    const c = playground.cluster
    if (keptCorrupt) this.log(t(lang, 'playground.keptCorrupt', { file: keptCorrupt }))
    this.log(
      t(lang, 'playground.reset', {
        nodes: c.nodes.length,
        seed: c.options.seed,
        clock: playground.manualClock ? t(lang, 'playground.manualClock') : '',
      }),
    )
    const net = c.network
    const mode = net.cni === 'overlay' ? t(lang, 'net.mode.overlay') : t(lang, 'net.mode.underlay', { routing: net.routing })
    // The default network (overlay, one subnet) goes unsaid; another one is worth a line.
    if (net.cni !== 'overlay' || net.nodeSubnets > 1) this.log(t(lang, 'net.reset.network', { mode, subnets: net.nodeSubnets > 1 ? t(lang, 'net.reset.subnets', { n: net.nodeSubnets }) : '' }))
    if (flags.ingress) this.log(t(lang, 'ingress.addonEnabled'))
    return { nodes: c.nodes.map((n) => n.name), seed: c.options.seed, manualClock: playground.manualClock, time: new Date(c.now()).toISOString(), network: net, addons: c.options.addons ?? [] }
  }
}
