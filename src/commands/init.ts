import { Args } from '@oclif/core'
import { KubelingsCommand } from '../ui/command.js'

export default class Init extends KubelingsCommand {
  static override summary = 'Make a learner workspace: the exercises and a .kubelings/ folder with a playground cluster.'
  static override description =
    'Copies the course exercises into DIR (default: ./kubelings) and creates .kubelings/ for your progress and your playground cluster. Running it again never overwrites a file you edited. With --course DIR the workspace follows that course (a teacher\'s own lessons) from then on.'
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init ~/k8s-course', '<%= config.bin %> init class --course ~/teacher/course']
  static override args = { dir: Args.string({ description: 'folder to make the workspace in', default: 'kubelings' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Init)
    const { initWorkspace, PACKAGE_ROOT } = await import('../course/workspace.js')
    const { detectLang, t } = await import('../course/i18n.js')
    const { resolve } = await import('node:path')
    const { openCourse } = await import('../course/session.js')
    const { readSettings, updateSettings } = await import('../course/settings.js')
    const { updateProgress } = await import('../course/progress.js')
    const { tell } = await import('../ui/runner.js')
    const lang = detectLang(flags.lang)
    // Another course is checked before anything is made: a broken one is one clear report (exit 3).
    // Run again in a workspace that follows another course, init keeps to that course.
    const saved = readSettings({ root: resolve(args.dir), stateDir: resolve(args.dir, '.kubelings') }).course
    const course = flags.course ? resolve(flags.course) : saved ? resolve(args.dir, saved) : undefined
    if (course) openCourse(course, lang)
    const report = initWorkspace(args.dir, course ?? PACKAGE_ROOT)
    const dir = report.workspace.root
    if (course) updateSettings(report.workspace, { course })
    // The progress file exists from the start (and a damaged one is dealt with now, not mid-lesson).
    tell(updateProgress(report.workspace, lang, () => {}).notices)
    this.log(t(lang, report.created ? 'workspace.created' : 'workspace.exists', { dir }))
    if (course) this.log(t(lang, 'init.course', { dir: course }))
    if (report.copied.length) this.log(t(lang, 'workspace.copied', { count: report.copied.length }))
    for (const file of report.kept) this.log(t(lang, 'workspace.kept', { file }))
    // Under npx the learner has no `kubelings` on the PATH: say what they typed.
    const bin = process.env.npm_command === 'exec' ? 'npx kubelings' : 'kubelings'
    this.log(t(lang, 'workspace.next', { dir, bin }))
    return { workspace: dir, created: report.created, copied: report.copied, kept: report.kept, ...(course ? { course } : {}) }
  }
}
