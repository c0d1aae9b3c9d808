// A crash loop as a 1.32 kubelet runs it, read the way a learner reads it (`kubectl get pods -w`,
// `kubectl describe pod`). The evidence:
// - kubelet.go SyncPod generates and writes the pod status first, then runs the runtime's SyncPod,
//   then updates the reason cache; convertToAPIContainerStatuses shows a reason from that cache
//   (CrashLoopBackOff) only when a later pass generates the status. So the pass that sees a crash
//   writes the terminated state: STATUS Error (exit ≠ 0) or Completed (exit 0), the old RESTARTS.
// - kuberuntime_manager.go doBackOff: no back-off entry at the first crash (the container was
//   never seen exited), so the first restart is immediate (kubernetes#133472); after that the
//   container waits 10 s doubling to 5 min from its finishedAt (client-go flowcontrol.Backoff).
// - In 1.32 the back-off error reaches the pod worker (the ConfigPodSandbox result, error nil, defeats
//   the "only back-off failures" check: kubernetes#123602), so completeWork requeues the pod after
//   wait.Jitter(10s, 0.5) = 10 s to 15 s, handed to the worker at the next 1 s tick of syncLoop's
//   syncTicker. Nothing else syncs a dead container's pod (no PLEG event), so CrashLoopBackOff shows
//   10 s to 16 s after the crash, and a restart comes at the first such pass at least the back-off
//   after finishedAt. The requeue at the back-off's expiry (kubernetes#133066) is later than 1.32.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { workerRetryAt } from '../../../src/cluster/kubelet/pod-sync.js'

const T0 = Date.UTC(2026, 0, 1)

