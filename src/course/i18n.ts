// kubelings' own words in English and 简体中文. Kubernetes' words (kinds, reasons, kubectl output)
// are never translated. The language comes from --lang, KUBELINGS_LANG, the saved preference, then LC_ALL / LC_MESSAGES / LANG.
import * as core from './messages/core.js'
import * as runner from './messages/runner.js'
import * as grader from './messages/grader.js'
import * as watch from './messages/watch.js'
import * as author from './messages/author.js'
import * as network from './messages/network.js'
import * as course from './messages/course.js'

export type Lang = 'en' | 'zh'

/**
 * The language: --lang, then KUBELINGS_LANG, then the workspace's saved preference
 * (`kubelings config set lang zh`), then LC_ALL / LC_MESSAGES / LANG; English otherwise.
 */
export function detectLang(argvLang: string | undefined, env: NodeJS.ProcessEnv = process.env, saved?: string): Lang {
  const pick = (v: string | undefined): Lang | undefined => {
    if (!v) return undefined
    const s = v.toLowerCase()
    if (s === 'zh' || s.startsWith('zh_') || s.startsWith('zh-') || s.startsWith('zh.')) return 'zh'
    if (s === 'en' || s.startsWith('en_') || s.startsWith('en-') || s === 'c' || s === 'posix' || s.startsWith('c.')) return 'en'
    return undefined
  }
  return pick(argvLang) ?? pick(env.KUBELINGS_LANG) ?? pick(saved) ?? pick(env.LC_ALL) ?? pick(env.LC_MESSAGES) ?? pick(env.LANG) ?? 'en'
}

// One catalogue per area (src/course/messages/*.ts), merged here; keys are unique across areas.
const en = { ...core.en, ...runner.en, ...grader.en, ...watch.en, ...author.en, ...network.en, ...course.en }
const zh: Record<keyof typeof en, string> = { ...core.zh, ...runner.zh, ...grader.zh, ...watch.zh, ...author.zh, ...network.zh, ...course.zh }
const CATALOGUES: Record<Lang, Record<string, string>> = { en, zh }

export type MessageKey = keyof typeof en

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGUES[lang][key] ?? en[key]
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`))
}

/** Both catalogues have the same keys (a test keeps it so). */
export function catalogueKeys(lang: Lang): string[] {
  return Object.keys(CATALOGUES[lang]).sort()
}
