// `kubectl get --raw PATH` (pkg/cmd/get/get.go Complete/Validate, pkg/rawhttp RawGet): a GET of a
// non-resource URL, its body copied to stdout as it is. The playground answers the apiserver's
// health endpoints (pkg/server/healthz): /healthz, /livez, /readyz and their `ping` check, each
// `ok` with no newline after it. A path outside everything kube-apiserver serves is a 404, which
// kubectl prints as the NotFound Status. What lies under a served prefix (/api, /metrics, a
// health check other than ping, `?verbose`) the playground does not model: it says so.
import { flagBool, flagString, type ParsedArgs } from '../args.js'
import { KubectlError, type KubectlContext } from '../context.js'

/** Whole paths answered with `ok`: the three health endpoints and the ping check each has. */
const HEALTH_OK = new Set(['/healthz', '/livez', '/readyz', '/healthz/ping', '/livez/ping', '/readyz/ping'])

/** The first path segments kube-apiserver has a handler for (besides `/` itself, its index). */
const SERVED_PREFIXES = ['api', 'apis', 'healthz', 'livez', 'readyz', 'metrics', 'openapi', 'version', 'logs', 'debug', '.well-known', 'openid', 'flowcontrol']

/** Whether `--raw` was given (non-empty): then `get` is a raw request and nothing else. */
export const isRawGet = (args: ParsedArgs): boolean => flagString(args, 'raw') !== ''

export function runRawGet(ctx: KubectlContext, args: ParsedArgs): number {
  const raw = flagString(args, 'raw')
  // Complete, then Validate, in that order.
  if (args.positionals.length > 0) throw new KubectlError('error: arguments may not be passed when --raw is specified')
  if (flagBool(args, 'watch') || flagBool(args, 'watch-only') || flagString(args, 'selector') !== '')
    throw new KubectlError('error: --raw may not be specified with other flags that filter the server request or alter the output')
  if (flagString(args, 'output') !== '') throw new KubectlError('error: --raw and --output are mutually exclusive')
  // url.ParseRequestURI: an absolute URI or an absolute path.
  if (!raw.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) throw new KubectlError(`error: --raw must be a valid URL path: parse ${JSON.stringify(raw)}: invalid URI for request`)
  if (!raw.startsWith('/')) throw new KubectlError(`error: kubectl get --raw ${raw}: only paths on the server (/healthz) are available in the kubelings playground`)
  if (HEALTH_OK.has(raw)) {
    ctx.out('ok')
    return 0
  }
  const first = raw.split(/[?#]/)[0].split('/')[1] ?? ''
  if (raw !== '/' && !raw.startsWith('/?') && !SERVED_PREFIXES.includes(first))
    throw new KubectlError('Error from server (NotFound): the server could not find the requested resource')
  throw new KubectlError(`error: kubectl get --raw ${raw} is not available in the kubelings playground; it answers /healthz, /livez and /readyz`)
}
