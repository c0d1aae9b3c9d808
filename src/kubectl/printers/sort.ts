// --sort-by (kubectl get/sorter.go): a JSONPath, relaxed like custom columns; objects without the
// field sort first; numbers compare as numbers; strings as resource quantities when both parse
// (`10` after `9`, `1Gi` after `512Mi`), else byte-wise (so RFC 3339 timestamps sort by time).
import { cmpQuantity, parseQuantity } from '../../cluster/quantity.js'
import { err, ok, type Result } from '../../cluster/result.js'
import { relaxedJsonPathExpression } from './custom-columns.js'
import { goSort } from '../describe/sort.js'
import { findResults, parseJsonPath } from './jsonpath.js'

/** The items in the order kubectl's sort leaves them, or kubectl's error text. */
export function sortByField<T>(items: readonly T[], sortBy: string, objectOf: (item: T) => unknown): Result<T[], string> {
  if (items.length <= 1) return ok([...items])
  const relaxed = relaxedJsonPathExpression(sortBy)
  const field = relaxed.ok ? relaxed.value : sortBy
  const path = parseJsonPath(field)
  if (!path.ok) return err(path.error)
  const firsts: { found: boolean; value: unknown }[] = []
  for (const item of items) {
    const groups = findResults(path.value, objectOf(item), { allowMissingKeys: true })
    if (!groups.ok) return groups
    const first = groups.value[0]
    firsts.push(first && first.length > 0 ? { found: true, value: first[0] } : { found: false, value: undefined })
  }
  if (!firsts.some((f) => f.found)) return err(`couldn't find any field with path "${field}" in the list of objects`)
  let problem: string | undefined
  // RuntimeSort's and TableSorter's Less, under Go's sort.Sort (not stable: ties land where
  // pdqsort leaves them). An item without the field is less than anything, even another without it.
  const less = (i: number, j: number): boolean => {
    const a = firsts[i]
    const b = firsts[j]
    if (!a.found) return true
    if (!b.found) return false
    const result = isLess(a.value, b.value)
    if (typeof result === 'string') {
      problem ??= result
      return false
    }
    return result
  }
  const order = goSort(items.map((_, i) => i), less)
  if (problem) return err(problem)
  return ok(order.map((i) => items[i]))
}

function isLess(a: unknown, b: unknown): boolean | string {
  if (a === null || a === undefined) return !(b === null || b === undefined)
  if (b === null || b === undefined) return false
  if (typeof a === 'number' && typeof b === 'number') return a < b
  if (typeof a === 'boolean' || typeof a === 'number' || typeof a === 'string') {
    if (typeof a === 'string' && typeof b === 'string') {
      const qa = parseQuantity(a)
      const qb = parseQuantity(b)
      if (qa.ok && qb.ok) return cmpQuantity(qa.value, qb.value) < 0
      return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0
    }
    return `unsortable interface: ${typeof a}`
  }
  return `unsortable type: ${Array.isArray(a) ? '[]interface {}' : 'map[string]interface {}'}`
}
