// The components this simulator runs, by name. Each talks to the cluster only through the apiserver.
import type { Component, ComponentHost } from '../controller/component.js'
import { ControllerManager, type ControllerFactory } from '../controller/controller-manager.js'
import { KubeScheduler } from './kube-scheduler.js'
import { CloudControllerManager } from './cloud-controller-manager.js'
import { IngressNginx } from './ingress-nginx.js'
import { deploymentController } from '../controllers/deployment.js'
import { replicaSetController } from '../controllers/replicaset.js'
import { daemonSetController } from '../controllers/daemonset.js'
import { endpointsController } from '../controllers/endpoints.js'
import { endpointSliceController } from '../controllers/endpointslice.js'
import { garbageCollector } from '../controllers/garbage-collector.js'
import { namespaceController } from '../controllers/namespace.js'
import { nodeLifecycleController } from '../controllers/node-lifecycle.js'
import { taintEvictionController } from '../controllers/taint-eviction.js'
import { podGCController } from '../controllers/podgc.js'
import { rootCACertPublisher } from '../controllers/root-ca-publisher.js'
import { serviceAccountController } from '../controllers/serviceaccount.js'
import { Kubelet } from '../kubelet/kubelet.js'
import { REPLICASET_CONTROLLER } from '../controllers/replicaset-manage.js'
import { DEPLOYMENT_CONTROLLER } from '../controllers/deployment-sync.js'
import { DAEMONSET_CONTROLLER } from '../controllers/daemonset.js'
import { ENDPOINT_CONTROLLER } from '../controllers/endpoints.js'
import { ENDPOINTSLICE_CONTROLLER } from '../controllers/endpointslice.js'
import { NAMESPACE_CONTROLLER } from '../controllers/namespace-deleter.js'
import { NODE_CONTROLLER } from '../controllers/node-lifecycle.js'
import { TAINT_EVICTION_CONTROLLER } from '../controllers/taint-eviction.js'
import { SERVICE_ACCOUNT_CONTROLLER } from '../controllers/serviceaccount.js'
import { KubeProxy } from '../network/kube-proxy.js'
import { podNetworkFor, type NodeSpec } from '../topology.js'
import { COREDNS_IMAGE } from '../addons/coredns.js'
import { KUBE_PROXY_IMAGE } from '../addons/kube-proxy.js'

/**
 * The images of `kubeadm config images list` that this simulator's kubelet runs (the control plane's
 * own run as static pods): `kubeadm init` pulls them before it starts, so the add-ons' pods on the
 * control-plane node find them present. Workers pull what they need.
 */
const CONTROL_PLANE_IMAGES: readonly string[] = [KUBE_PROXY_IMAGE, COREDNS_IMAGE]

/**
 * The controllers of kube-controller-manager, in the order they start. Add a controller here (one
 * line) when it exists.
 */
export const CONTROLLERS: readonly ControllerFactory[] = [
  replicaSetController,
  deploymentController,
  daemonSetController,
  endpointsController,
  endpointSliceController,
  garbageCollector,
  namespaceController,
  nodeLifecycleController,
  taintEvictionController,
  podGCController,
  serviceAccountController,
  rootCACertPublisher,
]

/** The sources of the events kube-controller-manager's controllers record. */
const CONTROLLER_EVENT_SOURCES: readonly string[] = [
  REPLICASET_CONTROLLER,
  DEPLOYMENT_CONTROLLER,
  DAEMONSET_CONTROLLER,
  ENDPOINT_CONTROLLER,
  ENDPOINTSLICE_CONTROLLER,
  NAMESPACE_CONTROLLER,
  NODE_CONTROLLER,
  TAINT_EVICTION_CONTROLLER,
  SERVICE_ACCOUNT_CONTROLLER,
]

/** The control-plane components that act (kube-apiserver and etcd are the cluster itself). */
export function controlPlaneComponents(host: ComponentHost): Component[] {
  const components: Component[] = [new KubeScheduler(host)]
  if (CONTROLLERS.length > 0) components.push(new ControllerManager(host, CONTROLLERS, CONTROLLER_EVENT_SOURCES))
  // The simulated cloud's controller: LoadBalancer Services get an address (EXTERNAL-IP).
  components.push(new CloudControllerManager(host))
  return components
}

/**
 * The components of each node: its kubelet (with the node's container runtime), `kubelet/<node>`,
 * and its kube-proxy, `kube-proxy/<node>`.
 */
export function nodeComponents(host: ComponentHost, nodes: readonly NodeSpec[], cniPreinstalled = false): Component[] {
  const clusterCIDR = podNetworkFor(nodes.length - 1)
  const cni = cniPreinstalled ? { cniPreinstalled } : {}
  return [
    ...nodes.map((n) => new Kubelet(host, { name: n.name, ip: n.ip, podCIDR: n.podCIDR, ...(n.controlPlane ? { preloaded: CONTROL_PLANE_IMAGES } : {}), ...cni })),
    ...nodes.map((n) => new KubeProxy(host, n.name, clusterCIDR)),
  ]
}

/**
 * The add-ons a cluster can be made with (ClusterOptions.addons). `coredns` (addons/coredns.ts) and
 * `kube-proxy` (addons/kube-proxy.ts) are kubeadm's and part of every cluster with system pods (the
 * boot phase, SimulatedCluster.#boot); naming them still works. `ingress` installs ingress-nginx.
 */
export const ADDONS = ['ingress', 'coredns', 'kube-proxy'] as const
export type Addon = (typeof ADDONS)[number]

/** The actors of the add-ons: `ingress` is ingress-nginx, whose controller pods the add-on installs. */
export function addonComponents(host: ComponentHost, addons: readonly Addon[]): Component[] {
  return addons.includes('ingress') ? [new IngressNginx(host)] : []
}
