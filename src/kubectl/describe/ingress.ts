// kubectl describe ingress|ingressclass (IngressDescriber.describeIngressV1, describeBackendV1,
// IngressClassDescriber.describeIngressClassV1). A backend shows its service's ready endpoints, or
// the error that reading the service gave: `web:80 (<error: services "web" not found>)`.
import type { Event, Service } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Ingress, IngressBackend, IngressClass, IngressServiceBackend } from 'kubernetes-types/networking/v1.js'
import type { Millis } from '../../cluster/clock.js'
import type { KubeObject } from '../../cluster/object.js'
import { err, ok, type Result } from '../../cluster/result.js'
import type { Status } from '../../cluster/status.js'
import { KUBECTL, type KubectlContext } from '../context.js'
import { ingressAddresses } from '../printers/ingress.js'
import type { DescriberSettings } from './describer.js'
import { describeEvents, referenceOf, searchEvents } from './events.js'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js'
import { formatEndpointSlices } from './service.js'
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from './writer.js'

/** What a backend leads to: the service and its slices, or the Status that reading them gave. */
export type BackendLookup = (namespace: string, service: string) => Result<{ service: Service; slices: EndpointSlice[] }, Status>

export function ingressDescriber(ctx: KubectlContext, namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'ingresses', namespace, name)
  if (!got.ok) return err(got.error)
  const lookup: BackendLookup = (ns, svcName) => {
    const slices = ctx.api.list(KUBECTL, 'endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${svcName}` })
    if (!slices.ok) return err(slices.error)
    const svc = ctx.api.get(KUBECTL, 'services', ns, svcName)
    if (!svc.ok) return err(svc.error)
    return ok({ service: svc.value as KubeObject as Service, slices: slices.value.items as unknown as EndpointSlice[] })
  }
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeIngress(got.value as KubeObject as Ingress, lookup, events, ctx.now()))
}

export function describeIngress(ing: Ingress, lookup: BackendLookup, events: readonly Event[] | undefined, now: Millis): string {
  const ns = ing.metadata?.namespace ?? ''
  const spec = ing.spec ?? {}
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ing.metadata?.name ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', ing.metadata?.labels)
    w.write(LEVEL_0, `Namespace:\t${ns}\n`)
    w.write(LEVEL_0, `Address:\t${ingressAddresses(ing, true)}\n`)
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`)
    const defaultBackend = spec.defaultBackend ? describeBackend(ns, spec.defaultBackend, lookup) : '<default>'
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`)
    if ((spec.tls ?? []).length > 0) {
      w.write(LEVEL_0, 'TLS:\n')
      for (const t of spec.tls!) {
        const hosts = (t.hosts ?? []).join(',')
        w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`)
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n')
    w.write(LEVEL_1, '----\t----\t--------\n')
    let count = 0
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue
      count++
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`)
      for (const path of rule.http.paths ?? []) w.write(LEVEL_2, `\t${path.path ?? ''} \t${describeBackend(ns, path.backend, lookup)}\n`)
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`)
    printAnnotationsMultiline(w, 'Annotations', ing.metadata?.annotations)
    if (events) describeEvents(events, w, now)
  })
}

/** serviceBackendStringer: `name:port`, the port by number when set, else by name. */
export function serviceBackendString(b: IngressServiceBackend): string {
  return `${b.name}:${b.port?.number ? b.port.number : (b.port?.name ?? '')}`
}

function describeBackend(ns: string, backend: IngressBackend, lookup: BackendLookup): string {
  if (backend.service) {
    const sb = serviceBackendString(backend.service)
    const found = lookup(ns, backend.service.name)
    if (!found.ok) return `${sb} (<error: ${found.error.message}>)`
    // The service port the backend names, by number or by name; its name selects the slices' port.
    let portName = ''
    for (const sp of found.value.service.spec?.ports ?? []) {
      const wanted = backend.service.port
      if (wanted?.number && wanted.number === sp.port) portName = sp.name ?? ''
      else if (wanted?.name && wanted.name === sp.name) portName = sp.name ?? ''
    }
    return `${sb} (${formatEndpointSlices(found.value.slices, portName)})`
  }
  if (backend.resource) {
    const r = backend.resource
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`
  }
  return ''
}

export function ingressClassDescriber(ctx: KubectlContext, _namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'ingressclasses', undefined, name)
  if (!got.ok) return err(got.error)
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeIngressClass(got.value as KubeObject as IngressClass, events, ctx.now()))
}

export function describeIngressClass(ic: IngressClass, events: readonly Event[] | undefined, now: Millis): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata?.name ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', ic.metadata?.labels)
    printAnnotationsMultiline(w, 'Annotations', ic.metadata?.annotations)
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`)
    const p = ic.spec?.parameters
    if (p) {
      w.write(LEVEL_0, 'Parameters:\n')
      if (p.apiGroup != null) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`)
      w.write(LEVEL_1, `Kind:\t${p.kind}\n`)
      w.write(LEVEL_1, `Name:\t${p.name}\n`)
    }
    if (events) describeEvents(events, w, now)
  })
}
