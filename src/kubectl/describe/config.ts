// kubectl describe configmap|secret|serviceaccount (ConfigMapDescriber, describeSecret,
// describeServiceAccount in pkg/describe/describe.go). Upstream ranges over Go maps, whose order
// changes from run to run; here keys are sorted, one of the orders a real kubectl may print.
import type { ConfigMap, Event, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../../cluster/clock.js'
import type { KubeObject } from '../../cluster/object.js'
import { err, ok, type Result } from '../../cluster/result.js'
import type { Status } from '../../cluster/status.js'
import { decodeBase64, decodedLength } from '../../cluster/validation/config.js'
import { KUBECTL, type KubectlContext } from '../context.js'
import type { DescriberSettings } from './describer.js'
import { describeEvents, referenceOf, searchEvents } from './events.js'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js'
import { LEVEL_0, tabbedString, type PrefixWriter } from './writer.js'

const sortedKeys = (m: Readonly<Record<string, string>> | undefined): string[] => Object.keys(m ?? {}).sort()

function writeHeader(w: PrefixWriter, o: ConfigMap | Secret | ServiceAccount): void {
  w.write(LEVEL_0, `Name:\t${o.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', o.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', o.metadata?.annotations)
}

export function configMapDescriber(ctx: KubectlContext, namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'configmaps', namespace, name)
  if (!got.ok) return err(got.error)
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeConfigMap(got.value as KubeObject as ConfigMap, events, ctx.now()))
}

/** Each data value printed whole under its key and a `----` rule; binaryData only as a size. */
export function describeConfigMap(cm: ConfigMap, events: readonly Event[] | undefined, now: Millis): string {
  return tabbedString((w) => {
    writeHeader(w, cm)
    w.write(LEVEL_0, '\nData\n====\n')
    for (const key of sortedKeys(cm.data)) {
      w.write(LEVEL_0, `${key}:\n----\n`)
      w.write(LEVEL_0, `${cm.data![key]}\n`)
      w.write(LEVEL_0, '\n')
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n')
    for (const key of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${key}: ${decodedLength(cm.binaryData![key]!)} bytes\n`)
    w.write(LEVEL_0, '\n')
    if (events) describeEvents(events, w, now)
  })
}

export function secretDescriber(ctx: KubectlContext, namespace: string, name: string): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'secrets', namespace, name)
  if (!got.ok) return err(got.error)
  return ok(describeSecret(got.value as KubeObject as Secret))
}

/** Values stay hidden (`N bytes`), but for the token of a service-account-token Secret. No events. */
export function describeSecret(secret: Secret): string {
  return tabbedString((w) => {
    writeHeader(w, secret)
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`)
    w.write(LEVEL_0, '\nData\n====\n')
    for (const key of sortedKeys(secret.data)) {
      const value = secret.data![key]!
      if (key === 'token' && secret.type === 'kubernetes.io/service-account-token')
        w.write(LEVEL_0, `${key}:\t${new TextDecoder().decode(decodeBase64(value))}\n`)
      else w.write(LEVEL_0, `${key}:\t${decodedLength(value)} bytes\n`)
    }
  })
}

export function serviceAccountDescriber(ctx: KubectlContext, namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'serviceaccounts', namespace, name)
  if (!got.ok) return err(got.error)
  const sa = got.value as KubeObject as ServiceAccount
  // Errors listing secrets are tolerated upstream: the account is described without its tokens.
  const listed = ctx.api.list(KUBECTL, 'secrets', { namespace })
  const secrets = listed.ok ? (listed.value.items as KubeObject[] as Secret[]) : undefined
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeServiceAccount(sa, secrets, events, ctx.now()))
}

/**
 * Three headers, printed in sorted order, each with its secrets one per line; a secret the account
 * names that does not exist is marked `(not found)`. Tokens are the service-account-token Secrets
 * annotated with this account's name and uid.
 */
export function describeServiceAccount(sa: ServiceAccount, secrets: readonly Secret[] | undefined, events: readonly Event[] | undefined, now: Millis): string {
  const existing = new Set((secrets ?? []).map((s) => s.metadata?.name ?? ''))
  const missing = (n: string): boolean => secrets !== undefined && !existing.has(n)
  const tokens = (secrets ?? []).filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata?.annotations?.['kubernetes.io/service-account.name'] === sa.metadata?.name &&
      s.metadata?.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata?.uid,
  )
  const sections: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens.map((s) => s.metadata?.name ?? '')],
  ]
  return tabbedString((w) => {
    writeHeader(w, sa)
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`)
        continue
      }
      let prefix = header
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${missing(n) ? ' (not found)' : ''}\n`)
        prefix = '                   '
      }
    }
    if (events) describeEvents(events, w, now)
  })
}
