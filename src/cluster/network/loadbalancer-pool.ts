// The address pool of the simulated cloud's load balancers. CHOSEN: 172.18.255.200-172.18.255.250,
// the pool kind's MetalLB guide hands out (kind.sigs.k8s.io/docs/user/loadbalancer): outside the
// node network (192.168.49.0/24, or 172.16.0.0/12 up to 172.16.20.x for large clusters), as a
// cloud's public addresses are. The lowest free address goes first, so a run is reproducible
// without drawing from the PRNG.

export const POOL_PREFIX = '172.18.255'
export const POOL_FIRST = 200
export const POOL_LAST = 250
export const POOL_RANGE = `${POOL_PREFIX}.${POOL_FIRST}-${POOL_PREFIX}.${POOL_LAST}`

export function inPool(ip: string): boolean {
  if (!ip.startsWith(`${POOL_PREFIX}.`)) return false
  const last = Number(ip.slice(POOL_PREFIX.length + 1))
  return Number.isInteger(last) && last >= POOL_FIRST && last <= POOL_LAST && String(last) === ip.slice(POOL_PREFIX.length + 1)
}

/** The lowest address of the pool not in `used`, or undefined when all are taken. */
export function lowestFree(used: ReadonlySet<string>): string | undefined {
  for (let n = POOL_FIRST; n <= POOL_LAST; n++) {
    const ip = `${POOL_PREFIX}.${n}`
    if (!used.has(ip)) return ip
  }
  return undefined
}
