// Ingress and IngressClass validation (pkg/apis/networking/validation/validation.go, 1.32), in
// upstream's order and words: a path needs a pathType, a backend is a service or a resource (never
// both), a service backend names its port by name or by number.
import type { HTTPIngressPath, Ingress, IngressBackend, IngressClass, IngressClassParametersReference, IngressRule } from 'kubernetes-types/networking/v1.js'
import { type FieldError, forbiddenField, GoLiteral, invalidValue, notSupported, required, tooLong } from './field.js'
import { FIELD_IMMUTABLE } from './meta.js'
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, parseIP, regexError } from './names.js'

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] // sets.NewString(...).List(): sorted
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F']
const INVALID_PATH_SUFFIXES = ['/..', '/.']
const PARAMETER_SCOPES = ['Cluster', 'Namespace']
const MAX_CONTROLLER_LENGTH = 250
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class'

const DNS1123_SUBDOMAIN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'
const WILDCARD_SUBDOMAIN = `\\*\\.${DNS1123_SUBDOMAIN}`
const HTTP_PATH = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+"

/** IsWildcardDNS1123Subdomain: `*.` and a subdomain, as in `*.example.com`. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push('must be no more than 253 characters')
  if (!new RegExp(`^${WILDCARD_SUBDOMAIN}$`).test(value))
    errs.push(
      regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        WILDCARD_SUBDOMAIN,
        '*.example.com',
      ),
    )
  return errs
}

/** ValidateIngressCreate: the object's own rules, and the class annotation agreeing with the field. */
export function validateIngressCreate(ing: Ingress): FieldError[] {
  const errs = validateIngressSpec(ing)
  const annotation = ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION]
  const className = ing.spec?.ingressClassName
  if (annotation !== undefined && className != null && annotation !== className)
    errs.push(invalidValue(`annotations.${INGRESS_CLASS_ANNOTATION}`, annotation, 'must match `ingressClassName` when both are specified'))
  return errs
}

export function validateIngressSpec(ing: Ingress): FieldError[] {
  const spec = ing.spec ?? {}
  const errs: FieldError[] = []
  const rules = spec.rules ?? []
  // field.Invalid(spec, spec.Rules, ...) prints the Go slice with %#v: nil when absent, {} when empty.
  if (rules.length === 0 && !spec.defaultBackend)
    errs.push(invalidValue('spec', new GoLiteral(`[]networking.IngressRule${spec.rules ? '{}' : '(nil)'}`), 'either `defaultBackend` or `rules` must be specified'))
  if (spec.defaultBackend) errs.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'))
  rules.forEach((rule, i) => errs.push(...validateIngressRule(rule, `spec.rules[${i}]`)))
  ;(spec.tls ?? []).forEach((tls, i) => {
    ;(tls.hosts ?? []).forEach((host, j) => {
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host)
      for (const msg of msgs) errs.push(invalidValue(`spec.tls[${i}].hosts[${j}]`, host, msg))
    })
    if (tls.secretName) for (const msg of isDNS1123Subdomain(tls.secretName)) errs.push(invalidValue(`spec.tls[${i}].secretName`, tls.secretName, msg))
  })
  if (spec.ingressClassName != null)
    for (const msg of isDNS1123Subdomain(spec.ingressClassName)) errs.push(invalidValue('spec.ingressClassName', spec.ingressClassName, msg))
  return errs
}

function validateIngressRule(rule: IngressRule, path: string): FieldError[] {
  const errs: FieldError[] = []
  const host = rule.host ?? ''
  if (host) {
    if (parseIP(host)) errs.push(invalidValue(`${path}.host`, host, 'must be a DNS name, not an IP address'))
    const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host)
    for (const msg of msgs) errs.push(invalidValue(`${path}.host`, host, msg))
  }
  if (rule.http) {
    const paths = rule.http.paths ?? []
    if (paths.length === 0) errs.push(required(`${path}.http.paths`))
    paths.forEach((p, i) => errs.push(...validateHTTPIngressPath(p, `${path}.http.paths[${i}]`)))
  }
  return errs
}

function validateHTTPIngressPath(p: HTTPIngressPath, path: string): FieldError[] {
  const errs: FieldError[] = []
  // networking/v1 has no default pathType: without one, nothing else of the path is looked at.
  if (p.pathType == null) return [required(`${path}.pathType`, 'pathType must be specified')]
  const value = p.path ?? ''
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(invalidValue(`${path}.path`, value, 'must be an absolute path'))
      if (value.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) if (value.includes(seq)) errs.push(invalidValue(`${path}.path`, value, `must not contain '${seq}'`))
        for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) errs.push(invalidValue(`${path}.path`, value, `cannot end with '${suffix}'`))
      }
      break
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/')) errs.push(invalidValue(`${path}.path`, value, 'must be an absolute path'))
      break
    default:
      errs.push(notSupported(`${path}.pathType`, p.pathType, PATH_TYPES))
  }
  errs.push(...validateIngressBackend(p.backend ?? {}, `${path}.backend`))
  return errs
}

