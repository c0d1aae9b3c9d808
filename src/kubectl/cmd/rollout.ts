// kubectl rollout (pkg/cmd/rollout): status, history, undo, restart, pause and resume of
// Deployments, client-side as kubectl 1.32 does them. `status` watches the Deployment while
// virtual time passes and prints the status line at every change the watch delivers.
import type { Millis } from '../../cluster/clock.js'
import { rfc3339 } from '../../cluster/clock.js'
import type { StoredObject } from '../../cluster/object.js'
import type { ResourceType } from '../../cluster/resources.js'
import type { DaemonSet } from 'kubernetes-types/apps/v1.js'
import { commandWords, flagBool, flagInt, flagString, type FlagSpec, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, type KubectlCommand, type KubectlContext } from '../context.js'
import { FILENAME_FLAGS } from '../manifest.js'
import { builderTargets, groupKind } from '../objects/builder-targets.js'
import { parseGoDuration } from '../objects/duration.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'
import { ROLLOUT_HELP, ROLLOUT_SUBCOMMAND_HELP } from '../objects/rollout-help.js'
import { daemonSetRevisions, daemonSetRolloutStatus, rollbackDaemonSet, viewDaemonSetHistory } from '../objects/rollout-daemonset.js'
import { deploymentReplicaSets, deploymentRolloutStatus, rollbackDeployment, viewDeploymentHistory, type DeploymentObject, type RolloutStatus } from '../objects/rollout-deployment.js'
import type { Target } from '../objects/targets.js'

// kubectl 1.32's flags of each subcommand (no --validate on any of them).
const COMMON = ['filename', 'recursive', 'selector']
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  status: [...COMMON, 'watch', 'revision', 'timeout'],
  history: [...COMMON, 'revision', 'output'],
  undo: [...COMMON, 'to-revision', 'dry-run', 'output'],
  restart: [...COMMON, 'field-manager', 'output'],
  pause: [...COMMON, 'field-manager', 'output'],
  resume: [...COMMON, 'field-manager', 'output'],
}

const FLAGS: FlagSpec[] = [
  ...FILENAME_FLAGS,
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'revision', type: 'int' },
  { name: 'timeout', type: 'duration' },
  { name: 'to-revision', type: 'int' },
  { name: 'field-manager', type: 'string' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
]

/** With --timeout=0 (never), the playground stops watching after this much virtual time. */
const PLAYGROUND_BOUND: Millis = 15 * 60_000

const rollout: KubectlCommand = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  help: ROLLOUT_HELP,
  helpFor: (args) => ROLLOUT_SUBCOMMAND_HELP[args.find((a) => !a.startsWith('-')) ?? ''],
  flags: FLAGS,
  subcommand(argv) {
    const sub = commandWords(argv, FLAGS)[0]
    const allowed = ALLOWED[sub]
    // rollout itself has no flags of its own.
    return allowed ? { path: `rollout ${sub}`, flags: FLAGS.filter((f) => allowed.includes(f.name)) } : { path: 'rollout', flags: [] }
  },
  run(ctx, args) {
    const [sub, ...positionals] = args.positionals
    if (sub === undefined) {
      // DefaultSubCommandRun: the help, then exit 1.
      ctx.out(ROLLOUT_HELP)
      return 1
    }
    const allowed = ALLOWED[sub]
    if (!allowed) throw new KubectlError(`error: unknown command "${args.positionals.join(' ')}"\nSee 'kubectl rollout -h' for help and examples`)
    if (positionals.length === 0 && !args.flags['filename']) throw new KubectlError('error: required resource not specified')
    switch (sub) {
      case 'status':
        return runStatus(ctx, args, positionals)
      case 'history':
        return runHistory(ctx, args, positionals)
      case 'undo':
        return runUndo(ctx, args, positionals)
      default:
        return runPatcher(ctx, args, positionals, sub)
    }
  },
}

/** The objects named, fetched (the builder's Latest()); NotFound and friends collected. */
function fetchTargets(ctx: KubectlContext, args: ParsedArgs, positionals: readonly string[]): { found: (Target & { object: StoredObject })[]; errors: KubectlErr[] } {
  const { targets, errors } = builderTargets(ctx, args, positionals, true)
  const found: (Target & { object: StoredObject })[] = []
  for (const t of targets) {
    const got = t.object ? { ok: true as const, value: t.object } : ctx.api.get(KUBECTL, t.type.resource, t.namespace, t.name)
    if (got.ok) found.push({ ...t, object: got.value })
    else errors.push(statusErr(got.error))
  }
  return { found, errors }
}

function finish(ctx: KubectlContext, errors: readonly KubectlErr[]): number {
  const failed = aggregate(errors)
  if (!failed) return 0
  ctx.err(formatKubectlErr(failed))
  return 1
}

const isDeployment = (t: ResourceType): boolean => t.resource === 'deployments'
const isDaemonSet = (t: ResourceType): boolean => t.resource === 'daemonsets'

