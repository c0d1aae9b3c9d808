// ComponentStatuses as `kubectl get cs` shows them (printComponentStatus in
// pkg/printers/internalversion/printers.go): NAME STATUS MESSAGE ERROR, where STATUS is Healthy
// when the Healthy condition is True, Unhealthy when it is anything else, Unknown without one.
import type { ComponentStatus } from 'kubernetes-types/core/v1.js'
import type { Cell, ColumnDefinition } from './table.js'

export const componentStatusColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Status' }, { name: 'Message' }, { name: 'Error' }]

export function printComponentStatus(cs: ComponentStatus): Cell[] {
  const healthy = (cs.conditions ?? []).find((c) => c.type === 'Healthy')
  const status = healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy'
  return [cs.metadata?.name ?? '', status, healthy?.message ?? '', healthy?.error ?? '']
}
