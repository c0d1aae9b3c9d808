// Records that most holders never write to: the kubelet's per pod and per container instance
// (back-offs, the reason cache, probe counts), the scheduler's extended resources of a request. Until
// written, they are all this one frozen empty record (a snapshot writes it as `{}`); the first write
// gives its holder one of its own.

/** The empty record every holder shares until its first entry. */
export const NONE = Object.freeze({}) as Record<string, never>

/** `holder[key]`, made the holder's own (no longer NONE) so that it may be written to. */
export function own<H extends object, K extends keyof H>(holder: H, key: K): H[K] {
  const record = holder[key]
  if (record !== NONE) return record
  return (holder[key] = {} as H[K])
}
