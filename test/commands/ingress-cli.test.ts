// LoadBalancer and Ingress as a learner meets them on the command line: the ingress add-on, an
// Ingress made with kubectl create ingress, and curl through it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'

const bin = resolve(__dirname, '../../bin/run.js')

function run(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', DEBUG: '' }, input: '' })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

it('reset --ingress, an Ingress by kubectl create ingress, and curl with its Host reaches the pod; another host gets the 404', () => {
  const ws = join(mkdtempSync(join(tmpdir(), 'kl-ing-')), 'w')
  expect(run(tmpdir(), 'init', ws).code).toBe(0)
  const reset = run(ws, 'cluster', 'reset', '--ingress', '--manual-clock', '--seed', '3', '--start-time', '2026-11-25T08:00:00Z')
  expect(reset.code).toBe(0)
  expect(reset.stdout).toContain('Add-on ingress: ingress-nginx runs in namespace ingress-nginx.')
  run(ws, 'kubectl', 'create', 'deployment', 'web', '--image=nginxdemos/hello:plain-text')
  run(ws, 'kubectl', 'expose', 'deployment', 'web', '--port=80')
  expect(run(ws, 'kubectl', 'create', 'ingress', 'web', '--class=nginx', '--rule=a.example.com/*=web:80').stdout).toBe('ingress.networking.k8s.io/web created\n')
  run(ws, 'cluster', 'advance', '90s')
  expect(run(ws, 'kubectl', 'get', 'ingress').stdout).toBe('NAME   CLASS   HOSTS           ADDRESS          PORTS   AGE\nweb    nginx   a.example.com   172.18.255.200   80      90s\n')
  const ok = run(ws, 'curl', 'http://172.18.255.200/hi', '-H', 'Host: a.example.com')
  expect(ok.code).toBe(0)
  expect(ok.stdout).toMatch(/^Server address: 10\.244\.\d+\.\d+:80\nServer name: web-[a-z0-9]+-[a-z0-9]{5}\n/)
  const missed = run(ws, 'curl', '-i', 'http://172.18.255.200/hi')
  expect(missed.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r?\n/)
  expect(missed.stdout).toContain('<hr><center>nginx</center>')
})
