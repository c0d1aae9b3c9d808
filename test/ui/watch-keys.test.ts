import { describe, expect, it } from 'vitest'
import { keyFor } from '../../src/ui/watch-keys.js'

describe('keyFor', () => {
  it.each([
    ['h', 'hint'], ['H', 'hint'], ['l', 'list'], ['n', 'next'], ['r', 'rerun'], ['\r', 'rerun'], ['\n', 'rerun'],
    ['q', 'quit'], ['Q', 'quit'], ['\x04', 'quit'], ['\x03', 'interrupt'], ['x', undefined], [' ', undefined], ['\x1b', undefined],
  ])('%j is %s', (ch, key) => {
    expect(keyFor(ch)).toBe(key)
  })
})
