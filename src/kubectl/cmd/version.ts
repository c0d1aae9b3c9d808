// kubectl version [--client] [-o yaml|json] (kubectl pkg/cmd/version/version.go). The client is the
// kubectl 1.32.4 release; the server is the simulated cluster's kube-apiserver.
import { KUBERNETES_VERSION } from '../../cluster/topology.js'
import { flagBool, flagString } from '../args.js'
import { KubectlError, type KubectlCommand } from '../context.js'

/** version.Info of the official v1.32.4 release build, in its field order (json). */
export interface VersionInfo {
  major: string
  minor: string
  gitVersion: string
  gitCommit: string
  gitTreeState: string
  buildDate: string
  goVersion: string
  compiler: string
  platform: string
}

const KUSTOMIZE_VERSION = 'v5.5.0'

// From the v1.32.4 release binaries (`kubectl version -o yaml`). The kube-apiserver's own build
// date was not found; the server reports kubectl's.
const release = (buildDate: string): VersionInfo => ({
  major: '1',
  minor: KUBERNETES_VERSION.split('.')[1],
  gitVersion: KUBERNETES_VERSION,
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate,
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
})
const CLIENT = release('2025-04-22T16:03:58Z')
const SERVER = release('2025-04-22T16:03:58Z')
/** What the simulated kube-apiserver answers on /version. */
export const SERVER_VERSION: Readonly<VersionInfo> = SERVER

/** sigs.k8s.io/yaml: keys sorted, strings that would read as numbers or times quoted. */
function infoYaml(info: VersionInfo): string {
  const keys = Object.keys(info).sort() as (keyof VersionInfo)[]
  const quoted = new Set<keyof VersionInfo>(['major', 'minor', 'buildDate'])
  return keys.map((k) => `  ${k}: ${quoted.has(k) ? JSON.stringify(info[k]) : info[k]}\n`).join('')
}

const HELP = `Print the client and server version information for the current context.

Examples:
  # Print the client and server versions for the current context
  kubectl version

Options:
    --client=false:
	If true, shows client version only (no server required).

    -o, --output='':
	One of 'yaml' or 'json'.

Usage:
  kubectl version [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const version: KubectlCommand = {
  name: 'version',
  short: 'Print the client and server version information',
  help: HELP,
  flags: [
    { name: 'client', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ],
  run(ctx, args) {
    const clientOnly = flagBool(args, 'client')
    const output = flagString(args, 'output')
    // Complete() keeps the arguments only when it talks to the server, so --client ignores them.
    if (!clientOnly && args.positionals.length > 0) throw new KubectlError(`error: extra arguments: [${args.positionals.join(' ')}]`)
    if (output !== '' && output !== 'yaml' && output !== 'json') throw new KubectlError("error: --output must be 'yaml' or 'json'")
    const server = clientOnly ? undefined : SERVER
    if (output === '') {
      ctx.out(`Client Version: ${CLIENT.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`)
      if (server) ctx.out(`Server Version: ${server.gitVersion}\n`)
    } else if (output === 'yaml') {
      let s = `clientVersion:\n${infoYaml(CLIENT)}kustomizeVersion: ${KUSTOMIZE_VERSION}\n`
      if (server) s += `serverVersion:\n${infoYaml(server)}`
      ctx.out(`${s}\n`)
    } else {
      ctx.out(`${JSON.stringify({ clientVersion: CLIENT, kustomizeVersion: KUSTOMIZE_VERSION, serverVersion: server }, null, 2)}\n`)
    }
    return 0
  },
}

export default version
