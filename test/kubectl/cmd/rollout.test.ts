import { describe, expect, it } from 'vitest'
import { markReady, quietCluster, readyDeployment, run, START } from './rollout-fixture.js'

const template = (c: ReturnType<typeof quietCluster>) => (c.object('deployments', 'default', 'web')!.spec as { template: { spec: { containers: { image: string }[] }; metadata: { annotations?: Record<string, string> } } }).template

describe('kubectl rollout status', () => {
  it('reports a finished rollout at once', () => {
    expect(run(readyDeployment(), ['rollout', 'status', 'deploy/web'])).toEqual({ stdout: 'deployment "web" successfully rolled out\n', stderr: '', exitCode: 0 })
  })

  it('prints the status with --watch=false and does not wait', () => {
    const c = quietCluster()
    run(c, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'])
    expect(run(c, ['rollout', 'status', 'deployment', 'web', '--watch=false'])).toEqual({
      stdout: 'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n',
      stderr: '',
      exitCode: 0,
    })
    expect(c.now()).toBe(START)
  })

  it('times out after --timeout of virtual time when the pods never become ready', () => {
    const c = quietCluster()
    run(c, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'])
    expect(run(c, ['rollout', 'status', 'deploy/web', '--timeout=5s'])).toEqual({
      stdout: 'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n',
      stderr: 'error: timed out waiting for the condition\n',
      exitCode: 1,
    })
  })

  it('follows a rolling update, a line per change of the Deployment, until it has rolled out', () => {
    const c = readyDeployment()
    run(c, ['set', 'image', 'deploy/web', 'nginx=nginx:1.27'])
    const first = run(c, ['rollout', 'status', 'deploy/web', '--timeout=1s'])
    expect(first.stdout.split('\n')[0]).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...')
    expect(first.stderr).toBe('error: timed out waiting for the condition\n')
    const lines = new Set<string>()
    for (let i = 0; i < 10; i++) {
      markReady(c)
      const r = run(c, ['rollout', 'status', 'deploy/web', '--timeout=1s'])
      for (const l of r.stdout.split('\n').filter((x) => x)) lines.add(l)
      if (r.exitCode === 0) break
    }
    expect([...lines]).toContain('Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...')
    expect([...lines]).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...')
    expect([...lines].at(-1)).toBe('deployment "web" successfully rolled out')
  })

  it('ends with the progress deadline error when the new pods never become ready', () => {
    const c = readyDeployment()
    run(c, ['patch', 'deploy/web', '-p', '{"spec":{"progressDeadlineSeconds":10}}'])
    markReady(c)
    run(c, ['set', 'image', 'deploy/web', 'nginx=nginx:1.27'])
    const r = run(c, ['rollout', 'status', 'deploy/web'])
    expect(r.stderr).toBe('error: deployment "web" exceeded its progress deadline\n')
    expect(r.exitCode).toBe(1)
  })

  it.each([
    { argv: ['rollout', 'status'], stderr: 'error: required resource not specified\n' },
    { argv: ['rollout', 'status', 'deploy/nope'], stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
    { argv: ['rollout', 'status', 'deploy/web', '--revision=5'], stderr: 'error: desired revision (5) is different from the running revision (1)\n' },
    { argv: ['rollout', 'status', 'deploy/web', '--to-revision=1'], stderr: "Error: unknown flag: --to-revision\nSee 'kubectl rollout status --help' for usage.\n" },
    { argv: ['rollout', 'bogus'], stderr: 'error: unknown command "bogus"\nSee \'kubectl rollout -h\' for help and examples\n' },
  ])('refuses $argv', ({ argv, stderr }) => {
    expect(run(readyDeployment(), argv)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('has no status viewer for a ReplicaSet', () => {
    const c = readyDeployment()
    const rs = c.api.list('t', 'replicasets', { namespace: 'default' })
    const name = rs.ok ? rs.value.items[0].metadata.name : ''
    expect(run(c, ['rollout', 'status', `rs/${name}`]).stderr).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n')
  })
})

describe('kubectl rollout history and undo', () => {
  function twoRevisions() {
    const c = readyDeployment()
    run(c, ['set', 'image', 'deploy/web', 'nginx=nginx:1.27'])
    return c
  }

  it('lists the revisions, with a blank line after the table', () => {
    expect(run(twoRevisions(), ['rollout', 'history', 'deploy/web'])).toEqual({
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      stderr: '',
      exitCode: 0,
    })
  })

  it('shows the pod template of one revision, with the describer tabs as they are', () => {
    const out = run(twoRevisions(), ['rollout', 'history', 'deploy/web', '--revision=2']).stdout
    expect(out.startsWith('deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=')).toBe(true)
    expect(out).toContain('  Containers:\n   nginx:\n    Image:\tnginx:1.27\n')
    expect(run(twoRevisions(), ['rollout', 'history', 'deploy/web', '--revision=9']).stderr).toBe('error: unable to find the specified revision\n')
  })

  it('rolls back to the previous revision by patching the template back', () => {
    const c = twoRevisions()
    expect(run(c, ['rollout', 'undo', 'deploy/web'])).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', exitCode: 0 })
    expect(template(c).spec.containers[0].image).toBe('nginx')
    expect(run(c, ['rollout', 'history', 'deploy/web']).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
  })

  it('skips a rollback to the template it already has, and refuses an unknown revision', () => {
    const c = twoRevisions()
    expect(run(c, ['rollout', 'undo', 'deploy/web', '--to-revision=2']).stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)\n')
    expect(run(c, ['rollout', 'undo', 'deploy/web', '--to-revision=7'])).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 7 in history\n', exitCode: 1 })
    expect(run(readyDeployment(), ['rollout', 'undo', 'deploy/web']).stderr).toBe('error: no rollout history found for deployment "web"\n')
  })
})

describe('kubectl rollout restart, pause, resume', () => {
  it('restarts with the restartedAt annotation from the cluster clock, once per second', () => {
    const c = readyDeployment()
    expect(run(c, ['rollout', 'restart', 'deploy/web'])).toEqual({ stdout: 'deployment.apps/web restarted\n', stderr: '', exitCode: 0 })
    expect(template(c).metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-11-25T00:00:00Z' })
    expect(run(c, ['rollout', 'restart', 'deploy/web'])).toEqual({
      stdout: '',
      stderr: 'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
      exitCode: 1,
    })
  })

  it('pauses and resumes, refusing to do either twice', () => {
    const c = readyDeployment()
    expect(run(c, ['rollout', 'pause', 'deploy/web']).stdout).toBe('deployment.apps/web paused\n')
    expect(run(c, ['rollout', 'pause', 'deploy/web'])).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is already paused\n', exitCode: 1 })
    expect(run(c, ['rollout', 'restart', 'deploy/web']).stderr).toBe('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n')
    expect(run(c, ['rollout', 'undo', 'deploy/web', '--to-revision=1']).stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n")
    expect(run(c, ['rollout', 'resume', 'deploy/web']).stdout).toBe('deployment.apps/web resumed\n')
    expect(run(c, ['rollout', 'resume', 'deploy/web'])).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is not paused\n', exitCode: 1 })
  })

  it('restarts every deployment of the namespace when only the type is given', () => {
    const c = readyDeployment()
    expect(run(c, ['rollout', 'restart', 'deployment']).stdout).toBe('deployment.apps/web restarted\n')
    expect(run(c, ['rollout', 'restart', 'deployment', '-n', 'kube-public'])).toEqual({ stdout: '', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 })
  })

  it('prints its subcommand help', () => {
    expect(run(quietCluster(), ['rollout', 'status', '--help']).stdout).toContain('Usage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]\n')
  })
})

describe('kubectl rollout without a subcommand', () => {
  it('prints kubectl 1.32\'s help (34 lines, on stdout) and exits 1: deployments and daemonsets both roll out here', () => {
    const out = run(quietCluster(), ['rollout'])
    expect(out.exitCode).toBe(1)
    expect(out.stderr).toBe('')
    const lines = out.stdout.split('\n')
    expect(lines).toHaveLength(35) // 34 lines and the end
    // cobra prints the Long text's blank line as the 8 spaces of its template's indent.
    expect(lines.slice(0, 3)).toEqual(['Manage the rollout of one or many resources.', '        ', ' Valid resource types include:'])
    expect(out.stdout).toContain('  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n')
    expect(out.stdout).not.toContain('kubelings')
  })
})
