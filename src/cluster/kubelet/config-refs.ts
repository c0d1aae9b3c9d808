// What a pod takes from ConfigMaps and Secrets, resolved as the kubelet does it: environment
// variables (kubelet_pods.go makeEnvironmentVariables: envFrom first, then env, which overrides),
// and configMap / secret volumes (pkg/volume/configmap, pkg/volume/secret: SetUp fails while the
// object or a listed key is missing, unless optional). Errors are the kubelet's own sentences; its
// ConfigMap and Secret managers name the resource in the singular (`configmap "x" not found`).
//
// CHOSEN: the kubelet reads the objects when it needs them (a GET, in the trace) rather than
// through its watch-based cache; a volume's files are read at the time they are looked at, so an
// update shows at once rather than after the kubelet's sync period. The kube-api-access volume's
// ConfigMap kube-root-ca.crt is not waited for: root-ca-cert-publisher makes it with the namespace.
import type { ConfigMap, Container, Pod, Secret, Volume } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import { podEvent, type SyncContext } from './context.js'
import { decodeBase64Text, encodeBase64Text } from '../validation/config.js'
import { ROOT_CA_CONFIG_MAP, CLUSTER_CA_CRT } from '../controllers/root-ca-publisher.js'

/** Reads a ConfigMap or Secret of the pod's namespace; undefined when it does not exist. */
export type ConfigLookup = {
  (resource: 'configmaps', namespace: string, name: string): ConfigMap | undefined
  (resource: 'secrets', namespace: string, name: string): Secret | undefined
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string }

const notFound = (kind: 'configmap' | 'secret', name: string): string => `${kind} "${name}" not found`
/** A Secret's values are bytes; the simulated processes see them as UTF-8 text. */
const secretText = (s: Secret, key: string): string | undefined => (s.data?.[key] === undefined ? undefined : decodeBase64Text(s.data[key]!))

/**
 * The variables a container gets from ConfigMaps and Secrets: `fromEnvFrom` (all keys, prefixed)
 * and `fromRefs` (env entries with configMapKeyRef / secretKeyRef), or the error that stops the
 * container from being created (CreateContainerConfigError). Optional references that are missing
 * are left out.
 */
export function resolveConfigEnv(lookup: ConfigLookup, pod: Pod, c: Container): Resolved<{ fromEnvFrom: Record<string, string>; fromRefs: Record<string, string> }> {
  const ns = pod.metadata?.namespace ?? 'default'
  const fromEnvFrom: Record<string, string> = {}
  for (const source of c.envFrom ?? []) {
    const prefix = source.prefix ?? ''
    if (source.configMapRef) {
      const name = source.configMapRef.name ?? ''
      const cm = lookup('configmaps', ns, name)
      if (!cm) {
        if (source.configMapRef.optional) continue
        return { ok: false, message: notFound('configmap', name) }
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) fromEnvFrom[prefix + k] = v
    } else if (source.secretRef) {
      const name = source.secretRef.name ?? ''
      const secret = lookup('secrets', ns, name)
      if (!secret) {
        if (source.secretRef.optional) continue
        return { ok: false, message: notFound('secret', name) }
      }
      for (const k of Object.keys(secret.data ?? {})) fromEnvFrom[prefix + k] = secretText(secret, k)!
    }
  }
  const fromRefs: Record<string, string> = {}
  for (const e of c.env ?? []) {
    const cmRef = e.valueFrom?.configMapKeyRef
    const secretRef = e.valueFrom?.secretKeyRef
    if (cmRef) {
      const cm = lookup('configmaps', ns, cmRef.name ?? '')
      if (!cm) {
        if (cmRef.optional) continue
        return { ok: false, message: notFound('configmap', cmRef.name ?? '') }
      }
      const value = cm.data?.[cmRef.key]
      if (value === undefined) {
        if (cmRef.optional) continue
        return { ok: false, message: `couldn't find key ${cmRef.key} in ConfigMap ${ns}/${cmRef.name ?? ''}` }
      }
      fromRefs[e.name] = value
    } else if (secretRef) {
      const secret = lookup('secrets', ns, secretRef.name ?? '')
      if (!secret) {
        if (secretRef.optional) continue
        return { ok: false, message: notFound('secret', secretRef.name ?? '') }
      }
      const value = secretText(secret, secretRef.key)
      if (value === undefined) {
        if (secretRef.optional) continue
        return { ok: false, message: `couldn't find key ${secretRef.key} in Secret ${ns}/${secretRef.name ?? ''}` }
      }
      fromRefs[e.name] = value
    }
  }
  return { ok: true, value: { fromEnvFrom, fromRefs } }
}

