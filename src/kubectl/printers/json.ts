// `-o json` as kubectl prints an object it got from the server (an Unstructured map):
// encoding/json's MarshalIndent with four spaces, map keys sorted byte-wise, and Go's escaping
// (`<`, `>`, `&` as \u003c, \u003e, \u0026; U+2028/U+2029 escaped).

/** The JSON text of a value as Go prints it, without a trailing newline. */
export function goJson(value: unknown, indent = '    '): string {
  return encode(value, '', indent)
}

/**
 * The JSON text of a typed object kubectl built or assembled itself (a Go struct, not a map): its
 * fields in the order `value` has them, which the caller made the struct's. Four spaces, Go's escaping.
 */
export function goJsonInOrder(value: unknown): string {
  return encode(value, '', '    ', false)
}

/** json.Marshal: compact, as `-o jsonpath` prints maps and lists. */
export function goJsonCompact(value: unknown): string {
  return encode(value, '', '')
}

function encode(value: unknown, prefix: string, indent: string, sorted = true): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return goQuote(value)
  if (typeof value === 'number') return Number.isFinite(value) ? goNumber(value) : 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const inner = prefix + indent
  const nl = indent ? `\n${inner}` : ''
  const end = indent ? `\n${prefix}` : ''
  const sep = indent ? ': ' : ':'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[${nl}${value.map((v) => encode(v, inner, indent, sorted)).join(`,${nl}`)}${end}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (sorted) entries.sort(([a], [b]) => compareBytes(a, b))
  if (entries.length === 0) return '{}'
  return `{${nl}${entries.map(([k, v]) => `${goQuote(k)}${sep}${encode(v, inner, indent, sorted)}`).join(`,${nl}`)}${end}}`
}

/** Go orders map keys by their UTF-8 bytes. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0
  const ba = Buffer.from(a, 'utf8')
  const bb = Buffer.from(b, 'utf8')
  return Buffer.compare(ba, bb)
}

/** Integers print in decimal; other floats as Go's 'f' (or 'e' outside 1e-6..1e21). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0)
  const abs = Math.abs(n)
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return n.toExponential() // Go: 1e+21, 1e-07 cleaned to 1e-7, as JS writes them
  return String(n)
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' }

export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (SHORT[ch]) out += SHORT[ch]
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += ch
  }
  return `${out}"`
}
