// Comparing JSON data as the API does: regardless of key order, a key with an undefined value being
// no key. stableJson writes the canonical text; the equality functions say whether two texts would
// be equal without writing them (the no-op checks of every write use them).

/** JSON with keys sorted, to compare objects regardless of key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableJson(value[i])
    return out + ']'
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
    let out = '{'
    for (let i = 0; i < keys.length; i++) out += (i === 0 ? '' : ',') + JSON.stringify(keys[i]) + ':' + stableJson(o[keys[i]])
    return out + '}'
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * `stableJson(a) === stableJson(b)`, without writing either out: key order does not count, a key
 * whose value is undefined is no key, and scalars are equal when JSON writes them alike. `skip`
 * leaves top-level keys out of the comparison.
 */
export function jsonEqual(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true
  const aObject = a !== null && typeof a === 'object'
  const bObject = b !== null && typeof b === 'object'
  if (!aObject || !bObject) {
    if (aObject || bObject) return false
    if (typeof a === 'string' && typeof b === 'string') return false // a !== b, and JSON strings are distinct
    return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null')
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false
    return true
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  let count = 0
  // for-in rather than Object.keys: no key list per object compared (JSON data has no inherited
  // enumerable properties, so both visit the same keys).
  for (const k in ao) {
    const av = ao[k]
    if (av === undefined || skip?.has(k)) continue
    count++
    if (!Object.hasOwn(bo, k)) return false
    const bv = bo[k]
    if (bv === undefined || !jsonEqual(av, bv)) return false
  }
  for (const k in bo) if (bo[k] !== undefined && !skip?.has(k)) count--
  return count === 0
}

const absentInJson = (v: unknown): boolean => v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol'
/** What JSON writes as `null` in a list: nothing, or a number that is not finite. */
const nullInJsonList = (v: unknown): boolean => absentInJson(v) || (typeof v === 'number' && !Number.isFinite(v))

/**
 * Whether `a` and `b` are the same once nulls are dropped from their objects: what comparing
 * `stableJson(JSON.parse(JSON.stringify(v ?? {}, nullsDropped)))` of each says, without the
 * round trip. (A list keeps its nulls; a number that is not finite is written as null.)
 */
export function jsonEqualWithoutNulls(a: unknown, b: unknown): boolean {
  return presentEqual(a ?? {}, b ?? {})
}

function presentEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object') {
    if (typeof a === 'object' || typeof b === 'object') return false
    if (typeof a === 'string' && typeof b === 'string') return false // a !== b, and JSON strings are distinct
    return JSON.stringify(a) === JSON.stringify(b)
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bl = b as unknown[]
    if (a.length !== bl.length) return false
    for (let i = 0; i < a.length; i++) {
      const x = nullInJsonList(a[i])
      const y = nullInJsonList(bl[i])
      if (x || y) {
        if (x !== y) return false
      } else if (!presentEqual(a[i], bl[i])) return false
    }
    return true
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  let count = 0
  for (const k in ao) {
    if (absentInJson(ao[k])) continue
    count++
    if (!Object.hasOwn(bo, k) || absentInJson(bo[k]) || !presentEqual(ao[k], bo[k])) return false
  }
  for (const k in bo) if (!absentInJson(bo[k])) count--
  return count === 0
}
