// DaemonSets as `kubectl get daemonsets` shows them (printDaemonSet): the status counts, the pod
// template's node selector, and with -o wide its containers, images and selector.
import type { DaemonSet } from 'kubernetes-types/apps/v1.js'
import type { Millis } from '../../cluster/clock.js'
import { formatLabels, fromLabelSelector } from '../../cluster/labels.js'
import { age } from '../format/time.js'
import { containerCells } from './deployment.js'
import type { Cell, ColumnDefinition } from './table.js'

export const daemonSetColumns: readonly ColumnDefinition[] = [
  { name: 'Name', format: 'name' },
  { name: 'Desired' },
  { name: 'Current' },
  { name: 'Ready' },
  { name: 'Up-to-date' },
  { name: 'Available' },
  { name: 'Node Selector' },
  { name: 'Age' },
  { name: 'Containers', priority: 1 },
  { name: 'Images', priority: 1 },
  { name: 'Selector', priority: 1 },
]

export function printDaemonSet(ds: DaemonSet, now: Millis): Cell[] {
  const { names, images } = containerCells(ds.spec?.template?.spec?.containers ?? [])
  const st = ds.status
  return [
    ds.metadata?.name ?? '',
    st?.desiredNumberScheduled ?? 0,
    st?.currentNumberScheduled ?? 0,
    st?.numberReady ?? 0,
    st?.updatedNumberScheduled ?? 0,
    st?.numberAvailable ?? 0,
    // labels.FormatLabels: `<none>` for no node selector.
    formatLabels(ds.spec?.template?.spec?.nodeSelector) || '<none>',
    age(ds.metadata?.creationTimestamp, now),
    names,
    images,
    ds.spec?.selector ? fromLabelSelector(ds.spec.selector).toString() : '',
  ]
}
