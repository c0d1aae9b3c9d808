// kubectl expose (pkg/cmd/expose/expose.go): a Service for a pod, deployment, replica set or
// service, its selector and ports read from the object unless given. Prints `service/web exposed`.
import type { KubeObject } from '../../cluster/object.js'
import { flagString, type FlagSpec } from '../args.js'
import { KUBECTL, KubectlError, NO_RESOURCES_ERROR, type KubectlCommand } from '../context.js'
import { FILENAME_FLAGS } from '../manifest.js'
import { builderTargets, groupKind } from '../objects/builder-targets.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { createService, makeLabels, portsForObject, protocolsForObject, selectorForObject, type ExposeOptions } from '../objects/expose-service.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'

const HELP = `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replica set (rs)

Examples:
  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend
  
  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
  kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https
  
  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

Options:
    --cluster-ip='':
	ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --external-ip='':
	Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.

    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to expose a service

    -l, --labels='':
	Labels to apply to the service created by this call.

    --load-balancer-ip='':
	IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).

    --name='':
	The name for the newly created object.

    -o, --output='':
	Output format. One of: (json, yaml, name).

    --port='':
	The port that the service should serve on. Copied from the resource being exposed, if unspecified

    --protocol='':
	The network protocol for the service to be created. Default is 'TCP'.

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    --selector='':
	A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)

    --session-affinity='':
	If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'

    --target-port='':
	Name or number for the port on the container that the service should direct traffic to. Optional.

    --type='':
	Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.

Usage:
  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const STRING_FLAGS = ['port', 'target-port', 'type', 'name', 'protocol', 'selector', 'external-ip', 'cluster-ip', 'session-affinity', 'load-balancer-ip', 'field-manager', 'override-type']
const FLAGS: FlagSpec[] = [
  ...FILENAME_FLAGS,
  ...STRING_FLAGS.map((name): FlagSpec => ({ name, type: 'string' })),
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'record', type: 'bool' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
]

const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment.apps', 'ReplicaSet.apps'])

const expose: KubectlCommand = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  help: HELP,
  flags: FLAGS,
  run(ctx, args) {
    const dryRun = dryRunOf(args)
    const output = outputOf(args)
    if (args.positionals.length === 0 && !args.flags['filename'])
      throw new KubectlError(
        NO_RESOURCES_ERROR,
      )
    const { targets, errors } = builderTargets(ctx, args, args.positionals, false)
    // The options carry over from one object to the next, as upstream's do.
    const o: ExposeOptions = {
      name: flagString(args, 'name'),
      selector: flagString(args, 'selector'),
      labels: flagString(args, 'labels'),
      port: flagString(args, 'port'),
      ports: '',
      protocol: flagString(args, 'protocol'),
      protocols: '',
      targetPort: flagString(args, 'target-port'),
      type: flagString(args, 'type'),
      externalIP: flagString(args, 'external-ip'),
      loadBalancerIP: flagString(args, 'load-balancer-ip'),
      sessionAffinity: flagString(args, 'session-affinity'),
      clusterIP: flagString(args, 'cluster-ip'),
    }
    for (const t of targets) {
      const problem = exposeOne(t)
      if (problem) errors.push(problem)
    }
    const failed = aggregate(errors)
    if (!failed) return 0
    ctx.err(formatKubectlErr(failed))
    return 1

    function exposeOne(t: (typeof targets)[number]): KubectlErr | undefined {
      const got = t.object ? { ok: true as const, value: t.object } : ctx.api.get(KUBECTL, t.type.resource, t.namespace, t.name)
      if (!got.ok) return statusErr(got.error)
      const object = got.value
      const kind = groupKind(t.type)
      if (!EXPOSABLE.has(kind)) return messageErr(`cannot expose a ${kind}`)
      const defaultName = t.name.slice(0, 63)
      if (o.selector === '') {
        const s = selectorForObject(object)
        if ('error' in s) return messageErr(`couldn't retrieve selectors via --selector flag or introspection: ${s.error}`)
        o.selector = s.selector
      }
      if (o.port === '') {
        const ports = portsForObject(object)
        if (ports.length === 0 && o.clusterIP !== 'None') return messageErr("couldn't find port via --port flag or introspection")
        if (ports.length === 1) o.port = ports[0]
        else if (ports.length > 1) o.ports = ports.join(',')
      }
      const protocols = protocolsForObject(object)
      if (protocols !== '') o.protocols = protocols
      if (o.labels === '') o.labels = makeLabels(object.metadata.labels)
      let service: Record<string, unknown>
      try {
        service = createService({ ...o, name: o.name || defaultName, namespace: dryRun === 'client' && ctx.namespaceGiven ? ctx.namespace : undefined })
      } catch (e) {
        return messageErr((e as Error).message)
      }
      const svcType = ctx.api.typeOf('services')
      if (dryRun === 'client') {
        printObject(ctx, svcType, service as unknown as KubeObject, 'exposed', output, dryRun, true)
        return undefined
      }
      const created = ctx.api.create(KUBECTL, service as unknown as KubeObject, ctx.namespace, { dryRun: dryRun === 'server' })
      if (!created.ok) return statusErr(created.error)
      printObject(ctx, svcType, created.value, 'exposed', output, dryRun)
      return undefined
    }
  },
}

export default expose
