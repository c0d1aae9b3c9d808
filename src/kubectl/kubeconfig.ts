// The kubeconfig kubectl reads: kubeadm's admin.conf for the simulated cluster (cluster `kubernetes`,
// user `kubernetes-admin`, context `kubernetes-admin@kubernetes`, the apiserver on the control-plane
// node's port 6443), unless the learner changed it with `kubectl config`. Kept as clientcmd's v1
// Config in JSON form; its current context's namespace is the default namespace of every command.
import { parse } from 'yaml'
import type { SimulatedCluster } from '../cluster/cluster.js'
import type { KubectlIO } from './io.js'
import { goYaml } from './printers/yaml.js'

/** A cluster entry: every field of clientcmd's v1 Cluster the file has is kept as it is. */
export interface NamedCluster {
  name: string
  cluster: { server?: string; 'certificate-authority-data'?: string; [field: string]: unknown }
}
/** A user entry (v1 AuthInfo): token, username, password, exec ... kept as the file has them. */
export interface NamedUser {
  name: string
  user: { 'client-certificate-data'?: string; 'client-key-data'?: string; [field: string]: unknown }
}
export interface NamedContext {
  name: string
  /** cluster and user are always written (no omitempty in clientcmd's v1 Context), namespace only when set. */
  context: { cluster: string; user: string; namespace?: string }
}
export interface Kubeconfig {
  kind: 'Config'
  apiVersion: 'v1'
  preferences: Record<string, never>
  clusters: NamedCluster[]
  users: NamedUser[]
  contexts: NamedContext[]
  'current-context': string
}

const pem = (kind: string): string =>
  Buffer.from(`-----BEGIN ${kind}-----\nkubelings: the simulated cluster has no real keys\n-----END ${kind}-----\n`).toString('base64')

/** kubeadm's admin.conf for this cluster (its certificates stand-ins: nothing here is secret). */
export function adminConf(cluster: SimulatedCluster): Kubeconfig {
  const controlPlane = cluster.nodes.find((n) => n.controlPlane) ?? cluster.nodes[0]
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: 'kubernetes', cluster: { server: `https://${controlPlane.ip}:6443`, 'certificate-authority-data': pem('CERTIFICATE') } }],
    users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': pem('CERTIFICATE'), 'client-key-data': pem('RSA PRIVATE KEY') } }],
    contexts: [{ name: 'kubernetes-admin@kubernetes', context: { cluster: 'kubernetes', user: 'kubernetes-admin' } }],
    'current-context': 'kubernetes-admin@kubernetes',
  }
}

/** The kubeconfig in effect: the learner's file when there is one, else admin.conf. Throws on a broken file. */
export function loadKubeconfig(cluster: SimulatedCluster, io: KubectlIO): Kubeconfig {
  const text = io.kubeconfig?.read()
  if (text === undefined) return adminConf(cluster)
  let raw: Partial<Kubeconfig> | null
  try {
    raw = parse(text) as Partial<Kubeconfig> | null
  } catch (e) {
    throw new Error(`error loading config file "${io.kubeconfig!.path}": ${(e as Error).message.split('\n')[0]}`)
  }
  // clientcmd loads the lists into maps by name and writes them back in name order.
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: byName(raw?.clusters ?? []),
    users: byName(raw?.users ?? []),
    contexts: byName((raw?.contexts ?? []).map((c) => ({ name: c.name, context: { ...c.context, cluster: c.context?.cluster ?? '', user: c.context?.user ?? '' } }))),
    'current-context': raw?.['current-context'] ?? '',
  }
}

/** Sorted by name as Go sorts strings (bytewise), the last of two entries with one name winning as in a map. */
function byName<T extends { name: string }>(items: readonly T[]): T[] {
  const unique = new Map(items.map((i) => [i.name, i]))
  return [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** As Go encodes it: an empty list is a nil slice, `null`. */
export function encodable(config: Kubeconfig): Record<string, unknown> {
  const list = <T>(items: T[]): T[] | null => (items.length > 0 ? items : null)
  return { ...config, clusters: list(config.clusters), users: list(config.users), contexts: list(config.contexts) }
}

/** Write it back as kubectl does: YAML, keys sorted. */
export function saveKubeconfig(io: KubectlIO, config: Kubeconfig): void {
  io.kubeconfig?.write(goYaml(encodable(config)))
}

/** The namespace a command uses without -n: the current context's, else `default`. Throws on a broken file. */
export function defaultNamespace(cluster: SimulatedCluster, io: KubectlIO): string {
  return io.kubeconfig?.read() === undefined ? 'default' : (contextNamespace(loadKubeconfig(cluster, io)) ?? 'default')
}

/** The current context's namespace, if it sets one. */
export function contextNamespace(config: Kubeconfig): string | undefined {
  return config.contexts.find((c) => c.name === config['current-context'])?.context.namespace || undefined
}
