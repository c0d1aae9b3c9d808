// kubeadm's DNS add-on (cmd/kubeadm/app/phases/addons/dns/manifests.go of Kubernetes 1.32, image from
// cmd/kubeadm/app/constants: CoreDNS v1.11.3 at registry.k8s.io/coredns/coredns): the Deployment
// `coredns` (2 replicas, kubeadm's default) whose pods carry k8s-app=kube-dns, and the Service
// `kube-dns` at the tenth address of the service range, 10.96.0.10. `kubeadm init` writes them through
// the apiserver in its addon phase; the controllers then make the pods as for any Deployment.
//
// What a kind this apiserver does not serve needs is left out while it is not served: the ConfigMap
// `coredns` (the Corefile) and its volume, the ServiceAccount `coredns` (pods then run as `default`),
// and always the ClusterRole/ClusterRoleBinding system:coredns (no RBAC here).
//
// Every cluster with system pods has it (SimulatedCluster.#boot): kubeadm init's addon phase writes
// these objects at the start of the boot phase, before any worker joins, so the two pods run on the
// control-plane node (tolerating its taint), as on a kubeadm or kind cluster made that way.
import type { ApiServer } from '../apiserver.js'
import type { KubeObject } from '../object.js'
import { installObjects, served } from './install.js'
import { CLUSTER_DNS_IP } from '../network/addresses.js'

export const COREDNS_VERSION = '1.11.3'
export const COREDNS_IMAGE = `registry.k8s.io/coredns/coredns:v${COREDNS_VERSION}`
/** kubeadm's ClusterConfiguration default (dns.replicas is not configurable; coreDNSReplicas = 2). */
export const COREDNS_REPLICAS = 2
/** The label the pods and the Service share, kept from the kube-dns days. */
export const KUBE_DNS_SELECTOR = { 'k8s-app': 'kube-dns' } as const
export { KUBEADM } from './install.js'
const CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane'

/** kubeadm's Corefile for the cluster domain cluster.local (the template with DNSDomain filled in). */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`

export function kubeDnsService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: CLUSTER_DNS_IP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { ...KUBE_DNS_SELECTOR },
    },
  }
}

export function corednsDeployment(options: { configMap: boolean; serviceAccount: boolean }): KubeObject {
  const container = {
    name: 'coredns',
    image: COREDNS_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
    args: ['-conf', '/etc/coredns/Corefile'],
    ...(options.configMap ? { volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }] } : {}),
    ports: [
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
      { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
      { containerPort: 8080, name: 'liveness-probe', protocol: 'TCP' },
      { containerPort: 8181, name: 'readiness-probe', protocol: 'TCP' },
    ],
    livenessProbe: { httpGet: { path: '/health', port: 'liveness-probe', scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
    readinessProbe: { httpGet: { path: '/ready', port: 'readiness-probe', scheme: 'HTTP' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...KUBE_DNS_SELECTOR } },
    spec: {
      replicas: COREDNS_REPLICAS,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { ...KUBE_DNS_SELECTOR } },
      template: {
        metadata: { labels: { ...KUBE_DNS_SELECTOR } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          ...(options.serviceAccount ? { serviceAccountName: 'coredns' } : {}),
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: CONTROL_PLANE_TAINT, effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [container],
          dnsPolicy: 'Default',
          ...(options.configMap ? { volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }] } : {}),
        },
      },
    },
  }
}

/** The DNS add-on's objects, in the order kubeadm creates them (ConfigMap and ServiceAccount when served). */
export function corednsManifests(): KubeObject[] {
  const configMap = served('configmaps')
  const serviceAccount = served('serviceaccounts')
  return [
    ...(configMap ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: COREFILE } }] : []),
    ...(serviceAccount ? [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } }] : []),
    corednsDeployment({ configMap, serviceAccount }),
    kubeDnsService(),
  ]
}

/** Install the DNS add-on; a failure here is a bug of these manifests, not an outcome. */
export function installCoreDns(api: ApiServer): void {
  installObjects(api, 'CoreDNS add-on', corednsManifests())
}
