import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const T0 = Date.UTC(2026, 0, 1)
const ingress = (name: string, cls: string | undefined) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name} }
spec:
  ${cls ? `ingressClassName: ${cls}` : ''}
  defaultBackend: { service: { name: web, port: { number: 80 } } }
`
const syncEvents = (c: Cluster, name: string): string[] =>
  c
    .list('events', { namespace: 'default' })
    .filter((e) => (e.involvedObject as { name: string }).name === name && (e.source as { component: string }).component === 'nginx-ingress-controller')
    .map((e) => `${e.reason as string} ${e.message as string} x${e.count as number}`)

describe('the ingress add-on (ingress-nginx)', () => {
  it('installs the namespace, the controller, its LoadBalancer Service and the IngressClass nginx', () => {
    const c = Cluster.create({ startTime: T0, addons: ['ingress'] })
    c.advance('40s')
    expect(c.kubectl('get ingressclass').stdout).toBe('NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       40s\n')
    expect(c.kubectl('get deploy -n ingress-nginx').stdout).toBe('NAME                       READY   UP-TO-DATE   AVAILABLE   AGE\ningress-nginx-controller   1/1     1            1           40s\n')
    expect(c.kubectl('get svc ingress-nginx-controller -n ingress-nginx --no-headers').stdout).toMatch(/^ingress-nginx-controller\s+LoadBalancer\s+\S+\s+172\.18\.255\.200\s+80:\d+\/TCP,443:\d+\/TCP\s+40s\n$/)
  })

  it('writes the controller’s EXTERNAL-IP as ADDRESS of its Ingresses on its 60 s status grid, recording Sync', () => {
    const c = Cluster.create({ startTime: T0, addons: ['ingress'] })
    c.advance('40s')
    c.apply(ingress('web', 'nginx'))
    c.apply(ingress('other', undefined)) // no class: not ingress-nginx's
    c.advance('1s')
    expect(c.kubectl('get ing').stdout).toBe('NAME    CLASS    HOSTS   ADDRESS   PORTS   AGE\nother   <none>   *                 80      1s\nweb     nginx    *                 80      1s\n')
    expect(syncEvents(c, 'web')).toEqual(['Sync Scheduled for sync x1'])
    c.advance('60s')
    expect(c.kubectl('get ing web --no-headers').stdout).toMatch(/^web\s+nginx\s+\*\s+172\.18\.255\.200\s+80\s+61s\n$/)
    expect(syncEvents(c, 'web')).toEqual(['Sync Scheduled for sync x2'])
    expect(syncEvents(c, 'other')).toEqual([])
    expect(c.kubectl('get ing other --no-headers').stdout).toMatch(/^other\s+<none>\s+\*\s+80\s+61s\n$/)
  })

  it('leaves ADDRESS empty while cloud-controller-manager gives its Service no address', () => {
    const c = Cluster.create({ startTime: T0, addons: ['ingress'] })
    c.sim.stop('cloud-controller-manager')
    c.advance('40s')
    c.apply(ingress('web', 'nginx'))
    c.advance('2m')
    expect(c.kubectl('get svc -n ingress-nginx ingress-nginx-controller --no-headers').stdout).toContain('<pending>')
    expect(c.kubectl('get ing web --no-headers').stdout).toMatch(/^web\s+nginx\s+\*\s+80\s+2m\n$/)
  })

  it('takes its address off the Ingresses when its last pod shuts down', () => {
    const c = Cluster.create({ startTime: T0, addons: ['ingress'] })
    c.advance('40s')
    c.apply(ingress('web', 'nginx'))
    c.advance('2m')
    expect(c.kubectl('get ing web -o jsonpath={.status.loadBalancer.ingress[0].ip}').stdout).toBe('172.18.255.200')
    c.kubectl('scale deploy ingress-nginx-controller -n ingress-nginx --replicas=0')
    c.advance('1s')
    expect(c.kubectl('get ing web -o jsonpath={.status.loadBalancer}').stdout).toBe('{}')
  })

  it('keeps its status grid across a snapshot', () => {
    const c = Cluster.create({ startTime: T0, addons: ['ingress'] })
    c.advance('40s')
    c.apply(ingress('web', 'nginx'))
    c.advance('10s')
    const r = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())))
    r.advance('60s')
    expect(r.kubectl('get ing web -o jsonpath={.status.loadBalancer.ingress[0].ip}').stdout).toBe('172.18.255.200')
    expect(r.sim.componentNames()).toContain('ingress-nginx-controller')
  })
})
