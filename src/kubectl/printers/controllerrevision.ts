// ControllerRevisions as `kubectl get controllerrevisions` shows them (printControllerRevision):
// CONTROLLER is the owner as kind.group/name, `<none>` without one.
import type { ControllerRevision } from 'kubernetes-types/apps/v1.js'
import type { Millis } from '../../cluster/clock.js'
import { controllerRefOf, type KubeObject } from '../../cluster/object.js'
import { age } from '../format/time.js'
import type { Cell, ColumnDefinition } from './table.js'

export const controllerRevisionColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }]

export function printControllerRevision(cr: ControllerRevision, now: Millis): Cell[] {
  const ref = controllerRefOf(cr as unknown as KubeObject)
  let controller = '<none>'
  if (ref) {
    const slash = ref.apiVersion.indexOf('/')
    const group = slash > 0 ? ref.apiVersion.slice(0, slash) : ''
    controller = `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`
  }
  return [cr.metadata?.name ?? '', controller, cr.revision, age(cr.metadata?.creationTimestamp, now)]
}
