import { Args } from '@oclif/core'
import { KubelingsCommand } from '../../ui/command.js'

export default class ConfigGet extends KubelingsCommand {
  static override summary = 'Show a saved setting of this workspace (all of them without KEY).'
  static override description = 'Settings: lang (en or zh), course (the folder of the course this workspace follows).'
  static override examples = ['<%= config.bin %> config get lang', '<%= config.bin %> config get']
  static override args = { key: Args.string({ description: 'lang or course' }) }
  static override enableJsonFlag = true

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ConfigGet)
    const { sessionLang, workspaceFlag } = await import('../../course/settings.js')
    const { requireWorkspace } = await import('../../course/workspace.js')
    const { getSettings, renderSetting, settingKey, settingKeys } = await import('../../ui/config.js')
    const lang = sessionLang(flags)
    const keys = args.key === undefined ? settingKeys() : [settingKey(args.key, lang)]
    const ws = requireWorkspace(process.cwd(), workspaceFlag(flags), lang)
    const values = getSettings(ws, keys, lang)
    for (const v of values) this.log(renderSetting(v, lang))
    return Object.fromEntries(values.map((v) => [v.key, v.value ?? null]))
  }
}
