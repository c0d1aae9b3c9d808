// A playground opened from its file starts its components only when first needed
// (SimulatedCluster.restore's `lazyComponents`): a command that only reads starts none. Whatever
// comes first (a read, a write, a watch, time passing, a look at a component), the cluster must run
// on exactly as one whose components were all restored at once.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SimulatedCluster, type ClusterSnapshot } from '../../src/cluster/cluster.js'
import { Playground } from '../../src/course/playground.js'
import { decodeState, member } from '../../src/course/playground-state.js'
import { UserError } from '../../src/course/errors.js'
import { initWorkspace } from '../../src/course/workspace.js'
import { memoryIO } from '../../src/kubectl/io.js'
import { runKubectl } from '../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0)

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'kl-pgl-'))
  return initWorkspace(dir, join(dir, 'no-course')).workspace
}

const kubectl = (c: SimulatedCluster, argv: string[]) => runKubectl(c, argv, memoryIO({}, ''))

/**
 * A saved playground with some history: a Deployment that ran, a pod in a crash loop, a kubelet
 * stopped; `due` leaves a task due at the saved moment (a write just made, not settled yet).
 */
function saved(due = false) {
  const ws = workspace()
  const { playground: p } = Playground.reset(ws, { seed: 5, workers: 2, manualClock: true, startTime: T0 }, T0)
  expect(kubectl(p.cluster, ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3']).exitCode).toBe(0)
  expect(kubectl(p.cluster, ['run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'exit 1']).exitCode).toBe(0)
  p.advance(70_000)
  p.cluster.stop('kubelet/node-2')
  p.advance(20_000)
  if (due) expect(kubectl(p.cluster, ['scale', 'deployment', 'web', '--replicas=5']).exitCode).toBe(0)
  p.save(T0)
  return { ws, snapshot: JSON.stringify(p.cluster.snapshot()) }
}

/** The same file opened twice: by the playground (components dormant) and with every component restored at once. */
function openBoth(ws: ReturnType<typeof workspace>) {
  const lazy = Playground.open(ws, 'en', T0)
  expect(lazy.cluster.componentsDormant).toBe(true)
  const { head, components } = decodeState(readFileSync(Playground.file(ws)))
  const whole = Playground.open(ws, 'en', T0).cluster.snapshot()
  const eager = SimulatedCluster.restore({ ...(head.cluster as Omit<ClusterSnapshot, 'components'>), etcd: whole.etcd, components }, { adopt: true })
  expect(eager.componentsDormant).toBe(false)
  return { lazy: lazy.cluster, eager }
}

const same = (a: SimulatedCluster, b: SimulatedCluster) => expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()))

describe('a playground whose components start when first needed', () => {
  it('is, untouched, the cluster that was saved: its snapshot has the components as read', () => {
    const { ws, snapshot } = saved()
    const { lazy, eager } = openBoth(ws)
    expect(JSON.stringify(lazy.snapshot())).toBe(snapshot)
    expect(lazy.componentsDormant).toBe(true)
    expect(JSON.stringify(eager.snapshot())).toBe(snapshot)
  })

  it('starts none of them for a command that only reads, and writes their state back as read', () => {
    const { ws } = saved()
    const before = decodeState(readFileSync(Playground.file(ws)))
    const p = Playground.open(ws, 'en', T0)
    for (const argv of [['get', 'deployments'], ['get', 'pods', '-o', 'wide'], ['describe', 'deployment', 'web'], ['get', 'componentstatuses'], ['get', 'events']]) expect(kubectl(p.cluster, argv).exitCode, argv.join(' ')).toBe(0)
    expect(p.cluster.componentsDormant).toBe(true)
    p.save(T0)
    expect(decodeState(readFileSync(Playground.file(ws))).componentsMember.equals(before.componentsMember)).toBe(true)
  })

  const firsts: [string, (c: SimulatedCluster) => void][] = [
    ['a read, then a write', (c) => {
      kubectl(c, ['get', 'pods'])
      kubectl(c, ['scale', 'deployment', 'web', '--replicas=1'])
    }],
    ['a write that fails', (c) => kubectl(c, ['create', 'deployment', 'web', '--image=nginx:1.27'])],
    ['a delete', (c) => kubectl(c, ['delete', 'pod', 'crash', '--wait=false'])],
    ['time passing', (c) => c.advance(30_000)],
    ['a look at a component', (c) => void c.component('kubelet/node-1')],
    ['logs (read from a kubelet)', (c) => kubectl(c, ['logs', 'crash'])],
    ['a component started', (c) => c.start('kubelet/node-2')],
    ['a component stopped', (c) => c.stop('kube-scheduler')],
    ['a wait', (c) => kubectl(c, ['wait', '--for=condition=Available', 'deployment/web', '--timeout=20s'])],
  ]
  for (const [what, first] of firsts)
    it(`runs on exactly as a cluster restored at once, after ${what}`, () => {
      const { ws } = saved()
      const { lazy, eager } = openBoth(ws)
      for (const c of [lazy, eager]) {
        first(c)
        expect(kubectl(c, ['create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=2']).exitCode).toBe(0)
        c.advance(95_000)
      }
      expect(lazy.componentsDormant).toBe(false)
      same(lazy, eager)
    })

  it('runs what was due when saved as a cluster restored at once does (kubectl settles first)', () => {
    const { ws } = saved(true)
    const { lazy, eager } = openBoth(ws)
    for (const c of [lazy, eager]) {
      expect(kubectl(c, ['get', 'deployment', 'web']).exitCode).toBe(0)
      c.advance(40_000)
    }
    same(lazy, eager)
  })

  it('says the file is damaged when a component state in it does not restore, at the first command that needs it', () => {
    const { ws } = saved()
    // Valid JSON of the wrong shape (a hand-edited file: the gzip checks catch any other damage).
    const file = Playground.file(ws)
    const bytes = readFileSync(file)
    const read = decodeState(bytes)
    const components = JSON.parse(read.componentsText) as Record<string, { state: unknown }>
    components['kube-scheduler'].state = 42
    const at = bytes.indexOf(read.componentsMember)
    writeFileSync(file, Buffer.concat([bytes.subarray(0, at), member(`,"components":${JSON.stringify(components)},"etcd":[null`), bytes.subarray(at + read.componentsMember.length)]))
    const p = Playground.open(ws, 'en', T0)
    expect(kubectl(p.cluster, ['get', 'deployment', 'web']).exitCode).toBe(0) // reads need no component
    expect(() => p.advance(1000)).toThrow(UserError)
    expect(() => Playground.open(ws, 'zh', T0).advance(1000)).toThrow(/已损坏/)
    const { keptCorrupt } = Playground.reset(ws, { seed: 1, startTime: T0 }, T0)
    expect(keptCorrupt).toBeDefined()
  })
})