const isTokenVolume = (v: Volume): boolean => v.name.startsWith('kube-api-access-') && !!v.projected

/**
 * Why a volume cannot be set up now, as the FailedMount event says it
 * (`MountVolume.SetUp failed for volume "cfg" : configmap "x" not found`); undefined when every
 * configMap and secret volume (and projected source) can be.
 */
export function volumeSetUpError(lookup: ConfigLookup, pod: Pod): string | undefined {
  const ns = pod.metadata?.namespace ?? 'default'
  for (const v of pod.spec?.volumes ?? []) {
    if (isTokenVolume(v)) continue
    const problem = v.configMap
      ? configMapProblem(lookup, ns, v.configMap.name ?? '', v.configMap.items ?? [], v.configMap.optional)
      : v.secret
        ? secretProblem(lookup, ns, v.secret.secretName ?? '', v.secret.items ?? [], v.secret.optional)
        : v.projected
          ? projectedProblem(lookup, ns, v)
          : undefined
    if (problem) return `MountVolume.SetUp failed for volume "${v.name}" : ${problem}`
  }
  return undefined
}

function configMapProblem(lookup: ConfigLookup, ns: string, name: string, items: readonly { key: string }[], optional?: boolean): string | undefined {
  const cm = lookup('configmaps', ns, name)
  if (!cm) return optional ? undefined : notFound('configmap', name)
  const missing = items.find((i) => cm.data?.[i.key] === undefined && cm.binaryData?.[i.key] === undefined)
  if (missing && !optional) return `configmap references non-existent config key: ${missing.key}`
  return undefined
}

function secretProblem(lookup: ConfigLookup, ns: string, name: string, items: readonly { key: string }[], optional?: boolean): string | undefined {
  const secret = lookup('secrets', ns, name)
  if (!secret) return optional ? undefined : notFound('secret', name)
  const missing = items.find((i) => secret.data?.[i.key] === undefined)
  if (missing && !optional) return `references non-existent secret key: ${missing.key}`
  return undefined
}

function projectedProblem(lookup: ConfigLookup, ns: string, v: Volume): string | undefined {
  for (const s of v.projected?.sources ?? []) {
    const problem = s.configMap
      ? configMapProblem(lookup, ns, s.configMap.name ?? '', s.configMap.items ?? [], s.configMap.optional)
      : s.secret
        ? secretProblem(lookup, ns, s.secret.name ?? '', s.secret.items ?? [], s.secret.optional)
        : undefined
    if (problem) return problem
  }
  return undefined
}

/** The files of one volume source: every key, or the listed items at their paths. */
function keyFiles(values: Readonly<Record<string, string>>, items: readonly { key: string; path: string }[] | undefined): Record<string, string> {
  if (!items?.length) return { ...values }
  const out: Record<string, string> = {}
  for (const i of items) if (values[i.key] !== undefined) out[i.path] = values[i.key]!
  return out
}

const secretValues = (s: Secret | undefined): Record<string, string> =>
  Object.fromEntries(Object.keys(s?.data ?? {}).map((k) => [k, secretText(s!, k)!]))

