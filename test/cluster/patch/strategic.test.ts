// Upstream's own strategic merge patch cases (apimachinery pkg/util/strategicpatch/patch_test.go),
// restated against a schema shaped like its MergeItem test type.
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { JsonObject } from '../../../src/cluster/patch/json.js'
import type { FieldPatchMeta, PatchSchema } from '../../../src/cluster/patch/schema.js'
import { strategicMergePatch } from '../../../src/cluster/patch/strategic.js'
import { createThreeWayMergePatch, createTwoWayMergePatch, createTwoWayMergePatchSharing } from '../../../src/cluster/patch/strategic-diff.js'
import { patchSchemaFor } from '../../../src/cluster/patch/schema.js'
import { deepFreeze } from '../../../src/cluster/etcd.js'

// MergeItem: mergingList merge/name, mergingIntList merge, mergeItemPtr merge/name,
// retainKeysMap retainKeys, retainKeysMergingList merge,retainKeys/name; the rest untagged.
const fields: Record<string, Partial<FieldPatchMeta>> = {}
const mergeItem: PatchSchema = { fields }
const retainKeysItem: PatchSchema = { fields: { mergingIntList: { strategies: ['merge'] }, mergingList: { strategies: ['merge'], mergeKey: 'name', schema: mergeItem } } }
Object.assign(fields, {
  mergingList: { strategies: ['merge'], mergeKey: 'name', schema: mergeItem },
  mergingIntList: { strategies: ['merge'] },
  mergeItemPtr: { strategies: ['merge'], mergeKey: 'name', schema: mergeItem },
  retainKeysMap: { strategies: ['retainKeys'], schema: retainKeysItem },
  retainKeysMergingList: { strategies: ['merge', 'retainKeys'], mergeKey: 'name', schema: mergeItem },
})

const y = (text: string): JsonObject => parse(text) as JsonObject

