// Ingresses (pkg/registry/networking/ingress/strategy.go): created with an empty status, the
// generation follows the spec, and only the status subresource writes status.loadBalancer (what
// the ingress controller publishes, the ADDRESS column).
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js'
import type { KubeObject } from '../object.js'
import * as S from '../status.js'
import type { Status } from '../status.js'
import { validateIngressCreate, validateIngressStatus } from '../validation/ingress.js'
import type { Strategy, StrategyContext } from './strategy.js'

const asIngress = (o: KubeObject): Ingress => o as Ingress
const IS_DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class'

/**
 * The DefaultIngressClass admission plugin (plugin/pkg/admission/network/defaultingressclass), on
 * create only: an Ingress with neither spec.ingressClassName nor the class annotation gets the one
 * IngressClass annotated `ingressclass.kubernetes.io/is-default-class: "true"`; two such are refused.
 */
function defaultIngressClass(ing: Ingress, ctx: StrategyContext): Status | undefined {
  if (ing.spec?.ingressClassName != null || ing.metadata?.annotations?.['kubernetes.io/ingress.class'] !== undefined) return undefined
  const defaults = ctx.list('ingressclasses').filter((c) => (c as IngressClass).metadata?.annotations?.[IS_DEFAULT_CLASS] === 'true')
  if (defaults.length > 1)
    return S.forbidden({ resource: 'ingresses', group: 'networking.k8s.io' }, ing.metadata?.name ?? '', `Internal error occurred: ${defaults.length} default IngressClasses were found, only 1 allowed`)
  if (defaults.length === 1) (ing.spec ??= {}).ingressClassName = defaults[0].metadata.name
  return undefined
}

export const ingressStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: true,
  nameRule: 'subdomain',
  // networking/v1 defaults nothing in an Ingress (pathType has no default in v1, unlike v1beta1).
  default: () => {},
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} }
  },
  admit: (obj, ctx, old) => (old ? undefined : defaultIngressClass(asIngress(obj), ctx)),
  validate: (obj) => [...validateIngressCreate(asIngress(obj)), ...validateIngressStatus(asIngress(obj))],
}
