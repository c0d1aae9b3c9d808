// kube-proxy's chain names (pkg/proxy/iptables/proxier.go, servicePortChainName and
// servicePortEndpointChainName): a prefix and the first 16 characters of the standard base32
// encoding of sha256(servicePortName + lower-case protocol [+ endpoint]), because iptables chain
// names must be at most 28 characters long.
import { sha256Hex } from '../runtime/sha256.js'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 of bytes (Go's base32.StdEncoding, padding left out: only 16 chars are kept). */
function base32(bytes: readonly number[]): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const b of bytes) {
    buffer = (buffer << 8) | b
    bits += 8
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31]
  return out
}

function hashed(text: string): string {
  const hex = sha256Hex(text)
  const bytes: number[] = []
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16))
  return base32(bytes).slice(0, 16)
}

/** ServicePortName.String(): `namespace/name:port`, without `:port` for an unnamed port. */
export function servicePortName(namespace: string, name: string, portName: string | undefined): string {
  return `${namespace}/${name}${portName ? `:${portName}` : ''}`
}

export type ChainPrefix = 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-'

/** `KUBE-SVC-…` (and its SVL/EXT/FW siblings, which hash the same input). */
export function servicePortChainName(prefix: ChainPrefix, svcPortName: string, protocol: string): string {
  return prefix + hashed(svcPortName + protocol.toLowerCase())
}

/** `KUBE-SEP-…` of one endpoint (`10.244.1.5:80`) of a service port. */
export function servicePortEndpointChainName(svcPortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + hashed(svcPortName + protocol.toLowerCase() + endpoint)
}
