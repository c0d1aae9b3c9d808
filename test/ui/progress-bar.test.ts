import { describe, expect, it } from 'vitest'
import { progressBar, progressLine } from '../../src/ui/progress-bar.js'

describe('the progress bar', () => {
  it.each([
    [0, 24, '[----------]'],
    [7, 24, '[#>--------]'],
    [12, 24, '[####>-----]'],
    [23, 24, '[########>-]'],
    [24, 24, '[##########]'],
    [0, 0, '[----------]'],
  ])('%i of %i is %s', (done, total, bar) => {
    expect(progressBar(done, total, 12)).toBe(bar)
  })

  it('says how many exercises, in both languages', () => {
    expect(progressLine(7, 24, 'en', 42)).toBe('Progress: [#>--------]  7/24 exercises')
    expect(progressLine(7, 24, 'zh', 42)).toBe('进度：[#>--------]  7/24 个练习')
  })
})
