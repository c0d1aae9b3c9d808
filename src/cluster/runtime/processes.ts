// The processes a container's plan leaves behind at a given moment: its main process (the program its
// shell exec'd, once it has), and the children it started with `&`, running, gone, or zombies.
//
// Linux rules kept here:
// - A child that exits stays a zombie (state Z, empty /proc/PID/cmdline) until its parent wait()s for it.
//   A zombie child of a live parent stays a zombie whatever else runs in the PID namespace.
// - An orphan (its parent exited first, as the subshell of `(sleep 2 &)` does at once) is re-parented to
//   the init of its PID namespace: the container's PID 1, or, with shareProcessNamespace, the pod's
//   /pause, which reaps every child (build/pause/linux/pause.c: a SIGCHLD handler looping on waitpid).
// - exec keeps the PID and the children: after `sleep 2 & exec sleep 3600` the sleep 2 is a child of
//   `sleep 3600`, which never waits, so it becomes a zombie when it exits.
// - Who reaps children it did not start (see REAPERS): a shell while it waits for a foreground command or
//   in `wait` (busybox ash and dash wait with waitpid(-1)); nginx's master (ngx_process_get_status, called
//   on every SIGCHLD, loops on waitpid(-1, WNOHANG)); httpd's parent (ap_wait_or_timeout ->
//   apr_proc_wait_all_procs, waitpid(-1)); dumb-init and pause, which exist for it. sleep, cat and tail
//   never wait; nor do Go programs for children they did not start; redis only reaps while it has a fork
//   of its own (serverCron calls checkChildrenDone only then); stress is not checked and counted as not.
import type { Millis } from '../clock.js'

/** The program the main process became by exec, and from when. */
export interface ExecStep {
  readonly at: Millis
  readonly argv: readonly string[]
  /** Whether that program wait()s for children it did not start (REAPERS). */
  readonly reaps: boolean
  /** An init (dumb-init): it stays the main process whatever it runs as its child. */
  readonly init?: true
}

/** A process started with `&`. */
export interface BackgroundJob {
  readonly argv: readonly string[]
  readonly at: Millis
  /** When it exits; undefined: it runs for ever. */
  readonly exitAt?: Millis
  /**
   * Its parent when it exits: the main process (`&` in the shell itself), or the PID namespace's init
   * when the subshell that started it had exited by then (an orphan).
   */
  readonly parent: 'main' | 'init'
  /** How many processes the shell forked before it (subshells, earlier jobs): PIDs count them. */
  readonly forks: number
  /** The shell's `wait` returned on its exit: reaped then, whatever the shell exec'd afterwards. */
  readonly waited?: true
}

/** Programs that reap any child (see the header for the source of each). */
const REAPERS = new Set(['sh', 'ash', 'bash', 'dash', 'nginx', 'nginx-debug', 'httpd', 'dumb-init', 'pause'])

export const reapsChildren = (program: string): boolean => REAPERS.has(program.split('/').pop() ?? program)

/** What `ps` can see of a process started with `&`. */
export interface VisibleJob {
  readonly command: string
  readonly zombie: boolean
  readonly forks: number
}

export interface PlanProcesses {
  readonly exec?: ExecStep
  readonly argv: readonly string[]
  readonly jobs?: readonly BackgroundJob[]
}

/** The main process's command line `at` ms after the container started: the exec'd program's, once it is. */
export function mainCommandAt(plan: PlanProcesses, at: Millis): readonly string[] {
  return plan.exec && plan.exec.at <= at ? plan.exec.argv : plan.argv
}

/** Whether the main process reaps a child exiting at `t`: the shell itself does until it exec's. */
function mainReapsAt(plan: PlanProcesses, t: Millis): boolean {
  return plan.exec && plan.exec.at <= t ? plan.exec.reaps : true
}

/** How many PIDs the shell's forks had taken `at` ms after the start (jobs gone since included), as far as jobs show. */
export function forksBy(plan: PlanProcesses, at: Millis): number {
  return Math.max(0, ...(plan.jobs ?? []).filter((j) => j.at <= at).map((j) => j.forks + 1))
}

/**
 * The background jobs `ps` sees `at` ms after the container started. `init` is the PID namespace's init:
 * the container's own main process, or the pod's pause with shareProcessNamespace.
 */
export function jobsAt(plan: PlanProcesses, at: Millis, init: 'main' | 'pause'): VisibleJob[] {
  const out: VisibleJob[] = []
  for (const job of plan.jobs ?? []) {
    if (job.at > at) continue
    if (job.exitAt === undefined || job.exitAt > at) {
      out.push({ command: job.argv.join(' '), zombie: false, forks: job.forks })
      continue
    }
    const reaped = job.waited || (job.parent === 'init' && init === 'pause') || mainReapsAt(plan, job.exitAt)
    // A zombie has no command line left: ps shows its name (comm, 15 characters at most) in brackets.
    if (!reaped) out.push({ command: `[${(job.argv[0] ?? '').split('/').pop()!.slice(0, 15)}]`, zombie: true, forks: job.forks })
  }
  return out
}
