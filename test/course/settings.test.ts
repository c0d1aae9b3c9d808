// A workspace's settings: only values `kubelings config set` could write are believed, and the
// language comes from --lang, KUBELINGS_LANG, the saved preference, then LC_ALL/LANG.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSettings, sessionLang, settingsFile, updateSettings, workspaceFlag } from '../../src/course/settings.js'
import type { Workspace } from '../../src/course/workspace.js'

function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'kl-settings-'))
  mkdirSync(join(root, '.kubelings'))
  return { root, stateDir: join(root, '.kubelings') }
}

describe('settings', () => {
  it('are empty when there is no file', () => {
    expect(readSettings(workspace())).toEqual({})
  })

  it('keep the other keys when one changes, and undefined removes one', () => {
    const ws = workspace()
    updateSettings(ws, { lang: 'zh' })
    updateSettings(ws, { course: '/srv/course' })
    expect(JSON.parse(readFileSync(settingsFile(ws), 'utf8'))).toEqual({ lang: 'zh', course: '/srv/course' })
    updateSettings(ws, { lang: undefined })
    expect(readSettings(ws)).toEqual({ course: '/srv/course' })
  })

  it.each([
    ['not JSON', '{lang: zh', {}],
    ['a list', '["zh"]', {}],
    ['a language kubelings does not speak', '{"lang":"fr","course":"/c"}', { course: '/c' }],
    ['values of the wrong type', '{"lang":7,"course":["/c"]}', {}],
    ['an empty course', '{"lang":"en","course":""}', { lang: 'en' }],
  ])('ignore what no command writes: %s', (_, text, expected) => {
    const ws = workspace()
    writeFileSync(settingsFile(ws), text)
    expect(readSettings(ws)).toEqual(expected)
  })
})

describe('the language of a command', () => {
  const ws = workspace()
  updateSettings(ws, { lang: 'zh' })

  it.each([
    { name: '--lang wins over everything', flags: { lang: 'en' }, env: { KUBELINGS_LANG: 'zh', LANG: 'zh_CN.UTF-8' }, lang: 'en' },
    { name: 'KUBELINGS_LANG wins over the saved preference', flags: {}, env: { KUBELINGS_LANG: 'en' }, lang: 'en' },
    { name: 'the saved preference wins over LANG', flags: {}, env: { LANG: 'en_US.UTF-8' }, lang: 'zh' },
  ])('$name', ({ flags, env, lang }) => {
    expect(sessionLang(flags, ws.root, env)).toBe(lang)
  })

  it('comes from LC_ALL, then LANG, outside a workspace', () => {
    const outside = mkdtempSync(join(tmpdir(), 'kl-nows-'))
    expect(sessionLang({}, outside, { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh')
    expect(sessionLang({}, outside, { LANG: 'zh_TW.UTF-8' })).toBe('zh')
    expect(sessionLang({}, outside, { LANG: 'fr_FR.UTF-8' })).toBe('en')
  })

  it('finds the workspace from KUBELINGS_WORKSPACE when no --workspace is given', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kl-nows-'))
    expect(sessionLang({}, elsewhere, { KUBELINGS_WORKSPACE: ws.root })).toBe('zh')
    expect(workspaceFlag({ workspace: '/a' }, { KUBELINGS_WORKSPACE: '/b' })).toBe('/a')
    expect(workspaceFlag({}, { KUBELINGS_WORKSPACE: '' })).toBeUndefined()
  })
})
