// ConfigMap, Secret and ServiceAccount validation (pkg/apis/core/validation/validation.go
// ValidateConfigMap, ValidateConfigMapUpdate, ValidateSecret, ValidateSecretUpdate; keys by
// apimachinery's IsConfigMapKey). Values arrive as stored: a Secret's data and a ConfigMap's
// binaryData are base64 text here, so sizes count the decoded bytes, as the Go []byte would.
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js'
import { jsonEqual } from '../json-equal.js'
import type { StoredObject } from '../object.js'
import { type FieldError, forbiddenField, invalidValue, required, tooLong } from './field.js'
import { maxLenError, regexError } from './names.js'

/** core.MaxSecretSize: 1 MiB, for a Secret's data and a ConfigMap's data and binaryData together. */
export const MAX_SECRET_SIZE = 1024 * 1024

const CONFIG_MAP_KEY = '[-._a-zA-Z0-9]+'
const CONFIG_MAP_KEY_RE = new RegExp(`^${CONFIG_MAP_KEY}$`)

/** IsConfigMapKey: the messages for a key of data, binaryData or a Secret's data, in upstream's order. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = []
  if (key.length > 253) errs.push(maxLenError(253))
  if (!CONFIG_MAP_KEY_RE.test(key))
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY, 'key.name', 'KEY_NAME', 'key-name'))
  // hasChDirPrefix: a key becomes a file name in a volume, so it may not climb out of it.
  if (key === '.') errs.push("must not be '.'")
  else if (key === '..') errs.push("must not be '..'")
  else if (key.startsWith('..')) errs.push("must not start with '..'")
  return errs
}

/** The length in bytes of base64 text once decoded (the text is known to be valid). */
export function decodedLength(b64: string): number {
  const clean = b64.replace(/[\r\n]/g, '')
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0
  return (clean.length / 4) * 3 - pad
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length
const sortedEntries = (m: Readonly<Record<string, string>> | undefined): [string, string][] =>
  Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = []
  let total = 0
  for (const [key, value] of sortedEntries(cm.data)) {
    for (const msg of isConfigMapKey(key)) errs.push(invalidValue(`data[${key}]`, key, msg))
    if (cm.binaryData?.[key] !== undefined) errs.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'))
    total += utf8Length(value)
  }
  for (const [key, value] of sortedEntries(cm.binaryData)) {
    for (const msg of isConfigMapKey(key)) errs.push(invalidValue(`binaryData[${key}]`, key, msg))
    total += decodedLength(value)
  }
  // Upstream passes the root path here ("the whole object"), which the error prints as `[]`.
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE))
  return errs
}

/** ValidateConfigMapUpdate: once immutable, always immutable, and data and binaryData frozen. */
export function validateConfigMapUpdate(cm: ConfigMap, old: StoredObject): FieldError[] {
  const was = old as unknown as ConfigMap
  const errs: FieldError[] = []
  if (was.immutable === true) {
    if (cm.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'))
    if (!jsonEqual(cm.data ?? {}, was.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'))
    if (!jsonEqual(cm.binaryData ?? {}, was.binaryData ?? {})) errs.push(forbiddenField('binaryData', 'field is immutable when `immutable` is set'))
  }
  return errs // the apiserver runs validateConfigMap too
}

/** The keys a Secret of a known type must carry (core.SecretType* and their *Key constants). */
export function validateSecret(secret: Secret): FieldError[] {
  const errs: FieldError[] = []
  const data = secret.data ?? {}
  let total = 0
  for (const [key, value] of sortedEntries(data)) {
    for (const msg of isConfigMapKey(key)) errs.push(invalidValue(`data[${key}]`, key, msg))
    total += decodedLength(value)
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE))
  const has = (key: string): boolean => data[key] !== undefined
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      // Only the account's name is required; its uid and token come later from a controller.
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name'])
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'))
      break
    case 'kubernetes.io/dockercfg':
      errs.push(...jsonKeyErrors(data, '.dockercfg'))
      break
    case 'kubernetes.io/dockerconfigjson':
      errs.push(...jsonKeyErrors(data, '.dockerconfigjson'))
      break
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of the two must be there.
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'))
      break
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]'))
      break
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'))
      if (!has('tls.key')) errs.push(required('data[tls.key]'))
      break
    default:
      break // Opaque and types of anyone's own naming: no rule
  }
  return errs
}

