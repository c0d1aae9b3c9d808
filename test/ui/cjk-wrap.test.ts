import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { hasWide, wrapWide } from '../../src/ui/cjk-wrap.js'

describe('wrapping text with Chinese in it', () => {
  it('breaks between Chinese characters, filling each line to the width', () => {
    const lines = wrapWide('每个组件都通过API服务器监视集群并完成自己的那一部分', 10, stringWidth)
    expect(lines).toEqual(['每个组件都', '通过API服', '务器监视集', '群并完成自', '己的那一部', '分'])
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(10)
  })

  it('keeps Latin words whole and breaks at their spaces', () => {
    expect(wrapWide('Pod 会经历 restartPolicy 的变化', 12, stringWidth)).toEqual(['Pod 会经历', 'restartPolicy', '的变化'])
  })

  it('never starts a line with closing punctuation nor ends one with an opening mark', () => {
    // '一二三四，' would be 10 columns: the comma takes 四 along to the next line.
    expect(wrapWide('一二三四，五六（七八）', 8, stringWidth)).toEqual(['一二三', '四，五六', '（七八）'])
  })

  it('gives ANSI colour codes no room', () => {
    const lines = wrapWide('\x1b[1m粗体\x1b[22m文字很长', 8, stringWidth)
    expect(lines.map((l) => stringWidth(l))).toEqual([8, 4])
    expect(lines).toEqual(['\x1b[1m粗体\x1b[22m文字', '很长'])
  })

  it('knows which text needs it', () => {
    expect(hasWide('plain English')).toBe(false)
    expect(hasWide('Pod 的阶段')).toBe(true)
  })
})
