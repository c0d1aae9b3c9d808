import { Args, Flags } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class LessonCommand extends KubelingsCommand {
  static override summary = 'Read a lesson in the terminal.'
  static override description =
    'Without ID, the lesson of the exercise you are on. ID is a lesson id, its folder name, or one of its exercises. Long lessons open in a pager ($PAGER or less) in a terminal; piped, the text is plain.'
  static override examples = ['<%= config.bin %> lesson', '<%= config.bin %> lesson pod-phases', '<%= config.bin %> lesson --lang zh | less']
  static override args = { id: Args.string({ description: 'lesson id, lesson folder or exercise id (default: the current lesson)' }) }
  static override flags = {
    width: Flags.integer({ description: 'Columns to wrap to (default: the terminal\'s width, 80 when piped).', min: 20, max: 400 }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(LessonCommand)
    const { colorOn, openRunner, terminalColumns } = await import('../ui/runner.js')
    const { pickLesson, renderLesson } = await import('../ui/lesson.js')
    const { page } = await import('../ui/pager.js')
    const { session, progress } = openRunner(flags)
    const lesson = pickLesson(session.course, progress, args.id, session.lang)
    const text = await renderLesson(lesson, session.lang, { width: flags.width ?? Math.min(terminalColumns(), 100), color: colorOn() })
    page(text)
  }
}
