// planContainerReading says which environment variables a plan depends on, so that the kubelet's
// plan cache can serve pods that differ only in variables the process never reads (HOSTNAME, most
// often). The plan is planContainer's; what it reports must cover every way the shell reads vars.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { lookupImage, type CatalogImage } from '../../../src/cluster/runtime/images.js'
import { planContainer, planContainerReading, type ContainerProcessSpec } from '../../../src/cluster/runtime/shell.js'

function image(ref: string): CatalogImage {
  const found = lookupImage(ref)
  if (!found.ok) throw new Error(found.error.message)
  return found.value
}
const reading = (ref: string, spec: ContainerProcessSpec) => planContainerReading({ image: image(ref), spec })
const sh = (script: string, env: Record<string, string> = { HOSTNAME: 'web-1' }): ContainerProcessSpec => ({ command: ['sh', '-c', script], env })

describe('planContainerReading', () => {
  it('gives planContainer’s plan', () => {
    for (const [ref, spec] of [
      ['busybox:1.37', sh('echo $HOSTNAME; sleep 5; exit 3')],
      ['nginx:1.27', { env: { HOSTNAME: 'web-1' } }],
      ['busybox:1.37', sh('env')],
    ] as const)
      expect(reading(ref, spec).plan).toEqual(planContainer({ image: image(ref), spec }))
  })

  it('names the variables a script expands, and only those', () => {
    const { reads } = reading('busybox:1.37', sh('echo "$GREETING ${NAME}"; sleep 1', { HOSTNAME: 'web-1', GREETING: 'hi', NAME: 'x' }))
    expect(reads).not.toBe('all')
    expect([...(reads as Set<string>)].sort()).toEqual(['GREETING', 'NAME'])
  })

  it('counts `hostname` and `printenv NAME` as reads, and `env` or `printenv` as reading everything', () => {
    expect([...(reading('busybox:1.37', sh('hostname; sleep 1')).reads as Set<string>)]).toContain('HOSTNAME')
    expect([...(reading('busybox:1.37', sh('printenv FOO; sleep 1')).reads as Set<string>)]).toContain('FOO')
    expect(reading('busybox:1.37', sh('env; sleep 1')).reads).toBe('all')
    expect(reading('busybox:1.37', sh('printenv; sleep 1')).reads).toBe('all')
  })

  it('lets pods of one template that print their HOSTNAME each log their own name', () => {
    const c = Cluster.create({ seed: 2, workers: 1 })
    for (const name of ['one', 'two']) {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'busybox:1.37', command: ['sh', '-c', 'echo "I am $HOSTNAME"; sleep 3600'] }] } }
      c.apply(pod)
    }
    c.advance('30s')
    for (const name of ['one', 'two']) expect(c.kubectl(`logs ${name}`).stdout).toBe(`I am ${name}\n`)
  })
})
