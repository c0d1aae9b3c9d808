// `kubelings` with no arguments, as rustlings starts: in a terminal a welcome screen (progress bar,
// the next exercise) and a menu that loops until Quit; anywhere else (a pipe, CI) the progress list
// and exit 0, never a prompt. Without a workspace: in a terminal it offers to make ./kubelings;
// elsewhere it says how and exits 1, as rustlings does when its exercises/ folder is missing.
import { resolve } from 'node:path'
import { allExercises, type Exercise } from '../course/course.js'
import { t, type Lang } from '../course/i18n.js'
import { isPassed, readProgress, updateProgress } from '../course/progress.js'
import { currentExercise, openCourse, type Session } from '../course/session.js'
import { sessionLang, settingsFile, updateSettings, workspaceFlag, type SessionFlags } from '../course/settings.js'
import { findWorkspace, initWorkspace, PACKAGE_ROOT, requireWorkspace } from '../course/workspace.js'
import { buildListing, renderListing } from './course-list.js'
import { progressLine } from './progress-bar.js'
import { openRunner, tell } from './runner.js'

export type MenuAction = 'lesson' | 'verify' | 'watch' | 'hint' | 'solution' | 'lang' | 'list' | 'quit'

/** Where the home screen reads and writes; the real one is a terminal, tests pass their own. */
export interface HomeIO {
  write(text: string): void
  /** A person can answer prompts (both ends a terminal, not CI). */
  interactive: boolean
  /** ANSI styles (a terminal without NO_COLOR). */
  color: boolean
  columns: number
  select(message: string, choices: { name: string; value: MenuAction }[]): Promise<MenuAction>
  confirm(message: string, defaultAnswer: boolean): Promise<boolean>
  /** Run `kubelings watch` with these arguments until it quits; its exit code. */
  watch(argv: string[]): Promise<number>
  /** Show long text (a pager in a terminal). */
  page(text: string): void
}

/** How the learner started kubelings, for the commands we suggest. */
export const binName = (env: NodeJS.ProcessEnv = process.env): string => (env.npm_command === 'exec' ? 'npx kubelings' : 'kubelings')

/** The exit code: 0 after Quit or outside a terminal, 1 without a workspace, 130 after Ctrl-C. */
export async function home(flags: SessionFlags, io: HomeIO, cwd = process.cwd()): Promise<number> {
  let lang = sessionLang(flags, cwd)
  const bin = binName()
  try {
    const named = workspaceFlag(flags)
    let workspace = findWorkspace(cwd, named)?.root
    // A workspace named with --workspace (or KUBELINGS_WORKSPACE) that is not there is a mistake to
    // report, not a reason to make one somewhere else.
    if (!workspace && named) requireWorkspace(cwd, named, lang)
    if (!workspace) {
      workspace = await offerWorkspace(flags, io, lang, bin, cwd)
      if (workspace === undefined) return io.interactive ? 0 : 1
    }
    const wsFlags = { ...flags, workspace }
    if (!io.interactive) {
      const { session, progress } = openRunner(wsFlags)
      const listing = buildListing(session.course, progress, session.lang)
      io.write(`${t(session.lang, 'home.title')}\n`)
      if (session.course.root !== PACKAGE_ROOT) io.write(`${t(session.lang, 'home.course', { dir: session.course.root })}\n`)
      io.write(`\n${renderListing(listing, session.lang, io.columns)}\n`)
      io.write(`${nextLine(session, currentExercise(session.course, progress))}\n${t(session.lang, 'home.listHint', { bin })}\n`)
      return 0
    }
    for (;;) {
      // Read afresh each time round: a `watch` or `verify` elsewhere may have moved the learner on.
      const { session, progress } = openRunner({ ...wsFlags, lang })
      const current = currentExercise(session.course, progress)
      const done = allExercises(session.course).filter((e) => isPassed(progress, e.id)).length
      io.write(welcome(session, done, current, io.columns, io.color))
      const action = await io.select(t(lang, 'menu.question'), menuChoices(session, current))
      if (action === 'quit') {
        io.write(`${t(lang, 'menu.bye', { bin })}\n`)
        return 0
      }
      lang = await act(action, session, current, io, flags)
      io.write('\n')
    }
  } catch (e) {
    // Ctrl-C (or a closed terminal) inside a prompt: leave quietly. Progress is written atomically
    // after each action, so nothing is lost.
    if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) {
      io.write(`\n${t(lang, 'menu.interrupted')}\n`)
      return 130
    }
    throw e
  }
}

/** No workspace: offer ./kubelings in a terminal; say how elsewhere. The new workspace, or undefined. */
async function offerWorkspace(flags: SessionFlags, io: HomeIO, lang: Lang, bin: string, cwd: string): Promise<string | undefined> {
  const dir = resolve(cwd, 'kubelings')
  if (!io.interactive) {
    process.stderr.write(`${t(lang, 'home.noWorkspace', { dir: resolve(cwd), bin })}\n`)
    return undefined
  }
  if (!(await io.confirm(t(lang, 'home.offerInit', { dir }), true))) {
    io.write(`${t(lang, 'home.declined', { bin })}\n`)
    return undefined
  }
  const course = flags.course ? resolve(cwd, flags.course) : undefined
  if (course) openCourse(course, lang) // a broken course is reported before anything is made
  const report = initWorkspace(dir, course ?? PACKAGE_ROOT)
  if (course) updateSettings(report.workspace, { course })
  tell(updateProgress(report.workspace, lang, () => {}).notices)
  io.write(`${t(lang, 'workspace.created', { dir })}\n`)
  if (report.copied.length) io.write(`${t(lang, 'workspace.copied', { count: report.copied.length })}\n`)
  return dir
}

