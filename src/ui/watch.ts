// `kubelings watch`: rustlings' loop. Show the current exercise and its last verdict, verify again
// on every save, and on a pass say so, record it, and wait for `n` to move on (rustlings waits for
// the learner too: a pass is the moment to look at what the cluster did, not to be whisked away).
// Every input — a save, a key, a resize, the watcher failing, the end of input — becomes one
// WatchEvent, handled one at a time by one switch.
import { join } from 'node:path'
import type { Exercise } from '../course/course.js'
import { allExercises } from '../course/course.js'
import { reportFailure } from '../course/failure.js'
import { t } from '../course/i18n.js'
import { isPassed, readProgress, updateProgress, type Progress } from '../course/progress.js'
import { currentExercise, type Session } from '../course/session.js'
import type { Verdict } from '../course/verify.js'
import { silentFileEvents, SIMULATE_SILENT_ENV, watchFiles, type FileWatch, type WatchMode } from './watch-files.js'
import { readKeys, type KeyInput, type WatchKey } from './watch-keys.js'
import { revealHints } from './hints.js'
import { renderWatchScreen, type WatchView } from './watch-screen.js'

export interface WatchOptions {
  /** Verify only on Enter (or r); no file watching. */
  manual: boolean
  /** Poll the files instead of waiting for file events. */
  poll: boolean
}

export type WatchEvent =
  | { type: 'saved'; files: string[] }
  | { type: 'key'; key: WatchKey }
  | { type: 'resize' }
  | { type: 'watcher-error'; message: string }
  | { type: 'end'; reason: 'eof' | 'signal' }

/** Grading, kept behind an interface so the loop does not care how a verdict is made or drawn. */
export interface WatchGrader {
  verify(exercise: Exercise): { verdict: Verdict; notices: string[]; next?: Exercise }
  render(verdict: Verdict): string
}

export interface WatchIo {
  stdin: NodeJS.ReadStream
  stdout: NodeJS.WriteStream
  env: NodeJS.ProcessEnv
  /** How saves are noticed (tests stand in a watcher that fails). */
  watchFiles?: typeof watchFiles
}

const CLEAR = '\x1b[H\x1b[2J'
const HIDE_CURSOR = '\x1b[?25l'
const SHOW_CURSOR = '\x1b[?25h'

const terminalWidth = (out: NodeJS.WriteStream): number => (out.isTTY && out.columns ? out.columns : 80)
const terminalHeight = (out: NodeJS.WriteStream): number | undefined => (out.isTTY && out.rows ? out.rows : undefined)

/** The next exercise not passed after `from` in course order, wrapping round, never `from` itself. */
export function nextPending(all: Exercise[], progress: Progress, from: Exercise): Exercise | undefined {
  const i = all.indexOf(from)
  return [...all.slice(i + 1), ...all.slice(0, i)].find((e) => !isPassed(progress, e.id))
}

export class WatchLoop {
  readonly #session: Session
  readonly #io: WatchIo
  readonly #grader: WatchGrader
  readonly #tty: boolean
  #view: WatchView
  #files: FileWatch | undefined
  #keys: KeyInput | undefined
  #queue: Promise<void> = Promise.resolve()
  #finished = false
  #done!: (code: number) => void
  readonly #cleanup: (() => void)[] = []

