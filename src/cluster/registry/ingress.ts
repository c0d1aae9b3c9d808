// Ingresses (pkg/registry/networking/ingress/strategy.go): created with an empty status, the
// generation follows the spec, and only the status subresource writes status.loadBalancer (what
// the ingress controller publishes, the ADDRESS column).
import type { Ingress } from 'kubernetes-types/networking/v1.js'
import type { KubeObject } from '../object.js'
import { validateIngressCreate, validateIngressStatus } from '../validation/ingress.js'
import type { Strategy } from './strategy.js'

const asIngress = (o: KubeObject): Ingress => o as Ingress

export const ingressStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: true,
  nameRule: 'subdomain',
  // networking/v1 defaults nothing in an Ingress (pathType has no default in v1, unlike v1beta1).
  default: () => {},
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} }
  },
  validate: (obj) => [...validateIngressCreate(asIngress(obj)), ...validateIngressStatus(asIngress(obj))],
}