/** What a volume holds, by path inside it. A token volume's token is a stand-in (no JWT is signed here). */
function volumeContents(lookup: ConfigLookup, pod: Pod, v: Volume): Record<string, string> {
  const ns = pod.metadata?.namespace ?? 'default'
  if (v.configMap) return keyFiles(lookup('configmaps', ns, v.configMap.name ?? '')?.data ?? {}, v.configMap.items)
  if (v.secret) return keyFiles(secretValues(lookup('secrets', ns, v.secret.secretName ?? '')), v.secret.items)
  if (!v.projected) return {}
  const out: Record<string, string> = {}
  for (const s of v.projected.sources ?? []) {
    if (s.configMap) {
      const data = s.configMap.name === ROOT_CA_CONFIG_MAP ? (lookup('configmaps', ns, ROOT_CA_CONFIG_MAP)?.data ?? { 'ca.crt': CLUSTER_CA_CRT }) : (lookup('configmaps', ns, s.configMap.name ?? '')?.data ?? {})
      Object.assign(out, keyFiles(data, s.configMap.items))
    } else if (s.secret) Object.assign(out, keyFiles(secretValues(lookup('secrets', ns, s.secret.name ?? '')), s.secret.items))
    else if (s.serviceAccountToken) out[s.serviceAccountToken.path] = serviceAccountToken(pod)
    else if (s.downwardAPI) for (const i of s.downwardAPI.items ?? []) if (i.fieldRef?.fieldPath === 'metadata.namespace') out[i.path] = ns
  }
  return out
}

/** A stand-in for the bound token: JWT-shaped (header.payload.signature), never valid anywhere. */
function serviceAccountToken(pod: Pod): string {
  const b64url = (s: string): string => encodeBase64Text(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  const payload = { aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${pod.metadata?.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` }
  return `${b64url('{"alg":"RS256"}')}.${b64url(JSON.stringify(payload))}.c2ltdWxhdGVk`
}

/** The files a container sees through its volume mounts, by absolute path (for `cat` in exec). */
export function mountedFiles(lookup: ConfigLookup, pod: Pod, c: Container): Record<string, string> {
  const files: Record<string, string> = {}
  for (const m of c.volumeMounts ?? []) {
    const v = (pod.spec?.volumes ?? []).find((x) => x.name === m.name)
    if (!v) continue
    const contents = volumeContents(lookup, pod, v)
    if (m.subPath) {
      if (contents[m.subPath] !== undefined) files[m.mountPath] = contents[m.subPath]!
      continue
    }
    for (const [path, text] of Object.entries(contents)) files[`${m.mountPath.replace(/\/$/, '')}/${path}`] = text
  }
  return files
}

/** The volume manager's retry of a failed mount: 500 ms, doubling, at most 2m2s (exponentialbackoff). */
export const MOUNT_RETRY_INITIAL: Millis = 500
export const MOUNT_RETRY_MAX: Millis = 122_000
export const nextMountRetry = (delay: Millis | undefined): Millis => (delay === undefined ? MOUNT_RETRY_INITIAL : Math.min(delay * 2, MOUNT_RETRY_MAX))

/** The kubelet's reads, through the apiserver under its own name. */
export function apiLookup(api: { get(who: string, resource: string, namespace: string | undefined, name: string): { ok: boolean; value?: unknown } }, who: string): ConfigLookup {
  return ((resource: 'configmaps' | 'secrets', namespace: string, name: string) => {
    const got = api.get(who, resource, namespace, name)
    return got.ok ? got.value : undefined
  }) as ConfigLookup
}

/**
 * WaitForAttachAndMount, as the pod's worker sees it: true while a volume cannot be set up. Each
 * failed attempt of the volume manager is a FailedMount event; it tries again after its back-off,
 * and the worker with it (the pod stays ContainerCreating, without a sandbox).
 */
export function waitForVolumes(ctx: SyncContext): boolean {
  const { rt } = ctx
  if (rt.mountRetry && ctx.now < rt.mountRetry.at) {
    rt.retryAt = rt.mountRetry.at
    return true
  }
  const problem = volumeSetUpError(apiLookup(ctx.api, ctx.who), ctx.pod)
  if (!problem) {
    delete rt.mountRetry
    return false
  }
  podEvent(ctx, 'Warning', 'FailedMount', problem)
  const delay = nextMountRetry(rt.mountRetry?.delay)
  rt.mountRetry = { at: ctx.now + delay, delay }
  rt.retryAt = rt.mountRetry.at
  return true
}
