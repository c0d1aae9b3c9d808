// kubectl set image (pkg/cmd/set/set_image.go): change the image of named containers (`*` for all)
// in a pod or a pod template, sent as a strategic merge patch of the containers by name. Prints
// `deployment.apps/web image updated`; an object whose images already match is left alone, silently.
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js'
import { clone, type StoredObject } from '../../cluster/object.js'
import { commandWords, flagArray, flagBool, flagString, type FlagSpec } from '../args.js'
import { KUBECTL, KubectlError, NO_RESOURCES_ERROR, type KubectlCommand } from '../context.js'
import { FILENAME_FLAGS } from '../manifest.js'
import { builderTargets } from '../objects/builder-targets.js'
import { aggregate, formatKubectlErr, messageErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { resourcesAndPairs } from '../objects/metadata-edit.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const IMAGE_HELP = `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

  pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1
  
  # Update all deployments' nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments nginx=nginx:1.9.1 --all
  
  # Update image of all containers of deployment abc to 'nginx:1.9.1'
  kubectl set image deployment abc *=nginx:1.9.1

Options:
    --all=false:
	Select all resources, in the namespace of the specified resource types

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-set':
	Name of the manager used to track field ownership.

    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
	Output format. One of: (json, yaml, name).

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const FLAGS: FlagSpec[] = [
  ...FILENAME_FLAGS,
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'record', type: 'bool' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
]

/** The pod spec inside an object, and how a patch reaches it; undefined for kinds without one. */
function podSpecOf(o: StoredObject): { spec: PodSpec; wrap: (containers: unknown) => unknown } | undefined {
  const spec = o.spec as { template?: { spec?: PodSpec } } & Partial<PodSpec>
  if (o.kind === 'Pod') return { spec: spec as PodSpec, wrap: (c) => ({ spec: c }) }
  if (['Deployment', 'ReplicaSet', 'DaemonSet'].includes(o.kind ?? '') && spec.template?.spec) return { spec: spec.template.spec, wrap: (c) => ({ spec: { template: { spec: c } } }) }
  return undefined
}

/** setImage: every container of that name (or all, for `*`) gets the image; whether one matched. */
function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false
  for (const c of containers ?? [])
    if (c.name === name || name === '*') {
      found = true
      c.image = image
    }
  return found
}

/** Only the containers whose image changed, by name (the merge key): the two-way merge patch. */
function changedContainers(before: readonly Container[] | undefined, after: readonly Container[] | undefined): { name: string; image?: string }[] {
  return (after ?? []).filter((c, i) => before?.[i]?.image !== c.image).map((c) => ({ name: c.name, image: c.image }))
}

