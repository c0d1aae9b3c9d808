// Name and value formats, in apimachinery's words (pkg/util/validation/validation.go,
// pkg/api/validation/generic.go, pkg/api/validation/path/name.go). Each check returns the list of
// messages upstream returns, in its order; callers turn them into field errors.
import ipaddr from 'ipaddr.js'
import { labelValueErrors, qualifiedNameErrors } from '../labels.js'

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?'
const whole = (re: string): RegExp => new RegExp(`^${re}$`)
// Made once (no flags: test() keeps no state), not for every name checked.
const DNS1123_LABEL_RE = whole(DNS1123_LABEL)
const DNS1123_SUBDOMAIN_RE = whole(DNS1123_SUBDOMAIN)
const DNS1035_LABEL_RE = whole(DNS1035_LABEL)

/**
 * RegexError: the examples are written `'x', ` with ` or ` between them, which is where the famous
 * two spaces before `or` come from (`(e.g. 'my-name',  or '123-abc', regex used ...`).
 */
export function regexError(message: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${regex}')`
  let s = `${message} (e.g. `
  examples.forEach((e, i) => {
    if (i > 0) s += ' or '
    s += `'${e}', `
  })
  return `${s}regex used for validation is '${regex}')`
}

export const maxLenError = (n: number): string => `must be no more than ${n} characters`
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLenError(63))
  if (!DNS1123_LABEL_RE.test(value)) {
    // A valid subdomain that is no valid label can only have dots in it (length was checked).
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots')
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL,
          'my-name',
          '123-abc',
        ),
      )
  }
  return errs
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push(maxLenError(253))
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    )
  return errs
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLenError(63))
  if (!DNS1035_LABEL_RE.test(value))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    )
  return errs
}

/** A generateName may end in '-': the last character is masked before the check (maskTrailingDash). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name
}

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path'

/** ValidateNameFunc per rule: NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label, ValidatePathSegmentName. */
export function nameErrors(rule: NameRule, name: string, prefix: boolean): string[] {
  switch (rule) {
    case 'subdomain':
      return isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
    case 'label':
      return isDNS1123Label(prefix ? maskTrailingDash(name) : name)
    case 'dns1035':
      return isDNS1035Label(prefix ? maskTrailingDash(name) : name)
    case 'path':
      return pathSegmentNameErrors(name, prefix)
    default: {
      const never: never = rule
      return never
    }
  }
}

/** apimachinery/pkg/api/validation/path: names that must be usable as one URL path segment. */
function pathSegmentNameErrors(name: string, prefix: boolean): string[] {
  const errs: string[] = []
  if (!prefix) {
    if (name === '.' || name === '..') return [`may not be '${name}'`]
  }
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`)
  return errs
}

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)]
}

/** IsValidPortName: an IANA_SVC_NAME. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = []
  if (port.length > 15) errs.push(maxLenError(15))
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)')
  if (port.includes('--')) errs.push('must not contain consecutive hyphens')
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen')
  return errs
}

export const isQualifiedName = (value: string): string[] => qualifiedNameErrors(value)
export const isValidLabelValue = (value: string): string[] => labelValueErrors(value)

/** netutils.ParseIPSloppy accepts IPv4 with leading zeros; we accept plain dotted quads and IPv6. */
export function parseIP(value: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return ipaddr.IPv4.isValid(value) ? ipaddr.IPv4.parse(value) : undefined
  if (value.includes(':') && ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value)
  return undefined
}

export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'
export const IPV4_ERROR = 'must be a valid IPv4 address'
export const CIDR_ERROR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'

export function isValidCIDR(value: string): boolean {
  const slash = value.indexOf('/')
  if (slash < 0) return false
  const ip = parseIP(value.slice(0, slash))
  const bits = value.slice(slash + 1)
  if (!ip || !/^\d+$/.test(bits)) return false
  return Number(bits) <= (ip.kind() === 'ipv4' ? 32 : 128)
}

/** ValidateNonSpecialIP: addresses that can never be an endpoint or an external IP. */
export function nonSpecialIPErrors(value: string): string[] {
  const ip = parseIP(value)
  if (!ip) return []
  const addr = ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip
  const range = addr.range()
  if (range === 'unspecified') return [`may not be unspecified (${value})`]
  if (range === 'loopback') return ['may not be in the loopback range (127.0.0.0/8, ::1/128)']
  if (range === 'linkLocal') return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)']
  if (addr.kind() === 'ipv4' && addr.match(ipaddr.IPv4.parseCIDR('224.0.0.0/24'))) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']
  return []
}
