// kubectl create -f (pkg/cmd/create/create.go) and the generators learners use most:
// `create deployment`, `create ingress`, `create namespace`, `create service clusterip|nodeport|loadbalancer`,
// `create configmap`, `create secret generic|docker-registry|tls`, `create serviceaccount`.
import type { KubeObject } from '../../cluster/object.js'
import { resourceForKind } from '../../cluster/resources.js'
import { NAME_SUFFIX_ALPHABET } from '../../cluster/prng.js'
import { commandWords, flagArray, flagBool, flagInt, flagString, hasFlag, type FlagSpec, type ParsedArgs } from '../args.js'
import { KUBECTL, KubectlError, requiredFlagError, type KubectlCommand, type KubectlContext, type Subcommand } from '../context.js'
import { FILENAME_FLAGS, filenameOptions, loadManifests } from '../manifest.js'
import { aggregate, formatKubectlErr, statusErr, type KubectlErr } from '../objects/errors.js'
import { deploymentObject, namespaceObject, serviceObject, type ServiceType } from '../objects/generators.js'
import { ingressObject, validateIngressFlags } from '../objects/ingress-generator.js'
import { createSecret, CONFIG_FLAGS, configMapObject, serviceAccountObject, sourcesOf } from '../objects/config-create.js'
import { withLastAppliedConfiguration } from '../apply-patch.js'
import { withLastApplied } from '../objects/last-applied.js'
import { withContentHash } from '../objects/append-hash.js'
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, outputOf, printObject } from '../objects/output.js'
import { HELP_TEXTS } from '../help-texts.js'

const SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const SAVE_CONFIG: FlagSpec = { name: 'save-config', type: 'bool' }
const FIELD_MANAGER: FlagSpec = { name: 'field-manager', type: 'string' }
const VALIDATE = FILENAME_FLAGS.find((f) => f.name === 'validate')!
/** What every generator has: printing, dry run, save-config, field manager, validation. */
const GENERATOR_FLAGS: readonly FlagSpec[] = [DRY_RUN_FLAG, OUTPUT_FLAG, SAVE_CONFIG, FIELD_MANAGER, VALIDATE]
const config = (...names: string[]): FlagSpec[] => CONFIG_FLAGS.filter((f) => names.includes(f.name))
const TCP: FlagSpec = { name: 'tcp', type: 'stringArray' }
const APPEND_HASH: FlagSpec = { name: 'append-hash', type: 'bool' }

/** Each generator's own flags (cobra children of `create`), by every name it answers to. */
const GENERATORS: Readonly<Record<string, readonly FlagSpec[]>> = {
  deployment: [...GENERATOR_FLAGS, { name: 'image', type: 'stringArray' }, { name: 'replicas', short: 'r', type: 'int' }, { name: 'port', type: 'int' }],
  ingress: [...GENERATOR_FLAGS, { name: 'class', type: 'string' }, { name: 'rule', type: 'stringArray' }, { name: 'default-backend', type: 'string' }, { name: 'annotation', type: 'stringArray' }],
  namespace: GENERATOR_FLAGS,
  configmap: [...GENERATOR_FLAGS, APPEND_HASH, ...config('from-file', 'from-literal', 'from-env-file')],
  serviceaccount: GENERATOR_FLAGS,
  'secret generic': [...GENERATOR_FLAGS, APPEND_HASH, ...config('from-file', 'from-literal', 'from-env-file', 'type')],
  'secret docker-registry': [...GENERATOR_FLAGS, APPEND_HASH, ...config('docker-server', 'docker-username', 'docker-password', 'docker-email', 'from-file')],
  'secret tls': [...GENERATOR_FLAGS, APPEND_HASH, ...config('cert', 'key')],
  'service clusterip': [...GENERATOR_FLAGS, TCP, { name: 'clusterip', type: 'string' }],
  'service nodeport': [...GENERATOR_FLAGS, TCP, { name: 'node-port', type: 'int' }],
  'service loadbalancer': [...GENERATOR_FLAGS, TCP],
  'service externalname': [...GENERATOR_FLAGS, TCP, { name: 'external-name', type: 'string' }],
  secret: [],
  service: [],
}
const GENERATOR_ALIASES: Readonly<Record<string, string>> = { deploy: 'deployment', ing: 'ingress', ns: 'namespace', cm: 'configmap', sa: 'serviceaccount', svc: 'service' }

const CREATE_FLAGS: readonly FlagSpec[] = [...FILENAME_FLAGS, { name: 'kustomize', short: 'k', type: 'string' }, DRY_RUN_FLAG, OUTPUT_FLAG, SAVE_CONFIG, FIELD_MANAGER]

