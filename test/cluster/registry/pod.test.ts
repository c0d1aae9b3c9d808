import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1.js'
import { defaultPullPolicy } from '../../../src/cluster/registry/pod-defaults.js'
import { created, newCluster, pod, refused, T0 } from '../../fixtures/apiserver.js'

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

describe('a pod as the apiserver stores it', () => {
  const c = newCluster()
  const p = created(c, pod('web', { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] })) as Pod

  it('gets the v1 defaults of its spec', () => {
    const spec = p.spec!
    expect([spec.restartPolicy, spec.dnsPolicy, spec.terminationGracePeriodSeconds, spec.schedulerName]).toEqual(['Always', 'ClusterFirst', 30, 'default-scheduler'])
    expect(spec.securityContext).toEqual({})
    expect(spec.enableServiceLinks).toBe(true)
    expect([spec.priority, spec.preemptionPolicy]).toEqual([0, 'PreemptLowerPriority'])
  })

  it('gets the container defaults', () => {
    const ctr = p.spec!.containers[0]
    expect(ctr).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} })
    expect(ctr.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }])
  })

  it('runs as the default service account with its token projected read-only into every container', () => {
    const spec = p.spec!
    expect([spec.serviceAccountName, spec.serviceAccount]).toEqual(['default', 'default'])
    expect(spec.volumes).toEqual([
      {
        name: 'kube-api-access-d8pbb',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ])
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'kube-api-access-d8pbb', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }])
  })

  it('tolerates not-ready and unreachable nodes for 300s', () => {
    expect(p.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])
  })

  it('starts Pending, with its QoS class and no conditions', () => {
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' })
  })

  it('has no generation', () => {
    expect(p.metadata?.generation).toBeUndefined()
  })
})

describe('pod defaulting and admission details', () => {
  it.each([
    { image: 'nginx', policy: 'Always' },
    { image: 'nginx:latest', policy: 'Always' },
    { image: 'nginx:1.27', policy: 'IfNotPresent' },
    { image: 'registry.k8s.io/pause:3.10', policy: 'IfNotPresent' },
    { image: 'localhost:5000/app', policy: 'Always' },
    { image: 'nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a', policy: 'IfNotPresent' },
    { image: 'Nginx', policy: 'IfNotPresent' },
  ])('image $image is pulled $policy by default', ({ image, policy }) => {
    expect(defaultPullPolicy(image)).toBe(policy)
  })

  it('copies limits to missing requests, which makes the pod Guaranteed', () => {
    const p = created(newCluster(), pod('g', { containers: [{ name: 'a', image: 'nginx', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] })) as Pod
    expect(p.spec!.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } })
    expect(p.status?.qosClass).toBe('Guaranteed')
  })

  it.each([
    { name: 'requests only', resources: { requests: { cpu: '100m' } }, qos: 'Burstable' },
    { name: 'a cpu limit only', resources: { limits: { cpu: '1' } }, qos: 'Burstable' },
    { name: 'requests below limits', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '64Mi' } }, qos: 'Burstable' },
    { name: 'nothing', resources: {}, qos: 'BestEffort' },
  ])('a container with $name makes a $qos pod', ({ resources, qos }) => {
    const p = created(newCluster(), pod('q', { containers: [{ name: 'a', image: 'nginx', resources }] })) as Pod
    expect(p.status?.qosClass).toBe(qos)
  })

  it('sets hostPort to containerPort for hostNetwork pods', () => {
    const p = created(newCluster(), pod('h', { hostNetwork: true, containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 8080 }] }] })) as Pod
    expect(p.spec!.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }])
  })

  it('mounts the token in init containers too, and keeps a mount already at the token path', () => {
    const p = created(
      newCluster(),
      pod('i', {
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [{ name: 'a', image: 'nginx', volumeMounts: [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }],
        volumes: [{ name: 'own', emptyDir: {} }],
      }),
    ) as Pod
    expect(p.spec!.initContainers![0].volumeMounts?.map((m) => m.mountPath)).toEqual(['/var/run/secrets/kubernetes.io/serviceaccount'])
    expect(p.spec!.containers[0].volumeMounts?.map((m) => m.name)).toEqual(['own'])
  })

  it('adds no default toleration the pod already has', () => {
    const p = created(newCluster(), pod('t', { tolerations: [{ operator: 'Exists' }] })) as Pod
    expect(p.spec!.tolerations).toEqual([{ operator: 'Exists' }])
  })

  it('gives a generated pod name five characters from the rand alphabet', () => {
    const p = created(newCluster(), pod('', {}, { name: undefined, generateName: 'web-' }))
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })

  it.each([
    { name: 'an unknown service account', spec: { serviceAccountName: 'robot' }, message: 'pods "x" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found' },
    { name: 'an unknown priority class', spec: { priorityClassName: 'gold' }, message: 'pods "x" is forbidden: no PriorityClass with name gold was found' },
    {
      name: 'a priority that its class does not give',
      spec: { priority: 10 },
      message: 'pods "x" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    },
  ])('admission refuses $name', ({ spec, message }) => {
    const s = refused(newCluster(), pod('x', spec))
    expect([s.reason, s.code, s.message]).toEqual(['Forbidden', 403, message])
  })

  it('refuses a malformed quantity as the decoder does', () => {
    const s = refused(newCluster(), pod('x', { containers: [{ name: 'a', image: 'nginx', resources: { limits: { memory: '1 GB' } } }] }))
    expect([s.reason, s.message]).toEqual([
      'BadRequest',
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ])
  })
})

