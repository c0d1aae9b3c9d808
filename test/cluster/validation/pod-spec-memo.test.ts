// validatePod remembers the spec's errors for stored (frozen) specs, which a pod's status writes
// share from version to version; a spec that is not frozen is validated every time.
import type { Pod } from 'kubernetes-types/core/v1.js'
import { describe, expect, it } from 'vitest'
import { deepFreeze } from '../../../src/cluster/etcd.js'
import { validatePod, validatePodSpec } from '../../../src/cluster/validation/pod.js'

const spec = () => ({
  containers: [{ name: 'main', image: 'nginx:1.27', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  terminationGracePeriodSeconds: 30,
})

describe('validatePod and stored specs', () => {
  it('gives what validatePodSpec gives, for a valid and an invalid frozen spec, each time', () => {
    const good = deepFreeze(spec())
    const bad = deepFreeze({ ...spec(), restartPolicy: 'Sometimes', dnsPolicy: '' })
    for (const s of [good, bad])
      for (let i = 0; i < 2; i++) {
        const pod = { metadata: { name: 'p', namespace: 'default' }, spec: s } as unknown as Pod
        expect(validatePod(pod)).toEqual(validatePodSpec(s as never, 'spec', true))
      }
    expect(validatePod({ spec: bad } as unknown as Pod).map((e) => e.field)).toEqual(['spec.restartPolicy', 'spec.dnsPolicy'])
  })

  it('validates a spec that is not frozen again after it changed', () => {
    const s = spec() as Record<string, unknown>
    expect(validatePod({ spec: s } as unknown as Pod)).toEqual([])
    s.restartPolicy = 'Sometimes'
    expect(validatePod({ spec: s } as unknown as Pod).map((e) => e.field)).toEqual(['spec.restartPolicy'])
  })

  it('still checks what lies outside the spec (the mirror annotation) on a remembered spec', () => {
    const s = deepFreeze(spec())
    expect(validatePod({ metadata: {}, spec: s } as unknown as Pod)).toEqual([])
    const mirror = validatePod({ metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } }, spec: s } as unknown as Pod)
    expect(mirror.map((e) => e.field)).toEqual(['metadata.annotations[kubernetes.io/config.mirror]'])
  })
})
