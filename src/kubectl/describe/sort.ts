// Go's sort.Sort (pattern-defeating quicksort, Go ≥ 1.19; src/sort/zsortinterface.go), so that
// elements kubectl considers equal come out in the order kubectl prints them. It is stable up to
// 12 elements (insertion sort) and not beyond: events with the same lastTimestamp may swap.

type Less<T> = (a: T, b: T) => boolean

/** Sort `data` in place as Go's sort.Sort does, and return it. */
export function goSort<T>(data: T[], lessThan: Less<T>): T[] {
  const n = data.length
  if (n <= 1) return data
  const s = new Sorter(data, lessThan)
  s.pdqsort(0, n, 32 - Math.clz32(n))
  return data
}

const UNKNOWN = 0
const INCREASING = 1
const DECREASING = 2

class Sorter<T> {
  constructor(
    private readonly d: T[],
    private readonly lt: Less<T>,
  ) {}

  less(i: number, j: number): boolean {
    return this.lt(this.d[i], this.d[j])
  }

  swap(i: number, j: number): void {
    const t = this.d[i]
    this.d[i] = this.d[j]
    this.d[j] = t
  }

  insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && this.less(j, j - 1); j--) this.swap(j, j - 1)
  }

  siftDown(lo: number, hi: number, first: number): void {
    let root = lo
    for (;;) {
      let child = 2 * root + 1
      if (child >= hi) return
      if (child + 1 < hi && this.less(first + child, first + child + 1)) child++
      if (!this.less(first + root, first + child)) return
      this.swap(first + root, first + child)
      root = child
    }
  }

  heapSort(a: number, b: number): void {
    const hi = b - a
    for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) this.siftDown(i, hi, a)
    for (let i = hi - 1; i >= 0; i--) {
      this.swap(a, a + i)
      this.siftDown(0, i, a)
    }
  }

  pdqsort(a: number, b: number, limit: number): void {
    let wasBalanced = true
    let wasPartitioned = true
    for (;;) {
      const length = b - a
      if (length <= 12) {
        this.insertionSort(a, b)
        return
      }
      if (limit === 0) {
        this.heapSort(a, b)
        return
      }
      if (!wasBalanced) {
        this.breakPatterns(a, b)
        limit--
      }
      let [pivot, hint] = this.choosePivot(a, b)
      if (hint === DECREASING) {
        this.reverseRange(a, b)
        pivot = b - 1 - (pivot - a)
        hint = INCREASING
      }
      if (wasBalanced && wasPartitioned && hint === INCREASING && this.partialInsertionSort(a, b)) return
      if (a > 0 && !this.less(a - 1, pivot)) {
        a = this.partitionEqual(a, b, pivot)
        continue
      }
      const [mid, alreadyPartitioned] = this.partition(a, b, pivot)
      wasPartitioned = alreadyPartitioned
      const leftLen = mid - a
      const rightLen = b - mid
      const balanceThreshold = Math.trunc(length / 8)
      if (leftLen < rightLen) {
        wasBalanced = leftLen >= balanceThreshold
        this.pdqsort(a, mid, limit)
        a = mid + 1
      } else {
        wasBalanced = rightLen >= balanceThreshold
        this.pdqsort(mid + 1, b, limit)
        b = mid
      }
    }
  }

  partition(a: number, b: number, pivot: number): [number, boolean] {
    this.swap(a, pivot)
    let i = a + 1
    let j = b - 1
    while (i <= j && this.less(i, a)) i++
    while (i <= j && !this.less(j, a)) j--
    if (i > j) {
      this.swap(j, a)
      return [j, true]
    }
    this.swap(i, j)
    i++
    j--
    for (;;) {
      while (i <= j && this.less(i, a)) i++
      while (i <= j && !this.less(j, a)) j--
      if (i > j) break
      this.swap(i, j)
      i++
      j--
    }
    this.swap(j, a)
    return [j, false]
  }

  partitionEqual(a: number, b: number, pivot: number): number {
    this.swap(a, pivot)
    let i = a + 1
    let j = b - 1
    for (;;) {
      while (i <= j && !this.less(a, i)) i++
      while (i <= j && this.less(a, j)) j--
      if (i > j) break
      this.swap(i, j)
      i++
      j--
    }
    return i
  }

  partialInsertionSort(a: number, b: number): boolean {
    let i = a + 1
    for (let step = 0; step < 5; step++) {
      while (i < b && !this.less(i, i - 1)) i++
      if (i === b) return true
      if (b - a < 50) return false
      this.swap(i, i - 1)
      if (i - a >= 2) {
        for (let j = i - 1; j >= 1; j--) {
          if (!this.less(j, j - 1)) break
          this.swap(j, j - 1)
        }
      }
      if (b - i >= 2) {
        for (let j = i + 1; j < b; j++) {
          if (!this.less(j, j - 1)) break
          this.swap(j, j - 1)
        }
      }
    }
    return false
  }

  breakPatterns(a: number, b: number): void {
    const length = b - a
    if (length < 8) return
    let random = BigInt(length)
    const mask = 0xffff_ffff_ffff_ffffn
    const modulus = BigInt(2 ** (32 - Math.clz32(length)))
    const base = a + Math.trunc(length / 4) * 2
    for (let idx = base - 1; idx <= base + 1; idx++) {
      // xorshift (13, 17, 5) on a uint64, as go1.23 has it (checked against real kubectl 1.32)
      random ^= (random << 13n) & mask
      random ^= random >> 17n
      random ^= (random << 5n) & mask
      let other = Number(random & (modulus - 1n))
      if (other >= length) other -= length
      this.swap(idx, a + other)
    }
  }

  choosePivot(a: number, b: number): [number, number] {
    const l = b - a
    const swaps = { n: 0 }
    let i = a + Math.trunc(l / 4)
    let j = a + Math.trunc(l / 4) * 2
    let k = a + Math.trunc(l / 4) * 3
    if (l >= 8) {
      if (l >= 50) {
        i = this.median(i - 1, i, i + 1, swaps)
        j = this.median(j - 1, j, j + 1, swaps)
        k = this.median(k - 1, k, k + 1, swaps)
      }
      j = this.median(i, j, k, swaps)
    }
    return [j, swaps.n === 0 ? INCREASING : swaps.n === 12 ? DECREASING : UNKNOWN]
  }

  median(a: number, b: number, c: number, swaps: { n: number }): number {
    const order2 = (x: number, y: number): [number, number] => {
      if (this.less(y, x)) {
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

  reverseRange(a: number, b: number): void {
    for (let i = a, j = b - 1; i < j; i++, j--) this.swap(i, j)
  }
}
