// JSON values as the patch code sees them, with the few Go behaviours it depends on: the type
// test (`reflect.TypeOf`), deep equality (`reflect.DeepEqual`) and `%v` formatting (for sorting
// and error texts, as apimachinery's strategicpatch uses them).
import { copyData } from '../object.js'

export type Json = null | boolean | number | string | Json[] | JsonObject
export interface JsonObject {
  [key: string]: Json
}

/** How a patch went wrong, and which HTTP answer the apiserver turns it into. */
export interface PatchError {
  /** 400 BadRequest, 422 Invalid, or a plain error the apiserver reports as a 500. */
  readonly code: 400 | 422 | 500
  readonly message: string
}

export type PatchResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PatchError }

export const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const failed = (code: PatchError['code'], message: string): { ok: false; error: PatchError } => ({ ok: false, error: { code, message } })

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The Go type of a decoded JSON value: what `reflect.TypeOf` compares in strategicpatch. */
export type GoType = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil'

export function goType(v: Json | undefined): GoType {
  if (v === null || v === undefined) return 'nil'
  if (Array.isArray(v)) return 'slice'
  switch (typeof v) {
    case 'object':
      return 'map'
    case 'string':
      return 'string'
    case 'number':
      return 'number'
    case 'boolean':
      return 'bool'
  }
  throw new Error(`not a JSON value: ${String(v)}`)
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]))
  }
  return false
}

export function copyJson<T extends Json>(v: T): T {
  return copyData(v)
}

/**
 * Go's `fmt.Sprintf("%v", v)` for decoded JSON: strategicpatch sorts scalars and merge keys by this
 * text, and prints maps as `map[k:v k2:v2]` (keys sorted) in its errors.
 */
export function goString(v: Json | undefined): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`
  if (isObject(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goString(v[k])}`)
      .join(' ')}]`
  return String(v)
}

/** A Go `sort.Sort` of scalars by their `%v` text (strategicpatch's sortScalars). */
export function sortScalars(list: readonly Json[]): Json[] {
  return [...list].sort((a, b) => compareStrings(goString(a), goString(b)))
}

/** Byte-wise string order, as Go compares strings (not the locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * strategicpatch's deduplicateScalars, step for step: a later duplicate is overwritten by the last
 * element, so the order it leaves is part of the behaviour.
 */
export function deduplicateScalars(input: readonly Json[]): Json[] {
  const s = [...input]
  let length = s.length - 1
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length]
        s.length = length
        length--
        j--
      }
    }
  }
  return s
}
