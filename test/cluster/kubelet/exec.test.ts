// `ps` in a container on virtual time: children started with `&`, zombies nobody reaps, and the pod's
// /pause reaping orphans with shareProcessNamespace (issue 4: "/pause is PID 1 and reaps zombies").
import { beforeAll, describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const pod = (name: string, share: boolean, script: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  shareProcessNamespace: ${share}
  containers:
  - name: app
    image: busybox:1.37
    command: [sh, -c, ${JSON.stringify(script)}]
---
`

const HEAD = 'PID   USER     TIME  COMMAND\n'
const row = (pid: number, user: string, command: string): string => `${String(pid).padStart(5)} ${user.padEnd(8)}  0:00 ${command}\n`

let c: Cluster
const ps = (name: string): string => {
  const r = c.kubectl(`exec ${name} -- ps`)
  expect(r.exitCode).toBe(0)
  return r.stdout
}

beforeAll(() => {
  c = Cluster.create({ seed: 1, workers: 1, systemPods: false })
  c.apply(
    pod('child', false, 'sleep 30 & exec sleep 3600') +
      pod('orphan', false, '(sleep 30 &); exec sleep 3600') +
      pod('shared-orphan', true, '(sleep 30 &); exec sleep 3600') +
      pod('shared-child', true, 'sleep 30 & exec sleep 3600') +
      pod('waits', false, 'sleep 30 & wait; sleep 3600'),
  )
  c.advance('10s')
})

describe('zombies and the PID namespace init', () => {
  it('shows a job started with & as running while it runs, beside the program its shell exec\'d', () => {
    expect(ps('child')).toBe(HEAD + row(1, 'root', 'sleep 3600') + row(7, 'root', 'sleep 30') + row(13, 'root', 'ps'))
    // the subshell of ( ... &) took PID 7 and is gone; its job is 8
    expect(ps('orphan')).toBe(HEAD + row(1, 'root', 'sleep 3600') + row(8, 'root', 'sleep 30') + row(14, 'root', 'ps'))
    expect(ps('shared-orphan')).toBe(HEAD + row(1, '65535', '/pause') + row(7, 'root', 'sleep 3600') + row(9, 'root', 'sleep 30') + row(15, 'root', 'ps'))
    expect(ps('waits')).toBe(HEAD + row(1, 'root', 'sh -c sleep 30 & wait; sleep 3600') + row(7, 'root', 'sleep 30') + row(13, 'root', 'ps'))
  })

  describe('once the job has exited', () => {
    beforeAll(() => c.advance('60s'))

    it('leaves a zombie [sleep] under PID 1 sleep, which never waits for its children', () => {
      expect(ps('child')).toBe(HEAD + row(1, 'root', 'sleep 3600') + row(7, 'root', '[sleep]') + row(13, 'root', 'ps'))
    })

    it('leaves a zombie orphan too when the container\'s own PID 1 is the init it was re-parented to', () => {
      expect(ps('orphan')).toBe(HEAD + row(1, 'root', 'sleep 3600') + row(8, 'root', '[sleep]') + row(14, 'root', 'ps'))
    })

    it('with shareProcessNamespace, the orphan\'s new parent is /pause (PID 1), which reaps it: no zombie', () => {
      expect(ps('shared-orphan')).toBe(HEAD + row(1, '65535', '/pause') + row(7, 'root', 'sleep 3600') + row(15, 'root', 'ps'))
    })

    it('with shareProcessNamespace, a zombie child of a live parent stays a zombie: /pause is not its parent', () => {
      expect(ps('shared-child')).toBe(HEAD + row(1, '65535', '/pause') + row(7, 'root', 'sleep 3600') + row(8, 'root', '[sleep]') + row(14, 'root', 'ps'))
    })

    it('a shell in `wait` reaps its job, then exec\'s its last command', () => {
      expect(ps('waits')).toBe(HEAD + row(1, 'root', 'sleep 3600') + row(13, 'root', 'ps'))
    })
  })
})