describe('pod validation errors', () => {
  const ctr = (extra: Record<string, unknown>) => ({ containers: [{ name: 'app', image: 'nginx', ...extra }] })
  it.each([
    { what: 'no containers', spec: { containers: [] }, error: 'spec.containers: Required value' },
    { what: 'a container without image', spec: { containers: [{ name: 'app' }] }, error: 'spec.containers[0].image: Required value' },
    { what: 'a container without name', spec: { containers: [{ image: 'nginx' }] }, error: 'spec.containers[0].name: Required value' },
    { what: 'a bad container name', spec: { containers: [{ name: 'Web_1', image: 'nginx' }] }, error: `spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MSG}` },
    {
      what: 'two containers of one name',
      spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'a', image: 'redis' }] },
      error: 'spec.containers[1].name: Duplicate value: "a"',
    },
    {
      what: 'an init container named like a container',
      spec: { initContainers: [{ name: 'app', image: 'busybox' }], containers: [{ name: 'app', image: 'nginx' }] },
      error: 'spec.initContainers[0].name: Duplicate value: "app"',
    },
    { what: 'port 70000', spec: ctr({ ports: [{ containerPort: 70000 }] }), error: 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive' },
    { what: 'port 0', spec: ctr({ ports: [{ containerPort: 0 }] }), error: 'spec.containers[0].ports[0].containerPort: Required value' },
    {
      what: 'protocol HTTP',
      spec: ctr({ ports: [{ containerPort: 80, protocol: 'HTTP' }] }),
      error: 'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    },
    {
      what: 'imagePullPolicy Sometimes',
      spec: ctr({ imagePullPolicy: 'Sometimes' }),
      error: 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    },
    { what: 'restartPolicy Sometimes', spec: { restartPolicy: 'Sometimes' }, error: 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' },
    {
      what: 'dnsPolicy Google',
      spec: { dnsPolicy: 'Google' },
      error: 'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"',
    },
    {
      what: 'requests above limits',
      spec: ctr({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }),
      error: 'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    },
    {
      what: 'an unknown resource',
      spec: ctr({ resources: { limits: { cpus: '1' } } }),
      // defaulting copied the limit to the requests, so both are reported
      error:
        '[spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers]',
    },
    {
      what: 'a probe without handler',
      spec: ctr({ livenessProbe: { periodSeconds: 5 } }),
      error: 'spec.containers[0].livenessProbe: Required value: must specify a handler type',
    },
    {
      what: 'a liveness probe that must succeed twice',
      spec: ctr({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }),
      error: 'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    },
    {
      what: 'a mount of a missing volume',
      spec: ctr({ volumeMounts: [{ name: 'data', mountPath: '/data' }] }),
      error: 'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    },
    {
      what: 'a hostPort other than the containerPort under hostNetwork',
      spec: { hostNetwork: true, containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
      error: 'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    },
    {
      what: 'two containers on one host port',
      spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'b', image: 'nginx', ports: [{ containerPort: 81, hostPort: 8080 }] }] },
      error: 'spec.containers[1].ports[0].hostPort: Duplicate value: "/TCP/8080"',
    },
    { what: 'a bad nodeName', spec: { nodeName: 'Node_1' }, error: `spec.nodeName: Invalid value: "Node_1": ${SUBDOMAIN_MSG}` },
    { what: 'a bad volume name', spec: { volumes: [{ name: 'Data', emptyDir: {} }] }, error: `spec.volumes[0].name: Invalid value: "Data": ${LABEL_MSG}` },
  ])('$what: $error', ({ spec, error }) => {
    const s = refused(newCluster(), pod('x', spec))
    expect([s.reason, s.code, s.message]).toEqual(['Invalid', 422, `Pod "x" is invalid: ${error}`])
  })

  it('lists several errors in upstream order, in brackets', () => {
    const s = refused(newCluster(), pod('x', { restartPolicy: 'Sometimes', containers: [{ name: 'app' }] }))
    expect(s.message).toBe(
      'Pod "x" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    )
    expect(s.details?.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"', field: 'spec.restartPolicy' },
    ])
  })

  it.each([
    { what: 'no name', metadata: { name: undefined }, error: 'metadata.name: Required value: name or generateName is required', name: '' },
    { what: 'a bad name', metadata: { name: 'My_Pod' }, error: `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`, name: 'My_Pod' },
    {
      what: 'a bad label value',
      metadata: { name: 'x', labels: { app: 'web app' } },
      error:
        "metadata.labels: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      name: 'x',
    },
    {
      what: 'a bad finalizer',
      metadata: { name: 'x', finalizers: ['wait'] },
      error: 'metadata.finalizers[0]: Invalid value: "wait": name is neither a standard finalizer name nor is it fully qualified',
      name: 'x',
    },
  ])('metadata with $what: $error', ({ metadata, error, name }) => {
    const s = refused(newCluster(), { ...pod('x'), metadata })
    expect(s.message).toBe(`Pod "${name}" is invalid: ${error}`)
  })

  it('accepts the static control-plane pods of the bootstrap, without a service account', () => {
    const c = newCluster()
    const apiserver = c.object('pods', 'kube-system', 'kube-apiserver-control-plane') as Pod
    expect(apiserver.spec?.serviceAccountName).toBeUndefined()
    expect(apiserver.spec?.tolerations).toEqual([{ effect: 'NoExecute', operator: 'Exists' }])
    expect(apiserver.spec?.priority).toBe(2000001000)
  })
})

describe('pod updates', () => {
  function withPod() {
    const c = newCluster()
    const p = structuredClone(created(c, pod('web', { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] }))) as Pod
    return { c, p }
  }

  it('may change a container image', () => {
    const { c, p } = withPod()
    p.spec!.containers[0].image = 'nginx:1.28'
    const r = c.api.update('test', p as never)
    expect(r.ok && (r.value.spec as Pod['spec'])!.containers[0].image).toBe('nginx:1.28')
  })

  it('may not change a container port', () => {
    const { c, p } = withPod()
    p.spec!.containers[0].ports![0].containerPort = 8080
    const r = c.api.update('test', p as never)
    expect(r.ok).toBe(false)
    const message = r.ok ? '' : r.error.message
    expect(message.split('\n')[0]).toBe(
      'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    )
  })

  it('may not add a container', () => {
    const { c, p } = withPod()
    p.spec!.containers.push({ name: 'side', image: 'busybox' })
    const r = c.api.update('test', p as never)
    expect(r.ok ? '' : r.error.message).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers')
  })

  it('keeps the spec when the status is written', () => {
    const { c, p } = withPod()
    const r = c.api.update('test', { ...p, spec: { containers: [] }, status: { phase: 'Running' } } as never, { subresource: 'status' })
    expect(r.ok && [(r.value.spec as Pod['spec'])!.containers.length, (r.value.status as Pod['status'])!.phase]).toEqual([1, 'Running'])
  })

  it('keeps the status when the spec is written', () => {
    const { c, p } = withPod()
    const r = c.api.update('test', { ...p, metadata: { ...p.metadata, labels: { a: 'b' } }, status: { phase: 'Failed' } } as never)
    expect(r.ok && (r.value.status as Pod['status'])!.phase).toBe('Pending')
  })

  it('may not change the name', () => {
    const { c, p } = withPod()
    const r = c.api.update('test', { ...p, metadata: { ...p.metadata, uid: 'other' } } as never)
    expect(r.ok ? '' : r.error.reason).toBe('Conflict')
  })
})

describe('deleting a pod', () => {
  it('removes a pod that no node took at once', () => {
    const c = newCluster()
    created(c, pod('web'))
    const r = c.api.delete('test', 'pods', 'default', 'web')
    expect(r.ok && r.value.deleted).toBe(true)
  })

  it('gives a scheduled pod its terminationGracePeriodSeconds', () => {
    const c = newCluster()
    created(c, pod('web', { nodeName: 'node-1', terminationGracePeriodSeconds: 45 }))
    const r = c.api.delete('test', 'pods', 'default', 'web')
    expect(r.ok && [r.value.deleted, r.value.object.metadata.deletionGracePeriodSeconds, r.value.object.metadata.deletionTimestamp]).toEqual([
      false,
      45,
      new Date(T0 + 45_000).toISOString().replace('.000Z', 'Z'),
    ])
  })

  it('uses the grace period the request asks for', () => {
    const c = newCluster()
    created(c, pod('web', { nodeName: 'node-1' }))
    const r = c.api.delete('test', 'pods', 'default', 'web', { gracePeriodSeconds: 5 })
    expect(r.ok && r.value.object.metadata.deletionGracePeriodSeconds).toBe(5)
  })

  it('removes a finished pod at once', () => {
    const c = newCluster()
    const p = created(c, pod('done', { nodeName: 'node-1' }))
    c.api.update('test', { ...p, status: { phase: 'Succeeded' } }, { subresource: 'status' })
    const r = c.api.delete('test', 'pods', 'default', 'done')
    expect(r.ok && r.value.deleted).toBe(true)
  })
})
