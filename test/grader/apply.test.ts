// The learner's files applied as `kubectl apply -f` applies them: its exact error texts become
// failed checks pointing at the line in the file; a missing file says how to get it back.
import { describe, expect, test } from 'vitest'
import { parseFieldPath, SourceIndex } from '../../src/grader/source.js'
import { grade } from './helpers.js'

const check = [{ podStatus: { pod: 'x', status: 'Running' } }]

describe('applying the learner\'s files', () => {
  test('an invalid field: the apiserver\'s message and the line of the field', () => {
    const v = grade({ files: { 'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: c\n' }, checks: check })
    expect(v.checks[0]).toEqual({
      name: 'kubectl apply -f exercises/01-test/p.yaml',
      kind: 'apply',
      passed: false,
      message: 'kubectl apply refused it: The Pod "x" is invalid: spec.containers[0].image: Required value',
      where: { file: 'exercises/01-test/p.yaml', line: 7 },
    })
    expect(v.checks[1].message).toBe('Expected pod/x, but there is no such pod in namespace default.')
  })

  test('broken YAML: kubectl\'s words (go-yaml\'s line), and the line where the problem really is', () => {
    const v = grade({ lang: 'zh', files: { 'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\n' }, checks: check })
    expect(v.checks[0]).toMatchObject({
      passed: false,
      message: 'kubectl apply 拒绝了它：error parsing exercises/01-test/p.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key',
      where: { file: 'exercises/01-test/p.yaml', line: 5 },
    })
  })

  test('a kind the cluster does not serve', () => {
    const v = grade({ files: { 'p.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\n' }, checks: check })
    expect(v.checks[0].message).toBe(
      'kubectl apply refused it: resource mapping not found for name: "x" namespace: "" from "exercises/01-test/p.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first',
    )
  })

  test('a file missing from the workspace', () => {
    const v = grade({ files: { 'p.yaml': undefined }, checks: check })
    expect(v.checks[0]).toEqual({ name: 'exercises/01-test/p.yaml', kind: 'apply', passed: false, message: 'The file exercises/01-test/p.yaml is missing from your workspace (`kubelings reset` restores it).' })
    expect(grade({ lang: 'zh', files: { 'p.yaml': undefined }, checks: check }).checks[0].message).toBe('你的工作区里缺少文件 exercises/01-test/p.yaml（`kubelings reset` 可以恢复它）。')
  })
})

describe('SourceIndex', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: a\n      image: nginx\n    - name: b\n      image: redis\n---\nkind: Service\nmetadata: {name: web}\n'
  const src = new SourceIndex()
  src.add('exercises/x/web.yaml', text)

  test('finds the line of a field, or of its nearest written parent', () => {
    expect(src.locate('Pod', 'web', 'shop', parseFieldPath('.spec.containers[1].image'))).toEqual({ file: 'exercises/x/web.yaml', line: 11 })
    expect(src.locate('pod', 'web', 'shop', parseFieldPath('{.spec.containers[1].resources.limits}'))).toEqual({ file: 'exercises/x/web.yaml', line: 10 })
    expect(src.locateField('Pod', 'web', undefined, 'spec.containers[0].image')).toEqual({ file: 'exercises/x/web.yaml', line: 9 })
    expect(src.locate('Service', 'web', 'default')).toEqual({ file: 'exercises/x/web.yaml', line: 13 })
    expect(src.locate('Pod', 'web', 'default')).toBeUndefined()
  })

  test('field paths as kubectl and the apiserver write them', () => {
    expect(parseFieldPath('.spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image'])
    expect(parseFieldPath('{.metadata.labels.app}')).toEqual(['metadata', 'labels', 'app'])
    expect(parseFieldPath("metadata.annotations['kubernetes.io/x']")).toEqual(['metadata', 'annotations', 'kubernetes.io/x'])
  })

  test('remembers the first YAML problem of a file with its line', () => {
    const s = new SourceIndex()
    s.add('a.yaml', 'a: 1\nb: [\n')
    expect(s.parseErrors.get('a.yaml')?.line).toBe(3)
  })
})
