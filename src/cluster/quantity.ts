// resource.Quantity (k8s.io/apimachinery v0.32.4 pkg/api/resource: quantity.go, suffix.go, amount.go):
// ParseQuantity with its error texts, String() in canonical form (`1000m` → `1`, `0.5Gi` → `512Mi`,
// `1000` → `1k`), Add, Cmp, Value()/MilliValue() rounding up. The one implementation for the
// apiserver's decoder and validation, the QoS class, and everything kubectl prints.
import { err, ok, type Result } from './result.js'

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI'

export interface Quantity {
  /** The value times 10^9: ParseQuantity rounds up to Nano, so this is exact. */
  readonly nanos: bigint
  /** '' for Go's zero Quantity{}, what a missing map entry yields. */
  readonly format: QuantityFormat | ''
  /** The text it was parsed from, when ParseQuantity found it canonical already (upstream's `s`); String() returns it. */
  readonly text?: string
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`
export const ERR_NUMERIC = 'unable to parse numeric part of quantity'
export const ERR_SUFFIX = "unable to parse quantity's suffix"

/** Go's zero Quantity{}: prints `0`, and a sum starting from it takes the other operand's format. */
export const ZERO: Quantity = { nanos: 0n, format: '' }

const NANO = 1_000_000_000n
const MAX_INT64 = (1n << 63n) - 1n
/** Digits an int64 always holds (maxInt64Factors): below that, ParseQuantity takes its fast path. */
const MAX_INT64_FACTORS = 18
const DECIMAL_SUFFIXES = new Map([['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18]])
const BINARY_SUFFIXES = new Map([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]])
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'

interface QuantityParts {
  readonly positive: boolean
  /** The number as written, sign and leading zeros included (what the slow path hands to inf.Dec). */
  readonly value: string
  /** Whole digits without leading zeros ('0' when there are none), and the fraction's digits. */
  readonly num: string
  readonly denom: string
  readonly suffix: string
}

/** parseQuantityString, scanner for scanner; undefined is ErrFormatWrong. */
function parseQuantityString(str: string): QuantityParts | undefined {
  const end = str.length
  let pos = 0
  let positive = true
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+'
    pos++
  }
  while (str[pos] === '0') pos++
  // A text of only a sign and zeros is 0, whatever the sign.
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' }
  const numStart = pos
  while (isDigit(str[pos])) pos++
  if (pos >= end) return { positive, value: str, num: str.slice(numStart), denom: '', suffix: '' }
  const num = str.slice(numStart, pos) || '0'
  let denom = ''
  if (str[pos] === '.') {
    const denomStart = ++pos
    while (isDigit(str[pos])) pos++
    denom = str.slice(denomStart, pos)
    if (pos >= end) return { positive, value: str, num, denom, suffix: '' }
  }
  const value = str.slice(0, pos)
  // The suffix: letters from "eEinumkKMGTP", an optional sign, then digits to the end.
  const suffixStart = pos
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++
  if (str[pos] === '-' || str[pos] === '+') pos++
  while (isDigit(str[pos])) pos++
  if (pos < end) return undefined
  return { positive, value, num, denom, suffix: str.slice(suffixStart) }
}

interface Suffix {
  readonly base: 2 | 10
  readonly exponent: number
  readonly format: QuantityFormat
}

/** suffixHandler.interpret: SI and binary suffixes, else `e`/`E` and an exponent that fits an int64. */
function interpretSuffix(suffix: string): Suffix | undefined {
  const decimal = DECIMAL_SUFFIXES.get(suffix)
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' }
  const binary = BINARY_SUFFIXES.get(suffix)
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' }
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1))
    if (BigInt.asIntN(64, parsed) !== parsed) return undefined // strconv.ParseInt(..., 64) overflows
    // Go keeps int32(parsed): the exponent wraps as upstream's does.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' }
  }
  return undefined
}

/** a / b for positive b, rounded away from zero (inf.RoundUp). */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b === 0n ? q : q + (a < 0n ? -1n : 1n)
}

/** ParseQuantity: the quantity, or the error the apiserver's decoder reports. */
export function parseQuantity(str: string): Result<Quantity, string> {
  // The same few texts come back all the time (`100m`, `128Mi`, a node's capacity): each is parsed
  // once (BigInt arithmetic), its answer frozen and shared. The table starts again when full.
  let parsed = parsedQuantities.get(str)
  if (parsed === undefined) {
    if (parsedQuantities.size >= 4096) parsedQuantities.clear()
    parsed = parseQuantityText(str)
    Object.freeze(parsed.ok ? parsed.value : parsed)
    parsedQuantities.set(str, Object.freeze(parsed))
  }
  return parsed
}

const parsedQuantities = new Map<string, Result<Quantity, string>>()

function parseQuantityText(str: string): Result<Quantity, string> {
  if (str.length === 0) return err(ERR_FORMAT_WRONG)
  if (str === '0') return ok({ nanos: 0n, format: 'DecimalSI', text: str })
  const parts = parseQuantityString(str)
  if (!parts) return err(ERR_FORMAT_WRONG)
  const { positive, value, num, denom } = parts
  const suffix = interpretSuffix(parts.suffix)
  if (!suffix) return err(ERR_SUFFIX)
  const { base, exponent } = suffix
  let format = suffix.format

  // Upstream's int64 fast path: taken when the digits surely fit an int64 and no precision below
  // Nano is lost. It decides whether the text is kept as already canonical, and only outside it
  // can a number without digits fail (".e-10", "Pi").
  let precision: number
  let scale: number
  if (format === 'BinarySI') {
    scale = 0
    precision = exponent >= 0 && denom.length === 0 ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1 : -1
  } else {
    scale = exponent
    precision = MAX_INT64_FACTORS - (num.length + denom.length)
  }
  scale -= denom.length
  const fast = precision >= 0 && scale >= -9
  if (!fast && !/[0-9]/.test(value)) return err(ERR_NUMERIC)

  // The exact value in nanos, rounded up (away from zero) to the nearest nano. Upstream keeps the
  // exponent symbolically (inf.Dec); we expand it, so it is bounded first: past 10^±80 the value is
  // beyond any node's capacity (or below a nano) either way, and `1e999999999` must not hang us.
  const bounded = Math.max(-80, Math.min(80, exponent))
  let numerator = BigInt(num + denom) * NANO
  let denominator = 10n ** BigInt(Math.min(denom.length, 80))
  if (base === 2) numerator *= 2n ** BigInt(bounded)
  else if (bounded >= 0) numerator *= 10n ** BigInt(bounded)
  else denominator *= 10n ** BigInt(-bounded)
  let nanos = divAwayFromZero(numerator, denominator)
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO // "the max is just a simple cap"
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI' // "this avoids rounding and hopefully confusion"
  if (!positive) nanos = -nanos

  // "If the number is in canonical form, reuse the string" (so `+1`, `1.005` and `1E3` print as written).
  const shifted = num + denom
  const canonical = fast && (format === 'BinarySI' ? exponent % 10 === 0 && BigInt(shifted) % 8n !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0')
  return ok(canonical ? { nanos, format, text: str } : { nanos, format })
}

/**
 * Quantity.UnmarshalJSON: a JSON string is trimmed and parsed; any other JSON value is parsed as
 * its raw text (so `cpu: 0.5` works), and null is the zero Quantity.
 */
export function unmarshalQuantity(value: unknown): Result<Quantity, string> {
  if (value === null || value === undefined) return ok(ZERO)
  if (typeof value === 'string') return parseQuantity(value.trim())
  return parseQuantity(typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value))
}

/** A quantity from a stored object's field: missing is the zero Quantity; invalid cannot be stored (the decoder refused it) and counts as zero. */
export function quantity(value: string | number | undefined): Quantity {
  const q = unmarshalQuantity(value)
  return q.ok ? q.value : ZERO
}

/** A resource list (`{cpu: '100m'}`) as quantities. */
export function resourceList(list: Readonly<Record<string, string | number>> | undefined): Map<string, Quantity> {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, quantity(v)]))
}

/** Quantity.Add: a sum onto a zero value takes the format of the other operand. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format }
}

/** Quantity.Cmp: -1, 0 or 1. */
export const cmpQuantity = (a: Quantity, b: Quantity): number => (a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0)

/** Value(): whole units, rounded up away from zero. */
export const quantityValue = (q: Quantity): bigint => divAwayFromZero(q.nanos, NANO)

/** MilliValue(): thousandths, rounded up away from zero. */
export const quantityMilliValue = (q: Quantity): bigint => divAwayFromZero(q.nanos, 1_000_000n)

/** Quantity.String(): the canonical form (CanonicalizeBytes), in the format it was written in. */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text
  if (q.nanos === 0n) return '0'
  const sign = q.nanos < 0n ? '-' : ''
  let abs = q.nanos < 0n ? -q.nanos : q.nanos
  let format = q.format || 'DecimalExponent' // an unknown format prints as DecimalExponent
  // BinarySI only for a whole number of at least 1024 (in absolute value); else DecimalSI.
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI'
  if (format === 'BinarySI') {
    let units = abs / NANO
    let power = 0
    while (units % 1024n === 0n && power < 60) {
      units /= 1024n
      power += 10
    }
    const suffix = [...BINARY_SUFFIXES].find(([, p]) => p === power)?.[0] ?? ''
    return `${sign}${units}${suffix}`
  }
  // Decimal: the largest exponent, a multiple of 3, that leaves a whole mantissa. SI suffixes stop
  // at E (upstream would drop the suffix beyond it); an exponent has no such limit.
  let exponent = -9
  while (abs % 1000n === 0n && (format === 'DecimalExponent' || exponent < 18)) {
    abs /= 1000n
    exponent += 3
  }
  if (format === 'DecimalExponent') return `${sign}${abs}${exponent === 0 ? '' : `e${exponent}`}`
  const suffix = [...DECIMAL_SUFFIXES].find(([, e]) => e === exponent)?.[0] ?? ''
  return `${sign}${abs}${suffix}`
}
