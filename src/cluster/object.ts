// Objects are plain JSON in Kubernetes' own shapes (typed by kubernetes-types).
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js'

export type { OwnerReference }

/** ObjectMeta as the server writes it (kubernetes-types marks server-set fields readonly). */
export type Meta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] }

/** Any API object, before we know its kind. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata?: Meta
  [field: string]: unknown
}

/** An object as stored: identity fields are always present. */
export interface StoredObject extends KubeObject {
  apiVersion: string
  kind: string
  metadata: Meta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string }
}

export interface ObjectRef {
  resource: string
  namespace?: string
  name: string
}

export const nameOf = (o: KubeObject): string => o.metadata?.name ?? ''
export const namespaceOf = (o: KubeObject): string => o.metadata?.namespace ?? ''

export function controllerRefOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller === true)
}

/** A deep, mutable copy: objects read from the store are frozen and shared. */
export function clone<T>(value: T): T {
  return copyData(value)
}

/**
 * What structuredClone gives for JSON-like data (plain objects, arrays, scalars; undefined kept),
 * several times faster for the small objects of the API. Anything else (a Map, a Date, a class
 * instance) is left to structuredClone itself.
 */
export function copyData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = copyData(value[i])
    return out as T
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Record<string, unknown> = {}
  // for-in visits own keys in Object.keys order (plain or null prototype: nothing inherited), without a key array.
  for (const k in value) out[k] = copyData((value as Record<string, unknown>)[k])
  return out as T
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
