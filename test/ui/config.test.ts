import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { initWorkspace } from '../../src/course/workspace.js'
import { getSettings, renderSetting, setSetting, settingKey } from '../../src/ui/config.js'

const COURSE = resolve(__dirname, '../fixtures/runner/course')
const workspace = () => initWorkspace(join(mkdtempSync(join(tmpdir(), 'kl-config-')), 'w'), COURSE).workspace

describe('kubelings config', () => {
  it('saves a course given as a relative path as an absolute one, after checking it is a course', () => {
    const ws = workspace()
    expect(setSetting(ws, 'course', 'course', 'en', resolve(COURSE, '..'))).toEqual({ key: 'course', value: COURSE, file: join(ws.stateDir, 'settings.json') })
    expect(JSON.parse(readFileSync(join(ws.stateDir, 'settings.json'), 'utf8'))).toEqual({ course: COURSE })
    expect(() => setSetting(ws, 'course', tmpdir(), 'en')).toThrow(expect.objectContaining({ exitCode: 3 }))
  })

  it('says what applies to a setting that is not set, in both languages', () => {
    const ws = workspace()
    const [lang, course] = getSettings(ws, ['lang', 'course'], 'en', { LANG: 'zh_CN.UTF-8' })
    expect(renderSetting(lang, 'en')).toBe('lang is not set; the default is taken from LANG (zh here).')
    expect(renderSetting(course, 'en')).toBe('course is not set; the default is the course shipped with kubelings.')
    const [zhLang] = getSettings(ws, ['lang'], 'zh', { LANG: 'en_US.UTF-8' })
    expect(renderSetting(zhLang, 'zh')).toBe('lang 未设置；默认：取自 LANG（此处为 en）。')
  })

  it('knows only lang and course', () => {
    expect(settingKey('lang', 'en')).toBe('lang')
    expect(() => settingKey('theme', 'zh')).toThrow('没有名为 “theme” 的设置。可用的设置有：lang、course。')
  })
})
