// kubectl replace (pkg/cmd/replace); the differential suite compares it with the real kubectl 1.32.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const sleeper = (seconds: number, image = 'busybox:1.37') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\nspec:\n  containers:\n  - name: c\n    image: ${image}\n    command: [sleep, "${seconds}"]\n`

describe('kubectl replace', () => {
  it('sends the whole object: a new image is taken, a new command is refused as an update would be', () => {
    const c = Cluster.create({ seed: 2, workers: 2 })
    c.apply(sleeper(3600))
    c.advance('10s')
    // The manifest lacks what the server set (nodeName, the token volume): an update may not drop them.
    const refused = c.kubectl('replace -f -', { stdin: sleeper(7200) })
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toMatch(/^The Pod "sleeper" is invalid: spec: Forbidden: pod updates may not change fields other than/)
    const live = c.kubectl('get pod sleeper -o yaml').stdout.replace('image: busybox:1.37', 'image: busybox:1.36')
    expect(c.kubectl('replace -f -', { stdin: live })).toEqual({ stdout: 'pod/sleeper replaced\n', stderr: '', exitCode: 0 })
    expect(c.get('pods', 'sleeper')?.spec).toMatchObject({ containers: [{ image: 'busybox:1.36' }] })
    expect(c.kubectl('replace -f -', { stdin: sleeper(1).replace('sleeper', 'nosuch') }).stderr).toBe('Error from server (NotFound): error when replacing "STDIN": pods "nosuch" not found\n')
    expect(c.kubectl('replace').stderr).toBe('error: must specify one of -f and -k\n')
  })

  it('--force deletes, waits for the pod to be gone (its 30 s grace: sleep ignores SIGTERM), then creates it anew', () => {
    const c = Cluster.create({ seed: 2, workers: 2 })
    c.apply(sleeper(3600))
    c.advance('10s')
    const uid = c.get('pods', 'sleeper')!.metadata.uid
    const before = c.sim.now()
    expect(c.kubectl('replace --force -f -', { stdin: sleeper(7200) })).toEqual({ stdout: 'pod "sleeper" deleted\npod/sleeper replaced\n', stderr: '', exitCode: 0 })
    expect(c.sim.now() - before).toBeGreaterThanOrEqual(30_000)
    const now = c.get('pods', 'sleeper')!
    expect(now.metadata.uid).not.toBe(uid)
    expect(now.spec).toMatchObject({ containers: [{ command: ['sleep', '7200'] }] })
    expect(c.kubectl('replace --force --dry-run=client -f -', { stdin: sleeper(1) }).stderr).toBe('error: --dry-run can not be used when --force is set\n')
  })
})
