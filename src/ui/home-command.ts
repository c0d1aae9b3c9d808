// `kubelings` with no command: continue where you left off. bin/run.js routes here. It is not under
// src/commands/ on purpose: oclif treats a commands/index.js as a single-command CLI's only command,
// which breaks the help and the lookup of every other command.
import { KubelingsCommand } from './command.js'

export default class Home extends KubelingsCommand {
  static override summary = 'Continue where you left off: progress, the next exercise, and a menu.'
  static override description =
    'In a terminal: a welcome screen with your progress and a menu (read the lesson, verify, watch, hint, solution, language, list, quit). Piped or in CI: the progress list, exit 0. Without a workspace it offers to make ./kubelings (in a terminal) or says how (exit 1 elsewhere).'
  static override hidden = true

  async run(): Promise<void> {
    const { flags } = await this.parse(Home)
    const { home, terminalIO } = await import('./home.js')
    process.exitCode = await home(flags, await terminalIO())
  }
}
