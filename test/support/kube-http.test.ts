// The bridge itself: kube-apiserver's HTTP surface over a simulated cluster. Plain HTTP checks run
// everywhere; the one through real kubectl runs when kubectl 1.32 is on PATH.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Cluster } from '../../src/index.js'
import { startBridge, type Bridge } from './kube-http.js'
import { hasKubectl132, realKubectl, realKubectlVersion } from './real-kubectl.js'

let cluster: Cluster
let bridge: Bridge

beforeAll(async () => {
  cluster = Cluster.create({ seed: 7 })
  bridge = await startBridge(cluster.sim)
})
afterAll(() => bridge.close())

describe('kube-http bridge', () => {
  it('answers discovery and lists in kube-apiserver shapes', async () => {
    const api = (await (await fetch(`${bridge.url}/api`)).json()) as { versions: string[] }
    expect(api.versions).toEqual(['v1'])
    const apps = (await (await fetch(`${bridge.url}/apis/apps/v1`)).json()) as { resources: { name: string }[] }
    expect(apps.resources.map((r) => r.name)).toContain('deployments/scale')
    const nodes = (await (await fetch(`${bridge.url}/api/v1/nodes?labelSelector=node-role.kubernetes.io/control-plane`)).json()) as { kind: string; items: { metadata: { name: string } }[] }
    expect([nodes.kind, nodes.items.map((n) => n.metadata.name)]).toEqual(['NodeList', ['control-plane']])
  })

  it('answers a missing object with the NotFound Status and 404', async () => {
    const res = await fetch(`${bridge.url}/api/v1/namespaces/default/pods/nope`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found', code: 404 })
  })

  it('serves a Table made by our printers when asked as=Table', async () => {
    const res = await fetch(`${bridge.url}/api/v1/nodes/node-1`, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } })
    const table = (await res.json()) as { kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] }
    expect(table.kind).toBe('Table')
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime'])
    expect(table.rows[0].cells.slice(0, 5)).toEqual(['node-1', 'Ready', '<none>', '60s', 'v1.32.4'])
  })

  const skipped = hasKubectl132() ? '' : ` (skipped: needs kubectl v1.32.x on PATH, found ${realKubectlVersion() ?? 'none'})`
  it.skipIf(skipped !== '')(`real kubectl 1.32 gets the nodes over it${skipped}`, async () => {
    const out = await realKubectl(bridge, ['get', 'nodes'])
    expect(out).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        'NAME            STATUS   ROLES           AGE   VERSION\n' +
        'control-plane   Ready    control-plane   90s   v1.32.4\n' +
        'node-1          Ready    <none>          60s   v1.32.4\n' +
        'node-2          Ready    <none>          60s   v1.32.4\n',
    })
  })
})
