// ServiceAccounts (pkg/registry/core/serviceaccount/strategy.go): no status, no generation; the
// name is a DNS subdomain (ValidateServiceAccountName), and nothing else is checked.
import type { Strategy } from './strategy.js'

export const serviceAccountStrategy: Strategy = {
  uidFromKey: (o) => o.metadata?.name === 'default',
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'subdomain',
  default: () => {},
  validate: () => [],
}
