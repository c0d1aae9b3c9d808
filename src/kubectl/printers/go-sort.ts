// Go's sort.Sort (go1.23, the toolchain of kubectl 1.32): pattern-defeating quicksort over Less and
// Swap. It is not stable, and `kubectl get --sort-by` uses it, so rows whose keys tie come out in the
// order this exact algorithm leaves them (insertion sort up to 12 rows, so stable there; beyond
// that, pivots, partitions and the pattern breaker decide). Written from the algorithm's
// description in the Go sources (sort/zsortinterface.go), in the same steps, so the order matches.

/** Sorts the indices 0..n-1 of some data as sort.Sort would with `less(i, j)` on the original items. */
export function goSortOrder(n: number, less: (a: number, b: number) => boolean): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  const data: SortData = {
    less: (i, j) => less(order[i], order[j]),
    swap: (i, j) => {
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    },
  }
  pdqsort(data, 0, n, bitsLen(n))
  return order
}

interface SortData {
  less(i: number, j: number): boolean
  swap(i: number, j: number): void
}

/** math/bits.Len: the number of bits needed to write n. */
function bitsLen(n: number): number {
  return n === 0 ? 0 : Math.floor(Math.log2(n)) + 1
}

const enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

function insertionSort(data: SortData, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1)
}

function siftDown(data: SortData, lo: number, hi: number, first: number): void {
  let root = lo
  for (;;) {
    let child = 2 * root + 1
    if (child >= hi) return
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++
    if (!data.less(first + root, first + child)) return
    data.swap(first + root, first + child)
    root = child
  }
}

function heapSort(data: SortData, a: number, b: number): void {
  const hi = b - a
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, a)
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(a, a + i)
    siftDown(data, 0, i, a)
  }
}

function pdqsort(data: SortData, a: number, b: number, limit: number): void {
  const maxInsertion = 12
  let wasBalanced = true
  let wasPartitioned = true
  for (;;) {
    const length = b - a
    if (length <= maxInsertion) return insertionSort(data, a, b)
    // Too many bad pivots: heapsort.
    if (limit === 0) return heapSort(data, a, b)
    if (!wasBalanced) {
      breakPatterns(data, a, b)
      limit--
    }
    let [pivot, hint] = choosePivot(data, a, b)
    if (hint === Hint.Decreasing) {
      reverseRange(data, a, b)
      pivot = b - 1 - (pivot - a)
      hint = Hint.Increasing
    }
    // Likely sorted already.
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(data, a, b)) return
    // Many equal elements: put those equal to the pivot first, then the greater ones.
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot)
      continue
    }
    const [mid, alreadyPartitioned] = partition(data, a, b, pivot)
    wasPartitioned = alreadyPartitioned
    const leftLen = mid - a
    const rightLen = b - mid
    const balanceThreshold = Math.floor(length / 8)
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold
      pdqsort(data, a, mid, limit)
      a = mid + 1
    } else {
      wasBalanced = rightLen >= balanceThreshold
      pdqsort(data, mid + 1, b, limit)
      b = mid
    }
  }
}

function partition(data: SortData, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot)
  let i = a + 1
  let j = b - 1
  while (i <= j && data.less(i, a)) i++
  while (i <= j && !data.less(j, a)) j--
  if (i > j) {
    data.swap(j, a)
    return [j, true]
  }
  data.swap(i, j)
  i++
  j--
  for (;;) {
    while (i <= j && data.less(i, a)) i++
    while (i <= j && !data.less(j, a)) j--
    if (i > j) break
    data.swap(i, j)
    i++
    j--
  }
  data.swap(j, a)
  return [j, false]
}

function partitionEqual(data: SortData, a: number, b: number, pivot: number): number {
  data.swap(a, pivot)
  let i = a + 1
  let j = b - 1
  for (;;) {
    while (i <= j && !data.less(a, i)) i++
    while (i <= j && data.less(a, j)) j--
    if (i > j) break
    data.swap(i, j)
    i++
    j--
  }
  return i
}

function partialInsertionSort(data: SortData, a: number, b: number): boolean {
  const maxSteps = 5
  const shortestShifting = 50
  let i = a + 1
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++
    if (i === b) return true
    if (b - a < shortestShifting) return false
    data.swap(i, i - 1)
    // The smaller one to the left (down to index 1, as upstream writes it), the greater one to the right.
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break
        data.swap(j, j - 1)
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break
        data.swap(j, j - 1)
      }
    }
  }
  return false
}

const MASK64 = (1n << 64n) - 1n

function breakPatterns(data: SortData, a: number, b: number): void {
  const length = b - a
  if (length < 8) return
  // A xorshift generator seeded with the length (13, 7, 17 on a uint64).
  let random = BigInt(length)
  const next = (): bigint => {
    random ^= (random << 13n) & MASK64
    random ^= random >> 7n
    random ^= (random << 17n) & MASK64
    return random
  }
  const modulus = BigInt(2 ** bitsLen(length))
  const start = a + Math.floor(length / 4) * 2 - 1
  for (let idx = start; idx <= start + 2; idx++) {
    let other = Number(next() & (modulus - 1n))
    if (other >= length) other -= length
    data.swap(idx, a + other)
  }
}

function choosePivot(data: SortData, a: number, b: number): [number, Hint] {
  const shortestNinther = 50
  const maxSwaps = 4 * 3
  const l = b - a
  const swaps = { n: 0 }
  let i = a + Math.floor(l / 4) * 1
  let j = a + Math.floor(l / 4) * 2
  let k = a + Math.floor(l / 4) * 3
  if (l >= 8) {
    if (l >= shortestNinther) {
      // Tukey's ninther.
      i = median(data, i - 1, i, i + 1, swaps)
      j = median(data, j - 1, j, j + 1, swaps)
      k = median(data, k - 1, k, k + 1, swaps)
    }
    j = median(data, i, j, k, swaps)
  }
  if (swaps.n === 0) return [j, Hint.Increasing]
  if (swaps.n === maxSwaps) return [j, Hint.Decreasing]
  return [j, Hint.Unknown]
}

/** The index of the median of data[a], data[b], data[c], counting the swaps order2 makes. */
function median(data: SortData, a: number, b: number, c: number, swaps: { n: number }): number {
  const order2 = (x: number, y: number): [number, number] => {
    if (data.less(y, x)) {
      swaps.n++
      return [y, x]
    }
    return [x, y]
  }
  ;[a, b] = order2(a, b)
  ;[b, c] = order2(b, c)
  ;[a, b] = order2(a, b)
  return b
}

function reverseRange(data: SortData, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) data.swap(i, j)
}
