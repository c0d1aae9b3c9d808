import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../../../ui/command.js'

export default class AuthorNewLesson extends KubelingsCommand {
  static override summary = 'Scaffold a lesson: lesson.yaml, en.md, zh.md and a first exercise with its solution.'
  static override description =
    'The lesson folder is numbered after the last one (lessons/NN-SLUG). Every text is a placeholder in both languages, which `kubelings author check` lists until it is written. Never overwrites a file.'
  static override examples = ['<%= config.bin %> author new lesson services --goal 3', '<%= config.bin %> author new lesson pause --goal 5 --exercise pause-ip --mode answer']
  static override args = { slug: Args.string({ description: 'the lesson id: lower-case words joined by -', required: true }) }
  static override flags = {
    goal: Flags.integer({ description: 'the learning goal (1-5) of the course document the lesson serves', default: 1 }),
    exercise: Flags.string({ description: 'the id of its first exercise (default: SLUG-1)' }),
    mode: Flags.string({ description: 'the first exercise\'s mode', options: ['manifest', 'answer'], default: 'manifest' }),
  }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(AuthorNewLesson)
    const { authorCourseRoot, reportNewFiles } = await import('../../../course/author-command.js')
    const { newLesson } = await import('../../../course/author-new.js')
    const { detectLang } = await import('../../../course/i18n.js')
    const lang = detectLang(flags.lang)
    const root = authorCourseRoot(flags.course, { shipped: false, lang })
    const files = newLesson(root, args.slug, { goal: flags.goal, exercise: flags.exercise, mode: flags.mode as 'manifest' | 'answer' }, lang)
    for (const line of reportNewFiles(root, files, lang)) this.log(line)
    return { course: root, ...files }
  }
}
