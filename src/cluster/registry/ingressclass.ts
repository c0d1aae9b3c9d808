// IngressClasses (pkg/registry/networking/ingressclass/strategy.go): cluster-scoped, no status, a
// generation that follows the spec, and a controller that never changes once set.
import type { IngressClass } from 'kubernetes-types/networking/v1.js'
import type { KubeObject } from '../object.js'
import { validateIngressClass, validateIngressClassUpdate } from '../validation/ingress.js'
import type { Strategy } from './strategy.js'

const asIngressClass = (o: KubeObject): IngressClass => o as IngressClass

/** SetDefaults_IngressClass: parameters without a scope refer to a cluster-scoped object. */
export function defaultIngressClass(ic: IngressClass): void {
  const params = ic.spec?.parameters
  if (params && params.scope == null) params.scope = 'Cluster'
}

export const ingressClassStrategy: Strategy = {
  hasStatus: false,
  tracksGeneration: true,
  nameRule: 'subdomain',
  default: (obj) => defaultIngressClass(asIngressClass(obj)),
  validate: (obj) => validateIngressClass(asIngressClass(obj)),
  validateUpdate: (obj, old) => validateIngressClassUpdate(asIngressClass(obj), old as IngressClass),
}
