import { describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { SimulatedCluster } from '../../src/cluster/cluster.js'
import { sendRequest, type RequestResult } from '../../src/cluster/network/request.js'
import { DEFAULT_NETWORK, type NetworkOptions } from '../../src/cluster/network/cni.js'
import { renderCurl, renderPath } from '../../src/ui/curl-trace.js'

const T0 = Date.UTC(2026, 0, 1)

const MANIFESTS = `
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { nodeName: node-1, containers: [{ name: c, image: busybox, command: [sleep, '3600'] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: server, labels: { app: server } }
spec: { nodeName: node-2, containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: Service
metadata: { name: server }
spec: { selector: { app: server }, ports: [{ port: 80 }] }
`

function request(network: Partial<NetworkOptions>, url: string, from: 'outside' | { pod: string } = { pod: 'client' }): RequestResult {
  const c = Cluster.restore(SimulatedCluster.create({ seed: 5, workers: 2, startTime: T0, network }).snapshot())
  c.apply(MANIFESTS)
  c.advance('60s')
  const r = sendRequest(c.sim, { from, url })
  if (!r.ok) throw new Error(r.error)
  return r.value
}

const opts = (network: Partial<NetworkOptions>, extra = {}) => ({ lang: 'en' as const, color: false, trace: true, verbose: false, include: false, network: { ...DEFAULT_NETWORK, ...network }, ...extra })

describe('the path of a request, drawn', () => {
  it('under overlay: the VXLAN hop shows the outer header between nodes and the inner one between pods', async () => {
    const r = request({}, 'http://server/')
    await expect(renderPath(r, opts({}))).toMatchFileSnapshot('./__snapshots__/curl-trace-overlay.txt')
  })

  it('under underlay: the pod IPs are on the wire, routed by host-gw', async () => {
    const r = request({ cni: 'underlay' }, 'http://server/')
    await expect(renderPath(r, opts({ cni: 'underlay' }))).toMatchFileSnapshot('./__snapshots__/curl-trace-underlay.txt')
  })

  it('in Chinese', async () => {
    const r = request({ cni: 'underlay', nodeSubnets: 2 }, 'http://server/')
    await expect(renderPath(r, { ...opts({ cni: 'underlay', nodeSubnets: 2 }), lang: 'zh' })).toMatchFileSnapshot('./__snapshots__/curl-trace-dropped.zh.txt')
  })
})

describe('curl\'s own output', () => {
  it('prints the body only, and nothing for a failure but curl\'s line on stderr', () => {
    const ok = renderCurl(request({}, 'http://server/'), opts({}, { trace: false }))
    expect(ok.stdout).toMatch(/^<!DOCTYPE html>/)
    expect(ok.stderr).toBe('')
    const bad = renderCurl(request({}, 'http://nope/'), opts({}, { trace: false }))
    expect(bad).toEqual({ chunks: [['stderr', 'curl: (6) Could not resolve host: nope\n']], stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n' })
    expect(renderCurl(request({}, 'http://nope/'), opts({}, { trace: false, silent: true })).chunks).toEqual([])
  })

  it('-i puts the status line and headers first; -v writes its lines around the body', () => {
    const r = request({}, 'http://server/missing')
    const out = renderCurl(r, opts({}, { trace: false, include: true, verbose: true }))
    expect(out.chunks.map(([s]) => s)).toEqual(['stderr', 'stdout', 'stdout', 'stderr'])
    expect(out.chunks[1][1]).toMatch(/^HTTP\/1\.1 404 Not Found\r\nServer: nginx\/[\d.]+\r\nDate: Thu, 01 Jan 2026 00:01:00 GMT\r\n/)
    expect(out.chunks[0][1].split('\n').slice(0, 8)).toEqual([
      '* Host server:80 was resolved.', '* IPv6: (none)', `* IPv4: ${r.dns!.addresses[0]}`, `*   Trying ${r.dns!.addresses[0]}:80...`,
      `* Connected to server (${r.dns!.addresses[0]}) port 80`, '* using HTTP/1.x', '> GET /missing HTTP/1.1', '> Host: server',
    ])
    expect(out.chunks[3][1]).toBe('* Connection #0 to host server left intact\n')
  })
})

it('a hop of a kind the catalogue does not know is drawn from its data', () => {
  const r: RequestResult = { url: 'http://x/', from: 'outside', exitCode: 28, hops: [{ kind: 'teleport', at: 'outside', params: { to: 'mars' } }], rules: [], elapsedMs: 0 }
  expect(renderPath(r, opts({}))).toContain('│ teleport: to=mars\n')
})
