// A pod's ConfigMaps and Secrets as the kubelet uses them: env (CreateContainerConfigError while a
// reference is missing), volumes (ContainerCreating with FailedMount events), files seen by exec.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import type { StoredObject } from '../../../src/cluster/object.js'
import { mountedFiles, nextMountRetry, resolveConfigEnv, volumeSetUpError, type ConfigLookup } from '../../../src/cluster/kubelet/config-refs.js'

const pod = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node-1\n${spec}`
type Waiting = { reason?: string; message?: string }
const waitingOf = (c: Cluster, name: string): Waiting | undefined =>
  (c.get('pod', name)!.status as { containerStatuses?: { state: { waiting?: Waiting } }[] }).containerStatuses?.[0]?.state.waiting
/** Failed, FailedMount and Started events with their counts (`withCount`), oldest first. */
const events = (c: Cluster, name: string, withCount = true): string[] =>
  (c.list('events', { namespace: 'default', fieldSelector: `involvedObject.name=${name}` }) as (StoredObject & { reason: string; message: string; count?: number })[])
    .filter((e) => ['Failed', 'FailedMount', 'Started'].includes(e.reason))
    .map((e) => (withCount ? `${e.reason} x${e.count ?? 1}: ${e.message}` : `${e.reason}: ${e.message}`))

const ENV_POD = pod(
  'envpod',
  `  containers:
  - name: app
    image: busybox:1.37
    command: [sh, -c, 'echo $MODE $PASS $CFG_level; sleep 3600']
    envFrom:
    - configMapRef: {name: extra, optional: true}
    - prefix: CFG_
      configMapRef: {name: app}
    env:
    - name: MODE
      valueFrom: {configMapKeyRef: {name: app, key: mode}}
    - name: PASS
      valueFrom: {secretKeyRef: {name: db, key: password}}
`,
)

describe('environment from ConfigMaps and Secrets', () => {
  it('a missing ConfigMap is CreateContainerConfigError with the kubelet message, then the container starts once it exists', () => {
    const c = Cluster.create({ seed: 3 })
    c.apply(ENV_POD)
    c.advance('5s')
    expect(waitingOf(c, 'envpod')).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app" not found' })
    expect(events(c, 'envpod')).toEqual(['Failed x1: Error: configmap "app" not found'])
    c.kubectl(['create', 'configmap', 'app', '--from-literal=level=3'])
    c.advance('15s')
    expect(waitingOf(c, 'envpod')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key mode in ConfigMap default/app" })
    c.kubectl(['patch', 'configmap', 'app', '-p', '{"data":{"mode":"fast"}}'])
    c.advance('15s')
    expect(waitingOf(c, 'envpod')).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "db" not found' })
    c.kubectl(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t'])
    c.advance('15s')
    expect(c.kubectl('get pod envpod').stdout).toMatch(/envpod {3}1\/1 {5}Running {3}0 /)
    expect(c.kubectl('logs envpod').stdout).toBe('fast s3cr3t 3\n')
    // How often each failure repeats depends on the pod worker's retry period (10 s to 15 s), not asserted here.
    expect(events(c, 'envpod', false)).toEqual([
      'Failed: Error: configmap "app" not found',
      "Failed: Error: couldn't find key mode in ConfigMap default/app",
      'Failed: Error: secret "db" not found',
      'Started: Started container app',
    ])
  })
})

describe('configMap and secret volumes', () => {
  const VOL_POD = pod(
    'volpod',
    `  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: cfg, mountPath: /etc/app}
    - {name: tls, mountPath: /etc/tls, readOnly: true}
  volumes:
  - name: cfg
    configMap: {name: app, items: [{key: app.conf, path: conf/app.conf}]}
  - name: tls
    secret: {secretName: certs}
`,
  )

  it('stays ContainerCreating with FailedMount events (500 ms, doubling) until the ConfigMap exists', () => {
    const c = Cluster.create({ seed: 3 })
    c.apply(VOL_POD)
    c.advance('20s')
    expect(waitingOf(c, 'volpod')).toEqual({ reason: 'ContainerCreating' })
    // tries at 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s
    expect(events(c, 'volpod')).toEqual(['FailedMount x6: MountVolume.SetUp failed for volume "cfg" : configmap "app" not found'])
    c.kubectl(['create', 'configmap', 'app', '--from-literal=app.conf=listen 80'])
    c.advance('12s') // the next try, at 31.5 s, finds it; the Secret is missing next
    expect(events(c, 'volpod')).toContain('FailedMount x1: MountVolume.SetUp failed for volume "tls" : secret "certs" not found')
    c.kubectl(['create', 'secret', 'generic', 'certs', '--from-literal=tls.crt=CERT'])
    c.advance('2m')
    expect(waitingOf(c, 'volpod')).toBeUndefined()
    expect(c.kubectl(['exec', 'volpod', '--', 'cat', '/etc/app/conf/app.conf']).stdout).toBe('listen 80')
    expect(c.kubectl(['exec', 'volpod', '--', 'cat', '/etc/tls/tls.crt']).stdout).toBe('CERT')
    expect(c.kubectl(['exec', 'volpod', '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('default')
    expect(c.kubectl(['exec', 'volpod', '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt']).stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
  })
})

describe('resolving references (pure)', () => {
  const objects: Record<string, object> = {
    'configmaps/app': { data: { mode: 'fast', 'app.conf': 'a=1' } },
    'secrets/db': { data: { password: 'czNjcjN0' } },
  }
  const lookup = ((resource: string, _ns: string, name: string) => objects[`${resource}/${name}`]) as ConfigLookup
  const p = (spec: object) => ({ metadata: { name: 'p', namespace: 'default' }, spec }) as never

  it.each([
    { name: 'an optional missing ConfigMap is skipped', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } }], expected: { ok: true, value: { fromEnvFrom: {}, fromRefs: {} } } },
    { name: 'a missing key of an optional reference is skipped', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'user', optional: true } } }], expected: { ok: true, value: { fromEnvFrom: {}, fromRefs: {} } } },
    { name: 'a missing Secret key fails', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }], expected: { ok: false, message: "couldn't find key user in Secret default/db" } },
    { name: 'a Secret value is decoded', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }], expected: { ok: true, value: { fromEnvFrom: {}, fromRefs: { X: 's3cr3t' } } } },
  ])('$name', ({ env, expected }) => {
    expect(resolveConfigEnv(lookup, p({}), { name: 'c', env })).toEqual(expected)
  })

  it('names a missing key of a volume as the configmap plugin does, and mounts subPath files alone', () => {
    expect(volumeSetUpError(lookup, p({ volumes: [{ name: 'v', configMap: { name: 'app', items: [{ key: 'nope', path: 'x' }] } }] }))).toBe(
      'MountVolume.SetUp failed for volume "v" : configmap references non-existent config key: nope',
    )
    expect(volumeSetUpError(lookup, p({ volumes: [{ name: 'v', secret: { secretName: 'nope', optional: true } }] }))).toBeUndefined()
    const files = mountedFiles(lookup, p({ volumes: [{ name: 'v', configMap: { name: 'app' } }] }), { name: 'c', volumeMounts: [{ name: 'v', mountPath: '/etc/app.conf', subPath: 'app.conf' }] })
    expect(files).toEqual({ '/etc/app.conf': 'a=1' })
  })

  it('backs off mount retries from 500 ms to 2m2s', () => {
    const delays: number[] = []
    let d: number | undefined
    for (let i = 0; i < 10; i++) delays.push((d = nextMountRetry(d)))
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 122000, 122000])
  })
})
