import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/object.js'
import { base64ErrorOffset, decodeBase64Text, encodeBase64Text } from '../../../src/cluster/validation/config.js'
import { created, newCluster, refused } from '../../fixtures/apiserver.js'

const cm = (name: string, fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...fields })
const secret = (name: string, fields: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, ...metadata },
  ...fields,
})

describe('a ConfigMap as the apiserver stores it', () => {
  it('keeps data and binaryData as sent', () => {
    const stored = created(newCluster(), cm('app', { data: { 'app.conf': 'a=1\n' }, binaryData: { 'logo.png': 'iVBORw==' } }))
    expect(stored).toMatchObject({ data: { 'app.conf': 'a=1\n' }, binaryData: { 'logo.png': 'iVBORw==' } })
    expect(stored.metadata.generation).toBeUndefined()
  })

  it.each([
    {
      name: 'a key with a slash',
      fields: { data: { 'a/b': 'x' } },
      message: `ConfigMap "bad" is invalid: data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    },
    { name: 'a key ..', fields: { data: { '..': 'x' } }, message: `ConfigMap "bad" is invalid: data[..]: Invalid value: "..": must not be '..'` },
    { name: 'a key ..x', fields: { data: { '..x': 'x' } }, message: `ConfigMap "bad" is invalid: data[..x]: Invalid value: "..x": must not start with '..'` },
    {
      name: 'a key in both data and binaryData',
      fields: { data: { k: 'x' }, binaryData: { k: 'eA==' } },
      message: 'ConfigMap "bad" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData',
    },
    { name: 'more than 1 MiB', fields: { data: { big: 'x'.repeat(1024 * 1024 + 1) } }, message: 'ConfigMap "bad" is invalid: []: Too long: may not be more than 1048576 bytes' },
    { name: 'binaryData that is no base64', fields: { binaryData: { k: 'abc!' } }, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 3' },
  ])('refuses $name', ({ fields, message }) => {
    expect(refused(newCluster(), cm('bad', fields)).message).toBe(message)
  })

  it('freezes data once immutable, and immutable stays set', () => {
    const c = newCluster()
    const stored = created(c, cm('frozen', { data: { a: '1' }, immutable: true }))
    const r = c.api.update('test', { ...stored, data: { a: '2' }, immutable: false } as KubeObject)
    expect(!r.ok && r.error.message).toBe(
      'ConfigMap "frozen" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    )
  })
})

describe('a Secret as the apiserver stores it', () => {
  it('is Opaque by default, and folds stringData into data as base64', () => {
    const stored = created(newCluster(), secret('db', { data: { user: 'YWRtaW4=' }, stringData: { password: 's3cr3t', user: 'root' } }))
    expect(stored).toMatchObject({ type: 'Opaque', data: { user: 'cm9vdA==', password: 'czNjcjN0' } })
    expect('stringData' in stored).toBe(false)
  })

  it.each([
    { name: 'data that is no base64', fields: { data: { k: 'hello' } }, message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4' },
    { name: 'a tls Secret without its key', fields: { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }, message: 'Secret "bad" is invalid: data[tls.key]: Required value' },
    {
      name: 'a docker config that is no JSON object',
      fields: { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': encodeBase64Text('[1]') } },
      message: 'Secret "bad" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
    },
    { name: 'a docker config secret without its key', fields: { type: 'kubernetes.io/dockerconfigjson', data: {} }, message: 'Secret "bad" is invalid: data[.dockerconfigjson]: Required value' },
    {
      name: 'a token secret that names no account',
      fields: { type: 'kubernetes.io/service-account-token' },
      message: 'Secret "bad" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    },
    { name: 'a bad key', fields: { data: { 'a b': 'eA==' } }, message: expect.stringContaining('Secret "bad" is invalid: data[a b]: Invalid value: "a b": a valid config key') },
  ])('refuses $name', ({ fields, message }) => {
    expect(refused(newCluster(), secret('bad', fields)).message).toEqual(message)
  })

  it('never changes its type', () => {
    const c = newCluster()
    const stored = created(c, secret('s', { data: { a: 'eA==' } }))
    const r = c.api.update('test', { ...stored, type: 'example.com/custom' } as KubeObject)
    expect(!r.ok && r.error.message).toBe('Secret "s" is invalid: type: Invalid value: "example.com/custom": field is immutable')
  })

  it('refuses a Secret data value of the wrong JSON type in the decoder\'s words', () => {
    expect(refused(newCluster(), secret('bad', { data: { a: 1 } })).message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    )
  })
})

describe('a ServiceAccount as the apiserver stores it', () => {
  it('is created with its name checked as a DNS subdomain', () => {
    const c = newCluster()
    expect(created(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' } }).metadata.namespace).toBe('default')
    expect(refused(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'Bad_Name' } }).message).toMatch(/^ServiceAccount "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/)
  })
})

describe('base64 as Go reads a []byte', () => {
  it.each([
    { text: 'aGVsbG8=', at: undefined },
    { text: 'aGVsbG8', at: 4 },
    { text: 'aGVsbA==', at: undefined },
    { text: 'aGVsbA=', at: 7 },
    { text: 'aGVsbA==x', at: 8 },
    { text: 'a=', at: 1 },
    { text: 'aGVs\nbG8=', at: undefined },
  ])('$text fails at $at', ({ text, at }) => {
    expect(base64ErrorOffset(text)).toBe(at)
  })

  it('round-trips UTF-8 text', () => {
    expect(decodeBase64Text(encodeBase64Text('héllo, 世界'))).toBe('héllo, 世界')
  })
})

describe('ServiceAccount admission of a pod', () => {
  const sa = (name: string, fields: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name }, ...fields })
  const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } })

  it('refuses a pod whose account does not exist', () => {
    expect(refused(newCluster(), pod({ serviceAccountName: 'builder' })).message).toBe(
      'pods "p" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found',
    )
  })

  it("runs a pod as an account that exists, with the account's image pull secrets", () => {
    const c = newCluster()
    created(c, sa('builder', { imagePullSecrets: [{ name: 'regcred' }] }))
    const stored = created(c, pod({ serviceAccountName: 'builder' })) as unknown as { spec: Record<string, unknown> }
    expect(stored.spec).toMatchObject({ serviceAccountName: 'builder', serviceAccount: 'builder', imagePullSecrets: [{ name: 'regcred' }] })
  })

  it("mounts no token when the account says so and the pod does not say otherwise", () => {
    const c = newCluster()
    created(c, sa('quiet', { automountServiceAccountToken: false }))
    const quiet = created(c, pod({ serviceAccountName: 'quiet' })) as unknown as { spec: { volumes?: unknown[] } }
    expect(quiet.spec.volumes).toBeUndefined()
    const loud = created(c, { ...pod({ serviceAccountName: 'quiet', automountServiceAccountToken: true }), metadata: { name: 'q' } }) as unknown as { spec: { volumes: { name: string }[] } }
    expect(loud.spec.volumes[0]!.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/)
  })
})
