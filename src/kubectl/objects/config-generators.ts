// The objects of `kubectl create configmap|secret generic|secret docker-registry|secret tls|
// serviceaccount` (pkg/cmd/create/create_configmap.go, create_secret.go, create_secret_docker.go,
// create_secret_tls.go, create_serviceaccount.go; sources parsed as pkg/util ParseFileSource and
// ParseLiteralSource, env files as cmdutil.AddFromEnvFile). Errors are kubectl's own sentences.
// Files are read as UTF-8 text, so a ConfigMap built here never gets binaryData.
import { posix } from 'node:path'
import { encodeBase64Text, isConfigMapKey } from '../../cluster/validation/config.js'
import type { KubeObject } from '../../cluster/object.js'
import { KubectlError } from '../context.js'
import type { KubectlIO } from '../io.js'

export interface Sources {
  readonly fromFile: readonly string[]
  readonly fromLiteral: readonly string[]
  readonly fromEnvFile: readonly string[]
}

const fail = (message: string): never => {
  throw new KubectlError(`error: ${message}`)
}

/** ParseLiteralSource: `key=value`, split at the first `=`; the key may not be empty. */
function parseLiteral(source: string): [string, string] {
  const at = source.indexOf('=')
  if (at <= 0) fail(`invalid literal source ${source}, expected key=value`)
  return [source.slice(0, at), source.slice(at + 1)]
}

/** ParseFileSource: `path` (its base name is the key) or `key=path`. */
function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1
  if (n === 0) return [posix.basename(source.replace(/\\/g, '/')), source]
  if (n > 1) fail("key names or file paths cannot contain '='")
  if (source.startsWith('=')) fail(`key name for file path ${source.slice(1)} missing`)
  if (source.endsWith('=')) fail(`file path for key name ${source.slice(0, -1)} missing`)
  const [key, path] = source.split('=')
  return [key!, path!]
}

/** The files a --from-file source names: itself, or each regular file in a directory. */
function filesOf(io: KubectlIO, source: string): [string, string][] {
  const [key, path] = parseFileSource(source)
  const info = io.stat(path)
  if (!info) fail(`error reading ${path}: no such file or directory`)
  if (!info!.isDirectory) return [[key, path]]
  if (source.includes('=')) fail('cannot give a key name for a directory path')
  return io
    .readdir(path)
    .filter((name) => io.stat(posix.join(path, name))?.isDirectory === false)
    .map((name) => [name, posix.join(path, name)])
}

/** AddFromEnvFile: KEY=VALUE lines; blank lines and # comments skipped; keys must be env var names. */
function envFileEntries(io: KubectlIO, path: string, what: 'config' | 'secret'): [string, string][] {
  const info = io.stat(path)
  if (!info) fail(`error reading ${path}: no such file or directory`)
  if (info!.isDirectory) fail(`env ${what} file cannot be a directory`)
  const out: [string, string][] = []
  io.readFile(path)
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw) => {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '')
      if (line === '' || line.startsWith('#')) return
      const at = line.indexOf('=')
      const key = at < 0 ? line : line.slice(0, at)
      const errs = isEnvVarName(key)
      if (errs.length > 0) fail(`${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`)
      // A line without `=` takes its value from kubectl's environment, which a simulation has not.
      out.push([key, at < 0 ? '' : line.slice(at + 1)])
    })
  return out
}

const ENV_VAR_NAME = '[-._a-zA-Z][-._a-zA-Z0-9]*'

/** IsEnvVarName (apimachinery): the rule for env var names, and no `.`/`..` prefix. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = []
  if (!new RegExp(`^${ENV_VAR_NAME}$`).test(value))
    errs.push(
      `a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '${ENV_VAR_NAME}')`,
    )
  if (value === '.') errs.push("must not be '.'")
  else if (value === '..') errs.push("must not be '..'")
  else if (value.startsWith('..')) errs.push("must not start with '..'")
  return errs
}

function checkNoMix(sources: Sources): void {
  if (sources.fromEnvFile.length > 0 && (sources.fromFile.length > 0 || sources.fromLiteral.length > 0))
    fail('from-env-file cannot be combined with from-file or from-literal')
}

/** ObjectMeta as the Go struct marshals it: name, namespace if enforced, and a zero creationTimestamp. */
const meta = (name: string, namespace: string | undefined): Record<string, string | null> => ({ name, ...(namespace ? { namespace } : {}), creationTimestamp: null })

