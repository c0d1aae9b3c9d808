import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ConfigSet extends KubelingsCommand {
  static override summary = 'Save a setting for this workspace.'
  static override description = 'lang: en or zh, the language kubelings speaks here. course: the folder of a course to follow (a teacher\'s own lessons).'
  static override examples = ['<%= config.bin %> config set lang zh', '<%= config.bin %> config set course ~/my-course']
  static override args = {
    key: Args.string({ description: 'lang or course', required: true }),
    value: Args.string({ description: 'the new value', required: true }),
  }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ConfigSet)
    const { sessionLang, workspaceFlag } = await import('../../course/settings.js')
    const { requireWorkspace } = await import('../../course/workspace.js')
    const { setSetting, settingKey } = await import('../../ui/config.js')
    const { t } = await import('../../course/i18n.js')
    let lang = sessionLang(flags)
    const key = settingKey(args.key, lang)
    const ws = requireWorkspace(process.cwd(), workspaceFlag(flags), lang)
    const saved = setSetting(ws, key, args.value, lang)
    // Confirm a language change in the new language, unless --lang asks for another.
    if (key === 'lang' && !flags.lang) lang = sessionLang(flags)
    this.log(t(lang, 'config.set', { key: saved.key, value: saved.value, file: saved.file }))
    return { [saved.key]: saved.value }
  }
}
