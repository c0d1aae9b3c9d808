import type { Ingress, IngressRule } from 'kubernetes-types/networking/v1.js'
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { formatHosts, ingressAddresses, printIngressClass } from '../../../src/kubectl/printers/ingress.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)
const rules = (...hosts: string[]): IngressRule[] => hosts.map((host) => (host ? { host } : {}))

describe('the HOSTS cell (formatHosts)', () => {
  it.each([
    { hosts: [], cell: '*' },
    { hosts: [''], cell: '*' },
    { hosts: ['a.example.com', ''], cell: 'a.example.com' },
    { hosts: ['a.com', 'b.com', 'c.com'], cell: 'a.com,b.com,c.com' },
    { hosts: ['a.com', 'b.com', 'c.com', 'd.com', 'e.com'], cell: 'a.com,b.com,c.com + 2 more...' },
    // upstream counts the rules without a host in N too
    { hosts: ['a.com', 'b.com', 'c.com', '', 'e.com'], cell: 'a.com,b.com,c.com + 2 more...' },
  ])('$hosts shows $cell', ({ hosts, cell }) => {
    expect(formatHosts(rules(...hosts))).toBe(cell)
  })
})

describe('the ADDRESS cell', () => {
  const ing = (ingress: { ip?: string; hostname?: string }[]): Ingress => ({ status: { loadBalancer: { ingress } } })
  it('sorts and de-duplicates IPs, prefers an IP to a hostname, and cuts at 16 characters unless wide', () => {
    const i = ing([{ ip: '172.18.255.201' }, { ip: '172.18.255.200' }, { ip: '172.18.255.200' }, { hostname: 'lb.example.com' }])
    expect(ingressAddresses(i, true)).toBe('172.18.255.200,172.18.255.201,lb.example.com')
    expect(ingressAddresses(i, false)).toBe('172.18.255.20...')
    expect(ingressAddresses(ing([]), false)).toBe('')
  })
})

it('an IngressClass shows its parameters as Kind.group/name', () => {
  expect(printIngressClass({ metadata: { name: 'x', creationTimestamp: '2026-11-25T02:00:00Z' }, spec: { controller: 'example.com/c', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'lb' } } }, T0 + 5000)).toEqual([
    'x',
    'example.com/c',
    'IngressParameters.k8s.example.com/lb',
    '5s',
  ])
})

describe('kubectl get ingress', () => {
  const manifest = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  tls:
  - hosts: [a.example.com]
    secretName: web-tls
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`
  it('prints NAME CLASS HOSTS ADDRESS PORTS AGE, with 443 when the ingress has TLS', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false })
    const io = memoryIO({ 'ing.yaml': manifest })
    expect(runKubectl(c, ['apply', '-f', 'ing.yaml'], io).stdout).toBe('ingress.networking.k8s.io/web created\n')
    c.advance(65_000)
    expect(runKubectl(c, ['get', 'ing'], io)).toEqual({
      stdout: 'NAME   CLASS   HOSTS           ADDRESS   PORTS     AGE\nweb    nginx   a.example.com             80, 443   65s\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('tells an invalid ingress in kubectl words', () => {
    const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false })
    const io = memoryIO({ 'ing.yaml': manifest.replace('        pathType: Prefix\n', '') })
    expect(runKubectl(c, ['apply', '-f', 'ing.yaml'], io)).toEqual({
      stdout: '',
      stderr: 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n',
      exitCode: 1,
    })
  })
})