/** A docker config key must be there and hold a JSON object (the content is never echoed back). */
function jsonKeyErrors(data: Readonly<Record<string, string>>, key: string): FieldError[] {
  const b64 = data[key]
  if (b64 === undefined) return [required(`data[${key}]`)]
  const problem = jsonObjectProblem(decodeBase64Text(b64))
  return problem ? [invalidValue(`data[${key}]`, '<secret contents redacted>', problem)] : []
}

/** What json.Unmarshal into map[string]interface{} says of this text, if it fails. */
function jsonObjectProblem(text: string): string | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return text.trim() === '' ? 'unexpected end of JSON input' : 'invalid character in JSON input'
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'boolean' ? 'bool' : 'number'
    return parsed === null ? undefined : `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`
  }
  return undefined
}

/** ValidateSecretUpdate: the type never changes; once immutable, always immutable, data frozen. */
export function validateSecretUpdate(secret: Secret, old: StoredObject): FieldError[] {
  const was = old as unknown as Secret
  const errs: FieldError[] = []
  if ((secret.type ?? '') !== (was.type ?? '')) errs.push(invalidValue('type', secret.type ?? '', 'field is immutable'))
  if (was.immutable === true) {
    if (secret.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'))
    if (!jsonEqual(secret.data ?? {}, was.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'))
  }
  return errs // the apiserver runs validateSecret too
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * Where Go's base64.StdEncoding first fails on this text (json decodes []byte with it), or
 * undefined when it is valid: an illegal character, misplaced padding, or a last group cut short.
 * Go skips \r and \n.
 */
export function base64ErrorOffset(text: string): number | undefined {
  let inGroup = 0
  let groupStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\r' || c === '\n') continue
    if (inGroup === 0) groupStart = i
    if (c === '=') return paddingErrorOffset(text, i, inGroup)
    if (!BASE64.includes(c)) return i
    inGroup = (inGroup + 1) % 4
  }
  return inGroup === 0 ? undefined : groupStart
}

/** After the first `=` of a group holding `inGroup` characters: where the padding goes wrong, if it does. */
function paddingErrorOffset(text: string, at: number, inGroup: number): number | undefined {
  if (inGroup < 2) return at
  const rest = [...text.slice(at + 1)].map((c, k) => ({ c, k: at + 1 + k })).filter(({ c }) => c !== '\r' && c !== '\n')
  let next = 0
  if (inGroup === 2) {
    // A group of two characters needs `==`.
    if (rest.length === 0) return text.length
    if (rest[0]!.c !== '=') return rest[0]!.k
    next = 1
  }
  // Nothing may follow the padding.
  return rest.length > next ? rest[next]!.k : undefined
}

/** Base64 text (known valid) to the string its bytes spell in UTF-8. */
export function decodeBase64Text(b64: string): string {
  return new TextDecoder().decode(decodeBase64(b64))
}

export function decodeBase64(b64: string): Uint8Array {
  const clean = b64.replace(/[\r\n=]/g, '')
  const out: number[] = []
  let bits = 0
  let acc = 0
  for (const c of clean) {
    acc = (acc << 6) | BASE64.indexOf(c)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((acc >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}

export function encodeBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    s += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!
    s += b === undefined ? '=' : BASE64[(n >> 6) & 63]!
    s += c === undefined ? '=' : BASE64[n & 63]!
  }
  return s
}

export const encodeBase64Text = (text: string): string => encodeBase64(new TextEncoder().encode(text))
