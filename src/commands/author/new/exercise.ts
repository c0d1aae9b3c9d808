import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../../../ui/command.js'

export default class AuthorNewExercise extends KubelingsCommand {
  static override summary = 'Scaffold an exercise in a lesson: its entry in lesson.yaml, an exercise file with a TODO, and its solution.'
  static override description =
    'LESSON is the lesson id or folder name. The exercise is added at the end of the lesson\'s exercises, with placeholders in both languages that `kubelings author check` lists until they are written. Never overwrites a file.'
  static override examples = ['<%= config.bin %> author new exercise pod-phases init-container', '<%= config.bin %> author new exercise pod-phases predict-oom --mode answer']
  static override args = {
    lesson: Args.string({ description: 'the lesson (id or folder name)', required: true }),
    id: Args.string({ description: 'the new exercise id, unique across the course', required: true }),
  }
  static override flags = {
    mode: Flags.string({ description: 'manifest: the learner writes manifests; answer: the learner writes predictions', options: ['manifest', 'answer'], default: 'manifest' }),
  }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(AuthorNewExercise)
    const { authorCourseRoot, reportNewFiles } = await import('../../../course/author-command.js')
    const { newExercise } = await import('../../../course/author-new.js')
    const { detectLang } = await import('../../../course/i18n.js')
    const lang = detectLang(flags.lang)
    const root = authorCourseRoot(flags.course, { shipped: false, lang })
    const files = newExercise(root, args.lesson, args.id, flags.mode as 'manifest' | 'answer', lang)
    for (const line of reportNewFiles(root, files, lang)) this.log(line)
    return { course: root, ...files }
  }
}