/** validateIngressBackend: exactly one of service and resource; a service port by name or number. */
export function validateIngressBackend(backend: IngressBackend, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (backend.resource && backend.service) return [invalidValue(path, '', 'cannot set both resource and service backends')]
  if (backend.resource) {
    const r = backend.resource
    if (r.apiGroup != null) for (const msg of isDNS1123Subdomain(r.apiGroup)) errs.push(invalidValue(`${path}.resource.apiGroup`, r.apiGroup, msg))
    if (!r.kind) errs.push(required(`${path}.resource.kind`))
    else for (const msg of pathSegmentErrors(r.kind)) errs.push(invalidValue(`${path}.resource.kind`, r.kind, msg))
    if (!r.name) errs.push(required(`${path}.resource.name`))
    else for (const msg of pathSegmentErrors(r.name)) errs.push(invalidValue(`${path}.resource.name`, r.name, msg))
    return errs
  }
  if (!backend.service) return [invalidValue(path, '', 'resource or service backend is required')]
  const svc = backend.service
  if (!svc.name) errs.push(required(`${path}.service.name`))
  else for (const msg of isDNS1035Label(svc.name)) errs.push(invalidValue(`${path}.service.name`, svc.name, msg))
  const portName = svc.port?.name ?? ''
  const portNumber = svc.port?.number ?? 0
  if (portName && portNumber) errs.push(invalidValue(path, '', 'cannot set both port name & port number'))
  else if (portName) for (const msg of isValidPortName(portName)) errs.push(invalidValue(`${path}.service.port.name`, portName, msg))
  else if (portNumber) for (const msg of isValidPortNum(portNumber)) errs.push(invalidValue(`${path}.service.port.number`, portNumber, msg))
  else errs.push(required(path, 'port name or number is required'))
  return errs
}

/** ValidatePathSegmentName (content.IsPathSegmentName): usable as one URL path segment. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  const errs: string[] = []
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`)
  return errs
}

/** ValidateIngressStatusUpdate: each load-balancer ingress is an IP or a DNS name (not an IP). */
export function validateIngressStatus(ing: Ingress): FieldError[] {
  const errs: FieldError[] = []
  ;(ing.status?.loadBalancer?.ingress ?? []).forEach((lb, i) => {
    const path = `status.loadBalancer.ingress[${i}]`
    if (lb.ip && !parseIP(lb.ip)) errs.push(invalidValue(`${path}.ip`, lb.ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'))
    if (lb.hostname) {
      for (const msg of isDNS1123Subdomain(lb.hostname)) errs.push(invalidValue(`${path}.hostname`, lb.hostname, msg))
      if (parseIP(lb.hostname)) errs.push(invalidValue(`${path}.hostname`, lb.hostname, 'must be a DNS name, not an IP address'))
    }
  })
  return errs
}

// ---------------------------------------------------------------- IngressClass

export function validateIngressClass(ic: IngressClass): FieldError[] {
  const errs: FieldError[] = []
  const controller = ic.spec?.controller ?? ''
  if (controller === '') errs.push(required('spec.controller'))
  else {
    if (controller.length > MAX_CONTROLLER_LENGTH) errs.push(tooLong('spec.controller', MAX_CONTROLLER_LENGTH))
    errs.push(...isDomainPrefixedPath('spec.controller', controller))
  }
  if (ic.spec?.parameters) errs.push(...validateParametersReference(ic.spec.parameters, 'spec.parameters'))
  return errs
}

export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  const was = old.spec?.controller
  if ((ic.spec?.controller ?? '') !== (was ?? '')) return [invalidValue('spec.controller', ic.spec?.controller ?? '', FIELD_IMMUTABLE)]
  return []
}

/** IsDomainPrefixedPath: `example.com/some-name`, as controllers are named (`k8s.io/ingress-nginx`). */
function isDomainPrefixedPath(path: string, value: string): FieldError[] {
  const slash = value.indexOf('/')
  const host = slash < 0 ? value : value.slice(0, slash)
  const rest = slash < 0 ? '' : value.slice(slash + 1)
  if (slash < 0 || host === '' || rest === '') return [invalidValue(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')]
  const errs = isDNS1123Subdomain(host).map((msg) => invalidValue(path, host, msg))
  if (!new RegExp(`^${HTTP_PATH}$`).test(rest)) errs.push(invalidValue(path, rest, regexError('Invalid path', HTTP_PATH)))
  return errs
}

function validateParametersReference(p: IngressClassParametersReference, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (p.apiGroup != null) for (const msg of isDNS1123Subdomain(p.apiGroup)) errs.push(invalidValue(`${path}.apiGroup`, p.apiGroup, msg))
  if (!p.kind) errs.push(required(`${path}.kind`))
  else for (const msg of pathSegmentErrors(p.kind)) errs.push(invalidValue(`${path}.kind`, p.kind, msg))
  if (!p.name) errs.push(required(`${path}.name`))
  else for (const msg of pathSegmentErrors(p.name)) errs.push(invalidValue(`${path}.name`, p.name, msg))
  if (p.scope == null) return [...errs, required(`${path}.scope`)]
  if (!PARAMETER_SCOPES.includes(p.scope)) errs.push(notSupported(`${path}.scope`, p.scope, PARAMETER_SCOPES))
  else if (p.scope === 'Namespace') {
    if (p.namespace == null) errs.push(required(`${path}.namespace`, "`parameters.scope` is set to 'Namespace'"))
    else for (const msg of isDNS1123Label(p.namespace)) errs.push(invalidValue(`${path}.namespace`, p.namespace, msg))
  } else if (p.namespace != null) errs.push(forbiddenField(`${path}.namespace`, "`parameters.scope` is set to 'Cluster'"))
  return errs
}
