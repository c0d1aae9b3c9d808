import { expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

it('Cluster.curl walks a request from your machine to a NodePort on an underlay cluster', () => {
  const c = Cluster.create({ seed: 4, network: { cni: 'underlay' } })
  c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec: { containers: [{ name: web, image: httpd }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { type: NodePort, selector: { app: web }, ports: [{ port: 80, nodePort: 30080 }] }
`)
  c.advance('60s')
  const r = c.curl('http://192.168.49.2:30080/')
  expect(r.exitCode).toBe(0)
  expect(r.response?.body).toBe('<html><body><h1>It works!</h1></body></html>\n')
  expect(r.hops.some((h) => h.kind === 'vxlan')).toBe(false)
  expect(() => c.curl('http://web/', { from: { pod: 'ghost' } })).toThrow('pods "ghost" not found')
})
