// Keys for `kubelings watch`. In a terminal, stdin is put in raw mode and each key acts at once,
// as in rustlings. Without a terminal (a pipe, an editor's task runner), stdin is read line by
// line: a line's first letter is the key, an empty line re-runs, and the end of input quits, so
// `kubelings watch < /dev/null` verifies once and ends.
import { createInterface } from 'node:readline'

export type WatchKey = 'hint' | 'list' | 'next' | 'rerun' | 'quit' | 'interrupt'

/** The key a typed character stands for, if any. Enter re-runs: that is `--manual`'s whole loop. */
export function keyFor(ch: string): WatchKey | undefined {
  switch (ch) {
    case 'h': case 'H': return 'hint'
    case 'l': case 'L': return 'list'
    case 'n': case 'N': return 'next'
    case 'r': case 'R': case '\r': case '\n': return 'rerun'
    case 'q': case 'Q': case '\x04': return 'quit' // Ctrl-D quits as q does
    case '\x03': return 'interrupt' // Ctrl-C: raw mode turns it into a byte, not a signal
    default: return undefined
  }
}

export interface KeyInput {
  stop(): void
  /** True when keys come one by one (a terminal in raw mode). */
  readonly raw: boolean
}

export function readKeys(stdin: NodeJS.ReadStream, onKey: (key: WatchKey) => void, onEnd: () => void): KeyInput {
  if (stdin.isTTY) {
    stdin.setRawMode(true)
    stdin.setEncoding('utf8')
    const onData = (data: string): void => {
      // Escape sequences (arrows, function keys) are not keys of ours: skip them whole.
      for (const ch of data.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1bO./g, '')) {
        const key = keyFor(ch)
        if (key) onKey(key)
      }
    }
    stdin.on('data', onData)
    stdin.resume()
    return {
      raw: true,
      stop: () => {
        stdin.off('data', onData)
        stdin.setRawMode(false)
        stdin.pause()
      },
    }
  }
  const lines = createInterface({ input: stdin, terminal: false })
  lines.on('line', (line) => {
    const first = line.trim()[0]
    const key = first === undefined ? 'rerun' : keyFor(first)
    if (key) onKey(key)
  })
  lines.on('close', onEnd)
  return {
    raw: false,
    stop: () => {
      lines.off('close', onEnd)
      lines.close()
    },
  }
}
