// Calico for the underlay `bgp` mode, as manifests/calico.yaml of projectcalico/calico v3.29.7 installs it
// (`kubectl apply -f calico.yaml` after `kubeadm init`): the ConfigMap `calico-config` (backend `bird`, the
// CNI configuration install-cni writes), the DaemonSet `calico-node` in kube-system (one hostNetwork pod
// per node: felix programs routes and policy, BIRD announces the node's pod CIDR over BGP, which is the
// `proto bird` routes network/cni.ts prints) and the Deployment `calico-kube-controllers`.
//
// What this simulator changes: CALICO_IPV4POOL_IPIP is "Never" (upstream "Always"). Upstream's default
// wraps pod packets in IP-in-IP between nodes, an overlay; the bgp mode is the pure underlay the Calico
// docs describe for nodes whose routers learn the pod routes over BGP, so pod IPs go on the wire as they
// are. Left out, as this apiserver does not serve them: the CustomResourceDefinitions (crd.projectcalico.org
// IPPool, BGPConfiguration ...), the ClusterRoles and ClusterRoleBindings (no RBAC), the PodDisruptionBudget
// `calico-kube-controllers`, and while their kinds are not served the ServiceAccounts (pods then run as
// `default`) and the ConfigMap (its keys are then given as values). The simulator still gives each node
// the /24 of its node.spec.podCIDR, where calico-ipam would hand out /26 blocks from its IP pool, and its
// routes do not yet follow these pods (deleting one changes no route).
import type { EnvVar } from 'kubernetes-types/core/v1.js'
import type { ApiServer } from '../apiserver.js'
import type { KubeObject } from '../object.js'
import { installObjects, served } from './install.js'

export const CALICO_VERSION = 'v3.29.7'
export const CALICO_NODE_IMAGE = `docker.io/calico/node:${CALICO_VERSION}`
export const CALICO_CNI_IMAGE = `docker.io/calico/cni:${CALICO_VERSION}`
export const CALICO_KUBE_CONTROLLERS_IMAGE = `docker.io/calico/kube-controllers:${CALICO_VERSION}`

const NAMESPACE = 'kube-system'
const CONFIG = 'calico-config'

/** calico-config's cni_network_config: the template install-cni fills in (node name, MTU, kubeconfig). */
export const CALICO_CNI_NETWORK_CONFIG = `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "__KUBERNETES_NODE_NAME__",
      "mtu": __CNI_MTU__,
      "ipam": {
          "type": "calico-ipam"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "__KUBECONFIG_FILEPATH__"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`

/** The ConfigMap calico-config's data: Typha off, BIRD as the BGP backend, the MTU auto-detected (0). */
const CONFIG_DATA: Readonly<Record<string, string>> = {
  typha_service_name: 'none',
  calico_backend: 'bird',
  veth_mtu: '0',
  cni_network_config: CALICO_CNI_NETWORK_CONFIG,
}

/** `name` from calico-config, as upstream reads it; its value when ConfigMaps are not served. */
function fromConfig(name: string, key: string, configMap: boolean): EnvVar {
  return configMap ? { name, valueFrom: { configMapKeyRef: { name: CONFIG, key } } } : { name, value: CONFIG_DATA[key] }
}

/** Lets KUBERNETES_SERVICE_HOST/PORT be overridden (eBPF mode); optional, so its absence is fine. */
const SERVICES_ENDPOINT = [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }]
const NODE_NAME = { valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }

