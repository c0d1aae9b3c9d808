// A pseudo-terminal for tests: run a command as if a learner typed it in a terminal, press keys,
// and read what the screen shows. No native module: a small python3 relay (its `pty` and `termios`
// modules, always present with python3) opens the terminal, sets its size before the program
// starts, and copies bytes both ways. `script -qfec` from util-linux was tried first: it works
// with no stdin, but it leaves the window size at 0x0 and has no way to set it before the program
// reads it, so wrapping and layout could not be tested.
//
// API
//   const term = spawnKubelings(['watch'], { cwd: ws, columns: 100, rows: 30, env: { LANG: 'C.UTF-8' } })
//   await term.waitFor('Exercise')          // text (or RegExp) anywhere in the output so far, ANSI removed
//   const mark = term.mark()                // a point in the output ...
//   term.press('h')                         // keys: letters, KEY.enter ('\r'), KEY.down, KEY.ctrlC ...
//   await term.waitFor(/Hint 1/, { after: mark }) // ... only output written after that point counts
//   await term.waitFor('a long sentence', { flat: true }) // across the program's own line wrapping
//   term.screen()                           // what the terminal shows now: rows of text, cursor moves,
//                                           // clears and wide (CJK) characters applied, trailing blanks cut
//   term.output()                           // everything written so far, ANSI removed, \r\n → \n
//   await term.exit()                       // { code, signal }: resolves when the program ends
//   term.resize(60, 20)                     // a new window size (the program gets SIGWINCH)
//   term.kill()                             // ends it (SIGTERM to its session), for cleanup in afterEach
//
// Notes
// - Wait for a prompt before pressing keys: until the program puts the terminal in raw mode, the
//   terminal is line-buffered and echoes, so an early key is held back until Enter.
// - Every wait has a timeout (default 10 s) and fails with the screen and the output so far; a
//   wait also fails at once when the program ends without showing the text.
// - `spawnPty(['node', ...])` runs any command; `spawnKubelings(argv)` runs `node bin/run.js argv`
//   (build `dist/` first). The environment is the test's own plus `env` (undefined removes a
//   variable), with TERM=xterm-256color, COLUMNS and LINES matching the window size.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { fileURLToPath } from 'node:url'
import stringWidth from 'string-width'

export const KEY = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  escape: '\x1b',
  backspace: '\x7f',
  tab: '\t',
  space: ' ',
  ctrlC: '\x03',
  ctrlD: '\x04',
} as const

export interface PtyOptions {
  cwd?: string
  /** Added to (or, with undefined, removed from) the test process's environment. */
  env?: Record<string, string | undefined>
  columns?: number
  rows?: number
}

export interface WaitOptions {
  /** Milliseconds before the wait fails (default 10,000). */
  timeout?: number
  /** Only output after this mark counts (see `mark()`). */
  after?: number
  /**
   * Match across line breaks: whitespace is ignored, in the output and in a string pattern alike
   * (for text the program wrapped to the window, between words or between Chinese characters).
   */
  flat?: boolean
}

export interface PtyExit {
  /** The program's exit code (128 + N when signal N ended it). */
  code: number | null
  signal: NodeJS.Signals | null
}

export interface Pty {
  /** Write raw bytes to the terminal, as typing would. */
  write(data: string): void
  /** Type keys one after another (each a KEY value, a letter, or any string). */
  press(...keys: string[]): void
  /** Resolve with the output (ANSI removed) once it contains `pattern`. */
  waitFor(pattern: string | RegExp, options?: WaitOptions): Promise<string>
  /** A point in the output, for `waitFor(..., { after })` and `output(mark)`. */
  mark(): number
  /** Everything written so far (or since `from`), ANSI removed, line ends as \n. */
  output(from?: number): string
  /** Raw bytes written so far, escapes included. */
  raw(): string
  /** The terminal's screen now, one string per row, trailing blanks and empty rows cut. */
  screen(): string
  /** Change the window size, as a learner dragging the window's corner does (SIGWINCH). */
  resize(columns: number, rows: number): void
  /** Close the terminal's input from the test's side (the terminal itself stays open). */
  endInput(): void
  exit(): Promise<PtyExit>
  kill(): void
}

// The relay: open a terminal of the given size, run the command as its session leader, copy the
// test's stdin to it and its output to stdout, and exit with the command's status. Stdin's end
// does not close the terminal (the program keeps running until it decides to stop). A line
// `COLUMNS ROWS` on fd 3 resizes the terminal; the kernel then sends the program SIGWINCH.
const RELAY = String.raw`
import os, sys, select, struct, fcntl, termios, signal
cols, rows = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
pid = os.fork()
if pid == 0:
    os.close(master)
    os.close(3)
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    if slave > 2:
        os.close(slave)
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
os.close(slave)
def stop(signum, frame):
    try:
        os.killpg(pid, signal.SIGTERM)
    except OSError:
        pass
signal.signal(signal.SIGTERM, stop)
reading = True
control = 3
while True:
    fds = [master] + ([0] if reading else []) + ([control] if control is not None else [])
    try:
        ready, _, _ = select.select(fds, [], [])
    except InterruptedError:
        continue
    if control is not None and control in ready:
        line = os.read(control, 64)
        if line:
            c, r = line.split()[-2:]
            fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', int(r), int(c), 0, 0))
        else:
            control = None
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if reading and 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(master, data)
        else:
            reading = False
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(128 - code if code < 0 else code)
`

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/** Run `argv` (a command and its arguments) in a new pseudo-terminal. */
export function spawnPty(argv: string[], options: PtyOptions = {}): Pty {
  const columns = options.columns ?? 100
  const rows = options.rows ?? 30
  const env: Record<string, string> = {}
  const merged = { ...process.env, TERM: 'xterm-256color', COLUMNS: String(columns), LINES: String(rows), ...options.env }
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v
  const child = spawn(PYTHON, ['-c', RELAY, String(columns), String(rows), ...argv], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] })
  return new PtyProcess(child, columns, rows)
}

