// Ingresses and IngressClasses as `kubectl get` shows them (printIngress, printIngressClass).
import type { Ingress, IngressClass, IngressRule } from 'kubernetes-types/networking/v1.js'
import type { Millis } from '../../cluster/clock.js'
import { age } from '../format/time.js'
import type { Cell, ColumnDefinition } from './table.js'

export const ingressColumns: readonly ColumnDefinition[] = [
  { name: 'Name', format: 'name' },
  { name: 'Class' },
  { name: 'Hosts' },
  { name: 'Address' },
  { name: 'Ports' },
  { name: 'Age' },
]

export const ingressClassColumns: readonly ColumnDefinition[] = [{ name: 'Name', format: 'name' }, { name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }]

/** Without -o wide the addresses are cut to this many characters (loadBalancerWidth). */
const LOAD_BALANCER_WIDTH = 16
const MAX_HOSTS = 3

export function printIngress(ing: Ingress, now: Millis, wide: boolean): Cell[] {
  return [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    formatHosts(ing.spec?.rules ?? []),
    ingressAddresses(ing, wide),
    (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    age(ing.metadata?.creationTimestamp, now),
  ]
}

/**
 * formatHosts: the first three hosts, then ` + N more...`. Upstream counts N over all rules (those
 * without a host too), and shows `*` when no rule names a host.
 */
export function formatHosts(rules: readonly IngressRule[]): string {
  const list: string[] = []
  let more = false
  for (const rule of rules) {
    if (list.length === MAX_HOSTS) more = true
    if (!more && rule.host) list.push(rule.host)
  }
  if (list.length === 0) return '*'
  return more ? `${list.join(',')} + ${rules.length - MAX_HOSTS} more...` : list.join(',')
}

/** ingressLoadBalancerStatusStringer: IPs (else hostnames), sorted, de-duplicated, cut unless wide. */
export function ingressAddresses(ing: Ingress, wide: boolean): string {
  const set = new Set<string>()
  for (const lb of ing.status?.loadBalancer?.ingress ?? []) {
    if (lb.ip) set.add(lb.ip)
    else if (lb.hostname) set.add(lb.hostname)
  }
  const text = [...set].sort().join(',')
  return !wide && text.length > LOAD_BALANCER_WIDTH ? `${text.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : text
}

export function printIngressClass(ic: IngressClass, now: Millis): Cell[] {
  const p = ic.spec?.parameters
  const parameters = p ? `${p.kind}${p.apiGroup != null ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>'
  return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', parameters, age(ic.metadata?.creationTimestamp, now)]
}
