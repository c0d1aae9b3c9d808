// The sandbox commands as a learner runs them: crictl and kill-sandbox on a workspace's playground,
// and port-forward as a real process with a real listener, stopped with Ctrl-C.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { KEY, spawnKubelings } from '../helpers/pty.js'

const bin = resolve(__dirname, '../../bin/run.js')
const env = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', DEBUG: '' }
const run = (cwd: string, ...argv: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', env, input: '' })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

let ws: string
beforeAll(() => {
  ws = join(mkdtempSync(join(tmpdir(), 'kl-sandbox-')), 'w')
  expect(run(tmpdir(), 'init', ws).code).toBe(0)
  expect(run(ws, 'cluster', 'reset', '--manual-clock', '--seed', '7', '--start-time', '2026-11-25T08:00:00Z').code).toBe(0)
  expect(run(ws, 'kubectl', 'run', 'web', '--image=nginx:1.27').code).toBe(0)
  expect(run(ws, 'cluster', 'advance', '30s').code).toBe(0)
}, 120_000)

describe('kubelings crictl and cluster kill-sandbox', () => {
  it('show the pause sandbox, replace it, and show both', () => {
    // With this seed the scheduler puts web on node-2.
    const before = run(ws, 'crictl', '--node', 'node-2', 'pods')
    expect(before.code).toBe(0)
    const rows = before.stdout.split('\n').map((l) => l.split(/\s{2,}/))
    expect(rows[0]).toEqual(['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'])
    expect(rows[1]).toEqual([expect.stringMatching(/^[0-9a-f]{13}$/), '30 seconds ago', 'Ready', 'web', 'default', '0', '(default)'])
    // Older, below it (crictl sorts by creation, newest first): the node's system pods from the boot.
    expect(before.stdout.split('\n').slice(2, -1).map((l) => l.split(/\s{2,}/).slice(2, 5))).toEqual([
      ['Ready', expect.stringMatching(/^kube-flannel-ds-[a-z0-9]{5}$/), 'kube-flannel'],
      ['Ready', expect.stringMatching(/^kube-proxy-[a-z0-9]{5}$/), 'kube-system'],
    ])
    const killed = run(ws, 'cluster', 'kill-sandbox', 'pod/web')
    expect(killed.code).toBe(0)
    expect(killed.stdout).toContain('The pause container of pod/web on node-2 was killed.')
    run(ws, 'cluster', 'advance', '5s')
    const after = run(ws, 'crictl', '--node', 'node-2', 'pods').stdout.split('\n')
    expect(after.slice(1, 3).map((l) => l.split(/\s{2,}/).slice(2, 6))).toEqual([['Ready', 'web', 'default', '1'], ['NotReady', 'web', 'default', '0']])
    expect(run(ws, 'kubectl', 'get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}').stdout).toBe('10.244.2.3')
  })

  it('say what is wrong in one sentence', () => {
    expect(run(ws, 'crictl', 'pods')).toEqual({ stdout: '', stderr: "error: Say which node's runtime to ask: --node NAME. The nodes are: control-plane, node-1, node-2.\n", code: 1 })
    expect(run(ws, 'cluster', 'kill-sandbox', 'pod/ghost')).toEqual({ stdout: '', stderr: 'error: There is no pod "ghost" in namespace "default".\n', code: 1 })
  })
})

describe('kubelings kubectl port-forward', () => {
  it('serves the pod on 127.0.0.1 until Ctrl-C', async () => {
    const child = spawn(process.execPath, [bin, 'kubectl', 'port-forward', 'pod/web', ':80'], { cwd: ws, env })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    const port = await new Promise<number>((resolvePort, reject) => {
      child.stdout.on('data', () => {
        const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/.exec(out)
        if (m) resolvePort(Number(m[1]))
      })
      child.on('exit', () => reject(new Error(`exited early: ${out}`)))
    })
    const body = await new Promise<string>((resolveBody, reject) => {
      request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        let b = ''
        res.setEncoding('utf8').on('data', (d: string) => (b += d)).on('end', () => resolveBody(b))
      }).on('error', reject).end()
    })
    expect(body).toContain('<title>Welcome to nginx!</title>')
    const code = await new Promise<number | null>((done) => {
      child.on('exit', (c) => done(c))
      child.kill('SIGINT')
    })
    expect(code).toBe(0)
    expect(out).toContain(`Handling connection for ${port}\n`)
  })
})

describe('kubelings kubectl exec -it in a terminal', () => {
  it('talks to the container\'s shell line by line until exit, with its exit code', async () => {
    const t = spawnKubelings(['kubectl', 'exec', '-it', 'web', '--', 'sh'], { cwd: ws, columns: 100, rows: 30, env: { NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: undefined } })
    await t.waitFor('# ', { timeout: 30_000 })
    t.write(`hostname${KEY.enter}`)
    await t.waitFor(/\nweb\n/, { timeout: 20_000 })
    t.write(`ps${KEY.enter}`)
    await t.waitFor('sh: 1: ps: not found', { timeout: 20_000 })
    t.write(`exit 3${KEY.enter}`)
    expect((await t.exit()).code).toBe(3)
    expect(t.output()).toContain('command terminated with exit code 3')
  })
})
