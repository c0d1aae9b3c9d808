// Secrets (pkg/registry/core/secret/strategy.go, and the v1 conversion that folds stringData into
// data): no status, no generation, type Opaque by default (SetDefaults_Secret).
import type { Secret } from 'kubernetes-types/core/v1.js'
import type { KubeObject } from '../object.js'
import * as S from '../status.js'
import { base64ErrorOffset, encodeBase64Text, validateSecret, validateSecretUpdate } from '../validation/config.js'
import type { Strategy } from './strategy.js'

const asSecret = (o: KubeObject): Secret => o as KubeObject as Secret

/** What json says of the first value that is no base64 (a Go []byte), in key order as it reads. */
export function undecodableBytes(values: Readonly<Record<string, string>> | undefined): string | undefined {
  for (const key of Object.keys(values ?? {}).sort()) {
    const at = base64ErrorOffset(values![key]!)
    if (at !== undefined) return `illegal base64 data at input byte ${at}`
  }
  return undefined
}

/**
 * Convert_v1_Secret_To_core_Secret: stringData is write-only; each of its keys overwrites the same
 * key of data, as UTF-8 bytes, and it is never stored.
 */
function foldStringData(secret: Secret): void {
  const strings = secret.stringData
  if (!strings) return
  const data: Record<string, string> = { ...(secret.data ?? {}) }
  for (const [key, value] of Object.entries(strings)) data[key] = encodeBase64Text(value)
  secret.data = data
  delete secret.stringData
}

export const secretStrategy: Strategy = {
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'subdomain',
  default: (obj) => {
    const secret = asSecret(obj)
    if (!secret.type) secret.type = 'Opaque'
  },
  // Decoding happens before anything else upstream; here it is the first step of admission.
  admit: (obj) => {
    const secret = asSecret(obj)
    const bad = undecodableBytes(secret.data)
    if (bad !== undefined) return S.badRequest(`Secret in version "v1" cannot be handled as a Secret: ${bad}`)
    foldStringData(secret)
    return undefined
  },
  validate: (obj) => validateSecret(asSecret(obj)),
  validateUpdate: (obj, old) => validateSecretUpdate(asSecret(obj), old),
}
