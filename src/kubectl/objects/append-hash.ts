// `--append-hash` of create configmap and create secret (kubectl's pkg/util/hash): the name gets a
// suffix made from the object's content, so that a changed ConfigMap or Secret is a new object.
import { createHash } from 'node:crypto'
import type { KubeObject } from '../../cluster/object.js'

/** encoding/json's Marshal of a map: keys sorted bytewise, <, > and & escaped, no spaces. */
function goJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const o = value as Record<string, unknown>
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${keys.map((k) => `${goJson(k)}:${goJson(o[k])}`).join(',')}}`
}

/** encodeHash: the first ten hex digits, with 0, 1, 3, a and e swapped for letters no word is made of. */
function encodeHash(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' }
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('')
}

/** What ConfigMapHash and SecretHash hash: kind, name, data (binaryData when there is some; a Secret's type). */
function hashed(o: KubeObject): Record<string, unknown> {
  const name = o.metadata?.name ?? ''
  const data = (o.data as Record<string, string> | undefined) ?? {}
  if (o.kind === 'Secret') return { kind: 'Secret', type: (o.type as string | undefined) ?? '', name, data }
  const binary = o.binaryData as Record<string, string> | undefined
  return { kind: 'ConfigMap', name, data, ...(binary && Object.keys(binary).length > 0 ? { binaryData: binary } : {}) }
}

/** The object renamed `<name>-<hash of its content>`. */
export function withContentHash(o: KubeObject): KubeObject {
  const hex = createHash('sha256').update(goJson(hashed(o))).digest('hex')
  return { ...o, metadata: { ...o.metadata, name: `${o.metadata?.name ?? ''}-${encodeHash(hex)}` } }
}
