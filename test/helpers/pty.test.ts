// The pseudo-terminal helper itself: a program in it sees a terminal of the asked size, keys
// reach it in raw mode, Ctrl-C interrupts it, and the screen applies redraws as a terminal would.
import { afterEach, describe, expect, it } from 'vitest'
import { KEY, plain, spawnPty, type Pty } from './pty.js'

const running: Pty[] = []
function node(script: string, options: Parameters<typeof spawnPty>[1] = {}): Pty {
  const term = spawnPty([process.execPath, '-e', script], options)
  running.push(term)
  return term
}
afterEach(() => {
  for (const term of running.splice(0)) term.kill()
})

describe('spawnPty', () => {
  it('gives the program a terminal of the asked size on every stream', async () => {
    const term = node('console.log(JSON.stringify([process.stdin.isTTY, process.stdout.isTTY, process.stderr.isTTY, process.stdout.columns, process.stdout.rows]))', { columns: 72, rows: 20 })
    await term.waitFor(']')
    expect(term.output().trim()).toBe('[true,true,true,72,20]')
    expect(await term.exit()).toEqual({ code: 0, signal: null })
  })

  it('resizes the window: the program gets SIGWINCH and sees the new size', async () => {
    const term = node(`
      console.log('size ' + process.stdout.columns + 'x' + process.stdout.rows)
      process.stdout.on('resize', () => { console.log('size ' + process.stdout.columns + 'x' + process.stdout.rows); process.exit(0) })
      setTimeout(() => {}, 10000)`, { columns: 80, rows: 24 })
    await term.waitFor('size 80x24')
    term.resize(50, 10)
    await term.waitFor('size 50x10')
    expect((await term.exit()).code).toBe(0)
  })

  it('passes the exit code through', async () => {
    const term = node('process.exitCode = 3')
    expect((await term.exit()).code).toBe(3)
  })

  it('delivers keys to a program in raw mode, one by one, arrows included', async () => {
    const term = node(`
      process.stdin.setRawMode(true)
      console.log('ready')
      process.stdin.on('data', (d) => {
        console.log('got ' + JSON.stringify(d.toString()))
        if (d.toString() === 'q') process.exit(0)
      })`)
    await term.waitFor('ready')
    let mark = term.mark()
    term.press(KEY.down)
    await term.waitFor('got "\\u001b[B"', { after: mark })
    mark = term.mark()
    term.press('h')
    await term.waitFor('got "h"', { after: mark })
    term.press('q')
    expect(await term.exit()).toEqual({ code: 0, signal: null })
  })

  it('Ctrl-C in a cooked terminal interrupts the program (SIGINT, exit 130)', async () => {
    const term = node(`console.log('waiting'); setTimeout(() => {}, 60000)`)
    await term.waitFor('waiting')
    term.press(KEY.ctrlC)
    expect((await term.exit()).code).toBe(130)
  })

  it('keeps the terminal open after the test writes nothing (no stdin end kills the program)', async () => {
    const term = node(`setTimeout(() => console.log('still here'), 300)`)
    term.endInput()
    await term.waitFor('still here')
    expect((await term.exit()).code).toBe(0)
  })

  it('shows the screen after redraws: cursor up, erase line, wide characters', async () => {
    const term = node(`
      process.stdout.write('line one\\nold text\\n')
      process.stdout.write('\\x1b[1A\\r\\x1b[2Knew 文本 \\x1b[32mgreen\\x1b[39m\\n')`, { columns: 40, rows: 5 })
    await term.exit()
    expect(term.screen()).toBe('line one\nnew 文本 green')
    expect(term.output()).toBe('line one\nold text\nnew 文本 green\n')
  })

  it('wraps long lines at the window width and scrolls past the last row', async () => {
    const term = node(`process.stdout.write('abcdefghij\\n1\\n2\\n3')`, { columns: 4, rows: 3 })
    await term.exit()
    expect(term.screen()).toBe('1\n2\n3')
  })

  it('a wait fails with the screen when the program ends without the text', async () => {
    const term = node(`console.log('something else')`)
    await expect(term.waitFor('never')).rejects.toThrow(/waiting for never: the program ended \(exit 0\)[\s\S]*something else/)
  })

  it('a flat wait finds text the program wrapped, between words or Chinese characters', async () => {
    const term = node(`console.log('a long\\nsentence 很\\n长')`)
    await term.waitFor('a long sentence 很长', { flat: true })
    await expect(term.waitFor('a long sentence', { timeout: 200 })).rejects.toThrow()
  })

  it('a line end cut between two reads is one line end', async () => {
    const term = node(`process.stdout.write('one\\r'); setTimeout(() => process.stdout.write('\\ntwo\\n'), 100)`)
    await term.exit()
    expect(term.output()).toBe('one\ntwo\n')
  })

  it('a wait fails after its timeout', async () => {
    const term = node(`setTimeout(() => {}, 5000)`)
    await expect(term.waitFor('never', { timeout: 200 })).rejects.toThrow('not seen within 200 ms')
  })
})

describe('plain', () => {
  it('removes colours, cursor moves and titles, and turns carriage returns into line ends', () => {
    expect(plain('\x1b[1m\x1b[32m✓\x1b[39m\x1b[22m ok\r\n\x1b]0;title\x07x\ry')).toBe('✓ ok\nx\ny')
  })

  it('adds no blank line for a carriage return next to a line feed (a shell echoing what was typed)', () => {
    expect(plain('# hostname\r\r\n\rweb\r\n# ')).toBe('# hostname\nweb\n# ')
  })
})
