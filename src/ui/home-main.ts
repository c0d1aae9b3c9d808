// `kubelings` with only the global flags: the home screen, started by bin/run.js without loading
// oclif (its command table and plugins cost about a third of a second before the first line). Any
// other form (a flag without its value, a language that does not exist) is left to the oclif command
// (home-command.ts), whose parser says what is wrong.
import { sessionFlagAt, type SessionFlags } from '../course/settings.js'
import { home, terminalIO } from './home.js'

/** The flags `argv` gives, or undefined when oclif should parse them. */
export function homeFlags(argv: readonly string[]): SessionFlags | undefined {
  const flags: SessionFlags = {}
  for (let i = 0; i < argv.length; ) {
    const flag = sessionFlagAt(argv, i)
    if (flag === undefined || flag === 'unparsed') return undefined
    flags[flag.name] = flag.value
    i += flag.used
  }
  return flags
}

/** Run the home screen; undefined when oclif should (see homeFlags). */
export async function homeMain(argv: readonly string[]): Promise<number | undefined> {
  const flags = homeFlags(argv)
  if (!flags) return undefined
  return home(flags, await terminalIO())
}