describe('applying a strategic merge patch', () => {
  it.each([
    { name: 'merges a list of scalars as a set', original: 'mergingIntList: [1, 2]', patch: 'mergingIntList: [2, 3]', result: 'mergingIntList: [1, 2, 3]' },
    { name: 'empties a map with $patch: delete', original: 'simpleMap: {key1: 1, key2: 1}', patch: 'simpleMap: {$patch: delete}', result: 'simpleMap: {}' },
    { name: 'empties a merged list with a $patch: replace item', original: 'mergingList: [{name: 1}, {name: 2}]', patch: 'mergingList: [{$patch: replace}]', result: 'mergingList: []' },
    { name: 'replaces the whole map with $patch: replace', original: '{name: 1, value: 1}', patch: '{other: a, $patch: replace}', result: '{other: a}' },
    {
      name: 'deletes every item with the merge key of a $patch: delete item',
      original: 'mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]',
      patch: 'mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]',
      result: 'mergingList: [{name: 2, value: a}]',
    },
    { name: 'deletes a field of a retainKeys map with null', original: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {value: null}', result: 'retainKeysMap: {name: foo}' },
    { name: 'leaves a retainKeys map alone when merging an empty map', original: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {}', result: 'retainKeysMap: {name: foo, value: a}' },
    {
      name: 'keeps the order of the patch for the items it names',
      original: 'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
      patch: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]',
      result: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]',
    },
    {
      name: 'puts an item the patch does not name before the patch items that follow it in the live list',
      original: 'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
      patch: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}]',
      result: 'mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]',
    },
    { name: 'orders a scalar list the same way', original: 'mergingIntList: [1, 2, 3]', patch: 'mergingIntList: [3, 1]', result: 'mergingIntList: [2, 3, 1]' },
    {
      name: 'puts a new item first when no $setElementOrder says otherwise',
      original: 'mergingList: [{name: a}, {name: b}]',
      patch: 'mergingList: [{name: c}]',
      result: 'mergingList: [{name: c}, {name: a}, {name: b}]',
    },
    {
      name: 'orders by $setElementOrder and keeps server-only items where they were',
      original: 'mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 9}]',
      patch: '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
      result: 'mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1, other: a}, {name: 9}]',
    },
    {
      name: 'keeps a run of server-only items after the item they followed',
      original: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3, value: 3}, {name: 4, value: 4}]',
      patch: '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
      result: 'mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 7}, {name: 9}, {name: 8}, {name: 4, value: 4}, {name: 3, value: 3}]',
    },
    {
      name: 'adds an item where $setElementOrder puts it',
      original: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
      patch: '{$setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}], mergingList: [{name: 3, value: 3}]}',
      result: 'mergingList: [{name: 3, value: 3}, {name: 1, other: a}, {name: 2, value: 2, other: b}]',
    },
    {
      name: 'adds and deletes items in one patch, server-only items placed as upstream places them',
      original: 'mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]',
      patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}',
      result: 'mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]',
    },
    {
      name: 'ignores $setElementOrder entries that are in neither list',
      original: 'mergingList: [{name: 1}, {name: 3}]',
      patch: '{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}',
      result: 'mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]',
    },
    {
      name: 'deletes scalars named in $deleteFromPrimitiveList, every copy of them',
      original: 'mergingIntList: [1, 2, 3, 3, 4]',
      patch: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
      result: 'mergingIntList: [1, 2, 4]',
    },
    { name: 'deletes nothing for a scalar that is not there', original: 'mergingIntList: [1, 2]', patch: '$deleteFromPrimitiveList/mergingIntList: [3]', result: 'mergingIntList: [1, 2]' },
    { name: 'adds no list for a deletion from a list that is not there', original: 'foo: [bar]', patch: '$deleteFromPrimitiveList/mergingIntList: [3]', result: 'foo: [bar]' },
    { name: 'deletes from a list without merge strategy too', original: 'nonMergingIntList: [1, 2, 3]', patch: '$deleteFromPrimitiveList/nonMergingIntList: [2]', result: 'nonMergingIntList: [1, 3]' },
    {
      name: 'clears the fields of a retainKeys list item not named in $retainKeys',
      original: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]',
      patch: '{$setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}], retainKeysMergingList: [{$retainKeys: [name, value], name: foo}]}',
      result: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
    },
    {
      name: 'deletes from one list and reorders another in one patch',
      original: 'mergingList: [{name: a, value: a}, {name: b, value: b}]\nmergeItemPtr: [{name: c, value: c}, {name: d, value: d}]',
      patch: '{$setElementOrder/mergingList: [{name: b}], $setElementOrder/mergeItemPtr: [{name: d}, {name: c}], mergingList: [{$patch: delete, name: a}]}',
      result: 'mergingList: [{name: b, value: b}]\nmergeItemPtr: [{name: d, value: d}, {name: c, value: c}]',
    },
    { name: 'replaces a list without merge strategy', original: 'nonMergingList: [{name: 1}, {name: 2}]', patch: 'nonMergingList: [{name: 3}]', result: 'nonMergingList: [{name: 3}]' },
    { name: 'drops nulls from a value it adds', original: '{}', patch: 'simpleMap: {a: x, b: null}', result: 'simpleMap: {a: x}' },
  ])('$name', ({ original, patch, result }) => {
    expect(strategicMergePatch(y(original), y(patch), mergeItem)).toEqual({ ok: true, value: y(result) })
  })

  it.each([
    {
      name: 'a patch list out of the $setElementOrder order',
      original: 'mergingList: [{name: 1}, {name: 3}, {name: 2}]',
      patch: '{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}',
      error: { code: 500, message: "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n" },
    },
    {
      name: 'a list item without its merge key',
      original: 'mergingList: [{name: 1, value: a}]',
      patch: 'mergingList: [{value: b}]',
      error: { code: 500, message: 'map: map[value:b] does not contain declared merge key: name' },
    },
    { name: 'a $retainKeys that is not a list', original: 'retainKeysMap: {name: a}', patch: 'retainKeysMap: {$retainKeys: name}', error: { code: 400, message: 'invalid patch format of retainKeys' } },
    {
      name: 'a field missing from $retainKeys',
      original: 'retainKeysMap: {name: a}',
      patch: 'retainKeysMap: {$retainKeys: [name], value: b}',
      error: { code: 400, message: 'invalid patch format of retainKeys' },
    },
    { name: 'a $deleteFromPrimitiveList without a list name', original: '{}', patch: '$deleteFromPrimitiveList: [a]', error: { code: 400, message: 'invalid patch format of primitive list' } },
    { name: 'an unknown directive', original: 'simpleMap: {a: b}', patch: 'simpleMap: {$patch: nope}', error: { code: 500, message: 'unknown patch type: nope in map: map[$patch:nope]' } },
    {
      name: 'a $patch: merge list item',
      original: 'mergingList: [{name: 1}]',
      patch: 'mergingList: [{name: 1, $patch: merge}]',
      error: { code: 500, message: 'merging lists cannot yet be specified in the patch' },
    },
    { name: 'a list of lists', original: 'mergingIntList: [[1]]', patch: 'mergingIntList: [[2]]', error: { code: 422, message: 'lists of lists are not supported' } },
  ])('refuses $name', ({ original, patch, error }) => {
    expect(strategicMergePatch(y(original), y(patch), mergeItem)).toEqual({ ok: false, error })
  })
})

