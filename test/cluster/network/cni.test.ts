import { describe, expect, it } from 'vitest'
import { crossing, DEFAULT_NETWORK, routeTable } from '../../../src/cluster/network/cni.js'
import { defaultNodes } from '../../../src/cluster/topology.js'

describe('node routes (ip route)', () => {
  const flat = defaultNodes(2)
  const split = defaultNodes(2, 2)

  it('overlay: each remote pod CIDR through flannel.1, onlink', () => {
    expect(routeTable(DEFAULT_NETWORK, flat[1], flat)).toEqual([
      'default via 192.168.49.1 dev eth0',
      '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
      '192.168.49.0/24 dev eth0 proto kernel scope link src 192.168.49.3',
    ])
  })

  it('underlay host-gw: via the other node\'s IP; across subnets no route at all', () => {
    const net = { ...DEFAULT_NETWORK, cni: 'underlay' as const }
    expect(routeTable(net, flat[1], flat)).toContain('10.244.2.0/24 via 192.168.49.4 dev eth0')
    expect(split.map((n) => [n.name, n.ip, n.subnet])).toEqual([
      ['control-plane', '192.168.49.2', '192.168.49.0/24'],
      ['node-1', '192.168.50.2', '192.168.50.0/24'],
      ['node-2', '192.168.49.3', '192.168.49.0/24'],
    ])
    expect(routeTable({ ...net, nodeSubnets: 2 }, split[1], split)).toEqual([
      'default via 192.168.50.1 dev eth0',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.2',
    ])
    expect(crossing({ ...net, nodeSubnets: 2 }, split[1], split[2]).kind).toBe('no-route')
  })

  it('underlay bgp: pod routes learned over BGP, through the router across subnets', () => {
    const net = { cni: 'underlay' as const, routing: 'bgp' as const, nodeSubnets: 2 }
    expect(routeTable(net, split[0], split)).toEqual([
      'default via 192.168.49.1 dev eth0',
      '10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1',
      '10.244.1.0/24 via 192.168.49.1 dev eth0 proto bird',
      '10.244.2.0/24 via 192.168.49.3 dev eth0 proto bird',
      '192.168.49.0/24 dev eth0 proto kernel scope link src 192.168.49.2',
    ])
  })
})