/** kubectl 1.32's generators the playground does not have yet, by every name they answer to. */
const UNAVAILABLE: Readonly<Record<string, string>> = {
  clusterrole: 'clusterrole',
  clusterrolebinding: 'clusterrolebinding',
  cronjob: 'cronjob',
  cj: 'cronjob',
  job: 'job',
  poddisruptionbudget: 'poddisruptionbudget',
  pdb: 'poddisruptionbudget',
  priorityclass: 'priorityclass',
  pc: 'priorityclass',
  quota: 'quota',
  resourcequota: 'quota',
  role: 'role',
  rolebinding: 'rolebinding',
  token: 'token',
}

/** The generator the words name (`create service nodeport`), with its canonical path, or the nearest parent. */
function generatorOf(words: readonly string[]): Subcommand | undefined {
  if (UNAVAILABLE[words[0]]) return { path: `create ${UNAVAILABLE[words[0]]}`, flags: [], unavailable: true }
  const first = GENERATOR_ALIASES[words[0]] ?? words[0]
  const two = `${first} ${words[1]}`
  if (words.length > 1 && GENERATORS[two]) return { path: `create ${two}`, flags: GENERATORS[two] }
  if (GENERATORS[first]) return { path: `create ${first}`, flags: GENERATORS[first] }
  return undefined
}

const create: KubectlCommand = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  help: HELP_TEXTS.create,
  flags: CREATE_FLAGS,
  subcommand: (argv) => generatorOf(commandWords(argv, CREATE_FLAGS)),
  run(ctx, args) {
    const [sub, ...rest] = args.positionals
    switch (sub) {
      case 'deployment':
      case 'deploy':
        // --image is required (cobra checks it before anything else, NAME included).
        if (flagArray(args, 'image').length === 0) throw requiredFlagError('image', ctx.now())
        return createGenerated(ctx, args, 'deployment', rest, (name) => {
          const images = flagArray(args, 'image').flatMap((i) => i.split(','))
          if (images.length > 1 && args.rest.length > 0) throw new KubectlError('error: cannot specify multiple --image options and command')
          const suffix = (): string => ctx.cluster.rng.string(NAME_SUFFIX_ALPHABET, 5)
          return deploymentObject({ name, namespace: nsIfGiven(ctx), images, replicas: flagInt(args, 'replicas', 1), port: flagInt(args, 'port', -1), command: args.rest }, suffix)
        })
      case 'ingress':
      case 'ing':
        return createGenerated(
          ctx,
          args,
          'ingress',
          rest,
          (name) => {
            const flags = { name, namespace: nsIfGiven(ctx), className: flagString(args, 'class'), rules: flagArray(args, 'rule'), defaultBackend: flagString(args, 'default-backend'), annotations: flagArray(args, 'annotation') }
            validateIngressFlags(flags)
            return ingressObject(flags)
          },
          'failed to create ingress',
        )
      case 'namespace':
      case 'ns':
        return createGenerated(ctx, args, 'namespace', rest, namespaceObject)
      case 'service':
      case 'svc':
        return createService(ctx, args, rest)
      case 'configmap':
      case 'cm':
        return createGenerated(ctx, args, 'configmap', rest, (name) => configMapObject(ctx.io, name, nsIfGiven(ctx), sourcesOf(args)), 'failed to create configmap')
      case 'secret':
        return createSecret(ctx, args, rest, nsIfGiven(ctx), (what, names, build) => createGenerated(ctx, args, what, names, build, (m) => `failed to create secret ${m}`))
      case 'serviceaccount':
      case 'sa':
        return createGenerated(ctx, args, 'serviceaccount', rest, (name) => serviceAccountObject(name, nsIfGiven(ctx)), 'failed to create serviceaccount')
      case undefined:
        break
      default:
        // cobra: `create` takes no arguments of its own (cobra.NoArgs via ValidateArgs).
        throw new KubectlError(`error: Unexpected args: [${args.positionals.join(' ')}]\nSee 'kubectl create -h' for help and examples`)
    }
    const files = filenameOptions(args)
    const kustomize = args.flags['kustomize'] !== undefined
    if (files.filenames.length > 0 && kustomize) throw new KubectlError('error: only one of -f or -k can be specified')
    if (kustomize) throw new KubectlError('error: kustomize (-k) is not available in this playground; pass the manifests with -f')
    if (files.filenames.length === 0) throw new KubectlError('error: must specify one of -f and -k')
    return createFromFiles(ctx, args)
  },
}

