// kubectl describe endpoints / endpointslices in kubectl 1.32's layout (describeEndpoints,
// describeEndpointSliceV1). Each expected text was checked against real kubectl 1.32 over the
// bridge (test/support/kube-http.ts) on this very cluster.
import { beforeAll, describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

let c: Cluster

beforeAll(() => {
  c = Cluster.create({ seed: 7 })
  c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80, name: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: plain}
spec: {selector: {app: web}, ports: [{port: 8080, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: orphan}
spec: {selector: {app: nothing}, ports: [{port: 9000, protocol: UDP}]}
`)
  c.advance('30s')
})

describe('kubectl describe endpoints', () => {
  it('prints each subset as comma-joined addresses and a table of ports', () => {
    expect(c.kubectl('describe endpoints web')).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: [
        'Name:         web',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:07Z',
        'Subsets:',
        '  Addresses:          10.244.1.2,10.244.2.2',
        '  NotReadyAddresses:  <none>',
        '  Ports:',
        '    Name  Port  Protocol',
        '    ----  ----  --------',
        '    http  80    TCP',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    })
  })

  it('names an unnamed port <unset>, and prints no subset for a service without endpoints', () => {
    expect(c.kubectl('describe endpoints plain').stdout).toContain('    Name     Port  Protocol\n    ----     ----  --------\n    <unset>  80    TCP\n\nEvents:  <none>\n')
    expect(c.kubectl('describe endpoints orphan').stdout).toBe(
      'Name:         orphan\nNamespace:    default\nLabels:       <none>\nAnnotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:00Z\nSubsets:\nEvents:  <none>\n',
    )
  })
})

describe('kubectl describe endpointslices', () => {
  it('prints the ports and one block per endpoint', () => {
    expect(c.kubectl('describe endpointslices -l kubernetes.io/service-name=web')).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: [
        'Name:         web-czw29',
        'Namespace:    default',
        'Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io',
        '              kubernetes.io/service-name=web',
        'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:07Z',
        'AddressType:  IPv4',
        'Ports:',
        '  Name  Port  Protocol',
        '  ----  ----  --------',
        '  http  80    TCP',
        'Endpoints:',
        '  - Addresses:  10.244.1.2',
        '    Conditions:',
        '      Ready:    true',
        '    Hostname:   <unset>',
        '    TargetRef:  Pod/web-5c94f75b5d-c7dk2',
        '    NodeName:   node-1',
        '    Zone:       <unset>',
        '  - Addresses:  10.244.2.2',
        '    Conditions:',
        '      Ready:    true',
        '    Hostname:   <unset>',
        '    TargetRef:  Pod/web-5c94f75b5d-vs9q4',
        '    NodeName:   node-2',
        '    Zone:       <unset>',
        'Events:         <none>',
        '',
      ].join('\n'),
    })
  })

  it('says <unset> and <none> for a slice without ports or endpoints (its endpoints are null)', () => {
    expect(c.kubectl('describe endpointslices -l kubernetes.io/service-name=orphan').stdout).toBe(
      [
        'Name:         orphan-mn5pv',
        'Namespace:    default',
        'Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io',
        '              kubernetes.io/service-name=orphan',
        'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:00Z',
        'AddressType:  IPv4',
        'Ports: <unset>',
        'Endpoints: <none>',
        'Events:  <none>',
        '',
      ].join('\n'),
    )
  })
})
