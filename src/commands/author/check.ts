import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class AuthorCheck extends KubelingsCommand {
  static override summary = 'Check a course: lesson.yaml, both languages, every check, and that every solution passes and every untouched exercise fails.'
  static override description =
    'Reports every problem with its file and line. DIR defaults to --course, then the course in the current folder, then the one shipped with kubelings. Exit 0 when the course is ready, 1 when problems were found.'
  static override examples = ['<%= config.bin %> author check', '<%= config.bin %> author check ./my-course --json']
  static override args = { dir: Args.string({ description: 'the course folder (holding lessons/, exercises/, solutions/)' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(AuthorCheck)
    const { authorCourseRoot, runAuthorCheck } = await import('../../course/author-command.js')
    const { detectLang } = await import('../../course/i18n.js')
    const lang = detectLang(flags.lang)
    const { report, lines } = runAuthorCheck(authorCourseRoot(args.dir ?? flags.course, { lang }), lang)
    for (const line of lines) this.log(line)
    if (report.problems.length > 0) process.exitCode = 1
    return { course: report.root, lessons: report.lessons, exercises: report.exercises, ok: report.problems.length === 0, problems: report.problems }
  }
}