const crashPod = (script: string, restartPolicy: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  nodeName: node-1\n  restartPolicy: ${restartPolicy}\n  containers:\n  - name: app\n    image: busybox:1.37\n    command: [sh, -c, ${JSON.stringify(script)}]\n`

/** What `kubectl get pods -w` prints for the first minute (the playground's watch lets virtual time pass). */
function watch(script: string, restartPolicy: string, seed?: number): string {
  const c = Cluster.create(seed === undefined ? { systemPods: false } : { seed, systemPods: false })
  c.apply(crashPod(script, restartPolicy))
  const out = c.kubectl('get pods -w --request-timeout=60s')
  return out.stdout + out.stderr
}

const lines = (...rows: string[]): string => rows.map((r) => `${r}\n`).join('')
const HEADER = ['NAME    READY   STATUS              RESTARTS   AGE', 'crash   0/1     ContainerCreating   0          0s']

describe('the pod worker after a failed pass (pod_workers.go completeWork, kubelet.go syncLoop)', () => {
  it('comes back after wait.Jitter(10s, 0.5), at the next whole-second tick of the sync ticker', () => {
    expect(workerRetryAt(1_573, 0)).toBe(12_000)
    expect(workerRetryAt(1_573, 0.5)).toBe(15_000)
    expect(workerRetryAt(1_573, 0.9999)).toBe(17_000)
    expect(workerRetryAt(13_000, 0)).toBe(23_000)
    expect(workerRetryAt(13_000, 0.9999)).toBe(28_000)
  })
})

describe('kubectl get pods -w of a crashing container (busybox:1.37 starts at 1.573 s and exits at once)', () => {
  it('exit 1 under Always: Error with the old RESTARTS, then CrashLoopBackOff at the next pass, 10-15 s later', () => {
    expect(watch('exit 1', 'Always')).toBe(
      lines(
        ...HEADER,
        // The pass that sees the first crash writes it, then restarts at once (no back-off entry yet).
        'crash   0/1   Error   0     1s',
        'crash   0/1   Error   1 (0s ago)   1s',
        // The second crash set the back-off (10 s); the requeued pass (14 s) shows the reason cache,
        // then restarts: 10 s have passed since finishedAt.
        'crash   0/1   CrashLoopBackOff   1 (13s ago)   14s',
        'crash   0/1   Error   2 (13s ago)   14s',
        // Back-off 20 s: the pass at 29 s is inside it, the one at 41 s restarts.
        'crash   0/1   CrashLoopBackOff   2 (15s ago)   29s',
        'crash   0/1   Error   3 (27s ago)   41s',
        'crash   0/1   CrashLoopBackOff   3 (15s ago)   56s',
      ),
    )
  })

  it('sleep 2; exit 1 under Always: Running between, each crash first shown as Error', () => {
    expect(watch('sleep 2; exit 1', 'Always')).toBe(
      lines(
        ...HEADER,
        'crash   1/1   Running   0     1s',
        'crash   0/1   Error   0     3s',
        'crash   1/1   Running   1 (0s ago)   3s',
        'crash   0/1   Error   1 (2s ago)   5s',
        'crash   0/1   CrashLoopBackOff   1 (13s ago)   18s',
        'crash   1/1   Running   2 (13s ago)   18s',
        'crash   0/1   Error   2 (15s ago)   20s',
        'crash   0/1   CrashLoopBackOff   2 (15s ago)   35s',
        'crash   1/1   Running   3 (27s ago)   47s',
        'crash   0/1   Error   3 (29s ago)   49s',
      ),
    )
  })

  it('exit 0 under Always: Completed, then CrashLoopBackOff (Always restarts a clean exit too)', () => {
    expect(watch('exit 0', 'Always')).toBe(
      lines(
        ...HEADER,
        'crash   0/1   Completed   0     1s',
        'crash   0/1   Completed   1 (0s ago)   1s',
        'crash   0/1   CrashLoopBackOff   1 (13s ago)   14s',
        'crash   0/1   Completed   2 (13s ago)   14s',
        'crash   0/1   CrashLoopBackOff   2 (15s ago)   29s',
        'crash   0/1   Completed   3 (27s ago)   41s',
        'crash   0/1   CrashLoopBackOff   3 (15s ago)   56s',
      ),
    )
  })

  it('exit 1 under OnFailure loops as under Always', () => {
    expect(watch('exit 1', 'OnFailure')).toBe(watch('exit 1', 'Always'))
  })

  it('exit 0 under OnFailure and exit 1 under Never end at once: Completed, Error', () => {
    expect(watch('exit 0', 'OnFailure')).toBe(lines(...HEADER, 'crash   0/1   Completed   0     1s'))
    expect(watch('exit 1', 'Never')).toBe(lines(...HEADER, 'crash   0/1   Error   0     1s'))
  })

  it('the jitter comes from the seed: another seed, other times, the same sequence of STATUS values', () => {
    const status = (out: string): string[] => out.split('\n').slice(1, -1).map((l) => l.split(/\s+/)[2])
    const other = watch('exit 1', 'Always', 2)
    expect(other).toContain('crash   0/1   CrashLoopBackOff   1 (13s ago)   14s')
    expect(other).not.toBe(watch('exit 1', 'Always'))
    expect(status(other)).toEqual(status(watch('exit 1', 'Always')))
  })
})

describe('restart timing of a crash loop', () => {
  /** Each restart's start time in ms after the start (RESTARTS 2 onwards), sampled at every tick. */
  function restarts(seed: number, until: number): { attempt: number; at: number }[] {
    const c = Cluster.create({ seed, systemPods: false })
    c.apply(crashPod('exit 1', 'Always'))
    const seen: { attempt: number; at: number }[] = []
    for (let t = 1; t <= until; t++) {
      c.sim.advanceTo(T0 + t * 1000)
      const s = (c.get('pod', 'crash')!.status as { containerStatuses: { restartCount: number; state: { terminated?: { startedAt: string } } }[] }).containerStatuses[0]
      const last = seen[seen.length - 1]
      if (s.restartCount >= 2 && s.restartCount !== last?.attempt && s.state.terminated) seen.push({ attempt: s.restartCount, at: Date.parse(s.state.terminated.startedAt) - T0 })
    }
    return seen
  }

  it('waits at least the back-off (10 s doubling) after finishedAt, at most one requeue (15 s) and a tick more', () => {
    const sequences = new Set<string>()
    for (const seed of [1, 2, 3, 4]) {
      const seen = restarts(seed, 400)
      expect(seen.map((r) => r.attempt)).toEqual([2, 3, 4, 5, 6])
      let finished = 1_573 // attempt 1: restarted at once after the first crash
      for (const [i, r] of seen.entries()) {
        const backoff = 10_000 * 2 ** i
        expect(r.at % 1_000).toBe(0) // a pass from the sync ticker
        expect(r.at - finished).toBeGreaterThanOrEqual(backoff)
        expect(r.at - finished).toBeLessThan(backoff + 16_000)
        finished = r.at // each run exits at once
      }
      sequences.add(seen.map((r) => r.at).join(','))
    }
    expect(sequences.size).toBeGreaterThan(1)
  })
})

describe('kubectl describe pod during a crash loop', () => {
  const block = (c: Cluster): string => {
    const d = c.kubectl('describe pod crash').stdout
    return d.slice(d.indexOf('    State:'), d.indexOf('    Environment'))
  }
  const at = (c: Cluster, seconds: number): void => c.sim.advanceTo(T0 + seconds * 1000)

  it('shows the terminated state while STATUS is Error, then Waiting CrashLoopBackOff with it as Last State', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(crashPod('exit 1', 'Always'))
    at(c, 2)
    expect(block(c)).toBe(
      lines(
        '    State:          Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Thu, 01 Jan 2026 00:00:01 +0000',
        '      Finished:     Thu, 01 Jan 2026 00:00:01 +0000',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Thu, 01 Jan 2026 00:00:01 +0000',
        '      Finished:     Thu, 01 Jan 2026 00:00:01 +0000',
        '    Ready:          False',
        '    Restart Count:  1',
      ),
    )
    at(c, 30)
    expect(block(c)).toBe(
      lines(
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Thu, 01 Jan 2026 00:00:14 +0000',
        '      Finished:     Thu, 01 Jan 2026 00:00:14 +0000',
        '    Ready:          False',
        '    Restart Count:  2',
      ),
    )
    const waiting = (c.get('pod', 'crash')!.status as { containerStatuses: { state: { waiting: { message: string } } }[] }).containerStatuses[0].state.waiting
    expect(waiting.message).toBe(`back-off 20s restarting failed container=app pod=crash_default(${c.get('pod', 'crash')!.metadata.uid})`)
  })

  it('counts one BackOff event per pass in back-off: the crash pass and each requeue inside the back-off', () => {
    const c = Cluster.create({ systemPods: false })
    c.apply(crashPod('exit 1', 'Always'))
    const uid = (): string => c.get('pod', 'crash')!.metadata.uid
    const backOff = (): string => c.kubectl('describe pod crash').stdout.split('\n').find((l) => l.includes('Warning  BackOff'))!.trim()
    // Passes in back-off: 1.573 s (second crash), 14 s (third), 29 s (inside 20 s), 41 s (fourth), 56 s.
    // Up to 50 s the kubelet recorded 17 events about the pod, within the recorder's spam filter
    // burst of 25 per source and object (client-go EventSourceObjectSpamFilter); later counts would
    // also depend on that filter.
    at(c, 30)
    expect(backOff()).toBe(`Warning  BackOff  1s (x3 over 29s)   kubelet  Back-off restarting failed container app in pod crash_default(${uid()})`)
    at(c, 50)
    expect(backOff()).toBe(`Warning  BackOff  9s (x4 over 49s)  kubelet  Back-off restarting failed container app in pod crash_default(${uid()})`)
  })
})
