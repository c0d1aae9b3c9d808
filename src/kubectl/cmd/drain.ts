// kubectl drain (pkg/cmd/drain/drain.go RunDrain, pkg/drain/drain.go evictPods): cordon the node,
// then evict its pods and wait, polling each second of virtual time, until they are gone.
// The simulated apiserver has no pods/eviction subresource yet: each eviction is sent as a delete
// of the pod with the grace period given (or the pod's own), which is what an eviction does when no
// PodDisruptionBudget stands in the way; the lines printed are those of an eviction.
import type { Millis } from '../../cluster/clock.js'
import { flagBool, flagInt, flagString, type FlagSpec } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { parseGoDuration } from '../objects/duration.js'
import { CORDON_FLAGS, cordonOrUncordon, nodesOf, podsForDeletion, type PodObject } from '../objects/drain.js'
import { dryRunOf } from '../objects/output.js'
import { HELP_TEXTS } from '../help-texts.js'

const FLAGS: FlagSpec[] = [
  ...CORDON_FLAGS,
  { name: 'force', type: 'bool' },
  { name: 'ignore-daemonsets', type: 'bool' },
  { name: 'delete-emptydir-data', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'duration' },
  { name: 'pod-selector', type: 'string' },
  { name: 'disable-eviction', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'skip-wait-for-delete-timeout', type: 'int' },
]

/** utilerrors.Aggregate's Error(): the one message, or all of them in brackets. */
const aggregateError = (errors: readonly string[]): string => (errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`)

/** The playground's stand-in for "infinite". */
const PLAYGROUND_BOUND: Millis = 15 * 60_000

const drain: KubectlCommand = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  help: HELP_TEXTS.drain,
  flags: FLAGS,
  run(ctx, args) {
    // Complete reads --dry-run before the builder looks the node up.
    const dryRun = dryRunOf(args)
    const nodes = nodesOf(ctx, args, 'drain NODE')
    const rawTimeout = flagString(args, 'timeout', '0s')
    const timeout = parseGoDuration(rawTimeout)
    if (!timeout.ok) throw new KubectlError(`error: invalid argument "${rawTimeout}" for "--timeout" flag: ${timeout.error}\nSee 'kubectl drain --help' for usage.`)
    const podSelector = flagString(args, 'pod-selector')
    const filters = { force: flagBool(args, 'force'), ignoreDaemonSets: flagBool(args, 'ignore-daemonsets'), deleteEmptyDirData: flagBool(args, 'delete-emptydir-data') }
    const grace = flagInt(args, 'grace-period', -1)
    cordonOrUncordon(ctx, nodes, true, dryRun)
    const fatal: string[][] = []
    const remaining: string[] = []
    for (const node of nodes) {
      const name = node.metadata.name
      const list = podsForDeletion(ctx, name, podSelector, filters)
      // One node's problems are an aggregate: Error() is the one message, or `[a, b]`.
      let problems: string[] | undefined
      if ('listError' in list) problems = [list.listError]
      else if (list.errors.length > 0) problems = list.errors
      else {
        if (list.warnings !== '') ctx.err(`Warning: ${list.warnings}\n`)
        if (dryRun === 'client') for (const p of list.pods) ctx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`)
        else {
          const problem = evictPods(ctx, name, list.pods, grace, timeout.value > 0 ? timeout.value : PLAYGROUND_BOUND, dryRun === 'server')
          if (problem !== undefined) problems = [problem]
        }
      }
      if (problems === undefined) {
        ctx.out(`node/${name} drained${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`)
        continue
      }
      ctx.err(`error: unable to drain node ${JSON.stringify(name)} due to error: ${aggregateError(problems)}, continuing command...\n`)
      fatal.push(problems)
      remaining.push(name)
    }
    if (remaining.length === 0) return 0
    ctx.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`)
    // checkErr unwraps an aggregate of one (one node: its own aggregate) and prints an aggregate
    // one error per line, without `error: `.
    const lines = fatal.length === 1 ? fatal[0] : fatal.map(aggregateError)
    ctx.err(lines.map((f) => `${f}\n`).join(''))
    return 1
  },
}

/**
 * evictPods: every pod is evicted at once, then each is polled once a second (virtual) until it is
 * gone or replaced by a pod of another UID; `pod/NAME evicted` as each goes. Returns the error text.
 */
function evictPods(ctx: KubectlContext, node: string, pods: readonly PodObject[], grace: number, timeout: Millis, serverDryRun: boolean): string | undefined {
  if (pods.length === 0) return undefined
  const pending: PodObject[] = []
  const errors: string[] = []
  for (const p of pods) {
    const { namespace, name } = p.metadata
    ctx.out(`evicting pod ${namespace}/${name}${serverDryRun ? ' (server dry run)' : ''}\n`)
    const deleted = ctx.api.delete(KUBECTL, 'pods', namespace, name, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), dryRun: serverDryRun })
    if (!deleted.ok) {
      if (deleted.error.reason !== 'NotFound') errors.push(`error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: ${deleted.error.message}`)
      continue
    }
    if (!serverDryRun) pending.push(p)
  }
  const deadline = ctx.now() + timeout
  let waiting = [...pending]
  const poll = (): boolean => {
    waiting = waiting.filter((p) => {
      const live = ctx.cluster.object('pods', p.metadata.namespace, p.metadata.name)
      if (live && live.metadata.uid === p.metadata.uid) return true
      ctx.out(`pod/${p.metadata.name} evicted\n`)
      return false
    })
    return waiting.length === 0
  }
  // PollUntilContextTimeout(immediate): check now, then once a second of virtual time.
  while (!poll()) {
    const step = Math.min(1000, deadline - ctx.now())
    if (step <= 0) break
    const before = ctx.now()
    ctx.cluster.waitFor(() => false, step)
    if (ctx.now() === before) break // nothing in the cluster is left to act: nothing can change
  }
  for (const p of waiting) errors.push(`error when waiting for pod ${JSON.stringify(p.metadata.name)} in namespace ${JSON.stringify(p.metadata.namespace)} to terminate: context deadline exceeded`)
  if (errors.length === 0) return undefined
  const text = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`
  // deleteOrEvictPodsSimple names the pods still there.
  const still = ctx.api.list(KUBECTL, 'pods', { fieldSelector: `spec.nodeName=${node}` })
  const left = still.ok ? still.value.items.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined) : []
  if (left.length > 0) ctx.err(`There are pending pods in node ${JSON.stringify(node)} when an error occurred: ${text}\n${left.map((p) => `pod/${p.metadata.name}\n`).join('')}`)
  return text
}

export default drain
