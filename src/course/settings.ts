// A workspace's settings, `.kubelings/settings.json`: the learner's language and, for a course from
// another folder (`--course DIR`), where that course lives. `kubelings config set|get` edits it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { detectLang, type Lang } from './i18n.js'
import { findWorkspace, requireWorkspace, type Workspace } from './workspace.js'

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

/**
 * The settings; a missing or unreadable file means no settings (they are preferences, not work).
 * Each value is kept only when it is one `kubelings config set` could have written, so a hand-edited
 * `"lang": 7` or `"course": ""` is ignored rather than crashing every command.
 */
export function readSettings(ws: Workspace): Settings {
  const file = settingsFile(ws)
  if (!existsSync(file)) return {}
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return {}
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {}
  const o = raw as Record<string, unknown>
  const settings: Settings = {}
  if (typeof o.lang === 'string' && SETTING_KEYS.lang?.includes(o.lang)) settings.lang = o.lang
  if (typeof o.course === 'string' && o.course !== '') settings.course = o.course
  return settings
}

export function writeSettings(ws: Workspace, settings: Settings): void {
  writeFileAtomic.sync(settingsFile(ws), `${JSON.stringify(settings, null, 2)}\n`)
}

/** Change one setting, keeping the others (undefined removes it). */
export function updateSettings(ws: Workspace, change: Partial<Settings>): Settings {
  const next: Settings = { ...readSettings(ws), ...change }
  for (const key of Object.keys(next) as (keyof Settings)[]) if (next[key] === undefined) delete next[key]
  writeSettings(ws, next)
  return next
}

/** The workspace a command names: --workspace, then KUBELINGS_WORKSPACE (found upwards otherwise). */
export function workspaceFlag(flags: { workspace?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flags.workspace ?? (env.KUBELINGS_WORKSPACE || undefined)
}

/** The flags every runner command shares. */
export interface SessionFlags {
  lang?: string
  workspace?: string
  course?: string
}

/**
 * The session flag at argv[i] (`--lang zh`, `--workspace=DIR`, `--course DIR`) for the fast paths that
 * skip oclif: its name, value and how many arguments it took; undefined when argv[i] is not one;
 * 'unparsed' when it lacks its value or names no language we have (oclif's parser then says so).
 */
export function sessionFlagAt(argv: readonly string[], i: number): { name: keyof SessionFlags; value: string; used: number } | 'unparsed' | undefined {
  const a = argv[i]
  const eq = a.indexOf('=')
  const name = a.startsWith('--') ? (eq > 0 ? a.slice(2, eq) : a.slice(2)) : undefined
  if (name !== 'lang' && name !== 'workspace' && name !== 'course') return undefined
  const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1]
  if (value === undefined || (name === 'lang' && value !== 'en' && value !== 'zh')) return 'unparsed'
  return { name, value, used: eq > 0 ? 1 : 2 }
}

/** The language for a command: --lang, then KUBELINGS_LANG, the workspace's saved preference, then LC_ALL/LANG. */
export function sessionLang(flags: SessionFlags, cwd = process.cwd(), env = process.env): Lang {
  const ws = findWorkspace(cwd, workspaceFlag(flags, env))
  return detectLang(flags.lang, env, ws ? readSettings(ws).lang : undefined)
}

/**
 * The workspace a playground command works in, and the language to answer in: --lang, then
 * KUBELINGS_LANG, then the one `kubelings config set lang` saved there, then the locale. A command
 * that only looked at the flag and the locale answered in English after `config set lang zh`.
 */
export function openWorkspace(flags: { lang?: string; workspace?: string }, cwd = process.cwd(), env = process.env): { ws: Workspace; lang: Lang } {
  const lang = sessionLang(flags, cwd, env)
  return { ws: requireWorkspace(cwd, workspaceFlag(flags, env), lang), lang }
}