function calicoNodeEnv(configMap: boolean): EnvVar[] {
  const mtu = (name: string): EnvVar => fromConfig(name, 'veth_mtu', configMap)
  return [
    { name: 'DATASTORE_TYPE', value: 'kubernetes' },
    { name: 'WAIT_FOR_DATASTORE', value: 'true' },
    { name: 'NODENAME', ...NODE_NAME },
    fromConfig('CALICO_NETWORKING_BACKEND', 'calico_backend', configMap),
    { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
    { name: 'IP', value: 'autodetect' },
    // Upstream "Always" (IP-in-IP between nodes); "Never" for the pure BGP underlay (see the header).
    { name: 'CALICO_IPV4POOL_IPIP', value: 'Never' },
    { name: 'CALICO_IPV4POOL_VXLAN', value: 'Never' },
    { name: 'CALICO_IPV6POOL_VXLAN', value: 'Never' },
    mtu('FELIX_IPINIPMTU'),
    mtu('FELIX_VXLANMTU'),
    mtu('FELIX_WIREGUARDMTU'),
    { name: 'CALICO_DISABLE_FILE_LOGGING', value: 'true' },
    { name: 'FELIX_DEFAULTENDPOINTTOHOSTACTION', value: 'ACCEPT' },
    { name: 'FELIX_IPV6SUPPORT', value: 'false' },
    { name: 'FELIX_HEALTHENABLED', value: 'true' },
  ]
}

const hostPath = (name: string, path: string, type?: string) => ({ name, hostPath: { path, ...(type ? { type } : {}) } })

export function calicoNodeDaemonSet(options: { configMap: boolean; serviceAccount: boolean }): KubeObject {
  const { configMap } = options
  const labels = { 'k8s-app': 'calico-node' }
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace: NAMESPACE, labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          hostNetwork: true,
          // Every node, the control plane's included, needs its routes: NoSchedule and NoExecute taints tolerated.
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
          ...(options.serviceAccount ? { serviceAccountName: 'calico-node' } : {}),
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          // Upstream: a "force deletion" keeps a node's networking down as briefly as possible in a rolling upgrade.
          terminationGracePeriodSeconds: 0,
          priorityClassName: 'system-node-critical',
          initContainers: [
            {
              name: 'upgrade-ipam',
              image: CALICO_CNI_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/calico-ipam', '-upgrade'],
              envFrom: SERVICES_ENDPOINT,
              env: [{ name: 'KUBERNETES_NODE_NAME', ...NODE_NAME }, fromConfig('CALICO_NETWORKING_BACKEND', 'calico_backend', configMap)],
              volumeMounts: [{ mountPath: '/var/lib/cni/networks', name: 'host-local-net-dir' }, { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }],
              securityContext: { privileged: true },
            },
            {
              name: 'install-cni',
              image: CALICO_CNI_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/install'],
              envFrom: SERVICES_ENDPOINT,
              env: [
                { name: 'CNI_CONF_NAME', value: '10-calico.conflist' },
                fromConfig('CNI_NETWORK_CONFIG', 'cni_network_config', configMap),
                { name: 'KUBERNETES_NODE_NAME', ...NODE_NAME },
                fromConfig('CNI_MTU', 'veth_mtu', configMap),
                { name: 'SLEEP', value: 'false' },
              ],
              volumeMounts: [{ mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }, { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' }],
              securityContext: { privileged: true },
            },
            {
              name: 'mount-bpffs',
              image: CALICO_NODE_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['calico-node', '-init', '-best-effort'],
              volumeMounts: [
                { mountPath: '/sys/fs', name: 'sys-fs', mountPropagation: 'Bidirectional' },
                { mountPath: '/var/run/calico', name: 'var-run-calico', mountPropagation: 'Bidirectional' },
                { mountPath: '/nodeproc', name: 'nodeproc', readOnly: true },
              ],
              securityContext: { privileged: true },
            },
          ],
          containers: [
            {
              name: 'calico-node',
              image: CALICO_NODE_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              envFrom: SERVICES_ENDPOINT,
              env: calicoNodeEnv(configMap),
              securityContext: { privileged: true },
              resources: { requests: { cpu: '250m' } },
              lifecycle: { preStop: { exec: { command: ['/bin/calico-node', '-shutdown'] } } },
              livenessProbe: { exec: { command: ['/bin/calico-node', '-felix-live', '-bird-live'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
              readinessProbe: { exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] }, periodSeconds: 10, timeoutSeconds: 10 },
              volumeMounts: [
                { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir', readOnly: false },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
                { mountPath: '/var/run/calico', name: 'var-run-calico', readOnly: false },
                { mountPath: '/var/lib/calico', name: 'var-lib-calico', readOnly: false },
                { name: 'policysync', mountPath: '/var/run/nodeagent' },
                { name: 'bpffs', mountPath: '/sys/fs/bpf' },
                { name: 'cni-log-dir', mountPath: '/var/log/calico/cni', readOnly: true },
              ],
            },
          ],
          volumes: [
            hostPath('lib-modules', '/lib/modules'),
            hostPath('var-run-calico', '/var/run/calico', 'DirectoryOrCreate'),
            hostPath('var-lib-calico', '/var/lib/calico', 'DirectoryOrCreate'),
            hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            hostPath('sys-fs', '/sys/fs/', 'DirectoryOrCreate'),
            hostPath('bpffs', '/sys/fs/bpf', 'Directory'),
            hostPath('nodeproc', '/proc'),
            hostPath('cni-bin-dir', '/opt/cni/bin', 'DirectoryOrCreate'),
            hostPath('cni-net-dir', '/etc/cni/net.d'),
            hostPath('cni-log-dir', '/var/log/calico/cni'),
            hostPath('host-local-net-dir', '/var/lib/cni/networks'),
            hostPath('policysync', '/var/run/nodeagent', 'DirectoryOrCreate'),
          ],
        },
      },
    },
  }
}

export function calicoKubeControllersDeployment(options: { serviceAccount: boolean }): KubeObject {
  const labels = { 'k8s-app': 'calico-kube-controllers' }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'calico-kube-controllers', namespace: NAMESPACE, labels },
    spec: {
      // Upstream: the controllers can only have a single active instance.
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { name: 'calico-kube-controllers', namespace: NAMESPACE, labels },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          ...(options.serviceAccount ? { serviceAccountName: 'calico-kube-controllers' } : {}),
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          priorityClassName: 'system-cluster-critical',
          containers: [
            {
              name: 'calico-kube-controllers',
              image: CALICO_KUBE_CONTROLLERS_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              env: [{ name: 'ENABLED_CONTROLLERS', value: 'node' }, { name: 'DATASTORE_TYPE', value: 'kubernetes' }],
              livenessProbe: { exec: { command: ['/usr/bin/check-status', '-l'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
              readinessProbe: { exec: { command: ['/usr/bin/check-status', '-r'] }, periodSeconds: 10 },
              securityContext: { runAsNonRoot: true },
            },
          ],
        },
      },
    },
  }
}

/** Calico's objects in calico.yaml's order (ServiceAccounts and ConfigMap when served). */
export function calicoManifests(): KubeObject[] {
  const configMap = served('configmaps')
  const serviceAccount = served('serviceaccounts')
  const account = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: NAMESPACE } })
  return [
    ...(serviceAccount ? [account('calico-kube-controllers'), account('calico-node'), account('calico-cni-plugin')] : []),
    ...(configMap ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CONFIG, namespace: NAMESPACE }, data: { ...CONFIG_DATA } }] : []),
    calicoNodeDaemonSet({ configMap, serviceAccount }),
    calicoKubeControllersDeployment({ serviceAccount }),
  ]
}

/** Install Calico as the cluster admin does after `kubeadm init`; a failure here is a bug of these manifests. */
export function installCalico(api: ApiServer): void {
  installObjects(api, 'Calico', calicoManifests())
}