function nextLine(session: Session, current: Exercise | undefined): string {
  const { lang } = session
  return current ? t(lang, 'home.next', { exercise: current.id, title: current.title[lang], lesson: current.lesson }) : t(lang, 'home.allDone')
}

/** The welcome screen: title, course (when not the shipped one), progress bar, next exercise. */
function welcome(session: Session, done: number, current: Exercise | undefined, columns: number, color: boolean): string {
  const { lang, course } = session
  const lines = [color ? `\u001b[1m${t(lang, 'home.title')}\u001b[0m` : t(lang, 'home.title')]
  if (course.root !== PACKAGE_ROOT) lines.push(t(lang, 'home.course', { dir: course.root }))
  lines.push(progressLine(done, allExercises(course).length, lang, columns), nextLine(session, current))
  return `${lines.join('\n')}\n\n`
}

function menuChoices(session: Session, current: Exercise | undefined): { name: string; value: MenuAction }[] {
  const { lang } = session
  const lesson = current?.lesson ?? session.course.lessons[0]?.id
  const choices: { name: string; value: MenuAction }[] = []
  if (lesson) choices.push({ name: t(lang, 'menu.lesson', { lesson }), value: 'lesson' })
  if (current) {
    choices.push({ name: t(lang, 'menu.verify', { exercise: current.id }), value: 'verify' })
    choices.push({ name: t(lang, 'menu.watch', { exercise: current.id }), value: 'watch' })
    choices.push({ name: t(lang, 'menu.hint'), value: 'hint' })
    choices.push({ name: t(lang, 'menu.solution'), value: 'solution' })
  }
  choices.push({ name: t(lang, 'menu.list'), value: 'list' }, { name: t(lang, 'menu.lang'), value: 'lang' }, { name: t(lang, 'menu.quit'), value: 'quit' })
  return choices
}

/** Do one menu action; the language to go on in. */
async function act(action: Exclude<MenuAction, 'quit'>, session: Session, current: Exercise | undefined, io: HomeIO, flags: SessionFlags): Promise<Lang> {
  const { lang, ws, course } = session
  switch (action) {
    case 'lesson': {
      const { pickLesson, renderLesson } = await import('./lesson.js')
      const lesson = pickLesson(course, readProgress(ws, lang).progress, current?.lesson, lang)
      io.page(await renderLesson(lesson, lang, { width: Math.min(io.columns, 100), color: io.color }))
      return lang
    }
    case 'verify': {
      if (!current) return lang
      const { verifyInWorkspace } = await import('../course/verify.js')
      const { renderVerdict } = await import('./verdict.js')
      const { verdict, notices } = verifyInWorkspace(session, current)
      tell(notices)
      io.write(`${renderVerdict(verdict, lang, { color: io.color })}\n`)
      return lang
    }
    case 'watch': {
      const argv = ['watch', '--workspace', ws.root, '--lang', lang, ...(flags.course ? ['--course', flags.course] : [])]
      await io.watch(argv)
      return lang
    }
    case 'hint': {
      if (!current) return lang
      const { revealHints, renderHints } = await import('./hints.js')
      const step = revealHints(ws, current, lang)
      tell(step.notices)
      io.write(renderHints(step, lang))
      return lang
    }
    case 'solution': {
      if (!current) return lang
      const { unlockSolution, renderSolution } = await import('./solution.js')
      const files = await unlockSolution({ session, progress: readProgress(ws, lang).progress }, current, false, io.confirm)
      if (files) io.page(renderSolution(files, lang))
      return lang
    }
    case 'list': {
      const listing = buildListing(course, readProgress(ws, lang).progress, lang)
      io.write(renderListing(listing, lang, io.columns))
      return lang
    }
    case 'lang': {
      const next: Lang = lang === 'en' ? 'zh' : 'en'
      updateSettings(ws, { lang: next })
      io.write(`${t(next, 'menu.langSaved', { file: settingsFile(ws) })}\n`)
      return next
    }
    default: {
      const never: never = action
      return never
    }
  }
}

/** The real terminal: inquirer prompts, the pager, and `kubelings watch` as a child process. */
export async function terminalIO(): Promise<HomeIO> {
  const { colorOn, interactive, terminalColumns } = await import('./runner.js')
  const { page } = await import('./pager.js')
  return {
    write: (text) => process.stdout.write(text),
    interactive: interactive(),
    color: colorOn(),
    columns: terminalColumns(),
    async select(message, choices) {
      const { select } = await import('@inquirer/prompts')
      return select({ message, choices, loop: false, pageSize: choices.length })
    },
    async confirm(message, defaultAnswer) {
      const { confirm } = await import('@inquirer/prompts')
      return confirm({ message, default: defaultAnswer })
    },
    async watch(argv) {
      const { spawn } = await import('node:child_process')
      // A child with the terminal to itself; the menu waits, then carries on where it was. A
      // Ctrl-C meant for watch must not end the menu underneath it, so the menu ignores it meanwhile.
      const ignore = (): void => {}
      process.on('SIGINT', ignore)
      const child = spawn(process.execPath, [process.argv[1], ...argv], { stdio: 'inherit' })
      return new Promise((done) =>
        child.on('exit', (code) => {
          process.off('SIGINT', ignore)
          done(code ?? 1)
        }),
      )
    },
    page: (text) => page(text),
  }
}
