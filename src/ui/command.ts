// What every kubelings command shares: --lang and --workspace, and one way to fail.
import { Command, Flags } from '@oclif/core'
import { reportFailure } from '../course/failure.js'
import { type Lang } from '../course/i18n.js'
import { sessionLang } from '../course/settings.js'

export abstract class KubelingsCommand extends Command {
  static override baseFlags = {
    lang: Flags.string({ description: 'Language of kubelings\' own messages: en or zh (default: from LANG).', options: ['en', 'zh'], helpGroup: 'GLOBAL' }),
    workspace: Flags.string({ description: 'The workspace folder (default: found from the current folder upwards).', helpGroup: 'GLOBAL' }),
    course: Flags.string({ description: 'A course folder to follow instead of the one shipped with kubelings (a teacher\'s own lessons).', helpGroup: 'GLOBAL' }),
  }

  /** The language before flags are parsed (for errors thrown by the parser itself). */
  protected get lang(): Lang {
    const i = this.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='))
    const value = i < 0 ? undefined : this.argv[i].includes('=') ? this.argv[i].split('=')[1] : this.argv[i + 1]
    const j = this.argv.findIndex((a) => a === '--workspace' || a.startsWith('--workspace='))
    const workspace = j < 0 ? undefined : this.argv[j].includes('=') ? this.argv[j].split('=')[1] : this.argv[j + 1]
    return sessionLang({ lang: value, workspace })
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // oclif's own parse errors (unknown flag, missing argument) are the learner's to fix.
    if (err.oclif && !(err.constructor?.name === 'ExitError')) {
      // Said here; without this, oclif outside production (NODE_ENV=development|test) adds a warning
      // that the command "did not parse its arguments".
      this.parsed = true
      if (err.oclif.exit === 0) return undefined
      // The home screen (home-command.ts) has no command name of its own: `kubelings --help` is its help.
      const command = this.id && this.id !== 'home' ? ` ${this.id.replace(/:/g, ' ')}` : ''
      process.stderr.write(`error: ${parseErrorLine(err.message)}\nSee 'kubelings${command} --help' for usage.\n`)
      process.exitCode = 2
      return undefined
    }
    process.exitCode = reportFailure(err, this.lang)
    return undefined
  }
}

/**
 * oclif's parse error as one line: its first, and for missing arguments (`Missing 1 required arg:`
 * and one `NAME  description` line each) the arguments too, which the first line alone left out.
 */
export function parseErrorLine(message: string): string {
  const [first, ...rest] = message.split('\n').filter((l) => l !== '' && !l.startsWith('See more help'))
  if (!first.endsWith(':') || rest.length === 0) return first
  return `${first} ${rest.map((l) => l.trim().replace(/^(\S+)\s{2,}(.+)$/, '$1 ($2)')).join(', ')}`
}