describe('computing a strategic merge patch', () => {
  it.each([
    {
      name: 'a deleted item of a merged list becomes a $patch: delete item, with the order of what is left',
      original: 'mergingList: [{name: 1}, {name: 2}]',
      modified: 'mergingList: [{name: 2}]',
      twoWay: '{$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}',
    },
    {
      name: 'deleted scalars go to $deleteFromPrimitiveList, added ones to the list',
      original: 'mergingIntList: [1, 2, 3]',
      modified: 'mergingIntList: [1, 2, 4]',
      twoWay: '{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3], mergingIntList: [4]}',
    },
    {
      name: 'a changed item of a merged list carries its merge key',
      original: 'mergingList: [{name: 1, value: a}, {name: 2}]',
      modified: 'mergingList: [{name: 1, value: b}, {name: 2}]',
      twoWay: '{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: b}]}',
    },
    { name: 'a removed field is null', original: 'simpleMap: {a: x, b: y}', modified: 'simpleMap: {a: x}', twoWay: 'simpleMap: {b: null}' },
    { name: 'a list without merge strategy is sent whole', original: 'nonMergingList: [{name: 1}, {name: 2}]', modified: 'nonMergingList: [{name: 2}]', twoWay: 'nonMergingList: [{name: 2}]' },
    { name: 'identical documents give an empty patch', original: 'mergingList: [{name: 1}]\nretainKeysMap: {name: a}', modified: 'mergingList: [{name: 1}]\nretainKeysMap: {name: a}', twoWay: '{}' },
  ])('two-way: $name', ({ original, modified, twoWay }) => {
    expect(createTwoWayMergePatch(y(original), y(modified), mergeItem)).toEqual({ ok: true, value: y(twoWay) })
  })

  it.each([
    {
      name: 'deletes what the last applied configuration had, and keeps fields only the live object has',
      original: 'mergingList: [{name: 1}, {name: 2}]',
      modified: 'mergingList: [{name: 2}]',
      current: 'mergingList: [{name: 1}, {name: 2, other: b}]',
      threeWay: '{$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}',
    },
    {
      name: 'sends only the order when items were reordered and the live list has server-only items',
      original: 'mergingList: [{name: 1}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}]',
      modified: 'mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1}]',
      current: 'mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 9}]',
      threeWay: '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
    },
    {
      name: 'adds an item with the order of the whole list',
      original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
      modified: 'mergingList: [{name: 3, value: 3}, {name: 1}, {name: 2, value: 2}]',
      current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
      threeWay: '{$setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}], mergingList: [{name: 3, value: 3}]}',
    },
    {
      name: 'deletes a scalar the last applied configuration had, and leaves a server-only one',
      original: 'mergingIntList: [1, 2, 3]',
      modified: 'mergingIntList: [1, 2]',
      current: 'mergingIntList: [1, 2, 3, 4]',
      threeWay: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
    },
    {
      name: 'names the keys to retain when a retainKeys map differs from the live one',
      original: '{}',
      modified: 'retainKeysMap: {other: bar}',
      current: 'retainKeysMap: {value: foo}',
      threeWay: 'retainKeysMap: {$retainKeys: [other], other: bar}',
    },
    {
      name: 'names the keys to retain in a retainKeys list item that has an extra live field',
      original: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
      modified: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
      current: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]',
      threeWay: '{$setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}], retainKeysMergingList: [{$retainKeys: [name, value], name: foo}]}',
    },
    {
      name: 'deletes from one list and reorders another',
      original: 'mergingList: [{name: a, value: a}, {name: b, value: b}]\nmergeItemPtr: [{name: c, value: c}, {name: d, value: d}]',
      modified: 'mergingList: [{name: b, value: b}]\nmergeItemPtr: [{name: d, value: d}, {name: c, value: c}]',
      current: 'mergingList: [{name: a, value: a}, {name: b, value: b}]\nmergeItemPtr: [{name: c, value: c}, {name: d, value: d}]',
      threeWay: '{$setElementOrder/mergingList: [{name: b}], $setElementOrder/mergeItemPtr: [{name: d}, {name: c}], mergingList: [{$patch: delete, name: a}]}',
    },
    {
      name: 'overwrites a field another writer changed, and deletes nothing it did not apply',
      original: 'simpleMap: {a: x}',
      modified: 'simpleMap: {a: y}',
      current: 'simpleMap: {a: z, b: w}',
      threeWay: 'simpleMap: {a: y}',
    },
  ])('three-way: $name', ({ original, modified, current, threeWay }) => {
    expect(createThreeWayMergePatch(y(original), y(modified), y(current), mergeItem)).toEqual({ ok: true, value: y(threeWay) })
  })

  it('keeps an upstream quirk: an unsorted scalar list always gets $setElementOrder', () => {
    expect(createThreeWayMergePatch(y('mergingIntList: [2, 1]'), y('mergingIntList: [2, 1]'), y('mergingIntList: [2, 1]'), mergeItem)).toEqual({
      ok: true,
      value: y('$setElementOrder/mergingIntList: [2, 1]'),
    })
  })

  it('applying the two-way patch to the original gives the modified document', () => {
    const original = y('mergingList: [{name: 1, value: a}, {name: 2}, {name: 3}]\nmergingIntList: [1, 2]\nsimpleMap: {a: x}')
    const modified = y('mergingList: [{name: 3, other: c}, {name: 1, value: b}]\nmergingIntList: [2, 5]\nsimpleMap: {b: y}')
    const patch = createTwoWayMergePatch(original, modified, mergeItem)
    expect(patch.ok && strategicMergePatch(original, patch.value, mergeItem)).toEqual({ ok: true, value: modified })
  })
})

describe('createTwoWayMergePatchSharing (the kubelet status patch, without copies)', () => {
  it('answers what createTwoWayMergePatch does, leaving a frozen original and the modified status as they were', () => {
    const schema = patchSchemaFor('v1', 'Pod')!
    const original = deepFreeze({
      status: {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' },
          { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'ContainersNotReady' },
        ],
        hostIPs: [{ ip: '10.0.0.2' }],
        qosClass: 'BestEffort',
      },
    })
    const modified = () => ({
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' },
          { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:02Z' },
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' },
        ],
        containerStatuses: [{ name: 'main', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:02Z' } } }],
        hostIPs: [{ ip: '10.0.0.2' }],
        podIPs: [{ ip: '10.244.1.5' }],
      },
    })
    const m = modified()
    const shared = createTwoWayMergePatchSharing(original as never, m as never, schema)
    const copied = createTwoWayMergePatch(original as never, modified() as never, schema)
    expect(shared.ok).toBe(true)
    expect(JSON.stringify(shared)).toBe(JSON.stringify(copied))
    expect(JSON.stringify(m)).toBe(JSON.stringify(modified()))
  })
})
