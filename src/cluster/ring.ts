// Rings of columns (the trace, etcd's watch history): when a full ring grows, its columns are copied
// oldest first into larger ones.

/** A full ring's typed column copied into `to` oldest first (from place `first` on, then the places before it). */
export function unrolled<T extends Float64Array | Uint16Array>(from: T, to: T, first: number): T {
  to.set(from.subarray(first))
  to.set(from.subarray(0, first), from.length - first)
  return to
}

/** A full ring's column copied into a list of `capacity` places, oldest first. */
export function unrolledList<T>(from: T[], capacity: number, first: number): T[] {
  const to = from.slice(first)
  for (let i = 0; i < first; i++) to.push(from[i])
  to.length = capacity
  return to
}