/** createConfigMap: files first, then literals, then env files, each key once. */
export function configMapObject(io: KubectlIO, name: string, namespace: string | undefined, sources: Sources): KubeObject {
  checkNoMix(sources)
  const data: Record<string, string> = {}
  const add = (key: string, value: string): void => {
    const errs = isConfigMapKey(key)
    if (errs.length > 0) fail(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`)
    if (key in data) fail(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`)
    data[key] = value
  }
  for (const source of sources.fromFile) for (const [key, path] of filesOf(io, source)) add(key, io.readFile(path))
  for (const source of sources.fromLiteral) add(...parseLiteral(source))
  for (const path of sources.fromEnvFile) for (const [key, value] of envFileEntries(io, path, 'config')) add(key, value)
  // Go's omitempty: an empty map is left out.
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name, namespace), ...(Object.keys(data).length > 0 ? { data } : {}) }
}

/** The data of a generic Secret, base64 as the API carries a []byte. */
function secretData(io: KubectlIO, sources: Sources): Record<string, string> {
  checkNoMix(sources)
  const data: Record<string, string> = {}
  const add = (key: string, value: string): void => {
    const errs = isConfigMapKey(key)
    if (errs.length > 0) fail(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`)
    if (key in data) fail(`cannot add key ${key}, another key by that name already exists`)
    data[key] = encodeBase64Text(value)
  }
  for (const source of sources.fromFile) for (const [key, path] of filesOf(io, source)) add(key, io.readFile(path))
  for (const source of sources.fromLiteral) add(...parseLiteral(source))
  for (const path of sources.fromEnvFile) for (const [key, value] of envFileEntries(io, path, 'secret')) add(key, value)
  return data
}

export function genericSecretObject(io: KubectlIO, name: string, namespace: string | undefined, type: string, sources: Sources): KubeObject {
  const data = secretData(io, sources)
  return { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, namespace), ...(Object.keys(data).length > 0 ? { data } : {}), ...(type ? { type } : {}) }
}

export interface DockerRegistryFlags {
  readonly server: string
  readonly username: string
  readonly password: string
  readonly email: string
  readonly fromFile: readonly string[]
}

/**
 * A kubernetes.io/dockerconfigjson Secret: `.dockerconfigjson` is ~/.docker/config.json, from a
 * file or written from the flags as json.Marshal writes DockerConfigJSON (fields in struct order).
 */
export function dockerRegistrySecretObject(io: KubectlIO, name: string, namespace: string | undefined, flags: DockerRegistryFlags): KubeObject {
  let data: Record<string, string>
  if (flags.fromFile.length > 0) data = secretData(io, { fromFile: flags.fromFile, fromLiteral: [], fromEnvFile: [] })
  else {
    if (!flags.username || !flags.password || !flags.server) fail('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required')
    const entry = {
      username: flags.username,
      password: flags.password,
      ...(flags.email ? { email: flags.email } : {}),
      auth: encodeBase64Text(`${flags.username}:${flags.password}`),
    }
    data = { '.dockerconfigjson': encodeBase64Text(JSON.stringify({ auths: { [flags.server]: entry } })) }
  }
  return { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, namespace), data, type: 'kubernetes.io/dockerconfigjson' }
}

/** A kubernetes.io/tls Secret from a PEM certificate and key (tls.X509KeyPair checks both are PEM). */
/**
 * The types of the PEM blocks encoding/pem decodes in `text`: a block counts only when its body
 * (headers aside) is valid padded base64, as tls.X509KeyPair sees it.
 */
function pemBlockTypes(text: string): string[] {
  const types: string[] = []
  for (const m of text.matchAll(/-----BEGIN ([^\n-]*)-----\n([\s\S]*?)\n?-----END \1-----/g)) {
    const body = m[2].split('\n').filter((l) => !l.includes(':')).join('').replace(/\s/g, '')
    if (body.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(body)) types.push(m[1])
  }
  return types
}

export function tlsSecretObject(io: KubectlIO, name: string, namespace: string | undefined, certPath: string, keyPath: string): KubeObject {
  if (!certPath || !keyPath) fail('key and cert must be specified')
  const read = (path: string): string => {
    try {
      return io.readFile(path)
    } catch {
      return fail(`Cannot read file ${path}, open ${path}: no such file or directory`)
    }
  }
  const cert = read(certPath)
  const key = read(keyPath)
  if (pemBlockTypes(cert).length === 0) fail('tls: failed to find any PEM data in certificate input')
  if (!pemBlockTypes(key).some((t) => t.endsWith('PRIVATE KEY'))) fail('tls: failed to find any PEM data in key input')
  return { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, namespace), data: { 'tls.crt': encodeBase64Text(cert), 'tls.key': encodeBase64Text(key) }, type: 'kubernetes.io/tls' }
}

export function serviceAccountObject(name: string, namespace: string | undefined): KubeObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, namespace) }
}
