import { expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)
const files = {
  'ing.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
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
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              name: http
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`,
  'ic.yaml': `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
`,
}

it('describes an ingress: each backend with its endpoints, or the error reading its service', () => {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false })
  const io = memoryIO(files)
  runKubectl(c, ['apply', '-f', 'ing.yaml'], io)
  runKubectl(c, ['apply', '-f', 'svc.yaml'], io)
  expect(runKubectl(c, ['describe', 'ingress', 'web'], io).stdout).toBe(
    'Name:             web\n' +
      'Labels:           <none>\n' +
      'Namespace:        default\n' +
      'Address:          \n' +
      'Ingress Class:    nginx\n' +
      'Default backend:  <default>\n' +
      'Rules:\n' +
      '  Host           Path  Backends\n' +
      '  ----           ----  --------\n' +
      '  a.example.com  \n' +
      '                 /      web:80 (<none>)\n' +
      '                 /api   api:http (<error: services "api" not found>)\n' +
      'Annotations:     nginx.ingress.kubernetes.io/rewrite-target: /\n' +
      'Events:          <none>\n',
  )
})

it('describes an ingress class', () => {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false })
  const io = memoryIO(files)
  runKubectl(c, ['apply', '-f', 'ic.yaml'], io)
  expect(runKubectl(c, ['describe', 'ingressclass', 'nginx'], io).stdout).toBe(
    'Name:         nginx\nLabels:       <none>\nAnnotations:  <none>\nController:   k8s.io/ingress-nginx\nEvents:       <none>\n',
  )
})
