// validateObjectMeta remembers the label and annotation checks of stored (frozen) maps, which the
// versions of an object share; a map that is not frozen is checked every time.
import { describe, expect, it } from 'vitest'
import { deepFreeze } from '../../../src/cluster/etcd.js'
import type { KubeObject } from '../../../src/cluster/object.js'
import { resourceByName } from '../../../src/cluster/resources.js'
import { validateAnnotations, validateLabels, validateObjectMeta } from '../../../src/cluster/validation/meta.js'

const PODS = resourceByName('pods')!
const pod = (labels: Record<string, string>, annotations: Record<string, string>): KubeObject => ({ metadata: { name: 'p', namespace: 'default', labels, annotations } })

describe('validateObjectMeta with stored labels and annotations', () => {
  it('answers as the checks themselves, each time, for valid and invalid frozen maps', () => {
    for (const [labels, annotations] of [
      [{ app: 'web', 'pod-template-hash': '5d8f' }, { note: 'x' }],
      [{ 'bad key!': 'v', ok: 'not valid value!' }, { 'Bad/Key/Too': 'x' }],
    ]) {
      const l = deepFreeze({ ...labels })
      const a = deepFreeze({ ...annotations })
      const expected = [...validateLabels(l, 'metadata.labels'), ...validateAnnotations(a, 'metadata.annotations')]
      for (let i = 0; i < 2; i++) expect(validateObjectMeta(pod(l, a), PODS, 'subdomain')).toEqual(expected)
    }
  })

  it('checks a map that is not frozen again after it changed', () => {
    const labels: Record<string, string> = { app: 'web' }
    expect(validateObjectMeta(pod(labels, {}), PODS, 'subdomain')).toEqual([])
    labels['bad key!'] = 'v'
    expect(validateObjectMeta(pod(labels, {}), PODS, 'subdomain').map((e) => e.field)).toEqual(['metadata.labels'])
  })
})
