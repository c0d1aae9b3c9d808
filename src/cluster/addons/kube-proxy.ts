// kubeadm's kube-proxy add-on (cmd/kubeadm/app/phases/addons/proxy/manifests.go of Kubernetes 1.32):
// the DaemonSet `kube-proxy` in kube-system, one hostNetwork pod per node (it tolerates every taint),
// its ConfigMap `kube-proxy` (kubeconfig.conf and config.conf) and ServiceAccount `kube-proxy`.
//
// The pods are real pods the kubelet runs; the packet-forwarding work stays with the kube-proxy
// component of each node (network/kube-proxy.ts, `kube-proxy/<node>` in `cluster status`), which does
// not yet follow its pod: deleting a kube-proxy pod (the DaemonSet makes a new one) or stopping the
// component leave each other alone (its iptables rules stay while it is down, as on a node). Every
// cluster with system pods has it (SimulatedCluster.#boot). The ClusterRoleBinding
// kubeadm:node-proxier is left out (no RBAC here).
import type { ApiServer } from '../apiserver.js'
import type { KubeObject } from '../object.js'
import { KUBERNETES_VERSION } from '../topology.js'
import { installObjects, served } from './install.js'

export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`
const CONFIG_KEY = 'config.conf'

/** kubeadm's kubeconfig.conf for kube-proxy: the in-cluster service account token, the control plane's endpoint. */
function kubeconfig(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    '    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    `    server: ${server}`,
    '  name: default',
    'contexts:',
    '- context:',
    '    cluster: default',
    '    namespace: default',
    '    user: default',
    '  name: default',
    'current-context: default',
    'users:',
    '- name: default',
    '  user:',
    '    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
  ].join('\n')
}

/**
 * The KubeProxyConfiguration kubeadm writes, abbreviated to the fields a kubeadm 1.32 cluster sets
 * from its ClusterConfiguration (the rest are kube-proxy's defaults, which kubeadm also prints).
 */
function proxyConfig(clusterCIDR: string): string {
  return [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'bindAddress: 0.0.0.0',
    'clientConnection:',
    '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf',
    `clusterCIDR: ${clusterCIDR}`,
    'kind: KubeProxyConfiguration',
    'mode: ""',
  ].join('\n')
}

export function kubeProxyDaemonSet(options: { configMap: boolean; serviceAccount: boolean }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          priorityClassName: 'system-node-critical',
          containers: [
            {
              name: 'kube-proxy',
              image: KUBE_PROXY_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['/usr/local/bin/kube-proxy', `--config=/var/lib/kube-proxy/${CONFIG_KEY}`, '--hostname-override=$(NODE_NAME)'],
              securityContext: { capabilities: { add: ['NET_ADMIN', 'SYS_MODULE'] } },
              volumeMounts: [
                ...(options.configMap ? [{ mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' }] : []),
                { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              ],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            },
          ],
          hostNetwork: true,
          ...(options.serviceAccount ? { serviceAccountName: 'kube-proxy' } : {}),
          volumes: [
            ...(options.configMap ? [{ name: 'kube-proxy', configMap: { name: 'kube-proxy' } }] : []),
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
          ],
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  }
}

/** The kube-proxy add-on's objects in kubeadm's order (ConfigMap and ServiceAccount when served). */
export function kubeProxyManifests(controlPlaneEndpoint: string, clusterCIDR: string): KubeObject[] {
  const configMap = served('configmaps')
  const serviceAccount = served('serviceaccounts')
  return [
    ...(serviceAccount ? [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } }] : []),
    ...(configMap
      ? [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
            data: { 'kubeconfig.conf': kubeconfig(controlPlaneEndpoint), [CONFIG_KEY]: proxyConfig(clusterCIDR) },
          },
        ]
      : []),
    kubeProxyDaemonSet({ configMap, serviceAccount }),
  ]
}

/** Install the kube-proxy add-on; a failure here is a bug of these manifests, not an outcome. */
export function installKubeProxy(api: ApiServer, controlPlaneEndpoint: string, clusterCIDR: string): void {
  installObjects(api, 'kube-proxy add-on', kubeProxyManifests(controlPlaneEndpoint, clusterCIDR))
}
