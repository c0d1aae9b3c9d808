// What kubelings says to a command it does not have (the command_not_found hook, src/hooks).
import { levenshtein } from '../kubectl/levenshtein.js'

/**
 * `id` as oclif read it (words joined by ':'), given the command ids and topics: a known command
 * followed by words it does not take gets oclif's own `Unexpected argument`; anything else is an
 * unknown command, with the commands within two edits of it (cobra's SuggestionsMinimumDistance),
 * or starting with it, suggested.
 */
export function unknownCommandMessage(id: string, commandIds: readonly string[], topics: readonly string[]): string {
  // `kubelings --bogus`: a flag before any command, in oclif's words for a flag it does not know.
  if (id.startsWith('-')) return `error: Nonexistent flag: ${id.split(':')[0]}\nSee 'kubelings --help' for usage.\n`
  // `kubelings help clustr`: the command asked about is the unknown one.
  const words = id.split(':')[0] === 'help' && id.includes(':') ? id.split(':').slice(1) : id.split(':')
  for (let n = words.length - 1; n > 0; n--) {
    const command = words.slice(0, n).join(':')
    if (commandIds.includes(command)) return `error: Unexpected argument: ${words[n]}\nSee 'kubelings ${command.replace(/:/g, ' ')} --help' for usage.\n`
  }
  // The words up to the first that is neither a topic nor a command; what follows were its arguments,
  // or the command's own second word (`clustr status`), which is tried first.
  let n = 1
  while (n < words.length && topics.includes(words.slice(0, n).join(':'))) n++
  const known = [...new Set([...commandIds, ...topics].map((c) => c.replace(/:/g, ' ')))]
  const short = words.slice(0, n).join(' ')
  const long = n < words.length ? `${short} ${words[n]}` : undefined
  const longClose = long === undefined ? [] : suggestions(long, known)
  const [typed, close] = longClose.length > 0 ? [long!, longClose] : [short, suggestions(short, known)]
  const hint = close.length > 0 ? `Did you mean ${close.map((c) => `"kubelings ${c}"`).join(' or ')}?\n` : ''
  return `error: unknown command "${typed}" for "kubelings"\n${hint}See 'kubelings --help' for usage.\n`
}

/** The names within two edits of `typed` (cobra's SuggestionsMinimumDistance), or starting with it: closest first. */
function suggestions(typed: string, known: readonly string[]): string[] {
  const t = typed.toLowerCase()
  return known
    .map((name) => ({ name, d: levenshtein(t, name) }))
    .filter(({ name, d }) => d <= 2 || (t.length > 1 && name.startsWith(t)))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .map(({ name }) => name)
}