  constructor(session: Session, options: WatchOptions, io: WatchIo, grader: WatchGrader) {
    this.#session = session
    this.#io = io
    this.#grader = grader
    this.#tty = Boolean(io.stdout.isTTY)
    const { progress, notices } = readProgress(session.ws, session.lang)
    this.#view = {
      course: session.course,
      progress,
      exercise: currentExercise(session.course, progress),
      hintsShown: 0,
      showList: false,
      watching: false,
      notices,
      mode: options.manual ? 'manual' : options.poll ? 'polling' : 'events',
      rawKeys: Boolean(io.stdin.isTTY),
      columns: terminalWidth(io.stdout),
      rows: terminalHeight(io.stdout),
    }
  }

  /** Run until q, Ctrl-C or the end of input; resolves with the exit code. */
  async run(): Promise<number> {
    const finished = new Promise<number>((resolve) => (this.#done = resolve))
    this.#listen()
    if (this.#tty) this.#io.stdout.write(HIDE_CURSOR)
    if (this.#tty) this.#draw() // "Verifying ..." while the first verdict is made; a pipe gets only the verdict
    this.#verify()
    // Through the queue like every event: a key pressed meanwhile waits until the files are watched.
    this.#queue = this.#queue.then(() => this.#startWatching()).catch((e: unknown) => this.#fail(e))
    return finished
  }

  #post(event: WatchEvent): void {
    this.#queue = this.#queue.then(() => this.#handle(event)).catch((e: unknown) => this.#fail(e))
  }

  async #handle(event: WatchEvent): Promise<void> {
    if (this.#finished) return
    switch (event.type) {
      case 'saved':
        if (this.#view.mode === 'manual') return
        this.#view.notices = []
        return this.#verify()
      case 'key':
        return this.#onKey(event.key)
      case 'resize':
        this.#view.columns = terminalWidth(this.#io.stdout)
        this.#view.rows = terminalHeight(this.#io.stdout)
        return this.#draw()
      case 'watcher-error':
        this.#view.modeReason = t(this.#session.lang, 'watch.watcherError', { message: event.message })
        this.#view.mode = 'polling'
        return this.#startWatching()
      case 'end':
        return this.#finish(event.reason === 'eof' ? 0 : 130)
      default: {
        const never: never = event
        throw new Error(`unknown watch event ${JSON.stringify(never)}`)
      }
    }
  }

  async #onKey(key: WatchKey): Promise<void> {
    const view = this.#view
    switch (key) {
      case 'hint':
        if (view.exercise) this.#revealHint(view.exercise)
        return this.#draw()
      case 'list':
        view.showList = !view.showList
        return this.#draw()
      case 'next':
        return this.#moveOn()
      case 'rerun':
        view.notices = []
        return this.#verify()
      case 'quit':
        return this.#finish(0)
      case 'interrupt':
        return this.#finish(130)
      default: {
        const never: never = key
        throw new Error(`unknown key ${String(never)}`)
      }
    }
  }

  /**
   * `h`: the next hint, counted in the progress file as `kubelings hint` and the menu count it, so
   * hints seen elsewhere are shown too. Once all are out, one more `h` says there are no more.
   */
  #revealHint(exercise: Exercise): void {
    const view = this.#view
    try {
      const step = revealHints(this.#session.ws, exercise, this.#session.lang)
      view.notices.push(...step.notices)
    } catch (e) {
      view.notices.push(e instanceof Error ? e.message : String(e))
    }
    this.#refreshProgress()
    const stored = view.progress.exercises[exercise.id]?.hintsShown ?? view.hintsShown + 1
    view.hintsShown = stored > view.hintsShown ? stored : exercise.hints.length + 1
  }

  /** Grade the exercise shown, record it, and draw the verdict. A file that does not parse is a verdict, not a crash. */
  #verify(): void {
    const view = this.#view
    if (!view.exercise) return this.#draw()
    try {
      const { verdict, notices, next } = this.#grader.verify(view.exercise)
      view.verdict = this.#grader.render(verdict)
      view.passed = verdict.passed
      view.next = next
      view.error = undefined
      view.notices = [...view.notices, ...notices]
    } catch (e) {
      view.error = e instanceof Error ? e.message : String(e)
      view.verdict = undefined
      view.passed = false
    }
    this.#refreshProgress()
    this.#draw()
  }

  #refreshProgress(): void {
    try {
      const read = readProgress(this.#session.ws, this.#session.lang)
      this.#view.progress = read.progress
      this.#view.notices.push(...read.notices)
    } catch (e) {
      this.#view.notices.push(e instanceof Error ? e.message : String(e))
    }
  }

  /** `n`: after a pass, the next exercise not passed; before one, skip ahead (the skip is saved as `current`). */
  async #moveOn(): Promise<void> {
    const view = this.#view
    const lang = this.#session.lang
    if (!view.exercise) return this.#draw()
    this.#refreshProgress()
    const from = view.exercise
    const target = nextPending(allExercises(this.#session.course), view.progress, from)
    const wasPassed = isPassed(view.progress, from.id)
    if (!target && !wasPassed) {
      view.notices = [t(lang, 'watch.noOther', { exercise: from.id })]
      return this.#draw()
    }
    updateProgress(this.#session.ws, lang, (p) => {
      p.current = target?.id
    })
    Object.assign(view, { exercise: target, verdict: undefined, passed: false, next: undefined, error: undefined, hintsShown: 0, showList: false })
    view.notices = target && !wasPassed ? [t(lang, 'watch.skipped', { exercise: target.id, previous: from.id })] : []
    this.#verify()
    await this.#startWatching()
  }

  /** Decide how saves are noticed (once), then watch the shown exercise's files. */
  async #startWatching(): Promise<void> {
    await this.#files?.close()
    this.#files = undefined
    const view = this.#view
    view.watching = false
    if (!view.exercise || this.#finished) return
    if (view.mode === 'manual') {
      view.watching = true // Enter is all it waits for
      return this.#draw()
    }
    const simulateSilent = this.#io.env[SIMULATE_SILENT_ENV] === '1'
    if (view.mode === 'events' && view.modeReason === undefined) {
      // Once per session: where file events never arrive, say so and poll instead.
      const silent = await silentFileEvents(this.#session.ws, this.#io.env)
      if (silent) Object.assign(view, { mode: 'polling', modeReason: t(this.#session.lang, `watch.silent.${silent.kind}`, silent) })
    }
    const root = this.#session.ws.root
    this.#files = await (this.#io.watchFiles ?? watchFiles)({
      files: view.exercise.files.map((f) => join(root, ...f.split('/'))),
      polling: view.mode === 'polling',
      simulateSilent,
      onSaved: (files) => this.#post({ type: 'saved', files }),
      onError: (e) => this.#post({ type: 'watcher-error', message: e.message }),
    })
    view.watching = true
    if (this.#finished) await this.#files.close()
    else this.#draw()
  }

  #draw(): void {
    if (this.#finished) return
    const screen = renderWatchScreen(this.#view, this.#session.lang)
    this.#io.stdout.write(this.#tty ? `${CLEAR}${screen}` : `${screen}\n`)
  }

  #listen(): void {
    this.#keys = readKeys(
      this.#io.stdin,
      (key) => this.#post({ type: 'key', key }),
      () => this.#post({ type: 'end', reason: 'eof' }),
    )
    const onSignal = (): void => this.#post({ type: 'end', reason: 'signal' })
    const onResize = (): void => this.#post({ type: 'resize' })
    // The reader went away (a closed pipe): nobody is watching, so stop as at the end of input.
    // It stays attached after the end, so the goodbye line cannot crash on the closed pipe either.
    const onOutputError = (): void => this.#post({ type: 'end', reason: 'eof' })
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    this.#io.stdout.on('resize', onResize)
    this.#io.stdout.on('error', onOutputError)
    // Whatever happens, give the learner their terminal back as it was.
    const restore = (): void => {
      if (this.#tty) this.#io.stdout.write(SHOW_CURSOR)
    }
    process.on('exit', restore)
    this.#cleanup.push(
      () => process.off('SIGINT', onSignal),
      () => process.off('SIGTERM', onSignal),
      () => this.#io.stdout.off('resize', onResize),
      () => process.off('exit', restore),
      restore,
    )
  }

  async #finish(code: number): Promise<void> {
    if (this.#finished) return
    this.#finished = true
    this.#keys?.stop()
    await this.#files?.close()
    for (const undo of this.#cleanup) undo()
    if (code === 0 || code === 130) this.#io.stdout.write(`${t(this.#session.lang, code === 0 ? 'watch.bye' : 'watch.interrupted')}\n`)
    this.#done(code)
  }

  /** A bug in the loop itself: leave cleanly, then report it as every command does (exit 70). */
  #fail(e: unknown): void {
    const code = reportFailure(e, this.#session.lang)
    void this.#finish(code)
  }
}

export async function runWatch(session: Session, options: WatchOptions, grader: WatchGrader, io: WatchIo = { stdin: process.stdin, stdout: process.stdout, env: process.env }): Promise<number> {
  return new WatchLoop(session, options, io, grader).run()
}
