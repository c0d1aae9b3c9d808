import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/object.js'
import { created, newCluster, refused } from '../../fixtures/apiserver.js'

const daemonSet = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] } },
    ...spec,
  },
})

describe('a DaemonSet as the apiserver stores it', () => {
  it('is defaulted: RollingUpdate 1/0, 10 revisions, template generation 1, the required status counts at 0', () => {
    const c = newCluster()
    const ds = created(c, { ...daemonSet('agent'), status: { numberReady: 5 } })
    expect(ds.metadata.generation).toBe(1)
    expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' })
    const spec = ds.spec as Record<string, unknown>
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } })
    expect(spec.revisionHistoryLimit).toBe(10)
    expect(ds.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 })
  })

  it('OnDelete gets no rollingUpdate', () => {
    const ds = created(newCluster(), daemonSet('agent', { updateStrategy: { type: 'OnDelete' } }))
    expect((ds.spec as Record<string, unknown>).updateStrategy).toEqual({ type: 'OnDelete' })
  })

  it('bumps the template generation with the pod template only; any spec change bumps the generation', () => {
    const c = newCluster()
    const ds = created(c, daemonSet('agent'))
    const spec = ds.spec as Record<string, unknown>
    const minReady = c.api.update('test', { ...ds, spec: { ...spec, minReadySeconds: 5 } })
    expect(minReady.ok && [minReady.value.metadata.generation, minReady.value.metadata.annotations]).toEqual([2, { 'deprecated.daemonset.template.generation': '1' }])
    if (!minReady.ok) return
    const tmpl = { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.37' }] } }
    // A client's own value of the annotation is not taken.
    const image = c.api.update('test', { ...minReady.value, metadata: { ...minReady.value.metadata, annotations: { 'deprecated.daemonset.template.generation': '7' } }, spec: { ...(minReady.value.spec as object), template: tmpl } })
    expect(image.ok && [image.value.metadata.generation, image.value.metadata.annotations]).toEqual([3, { 'deprecated.daemonset.template.generation': '2' }])
  })

  it('keeps the status through a spec update and writes it through the status subresource', () => {
    const c = newCluster()
    const ds = created(c, daemonSet('agent'))
    const st = { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 1, observedGeneration: 1 }
    const written = c.api.update('test', { ...ds, status: st }, { subresource: 'status' })
    expect(written.ok && written.value.status).toEqual(st)
    if (!written.ok) return
    const refusedNegative = c.api.update('test', { ...written.value, status: { ...st, numberReady: -1 } }, { subresource: 'status' })
    expect(!refusedNegative.ok && refusedNegative.error.message).toBe('DaemonSet.apps "agent" is invalid: status.numberReady: Invalid value: -1: must be greater than or equal to 0')
  })

  it.each([
    {
      name: 'has template labels its selector does not select',
      spec: { selector: { matchLabels: { app: 'other' } } },
      message: 'DaemonSet.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`',
    },
    {
      name: 'has no selector',
      spec: { selector: undefined },
      message: 'DaemonSet.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`',
    },
    {
      name: 'has both maxUnavailable and maxSurge',
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } },
      message: 'DaemonSet.apps "bad" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    },
    {
      name: 'has neither',
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } } },
      message: 'DaemonSet.apps "bad" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    },
    {
      name: 'has an unknown strategy',
      spec: { updateStrategy: { type: 'Recreate' } },
      message:
        'DaemonSet.apps "bad" is invalid: spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    },
    {
      name: 'restarts its pods Never',
      spec: { template: { metadata: { labels: { app: 'bad' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'busybox' }] } } },
      message: 'DaemonSet.apps "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    },
  ])('is refused when it $name', ({ spec, message }) => {
    const status = refused(newCluster(), daemonSet('bad', spec))
    expect(status.message).toBe(message)
    expect(status.code).toBe(422)
  })

  it('may not change its selector', () => {
    const c = newCluster()
    const ds = created(c, daemonSet('agent'))
    const spec = ds.spec as Record<string, unknown>
    const r = c.api.update('test', { ...ds, spec: { ...spec, selector: { matchLabels: { app: 'agent', v: '2' } }, template: { metadata: { labels: { app: 'agent', v: '2' } }, spec: (spec.template as { spec: unknown }).spec } } })
    expect(!r.ok && r.error.message).toBe(
      'DaemonSet.apps "agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"agent", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    )
  })
})