/** Run `node bin/run.js ...argv` (kubelings as installed) in a new pseudo-terminal. */
export function spawnKubelings(argv: string[], options: PtyOptions = {}): Pty {
  return spawnPty([process.execPath, BIN, ...argv], options)
}

class PtyProcess implements Pty {
  #raw = ''
  #text = ''
  readonly #screen: Screen
  readonly #decoder = new StringDecoder('utf8')
  readonly #listeners = new Set<() => void>()
  #exit: PtyExit | undefined
  readonly #exited: Promise<PtyExit>

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    columns: number,
    rows: number,
  ) {
    this.#screen = new Screen(columns, rows)
    child.stdout.on('data', (chunk: Buffer) => this.#take(this.#decoder.write(chunk)))
    child.stderr.on('data', (chunk: Buffer) => this.#take(chunk.toString('utf8'))) // the relay's own errors
    child.stdin.on('error', () => undefined) // writing after the end is the test's mistake, reported by its wait
    this.#exited = new Promise((done) => {
      const ended = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.#exit) return
        this.#take(this.#decoder.end(), true)
        this.#exit = { code, signal }
        done(this.#exit)
        this.#notify()
      }
      child.on('close', ended)
      // No python3 here: say so in the output, where a failing wait shows it.
      child.on('error', (e) => {
        this.#take(`pty relay (${PYTHON}) could not start: ${e.message}\n`)
        ended(null, null)
      })
    })
    ;(child.stdio[3] as NodeJS.WritableStream | null)?.on('error', () => undefined)
  }

  #pending = ''

  #take(text: string, final = false): void {
    // An escape sequence (or \r\n) cut between two reads waits for its end, so it is never half printed.
    text = this.#pending + text
    const cut = final ? -1 : text.search(PARTIAL_ESCAPE)
    this.#pending = cut < 0 ? '' : text.slice(cut)
    if (cut >= 0) text = text.slice(0, cut)
    if (!text) return
    this.#raw += text
    // Read on from where the last read ended, so a \r starting this read after a line end is one.
    const after = this.#text.endsWith('\n') ? '\n' : ''
    this.#text += plain(after + text).slice(after.length)
    this.#screen.write(text)
    this.#notify()
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener()
  }

  write(data: string): void {
    if (!this.#exit) this.child.stdin.write(data)
  }

  press(...keys: string[]): void {
    for (const key of keys) this.write(key)
  }

  mark(): number {
    return this.#text.length
  }

  output(from = 0): string {
    return this.#text.slice(from)
  }

  raw(): string {
    return this.#raw
  }

  screen(): string {
    return this.#screen.text()
  }

  waitFor(pattern: string | RegExp, options: WaitOptions = {}): Promise<string> {
    const from = options.after ?? 0
    const timeout = options.timeout ?? 10_000
    const wanted = typeof pattern === 'string' && options.flat ? flat(pattern) : pattern
    const found = (): boolean => {
      const text = options.flat ? flat(this.#text.slice(from)) : this.#text.slice(from)
      return typeof wanted === 'string' ? text.includes(wanted) : wanted.test(text)
    }
    return new Promise((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer)
        this.#listeners.delete(check)
        if (error) reject(error)
        else resolve(this.#text.slice(from))
      }
      const check = (): void => {
        if (found()) finish()
        else if (this.#exit) finish(this.#failure(pattern, `the program ended (exit ${this.#exit.code ?? this.#exit.signal})`))
      }
      const timer = setTimeout(() => finish(this.#failure(pattern, `not seen within ${timeout} ms`)), timeout)
      this.#listeners.add(check)
      check()
    })
  }

  #failure(pattern: string | RegExp, why: string): Error {
    return new Error(`waiting for ${String(pattern)}: ${why}.\n--- screen ---\n${this.screen()}\n--- output ---\n${this.#text}`)
  }

  resize(columns: number, rows: number): void {
    if (this.#exit) return
    this.#screen.resize(columns, rows)
    ;(this.child.stdio[3] as NodeJS.WritableStream).write(`${columns} ${rows}\n`)
  }

  endInput(): void {
    this.child.stdin.end()
  }

  exit(): Promise<PtyExit> {
    return this.#exited
  }

  kill(): void {
    if (!this.#exit) this.child.kill('SIGTERM')
  }
}

/** Text without whitespace (line breaks included), to compare text whatever its wrapping. */
export function flat(text: string): string {
  return text.replace(/\s+/g, '')
}

/** Text without escape sequences; \r\n becomes \n, and a \r inside a line (a redraw) a line end. */
export function plain(text: string): string {
  return text
    .replace(ESCAPES, '')
    .replace(/\r+\n/g, '\n')
    .replace(/\n\r+/g, '\n') // a carriage return at a line's start moves nothing
    .replace(/\r+/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and two-byte escapes (ESC 7, ESC =, ...).
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_=>78]/g
// An escape sequence, or a carriage return whose line feed may come in the next read.
const PARTIAL_ESCAPE = /(?:\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*)?|\r)$/
const TOKEN = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_=>78]|[\s\S]/gu

/**
 * Just enough of a terminal to know what a learner sees: printing with wide characters and
 * automatic wrap, line feeds that scroll, cursor moves (CUU/CUD/CUF/CUB/CHA/CUP), erase in line
 * and in display. Colours and modes are read and ignored.
 */
class Screen {
  #cells: string[][]
  #row = 0
  #col = 0

  constructor(
    public columns: number,
    public rows: number,
  ) {
    this.#cells = Array.from({ length: rows }, () => this.#blank())
  }

  /** A new window size: rows are cut or added at the bottom, as most terminals do. */
  resize(columns: number, rows: number): void {
    this.#cells = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => this.#cells[r]?.[c] ?? ' '))
    this.columns = columns
    this.rows = rows
    this.#row = Math.min(this.#row, rows - 1)
    this.#col = Math.min(this.#col, columns - 1)
  }

  #blank(): string[] {
    return Array.from({ length: this.columns }, () => ' ')
  }

  write(text: string): void {
    for (const m of text.matchAll(TOKEN)) {
      if (m[2] !== undefined) this.#csi(m[1], m[2])
      else if (m[0].length === 1 || !m[0].startsWith('\x1b')) this.#char(m[0])
    }
  }

  #char(ch: string): void {
    if (ch === '\n') return this.#lineFeed()
    if (ch === '\r') return void (this.#col = 0)
    if (ch === '\b') return void (this.#col = Math.max(0, this.#col - 1))
    if (ch === '\t') return void (this.#col = Math.min(this.columns - 1, (Math.floor(this.#col / 8) + 1) * 8))
    if (ch < ' ' || ch === '\x7f') return
    const width = stringWidth(ch)
    if (width === 0) return
    if (this.#col + width > this.columns) {
      this.#col = 0
      this.#lineFeed()
    }
    this.#cells[this.#row][this.#col] = ch
    if (width === 2 && this.#col + 1 < this.columns) this.#cells[this.#row][this.#col + 1] = ''
    this.#col += width
  }

  #lineFeed(): void {
    if (this.#row < this.rows - 1) this.#row++
    else {
      this.#cells.shift()
      this.#cells.push(this.#blank())
    }
  }

  #csi(params: string, final: string): void {
    const args = params.replace(/^[?>=]/, '').split(';').map((p) => (p === '' ? undefined : Number(p)))
    const n = args[0] ?? 1
    const clampRow = (r: number): number => Math.max(0, Math.min(this.rows - 1, r))
    const clampCol = (c: number): number => Math.max(0, Math.min(this.columns - 1, c))
    switch (final) {
      case 'A': this.#row = clampRow(this.#row - n); break
      case 'B': this.#row = clampRow(this.#row + n); break
      case 'C': this.#col = clampCol(this.#col + n); break
      case 'D': this.#col = clampCol(this.#col - n); break
      case 'E': this.#row = clampRow(this.#row + n); this.#col = 0; break
      case 'F': this.#row = clampRow(this.#row - n); this.#col = 0; break
      case 'G': this.#col = clampCol(n - 1); break
      case 'H': case 'f': this.#row = clampRow((args[0] ?? 1) - 1); this.#col = clampCol((args[1] ?? 1) - 1); break
      case 'J': this.#eraseDisplay(args[0] ?? 0); break
      case 'K': this.#eraseLine(args[0] ?? 0); break
      default: break // colours (m), modes (h/l), scroll regions: no effect on the text
    }
  }

  #eraseLine(mode: number): void {
    const line = this.#cells[this.#row]
    const [from, to] = mode === 0 ? [this.#col, this.columns] : mode === 1 ? [0, this.#col + 1] : [0, this.columns]
    for (let c = from; c < to; c++) line[c] = ' '
  }

  #eraseDisplay(mode: number): void {
    if (mode === 0) {
      this.#eraseLine(0)
      for (let r = this.#row + 1; r < this.rows; r++) this.#cells[r] = this.#blank()
    } else if (mode === 1) {
      this.#eraseLine(1)
      for (let r = 0; r < this.#row; r++) this.#cells[r] = this.#blank()
    } else {
      this.#cells = Array.from({ length: this.rows }, () => this.#blank())
    }
  }

  text(): string {
    const lines = this.#cells.map((cells) => cells.join('').replace(/ +$/, ''))
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
    return lines.join('\n')
  }
}
