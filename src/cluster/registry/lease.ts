// Leases (pkg/registry/coordination/lease/strategy.go): no status, no generation.
import type { Lease } from 'kubernetes-types/coordination/v1.js'
import { validateLease } from '../validation/lease.js'
import type { Strategy } from './strategy.js'

export const leaseStrategy: Strategy = {
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'subdomain',
  // The leader-election leases of kube-controller-manager and kube-scheduler (kube-system), made in
  // the background as the cluster starts: see Strategy.uidFromKey. Node leases draw, as they did.
  uidFromKey: (o) => o.metadata?.namespace === 'kube-system',
  default: () => {},
  validate: (obj) => validateLease(obj as Lease),
}