/** StatusViewerFor: the kinds whose rollout kubectl can follow. */
function statusViewer(t: ResourceType): ((o: StoredObject, revision: number) => RolloutStatus) | undefined {
  if (isDeployment(t)) return (o, revision) => deploymentRolloutStatus(o as DeploymentObject, revision)
  if (isDaemonSet(t)) return (o) => daemonSetRolloutStatus(o as StoredObject & DaemonSet)
  return undefined
}

function runStatus(ctx: KubectlContext, args: ParsedArgs, positionals: readonly string[]): number {
  const revision = flagInt(args, 'revision', 0)
  if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}`)
  const rawTimeout = flagString(args, 'timeout', '0s')
  const timeout = parseGoDuration(rawTimeout)
  if (!timeout.ok) throw new KubectlError(`error: invalid argument "${rawTimeout}" for "--timeout" flag: ${timeout.error}\nSee 'kubectl rollout status --help' for usage.`)
  const watch = flagBool(args, 'watch', true)
  const { found, errors } = fetchTargets(ctx, args, positionals)
  for (const t of found) {
    const viewer = statusViewer(t.type)
    if (!viewer) {
      errors.push(messageErr(`no status viewer has been implemented for ${groupKind(t.type)}`))
      continue
    }
    const problem = watchStatus(ctx, t, viewer, revision, timeout.value > 0 ? timeout.value : PLAYGROUND_BOUND, watch)
    if (problem) errors.push(problem)
  }
  if (found.length === 0 && errors.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`)
  return finish(ctx, errors)
}

/** UntilWithSync over a list+watch of this one object (fieldSelector metadata.name=NAME). */
function watchStatus(ctx: KubectlContext, t: Target, viewer: (o: StoredObject, revision: number) => RolloutStatus, revision: number, timeout: Millis, watch: boolean): KubectlErr | undefined {
  // Set from the watch callback; a holder so that the compiler does not narrow it away.
  const state: { outcome?: { error?: KubectlErr } } = {}
  const onObject = (type: 'ADDED' | 'MODIFIED' | 'DELETED', d: StoredObject): void => {
    if (state.outcome) return
    if (type === 'DELETED') {
      state.outcome = { error: messageErr('object has been deleted') }
      return
    }
    const status = viewer(d, revision)
    if ('error' in status) {
      state.outcome = { error: messageErr(status.error) }
      return
    }
    ctx.out(status.message)
    if (status.done || !watch) state.outcome = {}
  }
  const fieldSelector = `metadata.name=${t.name}`
  const listed = ctx.api.list(KUBECTL, t.type.resource, { namespace: t.namespace, fieldSelector })
  if (!listed.ok) return statusErr(listed.error)
  for (const d of listed.value.items) onObject('ADDED', d)
  if (state.outcome) return state.outcome.error
  const cancel = ctx.api.watch(KUBECTL, t.type.resource, { namespace: t.namespace, fieldSelector, resourceVersion: listed.value.metadata.resourceVersion }, (e) => onObject(e.type, e.object))
  if (!cancel.ok) return statusErr(cancel.error)
  try {
    ctx.cluster.waitFor(() => state.outcome !== undefined, timeout)
  } finally {
    cancel.value()
  }
  const outcome = state.outcome as { error?: KubectlErr } | undefined
  if (!outcome) return messageErr('timed out waiting for the condition')
  return outcome.error
}

function runHistory(ctx: KubectlContext, args: ParsedArgs, positionals: readonly string[]): number {
  const revision = flagInt(args, 'revision', 0)
  if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}`)
  const output = outputOf(args)
  const { found, errors } = fetchTargets(ctx, args, positionals)
  for (const t of found) {
    if (isDaemonSet(t.type)) {
      const problem = daemonSetHistory(ctx, t, revision, output)
      if (problem) errors.push(problem)
      continue
    }
    if (!isDeployment(t.type)) {
      errors.push(messageErr(noViewer('history viewer', t.type)))
      continue
    }
    const d = t.object as DeploymentObject
    if (output !== '') {
      // GetHistory: the ReplicaSets themselves, by revision.
      const all = deploymentReplicaSets(ctx, d)
      if (!all.ok) {
        errors.push(messageErr(all.error))
        continue
      }
      const byRevision = new Map(all.value.map((rs) => [Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0), rs]))
      const rsType = ctx.api.typeOf('replicasets')
      const keys = revision > 0 ? [revision] : [...byRevision.keys()].sort((a, b) => a - b)
      for (const k of keys) {
        const rs = byRevision.get(k)
        if (rs) printObject(ctx, rsType, rs, '', output, 'none')
      }
      continue
    }
    const history = viewDeploymentHistory(ctx, d, revision)
    if (!history.ok) {
      errors.push(messageErr(history.error))
      continue
    }
    const withRevision = revision > 0 ? `with revision #${revision}` : ''
    printObject(ctx, t.type, t.object, `${withRevision}\n${history.value}`, '', 'none')
  }
  return finish(ctx, errors)
}