const set: KubectlCommand = {
  name: 'set',
  short: 'Set specific features on objects',
  help: SET_HELP,
  helpFor: (args) => (args.find((a) => !a.startsWith('-')) === 'image' ? IMAGE_HELP : undefined),
  flags: FLAGS,
  // set image has no --validate.
  subcommand(argv) {
    const word = commandWords(argv, FLAGS)[0]
    if (word === 'image') return { path: 'set image', flags: FLAGS.filter((f) => f.name !== 'validate') }
    const other = ({ env: 'env', resources: 'resources', selector: 'selector', serviceaccount: 'serviceaccount', sa: 'serviceaccount', subject: 'subject' } as Record<string, string>)[word]
    // set itself has no flags of its own.
    return other ? { path: `set ${other}`, flags: [], unavailable: true } : { path: 'set', flags: [] }
  },
  run(ctx, args) {
    const [sub, ...rest] = args.positionals
    if (sub === undefined) {
      // DefaultSubCommandRun(streams.ErrOut): the help on stderr, then exit 1.
      ctx.err(SET_HELP)
      return 1
    }
    if (sub !== 'image') throw new KubectlError(`error: unknown command "${args.positionals.join(' ')}"\nSee 'kubectl set -h' for help and examples`)
    const dryRun = dryRunOf(args)
    const output = outputOf(args)
    if (flagBool(args, 'local')) throw new KubectlError('error: --local is not available in the kubelings playground; use --dry-run=client')
    const { resources, pairs } = resourcesAndPairs(rest, 'image')
    const images = new Map<string, string>()
    for (const p of pairs) {
      const eq = p.indexOf('=')
      if (eq <= 0) throw new KubectlError(`error: invalid image format: ${JSON.stringify(p)}`)
      images.set(p.slice(0, eq), p.slice(eq + 1))
    }
    // Complete: the builder fetches everything first; its errors end the command there.
    const selector = flagString(args, 'selector')
    const all = flagBool(args, 'all')
    const hasFiles = flagArray(args, 'filename').length > 0
    const found: { object: StoredObject; type: ReturnType<typeof ctx.api.typeOf> }[] = []
    // Without --local (not here) the builder runs, and refuses when nothing names a resource.
    if (resources.length === 0 && !hasFiles) throw new KubectlError(NO_RESOURCES_ERROR)
    {
      if (!hasFiles && resources.length === 1 && !resources[0].includes('/') && !selector && !all)
        throw new KubectlError('error: resource(s) were provided, but no name was specified')
      const { targets, errors } = builderTargets(ctx, args, resources, false)
      for (const t of targets) {
        const got = t.object ? { ok: true as const, value: t.object } : ctx.api.get(KUBECTL, t.type.resource, t.namespace, t.name)
        if (got.ok) found.push({ object: got.value, type: t.type })
        else errors.push(statusErr(got.error))
      }
      const failed = aggregate(errors)
      if (failed) throw new KubectlError(formatKubectlErr(failed))
    }
    // Validate
    const invalid: KubectlErr[] = []
    if (all && selector) invalid.push(messageErr('cannot set --all and --selector at the same time'))
    if (resources.length < 1 && !hasFiles) invalid.push(messageErr('one or more resources must be specified as <resource> <name> or <resource>/<name>'))
    if (images.size < 1) invalid.push(messageErr('at least one image update is required'))
    else if (images.size > 1 && images.has('*')) invalid.push(messageErr('all containers are already specified by *, but saw more than one container_name=container_image pairs'))
    const bad = aggregate(invalid)
    if (bad) throw new KubectlError(formatKubectlErr(bad))
    // Run
    const errors: KubectlErr[] = []
    for (const { object, type } of found) {
      const updated = clone(object)
      const pod = podSpecOf(updated)
      if (!pod) {
        errors.push(messageErr(`error: ${type.resource}/${object.metadata.name} the object is not a pod or does not have a pod template: *v1.${object.kind}`))
        continue
      }
      const before = podSpecOf(object)!.spec
      for (const [name, image] of images) {
        const inInit = setImage(pod.spec.initContainers, name, image)
        const inMain = setImage(pod.spec.containers, name, image)
        if (!inInit && !inMain) errors.push(messageErr(`error: unable to find container named ${JSON.stringify(name)}`))
      }
      const containers = changedContainers(before.containers, pod.spec.containers)
      const initContainers = changedContainers(before.initContainers, pod.spec.initContainers)
      if (containers.length === 0 && initContainers.length === 0) continue // no changes
      if (dryRun === 'client') {
        printObject(ctx, type, updated, 'image updated', output, dryRun)
        continue
      }
      const body = pod.wrap({ ...(containers.length ? { containers } : {}), ...(initContainers.length ? { initContainers } : {}) })
      const patched = ctx.api.patch(KUBECTL, type.resource, object.metadata.namespace, object.metadata.name, body, 'strategic', { dryRun: dryRun === 'server' })
      if (!patched.ok) {
        errors.push(messageErr(`failed to patch image update to pod template: ${patched.error.message}`))
        continue
      }
      printObject(ctx, type, patched.value, 'image updated', output, dryRun)
    }
    const failed = aggregate(errors)
    if (!failed) return 0
    ctx.err(formatKubectlErr(failed))
    return 1
  },
}

export default set
