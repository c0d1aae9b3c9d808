// kubectl describe daemonset (DaemonSetDescriber, describeDaemonSet): the counts of the status
// written out as sentences, the pods' phases, the pod template and the events.
import type { DaemonSet } from 'kubernetes-types/apps/v1.js'
import type { Event } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../../cluster/clock.js'
import { formatLabels, formatLabelSelector, fromLabelSelector } from '../../cluster/labels.js'
import type { KubeObject } from '../../cluster/object.js'
import { err, ok, type Result } from '../../cluster/result.js'
import type { Status } from '../../cluster/status.js'
import { KUBECTL, type KubectlContext } from '../context.js'
import type { DescriberSettings } from './describer.js'
import { describeEvents, referenceOf, searchEvents } from './events.js'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.js'
import { describePodTemplate } from './pod-template.js'
import { getPodStatusForController, type PodCounts } from './replicaset.js'
import { LEVEL_0, tabbedString } from './writer.js'

export function daemonSetDescriber(ctx: KubectlContext, namespace: string, name: string, settings: DescriberSettings): Result<string, Status> {
  const got = ctx.api.get(KUBECTL, 'daemonsets', namespace, name)
  if (!got.ok) return err(got.error)
  const ds = got.value as KubeObject as DaemonSet
  const selector = fromLabelSelector(ds.spec?.selector).toString()
  const counts = getPodStatusForController(ctx, namespace, selector, got.value.metadata.uid)
  const events = settings.showEvents ? searchEvents(ctx, referenceOf(got.value)) : undefined
  return ok(describeDaemonSet(ds, events, counts, ctx.now()))
}

export function describeDaemonSet(ds: DaemonSet, events: readonly Event[] | undefined, counts: Result<PodCounts, Status>, now: Millis): string {
  return tabbedString((w) => {
    const st = ds.status
    // kubectl 1.32 prints no Namespace line for a daemon set (describeDaemonSet).
    w.write(LEVEL_0, `Name:\t${ds.metadata?.name ?? ''}\n`)
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`)
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector) || '<none>'}\n`)
    printLabelsMultiline(w, 'Labels', ds.metadata?.labels)
    printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations)
    // These lines have no tab: upstream writes them with ": ", outside the aligned columns.
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`)
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`)
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`)
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`)
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`)
    w.write(LEVEL_0, 'Pods Status:\t')
    if (!counts.ok) w.write(LEVEL_0, `error in fetching pods: ${counts.error.message}\n`)
    else w.write(LEVEL_0, `${counts.value.running} Running / ${counts.value.waiting} Waiting / ${counts.value.succeeded} Succeeded / ${counts.value.failed} Failed\n`)
    describePodTemplate(ds.spec?.template, w)
    if (events) describeEvents(events, w, now)
  })
}
