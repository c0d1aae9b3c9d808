// kube-proxy's chain names (pkg/proxy/iptables/proxier.go, servicePortChainName and
// servicePortEndpointChainName): a prefix and the first 16 characters of the standard base32
// encoding of sha256(servicePortName + lower-case protocol [+ endpoint]), because iptables chain
// names must be at most 28 characters long.
import { base32, sha256Bytes } from '../runtime/base32.js'

const hashed = (text: string): string => base32(sha256Bytes(text)).slice(0, 16)

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
