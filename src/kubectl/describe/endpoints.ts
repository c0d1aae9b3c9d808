// kubectl describe endpoints and endpointslices (EndpointsDescriber with describeEndpoints,
// EndpointSliceDescriber with describeEndpointSliceV1, kubectl 1.32): a subset's addresses joined
// by commas and its ports as a small table; a slice's endpoints one block each.
import type { Endpoints, Event } from 'kubernetes-types/core/v1.js'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js'
import type { Millis } from '../../cluster/clock.js'
import type { KubeObject } from '../../cluster/object.js'
import { err, ok, type Result } from '../../cluster/result.js'
import type { Status } from '../../cluster/status.js'
import { KUBECTL, type KubectlContext } from '../context.js'
import type { DescriberSettings } from './describer.js'
import { describeEvents, referenceOf, searchEvents } from './events.js'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js'
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString } from './writer.js'

export function endpointsDescriber(ctx: KubectlContext, namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'endpoints', namespace, name)
  if (!got.ok) return err(got.error)
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeEndpoints(got.value as KubeObject as Endpoints, events, ctx.now()))
}

export function describeEndpoints(ep: Endpoints, events: readonly Event[] | undefined, now: Millis): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata?.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${ep.metadata?.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', ep.metadata?.labels)
    printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations)
    w.write(LEVEL_0, 'Subsets:\n')
    for (const subset of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
      w.write(LEVEL_1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
      if ((subset.ports ?? []).length > 0) {
        w.write(LEVEL_1, 'Ports:\n')
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n')
        w.write(LEVEL_2, '----\t----\t--------\n')
        for (const port of subset.ports!) w.write(LEVEL_2, `${port.name || '<unset>'}\t${port.port}\t${port.protocol ?? ''}\n`)
      }
      // Upstream ends every subset with an empty line.
      w.write(LEVEL_0, '\n')
    }
    if (events) describeEvents(events, w, now)
  })
}

export function endpointSliceDescriber(ctx: KubectlContext, namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'endpointslices', namespace, name)
  if (!got.ok) return err(got.error)
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeEndpointSlice(got.value as unknown as EndpointSlice, events, ctx.now()))
}

export function describeEndpointSlice(eps: EndpointSlice, events: readonly Event[] | undefined, now: Millis): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata?.name ?? ''}\n`)
    w.write(LEVEL_0, `Namespace:\t${eps.metadata?.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', eps.metadata?.labels)
    printAnnotationsMultiline(w, 'Annotations', eps.metadata?.annotations)
    w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`)
    const ports = eps.ports ?? []
    // These two lines have no tab: upstream writes them outside the aligned columns.
    if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n')
    else {
      w.write(LEVEL_0, 'Ports:\n')
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n')
      w.write(LEVEL_1, '----\t----\t--------\n')
      for (const port of ports) w.write(LEVEL_1, `${port.name || '<unset>'}\t${port.port ?? '<unset>'}\t${port.protocol ?? ''}\n`)
    }
    const endpoints = eps.endpoints ?? []
    if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n')
    else {
      w.write(LEVEL_0, 'Endpoints:\n')
      for (const endpoint of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${endpoint.addresses.join(', ') || '<none>'}\n`)
        w.write(LEVEL_2, 'Conditions:\n')
        w.write(LEVEL_3, `Ready:\t${endpoint.conditions?.ready === undefined ? '<unset>' : String(endpoint.conditions.ready)}\n`)
        w.write(LEVEL_2, `Hostname:\t${endpoint.hostname ?? '<unset>'}\n`)
        if (endpoint.targetRef) w.write(LEVEL_2, `TargetRef:\t${endpoint.targetRef.kind ?? ''}/${endpoint.targetRef.name ?? ''}\n`)
        w.write(LEVEL_2, `NodeName:\t${endpoint.nodeName ?? '<unset>'}\n`)
        w.write(LEVEL_2, `Zone:\t${endpoint.zone ?? '<unset>'}\n`)
      }
    }
    if (events) describeEvents(events, w, now)
  })
}
