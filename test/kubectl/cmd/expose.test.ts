import { describe, expect, it } from 'vitest'
import { quietCluster, readyDeployment, run } from './rollout-fixture.js'

describe('kubectl expose', () => {
  // Checked against kubectl 1.32.4: `kubectl expose -f deploy.yaml --dry-run=client -o yaml`.
  it('builds the Service from the deployment selector, labels and container port', () => {
    const c = quietCluster()
    run(c, ['create', 'deployment', 'web', '--image=nginx', '--port=80'])
    expect(run(c, ['expose', 'deploy/web', '--dry-run=client', '-o', 'yaml']).stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n',
    )
  })
})

describe('kubectl expose, created', () => {
  it('creates a NodePort Service for a deployment', () => {
    const c = readyDeployment()
    expect(run(c, ['expose', 'deploy/web', '--port=8080', '--target-port=80', '--type=NodePort'])).toEqual({ stdout: 'service/web exposed\n', stderr: '', exitCode: 0 })
    const svc = c.object('services', 'default', 'web')!.spec as { type: string; selector: Record<string, string>; ports: { port: number; targetPort: number; nodePort: number }[] }
    expect([svc.type, svc.selector, svc.ports[0].port, svc.ports[0].targetPort]).toEqual(['NodePort', { app: 'web' }, 8080, 80])
    expect(svc.ports[0].nodePort).toBeGreaterThanOrEqual(30000)
  })

  it('takes the pod labels as selector, and refuses a pod without labels', () => {
    const c = quietCluster()
    run(c, ['run', 'solo', '--image=nginx', '--labels=app=solo', '--port=80'])
    expect(run(c, ['expose', 'pod/solo', '--name=front']).stdout).toBe('service/front exposed\n')
    expect((c.object('services', 'default', 'front')!.spec as { selector: unknown }).selector).toEqual({ app: 'solo' })
    run(c, ['run', 'bare', '--image=nginx', '--labels='])
    expect(run(c, ['expose', 'deploy/nope', '--port=80']).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
    expect(run(c, ['expose', 'pod/solo', '--name=front']).stderr).toBe('Error from server (AlreadyExists): services "front" already exists\n')
  })

  it('needs a port when the object declares none', () => {
    expect(run(readyDeployment(), ['expose', 'deploy/web'])).toEqual({ stdout: '', stderr: "error: couldn't find port via --port flag or introspection\n", exitCode: 1 })
    expect(run(readyDeployment(), ['expose', 'node/node-1', '--port=80']).stderr).toBe('error: cannot expose a Node\n')
  })
})

describe('kubectl expose, refused', () => {
  it('names the match expressions it cannot turn into a map selector as Go prints them (%+v), as real kubectl 1.32 does', () => {
    const c = quietCluster()
    const created = c.api.create('test', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'exprs' },
      spec: {
        selector: { matchLabels: { app: 'exprs' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back', 'front'] }, { key: 'env', operator: 'Exists' }] },
        template: { metadata: { labels: { app: 'exprs', tier: 'back', env: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    }, 'default')
    expect(created.ok).toBe(true)
    expect(run(c, ['expose', 'deployment', 'exprs', '--port=80'])).toEqual({
      stdout: '',
      stderr: 'error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:tier Operator:In Values:[back front]} {Key:env Operator:Exists Values:[]}]" to map-based selector format\n',
      exitCode: 1,
    })
  })
})
