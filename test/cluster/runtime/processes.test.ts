import { describe, expect, it } from 'vitest'
import { lookupImage } from '../../../src/cluster/runtime/images.js'
import { jobsAt, mainCommandAt } from '../../../src/cluster/runtime/processes.js'
import { planContainer, type ProcessPlan } from '../../../src/cluster/runtime/shell.js'

function shellPlan(script: string, ref = 'busybox:1.37'): ProcessPlan {
  const image = lookupImage(ref)
  if (!image.ok) throw new Error(image.error.message)
  const plan = planContainer({ image: image.value, spec: { command: ['sh', '-c', script] } })
  if (plan.kind !== 'process') throw new Error(`expected a process, got ${plan.kind}`)
  return plan
}

describe('what a shell leaves behind: its exec and its jobs', () => {
  it('sleep 2 & exec sleep 3600: the job stays a child of the exec\'d sleep', () => {
    const plan = shellPlan('sleep 2 & exec sleep 3600')
    expect(plan.exec).toEqual({ at: 0, argv: ['sleep', '3600'], reaps: false })
    expect(plan.jobs).toEqual([{ argv: ['sleep', '2'], at: 0, exitAt: 2000, parent: 'main', forks: 0 }])
    expect(plan.exit).toEqual({ at: 3_600_000, code: 0 })
  })

  it('(sleep 2 &): the subshell returns at once, so its job is an orphan of the namespace init', () => {
    expect(shellPlan('(sleep 2 &); exec sleep 3600').jobs).toEqual([{ argv: ['sleep', '2'], at: 0, exitAt: 2000, parent: 'init', forks: 1 }])
  })

  it('a job the subshell waited for is reaped by the subshell and leaves nothing', () => {
    expect(shellPlan('(sleep 2 & wait); exec sleep 3600').jobs).toBeUndefined()
  })

  it('wait: the shell waits for its jobs (2 s), reaps them, then exec\'s its last command', () => {
    const plan = shellPlan('sleep 2 & wait; sleep 3600')
    expect(plan.exec).toEqual({ at: 2000, argv: ['sleep', '3600'], reaps: false })
    expect(plan.jobs).toEqual([{ argv: ['sleep', '2'], at: 0, exitAt: 2000, parent: 'main', forks: 0, waited: true }])
  })

  it('the last command is exec\'d even without `exec` (busybox ash with no trap set)', () => {
    expect(mainCommandAt(shellPlan('echo hi; sleep 3600'), 0)).toEqual(['sleep', '3600'])
    expect(mainCommandAt(shellPlan("trap 'exit 0' TERM; sleep 3600"), 0)).toEqual(['sh', '-c', "trap 'exit 0' TERM; sleep 3600"])
    expect(mainCommandAt(shellPlan("trap 'exit 0' TERM; exec sleep 3600"), 0)).toEqual(['sleep', '3600'])
  })

  it.each([
    { name: 'running', script: 'sleep 2 & exec sleep 3600', at: 1999, init: 'main' as const, jobs: [{ command: 'sleep 2', zombie: false, forks: 0 }] },
    { name: 'a zombie of the exec\'d sleep, which never waits', script: 'sleep 2 & exec sleep 3600', at: 2000, init: 'main' as const, jobs: [{ command: '[sleep]', zombie: true, forks: 0 }] },
    { name: 'still a zombie with /pause as init: its parent is alive', script: 'sleep 2 & exec sleep 3600', at: 60_000, init: 'pause' as const, jobs: [{ command: '[sleep]', zombie: true, forks: 0 }] },
    { name: 'an orphan zombie of PID 1 sleep', script: '(sleep 2 &); exec sleep 3600', at: 60_000, init: 'main' as const, jobs: [{ command: '[sleep]', zombie: true, forks: 1 }] },
    { name: 'an orphan /pause reaped', script: '(sleep 2 &); exec sleep 3600', at: 60_000, init: 'pause' as const, jobs: [] },
    { name: 'reaped by nginx, whose master waits for any child', script: "sleep 2 & exec nginx -g 'daemon off;'", at: 60_000, init: 'main' as const, jobs: [], ref: 'nginx:1.27' },
    { name: 'reaped by a shell still running its loop', script: 'sleep 2 & while true; do sleep 10; done', at: 60_000, init: 'main' as const, jobs: [] },
  ])('a job that is $name', ({ script, at, init, jobs, ref }) => {
    expect(jobsAt(shellPlan(script, ref), at, init)).toEqual(jobs)
  })
})
