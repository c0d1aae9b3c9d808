// kubectl cluster-info (pkg/cmd/clusterinfo/clusterinfo.go): where the control plane answers, and
// the services labelled kubernetes.io/cluster-service=true in kube-system (or -n). kubectl colours
// the names in a terminal; we print plain text, as kubectl does when its output is not a TTY.
import { CONTROL_PLANE } from '../../cluster/topology.js'
import { KUBECTL, KubectlError, type KubectlCommand } from '../context.js'
import { formatKubectlErr, statusErr } from '../objects/errors.js'

const HELP = `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

Examples:
  # Print the address of the control plane and cluster services
  kubectl cluster-info

Available Commands:
  dump          Dump relevant information for debugging and diagnosis

Usage:
  kubectl cluster-info [flags] [options]

Use "kubectl cluster-info <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

/** The kube-apiserver's secure port (kubeadm's default). */
export const APISERVER_PORT = 6443

interface ServicePort {
  name?: string
  port?: number
}
interface ServiceShape {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> }
  spec?: { ports?: ServicePort[] }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

const clusterInfo: KubectlCommand = {
  name: 'cluster-info',
  short: 'Display cluster information',
  help: HELP,
  flags: [],
  run(ctx, args) {
    if (args.positionals[0] === 'dump') throw new KubectlError("error: 'kubectl cluster-info dump' is not available in the playground yet; use 'kubectl get' and 'kubectl describe'")
    const node = ctx.cluster.nodes.find((n) => n.name === CONTROL_PLANE) ?? ctx.cluster.nodes[0]
    const host = `https://${node.ip}:${APISERVER_PORT}`
    const listed = ctx.api.list(KUBECTL, 'services', { namespace: ctx.namespaceGiven ? ctx.namespace : 'kube-system', labelSelector: 'kubernetes.io/cluster-service=true' })
    if (listed.ok) {
      ctx.out(`Kubernetes control plane is running at ${host}\n`)
      for (const svc of listed.value.items as unknown as ServiceShape[]) ctx.out(`${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${serviceLink(host, svc)}\n`)
    }
    ctx.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    if (listed.ok) return 0
    ctx.err(formatKubectlErr(statusErr(listed.error)))
    return 1
  },
}

/** A load balancer's `http://IP:PORT ` per port, else the apiserver proxy URL of the first port. */
function serviceLink(host: string, svc: ServiceShape): string {
  const ports = svc.spec?.ports ?? []
  const ingress = svc.status?.loadBalancer?.ingress?.[0]
  if (ingress) return ports.map((p) => `http://${ingress.ip || ingress.hostname || ''}:${p.port ?? 0} `).join('')
  let name = svc.metadata.name
  if (ports.length > 0) {
    const port = ports[0]
    const scheme = port.name === 'https' || port.port === 443 ? 'https' : ''
    // utilnet.JoinSchemeNamePort: scheme:name:port, name:port, or name alone.
    name = scheme ? `${scheme}:${name}:${port.name ?? ''}` : port.name ? `${name}:${port.name}` : name
  }
  return `${host}/api/v1/namespaces/${svc.metadata.namespace ?? ''}/services/${name}/proxy`
}

export default clusterInfo
