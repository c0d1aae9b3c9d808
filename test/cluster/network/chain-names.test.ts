import { describe, expect, it } from 'vitest'
import { servicePortChainName, servicePortEndpointChainName, servicePortName } from '../../../src/cluster/network/chain-names.js'

describe('kube-proxy chain names (proxier.go servicePortChainName)', () => {
  it.each([
    { ns: 'default', name: 'kubernetes', port: 'https', proto: 'TCP', chain: 'KUBE-SVC-NPX46M4PTMTKRN6Y' },
    { ns: 'kube-system', name: 'kube-dns', port: 'dns', proto: 'UDP', chain: 'KUBE-SVC-TCOU7JCQXEZGVUNU' },
    { ns: 'kube-system', name: 'kube-dns', port: 'dns-tcp', proto: 'TCP', chain: 'KUBE-SVC-ERIFXISQEP7F7OF4' },
    { ns: 'default', name: 'web', port: undefined, proto: 'TCP', chain: 'KUBE-SVC-LOLE4ISW44XBNF3G' },
  ])('$ns/$name:$port/$proto hashes to $chain', ({ ns, name, port, proto, chain }) => {
    expect(servicePortChainName('KUBE-SVC-', servicePortName(ns, name, port), proto)).toBe(chain)
  })

  it('an endpoint chain hashes the endpoint too', () => {
    expect(servicePortEndpointChainName('default/web', 'TCP', '10.244.1.5:80')).toBe('KUBE-SEP-3BXOQLMOWG4452TJ')
  })
})
