// `kubelings config get|set KEY [VALUE]`: the workspace's saved preferences (.kubelings/settings.json).
import { resolve } from 'node:path'
import { UserError } from '../course/errors.js'
import { detectLang, t, type Lang } from '../course/i18n.js'
import { openCourse } from '../course/session.js'
import { readSettings, SETTING_KEYS, settingsFile, updateSettings, type Settings } from '../course/settings.js'
import type { Workspace } from '../course/workspace.js'

export type SettingKey = keyof Settings
const KEYS = Object.keys(SETTING_KEYS) as SettingKey[]

export function settingKey(key: string, lang: Lang): SettingKey {
  if (!(KEYS as string[]).includes(key)) throw new UserError(t(lang, 'config.unknownKey', { key, keys: KEYS.join(lang === 'zh' ? '、' : ', ') }), 2)
  return key as SettingKey
}

/** Check and save one setting; a course path is checked to hold a course and saved absolute. */
export function setSetting(ws: Workspace, key: SettingKey, value: string, lang: Lang, cwd = process.cwd()): { key: SettingKey; value: string; file: string } {
  const allowed = SETTING_KEYS[key]
  if (allowed && !allowed.includes(value)) throw new UserError(t(lang, 'config.badValue', { key, values: allowed.join(lang === 'zh' ? '、' : ', '), value }), 2)
  let saved = value
  if (key === 'course') {
    saved = resolve(cwd, value)
    openCourse(saved, lang) // a broken or missing course is refused now, not on every later command
  }
  updateSettings(ws, { [key]: saved })
  return { key, value: saved, file: settingsFile(ws) }
}

export interface SettingValue {
  key: SettingKey
  /** Undefined when not set. */
  value?: string
  /** What applies when it is not set, in words. */
  fallback: string
}

export function getSettings(ws: Workspace, keys: SettingKey[], lang: Lang, env: NodeJS.ProcessEnv = process.env): SettingValue[] {
  const settings = readSettings(ws)
  return keys.map((key) => {
    const fallback =
      key === 'lang' ? t(lang, 'config.default.lang', { value: detectLang(undefined, { ...env, KUBELINGS_LANG: '' }) }) : t(lang, 'config.default.course')
    return { key, ...(settings[key] !== undefined ? { value: settings[key] } : {}), fallback }
  })
}

export function renderSetting(s: SettingValue, lang: Lang): string {
  return s.value !== undefined ? `${s.key} = ${s.value}` : t(lang, 'config.unset', { key: s.key, value: s.fallback })
}

export const settingKeys = (): SettingKey[] => [...KEYS]
