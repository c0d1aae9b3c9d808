import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const kubectl = (...args: string[]) => runKubectl(SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, components: false }), args, memoryIO({}))

describe('kubectl create ingress', () => {
  it('builds rules grouped by host, Prefix for a trailing *, Exact otherwise, and TLS per secret', () => {
    const r = kubectl('create', 'ingress', 'ingtls', '--class=nginx', '--rule=foo.com/=svc:https,tls', '--rule=foo.com/path/subpath*=othersvc:8080', '--rule=bar.com/*=svc2:80,tls=secret1', '--dry-run=client', '-o', 'yaml')
    expect(r).toEqual({
      stdout: [
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  creationTimestamp: null',
        '  name: ingtls',
        'spec:',
        '  ingressClassName: nginx',
        '  rules:',
        '  - host: foo.com',
        '    http:',
        '      paths:',
        '      - backend:',
        '          service:',
        '            name: svc',
        '            port:',
        '              name: https',
        '        path: /',
        '        pathType: Exact',
        '      - backend:',
        '          service:',
        '            name: othersvc',
        '            port:',
        '              number: 8080',
        '        path: /path/subpath',
        '        pathType: Prefix',
        '  - host: bar.com',
        '    http:',
        '      paths:',
        '      - backend:',
        '          service:',
        '            name: svc2',
        '            port:',
        '              number: 80',
        '        path: /',
        '        pathType: Prefix',
        '  tls:',
        '  - hosts:',
        '    - foo.com',
        '  - hosts:',
        '    - bar.com',
        '    secretName: secret1',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    })
  })

  it('creates it through the apiserver', () => {
    expect(kubectl('create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080')).toEqual({ stdout: 'ingress.networking.k8s.io/simple created\n', stderr: '', exitCode: 0 })
  })

  it.each([
    { args: ['--rule=foo.com=svc:80'], stderr: 'error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n' },
    { args: [], stderr: 'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n' },
    { args: ['--default-backend=svc'], stderr: 'error: default-backend should be in format servicename:serviceport\n' },
    { args: ['--rule=/=svc:80', '--annotation=nokey'], stderr: 'error: annotation nokey is invalid and should be in format key=[value]\n' },
  ])('refuses $args', ({ args, stderr }) => {
    expect(kubectl('create', 'ingress', 'x', ...args)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })
})
