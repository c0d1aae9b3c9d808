// The ingress add-on: ingress-nginx v1.12.1 as deploy/static/provider/cloud/deploy.yaml of that
// release installs it (the release line for Kubernetes 1.32), written through the apiserver as
// `kubectl apply -f deploy.yaml` would. Its Service is a LoadBalancer with externalTrafficPolicy
// Local, so cloud-controller-manager gives it an EXTERNAL-IP, and --publish-service makes that the
// ADDRESS of every Ingress of class nginx.
//
// Left out, because this apiserver does not serve their kinds: the ServiceAccounts, Roles and
// Bindings, the ConfigMap, the admission webhook (its certificate Jobs, Secret and
// ValidatingWebhookConfiguration). The controller therefore runs without the webhook-cert volume and
// serviceAccountName, and without its preStop hook (/wait-shutdown); the image is pinned by tag only
// (the simulator's digests are derived, not the registry's).
import type { ApiServer } from '../apiserver.js'
import type { KubeObject } from '../object.js'
import { INGRESS_NGINX_NAMESPACE } from '../network/ingress.js'

export const INGRESS_NGINX_VERSION = '1.12.1'
export const INGRESS_NGINX_IMAGE = `registry.k8s.io/ingress-nginx/controller:v${INGRESS_NGINX_VERSION}`
export const PUBLISH_SERVICE = 'ingress-nginx-controller'
/** Who installs the add-on: kubectl, as `minikube addons enable ingress` and the install guide do. */
const INSTALLER = 'kubectl'

const labels = (component: string) => ({
  'app.kubernetes.io/component': component,
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/version': INGRESS_NGINX_VERSION,
})
const selector = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' }
const meta = (name: string) => ({ name, namespace: INGRESS_NGINX_NAMESPACE, labels: labels('controller') })
const probe = { failureThreshold: 3, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 }

export function ingressNginxManifests(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: INGRESS_NGINX_NAMESPACE, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(PUBLISH_SERVICE),
      spec: {
        externalTrafficPolicy: 'Local',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
        selector,
        type: 'LoadBalancer',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('ingress-nginx-controller-admission'),
      spec: { ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }], selector, type: 'ClusterIP' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('ingress-nginx-controller'),
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
        template: {
          metadata: { labels: labels('controller') },
          spec: {
            containers: [
              {
                args: [
                  '/nginx-ingress-controller',
                  '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
                  '--election-id=ingress-nginx-leader',
                  '--controller-class=k8s.io/ingress-nginx',
                  '--ingress-class=nginx',
                  '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
                  '--validating-webhook=:8443',
                  '--validating-webhook-certificate=/usr/local/certificates/cert',
                  '--validating-webhook-key=/usr/local/certificates/key',
                ],
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
                ],
                image: INGRESS_NGINX_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                livenessProbe: { ...probe, failureThreshold: 5 },
                name: 'controller',
                ports: [
                  { containerPort: 80, name: 'http', protocol: 'TCP' },
                  { containerPort: 443, name: 'https', protocol: 'TCP' },
                  { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
                ],
                readinessProbe: probe,
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
              },
            ],
            dnsPolicy: 'ClusterFirst',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            terminationGracePeriodSeconds: 300,
          },
        },
      },
    },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: labels('controller') }, spec: { controller: 'k8s.io/ingress-nginx' } },
  ]
}

/** Install the add-on; a failure here is a bug of these manifests, not an outcome. */
export function installIngressNginx(api: ApiServer): void {
  for (const obj of ingressNginxManifests()) {
    const r = api.create(INSTALLER, obj)
    if (!r.ok) throw new Error(`ingress add-on: ${obj.kind} ${obj.metadata?.name}: ${r.error.message}`)
  }
}
