// The flags and subcommands of `kubectl create configmap|secret|serviceaccount` (create_configmap.go,
// create_secret*.go, create_serviceaccount.go); the objects are built in config-generators.ts.
import type { KubeObject } from '../../cluster/object.js'
import { flagArray, flagString, type FlagSpec, type ParsedArgs } from '../args.js'
import { KubectlError, type KubectlContext } from '../context.js'
import { dockerRegistrySecretObject, genericSecretObject, tlsSecretObject, type Sources } from './config-generators.js'

export { configMapObject, serviceAccountObject } from './config-generators.js'

export const CONFIG_FLAGS: readonly FlagSpec[] = [
  { name: 'from-file', type: 'stringArray' },
  { name: 'from-literal', type: 'stringArray' },
  { name: 'from-env-file', type: 'stringArray' },
  { name: 'type', type: 'string' },
  { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
  { name: 'docker-username', type: 'string' },
  { name: 'docker-password', type: 'string' },
  { name: 'docker-email', type: 'string' },
  { name: 'cert', type: 'string' },
  { name: 'key', type: 'string' },
]

/** --from-file and --from-env-file are string slices (comma-separated, repeatable); --from-literal an array. */
const slice = (args: ParsedArgs, name: string): string[] => flagArray(args, name).flatMap((v) => v.split(','))

export function sourcesOf(args: ParsedArgs): Sources {
  return { fromFile: slice(args, 'from-file'), fromLiteral: flagArray(args, 'from-literal'), fromEnvFile: slice(args, 'from-env-file') }
}

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

type Generate = (what: string, names: readonly string[], build: (name: string) => KubeObject) => number

/**
 * `kubectl create secret SUBCOMMAND NAME ...`. Without a subcommand, DefaultSubCommandRun prints
 * the group's help on stderr and exits 1.
 */
export function createSecret(ctx: KubectlContext, args: ParsedArgs, rest: readonly string[], namespace: string | undefined, generate: Generate): number {
  const [kind, ...names] = rest
  switch (kind) {
    case undefined:
      ctx.err(SECRET_HELP)
      return 1
    case 'generic':
      return generate('secret generic', names, (name) => genericSecretObject(ctx.io, name, namespace, flagString(args, 'type'), sourcesOf(args)))
    case 'docker-registry':
      return generate('secret docker-registry', names, (name) =>
        dockerRegistrySecretObject(ctx.io, name, namespace, {
          server: flagString(args, 'docker-server', 'https://index.docker.io/v1/'),
          username: flagString(args, 'docker-username'),
          password: flagString(args, 'docker-password'),
          email: flagString(args, 'docker-email'),
          fromFile: slice(args, 'from-file'),
        }),
      )
    case 'tls':
      return generate('secret tls', names, (name) => tlsSecretObject(ctx.io, name, namespace, flagString(args, 'cert'), flagString(args, 'key')))
    default:
      throw new KubectlError(`error: unknown command "${rest.join(' ')}"\nSee 'kubectl create secret -h' for help and examples`)
  }
}
