import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Curl extends KubelingsCommand {
  static override summary = 'Send an HTTP request through the simulated network, as curl would, and see the path it took.'
  static override description =
    'The request is walked through the playground: DNS (a pod asks CoreDNS through its search list), the kube-proxy rules that match on each node, the DNAT to the endpoint chosen, the CNI path between nodes (VXLAN under overlay, plain pod IPs under underlay), and the container\'s answer. Exit codes are curl\'s: 0 an answer, 6 name not resolved, 7 connection refused (no endpoints, nothing listening), 28 time-out (a dropped packet, a failed node).'
  static override examples = [
    '<%= config.bin %> curl http://web --from pod/client',
    '<%= config.bin %> curl 192.168.49.3:30000/ping --from outside --trace',
    '<%= config.bin %> curl -v 127.0.0.1:30000 --from node/node-1',
    '<%= config.bin %> curl web.default.svc.cluster.local --from pod/client --json',
  ]
  static override args = { url: Args.string({ description: 'URL to request: http://HOST[:PORT][/PATH] (the scheme may be left out)', required: true }) }
  static override flags = {
    from: Flags.string({ description: 'where the request starts: outside (your machine, default), node/NAME, pod/NAME or pod/NAMESPACE/NAME' }),
    trace: Flags.boolean({ description: 'draw the path: each hop, the rules that matched, the IP headers on the wire', default: false }),
    verbose: Flags.boolean({ char: 'v', description: 'curl -v: the connection and the request and response headers, on stderr', default: false }),
    include: Flags.boolean({ char: 'i', description: 'curl -i: print the status line and headers before the body', default: false }),
    silent: Flags.boolean({ char: 's', description: 'curl -s: no error line (add -S to keep it)', default: false }),
    'show-error': Flags.boolean({ char: 'S', description: 'curl -S: with -s, still show the error line', default: false }),
    request: Flags.string({ char: 'X', description: 'HTTP method', default: 'GET' }),
    header: Flags.string({ char: 'H', description: 'extra header, NAME: VALUE (repeatable)', multiple: true }),
    'connect-timeout': Flags.integer({ description: 'seconds to wait for the connection before giving up (exit 28)', default: 5, min: 1 }),
  }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Curl)
    const { sessionLang } = await import('../course/settings.js')
    const { curlInPlayground } = await import('../course/network-command.js')
    const { renderCurl } = await import('../ui/curl-trace.js')
    const { colorEnabled } = await import('../ui/trace.js')
    const lang = sessionLang(flags)
    const { result, network } = curlInPlayground(args.url, { ...flags, method: flags.request, headers: flags.header, connectTimeout: flags['connect-timeout'] })
    process.exitCode = result.exitCode
    if (this.jsonEnabled()) return result
    const out = renderCurl(result, { lang, color: colorEnabled(process.stdout), trace: flags.trace, verbose: flags.verbose, include: flags.include, network, silent: flags.silent, showError: flags['show-error'] })
    for (const [stream, text] of out.chunks) (stream === 'stdout' ? process.stdout : process.stderr).write(text)
    return result
  }
}
