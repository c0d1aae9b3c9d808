// ConfigMaps, Secrets and ServiceAccounts as `kubectl get` shows them (printers.go printConfigMap:
// NAME DATA AGE, data and binaryData counted together; printSecret: NAME TYPE DATA AGE;
// printServiceAccount: NAME SECRETS AGE, the count of .secrets, 0 since tokens are projected).
import type { ConfigMap, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../../cluster/clock.js'
import { age } from '../format/time.js'
import type { Cell, ColumnDefinition } from './table.js'

const count = (m: Readonly<Record<string, unknown>> | undefined): number => Object.keys(m ?? {}).length

export const configMapColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Data' }, { name: 'Age' }]

export function printConfigMap(cm: ConfigMap, now: Millis): Cell[] {
  return [cm.metadata?.name ?? '', count(cm.data) + count(cm.binaryData), age(cm.metadata?.creationTimestamp, now)]
}

export const secretColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }]

export function printSecret(secret: Secret, now: Millis): Cell[] {
  return [secret.metadata?.name ?? '', secret.type ?? '', count(secret.data), age(secret.metadata?.creationTimestamp, now)]
}

export const serviceAccountColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Secrets' }, { name: 'Age' }]

export function printServiceAccount(sa: ServiceAccount, now: Millis): Cell[] {
  return [sa.metadata?.name ?? '', (sa.secrets ?? []).length, age(sa.metadata?.creationTimestamp, now)]
}
