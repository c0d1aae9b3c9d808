// The three kinds of IP a learner meets (the course document's Node IP, Pod IP and Cluster IP) and
// the arithmetic on them, with ipaddr.js: which range an address falls in, and who owns it.
import ipaddr from 'ipaddr.js'

/** kubeadm's --service-cidr default (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go). */
export const SERVICE_CIDR = '10.96.0.0/12'
/** kube-dns' ClusterIP: the tenth address of the service range (kubeadm constants). */
export const CLUSTER_DNS_IP = '10.96.0.10'

/** Whether `ip` is a well-formed dotted-quad IPv4 address (what curl takes as a literal host). */
export function isIPv4(ip: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(ip)
}

/** Whether the IPv4 address `ip` lies in `cidr` (`10.244.1.0/24`). */
export function inCidr(ip: string, cidr: string): boolean {
  if (!isIPv4(ip)) return false
  const [net, bits] = ipaddr.IPv4.parseCIDR(cidr)
  return ipaddr.IPv4.parse(ip).match(net, bits)
}

/** The `n`th address of a CIDR (0 = the network address): cni0 is .1 of the node's pod CIDR. */
export function nthAddress(cidr: string, n: number): string {
  const base = ipaddr.IPv4.networkAddressFromCIDR(cidr).toByteArray()
  const value = ((base[0] << 24) >>> 0) + (base[1] << 16) + (base[2] << 8) + base[3] + n
  return [24, 16, 8, 0].map((s) => Math.floor(value / 2 ** s) % 256).join('.')
}

/** The network of a CIDR in canonical form (`192.168.49.7/24` → `192.168.49.0/24`). */
export function networkOf(cidr: string): string {
  const [, bits] = ipaddr.IPv4.parseCIDR(cidr)
  return `${ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()}/${bits}`
}

export const isServiceIP = (ip: string): boolean => inCidr(ip, SERVICE_CIDR)
export const isLoopback = (ip: string): boolean => inCidr(ip, '127.0.0.0/8')
