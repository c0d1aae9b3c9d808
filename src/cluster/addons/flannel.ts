// flannel as its release manifest installs it: Documentation/kube-flannel.yml of flannel-io/flannel v0.26.7
// (`kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml`, the
// step after `kubeadm init --pod-network-cidr=10.244.0.0/16`). Upstream, in its order: the Namespace
// `kube-flannel` (privileged for Pod Security, flanneld needs NET_ADMIN on the host network), the
// ServiceAccount `flannel`, the ConfigMap `kube-flannel-cfg` (the CNI configuration the init container
// copies to /etc/cni/net.d, and net-conf.json, flanneld's network and backend) and the DaemonSet
// `kube-flannel-ds`: one hostNetwork pod per Linux node, whose init containers install the flannel CNI
// plugin and its configuration on the node, and whose flanneld gives each node its route to the others.
//
// What this simulator changes: net-conf.json's Network is the cluster CIDR the cluster was made with
// (`podNetworkFor`: wider than 10.244.0.0/16 past 250 nodes), and its Backend is `vxlan` (upstream's) for the
// overlay mode or `host-gw` (flannel's own routed backend) for the underlay host-gw mode. Left out: the
// ClusterRole and ClusterRoleBinding `flannel` (no RBAC here), and, while their kinds are not served, the
// ServiceAccount (pods then run as `default`) and the ConfigMap with its volume. The packet path itself
// stays with network/cni.ts, which does not yet follow these pods (deleting one changes no route).
import type { ApiServer } from '../apiserver.js'
import type { KubeObject } from '../object.js'
import { installObjects, served } from './install.js'

export const FLANNEL_VERSION = 'v0.26.7'
export const FLANNEL_IMAGE = `ghcr.io/flannel-io/flannel:${FLANNEL_VERSION}`
export const FLANNEL_CNI_PLUGIN_IMAGE = 'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.2-flannel1'
export const FLANNEL_NAMESPACE = 'kube-flannel'
/** flannel's backends this simulator runs: VXLAN (overlay) and host-gw (routes via the node IPs, one L2 segment). */
export type FlannelBackend = 'vxlan' | 'host-gw'

const NODE_LABELS = { tier: 'node', app: 'flannel' } as const
const CONFIG = 'kube-flannel-cfg'

/** The CNI configuration kube-flannel.yml ships: flannel delegating to the bridge plugin, then portmap for hostPorts. */
export const FLANNEL_CNI_CONF = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`

/** net-conf.json, upstream's layout with the cluster's CIDR and backend filled in. */
export function flannelNetConf(clusterCIDR: string, backend: FlannelBackend): string {
  return `{
  "Network": "${clusterCIDR}",
  "EnableNFTables": false,
  "Backend": {
    "Type": "${backend}"
  }
}
`
}

export function flannelDaemonSet(options: { configMap: boolean; serviceAccount: boolean }): KubeObject {
  const configMount = options.configMap ? [{ name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' }] : []
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-flannel-ds', namespace: FLANNEL_NAMESPACE, labels: { ...NODE_LABELS, 'k8s-app': 'flannel' } },
    spec: {
      selector: { matchLabels: { app: 'flannel' } },
      template: {
        metadata: { labels: { ...NODE_LABELS } },
        spec: {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
              },
            },
          },
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          // Every NoSchedule taint, the control plane's included: each node needs its pod network.
          tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
          ...(options.serviceAccount ? { serviceAccountName: 'flannel' } : {}),
          initContainers: [
            {
              name: 'install-cni-plugin',
              image: FLANNEL_CNI_PLUGIN_IMAGE,
              command: ['cp'],
              args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
              volumeMounts: [{ name: 'cni-plugin', mountPath: '/opt/cni/bin' }],
            },
            {
              name: 'install-cni',
              image: FLANNEL_IMAGE,
              command: ['cp'],
              args: ['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
              volumeMounts: [{ name: 'cni', mountPath: '/etc/cni/net.d' }, ...configMount],
            },
          ],
          containers: [
            {
              name: 'kube-flannel',
              image: FLANNEL_IMAGE,
              command: ['/opt/bin/flanneld'],
              args: ['--ip-masq', '--kube-subnet-mgr'],
              resources: { requests: { cpu: '100m', memory: '50Mi' } },
              securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
              ],
              volumeMounts: [{ name: 'run', mountPath: '/run/flannel' }, ...configMount, { name: 'xtables-lock', mountPath: '/run/xtables.lock' }],
            },
          ],
          volumes: [
            { name: 'run', hostPath: { path: '/run/flannel' } },
            { name: 'cni-plugin', hostPath: { path: '/opt/cni/bin' } },
            { name: 'cni', hostPath: { path: '/etc/cni/net.d' } },
            ...(options.configMap ? [{ name: 'flannel-cfg', configMap: { name: CONFIG } }] : []),
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
          ],
        },
      },
    },
  }
}

/** flannel's objects in kube-flannel.yml's order (ServiceAccount and ConfigMap when served). */
export function flannelManifests(clusterCIDR: string, backend: FlannelBackend): KubeObject[] {
  const configMap = served('configmaps')
  const serviceAccount = served('serviceaccounts')
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: FLANNEL_NAMESPACE, labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } },
    },
    ...(serviceAccount ? [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { labels: { 'k8s-app': 'flannel' }, name: 'flannel', namespace: FLANNEL_NAMESPACE } }] : []),
    ...(configMap
      ? [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: CONFIG, namespace: FLANNEL_NAMESPACE, labels: { ...NODE_LABELS, 'k8s-app': 'flannel' } },
            data: { 'cni-conf.json': FLANNEL_CNI_CONF, 'net-conf.json': flannelNetConf(clusterCIDR, backend) },
          },
        ]
      : []),
    flannelDaemonSet({ configMap, serviceAccount }),
  ]
}

/**
 * Install flannel as the cluster admin does after `kubeadm init` (written under kubeadm's name, as the other
 * add-ons); a failure here is a bug of these manifests, not an outcome.
 */
export function installFlannel(api: ApiServer, clusterCIDR: string, backend: FlannelBackend): void {
  installObjects(api, 'flannel', flannelManifests(clusterCIDR, backend))
}
