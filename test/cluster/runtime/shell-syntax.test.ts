import { describe, expect, it } from 'vitest'
import { parseScript } from '../../../src/cluster/runtime/shell-syntax.js'

describe('the shell grammar: & and ( )', () => {
  it('parses `cmd &` as an asynchronous list and `( ... )` as a subshell', () => {
    const word = (text: string) => [{ text, quote: 'none' }]
    expect(parseScript('sleep 2 & exec sleep 3600')).toEqual([
      { first: { kind: 'simple', words: [word('sleep'), word('2')] }, rest: [], background: true },
      { first: { kind: 'simple', words: [word('exec'), word('sleep'), word('3600')] }, rest: [] },
    ])
    expect(parseScript('(sleep 2 &); exec sleep 3600')[0]).toEqual({
      first: { kind: 'subshell', body: [{ first: { kind: 'simple', words: [word('sleep'), word('2')] }, rest: [], background: true }] },
      rest: [],
    })
  })

  it('still refuses pipes, and a subshell left open', () => {
    expect(() => parseScript('ps | grep sleep')).toThrow('"|" is not modelled')
    expect(() => parseScript('(sleep 2')).toThrow('expecting ")"')
  })
})
