// kubectl api-versions (pkg/cmd/apiresources/apiversions.go): every group version the server's
// discovery lists, as `group/version` (`v1` for the core group), sorted as strings.
import { RESOURCE_TYPES, apiVersionOf } from '../../cluster/resources.js'
import { KubectlError, type KubectlCommand } from '../context.js'

const HELP = `Print the supported API versions on the server, in the form of "group/version".

Examples:
  # Print the supported API versions
  kubectl api-versions

Usage:
  kubectl api-versions [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const apiVersions: KubectlCommand = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  help: HELP,
  flags: [],
  run(ctx, args) {
    // Complete refuses arguments (cmdutil.UsageErrorf).
    if (args.positionals.length > 0) throw new KubectlError(`error: unexpected arguments: [${args.positionals.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`)
    // sort.Strings: byte order, so `v1` after every `group/version`.
    const versions = [...new Set(RESOURCE_TYPES.map(apiVersionOf))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    ctx.out(versions.map((v) => `${v}\n`).join(''))
    return 0
  },
}

export default apiVersions