/** rollout history of a DaemonSet: its ControllerRevisions with -o, else the table or one template. */
function daemonSetHistory(ctx: KubectlContext, t: Target & { object: StoredObject }, revision: number, output: ReturnType<typeof outputOf>): KubectlErr | undefined {
  const ds = t.object as StoredObject & DaemonSet
  if (output !== '') {
    const all = daemonSetRevisions(ctx, ds)
    if (!all.ok) return messageErr(all.error)
    const type = ctx.api.typeOf('controllerrevisions')
    for (const r of all.value) if (revision <= 0 || r.revision === revision) printObject(ctx, type, r, '', output, 'none')
    return undefined
  }
  const history = viewDaemonSetHistory(ctx, ds, revision)
  if (!history.ok) return messageErr(history.error)
  const withRevision = revision > 0 ? `with revision #${revision}` : ''
  printObject(ctx, t.type, t.object, `${withRevision}\n${history.value}`, '', 'none')
  return undefined
}

/** HistoryViewerFor / RollbackerFor: the kinds without one, in kubectl's words. */
function noViewer(what: string, t: ResourceType): string {
  const kind = groupKind(t)
  if (['Pod', 'ReplicaSet.apps'].includes(kind)) return `no ${what} has been implemented for "${kind}"`
  return `error retrieving ${what === 'history viewer' ? 'history' : what} for "${kind}", no visitor method exists for {${t.group} ${t.kind}}`
}

function runUndo(ctx: KubectlContext, args: ParsedArgs, positionals: readonly string[]): number {
  const toRevision = flagInt(args, 'to-revision', 0)
  const dryRun = dryRunOf(args)
  const output = outputOf(args)
  const { found, errors } = fetchTargets(ctx, args, positionals)
  for (const t of found) {
    if (!isDeployment(t.type) && !isDaemonSet(t.type)) {
      errors.push(messageErr(noViewer('rollbacker', t.type)))
      continue
    }
    const rolled = isDaemonSet(t.type)
      ? rollbackDaemonSet(ctx, t.object as StoredObject & DaemonSet, toRevision, dryRun)
      : rollbackDeployment(ctx, t.object as DeploymentObject, toRevision, dryRun)
    if ('error' in rolled) {
      errors.push(messageErr(rolled.error))
      continue
    }
    printObject(ctx, t.type, t.object, rolled.result, output, dryRun)
  }
  return finish(ctx, errors)
}

/** restart, pause, resume: a strategic merge patch computed from the object (set.CalculatePatches). */
function runPatcher(ctx: KubectlContext, args: ParsedArgs, positionals: readonly string[], sub: string): number {
  const output = outputOf(args)
  const { found, errors } = fetchTargets(ctx, args, positionals)
  if (found.length === 0 && errors.length === 0) {
    ctx.err(`No resources found in ${ctx.namespace} namespace.\n`)
    return 0
  }
  for (const t of found) {
    const resourceString = t.type.group ? `${t.type.resource}.${t.type.group}` : t.type.resource
    const change = patchFor(ctx, sub, t)
    if ('error' in change) {
      errors.push(messageErr(`error: ${resourceString} "${t.name}" ${change.error}`))
      continue
    }
    if (change.patch === undefined) {
      errors.push(messageErr(`failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`))
      continue
    }
    const patched = ctx.api.patch(KUBECTL, t.type.resource, t.namespace, t.name, change.patch, 'strategic')
    if (!patched.ok) {
      errors.push(messageErr(`failed to patch: ${patched.error.message}`))
      continue
    }
    printObject(ctx, t.type, patched.value, sub === 'restart' ? 'restarted' : `${sub}d`, output, 'none')
  }
  return finish(ctx, errors)
}

/** The restarter, pauser and resumer of polymorphichelpers; `patch` undefined: nothing would change. */
function patchFor(ctx: KubectlContext, sub: string, t: Target & { object: StoredObject }): { patch?: unknown } | { error: string } {
  if (isDaemonSet(t.type) && sub === 'restart') return restartPatch(ctx, t.object as StoredObject & DaemonSet)
  if (!isDeployment(t.type)) return { error: `${sub === 'restart' ? 'restarting' : sub === 'pause' ? 'pausing' : 'resuming'} is not supported` }
  const d = t.object as DeploymentObject
  const paused = d.spec?.paused === true
  if (sub === 'pause') return paused ? { error: 'is already paused' } : { patch: { spec: { paused: true } } }
  if (sub === 'resume') return paused ? { patch: { spec: { paused: null } } } : { error: 'is not paused' }
  if (paused) return { error: "can't restart paused deployment (run rollout resume first)" }
  return restartPatch(ctx, d)
}

/** defaultObjectRestarter: the restartedAt annotation of the pod template, unless set this second. */
function restartPatch(ctx: KubectlContext, o: { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } }): { patch?: unknown } {
  // time.Now().Format(time.RFC3339), read from the cluster's clock.
  const at = rfc3339(ctx.now())
  if (o.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === at) return {}
  return { patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } } }
}

export default rollout
