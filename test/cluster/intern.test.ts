import { describe, expect, it } from 'vitest'
import { Interner } from '../../src/cluster/intern.js'
import { flat } from '../../src/cluster/flat-string.js'

describe('Interner', () => {
  it('gives the first copy of a text for every later equal text, and starts again when full', () => {
    const texts = new Interner(2)
    const a1 = texts.intern(['Started container', 'main'].join(' '))
    expect(texts.intern(['Started', 'container main'].join(' '))).toBe(a1)
    expect(texts.intern('Pulling image "nginx:1.27"')).toBe('Pulling image "nginx:1.27"')
    // Full: the table starts again, and the text is the same.
    expect(texts.intern('Created container: main')).toBe('Created container: main')
    expect(texts.intern(['Started container', 'main'].join(' '))).toBe('Started container main')
  })

  it('flat keeps the text of a string made of pieces', () => {
    let s = ''
    for (let i = 0; i < 8; i++) s += (0x1234abcd + i).toString(16)
    expect(flat(s)).toBe('1234abcd1234abce1234abcf1234abd01234abd11234abd21234abd31234abd4')
  })
})
