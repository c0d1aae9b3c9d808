// The edit distance cobra's command suggestions use (SuggestionsMinimumDistance), shared with
// kubelings' own "Did you mean" (src/ui/unknown-command.ts).

/** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}
