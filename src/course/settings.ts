// A workspace's settings, `.kubelings/settings.json`: the learner's language and, for a course from
// another folder (`--course DIR`), where that course lives. `kubelings config set|get` edits it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { detectLang, type Lang } from './i18n.js'
import { findWorkspace, type Workspace } from './workspace.js'

export const SETTINGS_FILE = 'settings.json'

export interface Settings {
  /** en or zh. */
  lang?: string
  /** Absolute path of the course folder, when it is not the one shipped with kubelings. */
  course?: string
}

/** The keys `kubelings config` knows, with the values each accepts (undefined: any path). */
export const SETTING_KEYS: Record<keyof Settings, readonly string[] | undefined> = { lang: ['en', 'zh'], course: undefined }

export const settingsFile = (ws: Workspace): string => join(ws.stateDir, SETTINGS_FILE)

/** The settings; a missing or unreadable file means no settings (they are preferences, not work). */
export function readSettings(ws: Workspace): Settings {
  const file = settingsFile(ws)
  if (!existsSync(file)) return {}
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Settings
    return s !== null && typeof s === 'object' && !Array.isArray(s) ? s : {}
  } catch {
    return {}
  }
}

export function writeSettings(ws: Workspace, settings: Settings): void {
  writeFileAtomic.sync(settingsFile(ws), `${JSON.stringify(settings, null, 2)}\n`)
}

/** The flags every runner command shares. */
export interface SessionFlags {
  lang?: string
  workspace?: string
  course?: string
}

/** The language for a command: --lang, then KUBELINGS_LANG, the workspace's saved preference, then LC_ALL/LANG. */
export function sessionLang(flags: SessionFlags, cwd = process.cwd(), env = process.env): Lang {
  const ws = findWorkspace(cwd, flags.workspace)
  return detectLang(flags.lang, env, ws ? readSettings(ws).lang : undefined)
}
