// port-forward's real listener: a request from Node's http client on 127.0.0.1 is answered by the
// simulated pod, and each connection is announced as kubectl announces it.
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { answerForward, startForwarding, type ForwardSession } from '../../src/course/port-forward.js'

const nginxPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeName: node-1\n  containers:\n  - name: web\n    image: nginx:1.27\n'

function get(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

let session: ForwardSession | undefined
afterEach(() => session?.close())

function forward(c: Cluster, remote = 80) {
  const pod = c.get('pod', 'web')!
  const plan = { namespace: 'default', pod: 'web', uid: pod.metadata.uid, ports: [{ local: 0, remote }] }
  const lines: string[] = []
  const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(`E ${s}`) }
  return { plan, lines, start: () => startForwarding(plan, (r, req) => answerForward(c.sim, plan, r, req), io) }
}

describe('port-forward listener', () => {
  it('answers a real HTTP request on 127.0.0.1 with the pod\'s nginx page', async () => {
    const c = Cluster.create()
    c.apply(nginxPod)
    c.advance(10_000)
    const f = forward(c)
    session = await f.start()
    const port = session.ports[0].local
    expect(port).toBeGreaterThan(0)
    const res = await get(port, '/')
    expect(res.status).toBe(200)
    expect(res.headers['server']).toBe('nginx/1.27.5')
    expect(res.body).toContain('<title>Welcome to nginx!</title>')
    expect((await get(port, '/missing')).status).toBe(404)
    // [::1] too where the machine has an IPv6 loopback, as kubectl's --address localhost
    const text = f.lines.join('')
    expect(text).toMatch(new RegExp(`^Forwarding from 127\\.0\\.0\\.1:${port} -> 80\n(Forwarding from \\[::1\\]:${port} -> 80\n)?Handling connection for ${port}\nHandling connection for ${port}\n$`))
  })

  it('ends the session with `error: lost connection to pod` once the pod is gone', async () => {
    const c = Cluster.create()
    c.apply(nginxPod)
    c.advance(10_000)
    const f = forward(c)
    session = await f.start()
    c.kubectl('delete pod web --wait=false')
    c.advance(60_000)
    await get(session.ports[0].local, '/').catch(() => undefined)
    expect(await session.done).toBe(1)
    expect(f.lines.at(-1)).toBe('E error: lost connection to pod\n')
  })

  it('reports a remote port nobody listens on, per connection, and goes on', async () => {
    const c = Cluster.create()
    c.apply(nginxPod)
    c.advance(10_000)
    const f = forward(c, 8080)
    session = await f.start()
    await get(session.ports[0].local, '/').catch(() => undefined)
    expect(f.lines.at(-1)).toMatch(/^E an error occurred forwarding \d+ -> 8080: error forwarding port 8080 to pod .*connect: connection refused\n$/)
  })
})