const nsIfGiven = (ctx: KubectlContext): string | undefined => (ctx.namespaceGiven ? ctx.namespace : undefined)

function createFromFiles(ctx: KubectlContext, args: ParsedArgs): number {
  const files = filenameOptions(args)
  const dryRun = dryRunOf(args)
  const output = outputOf(args)
  const loaded = loadManifests(ctx.io, files, { namespace: ctx.namespace, enforce: ctx.namespaceGiven })
  if (!loaded.ok) throw new KubectlError(formatKubectlErr(loaded.error))
  const errors: KubectlErr[] = []
  let count = 0
  for (const visit of loaded.visits) {
    if ('error' in visit) {
      errors.push(visit.error)
      continue
    }
    const { type, namespace, source } = visit.object
    let object: KubeObject = flagBool(args, 'save-config') ? withLastAppliedConfiguration(visit.object.object) : visit.object.object
    if (dryRun !== 'client') {
      const created = ctx.api.create(KUBECTL, object, namespace, { dryRun: dryRun === 'server', fieldValidation: files.validate ? 'Strict' : 'Ignore' })
      if (!created.ok) {
        errors.push(statusErr(created.error, 'creating', source))
        continue
      }
      object = created.value
    }
    count++
    printObject(ctx, type, object, 'created', output, dryRun)
  }
  if (errors.length > 0) {
    ctx.err(formatKubectlErr(aggregate(errors)!))
    return 1
  }
  if (count === 0) throw new KubectlError('error: no objects passed to create')
  return 0
}

/** `exactly one NAME is required`, then build, optionally save the config, send, print. */
function createGenerated(
  ctx: KubectlContext,
  args: ParsedArgs,
  what: string,
  names: readonly string[],
  build: (name: string) => KubeObject,
  failure?: string | ((message: string) => string),
): number {
  if (names.length !== 1) throw new KubectlError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${what} -h' for help and examples`)
  const dryRun = dryRunOf(args)
  const output = outputOf(args)
  let object = build(names[0])
  // --append-hash (configmap and secret only) names the object after its content, before save-config.
  if (flagBool(args, 'append-hash')) object = withContentHash(object)
  if (flagBool(args, 'save-config')) object = withLastApplied(object)
  const type = resourceForKind(object.apiVersion as string, object.kind as string)!
  let typed = true
  if (dryRun !== 'client') {
    const namespace = type.namespaced ? ctx.namespace : undefined
    const created = ctx.api.create(KUBECTL, object, namespace, { dryRun: dryRun === 'server', fieldValidation: 'Strict' })
    if (!created.ok) {
      // create deployment and create service wrap the API error in a plain one (fmt.Errorf("%v")).
      const fail = failure ?? (what === 'deployment' ? 'failed to create deployment' : undefined)
      if (typeof fail === 'function') throw new KubectlError(`error: ${fail(created.error.message)}`)
      throw new KubectlError(fail ? `error: ${fail}: ${created.error.message}` : formatKubectlErr(statusErr(created.error)))
    }
    object = created.value
    typed = false
  }
  printObject(ctx, type, object, 'created', output, dryRun, typed)
  return 0
}

const SERVICE_TYPES: Record<string, ServiceType> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }

function createService(ctx: KubectlContext, args: ParsedArgs, rest: readonly string[]): number {
  const [kind, ...names] = rest
  if (kind === undefined) {
    // DefaultSubCommandRun(streams.ErrOut): the help on stderr, then exit 1.
    ctx.err(SERVICE_HELP)
    return 1
  }
  const type = SERVICE_TYPES[kind]
  // --external-name is required (cobra checks it before anything else).
  if (kind === 'externalname' && !hasFlag(args, 'external-name')) throw requiredFlagError('external-name', ctx.now())
  if (!type) throw new KubectlError(`error: unknown command "${rest.join(' ')}"\nSee 'kubectl create service -h' for help and examples`)
  return createGenerated(
    ctx,
    args,
    `service ${kind}`,
    names,
    (name) =>
      serviceObject({
        name,
        namespace: nsIfGiven(ctx),
        type,
        // A string slice: `--tcp=` is no specifier at all, `a,b` two.
        tcp: flagArray(args, 'tcp').flatMap((t) => (t === '' ? [] : t.split(','))),
        clusterIP: type === 'ClusterIP' ? flagString(args, 'clusterip') || undefined : undefined,
        nodePort: flagInt(args, 'node-port', 0),
        externalName: type === 'ExternalName' ? flagString(args, 'external-name') : undefined,
      }),
    `failed to create ${type} service`,
  )
}

export default create
