import { describe, expect, it } from 'vitest'
import { readyDeployment, run } from './rollout-fixture.js'

const image = (c: ReturnType<typeof readyDeployment>) => (c.object('deployments', 'default', 'web')!.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image

describe('kubectl set image', () => {
  it.each([['deploy/web', 'nginx=nginx:1.27'], ['deployment', 'web', '*=nginx:1.27']])('updates the image of %s', (...argv) => {
    const c = readyDeployment()
    expect(run(c, ['set', 'image', ...argv])).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 })
    expect(image(c)).toBe('nginx:1.27')
  })

  it('prints nothing when the image is already the one asked for', () => {
    expect(run(readyDeployment(), ['set', 'image', 'deploy/web', 'nginx=nginx'])).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('changes nothing with --dry-run=client', () => {
    const c = readyDeployment()
    expect(run(c, ['set', 'image', 'deploy/web', 'nginx=nginx:1.27', '--dry-run=client']).stdout).toBe('deployment.apps/web image updated (dry run)\n')
    expect(image(c)).toBe('nginx')
  })

  it.each([
    { argv: ['deploy/web', 'foo=nginx:1.27'], stderr: 'error: unable to find container named "foo"\n' },
    { argv: ['svc/kubernetes', 'foo=x'], stderr: 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n' },
    { argv: ['deploy/web'], stderr: 'error: at least one image update is required\n' },
    { argv: ['deploy/nope', 'nginx=x'], stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
    { argv: ['deploy/web', '*=a', 'nginx=b'], stderr: 'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n' },
    // No resource named: the builder refuses before the images are looked at (kubectl 1.32, checked).
    ...[[], ['nginx=nginx:1.27']].map((argv) => ({
      argv,
      stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    })),
  ])('refuses $argv', ({ argv, stderr }) => {
    expect(run(readyDeployment(), ['set', 'image', ...argv])).toEqual({ stdout: '', stderr, exitCode: 1 })
  })
})
