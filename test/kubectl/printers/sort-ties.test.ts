// --sort-by sorts as kubectl does, with Go's sort.Sort (pdqsort, not stable): rows whose keys tie
// come out in the order real kubectl 1.32 printed for the same objects (checked over the bridge).
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { sortByField } from '../../../src/kubectl/printers/sort.js'

/** cm-00 … cm-19, labelled group=i%3: seven, seven and six ties. */
const REAL_ORDER = [9, 18, 15, 3, 12, 0, 6, 10, 7, 4, 13, 16, 1, 19, 8, 5, 11, 14, 2, 17]

describe('sortByField', () => {
  const items = (n: number, key: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ i, k: key(i) }))
  const order = (r: ReturnType<typeof sortByField<{ i: number }>>) => (r.ok ? r.value.map((x) => x.i) : r.error)

  it('is stable up to 12 items (insertion sort)', () => {
    const keys = [2, 1, 2, 1, 0, 2, 1, 0, 0, 1, 2, 0]
    expect(order(sortByField(items(12, (i) => keys[i]), '.k', (x) => x))).toEqual([4, 7, 8, 11, 1, 3, 6, 9, 0, 2, 5, 10])
  })

  it('leaves ties where pdqsort does beyond 12 items', () => {
    expect(order(sortByField(items(20, (i) => i % 3), '.k', (x) => x))).toEqual(REAL_ORDER)
  })

  it('puts items without the field first, in the order Less-true-for-both leaves them', () => {
    const list = items(5, (i) => 5 - i).map((x) => (x.i % 2 ? { i: x.i } : x))
    expect(order(sortByField(list, '.k', (x) => x))).toEqual([3, 1, 4, 2, 0])
  })
})

describe('kubectl get --sort-by', () => {
  const c = Cluster.create({ seed: 7, components: false, systemPods: false })
  c.apply(Array.from({ length: 20 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(2, '0')}`, labels: { group: String(i % 3) } } })))
  const names = REAL_ORDER.map((i) => `cm-${String(i).padStart(2, '0')}`)

  it('orders tied objects as real kubectl does (-o name)', () => {
    expect(c.kubectl('get cm --sort-by=.metadata.labels.group -o name').stdout).toBe(names.map((n) => `configmap/${n}\n`).join(''))
  })

  it('orders tied table rows the same way', () => {
    expect(c.kubectl('get cm --sort-by=.metadata.labels.group --no-headers -o custom-columns=N:.metadata.name').stdout).toBe(names.map((n) => `${n}\n`).join(''))
  })
})
