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
import { HELP_TEXTS } from '../help-texts.js'

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
  help: HELP_TEXTS.expose,
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
